import Foundation
import Gongwen
import GongwenExport
import GongwenTestSupport
import Testing

/// The corpus quality gate: every page of `../shared/corpus` is extracted, the shared scorer
/// (`../shared/tools/score --json`) compares the output with the hand-made gold, and each
/// score must stay at or above its floor in `Tests/quality-baseline.json`. Skipped, with a
/// message, where the corpus is absent.
@Suite(.enabled(if: Paths.corpus != nil, "../shared/corpus is absent on this machine: quality gate skipped"))
struct CorpusQualityGateTests {
    @Test func scoresStayAboveTheirFloors() throws {
        let corpus = try #require(Paths.corpus)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let extractor = NoticeExtractor()
        for folder in ["html", "text"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: corpus + "/" + folder).sorted() {
                let extraction = try extractor.extract(contentsOf: corpus + "/" + folder + "/" + name)
                let stem = (name as NSString).deletingPathExtension
                try Data(JSONExporter.document(extraction)).write(to: output.appendingPathComponent(stem + ".json"))
            }
        }
        let scores = try Self.score(gold: corpus + "/gold", predictions: output.path)
        let floors = try Self.floors()
        #expect(!floors.isEmpty)
        for (name, floor) in floors.sorted(by: { $0.key < $1.key }) {
            let score = try #require(scores[name], "the scorer reports no \(name)")
            #expect(score >= floor, "\(name) \(String(format: "%.3f", score)) fell below its floor \(floor)")
        }
    }

    /// Cue accounting over the unlabelled notices (`../shared/corpus/unlabelled`, no gold): the
    /// share of cues that a task claimed or a named rule rejected, and the number of cues found,
    /// stay at or above their floors (`cueFloors` in `Tests/quality-baseline.json`).
    @Test(
        .enabled(
            if: Paths.corpus.map { FileManager.default.fileExists(atPath: $0 + "/unlabelled") } ?? false,
            "../shared/corpus/unlabelled is absent on this machine: cue accounting not gated"))
    func cueAccountingStaysAboveItsFloors() throws {
        let unlabelled = try #require(Paths.corpus) + "/unlabelled"
        var options = ExtractionOptions()
        options.accountingCues = true
        let extractor = NoticeExtractor(options: options)
        var summary = CueReport.Summary()
        for folder in ["html", "text"] {
            let path = unlabelled + "/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                summary.add(CueReport.Summary(try extractor.extract(contentsOf: path + "/" + name).notice.cues))
            }
        }
        let floors = try Self.floors(key: "cueFloors")
        let accounted = Double(summary.claimed + summary.rejectedCount) / Double(max(summary.cues, 1))
        let accountedFloor = try #require(floors["accountedShare"])
        let cuesFloor = try #require(floors["cues"])
        #expect(
            accounted >= accountedFloor,
            "accounted share \(String(format: "%.3f", accounted)) fell below \(accountedFloor): \(summary.line)")
        #expect(Double(summary.cues) >= cuesFloor, "\(summary.cues) cues found, fewer than \(cuesFloor): \(summary.line)")
    }

    /// The scorer's `--json` line, flattened (`metadata.title`).
    static func score(gold: String, predictions: String) throws -> [String: Double] {
        let scorer = (Paths.repository as NSString).deletingLastPathComponent + "/shared/tools/score"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scorer, gold, predictions, "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] ?? [:]
        var result: [String: Double] = [:]
        for (key, value) in object {
            if let number = value as? Double {
                result[key] = number
            } else if let nested = value as? [String: Double] {
                for (inner, number) in nested { result[key + "." + inner] = number }
            }
        }
        return result
    }

    static func floors(key: String = "floors") throws -> [String: Double] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.repository + "/Tests/quality-baseline.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?[key] as? [String: Double] ?? [:]
    }
}
