import Foundation
import GongwenCore
import GongwenHTML

/// Walks listing pages and fetches the notices they list and the files those notices attach,
/// into a web archive.
///
/// Listing pages are read in the order their pagination gives (at most `maximumPages`); with
/// `since`, paging stops at the first page all of whose dated notices are older, and older
/// notices are not fetched. A page already archived is not fetched again, except listings,
/// which are asked for conditionally (`If-None-Match` / `If-Modified-Since`): an unchanged
/// listing answers `304` and is read from the archive, so a second crawl of an unchanged site
/// transfers no page bodies, and a listing that gained a notice leads to that notice only.
/// Attachments are fetched from the notice's host (scope or not), never from elsewhere.
public final class Crawler: Sendable {
    public struct Options: Sendable {
        public var maximumPages = 50
        public var since: CalendarDate?
        /// Notices fetched at once (the fetcher still keeps to its per-host limit).
        public var concurrency = 4

        public init() {}
    }

    /// What a crawl did, by URL.
    public struct Summary: Sendable {
        public var listings: [String] = []
        public var notices: [String] = []
        public var attachments: [String] = []
        /// Archived before: not fetched again.
        public var alreadyArchived: [String] = []
        public var notModified: [String] = []
        public var tooOld: [String] = []
        public var refused: [(url: String, reason: String)] = []
        public var failed: [(url: String, reason: String)] = []
        public var interrupted = false
    }

    let fetcher: Fetcher
    let archived: WARCIndex
    let options: Options
    let stop: StopFlag

    public init(fetcher: Fetcher, archived: WARCIndex, options: Options, stop: StopFlag = StopFlag()) {
        self.fetcher = fetcher
        self.archived = archived
        self.options = options
        self.stop = stop
    }

    /// Crawls from the listing pages `starts`; `progress` hears (done, total, failed) as the
    /// notices are fetched.
    public func crawl(_ starts: [String], progress: @Sendable (Int, Int, Int) -> Void = { _, _, _ in }) async -> Summary {
        var summary = Summary()
        var queue = starts
        var queued = Set(starts)
        var notices: [ListingReader.NoticeLink] = []
        var noticeURLs = Set<String>()
        while !queue.isEmpty, summary.listings.count < options.maximumPages {
            if stop.isSet {
                summary.interrupted = true
                break
            }
            let url = queue.removeFirst()
            let previous = archived.responses[url]
            let body: (bytes: [UInt8], charset: String?)
            switch await fetcher.fetch(url, validators: previous?.status == 200 ? previous : nil, listing: true) {
            case .fetched(_, let bytes, let charset, _):
                body = (bytes, charset)
            case .notModified:
                summary.notModified.append(url)
                guard let kept = previous, let bytes = kept.body else { continue }
                body = (bytes, kept.charset)
            case .refused(let at, let reason):
                summary.refused.append((at, reason))
                continue
            case .failed(let at, let reason):
                summary.failed.append((at, reason))
                continue
            }
            summary.listings.append(url)
            let listing = ListingReader.read(body.bytes, url: url, charset: body.charset)
            var newer = 0
            var dated = 0
            for notice in listing.notices where noticeURLs.insert(notice.url).inserted {
                if let date = notice.date {
                    dated += 1
                    if let since = options.since, date < since {
                        summary.tooOld.append(notice.url)
                        continue
                    }
                    newer += 1
                }
                notices.append(notice)
            }
            // Listings run newest first: a page with nothing new enough ends the paging.
            if options.since != nil, dated > 0, newer == 0 { break }
            for page in listing.pages where queued.insert(page).inserted { queue.append(page) }
        }
        let fetched = await fetchNotices(notices.map(\.url), checkScope: true, progress: progress)
        summary.notices = fetched.notices
        summary.attachments = fetched.attachments
        summary.alreadyArchived = fetched.alreadyArchived
        summary.refused += fetched.refused
        summary.failed += fetched.failed
        summary.interrupted = summary.interrupted || fetched.interrupted
        return summary
    }

    /// Fetches notice pages (those not archived yet) and the files they attach; `progress`
    /// hears (done, total, failed) after each notice.
    public func fetchNotices(
        _ urls: [String], checkScope: Bool, progress: @Sendable (Int, Int, Int) -> Void = { _, _, _ in }
    ) async -> Summary {
        var summary = Summary()
        var done = 0
        var pending = urls[...]
        await withTaskGroup(of: Summary.self) { group in
            func startNext() -> Bool {
                guard !stop.isSet, let url = pending.popFirst() else { return false }
                group.addTask { await self.fetchNotice(url, checkScope: checkScope) }
                return true
            }
            for _ in 0..<max(1, options.concurrency) where !startNext() { break }
            while let one = await group.next() {
                summary.notices += one.notices
                summary.attachments += one.attachments
                summary.alreadyArchived += one.alreadyArchived
                summary.refused += one.refused
                summary.failed += one.failed
                done += 1
                progress(done, urls.count, summary.failed.count)
                _ = startNext()
            }
        }
        summary.interrupted = stop.isSet && !pending.isEmpty
        return summary
    }

    private func fetchNotice(_ url: String, checkScope: Bool) async -> Summary {
        var summary = Summary()
        if archived.holds(url) {
            summary.alreadyArchived.append(url)
            return summary
        }
        switch await fetcher.fetch(url, checkScope: checkScope) {
        case .fetched(let final, let body, let charset, let type):
            summary.notices.append(url)
            guard type.lowercased().contains("html") || type.isEmpty else { return summary }
            for attachment in Self.attachmentLinks(body, url: final, charset: charset) {
                guard !stop.isSet else { break }
                if archived.holds(attachment) {
                    summary.alreadyArchived.append(attachment)
                    continue
                }
                switch await fetcher.fetch(attachment, checkScope: false) {
                case .fetched: summary.attachments.append(attachment)
                case .notModified: summary.alreadyArchived.append(attachment)
                case .refused(let at, let reason): summary.refused.append((at, reason))
                case .failed(let at, let reason): summary.failed.append((at, reason))
                }
            }
        case .notModified:
            summary.alreadyArchived.append(url)
        case .refused(let at, let reason):
            summary.refused.append((at, reason))
        case .failed(let at, let reason):
            summary.failed.append((at, reason))
        }
        return summary
    }

    /// The office and PDF files a notice page links, on its own host.
    static func attachmentLinks(_ body: [UInt8], url: String, charset: String?) -> [String] {
        guard let base = URL(string: url) else { return [] }
        let text = TextDecoder.decode(body, hint: charset).text
        guard let page = try? HTMLPageReader.read(text, limits: ReaderLimits()) else { return [] }
        var result: [String] = []
        for link in page.hints.attachmentLinks {
            guard let resolved = URL(string: link.href.trimmingCharacters(in: .whitespaces), relativeTo: base)?.absoluteURL,
                let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https", resolved.host == base.host
            else { continue }
            var absolute = resolved.absoluteString
            if let hash = absolute.firstIndex(of: "#") { absolute = String(absolute[..<hash]) }
            if !result.contains(absolute) { result.append(absolute) }
        }
        return result
    }
}

/// Set once (Ctrl-C): no new fetch starts; the ones under way finish and are archived whole.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    public init() {}

    public var isSet: Bool { lock.withLock { value } }

    public func set() { lock.withLock { value = true } }
}
