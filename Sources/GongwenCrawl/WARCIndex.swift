import Foundation
import GongwenHTML

/// What an existing web archive holds, for resuming a crawl: the responses by URL (with the
/// validators a conditional request sends back), and where its last whole record ends.
public struct WARCIndex: Sendable {
    public struct Response: Sendable, Equatable {
        public var uri: String
        public var status: Int
        /// `ETag` and `Last-Modified` as the server sent them.
        public var etag: String?
        public var lastModified: String?
        /// The body, decoded (HTML pages only: a listing answered `304` is read from here).
        public var body: [UInt8]?
        public var charset: String?
    }

    /// The latest response archived for each URL.
    public private(set) var responses: [String: Response] = [:]
    /// The bytes of the archive that hold whole records.
    public private(set) var validLength = 0
    public private(set) var fileLength = 0

    /// Reads the archive at `path` (an archive that does not exist is empty).
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let bytes = [UInt8](data)
        fileLength = bytes.count
        if bytes.starts(with: [0x1F, 0x8B]) {
            var offset = 0
            while offset < bytes.count {
                guard let (member, consumed) = try? GzipInflater.inflateMember(bytes, from: offset, limit: 1 << 31), consumed > 0,
                    readRecords(member, wholeOnly: true) != nil
                else { break }
                offset += consumed
                validLength = offset
            }
        } else {
            validLength = readRecords(bytes, wholeOnly: false) ?? 0
        }
    }

    /// Cuts a torn last record off the archive (a writer killed mid-record), so that it holds
    /// whole records only before anything is appended.
    public static func repair(_ path: String) throws {
        let index = try WARCIndex(path: path)
        guard index.validLength < index.fileLength else { return }
        guard truncate(path, off_t(index.validLength)) == 0 else {
            throw CrawlError("\(path): cannot cut off its torn last record: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the records in `bytes`; returns the length of the whole ones (nil when
    /// `wholeOnly` and one is cut off).
    private mutating func readRecords(_ bytes: [UInt8], wholeOnly: Bool) -> Int? {
        var offset = 0
        var whole = 0
        while offset < bytes.count {
            while offset < bytes.count, bytes[offset] == 0x0D || bytes[offset] == 0x0A { offset += 1 }
            guard offset < bytes.count else { break }
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: offset) else { return wholeOnly ? nil : whole }
            let headers = Self.headers(bytes[offset..<headerEnd])
            guard let length = Int(headers["content-length"] ?? ""), length >= 0, headerEnd + 4 + length <= bytes.count else {
                return wholeOnly ? nil : whole
            }
            let block = bytes[(headerEnd + 4)..<(headerEnd + 4 + length)]
            offset = headerEnd + 4 + length
            if headers["warc-type"] == "response", let uri = headers["warc-target-uri"] {
                let blockBytes = Array(block)
                let headEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: blockBytes, from: 0)
                let http = headEnd.map { Self.headers(blockBytes[0..<$0]) } ?? [:]
                let statusLine = String(decoding: block.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
                let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                let type = http["content-type"] ?? ""
                var body: [UInt8]?
                if let headEnd, type.lowercased().contains("html") {
                    body = try? ContentDecoding.decode(
                        Array(blockBytes[(headEnd + 4)...]), encoding: http["content-encoding"], limit: 1 << 28)
                }
                responses[uri] = Response(
                    uri: uri, status: status, etag: http["etag"], lastModified: http["last-modified"], body: body,
                    charset: ContentDecoding.charset(of: type))
            }
            // The two line breaks after the block belong to the record.
            if offset + 4 <= bytes.count, bytes[offset..<(offset + 4)].elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) { offset += 4 }
            whole = offset
        }
        return whole
    }

    static func headers(_ bytes: ArraySlice<UInt8>) -> [String: String] { WARCReader.parseHeaders(bytes) }

    static func find(_ needle: [UInt8], in data: [UInt8], from start: Int) -> Int? { WARCReader.find(needle, in: data, from: start) }
}
