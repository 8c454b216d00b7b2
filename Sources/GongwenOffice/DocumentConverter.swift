import Foundation
import GongwenCore

/// Legacy office files and PDF, through the converters a Debian machine can install:
/// LibreOffice headless for `.doc`, `.wps` (to DOCX) and `.xls`, `.et` (to XLSX), poppler's
/// `pdftotext -tsv` for PDF (its words and their places; see `PDFLayoutReader`).
///
/// Each conversion runs the converter directly (no shell), in a private temporary folder with
/// its own LibreOffice profile (so that conversions can run side by side), bounded in time; the
/// output is read back through the DOCX, XLSX or text readers. Without the converter, the error
/// names the file's format and the Debian package to install.
public enum DocumentConverter {
    public enum Kind: String, Sendable {
        case word
        case spreadsheet
        case pdf

        var package: String {
            switch self {
            case .word: "libreoffice-writer-nogui"
            case .spreadsheet: "libreoffice-calc-nogui"
            case .pdf: "poppler-utils"
            }
        }

        var name: String {
            switch self {
            case .word: "a legacy Word or WPS document"
            case .spreadsheet: "a legacy Excel or WPS spreadsheet"
            case .pdf: "a PDF document"
            }
        }
    }

    public enum Output: Sendable {
        /// DOCX or XLSX bytes.
        case office([UInt8])
        /// A PDF's text and tables.
        case blocks([Block])
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// How long one conversion may take.
    public static let timeLimit: TimeInterval = 120

    /// The kind of conversion a file needs, told by its extension, or by its bytes (`%PDF`).
    public static func kind(extension fileExtension: String, bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: Array("%PDF".utf8)) { return .pdf }
        switch fileExtension.lowercased() {
        case "doc", "wps", "rtf": return .word
        case "xls", "et": return .spreadsheet
        case "pdf": return .pdf
        default: return compoundFileKind(bytes)
        }
    }

    /// A legacy Word or Excel file with no telling name (an archived record, a download saved
    /// as `file`), told by the stream its compound-file directory names: `WordDocument` or
    /// `Workbook`/`Book` (UTF-16LE). An encrypted OOXML file (`EncryptedPackage`) is neither.
    static func compoundFileKind(_ bytes: [UInt8]) -> Kind? {
        guard bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else { return nil }
        func utf16(_ name: String) -> [UInt8] { name.utf8.flatMap { [$0, 0] } }
        func contains(_ needle: [UInt8]) -> Bool { bytes.firstRange(of: needle) != nil }
        if contains(utf16("EncryptedPackage")) { return nil }
        if contains(utf16("WordDocument")) { return .word }
        if contains(utf16("Workbook")) || contains(utf16("Book\0")) { return .spreadsheet }
        return nil
    }

    /// - Parameter searchPath: Where to look for the converter (`PATH` when nil).
    public static func convert(_ bytes: [UInt8], kind: Kind, fileExtension: String, searchPath: String? = nil) throws(Failure)
        -> Output
    {
        let program = kind == .pdf ? "pdftotext" : "soffice"
        guard let executable = find(program, in: searchPath) else {
            throw Failure(description: "\(kind.name); reading it needs \(program): apt-get install \(kind.package)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-convert-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot make a temporary folder for \(program): \(error.localizedDescription)")
        }
        // The converter is told the format by the name: the file's own extension when it is one
        // of the kind's, else the kind's usual one.
        let known = ["doc", "wps", "rtf", "xls", "et", "pdf"].contains(fileExtension.lowercased())
        let name = known ? fileExtension.lowercased() : (kind == .pdf ? "pdf" : kind == .word ? "doc" : "xls")
        let input = folder.appendingPathComponent("input." + name)
        do {
            try Data(bytes).write(to: input)
        } catch {
            throw Failure(description: "cannot write the file for \(program): \(error.localizedDescription)")
        }
        switch kind {
        case .pdf:
            // Words with their places (`-tsv`), so that tables are rebuilt from where their
            // words stand; a poppler without `-tsv` gives the laid-out text instead.
            let output = folder.appendingPathComponent("output.tsv")
            var layout = false
            do throws(Failure) {
                try run(executable, ["-tsv", "-enc", "UTF-8", input.path, output.path], in: folder)
            } catch {
                try run(executable, ["-layout", "-enc", "UTF-8", input.path, output.path], in: folder)
                layout = true
            }
            guard let data = FileManager.default.contents(atPath: output.path) else {
                throw Failure(description: "pdftotext wrote no text")
            }
            let text = String(decoding: data, as: UTF8.self)
            let blocks = layout ? TextBlockReader.read(text) : PDFLayoutReader.read(tsv: text)
            // A scan has pages but no text layer.
            var printed = 0
            for block in blocks {
                printed += block.text.unicodeScalars.count
                for row in block.table?.rows ?? [] { for cell in row { printed += cell.text.unicodeScalars.count } }
            }
            guard printed >= 10 else {
                throw Failure(description: "a scanned PDF with no text layer: reading it needs OCR")
            }
            return .blocks(blocks)
        case .word, .spreadsheet:
            let target = kind == .word ? "docx" : "xlsx"
            let profile = folder.appendingPathComponent("profile")
            try run(
                executable,
                [
                    "--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile.absoluteString, "--convert-to", target,
                    "--outdir", folder.path, input.path,
                ], in: folder)
            let output = folder.appendingPathComponent("input." + target)
            guard let data = FileManager.default.contents(atPath: output.path), !data.isEmpty else {
                throw Failure(description: "LibreOffice could not convert it (damaged, or not \(kind.name))")
            }
            return .office([UInt8](data))
        }
    }

    /// Runs a converter, killing it when it runs past the time limit.
    private static func run(_ executable: String, _ arguments: [String], in folder: URL) throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(executable): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeLimit)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            Thread.sleep(forTimeInterval: 0.5)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw Failure(description: "\((executable as NSString).lastPathComponent) took more than \(Int(timeLimit)) s")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "\((executable as NSString).lastPathComponent) failed (exit \(process.terminationStatus)): damaged, or encrypted")
        }
    }

    /// A program on `PATH`, as `command -v` finds it.
    static func find(_ name: String, in searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
