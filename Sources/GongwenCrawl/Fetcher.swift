import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches pages politely and records every exchange in a web archive.
///
/// - `robots.txt` is read once per host and honoured (`Disallow`/`Allow` by longest match, for
///   `gongwen` or `*`; a `Crawl-delay` longer than `delay` is kept).
/// - At most `perHost` requests to a host at once, and `delay` seconds between the starts of
///   two requests to it.
/// - `429` and `503` with `Retry-After` (seconds or an HTTP date) are waited for, up to
///   `maximumRetryAfter`; timeouts, connection failures and other `5xx` are retried with
///   doubling pauses, `retries` times.
/// - Redirects are followed here, at most `maximumRedirects`, never in a loop, only to `http`
///   and `https`, and only within the scope (when there is one) — every hop is checked.
/// - A response larger than `maximumBytes` or slower than `timeout` is abandoned.
/// - `Accept-Encoding: gzip, deflate`: bodies are archived as sent, decoded when read.
/// - A page already archived is asked for again with `If-None-Match` / `If-Modified-Since`;
///   a `304` writes nothing.
public final class Fetcher: Sendable {
    public struct Options: Sendable {
        public var userAgent = "gongwen/\(CrawlVersion.current) (+https://github.com/gongwen; notice extraction)"
        public var perHost = 2
        public var delay = 1.0
        public var timeout = 30.0
        public var maximumBytes = 64 << 20
        public var maximumRedirects = 5
        public var retries = 3
        public var maximumRetryAfter = 120.0
        /// URL prefixes pages must stay within (empty: any http or https URL).
        public var scope: [String] = []

        public init() {}
    }

    /// What one fetch came to.
    public enum Outcome: Sendable {
        /// A 2xx response: its final URL (after redirects), the body decoded, the charset of
        /// its `Content-Type`.
        case fetched(url: String, body: [UInt8], charset: String?, contentType: String)
        case notModified(url: String)
        case refused(url: String, reason: String)
        case failed(url: String, reason: String)
    }

    public let options: Options
    private let client: HTTPClient
    private let archive: ArchiveSink
    private let gates: HostGates
    private let robots: RobotsCache
    let log: @Sendable (String) -> Void

