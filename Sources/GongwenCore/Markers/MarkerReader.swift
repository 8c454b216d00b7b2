/// Reads a numbering marker (DOMAIN.md §3) at the start of a line.
///
/// A marker counts only at the start of a paragraph or line, and only when a delimiter closes
/// it: `1.加强…` and `（三）完善…` are markers, `1.5亿元`, `2017年` and `第一时间` are not.
///
/// ```
/// "一、全面深入推进…"   -> chineseComma 1, body starts at 2
/// "（二）完善…"        -> chineseParen 2
/// "(3)建立…"           -> arabicParen 3
/// "12．推进…"           -> arabicDot 12
/// "第五条 …"            -> article 5
/// ```
public enum MarkerReader {
    /// The marker at the start of `text` (already folded) and the offset where the body starts.
    public static func read(_ text: [Unicode.Scalar]) -> (marker: Marker, bodyStart: Int)? {
        var start = 0
        while start < text.count, text[start].isFoldedSpace { start += 1 }
        guard start < text.count else { return nil }
        let first = text[start]
        if first == "第" { return readOrdinal(text, start) }
        if first == "(" { return readParenthesised(text, start) }
        if (0x2460...0x2473).contains(first.value) {
            let value = Int(first.value - 0x2460) + 1
            return (Marker(style: .circled, value: value, printed: String(first)), skipSpace(text, start + 1))
        }
        // Single-code-point numerals (DOMAIN.md §5): `⒈` … `⒛` are `1.` … `20.`, `⑴` … `⒇` are
        // `(1)` … `(20)`, `㈠` … `㈩` are `(一)` … `(十)`; a `、` `.` `,` after them belongs to the marker.
        if let (style, value) = singleScalarMarker(first) {
            var end = start + 1
            if end < text.count, text[end] == "、" || text[end] == "." || text[end] == "," { end += 1 }
            return (Marker(style: style, value: value, printed: printed(text, start..<end)), skipSpace(text, end))
        }
        if first.isASCIIDigit { return readArabic(text, start) }
        if ChineseNumber.isNumeral(first) { return readChinese(text, start) }
        return nil
    }

    /// The marker of printed text, `printed` as printed (`（一）`, not the folded `(一)`).
    public static func read(_ text: FoldedText) -> (marker: Marker, bodyStart: Int)? {
        guard case (var marker, let bodyStart)? = read(text.folded) else { return nil }
        var start = 0
        while start < text.count, text.folded[start].isFoldedSpace { start += 1 }
        let markerEnd = text.folded.trimmedRange(start..<bodyStart).upperBound
        marker.printed = text.original(start..<markerEnd)
        return (marker, bodyStart)
    }

    /// The marker of a String and the body after it (trimmed).
    public static func read(_ text: String) -> (marker: Marker, body: String)? {
        guard let (marker, bodyStart) = readStart(of: text) else { return nil }
        return (marker, text.trimmedText(droppingScalars: bodyStart))
    }

    /// The marker of a String and the scalar offset where its body starts, read from the first
    /// `window` scalars only: a marker and the scalars the readers look at after it are a few
    /// scalars long, so a long paragraph is not decoded and folded whole. When the start of
    /// the text is a long run of spaces, the whole text is read, so the answer is always the
    /// one `read(FoldedText(text))` gives.
    public static func readStart(of text: String) -> (marker: Marker, bodyStart: Int)? {
        // Most lines are passed on their first scalar, before anything is decoded in bulk.
        guard let first = text.unicodeScalars.lazy.map(FoldedText.fold).first(where: { !$0.isFoldedSpace }),
            mayStartMarker(first)
        else { return nil }
        let (prefix, isWhole) = FoldedText.prefix(of: text, maximumScalars: window)
        if isWhole { return read(prefix) }
        var start = 0
        while start < prefix.count, prefix.folded[start].isFoldedSpace { start += 1 }
        // The readers look at most a dozen scalars past the first non-space one.
        guard start < window - 24 else { return read(FoldedText(text)) }
        let found = read(prefix)
        if let found, found.bodyStart >= window - 4 { return read(FoldedText(text)) }
        return found
    }

