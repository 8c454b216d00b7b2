import Testing

@testable import GongwenCore

/// The label families of DOMAIN.md §5, read wherever they are printed.
struct AssignmentVocabularyTests {
    private func kinds(_ text: String) -> [AssignmentVocabulary.LabelKind] {
        let scalars = FoldedText(text).folded
        var found: [AssignmentVocabulary.LabelKind] = []
        var index = 0
        while index < scalars.count {
            if let label = AssignmentVocabulary.label(at: index, in: scalars) {
                found.append(label.kind)
                index = label.valueStart
            } else {
                index += 1
            }
        }
        return found
    }

    /// Every role stem with every unit noun, spaced or not, with a qualifier or not.
    @Test func unitLabelsOfTheFamily() {
        #expect(kinds("参加单位：区文旅局") == [.units(.support)])
        #expect(kinds("主责部门：区财政局") == [.units(.lead)])
        #expect(kinds("责 任 单 位 ：区财政局") == [.units(.responsible)])
        #expect(kinds("责任处室（单位）:资源生态处") == [.units(.responsible)])
        #expect(kinds("协同配合单位：区审计局") == [.units(.support)])
    }

    /// Person labels are found (they end the value before them) but name people.
    @Test func personLabelsBeforeUnitLabels() {
        #expect(kinds("牵头领导:周某牵头处室:社会事业处") == [.person, .units(.lead)])
        #expect(kinds("责任人：张三") == [.person])
    }

    /// A label is a label only with its colon.
    @Test func noColonNoLabel() {
        #expect(kinds("牵头单位要加强协调").isEmpty)
    }

    /// Whole header cells: labels, levels of government, task headers; a word that only
    /// contains a label is none.
    @Test func headerCells() {
        #expect(AssignmentVocabulary.headerKind(compact: "市责任单位") == .units(.responsible))
        #expect(AssignmentVocabulary.headerKind(compact: "牵头单位(部门)") == .units(.lead))
        #expect(AssignmentVocabulary.headerKind(compact: "办结时限") == .deadline)
        #expect(AssignmentVocabulary.headerKind(compact: "工作任务") == .task)
        #expect(AssignmentVocabulary.headerKind(compact: "完成时限:贯穿全过程") == nil)
    }

    /// The clause reader tries only the positions a label can start at before a colon: a
    /// label far into a long item is still found.
    @Test func aLabelAfterALongSentence() throws {
        let item = String(repeating: "全面推进政务公开工作，", count: 30) + "（责 任 单 位（部门）：区政务办；完成时限：9月底前）"
        let clause = try #require(LabelledClauseReader.read(FoldedText(item), workYear: 2020))
        #expect(clause.units.map(\.name) == ["区政务办"])
        #expect(clause.deadline?.raw == "9月底前")
    }
}
