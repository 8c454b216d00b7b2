import Foundation

/// Word's automatic numbering (`word/numbering.xml`), resolved to the markers it prints.
///
/// A numbered paragraph names a list (`w:numId`) and a level (`w:ilvl`), directly or through
/// its style. The list points to an abstract definition whose level says how the number looks:
/// its format (`decimal`, `chineseCounting`, `ideographTraditional`, `decimalEnclosedCircle` …),
/// its text with placeholders (`（%1）`, `%1.%2`), its start. Counting follows Word: a level
/// counts up from its start, and a paragraph at a level restarts every deeper level.
struct WordNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = "%1."
        /// `w:isLgl`: the placeholders of this level print in decimal whatever their format.
        var legal = false
    }

    /// Abstract definitions by id, levels by index.
    private(set) var abstract: [String: [Int: Level]] = [:]
    /// Lists by id: their abstract definition and start overrides by level.
    private(set) var lists: [String: (abstract: String, starts: [Int: Int])] = [:]
    /// Counters per list and level, as numbering goes.
    private var counters: [String: [Int: Int]] = [:]

    init() {}

    init(_ data: Data?) throws(XMLStreamReader.Failure) {
        guard let data else { return }
        let reader = try XMLStreamReader(data, part: "word/numbering.xml")
        var abstractID: String?
        var levelIndex: Int?
        var level = Level()
        var numID: String?
        var overrideLevel: Int?
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "abstractNum":
                    abstractID = reader.attribute("abstractNumId")
                    if let abstractID { abstract[abstractID] = [:] }
                case "lvl":
                    if abstractID != nil {
                        levelIndex = reader.attribute("ilvl").flatMap(Int.init)
                        level = Level()
                    } else if numID != nil {
                        overrideLevel = reader.attribute("ilvl").flatMap(Int.init)
                    }
                case "start": if levelIndex != nil, let value = reader.attribute("val").flatMap(Int.init) { level.start = value }
                case "numFmt": if levelIndex != nil, let value = reader.attribute("val") { level.format = value }
                case "lvlText": if levelIndex != nil { level.text = reader.attribute("val") ?? "" }
                case "isLgl": if levelIndex != nil { level.legal = reader.attribute("val").map { $0 != "0" && $0 != "false" } ?? true }
                case "num":
                    numID = reader.attribute("numId")
                case "abstractNumId":
                    if let numID, let value = reader.attribute("val") { lists[numID] = (value, lists[numID]?.starts ?? [:]) }
                case "lvlOverride":
                    overrideLevel = reader.attribute("ilvl").flatMap(Int.init)
                case "startOverride":
                    if let numID, let overrideLevel, let value = reader.attribute("val").flatMap(Int.init) {
                        var list = lists[numID] ?? ("", [:])
                        list.starts[overrideLevel] = value
                        lists[numID] = list
                    }
                default: break
                }
            case .endElement:
                switch reader.name {
                case "lvl":
                    if let abstractID, let index = levelIndex { abstract[abstractID]?[index] = level }
                    levelIndex = nil
                case "abstractNum": abstractID = nil
                case "num": numID = nil
                case "lvlOverride": overrideLevel = nil
                default: break
                }
            default: break
            }
        }
    }

    /// The marker a paragraph of list `numID` at `level` prints, counting it; nil for a bullet,
    /// a level with no text, or a list that does not exist (`numId` 0 switches numbering off).
    mutating func next(list numID: String, level index: Int) -> String? {
        guard numID != "0", let list = lists[numID], let levels = abstract[list.abstract], let level = levels[index] else {
            return nil
        }
        var state = counters[numID, default: [:]]
        let start = list.starts[index] ?? level.start
        state[index] = (state[index] ?? (start - 1)) + 1
        // A paragraph at a level restarts the deeper ones.
        for deeper in state.keys where deeper > index { state[deeper] = nil }
        counters[numID] = state
        guard level.format != "bullet", level.format != "none", !level.text.isEmpty else { return nil }
        var text = ""
        var scalars = level.text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%", let digit = scalars.next() else {
                text.unicodeScalars.append(scalar)
                continue
            }
            guard let placeholder = Int(String(digit)), placeholder >= 1 else {
                text.unicodeScalars.append(digit)
                continue
            }
            let referenced = placeholder - 1
            let referencedLevel = levels[referenced] ?? Level()
            let value = state[referenced] ?? (list.starts[referenced] ?? referencedLevel.start)
            text += Self.format(value, as: level.legal ? "decimal" : referencedLevel.format)
        }
        return text
    }

    // MARK: - Number formats

    static func format(_ value: Int, as format: String) -> String {
        switch format {
        case "decimalZero": value < 10 ? "0\(value)" : "\(value)"
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
            "chineseLegalSimplified":
            chinese(value)
        case "ideographTraditional": stems.indices.contains(value - 1) ? String(stems[value - 1]) : "\(value)"
        case "ideographZodiac": branches.indices.contains(value - 1) ? String(branches[value - 1]) : "\(value)"
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            (1...20).contains(value) ? String(UnicodeScalar(0x2460 + value - 1)!) : "\(value)"
        case "decimalEnclosedParen": (1...20).contains(value) ? String(UnicodeScalar(0x2474 + value - 1)!) : "(\(value))"
        case "decimalEnclosedFullstop": (1...20).contains(value) ? String(UnicodeScalar(0x2488 + value - 1)!) : "\(value)."
        case "decimalFullWidth", "decimalFullWidth2":
            String(String.UnicodeScalarView("\(value)".unicodeScalars.map { UnicodeScalar($0.value + 0xFEE0)! }))
        case "upperLetter": letters(value, uppercase: true)
        case "lowerLetter": letters(value, uppercase: false)
        case "upperRoman": roman(value)
        case "lowerRoman": roman(value).lowercased()
        default: "\(value)"
        }
    }

    private static let stems = Array("甲乙丙丁戊己庚辛壬癸")
    private static let branches = Array("子丑寅卯辰巳午未申酉戌亥")
    private static let digits = Array("〇一二三四五六七八九")

    /// `十一`, `二十`, `一百零五`: the numeral as a count is written.
    static func chinese(_ value: Int) -> String {
        guard value > 0, value < 10000 else { return "\(value)" }
        if value < 10 { return String(digits[value]) }
        if value < 20 { return "十" + (value % 10 == 0 ? "" : String(digits[value % 10])) }
        var result = ""
        var zero = false
        for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let digit = value / unit % 10
            if digit == 0 {
                if !result.isEmpty { zero = true }
                continue
            }
            if zero {
                result += "零"
                zero = false
            }
            result += String(digits[digit]) + name
        }
        return result
    }

    private static func letters(_ value: Int, uppercase: Bool) -> String {
        guard value > 0 else { return "\(value)" }
        let letter = UnicodeScalar((uppercase ? 65 : 97) + (value - 1) % 26)!
        return String(repeating: String(letter), count: (value - 1) / 26 + 1)
    }

    private static func roman(_ value: Int) -> String {
        guard value > 0, value < 4000 else { return "\(value)" }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
            (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = value
        var result = ""
        for (amount, symbol) in table {
            while rest >= amount {
                result += symbol
                rest -= amount
            }
        }
        return result
    }
}
