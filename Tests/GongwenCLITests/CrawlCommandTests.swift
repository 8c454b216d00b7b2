import Foundation
import GongwenCrawl
import GongwenExport
import GongwenTestSupport
import Testing

/// `gongwen crawl` against a real HTTP server on 127.0.0.1 (`scripts/test-portal.py`): a
/// synthetic portal with each pagination style, a robots.txt, a 503, a redirect loop, a slow
/// page, a gzip body, a GBK page whose charset is only in its header, a link out of scope.
@Suite(.serialized)
struct CrawlCommandTests {
    private let cli = CLITests()
    static let python = Checkers.onPath("python3") ?? "/usr/bin/python3"
    static let warcio: String? = {
        if let recorded = Checkers.recorded["WARCIO_PYTHON"] { return recorded }
        return Checkers.python(importing: ["warcio"])
    }()
    static let noWarcio = Checkers.skipReason(warcio != nil, missing: "Python's warcio (pip install warcio)")

    /// A running portal: its port, the folder its files are in, and the process.
    final class Portal {
        let process = Process()
        let root: String
        let port: Int

        init(root: String) throws {
            self.root = root
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: CrawlCommandTests.python)
            process.arguments = [Paths.repository + "/scripts/test-portal.py", root]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            var port: Int?
            while port == nil, Date() < deadline, process.isRunning {
                port = (try? String(contentsOfFile: root + "/port", encoding: .utf8)).flatMap { Int($0) }
                if port == nil { Thread.sleep(forTimeInterval: 0.02) }
            }
            guard let port else {
                process.terminate()
                throw CocoaError(.fileReadNoSuchFile)
            }
            self.port = port
        }

        var base: String { "http://127.0.0.1:\(port)" }

        /// The requests served so far: path and status.
        func log() throws -> [(path: String, status: Int)] {
            let text = (try? String(contentsOfFile: root + "/log", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let path = object["path"] as? String, let status = object["status"] as? Int
                else { return nil }
                return (path, status)
            }
        }

        /// The first listing gains a notice.
        func addNotice() throws {
            try Data().write(to: URL(fileURLWithPath: root + "/add"))
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func crawl(_ portal: Portal, in directory: String) throws -> CLITests.Run {
        try cli.run(
            [
                "crawl", portal.base + "/xxgk/tzgg/index.html", "--scope", portal.base + "/xxgk/", "--since", "2017-01-01", "--warc",
                "crawl.warc.gz", "--delay", "0", "--timeout", "1", "--retries", "1", "-o", "out",
            ], in: directory)
    }

    /// The 2xx pages the archive holds, by path.
    private func archived(_ directory: String, _ portal: Portal) throws -> Set<String> {
        let index = try WARCIndex(path: directory + "/crawl.warc.gz")
        return Set(index.responses.values.filter { (200..<300).contains($0.status) }.map { String($0.uri.dropFirst(portal.base.count)) })
    }

    @Test func aCrawlFetchesExactlyTheInScopeNoticesAndResumes() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portal = try Portal(root: directory + "/site")
        let withReal = FileManager.default.fileExists(atPath: directory + "/site/xxgk/tzgg/t20170601_7.html")

        let first = try crawl(portal, in: directory)
        // The loop and the slow page fail (named); everything else is fetched.
        #expect(first.status == 1)
        #expect(first.stderr.contains("loop.html: redirect loop"))
        #expect(first.stderr.contains("slow.html: timed out"))
        var expected: Set<String> = [
            "/xxgk/tzgg/index.html", "/xxgk/tzgg/index_1.html", "/xxgk/tzgg/index_2.html", "/xxgk/tzgg/index_3.html",
            "/xxgk/tzgg/t20171120_5.html",
            "/xxgk/tzgg/t20171101_4.html", "/xxgk/tzgg/t20171020_3.html", "/xxgk/tzgg/t20170915_2.html", "/xxgk/tzgg/t20170301_1.html",
            "/xxgk/tzgg/attachments/seed-annex1.docx", "/xxgk/tzgg/attachments/seed-annex2.docx",
        ]
        if withReal { expected.insert("/xxgk/tzgg/t20170601_7.html") }
        #expect(try archived(directory, portal) == expected)
        let served = try portal.log()
        // Nothing disallowed, out of scope or older than --since was asked for; the 503 was
        // waited for and asked again.
        #expect(!served.contains { $0.path.hasPrefix("/xxgk/private/") || $0.path.hasPrefix("/other/") || $0.path.contains("t2016") })
        // Paging stopped at the first listing with nothing since 2017 (index_3): index_4 unread.
        #expect(served.contains { $0.path == "/xxgk/tzgg/index_3.html" } && !served.contains { $0.path == "/xxgk/tzgg/index_4.html" })
        #expect(served.filter { $0.path == "/xxgk/tzgg/t20171020_3.html" }.map(\.status) == [503, 200])

        // The archive validates with warcio.
        if let warcio = Self.warcio {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: warcio)
            check.arguments = [
                "-c", "import sys; from warcio.cli import main; sys.exit(main(['check', sys.argv[1]]))", directory + "/crawl.warc.gz",
            ]
            let errors = Pipe()
            check.standardError = errors
            check.standardOutput = errors
            try check.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "warcio check: \(message)")
        }

