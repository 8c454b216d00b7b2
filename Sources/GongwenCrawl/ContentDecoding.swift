import CSystemZlib
import Foundation
import GongwenHTML

/// Bodies as sent (`Content-Encoding: gzip` or `deflate`) to bodies as written.
public enum ContentDecoding {
    public static func decode(_ body: [UInt8], encoding: String?, limit: Int) throws -> [UInt8] {
        switch encoding?.lowercased().trimmingCharacters(in: .whitespaces) {
        case nil, "", "identity":
            return body
        case "gzip", "x-gzip":
            do {
                return try GzipInflater.inflate(body, limit: limit)
            } catch {
                throw CrawlError("cannot inflate the gzip body: \(error)")
            }
        case "deflate":
            // `deflate` is zlib-wrapped by the standard, raw by some servers: zlib's automatic
            // header detection (window bits + 32) reads the wrapped one; the gzip reader above
            // does not read raw, so a raw body is tried as such.
            if let inflated = try? GzipInflater.inflate(body, limit: limit) { return inflated }
            return try inflateRaw(body, limit: limit)
        case let other?:
            throw CrawlError("the body is encoded as \(other), which gongwen does not read")
        }
    }

    /// The `charset` parameter of a `Content-Type`.
    public static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }

    static func inflateRaw(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init_raw(&stream) == Z_OK else { throw CrawlError("cannot start zlib") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        var input = input
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                }
            } while status == Z_OK && output.count <= limit
        }
        guard output.count <= limit else { throw CrawlError("the body inflates to more than \(limit) bytes") }
        guard status == Z_STREAM_END else { throw CrawlError("cannot inflate the deflate body (zlib \(status))") }
        return output
    }
}
