import GongwenCore
import Testing

@testable import GongwenHTML

/// Every case of STYLE.md's encoding table, plus the traps libxml2 falls into on its own.
struct TextDecoderTests {
    /// GBK bytes of a short notice line, with GBK-only characters: 镕 (E9 46) and 堃 (88 D2).
    /// Written as bytes so that no fixture file is needed: "朱镕基 王堃 通知".
    static let gbkRare: [UInt8] = [0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9, 0x20, 0xCD, 0xF5, 0x88, 0xD2, 0x20, 0xCD, 0xA8, 0xD6, 0xAA]
    static let gbkRareText = "朱镕基 王堃 通知"

    private func page(_ meta: String, _ body: [UInt8]) -> [UInt8] {
        Array("<html><head>\(meta)<title>t</title></head><body><p>".utf8) + body + Array("</p></body></html>".utf8)
    }

    @Test func utf8WithBOM() {
        let decoded = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("通知".utf8))
        #expect(decoded.text == "通知")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.evidence == "bom")
    }

    @Test func utf8WithoutBOM() {
        let decoded = TextDecoder.decode(Array("关于印发的通知".utf8))
        #expect(decoded.text == "关于印发的通知")
        #expect(decoded.evidence == "valid-utf8")
    }

    @Test func gb2312LabelWithGBKOnlyCharacters() {
        let decoded = TextDecoder.decode(page("<meta charset=\"gb2312\">", Self.gbkRare))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.evidence == "declared:meta-charset")
        #expect(decoded.text.contains(Self.gbkRareText))
        #expect(decoded.replacements == 0)
    }

    @Test(arguments: ["gbk", "GBK", "x-gbk", "gb_2312-80", "cp936", "windows-936", "GB2312"])
    func everyGBLabelDecodesAsGB18030(_ label: String) {
        let decoded = TextDecoder.decode(page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\">", Self.gbkRare))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.evidence == "declared:meta-http-equiv")
        #expect(decoded.text.contains(Self.gbkRareText))
    }

    /// libxml2 alone returns an empty document for UTF-8 bytes under a gb2312 meta.
    @Test func utf8BytesUnderAGB2312Label() {
        let decoded = TextDecoder.decode(page("<meta charset=\"gb2312\">", Array("朱镕基 王堃 通知".utf8)))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text.contains(Self.gbkRareText))
        #expect(decoded.diagnostics.map(\.code) == ["declared-charset-ignored"])
    }

    /// libxml2 alone makes Latin-1 mojibake of GBK bytes under a lying utf-8 label.
    @Test func lyingUTF8Label() {
        let decoded = TextDecoder.decode(page("<meta charset=\"utf-8\">", Self.gbkRare))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text.contains(Self.gbkRareText))
        #expect(decoded.diagnostics.map(\.code) == ["declared-charset-wrong"])
    }

    @Test func noDeclarationFallsBackToGB18030() {
        let decoded = TextDecoder.decode(page("", Self.gbkRare))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.evidence == "fallback")
        #expect(decoded.text.contains(Self.gbkRareText))
    }

    @Test func titleBeforeTheMetaIsStillFound() {
        let bytes = Array("<html><head><title>t</title><meta charset=gbk></head><body>".utf8) + Self.gbkRare
        #expect(TextDecoder.decode(bytes).evidence == "declared:meta-charset")
    }

    @Test func savedHTTPHeadersDeclareTheCharset() {
        let bytes = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n<html><body>".utf8) + Self.gbkRare
        let decoded = TextDecoder.decode(bytes)
        #expect(decoded.evidence == "declared:http-header")
        #expect(decoded.text.contains(Self.gbkRareText))
    }

    @Test func callerHintComesFirst() {
        #expect(TextDecoder.decode(Self.gbkRare, hint: "gbk").evidence == "declared:hint")
    }

    @Test func unknownLabelIsDiagnosedAndSkipped() {
        let decoded = TextDecoder.decode(page("<meta charset=\"klingon-8\">", Self.gbkRare))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.diagnostics.map(\.code) == ["unknown-charset"])
    }

    @Test func invalidBytesBecomeReplacementCharactersWithAWarning() {
        // A GBK page cut in the middle of a character, and a stray 0xFF.
        let decoded = TextDecoder.decode(Array("<p>".utf8) + Self.gbkRare + [0xFF, 0x41] + [0xD6])
        #expect(decoded.replacements >= 1)
        #expect(decoded.text.contains("\u{FFFD}"))
        #expect(decoded.text.contains(Self.gbkRareText))
        #expect(decoded.diagnostics.contains { $0.code == "invalid-bytes" && $0.severity == .warning })
    }

    @Test func utf16WithBOM() {
        let le: [UInt8] = [0xFF, 0xFE] + "通知 1".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + "通知 1".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextDecoder.decode(le).text == "通知 1")
        #expect(TextDecoder.decode(be).text == "通知 1")
    }

    @Test func utf16WithoutBOM() {
        let le: [UInt8] = "<html><body>通知</body></html>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decoded = TextDecoder.decode(le)
        #expect(decoded.encoding == .utf16LE)
        #expect(decoded.text == "<html><body>通知</body></html>")
    }

    @Test func labelTable() {
        #expect(DetectedEncoding.fromLabel(" GB2312 ") == .gb18030)
        #expect(DetectedEncoding.fromLabel("UTF8") == .utf8)
        #expect(DetectedEncoding.fromLabel("big5") == .big5)
        #expect(DetectedEncoding.fromLabel("nonsense") == nil)
    }
}