        // Each notice extracted from the archive is the notice extracted from the file the
        // server sent, byte for byte but for what names where it came from (`source`: the
        // archive and URL; an attachment task's location: the attachment's URL or path).
        let outputs = try FileManager.default.subpathsOfDirectory(atPath: directory + "/out").filter { $0.hasSuffix(".json") }
        // One output per notice: the listing pages (marked in the archive) are not read as notices.
        #expect(outputs.count == (withReal ? 6 : 5), "\(outputs)")
        var fromArchive: [String: String] = [:]
        for output in outputs {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + output))
            let document = try JSONImporter.document(Array(data))
            if let url = document.source.url { fromArchive[String(url.dropFirst(portal.base.count))] = try Self.withoutSource(data) }
        }
        for page in expected where page.contains("/t20") {
            let direct = try cli.run(["extract", directory + "/site" + page, "-q"], in: directory)
            #expect(direct.status == 0)
            #expect(fromArchive[page] == (try Self.withoutSource(Data(direct.stdout.utf8))), "\(page)")
        }
        let linked = try #require(
            outputs.lazy.compactMap { try? JSONImporter.document(Array(Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + $0)))) }
                .first { $0.source.url?.hasSuffix("t20171120_5.html") == true })
        #expect(linked.tasks.count == 46)

        // Again, unchanged: the listings answer 304, no notice is asked for, nothing is added.
        let size = try FileManager.default.attributesOfItem(atPath: directory + "/crawl.warc.gz")[.size] as? Int
        let before = try portal.log().count
        let second = try crawl(portal, in: directory)
        #expect(second.stderr.contains("4 listing pages (4 unchanged)"), "\(second.stderr)")
        let secondServed = try portal.log().dropFirst(before)
        #expect(secondServed.filter { $0.path.hasSuffix(".html") && !$0.path.hasSuffix("slow.html") }.allSatisfy { $0.status == 304 })
        #expect(try FileManager.default.attributesOfItem(atPath: directory + "/crawl.warc.gz")[.size] as? Int == size)

        // A listing gains a notice: exactly that notice is fetched.
        try portal.addNotice()
        let beforeThird = try portal.log().count
        let third = try crawl(portal, in: directory)
        #expect(third.stderr.contains("1 notices and 0 attachments fetched"), "\(third.stderr)")
        let thirdServed = try portal.log().dropFirst(beforeThird).filter { $0.status == 200 && !$0.path.hasSuffix("robots.txt") }
        #expect(thirdServed.map(\.path).sorted() == ["/xxgk/tzgg/index.html", "/xxgk/tzgg/t20171125_6.html"])
        #expect(try archived(directory, portal) == expected.union(["/xxgk/tzgg/t20171125_6.html"]))
    }

    /// `gongwen fetch`: one notice page and the files it attaches, into an archive and out as
    /// the notice with its 46 tasks; a URL already archived is not asked for again.
    @Test func fetchOneNoticeWithItsAttachments() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portal = try Portal(root: directory + "/site")
        let url = portal.base + "/xxgk/tzgg/t20171120_5.html"
        let fetched = try cli.run(["fetch", url, "--warc", "one.warc", "--delay", "0", "-o", "out"], in: directory)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stderr.contains("1 notices and 2 attachments fetched"))
        let documents = try String(contentsOfFile: directory + "/out/documents.csv", encoding: .utf8)
        #expect(documents.contains(",46,") && documents.components(separatedBy: ",attachment,").count == 3)
        let again = try cli.run(["fetch", url, "--warc", "one.warc", "--delay", "0"], in: directory)
        #expect(again.stderr.contains("0 notices and 0 attachments fetched, 1 already archived"))
        #expect(try portal.log().filter { $0.path.hasSuffix("t20171120_5.html") }.count == 1)
        let bad = try cli.run(["fetch", "ftp://127.0.0.1/x", "--warc", "one.warc"], in: directory)
        #expect(bad.status == 64)
    }

    /// Ctrl-C in the middle of a crawl: the requests under way finish, the archive holds whole
    /// records only (exit 130), and a rerun goes on from there.
    @Test func anInterruptedCrawlLeavesWholeRecords() async throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portal = try Portal(root: directory + "/site")
        let binary = try #require(CLITests.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "crawl", portal.base + "/xxgk/tzgg/index.html", "--warc", "crawl.warc.gz", "--delay", "0.4", "--timeout", "1", "--retries", "0",
            "-q",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning, (try? portal.log().count) ?? 0 < 4 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        #expect(process.isRunning, "the crawl ended before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let index = try WARCIndex(path: directory + "/crawl.warc.gz")
        #expect(index.validLength == index.fileLength && index.fileLength > 0)
        let rerun = try cli.run(
            [
                "crawl", portal.base + "/xxgk/tzgg/index.html", "--warc", "crawl.warc.gz", "--delay", "0", "--timeout", "1", "--retries",
                "0",
            ], in: directory)
        #expect(rerun.stderr.contains("already archived"), "\(rerun.stderr)")
        let after = try WARCIndex(path: directory + "/crawl.warc.gz")
        #expect(after.validLength == after.fileLength)
        #expect(after.responses.keys.contains(portal.base + "/xxgk/tzgg/t20170301_1.html"))
    }

    /// A document's JSON without its `source` and without the file its tasks' locations name
    /// (an attachment's path beside the page, or its URL in the archive), keys sorted.
    static func withoutSource(_ data: Data) throws -> String {
        var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        object["source"] = nil
        object["tasks"] = (object["tasks"] as? [[String: Any]])?.map { task in
            var task = task
            var location = task["source"] as? [String: Any] ?? [:]
            location["path"] = nil
            task["source"] = location
            return task
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
