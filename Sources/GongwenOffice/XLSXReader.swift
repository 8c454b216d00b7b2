import Foundation
import GongwenCore

/// An Excel workbook (XLSX) read into blocks: each visible sheet, in workbook order, becomes a
/// line with the sheet's name and a table block of its used cells.
///
/// Cell values are what the sheet prints: shared and inline strings as written, numbers
/// without a trailing `.0`, dates (a number in a date format) as ISO days in the workbook's
/// date system (1900, with Excel's phantom 29 February 1900, or 1904), booleans as TRUE/FALSE.
/// Merged ranges (`mergeCells`) are copied into every cell they cover, the copies marked, as
/// an HTML table's spans are. Hidden sheets are skipped. Locations: `path` names the sheet
/// part and sheet (`xl/worksheets/sheet1.xml#分工表`), each cell its grid row and column.
public enum XLSXReader {
    public static func read(_ bytes: [UInt8], maximumBytes: Int, maximumTableCells: Int) throws(DOCXReader.Failure)
        -> DOCXReader.Result
    {
        var archive = try DOCXReader.opening(bytes, maximumBytes: maximumBytes)
        return try DOCXReader.saying { try read(&archive, maximumTableCells: maximumTableCells) }
    }

    /// The sheets of an opened container.
    static func read(_ archive: inout OfficeArchive, maximumTableCells: Int) throws -> DOCXReader.Result {
        let workbook = try Workbook(archive.require("xl/workbook.xml"), relationships: archive.read("xl/_rels/workbook.xml.rels"))
        let strings = try SharedStrings.read(archive.read("xl/sharedStrings.xml"))
        let formats = try CellFormats(archive.read("xl/styles.xml"))
        var blocks: [Block] = []
        var diagnostics: [Diagnostic] = []
        var remainingCells = maximumTableCells
        for (index, sheet) in workbook.sheets.enumerated() where !sheet.hidden {
            guard let data = try archive.read(sheet.part) else {
                diagnostics.append(
                    Diagnostic(.warning, .blocks, code: "sheet-missing", "sheet “\(sheet.name)”: \(sheet.part) is missing"))
                continue
            }
            let source = SourceLocation(line: index + 1, path: "\(sheet.part)#\(sheet.name)")
            var reader = SheetReader(strings: strings, formats: formats, date1904: workbook.date1904, maximumCells: remainingCells)
            let grid = try reader.read(data, source: source)
            remainingCells -= reader.cellCount
            if reader.truncated {
                diagnostics.append(
                    Diagnostic(
                        .warning, .blocks, code: "table-too-large",
                        "sheet “\(sheet.name)” has more than \(maximumTableCells) cells: the rest is left out", line: source.line))
            }
            guard !grid.isEmpty else { continue }
            blocks.append(Block(.heading, text: sheet.name, source: source))
            blocks.append(.table(Table(rows: grid), source: source))
        }
        return DOCXReader.Result(
            blocks: blocks, hints: try CoreProperties.read(archive.read("docProps/core.xml")), diagnostics: diagnostics)
    }
}

/// `xl/workbook.xml` with its relationships: the sheets in order, their parts and visibility.
struct Workbook {
    struct Sheet {
        var name: String
        var part: String
        var hidden: Bool
    }

    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false

    init(_ data: Data, relationships: Data?) throws(XMLStreamReader.Failure) {
        var targets: [String: String] = [:]
        if let relationships {
            let reader = try XMLStreamReader(relationships, part: "xl/_rels/workbook.xml.rels")
            while try reader.read() {
                if reader.type == .element, reader.name == "Relationship", let id = reader.attribute("Id"),
                    let target = reader.attribute("Target")
                {
                    targets[id] = target
                }
            }
        }
        let reader = try XMLStreamReader(data, part: "xl/workbook.xml")
        var ordinal = 0
        while try reader.read() {
            guard reader.type == .element else { continue }
            if reader.name == "workbookPr" {
                date1904 = ["1", "true"].contains(reader.attribute("date1904") ?? "")
            }
            guard reader.name == "sheet" else { continue }
            ordinal += 1
            let name = reader.attribute("name") ?? "Sheet\(ordinal)"
            let state = reader.attribute("state") ?? "visible"
            let target = reader.attribute("id").flatMap { targets[$0] } ?? "worksheets/sheet\(ordinal).xml"
            sheets.append(Sheet(name: name, part: Self.resolve(target), hidden: state != "visible"))
        }
    }

