import Foundation
import Gongwen
import GongwenExport
import GongwenTestSupport
import Testing

/// Every real page of `../shared/corpus` goes through the pipeline without an error, with a
/// title, and with output that validates against the schema. Skipped, with a message, where
/// the corpus is absent. (The scored quality gate against the gold lives with the coverage work.)
@Suite(.enabled(if: Paths.corpus != nil, "../shared/corpus is absent on this machine: corpus tests skipped"))
struct CorpusSmokeTests {
    static let pages: [String] = {
        guard let corpus = Paths.corpus else { return [] }
        return ["html", "text"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: corpus + "/" + folder)) ?? []).sorted().map { folder + "/" + $0 }
        }
    }()

    @Test(arguments: pages)
    func extractsAndValidates(_ page: String) throws {
        let corpus = try #require(Paths.corpus)
        let extraction = try NoticeExtractor().extract(contentsOf: corpus + "/" + page)
        #expect(extraction.notice.metadata.title?.isEmpty == false, "no title for \(page)")
        let result = try SchemaValidator.validate(try JSONExporter.document(extraction))
        #expect(result.status == 0, "\(page): \(result.output)")
    }
}
