/// Normalises a deadline (时限) to a kind and a due date.
///
/// The parser reads time points off the folded scalars in one pass — years, months, days,
/// `底`/`末`/`中旬`, halves and quarters, `到2025年`, `“十三五”期间` — then decides the kind
/// from the words around them (DOMAIN.md §4, GOLD.md "Kinds"). Relative points (`9月底前`) take
/// the document's work year.
///
/// ```
/// parse("9月底前", workYear: 2017)          -> date 2017-09-30
/// parse("年中督查,年底考核", workYear: 2017) -> milestones 2017-12-31 (年中督查 06-30, 年底考核 12-31)
/// parse("2个工作日内", workYear: 2017)       -> within, no due
/// ```
public enum DeadlineParser {
    /// Parses a whole deadline field or column cell.
    ///
    /// - Parameters:
    ///   - raw: The printed text of the field.
    ///   - workYear: The year relative dates belong to; nil leaves relative dates without a due.
    /// - Returns: A deadline whose `raw` is the printed text, or nil for an empty field.
    public static func parse(_ raw: String, workYear: Int?) -> Deadline? {
        let text = raw.trimmedText
        guard !text.isEmpty else { return nil }
        let folded = FoldedText(text)
        let points = TimePointScanner(folded.folded, workYear: workYear).scan()
        let kind = classify(folded.folded, points: points)
        switch kind {
        case .date?:
            let raw = timeExpressions(folded, points: points) ?? text
            return Deadline(raw: raw, kind: .date, due: points.filter(\.isStep).compactMap(\.due).max())
        case .milestones?:
            let steps = milestones(folded, points: points)
            let raw = containsAny(folded.folded, ongoingWords) ? text : timeExpressions(folded, points: points) ?? text
            return Deadline(raw: raw, kind: .milestones, due: steps.compactMap(\.due).max(), milestones: steps)
        case .yearRound?:
            let due = workYear.flatMap { CalendarDate(year: $0, month: 12, day: 31) }
            return Deadline(raw: text, kind: .yearRound, due: due)
        case let other:
            return Deadline(raw: text, kind: other, due: nil)
        }
    }

    /// Finds the deadline stated in running text: a dated point that says by when the main
    /// action is due (`9月底前`, `2023年12月31日前`, `上半年`, `年底前`), not a start date, a
    /// policy window or a manner word (`及时`, `定期` are never deadlines in prose).
    ///
    /// - Returns: The deadline with `raw` holding only the time expression, or nil.
    /// - Parameter notBefore: The day the notice was signed (or published): a dated point before
    ///   it reports a fact (`到2015年底，全县共有…`), it cannot be a deadline.
    public static func find(inProse text: String, workYear: Int?, notBefore: CalendarDate? = nil) -> Deadline? {
        find(inProse: FoldedText(text), workYear: workYear, notBefore: notBefore)
    }

    /// `find(inProse:workYear:notBefore:)` for text a reader has already folded.
    public static func find(inProse folded: FoldedText, workYear: Int?, notBefore: CalendarDate? = nil) -> Deadline? {
        let steps = TimePointScanner(folded.folded, workYear: workYear).scan().filter { point in
            guard point.isStep, !point.isWindowEnd, !point.isYearRound else { return false }
            // `7月底前` stays a deadline in a notice signed in August; a target or a schedule
            // before the signing date is a fact.
            if let notBefore, let due = point.due, due < notBefore, !point.endsInBefore { return false }
            return true
        }
        // Only an explicit due point (`…前`, `到2020年`, `年底完成`) makes a deadline; once there
        // is one, the item's other dated steps belong to it (`2019年6月底前…2020年12月底前`).
        guard steps.contains(where: \.isExplicit) else {
            // A time of day on every day (`每日8点前报送`, `于当日8:00前布置到位`) is a daily
            // deadline: recurring.
            if let daily = findDailyClock(folded) { return daily }
            // A duration (`30日内`, `3个工作日内`) is the item's time limit when no date is; one
            // followed by the action it limits wins over one that states a condition
            // (`一年内发生一起…事故的` is when something happens, `30个工作日内办结` a deadline).
            // (Only a duration ending in 内 counts: without one in the text there is none.)
            guard folded.folded.contains("内") else { return nil }
            let durations = WithinScanner.findAll(folded.folded).filter { folded.folded.matches(["内"], at: $0.upperBound - 1) }
            let limiting = durations.first { range in
                // The action follows within a short phrase (`30个工作日内，向市政府作出…`).
                let window = range.upperBound..<min(folded.count, range.upperBound + actionWindow)
                return window.contains { offset in actionWords.contains { folded.folded.matches($0, at: offset) } }
            }
            if let range = limiting ?? durations.first {
                return Deadline(raw: folded.original(range), kind: .within, due: nil)
            }
            return nil
        }
        let dated = steps.filter { $0.isExplicit || $0.hasDay || $0.isPlanPeriod }
        // The same phrase printed again and again is one step (`12月份前…12月份前`).
        if Set(dated.map { folded.original($0.range).compactFolded }).count == 1, let only = dated.first {
            return Deadline(raw: folded.original(only.range), kind: .date, due: only.due)
        }
        let milestones = dated.map { Deadline.Milestone(label: folded.original($0.range), raw: folded.original($0.range), due: $0.due) }
        // Points printed as one list (`2016年、2017年、2018年`) keep their separator; other
        // steps are joined with `…`.
        var raw = ""
        for (index, point) in dated.enumerated() {
            if index > 0 {
                let gap = dated[index - 1].range.upperBound..<point.range.lowerBound
                let isList = gap.count == 1 && ["、", "和", "及"].contains(folded.folded[gap.lowerBound])
                raw += isList ? folded.original(gap) : "…"
            }
            raw += folded.original(point.range)
        }
        return Deadline(raw: raw, kind: .milestones, due: dated.compactMap(\.due).max(), milestones: milestones)
    }

