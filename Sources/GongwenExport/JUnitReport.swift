/// A JUnit XML report, so that CI systems show each verified page as a test case.
public struct JUnitReport: Sendable {
    /// One page's outcome.
    public struct Case: Sendable {
        public var name: String
        /// nil when the page matched its expectation.
        public var failure: String?
        /// Set when the page could not be read at all.
        public var error: String?

        public init(name: String, failure: String? = nil, error: String? = nil) {
            self.name = name
            self.failure = failure
            self.error = error
        }
    }

    public var suite: String
    public var cases: [Case]

    public init(suite: String, cases: [Case]) {
        self.suite = suite
        self.cases = cases
    }

    /// The XML document, UTF-8.
    public func xml() -> String {
        let failures = cases.filter { $0.failure != nil }.count
        let errors = cases.filter { $0.error != nil }.count
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites>",
            "  <testsuite name=\"\(escape(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\">",
        ]
        for testCase in cases {
            let head = "    <testcase classname=\"\(escape(suite))\" name=\"\(escape(testCase.name))\""
            if let failure = testCase.failure {
                let first = failure.split(separator: "\n").first.map(String.init) ?? failure
                lines.append(head + ">")
                lines.append("      <failure message=\"\(escape(first))\">\(escape(failure))</failure>")
                lines.append("    </testcase>")
            } else if let error = testCase.error {
                lines.append(head + ">")
                lines.append("      <error message=\"\(escape(error))\">\(escape(error))</error>")
                lines.append("    </testcase>")
            } else {
                lines.append(head + "/>")
            }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    func escape(_ text: String) -> String { Markup.escape(text) }
}
