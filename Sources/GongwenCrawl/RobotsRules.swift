/// A site's `robots.txt` (RFC 9309) as it applies to gongwen: the group for `gongwen` when
/// there is one, else the group for `*`; a path is allowed unless the longest matching rule
/// disallows it (`*` matches any run of characters, `$` ends a rule).
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        var pattern: String
    }

    private(set) var rules: [Rule] = []
    public private(set) var crawlDelay: Double?

    public init(text: String, agent: String = "gongwen") {
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var collectingAgents = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !collectingAgents || groups.isEmpty { groups.append(([], [], nil)) }
                groups[groups.count - 1].agents.append(value.lowercased())
                collectingAgents = true
            case "allow", "disallow":
                collectingAgents = false
                guard !groups.isEmpty, !value.isEmpty || field == "allow" else { continue }
                if !value.isEmpty { groups[groups.count - 1].rules.append(Rule(allow: field == "allow", pattern: value)) }
            case "crawl-delay":
                collectingAgents = false
                if !groups.isEmpty { groups[groups.count - 1].delay = Double(value) }
            default:
                continue
            }
        }
        let name = agent.lowercased()
        let chosen = groups.first { $0.agents.contains { $0 != "*" && name.hasPrefix($0) } } ?? groups.first { $0.agents.contains("*") }
        rules = chosen?.rules ?? []
        crawlDelay = chosen?.delay
    }

    /// Whether the path (with its query) may be fetched.
    public func allows(_ path: String) -> Bool {
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            if best == nil || rule.pattern.count > best!.pattern.count || (rule.pattern.count == best!.pattern.count && rule.allow) {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// `*` any run, `$` the end; otherwise a prefix.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let pieces = (anchored ? String(pattern.dropLast()) : pattern).split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if let found = rest.range(of: piece) {
                rest = rest[found.upperBound...]
            } else {
                return false
            }
        }
        return !anchored || rest.isEmpty || (pieces.last?.isEmpty == true)
    }
}
