import Foundation
import GongwenExport
import GongwenHTML
import Synchronization

/// Converts many inputs on all cores into one output folder, resumably.
///
/// ```
/// OUT/
///   pages/a.html.json          one document per input, the input's path mirrored
///   archive.warc.gz/record-000003.json
///   tasks.csv                  every task of every document, in input order
///   documents.csv              one row per input: status, title, task count, encoding, duplicate-of
///   errors.jsonl               one line per failed input: file, stage, message
///   manifest.jsonl             one line per output: what a rerun needs to reuse it
/// ```
///
/// Every file is written under a temporary name and renamed, so an interrupted run leaves no
/// half-written output. A rerun skips inputs whose output is current (same input SHA-256,
/// generator and gazetteer, output file as written) unless `force`: it takes their rows from
/// the manifest instead of decoding every output again (an output without a manifest line is
/// decoded, as before there was one). Results are collected in input order, so the bytes written do
/// not depend on the number of jobs or on timing.
public struct BatchRunner: Sendable {
    public struct Options: Sendable {
        public var outputDirectory: String
        public var jobs: Int
        public var force: Bool
        public var extraction: ExtractionOptions
        /// Canonical units added to every output; an output written with another gazetteer
        /// (or none) is not current.
        public var gazetteer: UnitGazetteer?

        public init(
            outputDirectory: String, jobs: Int, force: Bool = false, extraction: ExtractionOptions = ExtractionOptions(),
            gazetteer: UnitGazetteer? = nil
        ) {
            self.outputDirectory = outputDirectory
            self.jobs = max(1, jobs)
            self.force = force
            self.extraction = extraction
            self.gazetteer = gazetteer
        }
    }

    /// Counts for the summary and the progress display.
    public struct Progress: Sendable {
        public var total: Int
        public var done: Int
        public var failed: Int
        public var skipped: Int
        public var tasks: Int
        public var duplicates: Int

        /// Counts one finished input; returns the counts after it.
        mutating func counting(_ result: Result) -> Progress {
            done += 1
            if result.status == .failed { failed += 1 }
            if result.status == .current { skipped += 1 }
            tasks += result.documentRow?.tasks ?? 0
            return self
        }

