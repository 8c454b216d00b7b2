/// A unit's part in a task.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// 牵头 / 牵头单位 / 主办, and X in `X会同Y`.
    case lead
    /// 配合 / 协助 / 参与 / 协办, and Y in `X会同Y`.
    case support
    /// 负责 / 落实 / 责任单位, or no role word at all.
    case responsible

    private var rank: Int {
        switch self {
        case .lead: 0
        case .support: 1
        case .responsible: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// One responsible unit (责任单位) of a task, with its role.
public struct UnitAssignment: Sendable, Equatable, Hashable, Codable {
    /// The unit as printed, qualifiers kept (`区发改局(物价局)`), role words and `等` dropped.
    public var name: String
    public var role: Role
    /// True when the printed list this unit came from was open (`…等`, `等相关部门`).
    public var fromOpenList: Bool

    public init(name: String, role: Role, fromOpenList: Bool = false) {
        self.name = name
        self.role = role
        self.fromOpenList = fromOpenList
    }
}

extension Array where Element == UnitAssignment {
    /// Appends the units not yet present with the same name and role, in order.
    ///
    /// Linear in the number of units (a set of keys once the list is long), so a list of tens
    /// of thousands of names does not turn quadratic.
    public mutating func appendNew(_ units: some Sequence<UnitAssignment>) {
        var keys = SmallSet<UnitKey>()
        for unit in self { _ = keys.insert(UnitKey(unit)) }
        for unit in units where keys.insert(UnitKey(unit)) {
            append(unit)
        }
    }
}

/// A unit's name and role: what makes two assignments the same.
struct UnitKey: Hashable {
    let name: String
    let role: Role

    init(_ unit: UnitAssignment) {
        name = unit.name
        role = unit.role
    }
}
