import Foundation
import Testing

@testable import Gongwen
@testable import GongwenExport

struct ExporterTests {
    private func extraction(_ text: String) throws -> Extraction {
        try NoticeExtractor().extract(bytes: Array(text.utf8), path: "notice.txt")
    }

    static let notice = """
        关于印发2023年工作要点的通知
        1.开展“清风”行动，做好“=SUM(A1)”检查，市纪委牵头，市财政局、市审计局配合，6月底前完成。
        2.推进改革，由市发改委负责。
        """

    @Test func csvQuotesPerRFC4180() throws {
        let csv = String(decoding: CSVExporter().export([try extraction(Self.notice)]), as: UTF8.self)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "document,section,number,text,lead,support,responsible,deadline_raw,deadline_kind,due,task_id")
        // Chinese commas need no quotes; the section is the notice's title for the main text.
        #expect(lines[1].hasPrefix("notice.txt,关于印发2023年工作要点的通知,1.,开展“清风”行动，做好“=SUM(A1)”检查"))
        #expect(lines[1].contains(",市纪委,市财政局、市审计局,,6月底前,date,2023-06-30,t-"))
        #expect(lines[1].split(separator: ",").last?.utf8.count == 18, "the task id closes the row")
        #expect(csv.hasSuffix("\n"))
        #expect(!csv.contains("\r"))
        #expect(CSVExporter.quote("a\"b") == Array("\"a\"\"b\"".utf8))
        #expect(CSVExporter.quote("a\nb") == Array("\"a\nb\"".utf8))
        #expect(CSVExporter.quote("plain") == Array("plain".utf8))
    }

    @Test func csvByteOrderMarkAndByUnit() throws {
        let csv = CSVExporter(byUnit: true, byteOrderMark: true).export([try extraction(Self.notice)])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let rows = text.split(separator: "\n")
        #expect(rows[0] == "document,section,number,text,unit,role,deadline_raw,deadline_kind,due,task_id")
        #expect(rows.count == 1 + 3 + 1)
        #expect(rows[1].contains(",市纪委,lead,"))
        #expect(rows[4].contains(",市发改委,responsible,"))
    }

    @Test func jsonWritesNullsForWhatTheDocumentDoesNotSay() throws {
        let json = String(decoding: try JSONExporter.document(extraction(Self.notice)), as: UTF8.self)
        #expect(json.contains("\"documentNumber\" : null"))
        #expect(json.contains("\"issuer\" : null"))
        #expect(json.contains("\"schemaVersion\" : \"1.5.0\""))
        #expect(json.contains("\"generator\" : \"gongwen 0.1.0\""))
        let line = try JSONExporter.line(extraction(Self.notice))
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
    }

    @Test func documentWritersGiveTheirKeysInOrder() throws {
        // The stream writes members as given; every writer must give them in key order, as
        // JSONEncoder's .sortedKeys did. Every optional member is set here.
        var extraction = try extraction(Self.notice)
        extraction.source.url = "https://example.gov.cn/a.html"
        extraction.source.archivedAt = "2023-01-01T00:00:00Z"
        extraction.notice.diagnostics.append(Diagnostic(.info, .tasks, code: "x", "with a line", line: 3))
        let gazetteer = try UnitGazetteer(units: [.init(id: "p", name: "市政府"), .init(id: "u1", name: "市纪委", parent: "p")])
        let document = OutputDocument(extraction).applying(gazetteer)
        #expect(document.tasks.contains { $0.units.contains { $0.canonical != nil } })
        #expect(document.tasks.contains { $0.deadline != nil })
        for pretty in [true, false] {
            var stream = JSONStream(pretty: pretty)
            document.write(to: &stream)
            // (The stream cannot be copied: its facts are read out before #expect sees them.)
            let inOrder = stream.keysInOrder
            #expect(inOrder)
            // The bytes are what Foundation reads back, keys sorted.
            let object = try JSONSerialization.jsonObject(with: Data(stream.bytes)) as? [String: Any]
            #expect(object?["tasks"] != nil)
        }
        let view = UnitView([document], asOf: CalendarDate(year: 2023, month: 7, day: 1))
        var stream = JSONStream(pretty: true)
        view.write(to: &stream)
        let viewInOrder = stream.keysInOrder
        #expect(viewInOrder)
        // A writer that breaks the order is caught.
        var broken = JSONStream(pretty: false)
        broken.object { json in
            json.member("b", 1)
            json.member("a", 2)
        }
        let brokenInOrder = broken.keysInOrder
        let brokenBytes = broken.bytes
        #expect(!brokenInOrder)
        #expect(brokenBytes == Array(#"{"b":1,"a":2}"#.utf8))
    }

    /// Streamed through a sink in small pieces (every string longer than the buffer), a
    /// document is the same bytes as when it is built in memory.
    @Test func aStreamedDocumentIsTheSameBytes() throws {
        let document = OutputDocument(try extraction(Self.notice))
        for pretty in [true, false] {
            final class Collected: @unchecked Sendable { var bytes: [UInt8] = []; var pieces = 0 }
            let collected = Collected()
            var stream = JSONStream(pretty: pretty, capacity: 64) { piece in
                collected.bytes += piece
                collected.pieces += 1
            }
            document.write(to: &stream)
            stream.lineBreak()
            stream.flush()
            #expect(collected.bytes == document.jsonBytes(pretty: pretty, newline: true))
            #expect(collected.pieces > 10)
        }
    }

    @Test func emptyContainersKeepTheEncodersLayout() {
        var stream = JSONStream(pretty: true)
        stream.object { json in
            json.key("a")
            json.array([Int]()) { json, value in json.int(value) }
            json.key("b")
            json.object { _ in }
            json.member("c", nil as String?)
        }
        let written = String(decoding: stream.bytes, as: UTF8.self)
        #expect(written == "{\n  \"a\" : [\n\n  ],\n  \"b\" : {\n\n  },\n  \"c\" : null\n}")
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256Digest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256Digest.hex(Array(repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func outlineRendererDrawsATree() throws {
        let notice = try extraction("关于开展检查的通知\n一、总体要求\n（一）目标。\n二、任务\n").notice
        #expect(
            OutlineRenderer.render(notice) == """
                正文 关于开展检查的通知  (L1)
                ├─ 一、总体要求  (L2)
                │  └─ （一）目标  (L3)
                └─ 二、任务  (L4)

                """)
    }
}

/// Output safety: spreadsheets never run a formula from a cell, JSON is always valid.
struct OutputSafetyTests {
    private func extraction(_ text: String) throws -> Extraction {
        try NoticeExtractor().extract(bytes: Array(text.utf8), path: "notice.txt")
    }

    @Test func formulasAreNeutralisedForSpreadsheets() throws {
        let notice = try extraction("关于印发2023年工作要点的通知\n1.=HYPERLINK(\"http://x\")开展检查。（牵头单位：+市纪委；完成时限：6月底前）\n")
        let excel = String(decoding: CSVExporter(byteOrderMark: true).export([notice]).dropFirst(3), as: UTF8.self)
        #expect(excel.contains(",\"'=HYPERLINK(\"\"http://x\"\")开展检查。\","))
        #expect(excel.contains(",'+市纪委,"))
        let plain = String(decoding: CSVExporter().export([notice]), as: UTF8.self)
        #expect(plain.contains(",\"=HYPERLINK(\"\"http://x\"\")开展检查。\","))
        #expect(CSVExporter.neutralise("-1") == "'-1")
        #expect(CSVExporter.neutralise("@cmd") == "'@cmd")
        #expect(CSVExporter.neutralise("市财政局") == "市财政局")
    }

    @Test func jsonEscapesEveryScalarThatNeedsIt() throws {
        let text = "关于开展检查的通知\n1.市财政局牵头，9月底前完成\u{2028}分段\u{2029}与\u{1}控制\u{7}字符\"引号\"\\反斜杠。\n"
        let line = try JSONExporter.line(extraction(text))
        let json = String(decoding: line, as: UTF8.self)
        #expect(json.contains("\\u2028分段\\u2029与\\u0001控制\\u0007字符\\\"引号\\\"\\\\反斜杠"))
        #expect(!line.dropLast().contains(0x0A))
        let parsed = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        let tasks = parsed?["tasks"] as? [[String: Any]]
        #expect((tasks?.first?["text"] as? String)?.contains("\u{2028}分段\u{2029}") == true)
    }

    /// The string writer skips eight bytes at a time when none can need an escape; the word
    /// test must say yes exactly when one of the eight bytes is one the byte loop looks at.
    @Test func eightByteEscapeTestAgreesWithTheByteTest() {
        func needs(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 }
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } }
        for filler: UInt8 in [0x61, 0xE4, 0x20, 0xFF, 0x80, 0x21, 0xE3] {
            for byte in UInt8.min...UInt8.max {
                for position in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = byte
                    #expect(JSONStream.mayNeedEscape(word(bytes)) == bytes.contains(where: needs), "\(bytes)")
                }
            }
        }
        // Mixed words from a fixed linear congruential sequence (the same words every run).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: state >> (8 * UInt64($0))) }
            #expect(JSONStream.mayNeedEscape(word(bytes)) == bytes.contains(where: needs), "\(bytes)")
        }
    }

    @Test func invalidBytesNeverReachTheOutputAsLoneSurrogates() throws {
        // CESU-8 surrogate halves are invalid UTF-8: they become U+FFFD, never a lone surrogate.
        let bytes = Array("关于开展检查的通知\n1.市财政局牵头".utf8) + [0xED, 0xA0, 0x80] + Array("，9月底前完成。\n".utf8)
        let extraction = try NoticeExtractor().extract(bytes: bytes, path: "cesu.txt")
        let json = JSONExporter.document(OutputDocument(extraction))
        #expect((try? JSONSerialization.jsonObject(with: Data(json))) != nil)
        #expect(extraction.notice.diagnostics.contains { $0.code == "invalid-bytes" })
    }

    @Test func batchOutputPathsStayInsideTheFolder() {
        #expect(BatchInput.safeOutputPath("../../etc/passwd") == "etc/passwd")
        #expect(BatchInput.safeOutputPath("/abs/path/a.html") == "abs/path/a.html")
        #expect(BatchInput.safeOutputPath("a/./b/../c.html") == "a/b/c.html")
        #expect(BatchInput.safeOutputPath("bad\u{1}name:x.html") == "bad_name_x.html")
        #expect(BatchInput.safeOutputPath(".hidden/..") == "_hidden")
        #expect(BatchInput.safeOutputPath("..") == "input")
        let long = String(repeating: "长", count: 300)
        #expect(BatchInput.safeOutputPath(long).utf8.count <= 200)
    }
}
