/// Printed unit names mapped to canonical units: `区发改局`, `区发展改革委` and
/// `区发展和改革委员会` are one office.
///
/// Names are compared compact-folded (white space removed, full-width forms folded). A name
/// not listed is tried again without a trailing qualifier in brackets, so `区发改局(物价局)`
/// finds `区发改局`; the printed name is always kept beside the canonical one.
public struct UnitGazetteer: Sendable, Equatable {
    public struct Unit: Sendable, Equatable, Hashable, Codable {
        public var id: String
        public var name: String
        public var parent: String?
        public var aliases: [String]

        public init(id: String, name: String, parent: String? = nil, aliases: [String] = []) {
            self.id = id
            self.name = name
            self.parent = parent
            self.aliases = aliases
        }

        private enum CodingKeys: String, CodingKey { case id, name, parent, aliases }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decode(String.self, forKey: .name)
            parent = try c.decodeIfPresent(String.self, forKey: .parent)
            aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }
    }

    /// What is wrong with a gazetteer, in terms its author can fix.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case duplicateID(String)
        case ambiguousName(String, ids: [String])
        case unknownParent(id: String, parent: String)
        case emptyField(id: String)

        public var description: String {
            switch self {
            case .duplicateID(let id): "unit id \(id) is listed twice"
            case .ambiguousName(let name, let ids): "the name \(name) belongs to \(ids.joined(separator: " and "))"
            case .unknownParent(let id, let parent): "unit \(id) names parent \(parent), which is not listed"
            case .emptyField(let id): "unit \(id.isEmpty ? "(no id)" : id) has an empty id or name"
            }
        }
    }

    public let units: [Unit]
    private let byKey: [String: Int]

    /// - Throws: `Problem` for a repeated id, a name given to two units, a parent that is not
    ///   listed, or an empty id or name.
    public init(units: [Unit]) throws(Problem) {
        var ids: Set<String> = []
        var byKey: [String: Int] = [:]
        for (index, unit) in units.enumerated() {
            guard !unit.id.isEmpty, !unit.name.compactFolded.isEmpty else { throw .emptyField(id: unit.id) }
            guard ids.insert(unit.id).inserted else { throw .duplicateID(unit.id) }
            for name in [unit.name] + unit.aliases {
                let key = name.compactFolded
                if let other = byKey[key], other != index {
                    throw .ambiguousName(name, ids: [units[other].id, unit.id])
                }
                byKey[key] = index
            }
        }
        for unit in units {
            if let parent = unit.parent, !ids.contains(parent) { throw .unknownParent(id: unit.id, parent: parent) }
        }
        self.units = units
        self.byKey = byKey
    }

    /// The canonical unit of a printed name, or nil when the gazetteer does not know it.
    public func canonical(for printed: String) -> Unit? {
        let key = printed.compactFolded
        if let index = byKey[key] { return units[index] }
        if let bare = Self.withoutTrailingQualifier(key), let index = byKey[bare] { return units[index] }
        return nil
    }

    /// `区发改局(物价局)` → `区发改局`; nil when the name has no trailing bracketed qualifier.
    static func withoutTrailingQualifier(_ key: String) -> String? {
        let scalars = Array(key.unicodeScalars)
        guard let last = scalars.last, last == ")" || last == "）" else { return nil }
        guard let open = scalars.lastIndex(where: { $0 == "(" || $0 == "（" }), open > 0 else { return nil }
        return String(String.UnicodeScalarView(scalars[..<open]))
    }
}
