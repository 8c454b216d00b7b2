import GongwenCore

/// Writes dated tasks as an iCalendar file (RFC 5545): one `VTODO` per task with a due date,
/// so that a calendar program shows who owes what by when.
///
/// - `UID` is the task id (`t-…@gongwen`): importing a re-extracted notice updates its to-dos
///   instead of duplicating them, and a notice saved twice gives each to-do once.
/// - `DUE` is the due day (`VALUE=DATE`); `SUMMARY` the task's number and the start of its
///   text; `DESCRIPTION` the whole text, the units by role, the deadline as printed and the
///   source; `URL` the page's address when the input came from a web archive;
///   `CATEGORIES` the unit names.
/// - Text is escaped (`\\`, `\;`, `\,`, `\n`), lines end in CRLF and are folded at 75 octets
///   without splitting a UTF-8 sequence.
public struct ICalendarWriter: Sendable {
    /// `DTSTAMP` of every to-do: when the file was written, in UTC (`20261129T170000Z`).
    public var stamp: String
    /// Only tasks that name one of these units, printed or canonical (all tasks when empty).
    public var units: Set<String>

    public init(stamp: String, units: Set<String> = []) {
        self.stamp = stamp
        self.units = units
    }

    /// Characters of task text in `SUMMARY`.
    static let summaryLength = 40

    public func calendar(_ documents: [OutputDocument]) -> [UInt8] {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gongwen//\(GongwenVersion.current)//ZH", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + Self.escape("公文任务"),
        ]
        var seen: Set<String> = []
        for document in documents {
            for task in document.tasks {
                guard let due = task.deadline?.due else { continue }
                guard units.isEmpty || task.units.contains(where: { units.contains($0.name) || units.contains($0.canonical?.name ?? "") })
                else { continue }
                if let id = task.id, !seen.insert(id).inserted { continue }
                lines += todo(task, due: due, document: document)
            }
        }
        lines.append("END:VCALENDAR")
        var output: [UInt8] = []
        for line in lines { output += Self.fold(line) }
        return output
    }

    private func todo(_ task: OutputDocument.Task, due: CalendarDate, document: OutputDocument) -> [String] {
        let uid = (task.id ?? "t-\(document.contentFingerprint.prefix(16))-\(task.index)") + "@gongwen"
        var summary = task.text.excerpt(Self.summaryLength)
        if let number = task.number { summary = number + " " + summary }

        var description: [String] = [task.text]
        for role in Role.allCases {
            let names = task.units.filter { $0.role == role }.map(\.name)
            if !names.isEmpty { description.append("\(role.label): " + names.joined(separator: "、")) }
        }
        if let raw = task.deadline?.raw { description.append("时限: " + raw) }
        for milestone in task.deadline?.milestones ?? [] {
            description.append("  \(milestone.label): \(milestone.due?.description ?? milestone.raw)")
        }
        description.append("来源: " + (document.metadata.title ?? "") + " (" + (document.source.url ?? document.source.path) + ")")

        var lines = [
            "BEGIN:VTODO", "UID:" + Self.escape(uid), "DTSTAMP:" + stamp, "DUE;VALUE=DATE:" + Self.basic(due),
            "SUMMARY:" + Self.escape(summary), "DESCRIPTION:" + Self.escape(description.joined(separator: "\n")),
        ]
        if !task.units.isEmpty {
            lines.append("CATEGORIES:" + task.units.map { Self.escape($0.canonical?.name ?? $0.name) }.joined(separator: ","))
        }
        // URL is a URI value: only web addresses, never another scheme from an archive record.
        if let url = document.source.url, url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://"),
            !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        {
            lines.append("URL:" + url)
        }
        lines.append("END:VTODO")
        return lines
    }

    /// `2017-09-30` → `20170930`.
    static func basic(_ date: CalendarDate) -> String {
        String(date.description.unicodeScalars.filter { $0 != "-" })
    }

    /// TEXT value escaping (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\n": output += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 || scalar.value == 0x7F { output += " " } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// One content line in UTF-8 with CRLF, folded so that no physical line exceeds 75 octets
    /// (RFC 5545 §3.1); a fold never splits a UTF-8 sequence.
    static func fold(_ line: String) -> [UInt8] {
        var output: [UInt8] = []
        var width = 0
        for scalar in line.unicodeScalars {
            let length = UTF8.width(scalar)
            if width + length > 75 {
                output += [0x0D, 0x0A, 0x20]
                width = 1
            }
            UTF8.encode(scalar) { output.append($0) }
            width += length
        }
        output += [0x0D, 0x0A]
        return output
    }
}
