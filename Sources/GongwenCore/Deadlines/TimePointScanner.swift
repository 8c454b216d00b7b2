/// Reads every time point of a deadline text, left to right, in one pass over folded scalars.
///
/// A point is a year (`2017年`, `二〇一七年`), a month (`9月`, `九月份`), a day (`30日`), with
/// modifiers (`底`, `末`, `上旬`, `中下旬`, `前`), a half or quarter (`上半年`, `三季度末`), a
/// relative year word (`年底`, `年内`, `年中`, `全年`), a five-year-plan period (`“十三五”期间`)
/// or a numeric date (`2017-09-30`, `2017.9.30`). Each point carries the last day of the
/// period it names.
struct TimePointScanner {
    private let text: [Unicode.Scalar]
    private let workYear: Int?
    /// The latest explicit year, which later month-only points inherit (`2023年12月中旬…1月底`).
    private var contextYear: Int?
    private var i = 0
    private var points: [TimePoint] = []

    init(_ text: [Unicode.Scalar], workYear: Int?) {
        self.text = text
        self.workYear = workYear
        self.contextYear = workYear
    }

    func scan() -> [TimePoint] {
        var scanner = self
        scanner.run()
        return scanner.points
    }

    // MARK: - Driver

    private mutating func run() {
        let starts = Self.startScalars
        while i < text.count {
            // `对照《2020年春节前小城建项目表》`: a date in a document's title is part of its name.
            if text[i] == "《", let close = Self.titleEnd(text, from: i) {
                i = close + 1
                continue
            }
            let start = i
            // Most scalars start no time point: skip them without trying every reader. (A
            // festival's first scalar is tried for a festival only.)
            let festival = Self.festivalFirsts.contains(text[i]) ? readFestival(year: nil, start: i) : nil
            guard festival != nil || starts.contains(text[i]) || at(i + 1) == "年" || at(i + 2) == "年" else {
                i += 1
                continue
            }
            if let point = festival ?? readPlanPeriod() ?? readNumericDate() ?? readYear() ?? readMonth() ?? readRelativeYear()
                ?? readQuarter(year: nil)
            {
                var point = point
                // (A relative year may have taken a word before it: `本年底`, `明年6月底`.)
                let start = point.range.lowerBound
                // `到2020年`, `力争到2020年`, `“十三五”期间`: the raw text keeps the target word.
                if isPrecededByTarget(start) {
                    if start >= 2, text.matches(Self.striveFor, at: start - 2) {
                        point.range = (start - 2)..<point.range.upperBound
                    } else {
                        point.range = (start - 1)..<point.range.upperBound
                        if start >= 3, text.matches(Self.striveFor, at: start - 3) { point.range = (start - 3)..<point.range.upperBound }
                    }
                }
                if point.isPlanPeriod, start > 0, text[start - 1] == "“" || text[start - 1] == "\"" {
                    point.range = (start - 1)..<point.range.upperBound
                }
                point.isInsideRecurrence = isPrecededByRecurrence(start)
                point.isStart = isFollowedByStart(point.range.upperBound)
                // `从2021年开始连续3年`: a span from a start year, due at the end of its last year.
                if point.isStart, let span = consecutiveYears(after: point.range.upperBound), let first = point.due?.year {
                    point = TimePoint(
                        range: point.range.lowerBound..<span.end, due: CalendarDate(year: first + span.years - 1, month: 12, day: 31),
                        isDueMarker: true)
                    point.isExplicit = true
                    i = span.end
                    points.append(point)
                    continue
                }
                point.isExplicit = isExplicitDeadline(point, start: start)
                // `2016年、2017年、2018年分别完成…`: a list of years is a schedule.
                if let previous = points.last, previous.isYearOnly, point.isYearOnly, start >= 1, text[start - 1] == "、",
                    previous.range.upperBound == start - 1
                {
                    point.isExplicit = true
                    points[points.count - 1].isExplicit = true
                }
                point.endsInBefore = text[point.range.upperBound - 1] == "前" || point.hasDay && text[point.range.upperBound - 1] == "内"
                // `2019年1月1日至12月31日`: a window, whose end is no deadline in prose.
                if let previous = points.last, start >= 1, previous.range.upperBound < start,
                    separatorEnd(at: previous.range.upperBound) == start
                {
                    point.isWindowEnd = true
                    points[points.count - 1].isStart = true
                }
                if isPrecededByTarget(start) { point.isDueMarker = true }
                points.append(point)
                if i <= start { i = start + 1 }
            } else {
                i = start + 1
            }
        }
    }

