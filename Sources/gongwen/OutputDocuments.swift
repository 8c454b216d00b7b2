import ArgumentParser
import Foundation
import Gongwen
import GongwenCore
import GongwenExport

/// `--gazetteer FILE`, shared by the commands that add canonical units.
struct GazetteerOption: ParsableArguments {
    @Option(help: ArgumentHelp("A unit gazetteer (JSON or YAML): printed names → canonical units.", valueName: "file"))
    var gazetteer: String?

    /// The gazetteer named, or nil; a bad one is named with its cause and stops the command
    /// (exit 1) before anything is written.
    func load() throws -> UnitGazetteer? {
        guard let gazetteer else { return nil }
        do {
            return try GazetteerFile.load(gazetteer)
        } catch {
            StandardError.write("gongwen: error: \(error.description)")
            throw ExitCode.failure
        }
    }
}

/// JSON outputs named on the command line: files, or folders searched recursively for `*.json`.
enum OutputDocuments {
    /// The documents that could be read, in path order, with `gazetteer`'s canonical units
    /// when one is given, and how many could not be read (each named on standard error with
    /// its cause).
    static func load(_ paths: [String], applying gazetteer: UnitGazetteer? = nil) -> (documents: [OutputDocument], failures: Int) {
        var documents: [OutputDocument] = []
        var failures = 0
        for file in files(paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardError.write("gongwen: error: \(file): cannot read the file")
                failures += 1
                continue
            }
            do {
                let document = try JSONImporter.document(Array(data))
                // Without a gazetteer here, the canonical units an output was written with stay.
                documents.append(gazetteer.map(document.applying) ?? document)
            } catch {
                StandardError.write("gongwen: error: \(file): not a gongwen output: \(error)")
                failures += 1
            }
        }
        return (documents, failures)
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
            files += found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return files
    }
}
