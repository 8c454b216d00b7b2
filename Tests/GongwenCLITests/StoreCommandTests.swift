import Foundation
import GongwenExport
import GongwenStore
import GongwenTestSupport
import Testing

/// `gongwen store` and `gongwen tasks` as a tracker runs them, on SQLite and PostgreSQL: a
/// corrected notice, two stores at once, a store killed with SIGKILL.
@Suite(.serialized)
struct StoreCommandTests {
    private let cli = CLITests()
    static let backends: [TestDatabases.Backend] = TestDatabases.postgresSkipReason == nil ? [.sqlite, .postgres] : [.sqlite]

    /// `count` distinct notices (the seed, its title numbered) extracted into `folder/out`.
    private func outputs(_ count: Int, in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        for number in 1...count {
            try SeedVersions.numbered(number).write(
                toFile: folder + "/in/notice-\(String(format: "%03d", number)).txt", atomically: true, encoding: .utf8)
        }
        let batch = try cli.run(["batch", "in", "-o", "out", "-q", "-j", "2"], in: folder)
        #expect(batch.status == 0, "\(batch.stderr)")
    }

    /// `gongwen store out --db DB -q` started in `directory` (its standard error into `errors`
    /// when given), returned once it has stored `count` notices, finished, or a minute passed;
    /// with the notices stored by then.
    private func storeUnderWay(in directory: String, db: String, until count: Int, errors: URL? = nil) async throws
        -> (process: Process, stored: Int)
    {
        // The schema first, so that the count below can be read while the store runs.
        _ = try await checkIntegrity(db)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CLITests.binary))
        process.arguments = ["store", "out", "--db", db, "-q"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let errors {
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
        }
        try process.run()
        let watcher = try await TaskStore.open(db)
        let deadline = Date().addingTimeInterval(60)
        var stored = 0
        while Date() < deadline, process.isRunning {
            stored = try await watcher.counts().notices
            if stored >= count { break }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        await watcher.close()
        return (process, stored)
    }

    /// The invariants a store keeps whatever happens to it: every notice has its latest
    /// version, whose task count is the notice's open tasks; every version has its parts.
    private func checkIntegrity(_ location: String) async throws -> (notices: Int, versions: Int) {
        let store = try await TaskStore.open(location)
        let rows = try await store.database.transaction { session in
            try session.query(
                """
                SELECT n.notice_key, v.task_count, (SELECT COUNT(*) FROM tasks t WHERE t.notice_id = n.id AND t.status = 'open'),
                    (SELECT COUNT(*) FROM parts p WHERE p.version_id = v.id)
                FROM notices n LEFT JOIN notice_versions v ON v.id = n.latest_version_id
                """, [])
        }
        for row in rows {
            #expect(row[1].integer != nil, "\(row[0].text ?? "") has no version")
            #expect(row[1].integer == row[2].integer, "\(row[0].text ?? ""): \(row[1]) tasks printed, \(row[2]) open")
            #expect((row[3].integer ?? 0) >= 1)
        }
        let counts = try await store.counts()
        await store.close()
        return (counts.notices, counts.versions)
    }

    @Test(arguments: backends)
    func aCorrectedNoticeFromTheCommandLine(_ backend: TestDatabases.Backend) async throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SeedVersions.original().write(toFile: directory + "/seed.txt", atomically: true, encoding: .utf8)
        try SeedVersions.corrected().write(toFile: directory + "/corrected.txt", atomically: true, encoding: .utf8)
        #expect(try cli.run(["extract", "seed.txt", "corrected.txt", "-o", "out/", "-q"], in: directory).status == 0)
        let db = try TestDatabases.fresh(backend)

        let first = try cli.run(["store", "out/seed.json", "--db", db], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("1 outputs: 1 new, 0 updated, 0 unchanged, 0 failed; tasks +46 added"))
        try await Task.sleep(nanoseconds: 10_000_000)
        let between = TaskStore.timestamp(Date())
        try await Task.sleep(nanoseconds: 10_000_000)
        let second = try cli.run(["store", "out/corrected.json", "--db", db], in: directory)
        #expect(second.stderr.contains("1 outputs: 0 new, 1 updated, 0 unchanged, 0 failed; tasks +1 added, ~2 changed, -1 removed"))
        let again = try cli.run(["store", "out/corrected.json", "--db", db, "-q"], in: directory)
        #expect(again.status == 0 && again.stderr.isEmpty)

        // Exactly the four events of the correction.
        let events = try cli.run(["tasks", "--db", db, "--changed-since", between, "--format", "csv"], in: directory)
        let lines = events.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "stored_at,notice,version,task_id,number,event,field,old,new")
        #expect(lines.dropFirst().map { Self.cells($0)[5] } == ["added", "removed", "changed", "changed"], "\(events.stdout)")
        #expect(lines.dropFirst().allSatisfy { Self.cells($0)[2] == "2" })

        // The overdue list equals `gongwen units --as-of` on the corrected output.
        let overdue = try cli.run(["tasks", "--db", db, "--overdue", "--as-of", "2017-10-01", "--format", "csv"], in: directory)
        let units = try cli.run(["units", "out/corrected.json", "--as-of", "2017-10-01"], in: directory)
        func pairs(_ csv: String, unit: Int, task: Int, overdue: Int) -> Set<String> {
            Set(
                csv.split(separator: "\n").dropFirst().compactMap { line -> String? in
                    let cells = Self.cells(String(line))
                    return cells[overdue] == "yes" ? cells[unit] + " " + cells[task] : nil
                })
        }
        let fromDatabase = pairs(overdue.stdout, unit: 0, task: 5, overdue: 11)
        #expect(!fromDatabase.isEmpty)
        #expect(fromDatabase == pairs(units.stdout, unit: 0, task: 6, overdue: 12))
        // The views read the database too, as its notices' latest versions.
        let fromUnits = try cli.run(["units", "--db", db, "--as-of", "2017-10-01"], in: directory)
        #expect(pairs(fromUnits.stdout, unit: 0, task: 6, overdue: 12) == pairs(units.stdout, unit: 0, task: 6, overdue: 12))
        let table = try cli.run(["tasks", "--db", db, "--unit", "区司法局"], in: directory)
        #expect(table.stdout.hasPrefix("unit") && table.stdout.contains("区司法局") && table.stdout.contains("做好相对集中行政许可权改革试点工作"))
    }

    /// Two stores at once on one database, over overlapping outputs: both succeed, and every
    /// notice is stored once.
    @Test(arguments: backends)
    func twoStoresAtOnce(_ backend: TestDatabases.Backend) async throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try outputs(40, in: directory)
        let db = try TestDatabases.fresh(backend)
        let files = (1...40).map { "out/in/notice-\(String(format: "%03d", $0)).txt.json" }
        let binary = try #require(CLITests.binary)
        let processes = [Array(files[0..<28]), Array(files[12..<40])].map { part -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["store"] + part + ["--db", db, "-q"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let counts = try await checkIntegrity(db)
        #expect(counts.notices == 40 && counts.versions == 40)
    }

    /// A store killed with SIGKILL mid-way leaves every notice it had begun either whole or
    /// absent; a rerun completes the rest.
    @Test(arguments: backends)
    func aKilledStoreLeavesWholeNotices(_ backend: TestDatabases.Backend) async throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try outputs(60, in: directory)
        let db = try TestDatabases.fresh(backend)
        let (process, stored) = try await storeUnderWay(in: directory, db: db, until: 5)
        #expect(process.isRunning, "the store finished before it could be killed (\(stored) notices)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let afterKill = try await checkIntegrity(db)
        #expect(afterKill.notices >= 5 && afterKill.notices < 60 && afterKill.versions == afterKill.notices)
        let rerun = try cli.run(["store", "out", "--db", db], in: directory)
        #expect(rerun.status == 0)
        #expect(
            rerun.stderr.contains("\(60 - afterKill.notices) new, 0 updated, \(afterKill.notices) unchanged, 0 failed"), "\(rerun.stderr)")
        let final = try await checkIntegrity(db)
        #expect(final.notices == 60 && final.versions == 60)
    }

    /// A server that goes away while a store runs: every notice stored so far is whole, the
    /// rest fail with the reason, and the store exits 1 instead of waiting for an answer that
    /// never comes (it once waited for ever on the ROLLBACK it sent to the closed connection).
    /// On a cluster of its own, so that stopping it disturbs no other test.
    @Test(.enabled(if: TestDatabases.postgresSkipReason == nil))
    func aServerThatGoesAwayIsAClearError() async throws {
        let port = 54_339
        let server = try TestDatabases.serverScript("start", port: port).get()
        defer { _ = TestDatabases.serverScript("stop", port: port) }
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try outputs(60, in: directory)
        try TestDatabases.psql(server, "DROP DATABASE IF EXISTS going_away")
        try TestDatabases.psql(server, "CREATE DATABASE going_away")
        let db = server.replacingOccurrences(of: "/postgres", with: "/going_away")
        let errors = URL(fileURLWithPath: directory + "/store.err")
        let (process, _) = try await storeUnderWay(in: directory, db: db, until: 5, errors: errors)
        #expect(process.isRunning, "the store finished before the server could be stopped")
        _ = try TestDatabases.serverScript("stop", port: port).get()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(!process.isRunning, "the store still waits 30 s after the server went away")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let message = try String(contentsOf: errors, encoding: .utf8)
        #expect(message.contains("not stored: PostgreSQL"), "\(message)")
    }

    @Test func badDatabasesAreClearErrors() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SeedVersions.original().write(toFile: directory + "/seed.txt", atomically: true, encoding: .utf8)
        #expect(try cli.run(["extract", "seed.txt", "-o", "seed.json", "-q"], in: directory).status == 0)
        let unreachable = try cli.run(["store", "seed.json", "--db", "postgres://nobody@127.0.0.1:9/none"], in: directory)
        #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot connect"))
        try Data("not a database, just text".utf8).write(to: URL(fileURLWithPath: directory + "/text.sqlite"))
        let notSQLite = try cli.run(["store", "seed.json", "--db", "text.sqlite"], in: directory)
        #expect(notSQLite.status == 1 && notSQLite.stderr.contains("text.sqlite"))
        let badOutput = try cli.run(["store", "seed.txt", "seed.json", "--db", "tasks.sqlite"], in: directory)
        #expect(badOutput.status == 1 && badOutput.stderr.contains("seed.txt: not a gongwen output"))
        #expect(badOutput.stderr.contains("1 new, 0 updated, 0 unchanged, 1 failed"))
        let usage = try cli.run(["tasks", "--db", "tasks.sqlite", "--changed-since", "yesterday"], in: directory)
        #expect(usage.status == 64)
    }

    /// CSV cells of one line (quoted cells may hold commas).
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { cell.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        cells.append(cell)
        return cells
    }
}
