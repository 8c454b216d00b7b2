/// The schedule a section or stage heading prints for itself, in brackets:
/// `清理调查阶段（2015年7月）`, `整改落实（2021年6月底前完成）`, `第一阶段（8月至9月中旬）`.
///
/// Such a span is that section's schedule (DOMAIN.md §5, GOLD.md): a section with no numbered
/// items of its own is a task due at the end of its span, and the span is never copied onto
/// the items under it (the item reader only asks for a leaf's own heading).
enum HeadingSchedule {
    /// What every schedule holds one of: a digit, or a word of a date (年 月 日 季 旬 春 …).
    private static let timeScalars: ScalarSet = {
        var set = ChineseNumber.digitsAndNumerals
        for scalar in "年月日季旬底春节秋旦庆".unicodeScalars { set.insert(scalar) }
        return set
    }()

    /// Longest bracket content read as a schedule.
    static let maximumLength = 30
    /// Words a schedule may hold besides its time points.
    private static let fillers = ["完成", "期间", "之间", "左右", "以前", "之前", "前", "份"].map(pattern)
    /// The scanner's range marks (doubled dashes and `―` among them), and list marks.
    private static let separators: ScalarSet = {
        var set = TimePointScanner.rangeSeparators
        for scalar in "、, ".unicodeScalars { set.insert(scalar) }
        return set
    }()

    /// The deadline a heading's bracketed schedule states, with the bracket's content as `raw`.
    ///
    /// - Parameter title: The heading (a section's first sentence).
    static func read(_ title: String, workYear: Int?) -> Deadline? {
        // A schedule is in brackets and names a time: a heading without both is passed without
        // folding it.
        guard title.utf8Contains("(") || title.utf8Contains("（"),
            title.unicodeScalars.contains(where: { timeScalars.contains(FoldedText.fold($0)) })
        else { return nil }
        let folded = FoldedText(title)
        let scalars = folded.folded
        var index = 0
        while index < scalars.count {
            // `《…规划（2018—2035年）》`: a bracket inside a document's title is part of the title.
            if scalars[index] == "《", let close = TimePointScanner.titleEnd(scalars, from: index) {
                index = close + 1
                continue
            }
            // (The close is looked for only as far as a schedule can reach: a line of unclosed
            // brackets is read in linear time.)
            guard scalars[index] == "(",
                let close = scalars.firstOffset(of: [")"], from: index + 1, before: min(scalars.count, index + maximumLength + 2))
            else {
                index += 1
                continue
            }
            let content = (index + 1)..<close
            if isSchedule(scalars, content, workYear: workYear),
                let deadline = DeadlineParser.parse(folded.original(content), workYear: workYear),
                deadline.kind == .date || deadline.kind == .milestones, deadline.due != nil
            {
                return deadline
            }
            index = close + 1
        }
        return nil
    }

    /// Whether a bracket holds nothing but time points, range separators and schedule words.
    private static func isSchedule(_ scalars: [Unicode.Scalar], _ range: Range<Int>, workYear: Int?) -> Bool {
        let content = Array(scalars[range])
        let points = TimePointScanner(content, workYear: workYear).scan()
        guard !points.isEmpty else { return false }
        var covered = [Bool](repeating: false, count: content.count)
        for point in points {
            for offset in point.range where offset < covered.count { covered[offset] = true }
        }
        var offset = 0
        while offset < content.count {
            if covered[offset] || separators.contains(content[offset]) {
                offset += 1
                continue
            }
            guard let filler = fillers.first(where: { content.matches($0, at: offset) }) else { return false }
            offset += filler.count
        }
        return true
    }

    /// Longest stage name before an opening span (`设区市之间交叉检查阶段`).
    static let maximumStageNameLength = 20

    /// The span a stage prints at the head of its body, before its action:
    /// `普查阶段 4月15日—22日，由区农村发展局牵头…`, `审批定兵阶段：2018年8月20日至8月31日，…`.
    ///
    /// In running text a span is a window (a benefit or policy period, GOLD.md) and no deadline;
    /// opening a stage — right after a short name ending in 阶段 — it is the stage's schedule,
    /// due at its end. Single dates there are read by the prose reader as steps already.
    ///
    /// - Returns: The span as a step (`raw` the span as printed), and where it ends in `text`.
    static func openingSpan(_ text: FoldedText, workYear: Int?) -> (deadline: Deadline, end: Int)? {
        let scalars = text.folded
        guard let stage = scalars.firstOffset(of: stageWord, before: min(scalars.count, maximumStageNameLength + 2)) else {
            return nil
        }
        var start = stage + stageWord.count
        while start < scalars.count, scalars[start] == " " || scalars[start] == ":" || scalars[start] == "\n" { start += 1 }
        var end = start
        while end < scalars.count, ![",", "。", ";", "\n"].contains(scalars[end]) { end += 1 }
        guard end > start else { return nil }
        let clause = Array(scalars[start..<end])
        let points = TimePointScanner(clause, workYear: workYear).scan()
        // A span: two points, the first its start, or one point that is a range of days
        // (`4月15日—22日`); nothing else in the clause before them.
        guard let last = points.last, points.first?.range.lowerBound == 0, let due = last.due,
            last.isWindowEnd || (points.count == 1 && last.range.contains { Self.separators.contains(clause[$0]) })
        else { return nil }
        let range = start..<(start + last.range.upperBound)
        return (Deadline(raw: text.original(range), kind: .date, due: due), range.upperBound)
    }

    private static let stageWord = pattern("阶段")
}