        public init(total: Int, done: Int, failed: Int, skipped: Int, tasks: Int = 0, duplicates: Int = 0) {
            self.total = total
            self.done = done
            self.failed = failed
            self.skipped = skipped
            self.tasks = tasks
            self.duplicates = duplicates
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// What happened to one input.
    enum Status: String {
        case converted, current, failed
    }

    struct Result {
        var status: Status
        var csvRows: [UInt8] = []
        var documentRow: (title: String, tasks: Int, encoding: String, fingerprint: String)?
        var error: (stage: String, message: String)?
        var manifest: ManifestEntry?
        /// The files read as the notice's attachments.
        var attachmentFiles: [String] = []
    }

    /// Runs the batch.
    ///
    /// - Parameter report: Called from the workers after each input (not in order).
    /// - Returns: The final counts.
    /// - Throws: Only when the output folder or the summary files cannot be written.
    /// - Parameter failure: Called with `file: cause` for each input that fails, as it fails.
    public func run(
        _ inputs: [BatchInput], report: @Sendable (Progress) -> Void = { _ in }, failure: @Sendable (String) -> Void = { _ in }
    ) throws -> Progress {
        let output = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        Self.removeAbandonedTemporaries(in: output)
        // Archives expand into their records first (read once, here, in input order).
        var expanded: [(BatchInput, WARCReader.Record?)] = []
        var failedArchives: [String: String] = [:]
        for input in inputs {
            guard input.isArchive else {
                expanded.append((input, nil))
                continue
            }
            do {
                let bytes = try FileReader.read(input.file, limit: options.extraction.maximumBytes)
                let records = try WARCReader.records(bytes, limit: options.extraction.maximumBytes * 4)
                expanded += input.records(records).map { ($0.0, $0.1) }
            } catch {
                failedArchives[input.name] = "\(error)"
                expanded.append((input, nil))
            }
        }
        // Office and PDF files saved beside a page, or archived as records of the same web
        // archive, are its attachments, read with it.
        let archived = ArchivedAttachments(expanded.compactMap { input, record in record?.isDocument == true ? (input, record!) : nil })
        let (work, fileAttachments) = BatchInput.separatingAttachments(expanded.filter { $0.1?.isDocument != true })
        let attachmentInputs = fileAttachments.map { ($0, WARCReader.Record?.none) } + archived.inputs
        let attachmentsByFile = Dictionary(fileAttachments.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
            .merging(archived.inputsByURL, uniquingKeysWith: { first, _ in first })
        let archiveErrors = failedArchives
        let previous = options.force ? Manifest() : Manifest.read(in: output)
        let gazetteer = ManifestEntry.fingerprint(options.gazetteer)
        let count = work.count
        let results = Mutex<[Int: Result]>([:])
        let next = Mutex(0)
        let progress = Mutex(Progress(total: count, done: 0, failed: 0, skipped: 0, tasks: 0, duplicates: 0))
        let writer = Mutex(OrderedWriter(output: output, attachments: attachmentsByFile))
        try writer.withLock { try $0.open() }

        DispatchQueue.concurrentPerform(iterations: options.jobs) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < count else { return }
                let (input, record) = work[index]
                let result: Result
                if let archiveError = archiveErrors[input.name] {
                    result = Result(status: .failed, error: ("archive", "\(input.name): \(archiveError)"))
                } else {
                    result = convert(
                        input, record: record, output: output, previous: previous, gazetteer: gazetteer, archived: archived)
                }
                let snapshot = progress.withLock { $0.counting(result) }
                if let error = result.error { failure(error.message) }
                results.withLock { $0[index] = result }
                // Whoever finishes the next input in order writes every finished row it can.
                writer.withLock { writer in
                    results.withLock { pending in
                        while let ready = pending.removeValue(forKey: writer.nextIndex) {
                            writer.append(ready, input: work[writer.nextIndex].0)
                        }
                    }
                }
                report(snapshot)
            }
        }
        // Attachments no page read (not linked, or its page failed) are notices of their own,
        // after the rest.
        let unclaimed = writer.withLock { writer in
            attachmentInputs.filter { !writer.claimed.contains($0.1?.targetURI.map(ArchivedAttachments.key) ?? $0.0.file) }
        }
        for (input, record) in unclaimed {
            let result = convert(input, record: record, output: output, previous: previous, gazetteer: gazetteer)
            let snapshot = progress.withLock { state -> Progress in
                state.total += 1
                return state.counting(result)
            }
            if let error = result.error { failure(error.message) }
            writer.withLock { $0.append(result, input: input) }
            report(snapshot)
        }
        let duplicates = try writer.withLock { writer -> Int in
            try writer.close()
            return writer.duplicates
        }
        return progress.withLock { state in
            state.duplicates = duplicates
            return state
        }
    }

