/// A task's time limit (时限), as printed and normalised.
///
/// ```
/// "9月底前"            -> .date,       due 2017-09-30 (work year 2017)
/// "全年"               -> .yearRound,  due 2017-12-31
/// "持续推进"            -> .ongoing,    due nil
/// "年中督查,年底考核"    -> .milestones, due 2017-12-31, milestones 年中督查 06-30, 年底考核 12-31
/// ```
public struct Deadline: Sendable, Equatable, Codable {
    /// The kinds of GOLD.md.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A due date, or the end of a named month, quarter, half, year or span.
        case date
        /// 全年: all year, due at year end.
        case yearRound
        /// 持续推进, 长期坚持, 常态化: no due date.
        case ongoing
        /// 适时, 及时, 按要求: no due date.
        case asNeeded
        /// 每季度, 每月, 每年1月底前: a period.
        case recurring
        /// Several dated steps; `due` is the latest.
        case milestones
        /// A duration after some event: 2个工作日内.
        case within
    }

    /// One dated step of a `.milestones` deadline (or the single step of a `.date`).
    public struct Milestone: Sendable, Equatable, Codable {
        /// The step's own words, e.g. `年中督查`, or the time phrase alone.
        public var label: String
        /// The time phrase, e.g. `年中`.
        public var raw: String
        public var due: CalendarDate?

        public init(label: String, raw: String, due: CalendarDate?) {
            self.label = label
            self.raw = raw
            self.due = due
        }

        private enum CodingKeys: String, CodingKey { case label, raw, due }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(raw, forKey: .raw)
            try c.encode(due, forKey: .due)
        }
    }

    /// The time expression as printed (several joined with `…`).
    public var raw: String
    /// The normalised kind; nil when the text could not be understood.
    public var kind: Kind?
    /// The last day of the period the deadline names, in the work year when no year is printed.
    public var due: CalendarDate?
    /// The dated steps, for `.milestones`.
    public var milestones: [Milestone]

    public init(raw: String, kind: Kind?, due: CalendarDate?, milestones: [Milestone] = []) {
        self.raw = raw
        self.kind = kind
        self.due = due
        self.milestones = milestones
    }

    private enum CodingKeys: String, CodingKey { case raw, kind, due, milestones }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        raw = try c.decode(String.self, forKey: .raw)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind)
        due = try c.decodeIfPresent(CalendarDate.self, forKey: .due)
        milestones = try c.decodeIfPresent([Milestone].self, forKey: .milestones) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(raw, forKey: .raw)
        try c.encode(kind, forKey: .kind)
        try c.encode(due, forKey: .due)
        try c.encode(milestones, forKey: .milestones)
    }
}
