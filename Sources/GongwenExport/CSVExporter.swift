import GongwenCore

/// Writes tasks as CSV (RFC 4180): quoted where needed, LF line endings, an optional UTF-8 BOM
/// so that Excel shows Chinese.
///
/// One row per task:
/// `document,section,number,text,lead,support,responsible,deadline_raw,deadline_kind,due,task_id`;
/// with `byUnit`, one row per task and unit: `…,unit,role,…`. `task_id` is last so that
/// readers of the earlier columns by position keep working.
public struct CSVExporter: Sendable {
    public var byUnit: Bool
    public var byteOrderMark: Bool
    /// The CSV is meant for a spreadsheet: cells that a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, so
    /// opening the file never runs anything. On by default with the byte-order mark.
    public var neutraliseFormulas: Bool

    public init(byUnit: Bool = false, byteOrderMark: Bool = false, neutraliseFormulas: Bool? = nil) {
        self.byUnit = byUnit
        self.byteOrderMark = byteOrderMark
        self.neutraliseFormulas = neutraliseFormulas ?? byteOrderMark
    }

    /// The header row's cells.
    public var header: [String] {
        byUnit
            ? ["document", "section", "number", "text", "unit", "role", "deadline_raw", "deadline_kind", "due", "task_id"]
            : [
                "document", "section", "number", "text", "lead", "support", "responsible", "deadline_raw", "deadline_kind", "due",
                "task_id",
            ]
    }

    /// The whole CSV for several extractions: BOM (if asked), header, rows.
    public func export(_ extractions: [Extraction]) -> [UInt8] {
        export(extractions.map(OutputDocument.init))
    }

    /// The whole CSV for several output documents: BOM (if asked), header, rows.
    public func export(_ documents: [OutputDocument]) -> [UInt8] {
        var output: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        output += Self.row(header)
        for document in documents { output += rows(document) }
        return output
    }

    /// The rows (no header) of one output document.
    public func rows(_ document: OutputDocument) -> [UInt8] {
        var output: [UInt8] = []
        for task in document.tasks {
            let section = task.sectionPath.joined(separator: " > ")
            let deadline = [
                task.deadline?.raw ?? "", task.deadline?.kind?.rawValue ?? "", task.deadline?.due?.description ?? "", task.id ?? "",
            ]
            let lead = [document.source.path, section, task.number ?? "", task.text]
            if byUnit {
                for unit in task.units {
                    output += record(lead + [unit.name, unit.role.rawValue] + deadline)
                }
                if task.units.isEmpty { output += record(lead + ["", ""] + deadline) }
            } else {
                let units = Role.allCases.map { role in task.units.filter { $0.role == role }.map(\.name).joined(separator: "、") }
                output += record(lead + units + deadline)
            }
        }
        return output
    }

    /// One CSV record with its LF; formulas neutralised when the CSV is for a spreadsheet.
    func record(_ cells: [String]) -> [UInt8] {
        Self.row(neutraliseFormulas ? cells.map(Self.neutralise) : cells)
    }

    /// `=SUM(A1)` → `'=SUM(A1)`: the OWASP rule against CSV injection.
    public static func neutralise(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return cell }
        return "'" + cell
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    /// One CSV record with its LF.
    public static func row(_ cells: [String]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output += quote(cell)
        }
        output.append(0x0A)
        return output
    }

    /// RFC 4180: a cell with a comma, quote, CR or LF is quoted and its quotes doubled.
    static func quote(_ cell: String) -> [UInt8] {
        let bytes = Array(cell.utf8)
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return bytes }
        var output: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
        return output
    }
}
