/// Rejoins the sentences a text save broke into lines.
///
/// Crawlers that save a page's text node by node put a line break at every inline element:
/// a date printed in spans becomes five lines, a marker its own line, a field label one line
/// and its value the next:
///
/// ```
/// 2015              →  2015年7月28日
/// 年
/// 7                    1.进入他人矿区采矿；
/// 月                   完成时限：10月10日前
/// 28
/// 日
/// 1.
/// 进入他人矿区采矿；
/// 完成时限：
/// 10月10日前
/// ```
///
/// A break is joined only on evidence that it cannot end a paragraph: the next line opens with
/// punctuation no paragraph starts with (`，` `。` `）` `．`), the line ends with punctuation no
/// paragraph ends with (`、` `，` `（`), the line is only a marker or only a field label, or a
/// number is split from its measure word (`12` / `个`). A document in which such breaks are
/// common is a fragmented save; there, short unpunctuated lines between sentence pieces
/// (`中心城区`, `同步`) are rejoined with the prose they belong to, and prose lines that do not
/// end a sentence run on into the next. Blank lines and tab-separated rows are hard breaks:
/// one-cell-per-line tables are separated by them and are never joined.
enum SoftBreakJoiner {
    struct Line: Equatable {
        var text: String
        var number: Int
        /// Leading white space of the first printed line (for right-aligned signatures).
        var indent: Int
    }

    /// Evident joins in a document from which it counts as a fragmented save.
    static let fragmentedMinimumJoins = 3
    /// …and the share of its lines they must reach.
    static let fragmentedMinimumShare = 0.05
    /// Longest line that counts as a bare fragment (`中心城区`, `同步`, `智能化停车泊位的建设`).
    static let bareMaximumLength = 25
    /// Most bare fragments joined in one run; longer runs are lists or one-cell-per-line tables.
    static let bareMaximumRun = 5

    /// Joins the soft breaks of a document given as runs of adjacent lines (the runs are
    /// separated by blank lines or table rows and never joined to each other).
    static func join(_ runs: [[Line]]) -> [[Line]] {
        var joins = 0
        var result = runs.map { joinEvident($0, joins: &joins) }
        let lineCount = runs.reduce(0) { $0 + $1.count }
        let fragmented =
            joins >= fragmentedMinimumJoins && Double(joins) >= fragmentedMinimumShare * Double(max(lineCount, 1))
        if fragmented { result = result.map(joinFragments) }
        return result
    }

    // MARK: - Evident breaks

    /// What no paragraph starts with (folded: `，` is `,`, `）` is `)`, `．` is `.`).
    private static let neverStarts: ScalarSet = [
        ",", "。", "、", ";", ":", "!", "?", ")", "》", "」", "』", "】", "〕", "]", "”", "’", ".", "%",
    ]
    /// What no paragraph ends with.
    private static let neverEnds: ScalarSet = ["(", "“", "‘", "《", "「", "『", "【", "〔", "[", "、", ","]
    /// Prepositions a save may leave alone on a line, cut from the time, place or object they
    /// govern (`对` / `2011年1月1日以来…`, `截至` / `6月30日`).
    private static let prepositions: Set = [
        "对", "于", "自", "从", "在", "至", "到", "由", "向", "与", "把", "将", "按", "按照", "根据", "依据", "经", "截至", "截止",
        "截止到", "自从", "对于", "关于", "为",
    ]
    private static let prepositionEnds = ScalarSet(prepositions.compactMap(\.unicodeScalars.last))
    /// What a number is followed by inside a sentence (`12个`, `2015年`, `100%`).
    /// (Words a task cell may open with — 人才, 家庭, 分类, 公开 — are left out: after a row
    /// number they start the task, not a quantity.)
    private static let measureWords: ScalarSet = [
        "年", "月", "日", "号", "个", "项", "万", "亿", "元", "%", "时", "点", "天", "周", "次", "名", "户", "辆", "亩", "批",
        "倍", "岁", "届", "件", "台", "套", "室", "楼", "层", "幢", "栋",
    ]