    // MARK: - Small readers

    /// The scalars a reader can start at: each begins with a digit or numeral (dates, years,
    /// months, quarters, `十三五`), `前`/`第` (`前三季度`, `第四季度`), or a word with 年 in its
    /// first three scalars (`今年`, `年底前`, `上半年`; the scan also looks two scalars ahead).
    private static let startScalars: ScalarSet = {
        var set = ChineseNumber.digitsAndNumerals
        for scalar in "前第年".unicodeScalars { set.insert(scalar) }
        return set
    }()

    private func at(_ offset: Int) -> Unicode.Scalar? { offset < text.count && offset >= 0 ? text[offset] : nil }

    private func isWord(_ word: [Unicode.Scalar], at offset: Int) -> Bool { text.matches(word, at: offset) }

    /// Reads 1–2 ASCII digits or a 1–3 scalar Chinese numeral at `offset`.
    private func readSmallNumber(at offset: Int) -> (value: Int, end: Int)? {
        var end = offset
        while end < text.count, end - offset < 2, text[end].isASCIIDigit { end += 1 }
        if end > offset, !(at(end)?.isASCIIDigit ?? false) {
            return ChineseNumber.arabic(of: text[offset..<end]).map { ($0, end) }
        }
        end = offset
        while end < text.count, end - offset < 3, ChineseNumber.isNumeral(text[end]) { end += 1 }
        guard end > offset, let value = ChineseNumber.value(of: text[offset..<end]) else { return nil }
        return (value, end)
    }

    /// What joins the two ends of a span (`3月20日～4月10日`, `2015-2020年`, `8月至9月`), in
    /// folded text (full-width `～` and `－` are `~` and `-` there).
    static let rangeSeparators: ScalarSet = ["-", "—", "–", "―", "~", "至", "到", "－"]

    /// Dashes, which are also printed doubled (`——`, and `――`: GBK's dash decoded as U+2015).
    static let dashes: ScalarSet = ["-", "—", "–", "―", "－"]

    /// Where the range mark at `offset` ends: one separator, or a doubled dash; nil for none.
    static func separatorEnd(_ text: [Unicode.Scalar], at offset: Int) -> Int? {
        guard offset < text.count, rangeSeparators.contains(text[offset]) else { return nil }
        if dashes.contains(text[offset]), offset + 1 < text.count, dashes.contains(text[offset + 1]) { return offset + 2 }
        return offset + 1
    }

    private func separatorEnd(at offset: Int) -> Int? { Self.separatorEnd(text, at: offset) }

    /// The `》` closing the title opened at `open`, within a title's length and before the
    /// sentence ends (an unclosed `《` is a stray mark, and the dates after it are read).
    static func titleEnd(_ text: [Unicode.Scalar], from open: Int) -> Int? {
        var offset = open + 1
        while offset < text.count, offset - open <= 120 {
            switch text[offset] {
            case "》": return offset
            case "《", "。", "\n": return nil
            default: offset += 1
            }
        }
        return nil
    }

    private func isNumberBoundary(_ offset: Int) -> Bool {
        guard let previous = at(offset - 1) else { return true }
        return !previous.isASCIIDigit && !ChineseNumber.isNumeral(previous)
    }

    /// Skips `前`, `之前`, `以前`, returning the new end and whether one was there.
    private func readBefore(at offset: Int) -> (end: Int, found: Bool) {
        if at(offset) == "前" { return (offset + 1, true) }
        if (at(offset) == "之" || at(offset) == "以"), at(offset + 1) == "前" { return (offset + 2, true) }
        return (offset, false)
    }

