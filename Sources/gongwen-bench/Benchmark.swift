import Foundation
import Gongwen
import GongwenExport
import GongwenHTML
import GongwenStore

#if canImport(Glibc)
import Glibc
#endif

/// The speed and memory benchmark (issue: batch conversion of archives).
///
///     swift run -c release gongwen-bench [--pages 2000] [--corpus ../shared/corpus] [--large] [--markdown]
///
/// Builds a folder of at least `--pages` pages in a temporary directory by replicating the
/// samples and the shared corpus with small variations (so no two inputs are the same bytes),
/// then measures, in one run:
/// - the floor: decoding plus libxml2 parsing of the same bytes (`htmlReadMemory`, no
///   extraction); beside it the extraction's own parse (libxml2's parser feeding
///   `TreeBuilder`, no libxml2 tree) and libxml2's parser with no handler at all;
/// - full extraction (decode, parse, blocks, analysis, JSON) on one core and on all cores;
/// - peak resident memory;
/// - the C floor (`CFloor`: a C program parsing the same bytes with libxml2, built with `cc`)
///   and a whole `gongwen batch --jobs 1` over the pages, measured against it;
/// - DOCX and XLSX pages/s beside HTML (the seed's task table as each);
/// - storing every page's output into SQLite (notices/s) and the overdue query over them;
/// - with `--markdown`, the README's table from this run's numbers;
/// - with `--large`, the time of a 1 MB and a 10 MB page, to show time is linear in size;
/// - with `--stages`, where one core's extraction time goes, stage by stage.
/// With `--extraction-only`, it runs the one-core extraction once and nothing else (for a
/// profiler); with `--per-page`, it times each original page alone and lists the slowest.
/// Ratios are computed within the run, so the noise of a shared machine cancels out.
@main
struct Benchmark {
    static func main() async throws {
        var pageCount = 2000
        var corpus = "../shared/corpus"
        var large = false
        var stages = false
        var extractionOnly = false
        var perPage = false
        var markdown = false
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--pages": pageCount = Int(arguments.popFirst() ?? "") ?? pageCount
            case "--corpus": corpus = arguments.popFirst() ?? corpus
            case "--large": large = true
            case "--stages": stages = true
            case "--extraction-only": extractionOnly = true
            case "--per-page": perPage = true
            case "--markdown": markdown = true
            default:
                FileHandle.standardError.write(
                    Data(
                        "usage: gongwen-bench [--pages N] [--corpus DIR] [--large] [--stages] [--extraction-only] [--per-page] [--markdown]\n"
                            .utf8))
                exit(64)
            }
        }
        // The pages are written to a temporary folder and read one at a time in every phase, as
        // a batch reads them: memory does not grow with the number of pages.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongwen-bench-\(ProcessInfo.processInfo.processIdentifier)")
        // The C floor and the batch's output go beside the pages, never among them.
        let tools = URL(fileURLWithPath: folder.path + "-tools", isDirectory: true)
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: tools)
        }
        let (files, bytes, originals) = try writePages(count: pageCount, corpus: corpus, to: folder)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("pages: \(files.count), \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, \(cores) cores")

        if extractionOnly {
            // One pass of the one-core extraction and nothing else, for a profiler to watch.
            report("full extraction, 1 core", time { for file in files { _ = extract(read(file)) } }, files.count, bytes)
            return
        }
        let floor = time { for file in files { parseAndDiscard(read(file)) } }
        report("libxml2 parse only, 1 core", floor, files.count, bytes)
        let parse = time { for file in files { parseOnly(read(file)) } }
        report("libxml2 parse into HTMLTree (the extraction's parse), 1 core", parse, files.count, bytes)
        let tokenize = time { for file in files { _ = HTMLParser.tokenizeAndDiscard(TextDecoder.decode(read(file)).text) } }
        report("libxml2 parser with no handler (builds nothing), 1 core", tokenize, files.count, bytes)

        let one = time { for file in files { _ = extract(read(file)) } }
        report("full extraction, 1 core", one, files.count, bytes)

        let next = Counter()
        let all = time {
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                while let index = next.take(below: files.count) { _ = extract(read(files[index])) }
            }
        }
        report("full extraction, \(cores) cores", all, files.count, bytes)

        print(String(format: "extraction / parse-only throughput (1 core): %.2f", floor / one))
        print(String(format: "extraction / parse into HTMLTree throughput (1 core): %.2f", parse / one))
        print(String(format: "extraction / no-handler parser throughput (1 core): %.2f", tokenize / one))
        // Text inputs never reach libxml2, so their "floor" is libxml2 reading plain text as one
        // text node. The HTML pages alone show the ratio where the floor is real work.
        let html = files.filter { file in InputSniffer.format(of: read(file)) == .html }
        let htmlFloor = time { for file in html { parseAndDiscard(read(file)) } }
        let htmlOne = time { for file in html { _ = extract(read(file)) } }
        print(
            String(
                format: "HTML pages only (%d): extraction / parse-only throughput (1 core): %.2f", html.count,
                htmlFloor / htmlOne))
        print(String(format: "speed-up on %d cores: %.2f×", cores, one / all))
        let peak = peakResidentMegabytes()
        print("peak RSS: \(peak) MB")

        // The floor from C, and a whole batch measured against it.
        var cFloor: Double?
        var batch: Double?
        try? FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        var floorProgram: URL?
        switch CFloor.build(in: tools) {
        case .success(let program):
            floorProgram = program
            cFloor = CFloor.measure(program, files: files, in: tools)
            if let cFloor {
                report(
                    "libxml2 from C (htmlReadMemory + xmlFreeDoc, files read beforehand), 1 core, best of three", cFloor, files.count,
                    bytes)
            }
        case .failure(let failure):
            print("libxml2 from C: not measured (\(failure.reason))")
        }
        batch = BatchFloorRun.measure(pages: folder, output: tools.appendingPathComponent("batch-out"))
        // The same on the HTML pages alone: a plain-text page gives libxml2 nothing to parse
        // (one text node), so the mixed figure is mostly set by how many pages are text.
        var htmlBatchRatio: Double?
        if let batch {
            report(
                "gongwen batch --jobs 1 (read, hash, extract, JSON + CSV + manifest files), 1 core, best of three", batch, files.count,
                bytes)
            if let cFloor { print(String(format: "batch / C floor throughput (1 core): %.2f", cFloor / batch)) }
            if let program = floorProgram, !html.isEmpty, html.count < files.count {
                htmlBatchRatio = BatchFloorRun.ratio(on: html, program: program, in: tools)
                if let htmlBatchRatio {
                    print(String(format: "HTML pages only (%d): batch / C floor throughput (1 core): %.2f", html.count, htmlBatchRatio))
                }
            }
        } else {
            print("gongwen batch: not measured (build it: swift build -c release --product gongwen)")
        }
        let office = measureOfficeFiles()
        let store = try await measureStore(files)
        if markdown {
            printTable(
                pages: files.count, bytes: bytes, floor: floor, one: one, all: all, cores: cores, cFloor: cFloor, batch: batch,
                htmlRatio: (html.count, htmlFloor / htmlOne), htmlBatchRatio: htmlBatchRatio, peak: peak, office: office,
                store: store)
        }

        if stages { reportStages(files) }
        if perPage { reportPages(Array(zip(originals, files))) }

        if large {
            let seed = try Array(Data(contentsOf: URL(fileURLWithPath: "samples/seed-portal.utf8.html")))
            let small = grow(seed, to: 1 << 20)
            let big = grow(seed, to: 10 << 20)
            // The best of three runs of each: one run of a single page is at the mercy of the
            // machine's other work.
            let smallTime = best(of: 3) { _ = extract(small) }
            let bigTime = best(of: 3) { _ = extract(big) }
            print(
                String(
                    format: "1 MB page: %.3f s; 10 MB page: %.3f s; ratio %.1f× (linear would be 10×)", smallTime, bigTime,
                    bigTime / smallTime))
            let smallParse = best(of: 3) { parseAndDiscard(small) }
            let bigParse = best(of: 3) { parseAndDiscard(big) }
            print(
                String(format: "libxml2 alone on the same pages: %.3f s / %.3f s; ratio %.1f×", smallParse, bigParse, bigParse / smallParse)
            )
            print("peak RSS after large pages: \(peakResidentMegabytes()) MB")
        }
    }

    /// The README's table, from this run's numbers.
    static func printTable(
        pages: Int, bytes: Int, floor: Double, one: Double, all: Double, cores: Int, cFloor: Double?, batch: Double?,
        htmlRatio: (count: Int, ratio: Double), htmlBatchRatio: Double?, peak: Int, office: [OfficeRate], store: StoreRate?
    ) {
        func rate(_ seconds: Double) -> String {
            String(format: "%.0f pages/s, %.1f MB/s", Double(pages) / seconds, Double(bytes) / 1_048_576 / seconds)
        }
        let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
        print("")
        print(
            "`gongwen-bench \(arguments)` — \(pages) pages, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, one run:")
        print("")
        print("| measure | result |")
        print("| --- | --- |")
        if let cFloor {
            print(
                "| libxml2 from C (`htmlReadMemory` + `xmlFreeDoc`, files read beforehand), 1 core, best of three — the C floor | \(rate(cFloor)) |"
            )
        }
        print("| libxml2 from Swift (decode + `htmlReadMemory` + free), 1 core — the floor | \(rate(floor)) |")
        print(String(format: "| full extraction (to JSON in memory), 1 core | %@ — **%.2f** of the floor |", rate(one), floor / one))
        print(String(format: "| the same on the %d HTML pages alone | %.2f of their floor |", htmlRatio.count, htmlRatio.ratio))
        if let batch {
            let ratio = cFloor.map { String(format: " — **%.2f** of the C floor", $0 / batch) } ?? ""
            print("| `gongwen batch --jobs 1` (read, hash, extract, write JSON, CSV, manifest), best of three | \(rate(batch))\(ratio) |")
        }
        if let htmlBatchRatio {
            print(String(format: "| the same on the %d HTML pages alone | %.2f of their C floor |", htmlRatio.count, htmlBatchRatio))
        }
        print(String(format: "| full extraction, %d cores | %@ — %.2f× one core |", cores, rate(all), one / all))
        print("| peak RSS | \(peak) MB |")
        for rate in office {
            print(String(format: "| %@, 1 core | %.0f pages/s |", rate.label, rate.pagesPerSecond))
        }
        if let store {
            print(
                String(
                    format: "| `gongwen store` of the %d outputs into SQLite (one transaction each) | %.0f notices/s, %.0f tasks/s |",
                    store.notices, Double(store.notices) / store.seconds, Double(store.tasks) / store.seconds))
            print(
                String(
                    format: "| overdue query over them (%d rows, best of three) | %.0f ms |", store.overdueRows, store.overdueSeconds * 1000
                ))
        }
    }

    struct StoreRate {
        var notices: Int
        var tasks: Int
        var seconds: Double
        var overdueRows: Int
        var overdueSeconds: Double
    }

    /// Every page's output stored into a new SQLite database, one notice version per
    /// transaction, as `gongwen store` does (the replicated pages are given document numbers of
    /// their own, so that each is a notice, not a version of another); then the overdue query
    /// a tracker runs over all of them. Only the store calls and the query are timed.
    static func measureStore(_ files: [URL]) async throws -> StoreRate? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-bench-store-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await TaskStore.open(folder.appendingPathComponent("tasks.sqlite").path)
        var seconds = 0.0
        var tasks = 0
        for (index, file) in files.enumerated() {
            guard let extraction = try? NoticeExtractor().extract(bytes: read(file), path: file.lastPathComponent) else { continue }
            var document = OutputDocument(extraction)
            document.metadata.documentNumber = "bench-\(index)"
            let started = Date()
            _ = try await store.store(document)
            seconds += Date().timeIntervalSince(started)
            tasks += document.tasks.count
        }
        let query = TaskStore.TaskQuery(asOf: CalendarDate(year: 2030, month: 1, day: 1), overdueOnly: true)
        var rows = 0
        var best = Double.infinity
        for _ in 0..<3 {
            let started = Date()
            rows = try await store.tasks(query).count
            best = min(best, Date().timeIntervalSince(started))
        }
        await store.close()
        let rate = StoreRate(notices: files.count, tasks: tasks, seconds: seconds, overdueRows: rows, overdueSeconds: best)
        print(
            String(
                format: "gongwen store into SQLite: %d notices (%d tasks) in %.2f s, %.0f notices/s; overdue query: %d rows in %.0f ms",
                rate.notices, rate.tasks, seconds, Double(rate.notices) / seconds, rows, best * 1000))
        return rate
    }

    struct OfficeRate {
        var label: String
        var pagesPerSecond: Double
    }

    /// DOCX and XLSX pages/s beside HTML: the seed's first task table as HTML (cut from the
    /// seed page), as DOCX and as XLSX (the fixtures LibreOffice saved from that HTML), each
    /// extracted many times on one core in this run. Empty when the fixtures are not there.
    static func measureOfficeFiles() -> [OfficeRate] {
        let folder = "Tests/Fixtures/office/"
        guard let page = try? String(contentsOfFile: "samples/seed-portal.utf8.html", encoding: .utf8),
            let heading = page.range(of: ">附件1<"),
            let start = page.range(of: "<p", options: .backwards, range: page.startIndex..<heading.lowerBound),
            let end = page.range(of: "</table>", range: heading.upperBound..<page.endIndex)
        else {
            print("office files: not measured (samples/seed-portal.utf8.html is missing; run from the repository)")
            return []
        }
        // The same table as the HTML a page prints it in (what the fixtures were saved from).
        let table =
            "<html><head><meta charset=\"utf-8\"><title>附件1</title></head><body>" + page[start.lowerBound..<end.upperBound]
            + "</body></html>"
        let inputs: [(String, String, [UInt8]?)] = [
            ("HTML (the seed's 33-row table)", "annex1.html", Array(table.utf8)),
            ("DOCX (the same table saved by LibreOffice)", folder + "seed-annex1.docx", nil),
            ("XLSX (the same table saved by LibreOffice)", folder + "seed-annex1.xlsx", nil),
        ]
        var rates: [OfficeRate] = []
        for (label, path, given) in inputs {
            guard let bytes = given ?? (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) else {
                print("office files: not measured (\(path) is missing; run from the repository)")
                return []
            }
            let runs = 300
            let seconds = best(of: 3) {
                for _ in 0..<runs { _ = extract(bytes, path: path) }
            }
            let rate = OfficeRate(
                label: label + String(format: ", %.0f KB", Double(bytes.count) / 1024), pagesPerSecond: Double(runs) / seconds)
            print(String(format: "%@: %.0f pages/s (1 core)", rate.label, rate.pagesPerSecond))
            rates.append(rate)
        }
        return rates
    }

    // MARK: - Work

    static func read(_ file: URL) -> [UInt8] { (try? Array(Data(contentsOf: file))) ?? [] }

    /// The floor: decoding (libxml2 needs Unicode it can trust) and libxml2's parse, nothing else.
    static func parseAndDiscard(_ bytes: [UInt8]) {
        _ = HTMLParser.parseAndDiscard(TextDecoder.decode(bytes).text)
    }

    /// The floor plus copying the tree out of libxml2 (what every extraction starts with).
    static func parseOnly(_ bytes: [UInt8]) {
        let decoded = TextDecoder.decode(bytes)
        _ = try? HTMLParser.parse(decoded.text)
    }

    static func extract(_ bytes: [UInt8], path: String = "bench") -> Int {
        guard let extraction = try? NoticeExtractor().extract(bytes: bytes, path: path),
            let json = try? JSONExporter.document(extraction)
        else { return 0 }
        return json.count
    }

    /// Times each stage of the extraction separately over all pages (one core) and prints each
    /// one's share, so that a change to one stage is seen in that stage's line.
    static func reportStages(_ files: [URL]) {
        var seconds: [(String, Double)] = [
            ("decode", 0), ("libxml2 parse into HTMLTree", 0), ("page reader after parse", 0), ("text reader", 0),
            ("analysis", 0), ("input SHA-256", 0), ("output document + JSON", 0),
        ]
        func timed<T>(_ stage: Int, _ work: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = work()
            seconds[stage].1 += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return result
        }
        for file in files {
            let bytes = read(file)
            let decoded = timed(0) { TextDecoder.decode(bytes) }
            let blocks: [Block]
            var hints = PageHints()
            if InputSniffer.format(of: bytes) == .html {
                let parsed = timed(1) { try? HTMLParser.parse(decoded.text) }
                guard parsed != nil, let page = timed(2, { try? HTMLPageReader.read(decoded.text) }) else { continue }
                blocks = page.blocks
                hints = page.hints
            } else {
                blocks = timed(3) { TextBlockReader.read(decoded.text) }
            }
            let notice = timed(4) { NoticeAnalyzer.analyze(blocks, hints: hints) }
            let digest = timed(5) { SHA256Digest.hex(bytes) }
            let source = SourceInfo(
                path: "bench", sha256: digest, byteCount: bytes.count, format: .html, encoding: "utf-8",
                encodingEvidence: "bench")
            _ = timed(6) { try? JSONExporter.document(Extraction(source: source, notice: notice)) }
        }
        // The page reader parses again inside; its line is what it costs beyond the parse.
        seconds[2].1 -= seconds[1].1
        let total = seconds.reduce(0) { $0 + $1.1 }
        print("stages (1 core, \(files.count) pages, \(String(format: "%.2f", total)) s):")
        for (label, value) in seconds {
            let padded = label.padding(toLength: 28, withPad: " ", startingAt: 0)
            print("  " + padded + String(format: "%6.2f s  %5.1f %%", value, 100 * value / total))
        }
    }

    /// The original pages (the first of each kind) that cost most, each timed alone: extraction
    /// and libxml2's parse of the same bytes, best of five.
    static func reportPages(_ originals: [(name: String, file: URL)]) {
        var rows: [(name: String, bytes: Int, extraction: Double, floor: Double)] = []
        for (name, file) in originals {
            let bytes = read(file)
            let extraction = best(of: 5) { _ = extract(bytes) }
            let floor = best(of: 5) { parseAndDiscard(bytes) }
            rows.append((name, bytes.count, extraction, floor))
        }
        print("slowest original pages (ms: extraction / libxml2 parse; KB):")
        for row in rows.sorted(by: { $0.extraction > $1.extraction }).prefix(15) {
            print(
                String(
                    format: "  %7.2f / %6.2f  %6.1f KB  ", row.extraction * 1000, row.floor * 1000, Double(row.bytes) / 1024)
                    + row.name)
        }
    }

    // MARK: - Inputs

    /// Writes the pages into `folder`; returns their files, total size and the names of the
    /// originals (the first files: each page once, before the copies).
    static func writePages(count: Int, corpus: String, to folder: URL) throws -> ([URL], Int, [String]) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [URL] = []
        var total = 0
        let (pages, originals) = try makePages(count: count, corpus: corpus)
        for (index, page) in pages.enumerated() {
            let file = folder.appendingPathComponent(String(format: "page-%06d.html", index))
            try Data(page).write(to: file)
            files.append(file)
            total += page.count
        }
        return (files, total, originals)
    }

    /// The samples and corpus pages, replicated with a varying comment or line until `count`.
    static func makePages(count: Int, corpus: String) throws -> (LazyMapSequence<Range<Int>, [UInt8]>, [String]) {
        var originals: [[UInt8]] = []
        var names: [String] = []
        for name in ["samples/seed.txt", "samples/seed-portal.utf8.html", "samples/seed-portal.gbk.html"] {
            originals.append(try Array(Data(contentsOf: URL(fileURLWithPath: name))))
            names.append(name)
        }
        for folder in ["html", "text"] {
            let path = corpus + "/" + folder
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                originals.append(try Array(Data(contentsOf: URL(fileURLWithPath: path + "/" + name))))
                names.append(folder + "/" + name)
            }
        }
        let pages = (0..<max(count, originals.count)).lazy.map { index in
            let page = originals[index % originals.count]
            let isHTML = page.prefix(200).contains(UInt8(ascii: "<"))
            let variation = isHTML ? "\n<!-- copy \(index) -->\n" : "\n（副本\(index)）\n"
            return page + Array(variation.utf8)
        }
        return (pages, names)
    }

    /// A page grown to `size` bytes by repeating its body (its tables and paragraphs).
    static func grow(_ page: [UInt8], to size: Int) -> [UInt8] {
        let text = String(decoding: page, as: UTF8.self)
        guard let start = text.range(of: "<div class=\"TRS_Editor\">"),
            let end = text.range(of: "</div>", range: start.upperBound..<text.endIndex)
        else { return page }
        let body = String(text[start.upperBound..<end.lowerBound])
        var grown = String(text[..<start.upperBound])
        while grown.utf8.count < size { grown += body }
        grown += String(text[end.lowerBound...])
        return Array(grown.utf8)
    }

    // MARK: - Measuring

    static func time(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func best(of runs: Int, _ work: () -> Void) -> Double {
        (0..<runs).map { _ in time(work) }.min() ?? 0
    }

    static func report(_ label: String, _ seconds: Double, _ pages: Int, _ bytes: Int) {
        print(
            String(
                format: "%@: %.2f s, %.1f pages/s, %.2f MB/s", label, seconds, Double(pages) / seconds,
                Double(bytes) / 1_048_576 / seconds))
    }

    /// The process's peak resident memory. On Linux, `VmHWM` of this address space: the
    /// rusage maximum survives `exec`, so under `swift run` (which execs the benchmark) it
    /// reported SwiftPM's own footprint, 118 MB, instead of the benchmark's.
    static func peakResidentMegabytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).dropLast(3))
        {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// Hands out indices to workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
