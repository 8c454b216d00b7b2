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
        WARCReader.charset(ofContentType: contentType)
    }

    static func inflateRaw(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        do {
            return try GzipInflater.inflateRaw(input, limit: limit)
        } catch {
            throw CrawlError("cannot inflate the deflate body: \(error)")
        }
    }
}