    /// `内` after a dated day says by when, as `前` does (`于6月30日内报送`), unless it opens a
    /// word of its own (`5月3日内蒙古…`, `内部`, `内容`).
    private func readWithinDay(at offset: Int) -> (end: Int, found: Bool) {
        guard at(offset) == "内" else { return (offset, false) }
        if let next = at(offset + 1), Self.innerWordSeconds.contains(next) { return (offset, false) }
        return (offset + 1, true)
    }

    /// Second characters of words that start with 内: places (内蒙古, 内江) and nouns (内部, 内容,
    /// 内设, 内外, 内地, 内陆, 内河, 内控, 内审, 内需, 内涵, 内务, 内网).
    private static let innerWordSeconds: ScalarSet = ["蒙", "江", "部", "容", "设", "外", "地", "陆", "河", "控", "审", "需", "涵", "务", "网"]

    private static let recurrencePrefixes = ["每年", "每月", "每季度", "每季", "每半年", "每周"].map(pattern)
    private static let targetPrefixes: ScalarSet = ["到", "至"]

    private func isPrecededByRecurrence(_ start: Int) -> Bool {
        Self.recurrencePrefixes.contains { text.matches($0, at: start - $0.count) }
            || (start > 0 && text[start - 1] == "每")
    }

    private static let startWords = ["起", "开始", "以来", "始"].map(pattern)

    /// `开始连续3年` / `起连续三年` after a start year: the number of years and where it ends.
    private func consecutiveYears(after end: Int) -> (years: Int, end: Int)? {
        var cursor = end
        for word in Self.startWords where text.matches(word, at: cursor) {
            cursor += word.count
            break
        }
        guard text.matches(Self.consecutive, at: cursor) else { return nil }
        cursor += Self.consecutive.count
        guard let (years, afterNumber) = readSmallNumber(at: cursor), years > 0, years <= 50, at(afterNumber) == "年" else {
            return nil
        }
        return (years, afterNumber + 1)
    }

    private static let consecutive = pattern("连续")
    // Word tables, compiled once.
    private static let planWords = ["期间", "时期", "末", "规划期"].map(pattern)
    private static let yearSuffixes: [([Unicode.Scalar], Int, Int)] = [
        ("底", 12, 31), ("末", 12, 31), ("上半年", 6, 30), ("下半年", 12, 31), ("年中", 6, 30), ("中", 6, 30),
    ].map { (pattern($0.0), $0.1, $0.2) }
    private static let monthModifiers: [([Unicode.Scalar], Int?)] = [
        ("中下旬", nil), ("下旬", nil), ("底", nil), ("末", nil), ("中旬", 20), ("上旬", 10), ("初", 10),
    ].map { (pattern($0.0), $0.1) }
    private static let relativeYearWords: [([Unicode.Scalar], Int, Int, Bool)] = [
        ("全年", 12, 31, true), ("上半年", 6, 30, false), ("下半年", 12, 31, false), ("年底", 12, 31, false),
        ("年末", 12, 31, false), ("年内", 12, 31, false), ("年中", 6, 30, false), ("当年", 12, 31, false),
    ].map { (pattern($0.0), $0.1, $0.2, $0.3) }
    private static let thisYear: ScalarSet = ["本", "今", "当"]
    private static let nextYear: ScalarSet = ["明", "次"]
    private static let clauseOpeners: ScalarSet = ["。", ",", ";", ":", "\n", "、"]
    private static let clauseTimeWords = ["年内", "上半年", "下半年"].map(pattern)
    /// Headings a schedule is printed right after, colon or not (`时间安排2023年12月中下旬开展考核`).
    private static let scheduleLabels = ["时间安排", "进度安排", "完成时间", "时间节点", "时间", "时限"].map(pattern)

    private func followsScheduleLabel(_ start: Int) -> Bool {
        Self.scheduleLabels.contains { text.matches($0, at: start - $0.count) }
    }
    /// What a schedule's date is followed by: the action it times (`开展`, `提交`), or `之间`.
    /// A holiday (`4月5日放假`) or a fact (`年末全市常住人口`) is followed by neither.
    private static let scheduleWords = [
        "开展", "完成", "提交", "报送", "上报", "组织", "结合", "进行", "召开", "举办", "启动", "部署", "实施", "之间", "集中", "前",
        "全面", "对", "在", "由", "将",
    ].map(pattern)
    private static let striveFor = pattern("力争")
    private static let completionWords = ["完成", "建成", "实现", "出台", "印发", "上线", "到位", "落实"].map(pattern)

