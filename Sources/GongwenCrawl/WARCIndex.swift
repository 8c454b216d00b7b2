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

    /// Whether the URL is archived with a page or a redirect (whose target was followed then):
    /// a notice or file not to fetch again.
    public func holds(_ url: String) -> Bool {
        responses[url].map { (200..<400).contains($0.status) } ?? false
    }

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
        let walked = WARCReader.walk(bytes) { _, headers, block in
            guard headers["warc-type"] == "response", let uri = headers["warc-target-uri"] else { return }
            let blockBytes = Array(block)
            let headEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: blockBytes, from: 0)
            let http = headEnd.map { Self.headers(blockBytes[0..<$0]) } ?? [:]
            let type = http["content-type"] ?? ""
            var body: [UInt8]?
            if let headEnd, type.lowercased().contains("html") {
                body = try? ContentDecoding.decode(Array(blockBytes[(headEnd + 4)...]), encoding: http["content-encoding"], limit: 1 << 28)
            }
            responses[uri] = Response(
                uri: uri, status: WARCReader.status(ofResponse: block) ?? 0, etag: http["etag"], lastModified: http["last-modified"],
                body: body, charset: ContentDecoding.charset(of: type))
        }
        return wholeOnly && walked.end != .complete ? nil : walked.whole
    }

    static func headers(_ bytes: ArraySlice<UInt8>) -> [String: String] { WARCReader.parseHeaders(bytes) }

    static func find(_ needle: [UInt8], in data: [UInt8], from start: Int) -> Int? { WARCReader.find(needle, in: data, from: start) }
}
