/// Splits run-on lines — a whole notice saved as one line, paragraphs separated by single
/// spaces and numbered items glued to the sentence before them — back into paragraphs.
///
/// Some archives store a page's text with every paragraph break turned into a space:
///
/// ```
/// …请认真组织实施。 平潭…办公室 2016年9月21日 …实施方案 一、总体要求 围绕…。二、组织形式（一）片区…
/// ```
///
/// A space is a paragraph break when the scalar before it ends a sentence or a name (a Chinese
/// character or closing punctuation) and the scalar after it starts one (a Chinese character or
/// opening punctuation); spaces inside numbers, dates and Latin text stay. A numbering marker
/// glued to what precedes it starts a new paragraph when it continues the sequence of its style
/// (`二、` after `一、`, `（一）` first or after `（三）` …), so `第一时间` or `1.5亿元` never split.
enum RunOnSplitter {
    /// Lines at least this long (in scalars) are candidates; real paragraphs are shorter,
    /// run-on saved pages run to thousands. Shorter lines are left exactly as printed.
    static let minimumLength = 300

    private static let sentenceEnds: ScalarSet = ["。", "；", "：", "！", "？", ")", "）", "”", "」", "》", ":", ";"]
    private static let paragraphStarts: ScalarSet = ["(", "（", "“", "《", "【", "「", "〔"]

    static func split(_ line: String) -> [String] {
        // Short lines are told without decoding them into arrays.
        // (A scalar is at most four bytes: a line of 4 × minimumLength bytes is long enough uncounted.)
        guard line.utf8.count >= minimumLength, line.utf8.count >= 4 * minimumLength || line.scalarCount >= minimumLength else {
            return [line]
        }
        let text = FoldedText(line)
        var pieces: [String] = []
        var start = 0
        var last = PerMarkerStyle<Int>()
        // (Read once: a static read in this per-scalar loop is a lazy-initialisation check.)
        let firsts = markerFirsts
        var i = 0
        while i < text.count {
            let scalar = text.folded[i]
            if scalar == " " {
                let before = previousNonSpace(text.folded, i)
                let after = nextNonSpace(text.folded, i)
                // `工 作 任 务`: letter-spaced headers keep their spaces.
                if let before, let after, isBreak(before: text.folded[before], after: text.folded[after]),
                    !isLetterSpaced(text.folded, before: before, after: after)
                {
                    append(text, start..<i, to: &pieces)
                    start = after
                    i = after
                    continue
                }
            } else if i > start, firsts.contains(scalar), let marker = gluedMarker(text, at: i, last: last) {
                append(text, start..<i, to: &pieces)
                start = i
                last[marker.style] = marker.value
                i += 1
                continue
            }
            if i == start, let (marker, _) = MarkerReader.read(Array(text.folded[i..<min(text.count, i + 8)])) {
                last[marker.style] = marker.value
            }
            i += 1
        }
        append(text, start..<text.count, to: &pieces)
        return pieces
    }

    private static func append(_ text: FoldedText, _ range: Range<Int>, to pieces: inout [String]) {
        let piece = text.original(text.folded.trimmedRange(range))
        if !piece.isEmpty { pieces.append(piece) }
    }

    private static func previousNonSpace(_ text: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i - 1
        while j >= 0, text[j] == " " { j -= 1 }
        return j >= 0 ? j : nil
    }

    private static func nextNonSpace(_ text: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 1
        while j < text.count, text[j] == " " { j += 1 }
        return j < text.count ? j : nil
    }

    /// A single character on either side of the space, between spaces: letter spacing.
    private static func isLetterSpaced(_ text: [Unicode.Scalar], before: Int, after: Int) -> Bool {
        // After a full stop a paragraph starts, letter-spaced or not.
        guard text[before].isHan else { return false }
        // `牵头领导:林 彦`, `周训岚、李 平`: a two-character name spaced out after a list or a label.
        let singleBefore = before == 0 || text[before - 1] == " " || nameListPunctuation.contains(text[before - 1])
        let singleAfter = text[after].isHan && (after + 1 >= text.count || text[after + 1] == " ")
        return singleBefore || singleAfter
    }

