/// A place in a notice's body that says something about units or deadlines: an assignment
/// cue, with what became of it.
///
/// Cue accounting finds blind spots without gold: a cue that no task claimed and no rule
/// rejected is a place the extractor did not understand (`gongwen cues`).
///
/// ```
/// 牵头单位：市公安局     unitLabel      claimed by task 3
/// 市城市管理局负责优化    rolePhrase     claimed by task 4
/// 企业负责人             rolePhrase     rejected: roleWordAsNoun
/// 于7月28日前报市国土局   deadlinePhrase claimed by task 1
/// 现将方案印发给你们，请于5月27日前报送  deadlinePhrase rejected: outsideNumberedItems
/// ```
public struct Cue: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A unit label and its colon (`牵头单位：`, `责任处室（单位）:`).
        case unitLabel
        /// A person label (`牵头领导：`, `责任人：`): its value is a name, never a unit.
        case personLabel
        /// A deadline label (`完成时限：`, `时间节点：`).
        case deadlineLabel
        /// A role word in a sentence (`牵头`, `负责`, `配合`, `会同` …).
        case rolePhrase
        /// A time phrase that says by when (`9月底前`, `到2025年`, `30日内`).
        case deadlinePhrase
        /// A unit or deadline column header of a table (`责任单位`, `完成时限`).
        case columnHeader
    }

    /// Why a rule decided that a cue assigns nothing.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// In an aims section (指导思想, 基本原则, 工作目标 …): outline, never tasks.
        case aimsSection
        /// The notice states standing rules (a regulation or a communiqué).
        case standingRules
        /// Outside every numbered item and task table (cover letter, closing paragraph,
        /// a unit's standing-duty line): a task is a numbered item or a table row.
        case outsideNumberedItems
        /// In the heading or introduction of a section with numbered items of its own: the
        /// section's schedule or a statement about its items, not a task.
        case sectionWithItems
        /// A person label: its value names people.
        case personNotUnit
        /// A role word opening a noun (`负责人`, `负责同志`, `指导意见`).
        case roleWordAsNoun
        /// A role phrase reporting work already done (`已会同…`, `…研究提出了办理意见`).
        case reportedAsDone
        /// A role word inside quotation marks: a slogan or principle (`“政府牵头、部门负责”`).
        case quotedPrinciple
        /// A permission or invitation (`可以`, `鼓励`, `可邀请X参加`) obliges nobody.
        case permissive
        /// Who takes part is the object of a causative verb (`组织本地企业积极参与`): led to it.
        case causativeObject
        /// Cooperation among the subject's own members (`相互配合`, `协同配合`).
        case mutualCooperation
        /// An office's permanent remit (`负责…日常工作`, `本办法由X负责解释`).
        case standingDuty
        /// A role word with no unit before it (`加强指导`, `切实负责`, `谁主管谁负责`).
        case noUnitSubject
        /// A date before the signing date: a fact, not a deadline.
        case factBeforeSigning
        /// A table with no task column or rows: a roster, a form, a statistics table.
        case notATaskTable
    }

    public enum Status: Sendable, Equatable {
        /// Claimed by the task at this index of `Notice.tasks`.
        case claimed(task: Int)
        case rejected(Reason)
        case unclaimed
    }

    public var kind: Kind
    /// The cue as printed (`牵头单位：`, `区财政局牵头`, `9月底前`).
    public var text: String
    /// The printed text around the cue, for reading it in place.
    public var context: String
    public var line: Int
    /// Titles of the enclosing part and sections.
    public var sectionPath: [String]
    public var status: Status

    public init(kind: Kind, text: String, context: String, line: Int, sectionPath: [String], status: Status) {
        self.kind = kind
        self.text = text
        self.context = context
        self.line = line
        self.sectionPath = sectionPath
        self.status = status
    }
}
