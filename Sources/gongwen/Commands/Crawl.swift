import ArgumentParser
import Foundation
import Gongwen
import GongwenCore
import GongwenCrawl

/// The options `fetch` and `crawl` share: the archive, the output, politeness and limits.
struct FetchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The web archive to write (or append to): .warc.gz or .warc.", valueName: "file"))
    var warc = "gongwen.warc.gz"

    @Option(name: .shortAndLong, help: ArgumentHelp("Extract the archive into this folder, as `gongwen batch` would.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Requests to one host at once.", valueName: "n"))
    var perHost = 2

    @Option(help: ArgumentHelp("Seconds between two requests to one host (a longer robots.txt Crawl-delay wins).", valueName: "seconds"))
    var delay = 1.0

    @Option(help: ArgumentHelp("Seconds a response may take.", valueName: "seconds"))
    var timeout = 30.0

    @Option(help: ArgumentHelp("Largest response body, in bytes.", valueName: "n"))
    var maxBytes = 64 << 20

    @Option(help: ArgumentHelp("Times a timeout, a 5xx or a 429/503 is tried again.", valueName: "n"))
    var retries = 3

    @Flag(name: .shortAndLong, help: "No progress lines and no summary.")
    var quiet = false

    func validate() throws {
        if perHost < 1 { throw ValidationError("--per-host must be at least 1") }
        if delay < 0 || timeout <= 0 { throw ValidationError("--delay must be 0 or more and --timeout more than 0") }
    }

    func fetcherOptions(scope: [String]) -> Fetcher.Options {
        var options = Fetcher.Options()
        options.perHost = perHost
        options.delay = delay
        options.timeout = timeout
        options.maximumBytes = maxBytes
        options.retries = retries
        options.scope = scope
        return options
    }

    /// Opens the fetcher on the archive (what it holds read first, a torn last record cut off).
    func open(scope: [String]) throws -> (Fetcher, WARCIndex) {
        do {
            try WARCIndex.repair(warc)
            let index = try WARCIndex(path: warc)
            let quiet = self.quiet
            let fetcher = try Fetcher(options: fetcherOptions(scope: scope), archive: warc) { line in
                if !quiet { StandardError.write("gongwen: " + line) }
            }
            return (fetcher, index)
        } catch {
            StandardError.write("gongwen: error: \(error)")
            throw ExitCode.failure
        }
    }

    /// Reports the crawl, then extracts the archive when asked; the exit status.
    func finish(_ summary: Crawler.Summary, listings: Bool) throws {
        // The progress bar's line cleared before the summary.
        if !quiet, isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !quiet {
            for (url, reason) in summary.refused { StandardError.write("gongwen: skipped \(url): \(reason)") }
        }
        for (url, reason) in summary.failed { StandardError.write("gongwen: error: \(url): \(reason)") }
        if !quiet {
            let pages = listings ? "\(summary.listings.count) listing pages (\(summary.notModified.count) unchanged), " : ""
            StandardError.write(
                "gongwen: \(pages)\(summary.notices.count) notices and \(summary.attachments.count) attachments fetched, "
                    + "\(summary.alreadyArchived.count) already archived, \(summary.tooOld.count) too old, \(summary.refused.count) skipped, "
                    + "\(summary.failed.count) failed → \(warc)")
        }
        if summary.interrupted {
            StandardError.write("gongwen: interrupted: the archive holds whole records only; rerun to go on")
            throw ExitCode(130)
        }
        if output == nil, !quiet, !summary.notices.isEmpty {
            StandardError.write("gongwen: extract them with `gongwen batch \(warc) --output DIR` (or pass --output)")
        }
        if let output {
            let runner = BatchRunner(options: .init(outputDirectory: output, jobs: ProcessInfo.processInfo.activeProcessorCount))
            let display = ProgressDisplay(enabled: !quiet, interactive: isatty(STDERR_FILENO) == 1, started: Date())
            let progress: BatchRunner.Progress
            do {
                let inputs = BatchInput.collect(paths: [warc], listFiles: [], readStandardInput: { "" }).inputs
                progress = try runner.run(
                    inputs,
                    report: { display.update($0) }, failure: { display.failure($0) })
            } catch {
                StandardError.write("gongwen: error: \(output): \(error)")
                throw ExitCode.failure
            }
            display.finish(progress)
            if progress.failed > 0 { throw ExitCode.failure }
        }
        if !summary.failed.isEmpty { throw ExitCode.failure }
    }

    /// The progress bar of `batch`, over the notices fetched.
    func progressDisplay() -> (ProgressDisplay, @Sendable (Int, Int, Int) -> Void) {
        let display = ProgressDisplay(enabled: !quiet, interactive: isatty(STDERR_FILENO) == 1, started: Date())
        return (
            display, { done, total, failed in display.update(BatchRunner.Progress(total: total, done: done, failed: failed, skipped: 0)) }
        )
    }

    /// Ctrl-C or SIGTERM: no new request starts; those under way finish and are archived whole.
    static func stopping(_ flag: StopFlag) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "gongwen.stop"))
            source.setEventHandler {
                if flag.isSet { Foundation.exit(128 + number) }  // a second Ctrl-C does not wait
                flag.set()
                StandardError.write("\ngongwen: stopping: finishing the requests under way (Ctrl-C again to quit now)")
            }
            source.resume()
            return source
        }
    }
}

