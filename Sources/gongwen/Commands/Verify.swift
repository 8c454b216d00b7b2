import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check saved pages against the output expected of them.",
            discussion: """
                Each saved page is extracted again and compared with its expectation field by \
                field: metadata old → new, tasks added, removed or changed (number, text, \
                section, units and roles, deadline). Tasks are matched by content, so a \
                renumbering or one inserted task shows as just that.

                Expectations: page.html (or .htm, .txt) with page.expected.json beside it, or a \
                folder with such files, or a folder with a verify.json manifest \
                ({"cases": [{"input": "a.html", "expected": "a.json"}]}).

                Exit status: 0 every page matched (or was updated); 1 a page differed or \
                could not be read; 64 bad usage.

                Examples:
                  gongwen verify samples
                  gongwen verify pages/ --ignore metadata.publishedOn --junit report.xml
                  gongwen verify pages/ --update
                """
        )

        @Argument(help: "Saved pages, expectation files or folders.")
        var paths: [String]

        @Flag(help: "Rewrite the expectations with the current output and list what changed.")
        var update = false

        @Option(
            name: .customLong("ignore"),
            help: ArgumentHelp("Leave a field out of the comparison (repeatable).", valueName: "field"))
        var ignored: [String] = []

        @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "file"))
        var junit: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one page, expectation or folder") }
            for field in ignored where !NoticeDiff.fields.contains(field) {
                throw ValidationError("unknown field \(field); fields: \(NoticeDiff.fields.joined(separator: ", "))")
            }
        }

        func run() throws {
            let cases: [Verifier.Case]
            do {
                cases = try Verifier.cases(for: paths)
            } catch {
                StandardError.write("gongwen: error: \(error.description)")
                throw ExitCode.failure
            }
            let verifier = Verifier(ignoring: Set(ignored))
            var matched = 0
            var differed = 0
            var failed = 0
            var updated = 0
            var report: [JUnitReport.Case] = []
            var out = ""
            for testCase in cases {
                let outcome = verifier.verify(testCase)
                if let error = outcome.error, outcome.output == nil || !update {
                    failed += 1
                    out += "✗ \(testCase.input): \(error)\n"
                    report.append(JUnitReport.Case(name: testCase.input, error: error))
                    continue
                }
                if outcome.matched {
                    matched += 1
                    out += "✓ \(testCase.input)\n"
                    report.append(JUnitReport.Case(name: testCase.input))
                    continue
                }
                let count = outcome.diff?.changes.count ?? 0
                let rendered = outcome.diff.map { DiffRenderer.render($0, indent: "    ") } ?? ""
                if update, let output = outcome.output {
                    try OutputTarget(testCase.expected).writeFile(output)
                    updated += 1
                    out +=
                        "↻ \(testCase.input): updated \(testCase.expected)"
                        + (count > 0 ? " (\(count) change\(count == 1 ? "" : "s"))" : "") + "\n"
                    if !rendered.isEmpty { out += rendered + "\n" }
                    report.append(JUnitReport.Case(name: testCase.input))
                } else {
                    differed += 1
                    out += "✗ \(testCase.input): \(count) difference\(count == 1 ? "" : "s")\n" + rendered + "\n"
                    report.append(JUnitReport.Case(name: testCase.input, failure: "\(count) differences\n" + rendered))
                }
            }
            var summary =
                "verified \(cases.count) page\(cases.count == 1 ? "" : "s"): \(matched) matched, \(differed) differed, \(failed) failed"
            if update { summary += ", \(updated) updated" }
            out += summary + "\n"
            FileHandle.standardOutput.write(Data(out.utf8))
            if let junit {
                try OutputTarget(junit).writeFile(Array(JUnitReport(suite: "gongwen verify", cases: report).xml().utf8))
            }
            if differed > 0 || failed > 0 { throw ExitCode.failure }
        }
    }
}