    /// `每日早上8点前…晚上8点前`, `当日8:00前`: times of day, due before, on a day word that
    /// means every day of the work (每日, 每天, 当日, 当天). The raw text runs from the day word
    /// to each time.
    static func findDailyClock(_ folded: FoldedText) -> Deadline? {
        let scalars = folded.folded
        // Every clock deadline ends in 前 after 点/时/整/半 or the digits of `:MM`: most texts
        // have none (told in one pass before any day word is looked for).
        var hasClock = false
        for index in 1..<max(1, scalars.count) where scalars[index] == "前" {
            let before = scalars[index - 1]
            if before == "点" || before == "时" || before == "整" || before == "半" || before.isASCIIDigit {
                hasClock = true
                break
            }
        }
        guard hasClock, let day = dayWords.compactMap({ scalars.firstOffset(of: $0) }).min() else { return nil }
        var times: [Range<Int>] = []
        var index = day
        while index < scalars.count {
            guard scalars[index].isASCIIDigit, index == 0 || !scalars[index - 1].isASCIIDigit else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, end - index < 2, scalars[end].isASCIIDigit { end += 1 }
            guard let hour = Int(String(String.UnicodeScalarView(scalars[index..<end]))), hour <= 24, end < scalars.count else {
                index = end
                continue
            }
            var after = end
            if scalars[after] == ":", after + 2 < scalars.count, scalars[after + 1].isASCIIDigit, scalars[after + 2].isASCIIDigit {
                after += 3
            } else if scalars[after] == "点" || scalars[after] == "时" {
                after += 1
                if after < scalars.count, scalars[after] == "整" || scalars[after] == "半" { after += 1 }
            } else {
                index = end
                continue
            }
            if after < scalars.count, scalars[after] == "前" {
                // The part of the day stays with its time: `早上8点前` and `晚上8点前` differ.
                let part = index >= 2 && dayParts.contains(String(String.UnicodeScalarView(scalars[(index - 2)..<index])))
                times.append((part ? index - 2 : index)..<(after + 1))
            }
            index = after
        }
        guard let first = times.first else { return nil }
        // The day word belongs to the first time when it stands just before it (`每日早上8点前`).
        let start = first.lowerBound - day <= 4 ? day : first.lowerBound
        var raw = folded.original(start..<first.upperBound)
        var stated: Set = [folded.original(first)]
        for time in times.dropFirst() where stated.insert(folded.original(time)).inserted {
            raw += "…" + folded.original(time)
        }
        return Deadline(raw: raw, kind: .recurring, due: nil)
    }

    private static let dayWords = ["每日", "每天", "当日", "当天"].map(pattern)
    private static let dayParts: Set = ["早上", "上午", "中午", "下午", "晚上", "傍晚", "凌晨"]