extension GongwenCommand {
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download notice pages and the files they attach into a web archive, and extract them.",
            discussion: """
                Fetches each URL (robots.txt honoured, at most --per-host requests to a host \
                at once, --delay between them, 429/503 Retry-After waited for, timeouts and \
                5xx retried, redirects followed within limits) and the Word, Excel, WPS and \
                PDF files the page links on its host. Every request and response goes into \
                the WARC/1.1 archive (one gzip member per record for .warc.gz); a URL already \
                archived is not fetched again. With --output, the archive is then extracted \
                as `gongwen batch` would. Ctrl-C leaves the archive whole.

                Exit status: 0 all fetched (and extracted); 1 some URL failed; 130 interrupted.

                Example:
                  gongwen fetch http://www.example.gov.cn/xxgk/2017/t20170908_1.html --warc notices.warc.gz -o out/
                """
        )

        @Argument(help: "Notice pages to fetch.")
        var urls: [String]

        @OptionGroup var fetch: FetchOptions

        func validate() throws {
            if urls.isEmpty { throw ValidationError("name at least one URL") }
            for url in urls where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw ValidationError("\(url): only http and https URLs are fetched")
            }
        }

        func run() async throws {
            let (fetcher, index) = try fetch.open(scope: [])
            let stop = StopFlag()
            let sources = FetchOptions.stopping(stop)
            defer { sources.forEach { $0.cancel() } }
            let crawler = Crawler(fetcher: fetcher, archived: index, options: Crawler.Options(), stop: stop)
            let (_, progress) = fetch.progressDisplay()
            let summary = await crawler.fetchNotices(urls, checkScope: false, progress: progress)
            await fetcher.shutdown()
            try fetch.finish(summary, listings: false)
        }
    }

    struct Crawl: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crawl a portal's listing pages, fetch the notices they list and their attachments into a web archive.",
            discussion: """
                Reads each listing page (信息公开目录, 通知公告) and the pages after it, in the \
                forms CMSs print them (a 下一页 link, index_1.html … index_N.html, a page count \
                in a script call such as createPageHTML(N, …)), collects the notice links and \
                their dates, then fetches the notices and the files they attach, as `gongwen \
                fetch` does. Only URLs starting with a --scope prefix are followed (on every \
                redirect too). --since stops the paging at the first listing page with nothing \
                newer, and skips older notices. A rerun appends to the archive: notices \
                already archived are not fetched again, listings are asked for conditionally \
                (an unchanged one costs a 304).

                Exit status: 0 all fetched (and extracted); 1 some URL failed; 130 interrupted.

                Example:
                  gongwen crawl http://www.example.gov.cn/xxgk/tzgg/index.html \\
                      --scope http://www.example.gov.cn/xxgk/ --since 2017-01-01 --warc crawl.warc.gz -o out/
                """
        )

        @Argument(help: "Listing pages to start from.")
        var starts: [String]

        @Option(help: ArgumentHelp("Follow only URLs starting with this (repeatable; default: each start's folder).", valueName: "prefix"))
        var scope: [String] = []

        @Option(help: ArgumentHelp("Listing pages to read at most.", valueName: "n"))
        var maxPages = 50

        @Option(help: ArgumentHelp("Only notices dated this day or later (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @OptionGroup var fetch: FetchOptions

        func validate() throws {
            if starts.isEmpty { throw ValidationError("name at least one listing page") }
            for url in starts where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw ValidationError("\(url): only http and https URLs are crawled")
            }
            if let since, CalendarDate(iso: since) == nil { throw ValidationError("--since \(since): not a day (YYYY-MM-DD)") }
            if maxPages < 1 { throw ValidationError("--max-pages must be at least 1") }
        }

        func run() async throws {
            // Without --scope, each start page's folder.
            let scopes =
                scope.isEmpty
                ? starts.map { start in start.range(of: "/", options: .backwards).map { String(start[...$0.lowerBound]) } ?? start } : scope
            let (fetcher, index) = try fetch.open(scope: scopes)
            let stop = StopFlag()
            let sources = FetchOptions.stopping(stop)
            defer { sources.forEach { $0.cancel() } }
            var options = Crawler.Options()
            options.maximumPages = maxPages
            options.since = since.flatMap(CalendarDate.init(iso:))
            options.concurrency = max(1, fetch.perHost * 2)
            let crawler = Crawler(fetcher: fetcher, archived: index, options: options, stop: stop)
            let (_, progress) = fetch.progressDisplay()
            let summary = await crawler.crawl(starts, progress: progress)
            await fetcher.shutdown()
            try fetch.finish(summary, listings: true)
        }
    }
}