    /// A point that states by when something is due: it ends in `前` (`9月底前`, `6月30日前`),
    /// or is followed by a completion verb (`年底完成`), or is a target (`到2020年`).
    private func isExplicitDeadline(_ point: TimePoint, start: Int) -> Bool {
        let end = point.range.upperBound
        if end > 0, text[end - 1] == "前" || point.hasDay && text[end - 1] == "内" { return true }
        if isPrecededByTarget(start) { return true }
        // A schedule opening a clause: `。2011年7—8月结合…开展`, `：3月20-31日之间`,
        // `，2023年底提交考核结果`. (Past dates are dropped later against the signing date.)
        if point.hasMonth || (point.isDueMarker && text[start].isASCIIDigit), !point.isYearRound,
            start == 0 || Self.clauseOpeners.contains(text[start - 1]) || followsScheduleLabel(start),
            Self.scheduleWords.contains(where: { text.matches($0, at: end) })
                // `2019年上半年，试点城市政府印发实施方案`: a dated adverbial opening a sentence.
                || (text[start].isASCIIDigit && (point.hasMonth || point.isDueMarker) && end < text.count && text[end] == ",")
        {
            return true
        }
        // `，年内解读重要政策…`, `。上半年完成…`: this year's own periods opening a clause and
        // followed by an action. (`年末`/`年底` are left out: `年末全市常住人口` is a fact.)
        if Self.clauseTimeWords.contains(where: { text.matches($0, at: start) && $0.count == end - start }),
            start == 0 || Self.clauseOpeners.contains(text[start - 1]), end < text.count,
            text[end].isHan || text[end].isASCIIDigit
        {
            return true
        }
        var offset = end
        if offset < text.count, text[offset] == "全" || text[offset] == "基" || text[offset] == "要" { offset += 1 }
        return Self.completionWords.contains { text.matches($0, at: offset) }
    }

    /// `2020年起`, `2021年开始`: a start date, not a step with a due date.
    private func isFollowedByStart(_ end: Int) -> Bool {
        Self.startWords.contains { text.matches($0, at: end) }
    }

    private func isPrecededByTarget(_ start: Int) -> Bool {
        guard let previous = at(start - 1) else { return false }
        if Self.targetPrefixes.contains(previous) { return true }
        // `力争2021年…`: a year one strives for is a target like `到2021年`.
        return start >= 2 && text.matches(Self.striveFor, at: start - 2)
    }

    // MARK: - Point readers

    /// `十三五` (quotes optional) with `期间`, `时期` or `末`: the plan's last year.
    private mutating func readPlanPeriod() -> TimePoint? {
        guard at(i) == "十", let n = at(i + 1).flatMap(ChineseNumber.digit), at(i + 2) == "五", n >= 1 else {
            return nil
        }
        let start = i
        var end = i + 3
        if at(end) == "”" || at(end) == "\"" { end += 1 }
        let year = 1955 + 5 * (10 + n)
        for word in Self.planWords where isWord(word, at: end) {
            i = end + word.count
            var point = TimePoint(range: start..<i, due: CalendarDate(year: year, month: 12, day: 31), isDueMarker: true)
            point.isPlanPeriod = true
            return point
        }
        return nil
    }

    /// `2017-09-30`, `2017.9.30`, `2017/9/30`, `2017-09`.
    private mutating func readNumericDate() -> TimePoint? {
        guard isNumberBoundary(i), let year = fourDigitYear(at: i) else { return nil }
        let separator = at(i + 4)
        guard separator == "-" || separator == "." || separator == "/",
            let (month, monthEnd) = readSmallNumber(at: i + 5), (1...12).contains(month),
            at(i + 5)?.isASCIIDigit == true
        else { return nil }
        let start = i
        if at(monthEnd) == separator, let (day, dayEnd) = readSmallNumber(at: monthEnd + 1),
            at(monthEnd + 1)?.isASCIIDigit == true, let date = CalendarDate(year: year, month: month, day: day)
        {
            i = dayEnd
            contextYear = year
            let (end, before) = readBefore(at: i)
            i = end
            return TimePoint(range: start..<i, due: date, isDueMarker: before)
        }
        i = monthEnd
        contextYear = year
        let (end, before) = readBefore(at: i)
        i = end
        return TimePoint(range: start..<i, due: CalendarDate.endOf(month: month, year: year), isDueMarker: before)
    }