    /// Finds the period of an item that is itself a repeated activity: a sentence that opens
    /// with `每日`/`每月`/`每季度`/`每年` and a verb (`每日发布疫情防控情况`). Only for items
    /// that are tasks already: a cadence never makes a task by itself.
    public static func findRecurrence(inProse text: String) -> Deadline? {
        findRecurrence(inProse: FoldedText(text))
    }

    /// `findRecurrence(inProse:)` for text a reader has already folded.
    public static func findRecurrence(inProse folded: FoldedText) -> Deadline? {
        let scalars = folded.folded
        // Every cadence starts with 每: one pass tells most items have none.
        guard scalars.contains("每") else { return nil }
        var found: [(at: Int, raw: String)] = []
        for period in recurrencePeriods {
            var from = 0
            while let at = scalars.firstOffset(of: period, from: from) {
                from = at + 1
                // A cadence opens a sentence or clause, or follows a start (`自2016年下半年起每季度…`).
                let opensClause = at == 0 || ["。", ";", "\n", ",", ":", "起"].contains(scalars[at - 1])
                // Or a unit does it: `公安部门每月通报…`.
                let afterSubject = at >= 2 && UnitVocabulary.endsWithUnitSuffix(scalars, max(0, at - 8)..<at)
                // Once the item has a cadence, its other cadences count wherever they stand
                // (`…每月逢六、逢九，高速公路每月逢五、逢十组织开展…`).
                let repeatsOne = found.contains {
                    $0.raw.unicodeScalars.starts(with: folded.original(at..<(at + period.count)).unicodeScalars)
                }
                guard opensClause || afterSubject || repeatsOne else { continue }
                var after = at + period.count
                // `每年建立2个以上` is a quantity per year, not a cadence: a number follows the verb.
                guard after < scalars.count, scalars[after].isHan, !ChineseNumber.isNumeral(scalars[after]) else { continue }
                // The days of the period belong to it: `每月逢六、逢九`.
                while after + 1 < scalars.count, scalars[after] == "逢",
                    ChineseNumber.isNumeral(scalars[after + 1]) || scalars[after + 1].isASCIIDigit
                {
                    var end = after + 1
                    while end < scalars.count, ChineseNumber.isNumeral(scalars[end]) || scalars[end].isASCIIDigit { end += 1 }
                    after = end
                    if after + 1 < scalars.count, scalars[after] == "、", scalars[after + 1] == "逢" { after += 1 }
                }
                let raw = folded.original(at..<after)
                if !found.contains(where: { $0.raw == raw }) { found.append((at, raw)) }
            }
        }
        guard !found.isEmpty else { return nil }
        // Several cadences (`每月…每季度`) are one recurring deadline, in printed order.
        let raw = found.sorted { $0.at < $1.at }.map(\.raw).joined(separator: "…")
        return Deadline(raw: raw, kind: .recurring, due: nil)
    }

    /// Actions a duration limits: `…日内办结`, `…小时内上报`.
    private static let actionWords = [
        "完成", "作出", "办结", "答复", "报送", "上报", "提交", "反馈", "整改", "公开", "公布", "发布", "处理", "举行", "召开", "回应", "核实",
    ].map(pattern)
    /// How far after a duration its action may be printed (`…内，向市政府作出`).
    private static let actionWindow = 12

    /// Cadences; all start with 每 (`findRecurrence` relies on it).
    private static let recurrencePeriods = ["每季度", "每半年", "每日", "每天", "每周", "每月", "每旬"].map(pattern)

    // MARK: - Private API

    private static let recurringWords = ["每年", "每季", "每月", "每周", "每日", "每天", "每半年", "每旬", "按月", "按季", "按年", "逢"]
        .map(pattern)
    /// Words of a deadline field that say the work goes on (DOMAIN.md §4 `持续推进`): `贯穿全过程`,
    /// `按序时推进`, `常年`, `全程`.
    private static let ongoingWords = [
        "持续", "长期", "常态", "长效", "即日起", "坚持", "不断", "逐步", "贯穿", "全过程", "全程", "序时", "按进度", "常年",
        "长年", "久久为功",
    ].map(pattern)
    private static let asNeededWords = ["适时", "及时", "按要求", "根据需要", "随时", "按需", "视情", "根据工作需要", "按照要求"]
        .map(pattern)
    private static let yearRound = pattern("全年")

    private static func containsAny(_ text: [Unicode.Scalar], _ words: [[Unicode.Scalar]]) -> Bool {
        words.contains { text.contains($0) }
    }