    private static let nameListPunctuation: ScalarSet = ["、", ",", ":", "("]

    private static func isBreak(before: Unicode.Scalar, after: Unicode.Scalar) -> Bool {
        let endsName = before.isHan || sentenceEnds.contains(before)
        let startsText =
            after.isHan || paragraphStarts.contains(after) || (0x2460...0x2473).contains(after.value)
            || after.isASCIIDigit && (before.isHan || sentenceEnds.contains(before))
        return endsName && startsText
    }

    /// Characters that make a word with the numeral after them (`统一`, `唯一`, `第一`, `之一`,
    /// `为一`, `再三`, `周一`): a numeral there is no marker.
    private static let numeralWordHeads: ScalarSet = [
        "统", "唯", "同", "第", "之", "进", "合", "专", "万", "划", "单", "逐", "归", "不", "为", "周", "初", "再", "独", "如", "始",
        "终", "惟", "整", "齐",
    ]

    /// A marker glued to the text before it, accepted only where it continues its sequence.
    /// The scalars a glued marker can start with: `(`, digits, numerals, `第`, one-code-point numerals.
    private static let markerFirsts: ScalarSet = {
        var set = ChineseNumber.digitsAndNumerals
        set.insert("(")
        set.insert("第")
        for value in Array(0x2474...0x249B) + Array(0x3220...0x3229) { if let scalar = Unicode.Scalar(value) { set.insert(scalar) } }
        return set
    }()

    private static func gluedMarker(_ text: FoldedText, at i: Int, last: PerMarkerStyle<Int>) -> Marker? {
        // (The caller has tested `markerFirsts`: most scalars start no marker.)
        let first = text.folded[i]
        let previous = text.folded[i - 1]
        // `…及时汇总通报相关情况。第一阶段（8月至9月中旬）。以推进…`: an ordinal marker (第N阶段,
        // 第N部分, 第N章, 第N条) after a sentence end, continuing its sequence.
        if first == "第", sentenceEnds.contains(previous) || previous == " " {
            guard let (marker, _) = MarkerReader.read(Array(text.folded[i..<min(text.count, i + 10)])) else { return nil }
            let expected = (last[marker.style] ?? 0) + 1
            return marker.value == expected || (marker.value == 1 && last[marker.style] == nil) ? marker : nil
        }
        guard first == "(" || first.isASCIIDigit || ChineseNumber.isNumeral(first) || MarkerReader.singleScalarMarker(first) != nil
        else { return nil }
        // Inside a number (`12`, `二十`) or after `第` there is no marker.
        if previous.isASCIIDigit || ChineseNumber.isNumeral(previous) || previous == "第" || previous == "(" { return nil }
        // A Chinese numeral makes a marker only with 、 or . after at most four numerals (what
        // `MarkerReader` checks first): 一是, 统一 and 进一步 are passed without reading.
        if ChineseNumber.isNumeral(first) {
            var end = i
            while end < text.count, end - i < 4, ChineseNumber.isNumeral(text.folded[end]) { end += 1 }
            guard end < text.count, text.folded[end] == "、" || text.folded[end] == "." else { return nil }
        }
        guard let (marker, _) = MarkerReader.read(Array(text.folded[i..<min(text.count, i + 8)])) else { return nil }
        switch marker.style {
        case .chineseComma, .chineseParen, .arabicDot, .arabicParen:
            let expected = (last[marker.style] ?? 0) + 1
            let afterSentence = sentenceEnds.contains(previous)
            // `一、` that ends a word inside a sentence is no marker (`思想统一、行动统一`,
            // `合二为一、统筹推进`, DOMAIN.md §5); glued to a cell or a heading (`…单位一、紧扣…`)
            // it is one.
            if marker.style == .chineseComma, !afterSentence, numeralWordHeads.contains(previous) { return nil }
            // A restart at 1 is accepted after a sentence end, or for a style not yet seen.
            let isRestart = marker.value == 1 && (afterSentence || last[marker.style] == nil || previous.isHan)
            return marker.value == expected || isRestart ? marker : nil
        default:
            return nil
        }
    }
}
