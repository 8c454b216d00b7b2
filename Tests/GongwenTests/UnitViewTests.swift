import Foundation
import GongwenTestSupport
import Testing

@testable import Gongwen
@testable import GongwenExport

/// The per-unit view a supervision office reads: each unit's tasks, their roles, due dates
/// and what is overdue on a given day.
struct UnitViewTests {
    static let notice = """
        关于印发2023年工作要点的通知
        1.开展“清风”行动，市纪委牵头，市财政局配合，6月底前完成。
        2.推进改革，由市财政局负责，持续推进。
        3.完善制度，市财政局牵头，2023年3月底前完成。
        市人民政府办公室
        2023年1月5日
        """

    private func document(_ text: String, path: String) throws -> OutputDocument {
        OutputDocument(try NoticeExtractor().extract(bytes: Array(text.utf8), path: path))
    }

    @Test func eachUnitListsItsTasksByDueDateWithRoleAndOverdue() throws {
        let view = UnitView([try document(Self.notice, path: "a.txt")], asOf: CalendarDate(iso: "2023-05-01"))
        #expect(view.units.map(\.unit) == ["市纪委", "市财政局"].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let finance = try #require(view.units.first { $0.unit == "市财政局" })
        // 3月底 before 6月底; the undated (持续推进) task last.
        #expect(finance.entries.map(\.number) == ["3.", "1.", "2."])
        #expect(finance.entries.map(\.role) == [.lead, .support, .responsible])
        #expect(finance.entries.map(\.overdue) == [true, false, nil], "due 03-31 is overdue on 05-01; ongoing never is")
        #expect(finance.overdueCount == 1)
        #expect(finance.entries.allSatisfy { $0.taskID?.hasPrefix("t-") == true && $0.document == "a.txt" })
    }

    @Test func withoutAnAsOfDayNothingIsOverdue() throws {
        let view = UnitView([try document(Self.notice, path: "a.txt")])
        #expect(view.units.flatMap(\.entries).allSatisfy { $0.overdue == nil })
    }

    @Test func theSameNoticeSavedTwiceIsListedOnce() throws {
        let copy = Self.notice.replacingOccurrences(of: "\n", with: "\r\n")
        let view = UnitView([try document(Self.notice, path: "a.txt"), try document(copy, path: "b.txt")])
        #expect(view.units.flatMap(\.entries).count == 4)
        #expect(view.units.flatMap(\.entries).allSatisfy { $0.document == "a.txt" })
    }

    @Test func onlyTheSelectedUnits() throws {
        let view = UnitView([try document(Self.notice, path: "a.txt")], only: ["市纪委"])
        #expect(view.units.map(\.unit) == ["市纪委"])
        #expect(view.units[0].entries.count == 1)
    }

    @Test func csvAndJSONCarryTheSameRows() throws {
        let view = UnitView([try document(Self.notice, path: "a.txt")], asOf: CalendarDate(iso: "2023-05-01"))
        let csv = String(decoding: view.csv(), as: UTF8.self).split(separator: "\n")
        #expect(csv[0] == "unit,unit_id,printed,role,document,title,task_id,number,text,deadline_raw,deadline_kind,due,overdue")
        #expect(csv.count == 1 + 4)
        #expect(csv.contains { $0.hasPrefix("市财政局,,市财政局,lead,a.txt,") && $0.hasSuffix(",2023年3月底前,date,2023-03-31,yes") })
        let json = try JSONSerialization.jsonObject(with: Data(view.json())) as? [String: Any]
        #expect(json?["asOf"] as? String == "2023-05-01")
        let units = json?["units"] as? [[String: Any]] ?? []
        #expect(units.map { $0["taskCount"] as? Int } == view.units.map(\.entries.count))
        #expect(units.map { $0["overdueCount"] as? Int } == view.units.map(\.overdueCount))
    }
}