    private static func joinEvident(_ lines: [Line], joins: inout Int) -> [Line] {
        var result: [Line] = []
        for (index, line) in lines.enumerated() {
            guard let last = result.last else {
                result.append(line)
                continue
            }
            let next = index + 1 < lines.count ? lines[index + 1].text : nil
            if isEvidentBreak(last.text, line.text, following: next) {
                // (Appended in place: a copy of the line would be copied whole on every join.)
                result[result.count - 1].text += line.text
                joins += 1
            } else {
                result.append(line)
            }
        }
        return result
    }

    static func isEvidentBreak(_ previous: String, _ line: String, following: String?) -> Bool {
        guard let first = firstScalar(line), let last = lastScalar(previous) else { return false }
        // The cheap tests on the two scalars at the break come first; the costlier checks of
        // whole lines run only where a rule would join.
        if neverStarts.contains(first) { return !isSaveHeaderField(previous) && !isSaveHeaderField(line) }
        if neverEnds.contains(last) {
            // `…，` before a numbered line is a list the save ran together, still a break.
            guard last == "(" || last == "“" || last == "《" || MarkerReader.readStart(of: line) == nil else { return false }
            return !isSaveHeaderField(previous) && !isSaveHeaderField(line)
        }
        let joins: Bool
        if prepositionEnds.contains(last), previous.utf8.count <= 24, prepositions.contains(previous.trimmedText) {
            // `对` / `2011年1月1日` / `以来…`: a preposition alone on its line ends no paragraph;
            // its object is on the next line.
            joins = true
        } else if last == ":" {
            // `完成时限：` / `10月10日前`: a field label alone on its line takes the next line as value.
            joins = isLabelOnly(previous)
        } else if first.isASCIIDigit, last == "年" || last == "月", previousEndsWithNumberAndUnit(previous) {
            // `2015年` / `7`: a date goes on.
            joins = true
        } else if measureWords.contains(first), last.isASCIIDigit {
            // Numbers split from what they count: `12` / `个`, `2015` / `年`.
            joins = true
        } else if first.isASCIIDigit, last.isHan, !UnitVocabulary.endsLikeUnitName(last) {
            // `为期` / `4` / `个月`; `排查率达` / `100%`: the number must be counted by the next
            // word, and only after a piece of prose (a row number follows a unit or deadline cell).
            let counted: Bool
            if let after = scalarAfterDigits(line) {
                counted = measureWords.contains(after)
            } else if let following, let next = firstScalar(following) {
                counted = measureWords.contains(next)
            } else {
                counted = false
            }
            joins = counted && (previous.scalarCount > 12 || isProse(previous))
        } else if last == "日", previous.utf8.count <= 48, isDateAfterPreposition(previous) {
            // `对2011年1月1日` / `以来…`, `截至2023年6月30日` / `，…`: a date a preposition
            // governs is part of a sentence, not a line of its own.
            joins = true
        } else {
            // `1.` / `进入他人矿区采矿；`, `三、` / `整治范围`, `附件` / `1`.
            joins =
                mayEndMarker(last) && isMarkerOnly(previous)
                || last == "件" && previous.trimmedText == "附件" && isDigitsOnly(line)
        }
        guard joins else { return false }
        if MarkerReader.readStart(of: line) != nil || LabelledClauseReader.startsWithLabel(line) { return false }
        return !isSaveHeaderField(previous) && !isSaveHeaderField(line)
    }

    /// `对2011年1月1日`, `自2020年3月1日`: a preposition and the date it governs, nothing else.
    private static func isDateAfterPreposition(_ text: String) -> Bool {
        let scalars = Array(text.trimmedText.unicodeScalars)
        for length in 1...3 where length < scalars.count {
            guard prepositions.contains(String(String.UnicodeScalarView(scalars[0..<length]))) else { continue }
            if let found = DateReader.readDate(scalars, at: length), found.range.upperBound == scalars.count { return true }
        }
        return false
    }

