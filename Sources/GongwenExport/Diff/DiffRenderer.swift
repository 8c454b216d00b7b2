import GongwenCore

/// Writes a `NoticeDiff` for a person: one line per change, tasks named by number and the
/// start of their text, deadlines with kind and due date.
public enum DiffRenderer {
    /// Characters of task text shown to name a task.
    static let excerptLength = 24

    public static func render(_ diff: NoticeDiff, indent: String = "") -> String {
        var lines: [String] = []
        for change in diff.changes {
            switch change {
            case .metadata(let field, let old, let new):
                lines.append("\(indent)\(field): \(show(old)) → \(show(new))")
            case .taskAdded(let after, let task):
                let place = after.map { "after \($0)" } ?? "at the start"
                lines.append("\(indent)task added \(place): \(name(task)) (\(summary(task)))")
            case .taskRemoved(let task):
                lines.append("\(indent)task removed: \(name(task)) (\(summary(task)))")
            case .taskChanged(let old, _, let changes):
                lines.append("\(indent)task \(name(old)) changed")
                for change in changes { lines.append(indent + "  " + describe(change)) }
            case .renumbered(let oldFirst, let oldLast, let newFirst, let newLast, let shift, let count):
                let signed = shift > 0 ? "+\(shift)" : "\(shift)"
                lines.append(
                    count == 1
                        ? "\(indent)task \(oldFirst) renumbered \(newFirst) (\(signed))"
                        : "\(indent)tasks \(oldFirst)–\(oldLast) renumbered \(newFirst)–\(newLast) (\(signed))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ change: NoticeDiff.TaskChange) -> String {
        switch change {
        case .number(let old, let new): "number: \(show(old)) → \(show(new))"
        case .text(let old, let new): "text: \(quote(old)) → \(quote(new))"
        case .section(let old, let new): "section: \(old.joined(separator: " > ")) → \(new.joined(separator: " > "))"
        case .unitAdded(let unit, let role): "unit added: \(unit) (\(role.rawValue))"
        case .unitRemoved(let unit, let role): "unit removed: \(unit) (\(role.rawValue))"
        case .unitRole(let unit, let old, let new):
            "unit \(unit): \(old.map(\.rawValue).joined(separator: "+")) → \(new.map(\.rawValue).joined(separator: "+"))"
        case .deadline(let old, let new): "deadline: \(deadline(old)) → \(deadline(new))"
        }
    }

    static func name(_ task: OutputDocument.Task) -> String {
        "\(task.number ?? "#\(task.index)") \(quote(task.text))"
    }

    static func summary(_ task: OutputDocument.Task) -> String {
        let units = task.units.map { "\($0.name) \($0.role.rawValue)" }.joined(separator: ", ")
        return [units.isEmpty ? "no unit" : units, deadline(task.deadline)].joined(separator: "; ")
    }

    static func deadline(_ deadline: Deadline?) -> String {
        guard let deadline else { return "no deadline" }
        let kind = deadline.kind?.rawValue ?? "unread"
        return "\(deadline.raw) (\(kind)\(deadline.due.map { ", \($0)" } ?? ""))"
    }

    private static func show(_ value: String?) -> String {
        value.map { $0.isEmpty ? "(empty)" : $0 } ?? "null"
    }

    private static func quote(_ text: String) -> String {
        let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
        return "“\(flat.excerpt(excerptLength))”"
    }
}