    /// - Parameter archive: The web archive to append to (made when missing; a torn last
    ///   record cut off first).
    public init(options: Options, archive: String, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.options = options
        self.archive = ArchiveSink(writer: try WARCWriter(path: archive, software: "gongwen \(CrawlVersion.current)"))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(Int64(min(options.timeout, 60))), read: .seconds(Int64(max(1, options.timeout)))),
            decompression: .disabled)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, options.perHost)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        gates = HostGates(perHost: max(1, options.perHost), delay: options.delay)
        robots = RobotsCache()
        self.log = log
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Whether a URL is one this fetcher may ask for: http or https, within the scope.
    public func inScope(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host != nil
        else { return false }
        return options.scope.isEmpty || options.scope.contains { url.hasPrefix($0) }
    }

    /// Fetches `url`, following redirects; with `validators`, conditionally.
    /// - Parameter listing: A listing page: archived as one (`Gongwen-Page-Role: listing`).
    public func fetch(_ url: String, validators: WARCIndex.Response? = nil, checkScope: Bool = true, listing: Bool = false) async -> Outcome
    {
        var current = url
        var seen: Set<String> = [url]
        for _ in 0...options.maximumRedirects {
            guard let parsed = URL(string: current), let host = parsed.host else { return .failed(url: current, reason: "not a URL") }
            if checkScope, !inScope(current) { return .refused(url: current, reason: "out of scope") }
            if !(await allowedByRobots(parsed)) { return .refused(url: current, reason: "disallowed by robots.txt") }
            let result = await exchange(current, host: host, validators: current == url ? validators : nil, listing: listing)
            switch result {
            case .failure(let error):
                return .failed(url: current, reason: error.description)
            case .success(let response):
                switch response.status {
                case 200..<300:
                    let body: [UInt8]
                    do {
                        body = try ContentDecoding.decode(
                            response.body, encoding: response.header("content-encoding"), limit: options.maximumBytes)
                    } catch {
                        return .failed(url: current, reason: "\(error)")
                    }
                    let type = response.header("content-type") ?? ""
                    return .fetched(url: current, body: body, charset: ContentDecoding.charset(of: type), contentType: type)
                case 304:
                    return .notModified(url: current)
                case 301, 302, 303, 307, 308:
                    guard let location = response.header("location"), let next = URL(string: location, relativeTo: parsed)?.absoluteString
                    else { return .failed(url: current, reason: "redirect without a Location") }
                    guard seen.insert(next).inserted else { return .failed(url: url, reason: "redirect loop at \(next)") }
                    current = next
                default:
                    return .failed(url: current, reason: "HTTP \(response.status)")
                }
            }
        }
        return .failed(url: url, reason: "more than \(options.maximumRedirects) redirects")
    }

    /// A response as received: status, headers, the body as transferred.
    struct Response: Sendable {
        var status: Int
        var reason: String
        var version: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name }?.1
        }
    }

    /// One request, with its retries, archived.
    private func exchange(
        _ url: String, host: String, validators: WARCIndex.Response?, archiving: Bool = true, listing: Bool = false
    ) async -> Result<Response, CrawlError> {
        var attempt = 0
        var pause = 0.5
        while true {
            attempt += 1
            await gates.acquire(host)
            let outcome = await send(url, validators: validators, archiving: archiving, listing: listing)
            await gates.release(host)
            switch outcome {
            case .success(let response):
                if response.status == 429 || response.status == 503, attempt <= options.retries {
                    let wait = Self.retryAfter(response.header("retry-after")) ?? pause
                    guard wait <= options.maximumRetryAfter else { return .success(response) }
                    log("\(url): HTTP \(response.status), trying again in \(String(format: "%.1f", wait)) s")
                    try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                    pause *= 2
                    continue
                }
                if response.status >= 500, attempt <= options.retries {
                    log("\(url): HTTP \(response.status), trying again in \(String(format: "%.1f", pause)) s")
                    try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
                    pause *= 2
                    continue
                }
                return .success(response)
            case .failure(let error):
                let reason = error.description
                if attempt <= options.retries, !reason.hasPrefix("larger than") {
                    log("\(url): \(reason), trying again in \(String(format: "%.1f", pause)) s")
                    try? await Task.sleep(nanoseconds: UInt64(pause * 1e9))
                    pause *= 2
                    continue
                }
                return .failure(error)
            }
        }
    }

    /// Sends one request and archives the exchange (a 304 is not archived).
    private func send(
        _ url: String, validators: WARCIndex.Response?, archiving: Bool, listing: Bool
    ) async -> Result<Response, CrawlError> {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        var sent: [(String, String)] = [
            ("User-Agent", options.userAgent), ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
            ("Accept-Encoding", "gzip, deflate"),
        ]
        if let etag = validators?.etag { sent.append(("If-None-Match", etag)) }
        if let modified = validators?.lastModified { sent.append(("If-Modified-Since", modified)) }
        for (name, value) in sent { request.headers.add(name: name, value: value) }
        let date = Date()
        let response: Response
        do {
            let received = try await client.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
            let body = try await received.body.collect(upTo: options.maximumBytes)
            response = Response(
                status: Int(received.status.code), reason: received.status.reasonPhrase,
                version: "HTTP/\(received.version.major).\(received.version.minor)",
                headers: received.headers.map { ($0.name, $0.value) }, body: Array(buffer: body))
        } catch let error as NIOTooManyBytesError {
            _ = error
            return .failure(CrawlError("larger than \(options.maximumBytes) bytes"))
        } catch {
            return .failure(CrawlError(Self.describe(error)))
        }
        if archiving, response.status != 304 {
            do {
                try await archive.write(request: requestBlock(url, sent), response: response, uri: url, date: date, listing: listing)
            } catch {
                return .failure(CrawlError("\(error)"))
            }
        }
        return .success(response)
    }

    private func requestBlock(_ url: String, _ headers: [(String, String)]) -> [UInt8] {
        let parsed = URL(string: url)
        var target = parsed?.path.isEmpty == false ? parsed!.path : "/"
        if let query = parsed?.query { target += "?" + query }
        var text = "GET \(target) HTTP/1.1\r\nHost: \(parsed?.host ?? "")\(parsed?.port.map { ":\($0)" } ?? "")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// Whether robots.txt lets us fetch the URL (fetched once per host and run; not archived,
    /// so that a rerun over an unchanged site adds nothing).
    private func allowedByRobots(_ url: URL) async -> Bool {
        guard let scheme = url.scheme, let host = url.host else { return false }
        let origin = "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
        let rules: RobotsRules
        if let known = await robots.rules(for: origin) {
            rules = known
        } else {
            var fetched = RobotsRules(text: "")
            if case .success(let response) = await exchange(
                origin + "/robots.txt", host: host, validators: WARCIndex.Response?.none, archiving: false),
                response.status == 200
            {
                let body = (try? ContentDecoding.decode(response.body, encoding: response.header("content-encoding"), limit: 1 << 20)) ?? []
                fetched = RobotsRules(text: String(decoding: body, as: UTF8.self))
            }
            rules = await robots.store(fetched, for: origin)
            if let delay = rules.crawlDelay { await gates.lengthen(host, to: delay) }
        }
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        return rules.allows(path)
    }

    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}

/// The archive, written by one fetch at a time.
actor ArchiveSink {
    private let writer: WARCWriter

    init(writer: sending WARCWriter) { self.writer = writer }

    func write(request: [UInt8], response: Fetcher.Response, uri: String, date: Date, listing: Bool) throws {
        // The body as transferred, without chunked framing: the record says its length.
        var head = "\(response.version) \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers where name.lowercased() != "transfer-encoding" && name.lowercased() != "content-length" {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\n\r\n"
        try writer.write(
            request: request, response: Array(head.utf8) + response.body, payload: response.body, uri: uri, date: date, address: nil,
            listing: listing)
    }
}

/// Per-host limits: at most `perHost` requests at once, `delay` seconds between starts.
actor HostGates {
    private var active: [String: Int] = [:]
    private var nextStart: [String: Date] = [:]
    private var delays: [String: Double] = [:]
    private let perHost: Int
    private let delay: Double

    init(perHost: Int, delay: Double) {
        self.perHost = perHost
        self.delay = delay
    }

    func acquire(_ host: String) async {
        while true {
            let now = Date()
            let start = nextStart[host] ?? .distantPast
            if active[host, default: 0] < perHost, now >= start {
                active[host, default: 0] += 1
                nextStart[host] = now.addingTimeInterval(delays[host] ?? delay)
                return
            }
            let wait = max(0.005, min(0.25, start.timeIntervalSince(now)))
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    func release(_ host: String) {
        active[host, default: 1] -= 1
    }

    /// A `Crawl-delay` longer than the delay asked for.
    func lengthen(_ host: String, to seconds: Double) {
        delays[host] = max(delay, min(seconds, 60))
    }
}

actor RobotsCache {
    private var rules: [String: RobotsRules] = [:]

    func rules(for origin: String) -> RobotsRules? { rules[origin] }

    func store(_ found: RobotsRules, for origin: String) -> RobotsRules {
        if let known = rules[origin] { return known }
        rules[origin] = found
        return found
    }
}

public enum CrawlVersion {
    public static let current = "0.1.0"
}
