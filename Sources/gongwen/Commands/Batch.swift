import ArgumentParser
import Foundation
import Gongwen
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension GongwenCommand {
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert archives of saved pages in parallel, resumably.",
            discussion: """
                Inputs are files, folders (searched recursively for .html, .htm, .shtml, .txt, \
                .warc and .warc.gz), glob patterns and list files. Each HTML response of a WARC \
                archive is one input, its HTTP charset a decoding hint.

                OUTPUT receives one JSON per input at a path mirroring the input's, plus \
                tasks.csv (every task), documents.csv (one row per input: status, title, task \
                count, encoding, duplicate_of) and errors.jsonl (file, stage, message). Every \
                file is written to a temporary name and renamed, so an interrupted run leaves no \
                half-written output; a rerun skips inputs whose output is current (same input \
                bytes and tool version) and redoes the rest. The bytes written do not depend on \
                --jobs.

                Exit status: 0 every input converted; 1 some inputs failed (listed in \
                errors.jsonl); 64 bad usage.

                Examples:
                  gongwen batch archive/ --output out/
                  gongwen batch 'pages/*/*.html' crawl.warc.gz --output out/ --jobs 8
                  find pages -name '*.htm' | gongwen batch --from-list - --output out/
                """
        )

        @Argument(help: "Files, folders, glob patterns and web archives to convert.")
        var inputs: [String] = []

        @Option(
            name: .customLong("from-list"),
            help: ArgumentHelp("Read input paths from a file, one per line (- for standard input).", valueName: "file"))
        var lists: [String] = []

        @Option(name: .shortAndLong, help: "The output folder.")
        var output: String

        @Option(name: .shortAndLong, help: "Inputs converted in parallel (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Convert every input again, even where the output is current.")
        var force = false

        @Flag(name: .shortAndLong, help: "No progress display and no summary.")
        var quiet = false

        @OptionGroup var gazetteer: GazetteerOption

        @OptionGroup var limits: LimitOptions

        func validate() throws {
            if inputs.isEmpty && lists.isEmpty { throw ValidationError("name inputs, or a list with --from-list") }
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let started = Date()
            let (inputs, missing) = BatchInput.collect(
                paths: self.inputs, listFiles: lists, readStandardInput: { String(decoding: StandardInput.readAll(), as: UTF8.self) })
            // A named input that does not exist is a failed input (exit 1), counted in the summary.
            for path in missing { StandardError.write("gongwen: error: \(path): no such file, folder or match") }
            let units = try gazetteer.load()
            let interruption = Interruption.cleaningUp(output)
            defer { interruption.cancel() }
            let runner = BatchRunner(
                options: .init(
                    outputDirectory: output, jobs: jobs, force: force, extraction: limits.extraction, gazetteer: units))
            let display = ProgressDisplay(enabled: !quiet, interactive: isatty(STDERR_FILENO) == 1, started: started)
            let progress: BatchRunner.Progress
            do {
                progress = try runner.run(inputs, report: { display.update($0) }, failure: { display.failure($0) })
            } catch {
                StandardError.write("gongwen: error: \(output): \(error)")
                throw ExitCode.failure
            }
            display.finish(progress, notFound: missing.count)
            if progress.failed > 0 || !missing.isEmpty { throw ExitCode.failure }
        }
    }
}

/// The progress bar on a terminal, periodic plain lines otherwise, and the closing summary.
final class ProgressDisplay: Sendable {
    let enabled: Bool
    let interactive: Bool
    let started: Date
    /// Seconds between updates: a terminal redraws often, a log gets a line now and then.
    let interval: TimeInterval
    private let last = Mutex<Date>(.distantPast)

    init(enabled: Bool, interactive: Bool, started: Date) {
        self.enabled = enabled
        self.interactive = interactive
        self.started = started
        interval = interactive ? 0.1 : 5
    }

    func update(_ progress: BatchRunner.Progress) {
        guard enabled else { return }
        let now = Date()
        let due = last.withLock { last -> Bool in
            guard now.timeIntervalSince(last) >= interval || progress.done == progress.total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(progress.done) / elapsed
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let counts =
            "\(progress.done)/\(progress.total) \(String(format: "%.1f", rate))/s ETA \(Self.clock(remaining)) failures \(progress.failed)"
        if interactive {
            let width = 30
            let filled = progress.total > 0 ? width * progress.done / progress.total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(counts)\u{1B}[K".utf8))
        } else {
            StandardError.write("gongwen: \(counts)")
        }
    }

    /// A failed input, printed as it happens (also with --quiet: an error is never silent).
    func failure(_ message: String) {
        let prefix = interactive && enabled ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data((prefix + "gongwen: error: " + message + "\n").utf8))
    }

    /// The closing summary; `notFound` named inputs matched no file and count as failed.
    func finish(_ progress: BatchRunner.Progress, notFound: Int = 0) {
        guard enabled else { return }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        let elapsed = Date().timeIntervalSince(started)
        let converted = progress.done - progress.failed - progress.skipped
        let failed = notFound > 0 ? "\(progress.failed + notFound) failed (\(notFound) not found)" : "\(progress.failed) failed"
        StandardError.write(
            "gongwen: \(progress.total) documents: \(converted) converted, \(progress.skipped) current, \(failed), "
                + "\(progress.duplicates) duplicates; \(progress.tasks) tasks; \(String(format: "%.1f", elapsed)) s, "
                + "\(String(format: "%.1f", Double(progress.done) / max(elapsed, 0.001))) documents/s")
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// Ctrl-C or `kill` (SIGINT, SIGTERM) while a batch runs: the temporary files of this run are
/// removed before it exits (130 or 143), so only whole outputs stay; what was written is
/// current for a rerun. (`kill -9` cannot be caught: a rerun removes what it left.)
final class Interruption {
    private let sources: [any DispatchSourceSignal]

    private init(sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    static func cleaningUp(_ output: String) -> Interruption {
        let queue = DispatchQueue(label: "gongwen.interruption")
        let sources = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                // No temporary file is made after this: the writes under way finish first.
                WriteGate.shared.close()
                let removed = BatchRunner.removeAbandonedTemporaries(in: URL(fileURLWithPath: output, isDirectory: true))
                StandardError.write(
                    "\ngongwen: interrupted: the outputs written so far are whole (\(removed) temporary files removed); rerun to finish")
                exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
        return Interruption(sources: sources)
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
