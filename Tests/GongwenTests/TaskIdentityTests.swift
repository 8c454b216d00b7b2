import Foundation
import GongwenTestSupport
import Testing

@testable import Gongwen
@testable import GongwenExport

/// Task ids are what a tracker upserts on: the same task of the same notice must keep its id
/// across saves, and different tasks must never share one.
struct TaskIdentityTests {
    private func ids(_ text: String, path: String = "notice.txt") throws -> [String?] {
        let extraction = try NoticeExtractor().extract(bytes: Array(text.utf8), path: path)
        return OutputDocument(extraction).tasks.map(\.id)
    }

    private func sampleIDs(_ name: String) throws -> [String?] {
        let extraction = try NoticeExtractor().extract(bytes: Paths.bytes(Paths.sample(name)), path: "samples/" + name)
        return OutputDocument(extraction).tasks.map(\.id)
    }

    @Test func theThreeSavesOfTheSeedGiveTheSameIDs() throws {
        let text = try sampleIDs("seed.txt")
        #expect(text.count == 46)
        #expect(try sampleIDs("seed-portal.utf8.html") == text)
        #expect(try sampleIDs("seed-portal.gbk.html") == text)
        #expect(Set(text).count == text.count, "ids are unique within a notice")
        let pattern = try Regex(#"^t-[0-9a-f]{16}(-[0-9]+)?$"#)
        #expect(text.allSatisfy { $0.map { (try? pattern.wholeMatch(in: $0)) != nil } == true })
    }

    static let notice = """
        关于印发2023年工作要点的通知
        1.开展“清风”行动，市纪委牵头，6月底前完成。
        2.推进改革，由市发改委负责。
        市人民政府办公室
        2023年3月1日
        """

    @Test func layoutAndWidthDoNotChangeAnID() throws {
        let reflowed = Self.notice
            .replacingOccurrences(of: "1.开展", with: "１．开 展")
            .replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ids(reflowed, path: "elsewhere/copy.txt") == ids(Self.notice))
    }

    @Test func anotherNoticeOrAnotherTaskGetsAnotherID() throws {
        let original = try ids(Self.notice)
        let otherDate = try ids(Self.notice.replacingOccurrences(of: "2023年3月1日", with: "2023年4月1日"))
        #expect(otherDate[0] != original[0], "title and signing date identify a notice without a number")
        let edited = try ids(Self.notice.replacingOccurrences(of: "推进改革", with: "深化改革"))
        #expect(edited[0] == original[0], "only the edited task's id moves")
        #expect(edited[1] != original[1])
    }

    @Test func theDocumentNumberIdentifiesTheNoticeWhenPrinted() throws {
        let numbered = Self.notice.replacingOccurrences(of: "通知\n", with: "通知\n市政办〔2023〕5号\n")
        let retitled = numbered.replacingOccurrences(of: "工作要点", with: "重点工作")
        #expect(try ids(retitled) == ids(numbered), "a retitled save keeps ids when the 发文字号 is the same")
    }

    @Test func tasksThatWouldCollideAreNumberedInDocumentOrder() throws {
        let twice = """
            关于印发2023年工作要点的通知
            附件1
            1.开展“清风”行动，市纪委牵头，6月底前完成。
            1.开展“清风”行动，市纪委牵头，6月底前完成。
            """
        let result = try ids(twice)
        #expect(result.count == 2)
        guard result.count == 2, let first = result[0], let second = result[1] else { return }
        #expect(second == first + "-2")
    }
}