    private func fourDigitYear(at offset: Int) -> Int? {
        guard offset + 4 <= text.count else { return nil }
        if let year = ChineseNumber.arabic(of: text[offset..<(offset + 4)]), (1900...2099).contains(year),
            !(at(offset + 4)?.isASCIIDigit ?? false)
        {
            return year
        }
        if let year = ChineseNumber.yearValue(of: text[offset..<(offset + 4)]), (1900...2099).contains(year) {
            return year
        }
        return nil
    }

    /// A year with whatever follows it: `2017年`, `2017年底前`, `2019年上半年`, `2019年6月底前`,
    /// `2015-2020年`, `2017、2018年底` (each year of the list is a point).
    private mutating func readYear() -> TimePoint? {
        guard isNumberBoundary(i), let first = fourDigitYear(at: i) else { return nil }
        let start = i
        var year = first
        var end = i + 4
        // A span or list of years: the last one counts, `2015-2020年`.
        if let after = separatorEnd(at: end), let second = fourDigitYear(at: after), at(after + 4) == "年" {
            year = second
            end = after + 4
        } else if at(end) == "、" || at(end) == "和", fourDigitYear(at: end + 1) != nil {
            // `2017、2018年底`: the first year is its own point; the scan goes on at the second.
            i = end
            contextYear = year
            var point = TimePoint(range: start..<end, due: CalendarDate(year: year, month: 12, day: 31))
            point.isYearOnly = true
            return point
        }
        guard at(end) == "年" else { return nil }
        end += 1
        let previousContext = contextYear
        contextYear = year
        i = end
        if let point = readYearSuffix(year: year, start: start) { return point }
        if let point = readFestival(year: year, start: start) { return point }
        if let point = readQuarter(year: year) {
            return TimePoint(range: start..<point.range.upperBound, due: point.due, isDueMarker: true)
        }
        if let month = readMonth() {
            var point = TimePoint(range: start..<month.range.upperBound, due: month.due, isDueMarker: month.isDueMarker)
            point.hasMonth = true
            point.hasDay = month.hasDay
            return point
        }
        let (beforeEnd, before) = readBefore(at: i)
        i = beforeEnd
        // A bare year (`按照2020年的标准`) gives later month-only points no year; a year that
        // ends in 前 or heads a span (`2015-2020年`) may.
        if !before, !isPrecededByTarget(start) { contextYear = previousContext }
        var point = TimePoint(range: start..<i, due: CalendarDate(year: year, month: 12, day: 31), isDueMarker: before)
        point.isYearOnly = !before
        return point
    }

    /// After `YYYY年`: `底`, `末`, `上半年`, `下半年`, `年中`.
    private mutating func readYearSuffix(year: Int, start: Int) -> TimePoint? {
        for (scalars, month, day) in Self.yearSuffixes {
            guard isWord(scalars, at: i) else { continue }
            let word = scalars
            // `2017年中` is mid-year, but `2017年中央…` is not.
            if word == ["中"], let next = at(i + 1), Self.notMidYear.contains(next) { continue }
            i += scalars.count
            let (end, _) = readBefore(at: i)
            i = end
            return TimePoint(range: start..<i, due: CalendarDate(year: year, month: month, day: day), isDueMarker: true)
        }
        return nil
    }

    /// Scalars after `年中` that make it part of another word (`中央`, `中国`, `中小企业`).
    private static let notMidYear: ScalarSet = ["央", "国", "华", "心", "共", "小", "医", "学", "等", "级", "部", "西", "外", "职", "标"]

