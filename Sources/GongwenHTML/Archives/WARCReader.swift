import GongwenCore

/// Reads the HTML responses of a WARC web archive (ISO 28500), plain or gzipped.
///
/// ```
/// WARC/1.0                                  <- record header
/// WARC-Type: response
/// WARC-Target-URI: http://www.example.gov.cn/a.htm
/// WARC-Date: 2019-03-01T08:00:00Z
/// Content-Length: 1234
///
/// HTTP/1.1 200 OK                           <- block: the HTTP response
/// Content-Type: text/html; charset=gb2312   <- the charset hint
///
/// <html>…                                   <- the page
/// ```
///
/// Each `response` record whose HTTP payload is HTML (by `Content-Type`, or by its bytes when
/// the type is missing) is one input; request, metadata and other records are skipped.
public enum WARCReader {
    /// One archived page.
    public struct Record: Sendable, Equatable {
        /// 1-based position among the archive's records.
        public var index: Int
        public var targetURI: String?
        public var date: String?
        /// The charset of the HTTP `Content-Type`, a decoding hint.
        public var charset: String?
        public var payload: [UInt8]
        /// An office or PDF file (`Content-Type` or the URI's extension says so): the
        /// attachment of a page that links it, not a page.
        public var isDocument: Bool = false
    }

    /// Why an archive could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notWARC
        case truncated(record: Int)
        case gzip(String)