    /// `1000.` to `999999.` (also with `、`) opening a line: numbers past 999 make a marker
    /// only where a list reaches them, which the caller checks (`2017.` opening a line is a
    /// year, not the 2017th item). Nil for any other start.
    public static func readLongArabicStart(of text: String) -> (marker: Marker, bodyStart: Int)? {
        guard let first = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }), first.isASCIIDigit else { return nil }
        let (prefix, _) = FoldedText.prefix(of: text, maximumScalars: 16)
        let scalars = prefix.folded
        var start = 0
        while start < scalars.count, scalars[start].isFoldedSpace { start += 1 }
        var end = start
        while end < scalars.count, scalars[end].isASCIIDigit { end += 1 }
        guard (4...6).contains(end - start), end < scalars.count, scalars[end] == "." || scalars[end] == "、",
            end + 1 >= scalars.count || !scalars[end + 1].isASCIIDigit,
            let value = Int(String(String.UnicodeScalarView(scalars[start..<end])))
        else { return nil }
        let marker = Marker(style: .arabicDot, value: value, printed: prefix.original(start..<(end + 1)))
        return (marker, skipSpace(scalars, end + 1))
    }

    /// Whether `read` can find a marker starting with this (folded) scalar.
    private static func mayStartMarker(_ first: Unicode.Scalar) -> Bool {
        first == "第" || first == "(" || (0x2460...0x249B).contains(first.value) || first.isASCIIDigit
            || ChineseNumber.isNumeral(first) || (0x3220...0x3229).contains(first.value)
    }

    /// The style and value of a numeral printed as one code point.
    static func singleScalarMarker(_ scalar: Unicode.Scalar) -> (MarkerStyle, Int)? {
        switch scalar.value {
        case 0x2488...0x249B: (.arabicDot, Int(scalar.value - 0x2488) + 1)
        case 0x2474...0x2487: (.arabicParen, Int(scalar.value - 0x2474) + 1)
        case 0x3220...0x3229: (.chineseParen, Int(scalar.value - 0x3220) + 1)
        default: nil
        }
    }

    /// How many scalars `readStart(of:)` decodes.
    static let window = 64

    // MARK: - Private API

    private static func skipSpace(_ text: [Unicode.Scalar], _ offset: Int) -> Int {
        var i = offset
        while i < text.count, text[i].isFoldedSpace { i += 1 }
        return i
    }

    private static func printed(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(scalars: text[range])
    }

    /// `一、` `十二、` (also `一.` and `一．`, which Word users type).
    private static func readChinese(_ text: [Unicode.Scalar], _ start: Int) -> (Marker, Int)? {
        var end = start
        while end < text.count, end - start < 4, ChineseNumber.isNumeral(text[end]) { end += 1 }
        guard end < text.count, let value = ChineseNumber.value(of: text[start..<end]) else { return nil }
        let delimiter = text[end]
        guard delimiter == "、" || delimiter == "." else { return nil }
        // `一.5` is not a marker; neither is `一、` with nothing after it on a numbered line.
        if delimiter == ".", end + 1 < text.count, text[end + 1].isASCIIDigit { return nil }
        let marker = Marker(style: .chineseComma, value: value, printed: printed(text, start..<(end + 1)))
        return (marker, skipSpace(text, end + 1))
    }

    /// `1.` `1、` `1 .` — but not `1.5亿元`, `2017年` or a bare `1`.
    private static func readArabic(_ text: [Unicode.Scalar], _ start: Int) -> (Marker, Int)? {
        var end = start
        while end < text.count, text[end].isASCIIDigit { end += 1 }
        guard end - start <= 3, let value = ChineseNumber.arabic(of: text[start..<end]) else { return nil }
        var delimiterAt = end
        if delimiterAt < text.count, text[delimiterAt] == " ", delimiterAt + 1 < text.count,
            text[delimiterAt + 1] == "." || text[delimiterAt + 1] == "、"
        {
            delimiterAt += 1
        }
        guard delimiterAt < text.count else { return nil }
        let delimiter = text[delimiterAt]
        guard delimiter == "." || delimiter == "、" else { return nil }
        let after = delimiterAt + 1
        if after < text.count, text[after].isASCIIDigit { return nil }
        // `1.` followed by `、` or `.` again (`1..`, an outline typo) still counts as one marker.
        let marker = Marker(style: .arabicDot, value: value, printed: printed(text, start..<after))
        return (marker, skipSpace(text, after))
    }

    /// `(一)` and `(1)`, after folding full-width parentheses.
    private static func readParenthesised(_ text: [Unicode.Scalar], _ start: Int) -> (Marker, Int)? {
        var end = start + 1
        while end < text.count, end - start <= 4, text[end] != ")" { end += 1 }
        guard end < text.count, text[end] == ")", end > start + 1 else { return nil }
        let inner = text[(start + 1)..<end]
        var after = end + 1
        // `（一）、` occurs in the wild; the extra delimiter belongs to the marker.
        if after < text.count, text[after] == "、" || text[after] == "." { after += 1 }
        let shown = printed(text, start..<after)
        if let value = ChineseNumber.arabic(of: inner) {
            return (Marker(style: .arabicParen, value: value, printed: shown), skipSpace(text, after))
        }
        if let value = ChineseNumber.value(of: inner) {
            return (Marker(style: .chineseParen, value: value, printed: shown), skipSpace(text, after))
        }
        return nil
    }

    /// `第一章` `第二节` `第十条` `第3条` `第一部分` `第二阶段`; `第一时间` and `第一平台` are not markers.
    private static func readOrdinal(_ text: [Unicode.Scalar], _ start: Int) -> (Marker, Int)? {
        var end = start + 1
        while end < text.count, end - start <= 6, ChineseNumber.isNumeral(text[end]) || text[end].isASCIIDigit {
            end += 1
        }
        guard end < text.count, end > start + 1 else { return nil }
        let digits = text[(start + 1)..<end]
        guard let value = ChineseNumber.arabic(of: digits) ?? ChineseNumber.value(of: digits) else { return nil }
        let style: MarkerStyle
        var length = 1
        switch text[end] {
        case "章": style = .chapter
        case "节": style = .section
        case "条": style = .article
        case "部" where end + 1 < text.count && text[end + 1] == "分":
            style = .part
            length = 2
        case "阶" where end + 1 < text.count && text[end + 1] == "段":
            style = .stage
            length = 2
        default: return nil
        }
        let markerEnd = end + length
        var bodyStart = markerEnd
        // `第一阶段：迅速动员部署` — the colon belongs to the marker.
        if bodyStart < text.count, text[bodyStart] == ":" || text[bodyStart] == "、" { bodyStart += 1 }
        return (Marker(style: style, value: value, printed: printed(text, start..<bodyStart)), skipSpace(text, bodyStart))
    }
}