    /// A relationship target as a part name: relative to `xl/`, or absolute from the root.
    /// (`..` and empty components are dropped: a part name never leaves the container.)
    static func resolve(_ target: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        return path.split(separator: "/").filter { $0 != ".." && $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }
}

/// `xl/sharedStrings.xml`: each `si`'s text (plain or rich runs, phonetic runs left out).
enum SharedStrings {
    static func read(_ data: Data?) throws(XMLStreamReader.Failure) -> [String] {
        guard let data else { return [] }
        let reader = try XMLStreamReader(data, part: "xl/sharedStrings.xml")
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "si": current = ""
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = !reader.isEmptyElement
                default: break
                }
            case .text where inText: current += reader.value
            case .endElement:
                switch reader.name {
                case "t": inText = false
                case "rPh": inPhonetic = false
                case "si": strings.append(current)
                default: break
                }
            default: break
            }
        }
        return strings
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, by index) show a number as a date.
struct CellFormats {
    private(set) var isDate: [Bool] = []

    init(_ data: Data?) throws(XMLStreamReader.Failure) {
        guard let data else { return }
        let reader = try XMLStreamReader(data, part: "xl/styles.xml")
        var custom: [Int: String] = [:]
        var inCellFormats = false
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "numFmt":
                    if let id = reader.attribute("numFmtId").flatMap(Int.init), let code = reader.attribute("formatCode") {
                        custom[id] = code
                    }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats:
                    let id = reader.attribute("numFmtId").flatMap(Int.init) ?? 0
                    isDate.append(Self.isDateFormat(id, custom[id]))
                default: break
                }
            case .endElement where reader.name == "cellXfs": inCellFormats = false
            default: break
            }
        }
    }

    /// The built-in date formats (14–22, 27–36, 45–47, 50–58) and custom codes with a day,
    /// month or year outside quotes and brackets.
    static func isDateFormat(_ id: Int, _ code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var quoted = false
        var bracket = false
        for scalar in code.lowercased().unicodeScalars {
            switch scalar {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "y", "d", "m":
                if !quoted && !bracket { return true }
            default: continue
            }
        }
        return false
    }
}

/// One worksheet's cells into a grid.
struct SheetReader {
    let strings: [String]
    let formats: CellFormats
    let date1904: Bool
    let maximumCells: Int
    private(set) var cellCount = 0
    private(set) var truncated = false

