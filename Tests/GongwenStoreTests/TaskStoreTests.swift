import Foundation
import Gongwen
import GongwenCore
import GongwenExport
import GongwenStore
import GongwenTestSupport
import Testing

/// The store on both databases: the seed notice, then a corrected version of it.
@Suite(.serialized)
struct TaskStoreTests {
    static let backends: [TestDatabases.Backend] = TestDatabases.postgresSkipReason == nil ? [.sqlite, .postgres] : [.sqlite]

    /// The seed and its corrected version (`SeedVersions.corrected()`), as outputs.
    static func seedVersions() throws -> (original: OutputDocument, corrected: OutputDocument) {
        func output(_ text: String, _ path: String) throws -> OutputDocument {
            OutputDocument(try NoticeExtractor().extract(bytes: Array(text.utf8), path: path))
        }
        return (try output(try SeedVersions.original(), "seed.txt"), try output(try SeedVersions.corrected(), "seed-corrected.txt"))
    }

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: backends)
    func aCorrectedVersionRecordsExactlyItsDifferences(_ backend: TestDatabases.Backend) async throws {
        let (original, corrected) = try Self.seedVersions()
        let store = try await TaskStore.open(try TestDatabases.fresh(backend))
        let first = try await store.store(original, at: Self.date("2026-11-01T08:00:00Z"))
        #expect(first.status == .new && first.version == 1 && first.added == 46)
        let second = try await store.store(corrected, at: Self.date("2026-11-20T08:00:00Z"))
        #expect(second.status == .updated && second.version == 2)
        #expect((second.added, second.changed, second.removed) == (1, 2, 1))

        let events = try await store.events(since: "2026-11-15")
        let described = events.map { [$0.event, $0.number ?? "", $0.field ?? "", $0.old ?? "", $0.new ?? ""] }
        #expect(
            described == [
                ["added", "2", "", "", "2 建立政务服务“好差评”制度,及时公开评价结果,接受群众监督。"],
                ["removed", "5", "", "5 降低制度性成本,削减中介评估项目和费用,进一步清理行政事业性收费、政府性基金。", ""],
                ["changed", "7", "unit", "", "区司法局 (responsible)"],
                ["changed", "8", "deadline", "2017年底 (2017-12-31)", "9月底前 (2017-09-30)"],
            ])
        #expect(events.allSatisfy { $0.version == 2 && $0.storedAt == "2026-11-20T08:00:00.000Z" })
        // Every first-version task was recorded as added, in the first version.
        #expect(try await store.events(since: "2026-11-01").count == 46 + 4)

        // Renumbered tasks keep their rows: 附件2's old task 2 is now number 3, same id.
        let counts = try await store.counts()
        #expect(counts.notices == 1 && counts.versions == 2 && counts.openTasks == 46)
        let stored = try await store.documents()
        #expect(stored.count == 1)
        #expect(stored[0].tasks.map(\.id) == corrected.tasks.map(\.id))
        #expect(stored[0].tasks.map(\.number) == corrected.tasks.map(\.number))
        #expect(stored[0].tasks.map(\.units) == corrected.tasks.map(\.units))
        #expect(stored[0].tasks.map(\.deadline) == corrected.tasks.map(\.deadline))

        // The overdue list of the database is the units view's overdue list of the output.
        let asOf = CalendarDate(year: 2017, month: 10, day: 1)!
        let overdue = try await store.tasks(TaskStore.TaskQuery(asOf: asOf, overdueOnly: true))
        let view = UnitView([corrected], asOf: asOf)
        let expected = view.units.flatMap { unit in unit.entries.filter { $0.overdue == true }.map { [unit.unit, $0.taskID ?? ""] } }
        #expect(!expected.isEmpty)
        #expect(Set(overdue.map { [$0.unit ?? "", $0.taskID ?? ""] }) == Set(expected))
        #expect(overdue.count == expected.count)
        #expect(overdue.allSatisfy { $0.overdue == true })
        await store.close()
    }

    @Test(arguments: backends)
    func theSameOutputTwiceChangesNothing(_ backend: TestDatabases.Backend) async throws {
        let (original, _) = try Self.seedVersions()
        let location = try TestDatabases.fresh(backend)
        let store = try await TaskStore.open(location)
        _ = try await store.store(original)
        let before = try await store.counts()
        let again = try await store.store(original)
        #expect(again.status == .unchanged && again.version == 1)
        #expect(try await store.counts() == before)
        await store.close()
        // Opening again migrates nothing and sees the same.
        let reopened = try await TaskStore.open(location)
        #expect(try await reopened.counts() == before)
        await reopened.close()
    }

    /// Going back to the first version reopens the withdrawn task on its own row (its history
    /// goes on) and withdraws the inserted one.
    @Test(arguments: backends)
    func aWithdrawnTaskThatComesBackKeepsItsHistory(_ backend: TestDatabases.Backend) async throws {
        let (original, corrected) = try Self.seedVersions()
        let store = try await TaskStore.open(try TestDatabases.fresh(backend))
        _ = try await store.store(original, at: Self.date("2026-11-01T08:00:00Z"))
        _ = try await store.store(corrected, at: Self.date("2026-11-20T08:00:00Z"))
        let back = try await store.store(original, at: Self.date("2026-11-25T08:00:00Z"))
        #expect(back.version == 3 && (back.added, back.changed, back.removed) == (1, 2, 1))
        let events = try await store.events(since: "2026-11-01")
        let withdrawn = events.filter { $0.taskID == original.tasks[37].id }.map(\.event)
        #expect(original.tasks[37].text.hasPrefix("降低制度性成本"))
        #expect(withdrawn == ["added", "removed", "added"])
        let counts = try await store.counts()
        #expect(counts.openTasks == 46 && counts.versions == 3)
        await store.close()
    }

    /// A database written by a newer gongwen is refused, not written.
    @Test(arguments: backends)
    func aNewerSchemaIsRefused(_ backend: TestDatabases.Backend) async throws {
        let location = try TestDatabases.fresh(backend)
        let store = try await TaskStore.open(location)
        try await store.database.transaction { session in
            try session.execute("INSERT INTO gongwen_schema (version, name, applied_at) VALUES (99, 'future', 'x')", [])
        }
        await store.close()
        do {
            _ = try await TaskStore.open(location)
            Issue.record("a newer schema was accepted")
        } catch {
            #expect("\(error)".contains("schema version 99, newer than this gongwen's 1"))
        }
    }

    /// The PostgreSQL tests run where a server can be had; elsewhere this says why not.
    @Test(.disabled(if: TestDatabases.postgresSkipReason != nil, Comment(rawValue: TestDatabases.postgresSkipReason ?? "")))
    func postgresServerIsThere() async throws {
        let store = try await TaskStore.open(try TestDatabases.fresh(.postgres))
        #expect(store.database.dialect == .postgres)
        await store.close()
    }

    /// The README's example queries run on both databases and find what they say.
    @Test(arguments: backends)
    func theReadmeQueriesRun(_ backend: TestDatabases.Backend) async throws {
        let readme = try String(contentsOfFile: Paths.repository + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "Three queries a tracker runs"))
        let start = try #require(readme.range(of: "```sql\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let queries = readme[start.upperBound..<end.lowerBound].components(separatedBy: ";").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
        #expect(queries.count == 3)
        let (original, corrected) = try Self.seedVersions()
        let store = try await TaskStore.open(try TestDatabases.fresh(backend))
        _ = try await store.store(original, at: Self.date("2026-11-01T08:00:00Z"))
        _ = try await store.store(corrected, at: Self.date("2026-12-01T08:00:00Z"))
        let results = try await store.database.transaction { session in try queries.map { try session.query($0, []) } }
        #expect(results[0].count == 4)  // overdue on 2017-10-01: task 21 (two units), task 9, moved task 8
        #expect(results[1].map { $0[2].text } == ["added", "removed", "changed", "changed"])
        #expect(results[2].first?[0].text == "区财政局")
        await store.close()
    }

    /// The schema files under Schemas/ are the migrations, word for word.
    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func schemaFilesAreTheMigrations(_ dialect: SQLDialect) {
        let path = Paths.repository + "/Schemas/gongwen-store.\(dialect.rawValue).sql"
        if let mismatch = Golden.mismatch(StoreSchema.script(dialect), goldenPath: path) { Issue.record(Comment(rawValue: mismatch)) }
    }

    @Test func locations() throws {
        #expect(try StoreLocation("tasks.sqlite") == .sqlite(path: "tasks.sqlite"))
        #expect(
            try StoreLocation("postgres://tracker:secret@db.local:6543/tasks")
                == .postgres(host: "db.local", port: 6543, user: "tracker", password: "secret", database: "tasks"))
        #expect(try StoreLocation("postgresql://tracker@10.0.0.1/tasks").display == "postgres://tracker@10.0.0.1:5432/tasks")
        #expect(throws: StoreError.self) { try StoreLocation("postgres://") }
    }
}
