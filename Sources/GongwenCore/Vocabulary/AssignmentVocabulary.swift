/// The words notices use to assign work, by family (DOMAIN.md §5), as data.
///
/// Every reader that meets a label — an inline clause (`牵头单位：X`), a labelled line, a table
/// header (`责任单位`), a flattened header line — asks this table, so a spelling added here is
/// read everywhere at once. The families are written out for the family, not for the
/// spellings one corpus happens to print: a unit label is a role stem followed by a unit
/// noun (`协同` + `部门`), so the table is the product of the two lists plus the irregular
/// forms (`责任主体`, a bare `牵头`).
///
/// ```
/// 牵 头 单 位：市发改委      -> unit label, lead (spaces folded away)
/// 责任处室（单位）:资源生态处 -> unit label, responsible (a bracketed qualifier is part of the label)
/// 牵头领导:周训岚            -> person label: a name, never a unit
/// 办结时限：9月底前          -> deadline label
/// ```
public enum AssignmentVocabulary {
    /// What a label introduces.
    public enum LabelKind: Sendable, Equatable, Hashable {
        /// Units with this role (`牵头单位`, `配合部门`, `责任处室`).
        case units(Role)
        /// A person or a post (`责任人`, `牵头领导`): never a unit (GOLD.md "People are not units").
        case person
        /// A deadline (`完成时限`, `时间节点`).
        case deadline
        /// The work itself, as a table header (`工作任务`, `具体措施`).
        case task
    }

    // MARK: - The families

    /// Role stems of unit labels, by role (DOMAIN.md §5 "Unit labels").
    static let unitLabelStems: [(stem: String, role: Role)] = [
        ("总牵头", .lead), ("责任牵头", .lead), ("主要牵头", .lead), ("主要责任", .lead), ("牵头", .lead), ("主责", .lead),
        ("主办", .lead),
        ("协同配合", .support), ("配合", .support), ("协办", .support), ("协助", .support), ("协同", .support),
        ("协作", .support), ("参加", .support), ("参与", .support), ("参办", .support), ("成员", .support),
        ("具体责任", .responsible), ("具体负责", .responsible), ("责任", .responsible), ("负责", .responsible),
        ("承办", .responsible), ("承担", .responsible), ("实施", .responsible), ("落实", .responsible),
        ("执行", .responsible), ("主体", .responsible), ("指导", .responsible), ("主管", .responsible),
        ("督办", .responsible),
    ]

    /// The unit nouns a role stem is followed by.
    static let unitNouns = ["单位", "部门", "处室", "科室", "机关", "机构", "处", "科"]

    /// Unit labels that are not stem + noun.
    static let irregularUnitLabels: [(label: String, role: Role)] = [
        ("责任主体", .responsible), ("牵头", .lead), ("配合", .support), ("责任方", .responsible),
    ]

    /// Labels of a person or a post, never a unit (DOMAIN.md §5): their values are names.
    static let personLabels = [
        "责任人", "负责人", "联系人", "联络人", "联络员", "牵头领导", "分管领导", "责任领导", "包片领导", "挂钩领导", "联系领导",
        "督导领导", "负责领导", "牵头市领导", "牵头区领导", "牵头县领导", "责任市领导", "责任区领导", "挂钩市领导", "挂钩区领导",
        "主要负责人", "具体负责人", "第一责任人", "直接责任人", "责任领导人", "牵头负责人", "分管负责人",
    ]

    /// Deadline labels and headers (DOMAIN.md §5 "Flattened tables").
    static let deadlineLabels = [
        "完成时限", "时限要求", "完成时间", "时间节点", "时间安排", "进度安排", "办结时限", "截止时间", "完成期限", "时间要求",
        "办理时限", "完成日期", "截止日期", "进度要求", "时间进度", "推进时限", "工作时限", "整改时限", "整改期限", "实施时间",
        "完成节点", "办结时间", "办结期限", "时间计划", "计划完成时间", "完成时间节点", "时序进度", "时限", "时间", "期限",
    ]

    /// Task headers (DOMAIN.md §5 "Flattened tables").
    static let taskHeaders = [
        "工作任务", "重点任务", "任务内容", "工作内容", "具体措施", "主要措施", "改革举措", "工作措施", "目标任务", "具体工作",
        "主要任务", "任务措施", "工作事项", "督查事项", "重点工作", "工作要求", "具体要求", "主要内容", "政策措施", "工作举措",
        "具体任务", "任务分解", "重点事项", "任务名称", "工作目标", "具体内容", "任务要求", "责任事项", "主要工作", "重点内容",
    ]

    /// Every label, longest first (so `协同配合单位` is tried before `配合单位`, `牵头领导` before `牵头`).
    public static let labels: [(word: [Unicode.Scalar], kind: LabelKind)] = {
        var all: [(String, LabelKind)] = []
        for (stem, role) in unitLabelStems {
            for noun in unitNouns { all.append((stem + noun, .units(role))) }
        }
        all += irregularUnitLabels.map { ($0.label, .units($0.role)) }
        all += personLabels.map { ($0, .person) }
        all += deadlineLabels.map { ($0, .deadline) }
        var seen = Set<String>()
        return all.filter { seen.insert($0.0).inserted }
            .sorted { $0.0.unicodeScalars.count > $1.0.unicodeScalars.count }
            .map { (pattern($0.0), $0.1) }
    }()