    init(strings: [String], formats: CellFormats, date1904: Bool, maximumCells: Int) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
        self.maximumCells = maximumCells
    }

    mutating func read(_ data: Data, source: SourceLocation) throws(XMLStreamReader.Failure) -> [[TableCell]] {
        let reader = try XMLStreamReader(data, part: source.path ?? "sheet")
        var values: [Int: [Int: String]] = [:]
        var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        var row = 0
        var column = 0
        var type = "n"
        var style = 0
        var value = ""
        var inValue = false
        var inCell = false
        var maximumRow = 0
        var maximumColumn = 0
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "row":
                    row = reader.attribute("r").flatMap(Int.init) ?? (row + 1)
                    column = 0
                case "c":
                    if let reference = reader.attribute("r"), let (r, c) = Self.cell(reference) {
                        row = r
                        column = c
                    } else {
                        column += 1
                    }
                    type = reader.attribute("t") ?? "n"
                    style = reader.attribute("s").flatMap(Int.init) ?? 0
                    value = ""
                    inCell = !reader.isEmptyElement
                case "v", "t": if inCell { inValue = true }
                case "mergeCell":
                    if let reference = reader.attribute("ref"), let range = Self.range(reference) { merges.append(range) }
                default: break
                }
            case .text where inValue: value += reader.value
            case .endElement:
                switch reader.name {
                case "v", "t": inValue = false
                case "c":
                    inCell = false
                    let shown = display(value, type: type, style: style)
                    guard !shown.isEmpty else { continue }
                    cellCount += 1
                    if cellCount > maximumCells {
                        truncated = true
                        return grid(values, merges: merges, rows: maximumRow, columns: maximumColumn, source: source)
                    }
                    values[row, default: [:]][column] = shown
                    maximumRow = max(maximumRow, row)
                    maximumColumn = max(maximumColumn, column)
                default: break
                }
            default: break
            }
        }
        return grid(values, merges: merges, rows: maximumRow, columns: maximumColumn, source: source)
    }

    /// The cells from the first used row and column to the last, merged ranges copied.
    private func grid(
        _ values: [Int: [Int: String]], merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)], rows: Int, columns: Int,
        source: SourceLocation
    ) -> [[TableCell]] {
        guard rows > 0, columns > 0, let firstRow = values.keys.min(),
            let firstColumn = values.values.flatMap(\.keys).min()
        else { return [] }
        // (A sheet's grid is bounded by its cells: a merge reaching beyond them is cut.)
        var copies: [Int: [Int: (text: String, isCopy: Bool)]] = [:]
        for merge in merges {
            let text = values[merge.rows.lowerBound]?[merge.columns.lowerBound] ?? ""
            for r in merge.rows where r <= rows {
                for c in merge.columns where c <= columns && (r, c) != (merge.rows.lowerBound, merge.columns.lowerBound) {
                    copies[r, default: [:]][c] = (text, true)
                }
            }
        }
        return (firstRow...rows).map { r in
            (firstColumn...columns).map { c in
                let location = source.cell(row: r - firstRow + 1, column: c - firstColumn + 1)
                if let copy = copies[r]?[c] { return TableCell(copy.text, isSpanCopy: copy.isCopy, source: location) }
                return TableCell(values[r]?[c] ?? "", source: location)
            }
        }
    }

    /// What the cell prints.
    private func display(_ raw: String, type: String, style: Int) -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch type {
        case "s": return Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "inlineStr", "str": return raw
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "e": return value
        default:
            guard let number = Double(value) else { return value }
            if formats.isDate.indices.contains(style), formats.isDate[style], let day = Self.day(serial: number, date1904: date1904) {
                return day
            }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return value
        }
    }

    /// An Excel serial day as an ISO date: 1900 system (day 1 = 1900-01-01, with the phantom
    /// 1900-02-29 at 60) or 1904 system (day 0 = 1904-01-01).
    static func day(serial: Double, date1904: Bool) -> String? {
        let whole = Int(serial.rounded(.down))
        guard whole >= 0, whole < 2_958_466 else { return nil }
        // Days since 1970-01-01.
        let days: Int
        if date1904 {
            days = whole - 24107
        } else {
            guard whole >= 1 else { return nil }
            days = (whole < 60 ? whole + 1 : whole) - 25569
        }
        return CivilDate(daysSince1970: days).description
    }

    /// `B12` → (row 12, column 2).
    static func cell(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        for scalar in reference.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                guard digits.isEmpty else { return nil }
                column = column * 26 + Int(scalar.value) - 64
                if column > 16384 { return nil }
            } else if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0, row <= 1_048_576 else { return nil }
        return (row, column)
    }

    /// `A1:C3` → rows 1…3, columns 1…3.
    static func range(_ reference: String) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        let parts = reference.split(separator: ":")
        guard parts.count == 2, let start = cell(String(parts[0])), let end = cell(String(parts[1])),
            start.row <= end.row, start.column <= end.column
        else { return nil }
        return (start.row...end.row, start.column...end.column)
    }
}

/// A proleptic Gregorian day from its count of days since 1970-01-01 (Howard Hinnant's
/// civil-from-days algorithm), printed as `YYYY-MM-DD`.
struct CivilDate: CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }
}
