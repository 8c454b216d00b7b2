import Foundation
import GongwenHTML

/// One input of a batch: a file, or one page of a web archive.
public struct BatchInput: Sendable, Equatable {
    /// How the input is named in outputs and errors: the path as given, or
    /// `archive.warc.gz#record-12`.
    public var name: String
    /// The output file's path relative to the output folder (`a/b/page.html.json`); never
    /// absolute and never with `..`, whatever the input is called.
    public var outputPath: String
    public var file: String
    /// The record's position, for archive pages.
    public var recordIndex: Int?

    /// The file extensions a folder is searched for.
    public static let extensions: Set<String> = ["html", "htm", "shtml", "xhtml", "txt", "warc", "gz"]

    /// Collects inputs from paths (files, folders searched recursively, glob patterns) and
    /// list files, in a stable order.
    ///
    /// - Returns: Inputs, and the paths that named nothing (reported, not fatal).
    public static func collect(
        paths: [String], listFiles: [String], readStandardInput: () -> String
    ) -> (inputs: [BatchInput], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        var named = paths
        for list in listFiles {
            let text = list == "-" ? readStandardInput() : ((try? String(contentsOfFile: list, encoding: .utf8)) ?? "")
            if list != "-", !FileManager.default.fileExists(atPath: list) { missing.append(list) }
            named += text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        for path in named {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                        .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                        .sorted()
                        .map { (path as NSString).appendingPathComponent($0) }
                    files += found.filter { name in
                        var isFolder: ObjCBool = false
                        return FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) && !isFolder.boolValue
                    }
                } else {
                    files.append(path)
                }
            } else if path.contains(where: { "*?[".contains($0) }) {
                let matches = FileGlob.match(path)
                if matches.isEmpty { missing.append(path) }
                files += matches
            } else {
                missing.append(path)
            }
        }
        var seen = Set<String>()
        let unique = files.filter { seen.insert($0).inserted }
        return (unique.map { BatchInput(name: $0, outputPath: safeOutputPath($0) + ".json", file: $0, recordIndex: nil) }, missing)
    }

    /// Whether the file is a web archive (by name; its bytes decide again when read).
    public var isArchive: Bool {
        let lower = file.lowercased()
        return lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz")
    }

    /// The record inputs of an archive input.
    func records(_ records: [WARCReader.Record]) -> [(BatchInput, WARCReader.Record)] {
        records.map { record in
            let name = "\(file)#record-\(record.index)"
            let output = BatchInput.safeOutputPath(file) + "/record-\(String(format: "%06d", record.index)).json"
            return (BatchInput(name: name, outputPath: output, file: file, recordIndex: record.index), record)
        }
    }

    /// A relative path that mirrors `path` and cannot leave the output folder: `..`, `.`, empty
    /// and absolute components are dropped, control characters and `:` replaced, each component
    /// cut to 200 bytes.
    public static func safeOutputPath(_ path: String) -> String {
        let components = path.split(separator: "/").compactMap { component -> String? in
            if component == "." || component == ".." || component.isEmpty { return nil }
            var clean = String(
                String.UnicodeScalarView(
                    component.unicodeScalars.map { $0.value < 0x20 || $0 == ":" || $0 == "\\" || $0.value == 0x7F ? "_" : $0 }))
            while clean.utf8.count > 200 { clean.removeLast() }
            return clean.hasPrefix(".") ? "_" + clean.dropFirst() : clean
        }
        return components.isEmpty ? "input" : components.joined(separator: "/")
    }
}