    private static let labelFirsts = ScalarSet(firstScalarsOf: labels.map(\.word))

    /// The most scalars from a label's start to its colon: the longest label spaced out
    /// (`责 任 单 位`), a qualifier of up to eight scalars and spaces before the colon.
    static let maximumLabelSpan = 2 * (labels.first?.word.count ?? 8) + 10 + 4
    /// The labels grouped by their first scalar, longest first within each group, and the
    /// group of each first scalar (an index + 1 per BMP scalar: one load, no hashing, in the
    /// readers' per-scalar loops).
    private static let labelGroups: [[(word: [Unicode.Scalar], kind: LabelKind)]] = {
        var groups: [[(word: [Unicode.Scalar], kind: LabelKind)]] = []
        var index: [Unicode.Scalar: Int] = [:]
        for label in labels {
            if let at = index[label.word[0]] {
                groups[at].append(label)
            } else {
                index[label.word[0]] = groups.count
                groups.append([label])
            }
        }
        return groups
    }()
    private static let groupOfFirst: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for (group, labels) in labelGroups.enumerated() where labels[0].word[0].value < 0x10000 {
            table[Int(labels[0].word[0].value)] = UInt8(group + 1)
        }
        return table
    }()

    /// Whether a scalar may start a label (a cheap test before `label(at:in:)`).
    @inline(__always)
    static func mayStartLabel(_ scalar: Unicode.Scalar) -> Bool { labelFirsts.contains(scalar) }

    /// The label that starts at `offset` of folded scalars and is closed by a colon. Spaces
    /// between its characters (`责 任 单 位：`) and a bracketed qualifier before the colon
    /// (`责任处室（单位）：`) are part of the label.
    ///
    /// - Returns: The label's kind and the offset just after its colon.
    static func label(at offset: Int, in scalars: [Unicode.Scalar]) -> (kind: LabelKind, valueStart: Int)? {
        guard offset < scalars.count, scalars[offset].value < 0x10000 else { return nil }
        let group = Int(groupOfFirst[Int(scalars[offset].value)])
        guard group > 0 else { return nil }
        for (word, kind) in labelGroups[group - 1] {
            guard var end = match(word, at: offset, in: scalars) else { continue }
            end = skippingQualifier(scalars, end)
            while end < scalars.count, scalars[end] == " " { end += 1 }
            if end < scalars.count, scalars[end] == ":" { return (kind, end + 1) }
        }
        return nil
    }

    /// Where `word` ends when it is printed at `offset` with or without single spaces between
    /// its characters; nil when it is not there.
    private static func match(_ word: [Unicode.Scalar], at offset: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var at = offset
        for (index, scalar) in word.enumerated() {
            if index > 0, at < scalars.count, scalars[at] == " " { at += 1 }
            guard at < scalars.count, scalars[at] == scalar else { return nil }
            at += 1
        }
        return at
    }

    /// A short bracketed qualifier after a label (`（单位）`, `(部门)`), skipped.
    private static func skippingQualifier(_ scalars: [Unicode.Scalar], _ at: Int) -> Int {
        guard at < scalars.count, scalars[at] == "(" else { return at }
        var close = at + 1
        while close < scalars.count, close - at <= 8, scalars[close] != ")" { close += 1 }
        guard close < scalars.count, scalars[close] == ")" else { return at }
        return close + 1
    }

    /// The kind of a whole header cell or label (`责 任 单 位`, `牵头单位（部门）`, `完成时限`),
    /// read from its compact folded text; nil when it is no label of any family.
    public static func headerKind(compact key: String) -> LabelKind? {
        // Header cells are short: a longer key is no label (told before decoding it).
        guard key.utf8.count <= 48 else { return nil }
        var word = Substring(key)
        if word.utf8.last == 0x3A { word = word.dropLast() }
        // A qualifier after the label: `责任单位（部门）` (folded to ASCII brackets).
        if word.utf8.last == 0x29, let open = word.utf8.lastIndex(of: 0x28), word.utf8.distance(from: open, to: word.utf8.endIndex) <= 24 {
            word = word[..<open]
        }
        // Every word of the table ends with one of a few scalars: most keys are passed here.
        guard let last = word.unicodeScalars.last, wordEnds.contains(last) else { return nil }
        if let kind = kindsByWord[String(word)] { return kind }
        // `省责任单位` / `市责任单位`: a column per level of government.
        if let first = word.unicodeScalars.first, levelPrefixes.contains(first),
            case let rest = String(word.unicodeScalars.dropFirst()), case .units? = kindsByWord[rest]
        {
            return kindsByWord[rest]
        }
        return nil
    }

    /// The last scalars of every word of `kindsByWord`.
    private static let wordEnds = ScalarSet(kindsByWord.keys.compactMap(\.unicodeScalars.last))

    /// The same set for readers that test a cell before folding it.
    static var wordEndScalars: ScalarSet { wordEnds }

    /// Every label and task header by its text, for whole-cell look-ups.
    private static let kindsByWord: [String: LabelKind] = {
        var table: [String: LabelKind] = [:]
        for (word, kind) in labels { table[String(String.UnicodeScalarView(word))] = kind }
        for header in taskHeaders where table[header] == nil { table[header] = .task }
        return table
    }()

    /// The levels of government a unit column may be split by (`省责任单位`, `市牵头单位`).
    private static let levelPrefixes: ScalarSet = ["省", "市", "区", "县", "镇", "乡"]

}