    /// `9月`, `九月份`, `7—8月`, `3月20-31日`, `9月底前`, `12月中下旬`, `6月30日前`.
    private mutating func readMonth() -> TimePoint? {
        guard isNumberBoundary(i), let (first, firstEnd) = readSmallNumber(at: i) else { return nil }
        var month = first
        var end = firstEnd
        if let after = separatorEnd(at: end), let (second, secondEnd) = readSmallNumber(at: after), at(secondEnd) == "月" {
            month = second
            end = secondEnd
        }
        guard at(end) == "月", (1...12).contains(month) else { return nil }
        // `3个月` is a duration, caught by the within scanner; here `个` never reaches `月`.
        let start = i
        end += 1
        if at(end) == "份" { end += 1 }
        guard let year = contextYear else {
            i = end
            return TimePoint(range: start..<end, due: nil, isDueMarker: readBefore(at: end).found)
        }
        var due = CalendarDate.endOf(month: month, year: year)
        var dueMarker = false
        var hasDay = false
        // Day, or day range.
        if let (day, dayEnd) = readSmallNumber(at: end) {
            var lastDay = day
            var afterDay = dayEnd
            if let after = separatorEnd(at: dayEnd), let (second, secondEnd) = readSmallNumber(at: after) {
                lastDay = second
                afterDay = secondEnd
            }
            if at(afterDay) == "日" || at(afterDay) == "号" {
                var dayEnd = afterDay + 1
                // `4月15日—22日`: the range's end is the day after the separator.
                if let after = separatorEnd(at: dayEnd), let (second, secondEnd) = readSmallNumber(at: after),
                    at(secondEnd) == "日" || at(secondEnd) == "号", second >= lastDay
                {
                    lastDay = second
                    dayEnd = secondEnd + 1
                }
                if let date = CalendarDate(year: year, month: month, day: lastDay) {
                    due = date
                    end = dayEnd
                    hasDay = true
                }
            }
        } else {
            for (word, day) in Self.monthModifiers where isWord(word, at: end) {
                end += word.count
                if let day { due = CalendarDate(year: year, month: month, day: day) }
                dueMarker = word == ["底"] || word == ["末"]
                break
            }
        }
        var (beforeEnd, before) = readBefore(at: end)
        if !before, hasDay { (beforeEnd, before) = readWithinDay(at: end) }
        i = beforeEnd
        var point = TimePoint(range: start..<i, due: due, isDueMarker: dueMarker || before)
        point.hasMonth = true
        point.hasDay = hasDay
        return point
    }

    /// Year words without digits: `全年`, `年底`, `年末`, `年内`, `年中`, `上半年`, `下半年`.
    private mutating func readRelativeYear() -> TimePoint? {
        // `3年内` is a duration and `每年` a recurrence; `全年` and `上半年` have their own prefix.
        if let previous = at(i - 1), previous.isASCIIDigit || ChineseNumber.isNumeral(previous) || previous == "每" {
            return nil
        }
        // Every relative word contains 年; most positions can be skipped at once.
        guard at(i) == "年" || at(i + 1) == "年" || at(i + 2) == "年" else { return nil }
        for (word, month, day, isYearRound) in Self.relativeYearWords where isWord(word, at: i) {
            // `年中督查` is mid-year, `年中央…` is not.
            if word == ["年", "中"], let next = at(i + 2), Self.notMidYear.contains(next) { continue }
            var start = i
            var year = workYear
            // `本年底`, `今年年底`, `当年内` name the work year; `明年底`, `次年上半年` the next.
            if word.first == "年", let previous = at(i - 1) {
                if Self.thisYear.contains(previous) {
                    start = i - 1
                } else if Self.nextYear.contains(previous) {
                    start = i - 1
                    year = workYear.map { $0 + 1 }
                }
            }
            i += word.count
            let (end, _) = readBefore(at: i)
            i = end
            let due = year.flatMap { CalendarDate(year: $0, month: month, day: day) }
            return TimePoint(range: start..<i, due: due, isYearRound: isYearRound, isDueMarker: !isYearRound)
        }
        return nil
    }

