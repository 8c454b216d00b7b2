import GongwenTestSupport
import Testing

@testable import Gongwen

/// Deliberately broken input: each gets a clear error naming the file, or a sane result.
struct InputHandlingTests {
    private let extractor = NoticeExtractor()

    /// A notice in traditional characters is read as written, with a warning that the rules
    /// read simplified Chinese; a simplified notice gets no such warning.
    @Test func traditionalCharactersAreSaid() throws {
        let traditional = "關於開展檢查工作的通知\n各單位：\n一、市財政局牽頭，區審計局配合，9月底前完成清理工作。\n二、各單位要加強組織領導，確保各項任務落實到位。\n"
        let read = try extractor.extract(bytes: Array(traditional.utf8), path: "t.txt")
        #expect(read.notice.metadata.title == "關於開展檢查工作的通知")
        #expect(read.notice.diagnostics.contains { $0.code == "traditional-characters" && $0.severity == .warning })
        let simplified = try extractor.extract(bytes: Array("关于开展检查工作的通知\n一、市财政局牵头，9月底前完成。\n".utf8), path: "s.txt")
        #expect(!simplified.notice.diagnostics.contains { $0.code == "traditional-characters" })
    }

    @Test func emptyInput() {
        #expect(throws: ExtractionError.empty(path: "a.html")) { try extractor.extract(bytes: [], path: "a.html") }
    }

    @Test func binaryFilesNamedHTML() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: ExtractionError.binary(path: "x.html", kind: "a PNG image")) {
            try extractor.extract(bytes: png, path: "x.html")
        }
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 30)
        #expect(throws: (any Error).self) { try extractor.extract(bytes: zip, path: "x.html") }
    }

    @Test func missingFileNamesTheFileAndTheCause() {
        do {
            _ = try extractor.extract(contentsOf: "/nonexistent/notice.html")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/notice.html: cannot read: No such file or directory")
        }
    }

    @Test func oversizedInputIsRefusedBeforeReading() {
        let small = NoticeExtractor(options: ExtractionOptions(maximumBytes: 10))
        #expect(throws: ExtractionError.tooLarge(path: "big.txt", bytes: 11, limit: 10)) {
            try small.extract(bytes: Array("01234567890".utf8), path: "big.txt")
        }
    }

    @Test func formatIsToldFromContentNotName() throws {
        let html = try extractor.extract(bytes: Array("<html><body><p>正文，一段。</p></body></html>".utf8), path: "page.txt")
        #expect(html.source.format == .html)
        let text = try extractor.extract(bytes: Array("关于开展检查的通知\n正文。".utf8), path: "page.html")
        #expect(text.source.format == .text)
        let saved = try extractor.extract(bytes: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>正文。</p>".utf8), path: "x")
        #expect(saved.source.format == .html)
    }

    @Test func nulBytesInsideTextDoNotStopReading() throws {
        let extraction = try extractor.extract(bytes: Array("关于开展检查的通知\n".utf8) + [0] + Array("\n1.市财政局牵头，6月底前完成。\n".utf8), path: "nul.txt")
        #expect(extraction.notice.metadata.title == "关于开展检查的通知")
    }
}
