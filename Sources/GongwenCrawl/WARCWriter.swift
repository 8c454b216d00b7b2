import CSystemZlib
import Foundation
import GongwenCore
import GongwenHTML

/// Writes a web archive (WARC/1.1, ISO 28500), one gzip member per record for `.warc.gz`.
///
/// Every exchange is two records: the `request` as sent and the `response` as received (status
/// line, headers, and the body as transferred: still compressed when the server sent it with
/// `Content-Encoding: gzip`, without the chunked framing — the record keeps no
/// `Transfer-Encoding` header, and says `Content-Length`). Each carries `WARC-Block-Digest`,
/// the response `WARC-Payload-Digest` (SHA-1, base 32, as crawlers write them), and the request
/// points to its response (`WARC-Concurrent-To`).
///
/// A record pair is written with one `write` after it is whole; an archive is opened for
/// appending only after a torn last record (a killed writer) is cut off, so the archive holds
/// whole records only, whatever stopped the writer before.
public final class WARCWriter {
    public let path: String
    public let compressed: Bool
    private let descriptor: Int32

    /// Opens (or makes) the archive for appending. A new archive starts with a `warcinfo`
    /// record naming the software.
    public init(path: String, software: String) throws {
        self.path = path
        compressed = path.lowercased().hasSuffix(".gz")
        let existing = FileManager.default.fileExists(atPath: path)
        if existing { try WARCIndex.repair(path) }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CrawlError("\(path): cannot open the archive: \(String(cString: strerror(errno)))") }
        if !existing || (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            let info =
                "software: \(software)\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            try append(
                record(
                    type: "warcinfo", uri: nil, date: Date(), contentType: "application/warc-fields", block: Array(info.utf8),
                    extra: [("WARC-Filename", (path as NSString).lastPathComponent)]))
        }
    }

    deinit { close(descriptor) }

    /// Appends a request and its response.
    ///
    /// - Returns: The response record's id.
    @discardableResult
    /// - Parameter listing: The page is a listing (its response record says
    ///   `Gongwen-Page-Role: listing`, so that extracting the archive skips it).
    public func write(
        request: [UInt8], response: [UInt8], payload: [UInt8], uri: String, date: Date, address: String?, listing: Bool = false
    ) throws -> String {
        let responseID = "<urn:uuid:\(UUID().uuidString.lowercased())>"
        var responseExtra = [("WARC-Payload-Digest", Self.sha1(payload))]
        if let address { responseExtra.append(("WARC-IP-Address", address)) }
        if listing { responseExtra.append((WARCReader.roleField, "listing")) }
        let responseRecord = record(
            type: "response", uri: uri, date: date, contentType: "application/http;msgtype=response", block: response, id: responseID,
            extra: responseExtra)
        let requestRecord = record(
            type: "request", uri: uri, date: date, contentType: "application/http;msgtype=request", block: request,
            extra: [("WARC-Concurrent-To", responseID)])
        try append(requestRecord + responseRecord)
        return responseID
    }

    /// One record: its header, block and the two line breaks that end it; a gzip member of its
    /// own in a `.warc.gz`.
    func record(
        type: String, uri: String?, date: Date, contentType: String, block: [UInt8], id: String? = nil, extra: [(String, String)] = []
    ) -> [UInt8] {
        var header = "WARC/1.1\r\n"
        header += "WARC-Type: \(type)\r\n"
        header += "WARC-Record-ID: \(id ?? "<urn:uuid:\(UUID().uuidString.lowercased())>")\r\n"
        header += "WARC-Date: \(Self.warcDate(date))\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        for (name, value) in extra { header += "\(name): \(value)\r\n" }
        header += "WARC-Block-Digest: \(Self.sha1(block))\r\n"
        header += "Content-Type: \(contentType)\r\n"
        header += "Content-Length: \(block.count)\r\n\r\n"
        let bytes = Array(header.utf8) + block + Array("\r\n\r\n".utf8)
        return compressed ? Self.gzip(bytes) : bytes
    }

    private func append(_ bytes: [UInt8]) throws {
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw CrawlError("\(path): cannot write: \(String(cString: strerror(errno)))")
                }
                written += result
            }
        }
    }

    // MARK: - Encodings

    /// `2026-12-05T10:40:12Z`.
    public static func warcDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `sha1:` and the SHA-1 in base 32 (RFC 4648), as WARC digests are written.
    public static func sha1(_ bytes: [UInt8]) -> String {
        "sha1:" + base32(SHA256Digest.sha1(bytes))
    }

    static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
        return String(decoding: output, as: UTF8.self)
    }

    /// One gzip member.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init_gzip(&stream, 6) == Z_OK, "zlib could not start")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "zlib could not finish a gzip member")
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}

/// Why fetching or archiving failed.
public struct CrawlError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
