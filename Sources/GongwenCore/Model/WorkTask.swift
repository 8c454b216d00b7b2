/// A numbered work item that assigns responsibility: a unit, a deadline, or both.
///
/// Named `WorkTask` so that it never shadows Swift's concurrency `Task`.
public struct WorkTask: Sendable, Equatable {
    /// How the task was laid out in the document (DOMAIN.md §4).
    public enum Layout: String, Sendable, Codable {
        /// A row of a task table (任务分工表), in HTML or flattened into text.
        case table
        /// A numbered item with a labelled clause: `（牵头单位：…；完成时限：…）`.
        case inlineClause
        /// A numbered item whose sentences assign a role: `X牵头，Y配合`, `由X负责`.
        case sentence
    }

    /// The task's number as printed (`1`, `（三）`), without the delimiter where it is a table cell.
    public var number: String?
    /// Titles of the enclosing part and sections, outermost first.
    public var sectionPath: [String]
    /// The task's full text as printed, without its own marker.
    public var text: String
    public var units: [UnitAssignment]
    public var deadline: Deadline?
    public var layout: Layout
    public var source: SourceLocation

    public init(
        number: String?, sectionPath: [String], text: String, units: [UnitAssignment], deadline: Deadline?,
        layout: Layout, source: SourceLocation
    ) {
        self.number = number
        self.sectionPath = sectionPath
        self.text = text
        self.units = units
        self.deadline = deadline
        self.layout = layout
        self.source = source
    }

    /// Units of one role, in printed order.
    public func units(_ role: Role) -> [String] {
        units.filter { $0.role == role }.map(\.name)
    }
}
