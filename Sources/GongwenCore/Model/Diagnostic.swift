/// A problem or a judgement call met while reading one input.
///
/// Diagnostics are collected by every stage and returned with the result; the library never
/// prints them. The command-line tool writes them to standard error, and they are exported in
/// the JSON output so that a reviewer sees where the extractor was unsure.
public struct Diagnostic: Sendable, Equatable, Hashable, Codable {
    /// How much a diagnostic matters.
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        /// A note about a choice the extractor made (a role inferred from a column header).
        case info
        /// Something was repaired or may be wrong (invalid bytes replaced, an open unit list).
        case warning
        /// Part of the input could not be read.
        case error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The pipeline stage that raised a diagnostic.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case decode
        case parse
        case blocks
        case metadata
        case outline
        case tasks
        case export
    }

    public var severity: Severity
    public var stage: Stage
    /// A stable machine-readable code, e.g. `invalid-bytes` or `open-unit-list`.
    public var code: String
    /// A sentence for a person.
    public var message: String
    /// The 1-based source line, when known.
    public var line: Int?

    public init(_ severity: Severity, _ stage: Stage, code: String, _ message: String, line: Int? = nil) {
        self.severity = severity
        self.stage = stage
        self.code = code
        self.message = message
        self.line = line
    }
}