    /// Removes the temporary files an interrupted run left in the output folder (a run killed
    /// with `kill -9`, or one stopped before it could clean up): `.NAME.tmp-PID` and
    /// `.NAME.tmp-PID-N`, whose process no longer runs. A batch still writing into the same
    /// folder keeps its own.
    ///
    /// - Returns: How many files were removed.
    @discardableResult
    public static func removeAbandonedTemporaries(in output: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else { return 0 }
        var removed = 0
        for case let url as URL in walker {
            guard let pid = temporaryOwner(url.lastPathComponent), !isRunning(pid) else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    /// The process that wrote a temporary file, read from its name (`.tasks.csv.tmp-4242`,
    /// `.a.html.json.tmp-4242-981237`); nil for any other name.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let digits = name[marker.upperBound...].split(separator: "-", maxSplits: 1)
        guard let first = digits.first, first.allSatisfy(\.isASCII), let pid = pid_t(first), pid > 0,
            digits.count == 1 || digits[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return pid
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        if pid == getpid() { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: - One input

    private func convert(
        _ input: BatchInput, record: WARCReader.Record?, output: URL, previous: Manifest, gazetteer: String,
        archived: ArchivedAttachments = ArchivedAttachments([])
    ) -> Result {
        let target = output.appendingPathComponent(input.outputPath)
        let bytes: [UInt8]
        if let record {
            bytes = record.payload
        } else {
            do {
                bytes = try FileReader.read(input.file, limit: options.extraction.maximumBytes)
            } catch {
                switch error {
                case .unreadable(let path, let reason): return failure("read", "\(path): cannot read: \(reason)")
                case .tooLarge(let path, let size, let limit):
                    return failure("read", "\(path): \(size) bytes is over the limit of \(limit) bytes")
                }
            }
        }
        let hash = SHA256Digest.hex(bytes)
        // A page is read with its attachments: saved beside it, or archived with it.
        let find: ((AttachmentLink) -> AttachmentFile?)?
        if let record {
            find = record.isDocument ? nil : { archived.find($0, linkedFrom: record.targetURI) }
        } else {
            find = AttachmentFinder(pagePath: input.file, maximumBytes: options.extraction.maximumBytes).find
        }
        func unchanged(_ attachments: [String]) -> Bool { Self.unchanged(attachments, archived: archived) }
        if !options.force {
            // The manifest says what the output holds, if the output is still the file it wrote
            // and the attachments it read are the same files.
            if let entry = previous.entries[input.outputPath], entry.sha256 == hash, entry.generator == OutputDocument.currentGenerator,
                entry.gazetteer == gazetteer, entry.describes(target), unchanged(entry.attachments ?? []),
                let rows = previous.rows(of: entry)
            {
                return Result(
                    status: .current, csvRows: rows, documentRow: (entry.title, entry.tasks, entry.encoding, entry.fingerprint),
                    manifest: entry, attachmentFiles: Self.readFiles(entry.attachments ?? []))
            }
            if let existing = current(at: target, hash: hash), unchanged(ManifestEntry.attachmentList(existing.source.attachments)) {
                let row = (existing.metadata.title ?? "", existing.tasks.count, existing.source.encoding, existing.contentFingerprint)
                return Result(
                    status: .current, csvRows: CSVExporter().rows(existing), documentRow: row,
                    manifest: FileIdentity(target).map { ManifestEntry(input: input, document: existing, gazetteer: gazetteer, file: $0) },
                    attachmentFiles: existing.source.attachments.filter { $0.status == .read }.map(\.path))
            }
        }
        var extraction: Extraction
        do {
            let extractor = NoticeExtractor(options: options.extraction)
            if let find, !input.isDocument {
                extraction = try extractor.extract(
                    bytes: bytes, path: input.name, charsetHint: record?.charset, sha256: hash, attachments: find)
            } else {
                extraction = try extractor.extract(bytes: bytes, path: input.name, charsetHint: record?.charset, sha256: hash)
            }
        } catch {
            return failure("extract", error.description)
        }
        extraction.source.url = record?.targetURI
        extraction.source.archivedAt = record?.date
        let document = OutputDocument(extraction).applying(options.gazetteer)
        // Streamed to the file as it is hashed for the manifest: never held as bytes whole.
        let hasher = SHA256Digest.Incremental()
        var size = 0
        do {
            try AtomicFile.write(to: target) { write in
                document.writeJSON(pretty: true, newline: true) { chunk in
                    hasher.update(chunk)
                    size += chunk.count
                    write(chunk)
                }
            }
        } catch {
            return failure("write", "\(input.name): \(error)")
        }
        let rows = CSVExporter().rows(document)
        return Result(
            status: .converted, csvRows: rows,
            documentRow: (document.metadata.title ?? "", document.tasks.count, document.source.encoding, document.contentFingerprint),
            manifest: ManifestEntry(
                input: input, document: document, gazetteer: gazetteer, file: FileIdentity(size: size, sha256: hasher.finish())),
            attachmentFiles: extraction.source.attachments.filter { $0.status == .read }.map(\.path))
    }

    /// Whether the attachments an output was made with are still the same files: each read one
    /// hashes the same (`sha256 path`), each missing one (`- href`) is still not at that path.
    /// An archived attachment (a URL) is compared with the record the archive holds now.
    static func unchanged(_ attachments: [String], archived: ArchivedAttachments = ArchivedAttachments([])) -> Bool {
        attachments.allSatisfy { entry in
            guard let space = entry.firstIndex(of: " ") else { return false }
            let digest = entry[..<space]
            let path = String(entry[entry.index(after: space)...])
            if let record = archived.record(at: path) { return digest != "-" && SHA256Digest.hex(record.payload) == digest }
            if archived.isURL(path) { return digest == "-" }
            if digest == "-" { return !FileManager.default.fileExists(atPath: path) }
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return SHA256Digest.hex([UInt8](data)) == digest
        }
    }

    static func readFiles(_ attachments: [String]) -> [String] {
        attachments.compactMap { entry in
            guard let space = entry.firstIndex(of: " "), entry[..<space] != "-" else { return nil }
            return String(entry[entry.index(after: space)...])
        }
    }

    private func failure(_ stage: String, _ message: String) -> Result {
        Result(status: .failed, error: (stage, message))
    }

    /// The existing output, when it was written by this generator from the same bytes, with
    /// the canonical units the current gazetteer gives.
    private func current(at url: URL, hash: String) -> OutputDocument? {
        guard let data = FileManager.default.contents(atPath: url.path),
            let document = try? JSONImporter.document(Array(data)),
            document.generator == OutputDocument.currentGenerator, document.source.sha256 == hash,
            document == document.applying(options.gazetteer)
        else { return nil }
        return document
    }
}

/// Writes the batch's summary files in input order as results arrive.
struct OrderedWriter {
    let output: URL
    /// The batch's inputs that are attachments of its pages, by file.
    let attachments: [String: BatchInput]
    /// Those already read with a page.
    private(set) var claimed = Set<String>()
    var nextIndex = 0
    private(set) var duplicates = 0
    private var tasks: StagedFile?
    private var documents: StagedFile?
    private var errors: StagedFile?
    private var manifest: StagedFile?
    private var firstByFingerprint: [String: String] = [:]

    init(output: URL, attachments: [String: BatchInput] = [:]) {
        self.output = output
        self.attachments = attachments
    }

    mutating func open() throws {
        tasks = try StagedFile(output.appendingPathComponent("tasks.csv"))
        documents = try StagedFile(output.appendingPathComponent("documents.csv"))
        errors = try StagedFile(output.appendingPathComponent("errors.jsonl"))
        manifest = try StagedFile(output.appendingPathComponent(Manifest.fileName))
        tasks?.write(CSVExporter.row(CSVExporter().header))
        documents?.write(CSVExporter.row(["input", "output", "status", "title", "tasks", "encoding", "duplicate_of", "attachment_of"]))
    }

    mutating func append(_ result: BatchRunner.Result, input: BatchInput) {
        defer { nextIndex += 1 }
        if var entry = result.manifest {
            // Where this output's rows sit in tasks.csv: a rerun copies them from there.
            entry.csvOffset = tasks?.written ?? 0
            entry.csvLength = result.csvRows.count
            manifest?.write(entry.line())
        }
        tasks?.write(result.csvRows)
        var duplicateOf = ""
        if let row = result.documentRow, !row.fingerprint.isEmpty {
            if let first = firstByFingerprint[row.fingerprint] {
                duplicateOf = first
                duplicates += 1
            } else {
                firstByFingerprint[row.fingerprint] = input.name
            }
        }
        let row = result.documentRow
        documents?.write(
            CSVExporter.row([
                input.name, result.status == .failed ? "" : input.outputPath, result.status.rawValue, row?.title ?? "",
                row.map { String($0.tasks) } ?? "", row?.encoding ?? "", duplicateOf, "",
            ]))
        // The attachments it read follow their page: no output of their own, their tasks are
        // the page's.
        for file in result.attachmentFiles {
            guard let attachment = attachments[file], claimed.insert(file).inserted else { continue }
            documents?.write(CSVExporter.row([attachment.name, "", "attachment", "", "", "", "", input.name]))
        }
        if let error = result.error {
            let line: [String: String] = ["file": input.name, "stage": error.stage, "message": error.message]
            if let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) {
                errors?.write(Array(data) + [0x0A])
            }
        }
    }

    mutating func close() throws {
        // The manifest's last line names the tasks.csv its offsets are in.
        if let tasks {
            try tasks.finish()
            if let identity = FileIdentity(tasks.temporary) { manifest?.write(Manifest.trailer(identity)) }
        }
        try tasks?.commit()
        try documents?.commit()
        try errors?.commit()
        try manifest?.commit()
    }
}

/// A file written under a temporary name beside its destination, renamed into place on commit.
final class StagedFile {
    let destination: URL
    let temporary: URL
    let handle: FileHandle
    /// Bytes written so far.
    private(set) var written = 0
    private var finished = false

    init(_ destination: URL) throws {
        self.destination = destination
        temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        let temporary = temporary
        handle = try WriteGate.shared.pass {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
            }
            return try FileHandle(forWritingTo: temporary)
        }
    }

    func write(_ bytes: [UInt8]) {
        if !bytes.isEmpty { handle.write(Data(bytes)) }
        written += bytes.count
    }

    /// Closes the temporary file (its size and modification time are then final).
    func finish() throws {
        guard !finished else { return }
        finished = true
        try handle.close()
    }

    func commit() throws {
        try finish()
        try AtomicFile.rename(temporary, to: destination)
    }
}

/// Whole-file writes that are never seen half-done: write a temporary file, then rename(2).
/// The writes under way, and whether an interruption has closed the way to new ones.
///
/// An interrupted batch removes its temporary files before it exits; a worker that created one
/// after the removal looked would leave it behind. The interruption closes the gate first,
/// waits for the writes under way to be renamed into place (or removed), and only then looks:
/// no temporary file is made after that.
public final class WriteGate: Sendable {
    public static let shared = WriteGate()

    /// A write asked for after the gate closed.
    public struct Closed: Error, CustomStringConvertible {
        public var description: String { "interrupted: no new file is written" }
    }

    private let state = Mutex<(closed: Bool, underWay: Int)>((false, 0))

    /// Runs `write` unless the gate is closed, counted as under way while it runs.
    func pass<T>(_ write: () throws -> T) throws -> T {
        let open = state.withLock { state -> Bool in
            if state.closed { return false }
            state.underWay += 1
            return true
        }
        guard open else { throw Closed() }
        defer { state.withLock { $0.underWay -= 1 } }
        return try write()
    }

    /// Closes the gate and returns when no write is under way any more.
    public func close() {
        state.withLock { $0.closed = true }
        while state.withLock({ $0.underWay }) > 0 { usleep(1_000) }
    }
}

public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try WriteGate.shared.pass { try writeUngated(bytes, to: url) }
    }