    /// What a marker alone on its line ends with: `、` `.` `)` (folded), or the numeral itself.
    private static func mayEndMarker(_ last: Unicode.Scalar) -> Bool {
        last == "、" || last == "." || last == ")" || last.isASCIIDigit || ChineseNumber.isNumeral(last) || last == "条"
            || last == "段" || (0x2460...0x249B).contains(last.value)
    }

    // MARK: - Fragmented saves

    /// What ends a sentence, so that the next line starts a new one.
    private static let sentenceEnds: ScalarSet = ["。", ";", ":", "!", "?"]
    /// Punctuation inside a sentence: a line with one is prose, not a bare fragment.
    private static let sentencePunctuation: ScalarSet = [",", "。", ";", ":", "、", "!", "?"]

    private static func joinFragments(_ lines: [Line]) -> [Line] {
        // Each line's facts once (a run of bare lines is looked at from every line in it).
        let bare = lines.map { isBare($0.text) }
        var prose: [Bool?] = Array(repeating: nil, count: lines.count)
        func isProseLine(_ index: Int) -> Bool {
            if let known = prose[index] { return known }
            let value = isProse(lines[index].text)
            prose[index] = value
            return value
        }
        var result: [Line] = []
        // Whether the last line of `result` is prose that stops mid-sentence (kept as lines are
        // joined to it, so that a long paragraph is never scanned again).
        var lastContinues = false
        func endsOpen(_ text: String) -> Bool { lastScalar(text).map { !sentenceEnds.contains($0) } ?? false }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if bare[index] {
                var end = index
                while end < lines.count, end - index <= bareMaximumRun, bare[end] { end += 1 }
                // (Not a unit cell before the next unit cell: `市民政局` / `市住建局，各县政府`.)
                if end - index <= bareMaximumRun, end < lines.count, isProseLine(end),
                    !isUnitCellBoundary(lines[end - 1].text, lines[end].text)
                {
                    var merged = line
                    merged.text = lines[index...end].map(\.text).joined()
                    if lastContinues {
                        result[result.count - 1].text += merged.text
                    } else {
                        result.append(merged)
                    }
                    lastContinues = endsOpen(lines[end].text)
                    index = end + 1
                    continue
                }
            }
            if lastContinues, isProseLine(index), let last = result.last, !isUnitCellBoundary(last.text, line.text) {
                result[result.count - 1].text += line.text
                lastContinues = endsOpen(line.text)
            } else {
                result.append(line)
                lastContinues = endsOpen(line.text) && isProseLine(index)
            }
            index += 1
        }
        return result
    }

    /// A line ending with a unit's name before a line opening with one: two cells of a unit
    /// column (`…平潭综合实验区管委会` / `市监察局牵头，…`), not a broken sentence.
    private static func isUnitCellBoundary(_ previous: String, _ line: String) -> Bool {
        guard let last = lastScalar(previous), UnitVocabulary.endsLikeUnitName(last) else { return false }
        let (head, _) = FoldedText.prefix(of: line, maximumScalars: 4)
        return UnitVocabulary.startsLikeUnit(head.folded, 0..<head.count)
    }

    /// A piece of a sentence with its punctuation: not a numbered line or a field label.
    private static func isProse(_ text: String) -> Bool {
        guard text.unicodeScalars.contains(where: { sentencePunctuation.contains(FoldedText.fold($0)) }) else { return false }
        return MarkerReader.readStart(of: text) == nil && !LabelledClauseReader.startsWithLabel(text)
            && !isSaveHeaderField(text) && !AttachmentHeading.opensAttachment(text)
    }

    /// A short line without punctuation that is no heading, title, date or number of its own.
    private static func isBare(_ text: String) -> Bool {
        // A scalar is at most four bytes: a longer line is no fragment (told without folding it).
        guard text.utf8.count <= 4 * bareMaximumLength + 16 else { return false }
        var mayHoldTime = false
        for scalar in text.unicodeScalars {
            let folded = FoldedText.fold(scalar)
            if sentencePunctuation.contains(folded) { return false }
            if !mayHoldTime, folded.isASCIIDigit || timeScalars.contains(folded) { mayHoldTime = true }
        }
        let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: bareMaximumLength)
        guard isWhole, !key.isEmpty else { return false }
        if isDigitsOnly(key) || MarkerReader.readStart(of: key) != nil || TitleRules.endsLikeTitle(key) { return false }
        if AttachmentHeading.opensAttachment(key) { return false }
        // Dates and deadlines printed on their own line are cells or signatures, not fragments.
        guard mayHoldTime else { return true }
        return DateReader.dateLine(compact: key) == nil && DeadlineParser.find(inProse: key, workYear: nil) == nil
    }

    /// Scalars without which a line holds no date or deadline (digits aside).
    private static let timeScalars: ScalarSet = ["年", "月", "日", "季", "底", "前", "内", "期", "旬", "〇", "○", "零"]

    // MARK: - Line facts

    private static func firstScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.lazy.map(FoldedText.fold).first { !$0.isFoldedSpace }
    }

    private static func lastScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.reversed().lazy.map(FoldedText.fold).first { !$0.isFoldedSpace }
    }

    private static func scalarAfterDigits(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.lazy.map(FoldedText.fold).first { !$0.isASCIIDigit && $0 != "." }
    }

    /// `…2015年`, `…7月`: a number and its date unit end the line.
    private static func previousEndsWithNumberAndUnit(_ text: String) -> Bool {
        let tail = text.unicodeScalars.suffix(2).map(FoldedText.fold)
        return tail.count == 2 && tail[0].isASCIIDigit
    }

    static func isDigitsOnly(_ text: String) -> Bool {
        var sawDigit = false
        for scalar in text.unicodeScalars.lazy.map(FoldedText.fold) where !scalar.isFoldedSpace {
            if scalar.isASCIIDigit {
                sawDigit = true
            } else if scalar != "." && scalar != "-" {
                return false
            }
        }
        return sawDigit
    }

    /// `1.`, `（三）`, `三、` with nothing after the marker.
    private static func isMarkerOnly(_ text: String) -> Bool {
        guard let (_, bodyStart) = MarkerReader.readStart(of: text) else { return false }
        return bodyStart >= text.scalarCount
    }

    /// `完成时限：`, `（牵头单位：`: a field label and its colon, nothing after.
    private static func isLabelOnly(_ text: String) -> Bool {
        var scalars = Array(text.compactFolded.unicodeScalars)
        if scalars.first == "(" { scalars.removeFirst() }
        guard let label = AssignmentVocabulary.label(at: 0, in: scalars) else { return false }
        return label.valueStart == scalars.count
    }

    /// `标题: …`, `发布时间: …`, `正文:`: the header lines of a saved page are never joined.
    private static func isSaveHeaderField(_ text: String) -> Bool {
        // A header key is at most six characters before its colon (`:` or `：`, EF BC 9A): the
        // first 27 bytes hold it.
        var sawColon = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8.prefix(27) {
            if byte == 0x3A || (previous == (0xEF, 0xBC) && byte == 0x9A) {
                sawColon = true
                break
            }
            previous = (previous.1, byte)
        }
        guard sawColon else { return false }
        let (head, _) = FoldedText.prefix(of: text, maximumScalars: 8)
        guard let colon = head.folded.firstOffset(of: [":"], before: 8) else { return false }
        let key = head.original(0..<colon).compactFolded
        return DisclosureKeys.all.contains(key) || SavedHeader.pageKeys.contains(key)
    }
}
