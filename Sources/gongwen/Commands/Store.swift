import ArgumentParser
import Foundation
import GongwenCore
import GongwenExport
import GongwenStore

/// `--db PATH|URL`, for the commands that read a tracker's database instead of outputs.
struct DatabaseOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A tracker's database: an SQLite file, or postgres://user@host:port/database.", valueName: "path-or-url"))
    var db: String?

    /// Opens the database; a failure is named and stops the command (exit 1).
    static func open(_ location: String) async throws -> TaskStore {
        do {
            return try await TaskStore.open(location)
        } catch {
            // (The error names the database.)
            StandardError.write("gongwen: error: \(error)")
            throw ExitCode.failure
        }
    }
}

extension OutputDocuments {
    /// The documents of outputs, or of the database when `--db` names one (its notices as their
    /// latest versions left them).
    static func load(_ paths: [String], database: DatabaseOption, applying gazetteer: UnitGazetteer?) async throws -> (
        documents: [OutputDocument], failures: Int
    ) {
        guard let location = database.db else { return load(paths, applying: gazetteer) }
        let store = try await DatabaseOption.open(location)
        do {
            let documents = try await store.documents()
            await store.close()
            return (gazetteer.map { g in documents.map { $0.applying(g) } } ?? documents, 0)
        } catch {
            await store.close()
            StandardError.write("gongwen: error: \(location): \(error)")
            throw ExitCode.failure
        }
    }
}

extension GongwenCommand {
    struct Store: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load outputs into a tracker's database (SQLite or PostgreSQL), keeping every task's history.",
            discussion: """
                Reads JSON outputs (files, or folders searched for *.json, such as a batch's \
                --output folder) and stores each as a version of its notice (key: 发文字号, else \
                title and signing day). An output whose content is the notice's latest version \
                changes nothing; a corrected one records exactly its differences as task events \
                — added, changed (field, old, new), removed — with the version that caused \
                them. Each notice is one transaction: an interrupted store leaves the database \
                as it was before that notice. Several stores may write one database at once.

                --db names an SQLite file (made when missing) or a PostgreSQL server \
                (postgres://user:password@host:port/database); the schema is created and \
                migrated on first use. Query it with `gongwen tasks --db`, or with SQL \
                (README: tables and example queries).

                Exit status: 0 all stored; 1 some output could not be read or stored (the \
                others are), or the database could not be opened.

                Examples:
                  gongwen store out/ --db tasks.sqlite
                  gongwen store corrected.json --db postgres://tracker@127.0.0.1:5432/tasks
                """
        )

        @Argument(help: "JSON outputs or folders of them.")
        var paths: [String]

        @Option(
            help: ArgumentHelp(
                "The database: an SQLite file, or postgres://user@host:port/database.", valueName: "path-or-url"))
        var db: String

        @OptionGroup var gazetteer: GazetteerOption

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "Print one line per output stored.")
        var verbose = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one output or folder") }
        }

        func run() async throws {
            let gazetteer = try self.gazetteer.load()
            let store = try await DatabaseOption.open(db)
            var counts: [TaskStore.Outcome.Status: Int] = [:]
            var events = (added: 0, changed: 0, removed: 0)
            var failures = 0
            let files = OutputDocuments.files(paths)
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    StandardError.write("gongwen: error: \(file): cannot read the file")
                    failures += 1
                    continue
                }
                let document: OutputDocument
                do {
                    let read = try JSONImporter.document(Array(data))
                    document = gazetteer.map(read.applying) ?? read
                } catch {
                    StandardError.write("gongwen: error: \(file): not a gongwen output: \(error)")
                    failures += 1
                    continue
                }
                do {
                    let outcome = try await store.store(document)
                    counts[outcome.status, default: 0] += 1
                    events.added += outcome.added
                    events.changed += outcome.changed
                    events.removed += outcome.removed
                    if verbose {
                        StandardError.write(
                            "\(file): \(outcome.status.rawValue) \(outcome.noticeKey) v\(outcome.version)"
                                + " (+\(outcome.added) ~\(outcome.changed) -\(outcome.removed))")
                    }
                } catch {
                    StandardError.write("gongwen: error: \(file): not stored: \(error)")
                    failures += 1
                }
            }
            await store.close()
            if !quiet {
                StandardError.write(
                    "\(files.count) outputs: \(counts[.new, default: 0]) new, \(counts[.updated, default: 0]) updated, "
                        + "\(counts[.unchanged, default: 0]) unchanged, \(failures) failed; tasks +\(events.added) added, "
                        + "~\(events.changed) changed, -\(events.removed) removed → \(store.location.display)")
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
