/// Reads full calendar dates as notices print them.
///
/// `2017年9月8日`, `二〇一七年九月八日` (`〇` also `○` or `零`), `2017-11-24`, `2017/11/24`,
/// `2017.11.24`, each possibly followed by a time of day (`08:48`).
public enum DateReader {
    /// The first full date in `text` and the range it covers.
    public static func firstDate(in text: String) -> (date: CalendarDate, range: Range<Int>)? {
        let folded = FoldedText(text).folded
        var i = 0
        while i < folded.count {
            if let found = readDate(folded, at: i) { return found }
            i += 1
        }
        return nil
    }

    /// All full dates in `text`.
    public static func dates(in text: String) -> [CalendarDate] {
        let folded = FoldedText(text).folded
        var result: [CalendarDate] = []
        var i = 0
        while i < folded.count {
            if let found = readDate(folded, at: i) {
                result.append(found.date)
                i = found.range.upperBound
            } else {
                i += 1
            }
        }
        return result
    }

    /// Whether the whole line is one date (a signing date on its own line).
    public static func isDateLine(_ text: String) -> Bool {
        dateLine(text) != nil
    }

    /// The date of a line that is nothing but a date.
    public static func dateLine(_ text: String) -> CalendarDate? {
        // More than 40 scalars is more than 40 bytes: no need to fold a long line whole.
        let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: 40)
        return isWhole ? dateLine(compact: key) : nil
    }

    /// `dateLine(_:)` for a line already compact-folded.
    public static func dateLine(compact: String) -> CalendarDate? {
        // A date line is at most `二〇一七年十二月三十一日`: 12 characters, 36 bytes.
        guard compact.utf8.count <= 40 else { return nil }
        let folded = Array(compact.unicodeScalars)
        guard let found = readDate(folded, at: 0), found.range.upperBound == folded.count else { return nil }
        return found.date
    }

    // MARK: - Private API

    static func readDate(_ text: [Unicode.Scalar], at start: Int) -> (date: CalendarDate, range: Range<Int>)? {
        if start > 0, text[start - 1].isASCIIDigit || ChineseNumber.digit(text[start - 1]) != nil { return nil }
        guard start + 4 <= text.count else { return nil }
        let yearScalars = text[start..<(start + 4)]
        if let year = ChineseNumber.arabic(of: yearScalars), (1900...2099).contains(year) {
            var i = start + 4
            guard i < text.count else { return nil }
            let separator = text[i]
            if separator == "年" {
                i += 1
                guard let (month, afterMonth) = number(text, i, chinese: false), afterMonth < text.count,
                    text[afterMonth] == "月", let (day, afterDay) = number(text, afterMonth + 1, chinese: false),
                    afterDay < text.count, text[afterDay] == "日" || text[afterDay] == "号",
                    let date = CalendarDate(year: year, month: month, day: day)
                else { return nil }
                return (date, start..<(afterDay + 1))
            }
            guard separator == "-" || separator == "/" || separator == "." else { return nil }
            guard let (month, afterMonth) = number(text, i + 1, chinese: false), afterMonth < text.count,
                text[afterMonth] == separator, let (day, afterDay) = number(text, afterMonth + 1, chinese: false),
                let date = CalendarDate(year: year, month: month, day: day)
            else { return nil }
            return (date, start..<afterDay)
        }
        if let year = ChineseNumber.yearValue(of: yearScalars), (1900...2099).contains(year) {
            var i = start + 4
            guard i < text.count, text[i] == "年" else { return nil }
            i += 1
            guard let (month, afterMonth) = number(text, i, chinese: true), afterMonth < text.count, text[afterMonth] == "月",
                let (day, afterDay) = number(text, afterMonth + 1, chinese: true), afterDay < text.count,
                text[afterDay] == "日" || text[afterDay] == "号", let date = CalendarDate(year: year, month: month, day: day)
            else { return nil }
            return (date, start..<(afterDay + 1))
        }
        return nil
    }

    /// 1–2 ASCII digits, or (when `chinese`) a Chinese numeral up to `三十一`.
    private static func number(_ text: [Unicode.Scalar], _ start: Int, chinese: Bool) -> (Int, Int)? {
        var end = start
        while end < text.count, end - start < 2, text[end].isASCIIDigit { end += 1 }
        if end > start { return ChineseNumber.arabic(of: text[start..<end]).map { ($0, end) } }
        guard chinese else { return nil }
        while end < text.count, end - start < 3, ChineseNumber.isNumeral(text[end]) { end += 1 }
        guard end > start else { return nil }
        return ChineseNumber.value(of: text[start..<end]).map { ($0, end) }
    }
}
