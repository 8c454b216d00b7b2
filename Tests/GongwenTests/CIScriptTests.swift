import Foundation
import GongwenTestSupport
import Testing

/// `.ci/run` must run exactly the test command the README gives, so that CI and a person
/// following the README test the same things.
struct CIScriptTests {
    @Test func ciRunsTheReadmeTestCommand() throws {
        let readme = try String(contentsOfFile: Paths.repository + "/README.md", encoding: .utf8)
        let ci = try String(contentsOfFile: Paths.repository + "/.ci/run", encoding: .utf8)
        let section = try #require(readme.range(of: "## Tests\n"), "README has a Tests section")
        let fence = try #require(readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "\n```", range: fence.upperBound..<readme.endIndex))
        let command = String(readme[fence.upperBound..<end.lowerBound])
        #expect(command.contains("swift test"))
        // The command is the script's last line(s), word for word, after the dependencies.
        let lines = ci.split(separator: "\n").map(String.init)
        let commandLines = command.split(separator: "\n").map(String.init)
        #expect(Array(lines.suffix(commandLines.count)) == commandLines)
        // Before it: the dependencies, then the PostgreSQL server the store's tests use.
        let setup = lines.dropLast(commandLines.count).suffix(2)
        #expect(setup.first == "scripts/install-deps.sh")
        #expect(setup.last == "export GONGWEN_TEST_POSTGRES=$(scripts/pg-test-server.sh start)")
    }
}