    private static func writeUngated(_ bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        do {
            try Data(bytes).write(to: temporary)
            try rename(temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes a file given in pieces: `produce` calls its argument with each piece, in order.
    /// Renamed into place when all were written; on any error the temporary file is removed
    /// and the destination left as it was.
    public static func write(to url: URL, _ produce: (_ write: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Void) throws {
        try WriteGate.shared.pass { try writeUngated(to: url, produce) }
    }

    private static func writeUngated(
        to url: URL, _ produce: (_ write: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        // The folder is made only when it is missing (a mkdir per file cost more than its write).
        var descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            throw CocoaError(
                .fileWriteNoPermission,
                userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        var failure: Int32 = 0
        produce { piece in
            guard failure == 0, var base = piece.baseAddress else { return }
            var remaining = piece.count
            while remaining > 0 {
                let count = Foundation.write(descriptor, base, remaining)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                base += count
                remaining -= count
            }
        }
        close(descriptor)
        do {
            if failure != 0 {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: String(cString: strerror(failure))])
            }
            try rename(temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func rename(_ from: URL, to destination: URL) throws {
        guard Foundation.rename(from.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
    }
}

/// A file's size and SHA-256: what tells that it is still the file written earlier. (Content,
/// not modification time, so that the manifest is the same bytes whoever wrote it, and a copy
/// that kept the time but not the bytes is not taken for the original.)
struct FileIdentity: Codable, Sendable, Equatable {
    var size: Int
    var sha256: String

    init(bytes: [UInt8]) {
        size = bytes.count
        sha256 = SHA256Digest.hex(bytes)
    }

    init(size: Int, sha256: String) {
        self.size = size
        self.sha256 = sha256
    }

    init?(_ file: URL) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        self.init(bytes: [UInt8](data))
    }
}

/// One line of a batch's `manifest.jsonl`: what a rerun needs to reuse an output without
/// reading it — the input's SHA-256, the generator and gazetteer that wrote it, the output
/// file's size and modification time (an output edited or replaced since is not reused), its
/// row of `documents.csv`, and where its rows are in `tasks.csv`.
struct ManifestEntry: Codable, Sendable, Equatable {
    var output: String
    var sha256: String
    var generator: String
    var gazetteer: String
    var file: FileIdentity
    var title: String
    var tasks: Int
    var encoding: String
    var fingerprint: String
    var csvOffset = 0
    var csvLength = 0
    /// The attachments read with the page, as `sha256 path` (`- href` for a missing one);
    /// absent (nil) for a notice without attachment links.
    var attachments: [String]?

    /// - Parameter file: The output as written (its bytes).
    init(input: BatchInput, document: OutputDocument, gazetteer: String, file: FileIdentity) {
        output = input.outputPath
        sha256 = document.source.sha256
        generator = document.generator
        self.gazetteer = gazetteer
        self.file = file
        title = document.metadata.title ?? ""
        tasks = document.tasks.count
        encoding = document.source.encoding
        fingerprint = document.contentFingerprint
        let list = Self.attachmentList(document.source.attachments)
        attachments = list.isEmpty ? nil : list
    }

    static func attachmentList(_ files: [AttachedFile]) -> [String] {
        files.map { file in (file.status == .read ? file.sha256 ?? "-" : "-") + " " + file.path }
    }

    /// Whether `file` is still the output this entry was written with (read only when its
    /// size matches).
    func describes(_ file: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
            (attributes[.size] as? NSNumber)?.intValue == self.file.size
        else { return false }
        return FileIdentity(file) == self.file
    }

    /// The entry as one line of JSON, keys in order (written with the exporter's stream:
    /// JSONEncoder cost a tenth of what the batch adds to the extraction).
    func line() -> [UInt8] {
        var json = JSONStream(pretty: false, capacity: 512)
        json.object { json in
            if let attachments { json.member("attachments", attachments) }
            json.member("csvLength", csvLength)
            json.member("csvOffset", csvOffset)
            json.member("encoding", encoding)
            json.key("file")
            json.object { json in
                json.member("sha256", file.sha256)
                json.member("size", file.size)
            }
            json.member("fingerprint", fingerprint)
            json.member("gazetteer", gazetteer)
            json.member("generator", generator)
            json.member("output", output)
            json.member("sha256", sha256)
            json.member("tasks", tasks)
            json.member("title", title)
        }
        json.lineBreak()
        return json.bytes
    }

    /// A gazetteer's identity: the SHA-256 of its units in id order ("" for none).
    static func fingerprint(_ gazetteer: UnitGazetteer?) -> String {
        guard let gazetteer else { return "" }
        let canonical = gazetteer.units.sorted { $0.id < $1.id }.map { unit in
            [unit.id, unit.name, unit.parent ?? "", unit.aliases.joined(separator: "\u{1F}")].joined(separator: "\u{1E}")
        }.joined(separator: "\n")
        return SHA256Digest.hex(Array(canonical.utf8))
    }
}

/// The previous run's manifest, with the `tasks.csv` its offsets point into.
struct Manifest: Sendable {
    static let fileName = "manifest.jsonl"

    var entries: [String: ManifestEntry] = [:]
    /// The previous `tasks.csv`, when it is still the file the manifest describes.
    var tasksCSV: [UInt8]?

    /// The rows of one output, copied from the previous `tasks.csv`.
    func rows(of entry: ManifestEntry) -> [UInt8]? {
        guard let tasksCSV, entry.csvOffset >= 0, entry.csvLength >= 0, entry.csvOffset + entry.csvLength <= tasksCSV.count else {
            return nil
        }
        return Array(tasksCSV[entry.csvOffset..<(entry.csvOffset + entry.csvLength)])
    }

    private struct Trailer: Codable {
        var tasksCSV: FileIdentity
    }

    static func trailer(_ identity: FileIdentity) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ((try? encoder.encode(Trailer(tasksCSV: identity))).map(Array.init) ?? []) + [0x0A]
    }

    /// The manifest in `output`; empty when there is none, when it is damaged (a line that
    /// does not decode is passed over: its output is decoded instead) or when `tasks.csv` is
    /// no longer the file it describes.
    static func read(in output: URL) -> Manifest {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path) else { return Manifest() }
        let bytes = [UInt8](data)
        let decoder = JSONDecoder()
        var manifest = Manifest()
        var trailer: Trailer?
        var start = 0
        // (Lines found by a byte scan: Data.split is slow on large files.)
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = Data(bytes[start..<end])
            if let entry = try? decoder.decode(ManifestEntry.self, from: line) {
                manifest.entries[entry.output] = entry
            } else if let found = try? decoder.decode(Trailer.self, from: line) {
                trailer = found
            }
            start = end + 1
        }
        let tasks = output.appendingPathComponent("tasks.csv")
        if let trailer, let data = FileManager.default.contents(atPath: tasks.path), data.count == trailer.tasksCSV.size {
            let bytes = [UInt8](data)
            if FileIdentity(bytes: bytes) == trailer.tasksCSV { manifest.tasksCSV = bytes }
        }
        return manifest
    }
}
