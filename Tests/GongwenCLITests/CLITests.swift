import Foundation
import GongwenTestSupport
import Testing

/// Runs the built `gongwen` binary, as a user would, and checks its output and exit status.
struct CLITests: Sendable {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    static let binary: String? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gongwen").path,
            Paths.repository + "/.build/debug/gongwen",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    func run(_ arguments: [String], stdin: [UInt8]? = nil, in directory: String = Paths.repository) throws -> Run {
        let binary = try #require(Self.binary, "the gongwen binary is not built (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: Array(outData))
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gongwen-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func helpShowsUsageExamplesAndExitCodes() throws {
        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: gongwen <subcommand>"))
        #expect(help.stdout.contains("Exit status: 0 every input was read; 1 at least one input failed"))
        #expect(help.stdout.contains("extract (default)"))
        let extract = try run(["extract", "--help"])
        #expect(extract.stdout.contains("gongwen extract samples/seed.txt"))
        #expect(extract.stdout.contains("--format <format>"))
        #expect(extract.stdout.contains("-f, --format <format>   Output format. (values: json, jsonl, csv; default:"))
    }

    @Test func extractsTheSeedAsJSON() throws {
        let result = try run(["extract", "samples/seed.txt"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any]
        #expect((object?["tasks"] as? [Any])?.count == 46)
        #expect((object?["source"] as? [String: Any])?["path"] as? String == "samples/seed.txt")
    }

    @Test func badFilesAreNamedAndTheBatchGoesOn() throws {
        let result = try run(["extract", "--format", "jsonl", "missing.html", "samples/seed.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("gongwen: error: missing.html: cannot read: No such file or directory"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func csvWithByteOrderMarkToAFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/tasks.csv"
        let result = try run(["extract", "samples/seed-portal.gbk.html", "--format", "csv", "--bom", "-o", output])
        #expect(result.status == 0)
        let bytes = try Paths.bytes(output)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).split(separator: "\n").count == 47)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["tasks.csv"])
    }

    @Test func oneJSONPerInputIntoADirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(["extract", "samples/seed.txt", "samples/seed-portal.utf8.html", "-o", directory + "/"])
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["seed-portal.utf8.json", "seed.json"])
    }

    @Test func aFailedRerunKeepsWhatWasWrittenBefore() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/out.json"
        #expect(try run(["extract", "samples/seed.txt", "-o", output]).status == 0)
        let before = try Paths.bytes(output)
        let failed = try run(["extract", directory + "/nothing-here.txt", "-o", output])
        #expect(failed.status == 1)
        #expect(try Paths.bytes(output) == before)
    }

    @Test func standardInput() throws {
        let result = try run(["extract", "-", "--format", "jsonl"], stdin: try Paths.bytes(Paths.sample("seed-portal.gbk.html")))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"encoding\":\"gb18030\""))
        #expect(result.stdout.contains("\"path\":\"-\""))
    }

    @Test func usageErrorsExit64() throws {
        let result = try run(["extract", "samples/seed.txt", "--bom"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--bom, --excel and --by-unit apply to --format csv"))
        let several = try run(["extract", "samples/seed.txt", "samples/seed.txt"])
        #expect(several.status == 64)
        // A mistyped command is bad usage, with the commands named; an unreadable file is not.
        let unknown = try run(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown command “frobnicate”"))
        #expect(unknown.stderr.contains("extract is the default"))
        let missing = try run(["extract", "frobnicate"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("frobnicate: cannot read"))
    }

    /// Two inputs whose outputs would take one name in a directory are refused before anything
    /// is written: no input silently overwrites another.
    @Test func inputsThatWouldShareAnOutputNameAreRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seed = try Paths.bytes(Paths.sample("seed.txt"))
        for folder in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(folder)", withIntermediateDirectories: true)
            try Data(seed).write(to: URL(fileURLWithPath: "\(directory)/\(folder)/notice.txt"))
        }
        let result = try run(["extract", "\(directory)/a/notice.txt", "\(directory)/b/notice.txt", "-o", "\(directory)/out/"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("would both be written to notice.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/out/notice.json"))
        // Different base names are fine.
        try Data(seed).write(to: URL(fileURLWithPath: "\(directory)/b/other.txt"))
        let fine = try run(["extract", "\(directory)/a/notice.txt", "\(directory)/b/other.txt", "-o", "\(directory)/out/"])
        #expect(fine.status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(directory)/out/notice.json"))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/out/other.json"))
    }

    @Test func strictTurnsWarningsIntoExitStatus2() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/undated.txt"
        try Data("关于开展检查的通知\n1.市财政局牵头，9月底前完成。\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try run(["extract", "--strict", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("[no-work-year]"))
        #expect(try run(["extract", "--strict", "--quiet", file]).stderr.isEmpty)
    }

    @Test func outlineCommandPrintsTheTree() throws {
        let result = try run(["outline", "samples/seed.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("附件1 全区政务公开重点任务分工和工作进度安排  (L50)\n└─ [task table: 33 tasks]"))
        let missing = try run(["outline", "nope.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.txt"))
    }

    @Test func blocksCommandShowsMergedCells() throws {
        let result = try run(["blocks", "samples/seed-portal.utf8.html"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| 2 | 及时公开全区财政收支情况,解读财… | 区财政局牵头落实 | ^全年 |"))
    }
}

/// `gongwen verify` and `gongwen diff` on saved pages, as a CI job would run them.
struct VerifyCommandTests {
    private let cli = CLITests()

    @Test func theSamplesMatchTheirExpectations() throws {
        let result = try cli.run(["verify", "samples"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("verified 3 pages: 3 matched, 0 differed, 0 failed\n"))
    }

    @Test func aChangedPageFailsWithAFieldLevelDiffAndUpdates() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let page = directory + "/notice.txt"
        let original = "关于印发2019年工作任务的通知\n1.完善制度建设，健全目录。（牵头单位：市政府办；完成时限：6月底前）\n"
        try Data(original.utf8).write(to: URL(fileURLWithPath: page))
        #expect(try cli.run(["extract", page, "-o", directory + "/notice.expected.json"]).status == 0)
        #expect(try cli.run(["verify", directory]).status == 0)

        try Data(original.replacingOccurrences(of: "6月底前", with: "9月底前").utf8).write(to: URL(fileURLWithPath: page))
        let junit = directory + "/report.xml"
        let failed = try cli.run(["verify", page, "--junit", junit])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("deadline: 6月底前 (date, 2019-06-30) → 9月底前 (date, 2019-09-30)"))
        #expect(failed.stdout.hasSuffix("verified 1 page: 0 matched, 1 differed, 0 failed\n"))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("failures=\"1\""))
        #expect(try cli.run(["verify", page, "--ignore", "task.deadline"]).status == 0)

        let updated = try cli.run(["verify", directory, "--update"])
        #expect(updated.status == 0)
        #expect(updated.stdout.contains("(1 change)"))
        #expect(try cli.run(["verify", directory]).status == 0)
    }

    @Test func missingExpectationsAndUnknownFieldsAreClearErrors() throws {
        let missing = try cli.run(["verify", "samples/seed.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("samples/seed.txt: no expectation beside it (samples/seed.expected.json)"))
        let unknown = try cli.run(["verify", "samples", "--ignore", "colour"])
        #expect(unknown.status == 64)
    }

    @Test func diffOfTwoOutputs() throws {
        let same = try cli.run([
            "diff", "samples/expected/seed.txt.json", "samples/expected/seed-portal.utf8.html.json", "--ignore", "task.text",
        ])
        #expect(same.status == 0)
        #expect(same.stdout == "0 differences\n")
        let broken = try cli.run(["diff", "samples/expected/seed.txt.json", "samples/seed.txt"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("samples/seed.txt: cannot read the output"))
    }
}

struct UnitsCommandTests {
    let cli = CLITests()

    @Test func perUnitViewOfABatchFolderSkipsWhatItCannotRead() throws {
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: "\(Paths.repository)/samples/expected/seed.txt.json", toPath: folder + "/seed.json")
        try Data("{\"tasks\": 3}".utf8).write(to: URL(fileURLWithPath: folder + "/broken.json"))
        try Data("not an output".utf8).write(to: URL(fileURLWithPath: folder + "/tasks.csv"))

        let run = try cli.run(["units", folder, "--as-of", "2017-10-01", "--unit", "区政府各部门"])
        #expect(run.status == 1, "an unreadable output makes the exit status 1")
        #expect(run.stderr.contains("broken.json: not a gongwen output"))
        #expect(!run.stderr.contains("tasks.csv"), "only *.json files are read from a folder")
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.first == "unit,unit_id,printed,role,document,title,task_id,number,text,deadline_raw,deadline_kind,due,overdue")
        #expect(rows.count > 1)
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("区政府各部门,") })
        #expect(rows.contains { $0.hasSuffix(",9月底前,date,2017-09-30,yes") }, "due 09-30 is overdue on 10-01")
    }

    @Test func aGazetteerJoinsPrintedFormsAndListsWhatItDoesNotKnow() throws {
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try cli.run([
            "units", "samples/expected/seed.txt.json", "--gazetteer", "samples/gazetteer.yaml", "--unknown-units",
            folder + "/unknown.csv", "--unit", "区发展和改革局",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.hasPrefix("区发展和改革局,u-") })
        #expect(Set(rows.map { $0.split(separator: ",")[2] }) == ["区发改局", "区发改局(物价局)"], "printed forms kept")
        let unknown = try String(contentsOfFile: folder + "/unknown.csv", encoding: .utf8)
        #expect(unknown.hasPrefix("name,count\n"))
        #expect(!unknown.contains("区发改局"))

        let bad = try cli.run(["units", "samples/expected/seed.txt.json", "--gazetteer", "samples/seed.txt"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("samples/seed.txt: not a gazetteer"))
        let usage = try cli.run(["units", "samples/expected/seed.txt.json", "--unknown-units", folder + "/x.csv"])
        #expect(usage.status == 64)
    }

    @Test func badAsOfDayIsAUsageError() throws {
        let run = try cli.run(["units", "samples/expected", "--as-of", "2017-02-30"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--as-of 2017-02-30: not a day"))
    }
}

/// `gongwen calendar`, checked by what a real iCalendar parser (Python's `icalendar`, via
/// `scripts/validate-ical.py`) reads from the file.
struct CalendarCommandTests {
    let cli = CLITests()

    static let python = Checkers.python(importing: ["icalendar"])
    static let skipReason = Checkers.skipReason(python != nil, missing: "Python's icalendar")

    private func parse(_ file: String) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python, "no Python imports icalendar"))
        process.arguments = [Paths.repository + "/scripts/validate-ical.py", file]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "validate-ical.py: \(problem)")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["todos"] as? [[String: Any]] ?? []
    }

    @Test(.disabled(if: skipReason != nil, skipReason.map { Comment(rawValue: $0) }))
    func everyDatedTaskBecomesOneToDoThatARealParserReads() throws {
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ics = folder + "/tasks.ics"
        // The same notice twice (text and GBK page): each to-do once, keyed by the task id.
        let run = try cli.run([
            "calendar", "samples/expected/seed.txt.json", "samples/expected/seed-portal.gbk.html.json", "-o", ics, "--stamp",
            "20261129T170000Z",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let todos = try parse(ics)

        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Paths.repository + "/samples/expected/seed.txt.json"))) as? [String: Any]
        let tasks = expected?["tasks"] as? [[String: Any]] ?? []
        let dated = tasks.filter { (($0["deadline"] as? [String: Any])?["due"] as? String) != nil }
        #expect(todos.count == dated.count)
        #expect(todos.map { $0["uid"] as? String } == dated.map { ($0["id"] as? String).map { $0 + "@gongwen" } })
        #expect(todos.map { $0["due"] as? String } == dated.map { ($0["deadline"] as? [String: Any])?["due"] as? String })

        // Escaped commas and semicolons come back as printed; the units are the categories.
        let first = try #require(todos.first)
        #expect((first["description"] as? String)?.hasPrefix(dated[0]["text"] as? String ?? "-") == true)
        #expect((first["description"] as? String)?.contains("牵头: 区发改局(物价局)、区财政局、区人社局") == true)
        #expect((first["description"] as? String)?.contains("(samples/seed.txt)") == true)
        #expect(first["categories"] as? [String] == ["区发改局(物价局)", "区财政局", "区人社局"])
    }

    @Test(.disabled(if: skipReason != nil, skipReason.map { Comment(rawValue: $0) }))
    func filteredByUnitAndReproducibleWithAStamp() throws {
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["calendar", "samples/expected/seed.txt.json", "--unit", "区环保局", "--stamp", "20261129T170000Z", "-o"]
        #expect(try cli.run(arguments + [folder + "/a.ics"]).status == 0)
        #expect(try cli.run(arguments + [folder + "/b.ics"]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.ics"))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: folder + "/b.ics"))))
        let todos = try parse(folder + "/a.ics")
        #expect(!todos.isEmpty)
        #expect(todos.allSatisfy { ($0["categories"] as? [String])?.contains("区环保局") == true })

        let bad = try cli.run(["calendar", "samples/expected/seed.txt.json", "-o", folder + "/c.ics", "--stamp", "yesterday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--stamp yesterday"))
    }
}

/// `gongwen report`, rendered by a real browser: headless Chromium (Debian's `chromium`,
/// installed by scripts/install-deps.sh) takes a screenshot without console messages, and the
/// rendered DOM holds one section per unit, the overdue rows and a target for every task link.
struct ReportCommandTests {
    let cli = CLITests()

    /// Found as `scripts/install-deps.sh` finds it (`command -v chromium`); where install-deps
    /// recorded it, a missing browser fails the test instead of skipping it.
    static let chromium = Checkers.chromium
    static let skipReason = Checkers.skipReason(chromium != nil, missing: "Headless Chromium (apt-get install chromium)")

    private func browser(_ arguments: [String]) throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (stdout, stderr, process.terminationStatus)
    }

    private func count(_ pattern: String, in text: String) throws -> Int {
        text.matches(of: try Regex(pattern)).count
    }

    @Test(.disabled(if: skipReason != nil, skipReason.map { Comment(rawValue: $0) }))
    func theReportRendersInARealBrowser() throws {
        let folder = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = folder + "/report.html"
        let run = try cli.run(["report", "samples/expected/seed.txt.json", "--as-of", "2017-10-01", "-o", html])
        #expect(run.status == 0, "\(run.stderr)")
        let source = try String(contentsOfFile: html, encoding: .utf8)
        for forbidden in ["<script", "<link", "<img", "http://", "https://", "@import"] {
            #expect(!source.contains(forbidden), "the report must be self-contained: found \(forbidden)")
        }

        // What the units view says the report must show.
        let units = try cli.run(["units", "samples/expected/seed.txt.json", "--as-of", "2017-10-01", "--format", "json"])
        let view = try JSONSerialization.jsonObject(with: Data(units.stdout.utf8)) as? [String: Any]
        let unitList = view?["units"] as? [[String: Any]] ?? []
        let overdue = unitList.compactMap { $0["overdueCount"] as? Int }.reduce(0, +)
        #expect(overdue > 0, "the seed has tasks due before 2017-10-01")

        let shot = try browser([
            "--enable-logging=stderr", "--v=0", "--window-size=1200,3000", "--screenshot=\(folder)/report.png", "file://\(html)",
        ])
        #expect(shot.status == 0)
        let console = shot.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.png"))
        #expect(png.count > 10_000)
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])

        let dom = try browser(["--dump-dom", "file://\(html)"]).stdout
        #expect(try count(#"<section class="unit""#, in: dom) == unitList.count)
        #expect(try count(#"<tr class="task overdue">"#, in: dom) == overdue)
        #expect(try count(#"<circle class="due overdue""#, in: dom) == overdue)
        #expect(try dom.contains(Regex(#"<strong id="overdue-total">\#(overdue)</strong>"#)))
        let targets = Set(dom.matches(of: /id="(task-[^"]+)"/).map { String($0.1) })
        let links = dom.matches(of: /href="#(task-[^"]+)"/).map { String($0.1) }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { targets.contains($0) }, "every task link has its text in the page")
        #expect(targets.count == 46, "every task of the seed has its full text once")
    }
}
