/// What a task table's column holds, read from its header text (DOMAIN.md §4).
///
/// A header that is a label of one of `AssignmentVocabulary`'s families is read as that family.
/// Other header words are data in `rules`, checked in order: the first rule whose word occurs
/// in the compact header wins, so `协同配合单位` is support before `单位` can make it
/// responsible, and `时间进度` is a deadline before `进度` could mean anything else.
public enum ColumnRole: String, Sendable, Codable, Equatable {
    case number
    case category
    case task
    case lead
    case support
    /// `配合/责任单位`: support in a row that has a lead, responsible where the lead cell is blank.
    case supportOrResponsible
    case responsible
    case deadline
    case note
    case other

    /// Header words, in the order they are tried.
    static let rules: [(word: String, role: ColumnRole)] = [
        ("序号", .number), ("编号", .number), ("序", .number),
        ("备注", .note),
        ("配合/责任", .supportOrResponsible), ("配合或责任", .supportOrResponsible),
        ("牵头", .lead), ("主办", .lead),
        ("配合", .support), ("协助", .support), ("协同", .support), ("协办", .support), ("参与", .support),
        ("时限", .deadline), ("时间", .deadline), ("进度", .deadline), ("节点", .deadline), ("期限", .deadline),
        ("日期", .deadline),
        ("责任", .responsible), ("单位", .responsible), ("部门", .responsible), ("科室", .responsible),
        ("类别", .category), ("分类", .category), ("领域", .category), ("板块", .category),
        ("任务", .task), ("内容", .task), ("要求", .task), ("措施", .task), ("事项", .task), ("工作", .task),
        ("项目", .task), ("目标", .task), ("职责", .task),
    ]

    /// The role of a header cell, or nil when the text is no header word at all.
    public static func classify(_ header: String) -> ColumnRole? {
        // Header words are short; a cell of prose is never one (checked before folding it).
        guard header.utf8.count <= 96 else { return nil }
        let key = header.compactFolded
        guard !key.isEmpty, key.scalarCount <= 16 else { return nil }
        // A label of a known family is read as that family (`成员单位` support, `主责部门` lead,
        // `责任领导` a person: its names are no units); other headers by the words they contain.
        if let kind = AssignmentVocabulary.headerKind(compact: key) {
            switch kind {
            case .units(let role):
                switch role {
                case .lead: return .lead
                case .support: return .support
                case .responsible: return .responsible
                }
            case .deadline: return .deadline
            case .task: return .task
            case .person: return .other
            }
        }
        for rule in rules where key.utf8Contains(rule.word) {
            return rule.role
        }
        return nil
    }

    /// Whether a cell's text is a header word (a table's header row is made of these).
    public static func isHeaderWord(_ text: String) -> Bool {
        classify(text) != nil
    }
}