        public var description: String {
            switch self {
            case .notWARC: "not a WARC file (no WARC/1.x record header)"
            case .truncated(let record): "record \(record) is cut off (Content-Length runs past the end)"
            case .gzip(let reason): "cannot inflate: \(reason)"
            }
        }
    }

    /// The record field a crawler writes on the listing pages it archived (`Gongwen-Page-Role:
    /// listing`): they are how notices were found, not notices, and are not read as pages.
    public static let roleField = "Gongwen-Page-Role"

    /// The HTML response records of an archive, and its office and PDF files (`isDocument`).
    ///
    /// - Parameter limit: The largest archive, inflated, that is read.
    public static func records(_ bytes: [UInt8], limit: Int) throws(Failure) -> [Record] {
        var data = bytes
        if bytes.starts(with: [0x1F, 0x8B]) {
            do {
                data = try GzipInflater.inflate(bytes, limit: limit)
            } catch {
                switch error {
                case .corrupt(let offset, let reason): throw .gzip("\(reason) at byte \(offset)")
                case .tooLarge(let limit): throw .gzip("more than \(limit) bytes inflated")
                }
            }
        }
        guard data.starts(with: Array("WARC/".utf8)) else { throw .notWARC }
        var records: [Record] = []
        let walked = walk(data) { index, headers, block in
            guard headers["warc-type"]?.lowercased() == "response", headers[roleField.lowercased()] != "listing" else { return }
            let uri = headers["warc-target-uri"]
            guard let response = httpResponse(Array(block), uri: uri) else { return }
            records.append(
                Record(
                    index: index, targetURI: uri, date: headers["warc-date"], charset: response.charset, payload: response.payload,
                    isDocument: response.isDocument))
        }
        switch walked.end {
        case .complete: return records
        case .notWARC: throw .notWARC
        case .truncated(let record): throw .truncated(record: record)
        }
    }

    /// How a walk over an archive's records ended.
    public enum WalkEnd: Sendable, Equatable {
        case complete
        /// Something that is no WARC record where one should start.
        case notWARC
        /// The record of this 1-based index is cut off.
        case truncated(record: Int)
    }

    /// Walks the records of inflated WARC bytes in order, giving each its 1-based index, its
    /// header fields (names lower-cased) and its block; stops at the first one cut off.
    ///
    /// - Returns: How the walk ended, and the length of the whole records (with the line
    ///   breaks that end each).
    public static func walk(
        _ data: [UInt8], _ visit: (_ index: Int, _ headers: [String: String], _ block: ArraySlice<UInt8>) -> Void
    ) -> (end: WalkEnd, whole: Int) {
        var offset = 0
        var index = 0
        var whole = 0
        while offset < data.count {
            // Records are separated by CRLF CRLF; skip blank lines between them.
            while offset < data.count, data[offset] == 0x0D || data[offset] == 0x0A { offset += 1 }
            guard offset < data.count else { break }
            guard data[offset...].starts(with: Array("WARC/".utf8)) else { return (.notWARC, whole) }
            index += 1
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: data, from: offset) else { return (.truncated(record: index), whole) }
            let headers = parseHeaders(data[offset..<headerEnd])
            let length = Int(headers["content-length"] ?? "") ?? 0
            let blockStart = headerEnd + 4
            guard length >= 0, blockStart + length <= data.count else { return (.truncated(record: index), whole) }
            visit(index, headers, data[blockStart..<(blockStart + length)])
            offset = blockStart + length
            if offset + 4 <= data.count, data[offset..<(offset + 4)].elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) { offset += 4 }
            whole = offset
        }
        return (.complete, whole)
    }

    /// The status of an HTTP response block (`HTTP/1.1 200 OK` → 200).
    public static func status(ofResponse block: ArraySlice<UInt8>) -> Int? {
        let statusLine = String(decoding: block.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        return statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    // MARK: - Private API

    /// `Name: value` lines (a WARC record's or an HTTP message's head), names lower-cased.
    public static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = String(line[line.index(after: colon)...]).trimmedText
        }
        return headers
    }

    /// `Content-Type`s of the files a notice attaches (Word, Excel, WPS, PDF).
    static let documentTypes = [
        "application/vnd.openxmlformats-officedocument", "application/msword", "application/vnd.ms-excel", "application/pdf",
        "application/kswps", "application/wps", "application/vnd.ms-works", "application/et",
    ]

    /// The payload and charset of an HTML HTTP response, or the payload of an office or PDF
    /// file (told by its `Content-Type`, or by the URI's extension when the type says nothing
    /// more than `application/octet-stream`).
    private static func httpResponse(_ block: [UInt8], uri: String?) -> (payload: [UInt8], charset: String?, isDocument: Bool)? {
        guard block.starts(with: Array("HTTP/".utf8)) else { return nil }
        let end =
            find([0x0D, 0x0A, 0x0D, 0x0A], in: block, from: 0).map { ($0, 4) }
            ?? find([0x0A, 0x0A], in: block, from: 0).map { ($0, 2) }
        guard let (headerEnd, separator) = end else { return nil }
        // Only what the server gave as the page: a 2xx response (an error page, a redirect or
        // a 503 a crawler kept on its way is no notice).
        guard let status = status(ofResponse: block[...]), (200..<300).contains(status) else { return nil }
        let headers = parseHeaders(block[0..<headerEnd])
        var payload = Array(block[(headerEnd + separator)...])
        // A body archived as sent (`Content-Encoding: gzip`) is read as written.
        if let encoding = headers["content-encoding"]?.lowercased(), encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate" {
            guard let inflated = try? GzipInflater.inflate(payload, limit: 1 << 30) else { return nil }
            payload = inflated
        }
        let type = headers["content-type"]?.lowercased() ?? ""
        guard !payload.isEmpty else { return nil }
        let hasDocumentName = uri.flatMap { AttachmentLink.attachmentExtension(of: $0) } != nil
        if documentTypes.contains(where: { type.hasPrefix($0) })
            || (hasDocumentName && (type.isEmpty || type.hasPrefix("application/octet-stream") || type.hasPrefix("application/")))
        {
            return (payload, nil, true)
        }
        let isHTML = type.utf8Contains("html") || (type.isEmpty && looksLikeHTML(payload))
        guard isHTML else { return nil }
        return (payload, charset(ofContentType: type), false)
    }

    /// The `charset` parameter of a `Content-Type` (`text/html; charset="GBK"` → `GBK`).
    public static func charset(ofContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmedText }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                var value = Substring(pair[1])
                while value.first == "\"" || value.first == "'" { value = value.dropFirst() }
                while value.last == "\"" || value.last == "'" { value = value.dropLast() }
                return value.isEmpty ? nil : String(value)
            }
        }
        return nil
    }

    private static func looksLikeHTML(_ payload: [UInt8]) -> Bool {
        let head = String(decoding: payload.prefix(512), as: UTF8.self).lowercased()
        return head.utf8Contains("<html") || head.utf8Contains("<!doctype html")
    }

    /// Where `needle` first stands in `data` at or after `start`.
    public static func find(_ needle: [UInt8], in data: [UInt8], from start: Int) -> Int? {
        guard needle.count <= data.count else { return nil }
        var i = start
        while i + needle.count <= data.count {
            if data[i] == needle[0], data[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
