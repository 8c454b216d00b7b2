import ArgumentParser
import Foundation
import Gongwen
import GongwenCore
import GongwenExport

extension GongwenCommand {
    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regroup extracted tasks by unit: who owes what by when.",
            discussion: """
                Reads JSON outputs (files, or folders searched for *.json, such as a batch's \
                --output folder) and lists, per unit, its tasks with role, notice, due date \
                and — with --as-of — whether each is overdue on that day. Units are grouped \
                by the name as printed, or with --gazetteer by the canonical unit it names \
                (区发改局, 区发展改革委 → 区发展和改革委员会); --unknown-units writes the printed \
                names the gazetteer does not know, most frequent first.

                An output that cannot be read is named on standard error and skipped; the \
                others are still listed. Exit status: 0 all read; 1 some could not be read.

                Examples:
                  gongwen units out/ --as-of 2017-10-01
                  gongwen units out/ --format json --unit 区政务服务中心 --output center.json
                  gongwen units out/ --gazetteer samples/gazetteer.yaml --unknown-units unknown.csv
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

        @Argument(help: "JSON outputs or folders of them.")
        var paths: [String]

        @Option(help: ArgumentHelp("Mark tasks due before this day (YYYY-MM-DD) as overdue.", valueName: "date"))
        var asOf: String?

        @Option(help: "csv (one row per unit and task) or json (tasks nested under each unit).")
        var format: Format = .csv

        @Option(name: .customLong("unit"), help: ArgumentHelp("Only this unit (repeatable).", valueName: "name"))
        var selected: [String] = []

        @Option(help: ArgumentHelp("Group units by the canonical units of this JSON or YAML file.", valueName: "file"))
        var gazetteer: String?

        @Option(help: ArgumentHelp("Write the names the gazetteer does not know here (CSV: name,count).", valueName: "file"))
        var unknownUnits: String?

        @Flag(help: "Start the CSV with a UTF-8 byte-order mark and neutralise formulas, for Excel.")
        var excel = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one output or folder") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of \(asOf): not a day (YYYY-MM-DD)") }
            if unknownUnits != nil, gazetteer == nil { throw ValidationError("--unknown-units needs --gazetteer") }
        }

        func run() throws {
            var (documents, failures) = OutputDocuments.load(paths)
            if let gazetteer {
                let loaded = try OutputDocuments.gazetteer(gazetteer)
                documents = documents.map { $0.applying(loaded) }
            }
            if let unknownUnits {
                var csv = CSVExporter.row(["name", "count"])
                for (name, count) in UnitView.unknownNames(documents) { csv += CSVExporter.row([name, String(count)]) }
                do {
                    try OutputTarget(unknownUnits).writeFile(csv)
                } catch {
                    StandardError.write("gongwen: error: \(unknownUnits): cannot write: \(error.localizedDescription)")
                    throw ExitCode.failure
                }
            }
            let view = UnitView(documents, asOf: asOf.flatMap(CalendarDate.init(iso:)), only: Set(selected))
            let bytes = format == .csv ? view.csv(byteOrderMark: excel) : view.json()
            if let output {
                do {
                    try OutputTarget(output).writeFile(bytes)
                } catch {
                    StandardError.write("gongwen: error: \(output): cannot write: \(error.localizedDescription)")
                    throw ExitCode.failure
                }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}

/// JSON outputs named on the command line: files, or folders searched recursively for `*.json`.
enum OutputDocuments {
    /// The documents that could be read, in path order, and how many could not (each named on
    /// standard error with its cause).
    static func load(_ paths: [String]) -> (documents: [OutputDocument], failures: Int) {
        var documents: [OutputDocument] = []
        var failures = 0
        for file in files(paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardError.write("gongwen: error: \(file): cannot read the file")
                failures += 1
                continue
            }
            do {
                documents.append(try JSONImporter.document(Array(data)))
            } catch {
                StandardError.write("gongwen: error: \(file): not a gongwen output: \(error)")
                failures += 1
            }
        }
        return (documents, failures)
    }

    /// The gazetteer at `path`; a bad one stops the command with its cause (exit 1).
    static func gazetteer(_ path: String) throws -> UnitGazetteer {
        do {
            return try GazetteerFile.load(path)
        } catch {
            StandardError.write("gongwen: error: \(error.description)")
            throw ExitCode.failure
        }
    }

    static func files(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            guard OutputTarget.isDirectory(path) else {
                files.append(path)
                continue
            }
            let root = URL(fileURLWithPath: path)
            var found: [String] = []
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                // Hidden files include the temporary files of a batch still running.
                guard url.pathExtension == "json", !url.lastPathComponent.hasPrefix(".") else { continue }
                found.append(url.path)
            }
            files += found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        return files
    }
}