    /// Festivals a deadline is set by, with their day in a given year.
    private static let festivals: [(word: [Unicode.Scalar], day: @Sendable (Int) -> CalendarDate?)] = [
        (pattern("春节"), { Festivals.date(of: Festivals.springFestival, in: $0) }),
        (pattern("中秋"), { Festivals.date(of: Festivals.midAutumn, in: $0) }),
        (pattern("元旦"), { CalendarDate(year: $0, month: 1, day: 1) }),
        (pattern("国庆"), { CalendarDate(year: $0, month: 10, day: 1) }),
    ]

    private static let festivalFirsts = ScalarSet(festivals.map { $0.word[0] })

    /// `春节前`, `2018年春节前`, `中秋节前`, `元旦前`, `国庆节前`: the festival's day (`X前` includes
    /// the named day, GOLD.md). Without a year, the work year's festival.
    private mutating func readFestival(year: Int?, start: Int) -> TimePoint? {
        for festival in Self.festivals where isWord(festival.word, at: i) {
            var end = i + festival.word.count
            if at(end) == "节" { end += 1 }
            let (beforeEnd, before) = readBefore(at: end)
            guard let resolvedYear = year ?? contextYear else {
                i = beforeEnd
                return TimePoint(range: start..<beforeEnd, due: nil, isDueMarker: before)
            }
            i = beforeEnd
            return TimePoint(range: start..<beforeEnd, due: festival.day(resolvedYear), isDueMarker: before)
        }
        return nil
    }

    /// `一季度`, `第三季度末`, `前三季度`, `4季度` — the quarter's last day.
    private mutating func readQuarter(year: Int?) -> TimePoint? {
        var offset = i
        let start = i
        // `前三季度` ends with the third quarter like `三季度末`.
        if at(offset) == "前" { offset += 1 }
        if at(offset) == "第" { offset += 1 }
        guard let quarterScalar = at(offset) else { return nil }
        let quarter = ChineseNumber.digit(quarterScalar) ?? quarterScalar.asciiDigitValue
        guard let quarter, (1...4).contains(quarter), at(offset + 1) == "季" else { return nil }
        var end = offset + 2
        if at(end) == "度" { end += 1 }
        if at(end) == "末" || at(end) == "底" { end += 1 }
        let (beforeEnd, _) = readBefore(at: end)
        i = beforeEnd
        let resolvedYear = year ?? contextYear
        let due = resolvedYear.flatMap { CalendarDate.endOf(month: quarter * 3, year: $0) }
        return TimePoint(range: start..<i, due: due, isDueMarker: true)
    }
}

/// Finds a duration deadline (`2个工作日内`, `24小时内`, `30日内`, `三个月`).
enum WithinScanner {
    private static let units = ["个工作日", "工作日", "个小时", "小时", "个月", "天", "日", "周", "年", "个星期"].map(pattern)

    /// The range of the first duration in `text`.
    static func find(_ text: [Unicode.Scalar]) -> Range<Int>? {
        findAll(text, limit: 1).first
    }

    /// Every duration in `text`, in order (at most `limit`).
    static func findAll(_ text: [Unicode.Scalar], limit: Int = 16) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 0
        let numbers = ChineseNumber.digitsAndNumerals
        while i < text.count {
            guard numbers.contains(text[i]) else {
                i += 1
                continue
            }
            let start = i
            var end = i
            while end < text.count, end - start < 4, text[end].isASCIIDigit || ChineseNumber.isNumeral(text[end]) {
                end += 1
            }
            // `5月3日`: a day after its month is a day of that month, never a count of days (in
            // `5月3日内蒙古…` the 内 is a place's; `6月30日内` is read as a date, due that day).
            let isDayOfMonth = start > 0 && text[start - 1] == "月"
            for unit in units where text.matches(unit, at: end) {
                if isDayOfMonth, unit == ["日"] || unit == ["天"] { break }
                let afterUnit = end + unit.count
                let hasWithin = afterUnit < text.count && text[afterUnit] == "内"
                // `三个月` is a duration on its own; `30日` alone is a day of a month.
                let standsAlone = unit.first == "个" && afterUnit == text.count
                if hasWithin {
                    found.append(start..<(afterUnit + 1))
                } else if standsAlone {
                    found.append(start..<afterUnit)
                }
                if hasWithin || standsAlone { break }
            }
            if found.count >= limit { return found }
            i = end
        }
        return found
    }
}
