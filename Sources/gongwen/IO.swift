import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Standard error, one line per call.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

enum StandardInput {
    static func readAll() -> [UInt8] {
        Array(FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// Where output goes as it is made, so that no output is ever held in memory whole: standard
/// output, or a temporary file beside the destination that `commit()` renames into place (an
/// output file is replaced whole or not at all; `discard()` leaves the old one as it was).
final class OutputSink {
    private let descriptor: Int32
    private let temporary: URL?
    private let destination: URL?
    /// The first write error (a full disk, a closed pipe), reported on `commit()`.
    private(set) var failure: String?

    private init(descriptor: Int32, temporary: URL?, destination: URL?) {
        self.descriptor = descriptor
        self.temporary = temporary
        self.destination = destination
    }

    static func standardOutput() -> OutputSink { OutputSink(descriptor: STDOUT_FILENO, temporary: nil, destination: nil) }

    /// A temporary file beside `destination` (its folder is made when missing).
    static func file(_ destination: URL) throws -> OutputSink {
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: destination.path])
        }
        return OutputSink(descriptor: descriptor, temporary: temporary, destination: destination)
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = Glibc.write(descriptor, base, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            base += count
            remaining -= count
        }
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }

    /// Renames the temporary file into place (nothing for standard output).
    func commit() throws {
        guard let temporary, let destination else {
            if let failure { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure]) }
            return
        }
        close(descriptor)
        guard failure == nil, rename(temporary.path, destination.path) == 0 else {
            let reason = failure ?? String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path, NSLocalizedDescriptionKey: reason])
        }
    }

    /// Removes the temporary file: the destination stays as it was.
    func discard() {
        guard let temporary else { return }
        close(descriptor)
        try? FileManager.default.removeItem(at: temporary)
    }
}

/// Where `--output` points: one file, or a directory that receives one file per input.
///
/// Every file is written to a temporary name beside its destination and renamed into place,
/// so an interrupted run never leaves a half-written output, and a failed input never touches
/// what was written before.
struct OutputTarget {
    let path: String

    init(_ path: String) { self.path = path }

    static func isDirectory(_ path: String) -> Bool {
        if path.hasSuffix("/") { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    var isDirectory: Bool { Self.isDirectory(path) }

    /// Writes the whole output to the target file.
    func writeFile(_ bytes: [UInt8]) throws {
        try Self.atomicWrite(bytes, to: URL(fileURLWithPath: path))
    }

    /// Writes the whole output to the target file; a failure is named with its cause and
    /// stops the command (exit 1), leaving any earlier file as it was.
    func writeFileOrExit(_ bytes: [UInt8]) throws {
        do {
            try writeFile(bytes)
        } catch {
            StandardError.write("gongwen: error: \(path): cannot write: \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }

    /// Writes one input's output into the directory, named after the input's base name. Names
    /// are sanitised so that no input name can place a file outside the directory.
    func write(_ bytes: [UInt8], forInput input: String, fileExtension: String) throws {
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.atomicWrite(bytes, to: directory.appendingPathComponent(Self.outputName(forInput: input, fileExtension: fileExtension)))
    }

    /// A sink for one input's output in the directory (see `write(_:forInput:fileExtension:)`).
    func sink(forInput input: String, fileExtension: String) throws -> OutputSink {
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        return try OutputSink.file(directory.appendingPathComponent(Self.outputName(forInput: input, fileExtension: fileExtension)))
    }

    /// The name an input's output takes in a directory: its base name, sanitised.
    static func outputName(forInput input: String, fileExtension: String) -> String {
        let base = input == "-" ? "stdin" : URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let safe = String(base.unicodeScalars.map { $0 == "/" || $0.value < 0x20 ? "_" : Character($0) }.prefix(200))
        let name = (safe.isEmpty || safe == "." || safe == "..") ? "output" : safe
        return name + "." + fileExtension
    }

    /// Inputs whose outputs would take the same name in a directory (`a/notice.txt` and
    /// `b/notice.txt`, `x.txt` and `x.html`): the first such pair, if any.
    static func clashingInputs(_ inputs: [String], fileExtension: String) -> (first: String, second: String, name: String)? {
        var seen: [String: String] = [:]
        for input in inputs {
            let name = outputName(forInput: input, fileExtension: fileExtension)
            if let earlier = seen[name], earlier != input { return (earlier, input, name) }
            seen[name] = input
        }
        return nil
    }

    private static func atomicWrite(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: temporary)
            // rename(2) replaces the destination atomically: readers see the old file or the
            // new one, never a mix, and a failure leaves the old file as it was.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
