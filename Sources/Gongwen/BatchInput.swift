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
    public static let extensions: Set<String> = [
        "html", "htm", "shtml", "xhtml", "txt", "warc", "gz", "docx", "xlsx", "doc", "xls", "wps", "et", "pdf",
    ]

    /// Whether the file is an office or PDF file (an attachment, when a page links it).
    var isDocument: Bool { recordIndex == nil && AttachmentLink.attachmentExtension(of: file) != nil }

    /// Splits inputs into notices and the attachments of pages among them: office and PDF files
    /// under an `attachments/` folder beside a page of the batch, or listed in a `links.tsv`
    /// beside one. Those are read with the page that links them, not as notices of their own.
    static func separatingAttachments(_ inputs: [(BatchInput, WARCReader.Record?)]) -> (
        notices: [(BatchInput, WARCReader.Record?)], attachments: [BatchInput]
    ) {
        let pageFolders = Set(
            inputs.filter { !$0.0.isDocument && $0.0.recordIndex == nil }.map { ($0.0.file as NSString).deletingLastPathComponent })
        var listed = Set<String>()
        for folder in pageFolders {
            let list = (folder.isEmpty ? "" : folder + "/") + "links.tsv"
            guard let text = try? String(contentsOfFile: list, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2 else { continue }
                let saved = String(fields[1]).trimmingCharacters(in: .whitespaces)
                listed.insert(saved.hasPrefix("/") ? saved : (folder.isEmpty ? saved : folder + "/" + saved))
            }
        }
        func isAttachment(_ input: BatchInput) -> Bool {
            guard input.isDocument else { return false }
            if listed.contains(input.file) { return true }
            var folder = (input.file as NSString).deletingLastPathComponent
            while !folder.isEmpty, folder != "/", folder != "." {
                if (folder as NSString).lastPathComponent == "attachments",
                    pageFolders.contains((folder as NSString).deletingLastPathComponent)
                {
                    return true
                }
                folder = (folder as NSString).deletingLastPathComponent
            }
            return false
        }
        var notices: [(BatchInput, WARCReader.Record?)] = []
        var attachments: [BatchInput] = []
        for input in inputs {
            if input.1 == nil, isAttachment(input.0) { attachments.append(input.0) } else { notices.append(input) }
        }
        return (notices, attachments)
    }

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
