import Foundation
import GongwenTestSupport
import Testing

/// `gongwen cues`: cue accounting of the built binary, on the bundled seed and a broken input.
struct CuesCommandTests {
    let cli = CLITests()

    @Test func theSeedsCuesAreListedWithTheirTasks() throws {
        let run = try cli.run(["cues", "samples/seed.txt"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        // Every line: file:line, kind, status, cue, context.
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
        #expect(lines.contains { $0.contains("\tcolumnHeader\tclaimed t-") && $0.contains("责任单位") })
    }

    @Test func summaryCountsEveryCueOnce() throws {
        let run = try cli.run(["cues", "--summary", "samples/seed.txt", "samples/seed-portal.utf8.html"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let all = try #require(lines.last)
        #expect(all.hasPrefix("ALL (2 documents)\tcues "))
        // claimed + rejected + unclaimed = cues, as printed.
        func count(_ word: String) -> Int? {
            guard let range = all.range(of: "\t" + word + " ") ?? all.range(of: ", " + word + " ") else { return nil }
            return Int(all[range.upperBound...].prefix { $0.isNumber })
        }
        let total = try #require(count("cues"))
        let claimed = try #require(count("claimed"))
        let rejected = try #require(count("rejected"))
        let unclaimed = try #require(count("unclaimed"))
        #expect(total > 0)
        #expect(total == claimed + rejected + unclaimed)
    }

    @Test func jsonIsOneObjectPerDocument() throws {
        let run = try cli.run(["cues", "--format", "json", "samples/seed.txt"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "samples/seed.txt")
        let summary = try #require(object["summary"] as? [String: Any])
        let cues = try #require(object["cues"] as? [[String: Any]])
        #expect(summary["cues"] as? Int == cues.count)
        #expect(cues.allSatisfy { ["claimed", "rejected", "unclaimed"].contains($0["status"] as? String ?? "") })
    }

    @Test func aMissingFileIsNamedAndTheOthersStillCounted() throws {
        let run = try cli.run(["cues", "--summary", "no-such-notice.txt", "samples/seed.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no-such-notice.txt: cannot read"))
        #expect(run.stdout.contains("ALL (1 documents)"))
    }
}