    private static func classify(_ text: [Unicode.Scalar], points: [TimePoint]) -> Deadline.Kind? {
        let recurring = containsAny(text, recurringWords)
        let dated = points.filter(\.isStep)
        if dated.isEmpty, let within = WithinScanner.find(text), !within.isEmpty {
            return .within
        }
        if recurring {
            return dated.isEmpty ? .recurring : .milestones
        }
        if dated.count >= 2 { return .milestones }
        if dated.count == 1 {
            if containsAny(text, ongoingWords) { return .milestones }
            return dated[0].isYearRound ? .yearRound : .date
        }
        if text.contains(yearRound) { return .yearRound }
        if containsAny(text, ongoingWords) { return .ongoing }
        if containsAny(text, asNeededWords) { return .asNeeded }
        return nil
    }

    private static let clauseSeparators: ScalarSet = [",", ";", "。", "、", "\n"]

    /// A field that runs on into prose (`1.3月20日～4月10日，主要督查前期工作落实情况`) keeps
    /// only its time expressions, joined with `…` (GOLD.md: `deadlineRaw` holds only time
    /// expressions, not a field's activity words). Nil for a field whose every clause has a
    /// time point or is short (`年中督查,年底考核`): it is printed as the deadline it is.
    private static func timeExpressions(_ folded: FoldedText, points: [TimePoint]) -> String? {
        let scalars = folded.folded
        guard !points.isEmpty, scalars.count > 12 else { return nil }
        var hasProse = false
        var start = 0
        while start < scalars.count, !hasProse {
            var end = start
            while end < scalars.count, !clauseSeparators.contains(scalars[end]) { end += 1 }
            if end - start >= 6, !points.contains(where: { $0.range.overlaps(start..<end) }) { hasProse = true }
            start = end + 1
        }
        guard hasProse else { return nil }
        // Points joined by a range mark (`3月20日～4月10日`, `2015年8月至9月`) are one span.
        var spans: [Range<Int>] = []
        for point in points.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = spans.last,
                point.range.lowerBound == last.upperBound
                    || TimePointScanner.separatorEnd(scalars, at: last.upperBound) == point.range.lowerBound
            {
                spans[spans.count - 1] = last.lowerBound..<max(last.upperBound, point.range.upperBound)
            } else {
                spans.append(point.range)
            }
        }
        return spans.map { folded.original($0) }.joined(separator: "…")
    }

    /// Labels each dated step with the words that go with it: `年中督查,年底考核` gives
    /// `年中督查` and `年底考核`; without such words the label is the time phrase.
    private static func milestones(_ text: FoldedText, points: [TimePoint]) -> [Deadline.Milestone] {
        return points.filter(\.isStep).map { point in
            var lower = point.range.lowerBound
            while lower > 0, !clauseSeparators.contains(text.folded[lower - 1]) { lower -= 1 }
            var upper = point.range.upperBound
            while upper < text.count, !clauseSeparators.contains(text.folded[upper]) { upper += 1 }
            let label = text.original(text.folded.trimmedRange(lower..<upper))
            return Deadline.Milestone(label: label, raw: text.original(point.range), due: point.due)
        }
    }
}

/// A period named in a deadline, with its end day.
struct TimePoint: Equatable {
    var range: Range<Int>
    var due: CalendarDate?
    /// `全年`.
    var isYearRound = false
    /// Part of a recurrence (`每年1月底前`): not a step of its own.
    var isInsideRecurrence = false
    /// A start date (`2020年起`, the first date of a window): not a step either.
    var isStart = false
    /// The end of a window (`…至12月31日`): a step in a deadline field, not in prose.
    var isWindowEnd = false
    /// Names a month.
    var hasMonth = false
    /// A bare year (`2017年`), nothing finer.
    var isYearOnly = false
    /// Ends in `前` (`9月底前`).
    var endsInBefore = false
    /// Names a day: precise enough to be a step even without `前` (`9月10日…11月21日`).
    var hasDay = false
    /// `“十三五”期间`.
    var isPlanPeriod = false
    /// Says explicitly by when something is due (see `TimePointScanner.isExplicitDeadline`);
    /// in running text only such points are deadlines.
    var isExplicit = false
    /// Says by when something is due (`前`, `底`, `末`, a half or quarter, `年内`), as opposed to
    /// a bare year or month that may be a start date or a policy window.
    var isDueMarker = false

    /// A dated step of the deadline: neither part of a recurrence nor a start date.
    var isStep: Bool { !isInsideRecurrence && !isStart }
}
