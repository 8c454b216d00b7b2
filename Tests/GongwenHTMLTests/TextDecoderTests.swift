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

    /// Big5 bytes of a traditional-character notice line (35 characters, 19 of them ending in
    /// a trail byte below 0x7F): "關於開展檢查的通知：市財政局牽頭，區審計局配合，九月底前完成清理工作。"
    static let big5: [UInt8] = [
        0xC3, 0xF6, 0xA9, 0xF3, 0xB6, 0x7D, 0xAE, 0x69, 0xC0, 0xCB, 0xAC, 0x64, 0xAA, 0xBA, 0xB3, 0x71, 0xAA, 0xBE, 0xA1, 0x47,
        0xA5, 0xAB, 0xB0, 0x5D, 0xAC, 0x46, 0xA7, 0xBD, 0xB2, 0x6F, 0xC0, 0x59, 0xA1, 0x41, 0xB0, 0xCF, 0xBC, 0x66, 0xAD, 0x70,
        0xA7, 0xBD, 0xB0, 0x74, 0xA6, 0x58, 0xA1, 0x41, 0xA4, 0x45, 0xA4, 0xEB, 0xA9, 0xB3, 0xAB, 0x65, 0xA7, 0xB9, 0xA6, 0xA8,
        0xB2, 0x4D, 0xB2, 0x7A, 0xA4, 0x75, 0xA7, 0x40, 0xA1, 0x43,
    ]
    static let big5Text = "關於開展檢查的通知：市財政局牽頭，區審計局配合，九月底前完成清理工作。"

    /// Big5 without a label, or under a label that lies (utf-8, gbk), is told from GBK by its
    /// trail bytes; a GBK page labelled Big5 is read as GBK. Each lie is a warning.
    @Test func big5IsToldFromGBKWhateverTheLabelSays() {
        for meta in ["", "<meta charset=\"utf-8\">", "<meta charset=\"gbk\">", "<meta charset=\"big5\">"] {
            let decoded = TextDecoder.decode(page(meta, Self.big5))
            #expect(decoded.encoding == .big5, "\(meta)")
            #expect(decoded.text.contains(Self.big5Text), "\(meta)")
            #expect(decoded.replacements == 0)
            #expect(
                decoded.diagnostics.contains { $0.code == "declared-charset-wrong" }
                    == (meta == "<meta charset=\"gbk\">" || meta.contains("utf-8")))
        }
        // The same line in simplified characters, GBK bytes.
        let gbk: [UInt8] = [
            0xB9, 0xD8, 0xD3, 0xDA, 0xBF, 0xAA, 0xD5, 0xB9, 0xBC, 0xEC, 0xB2, 0xE9, 0xB5, 0xC4, 0xCD, 0xA8, 0xD6, 0xAA, 0xA3, 0xBA, 0xCA,
            0xD0, 0xB2, 0xC6, 0xD5, 0xFE, 0xBE, 0xD6, 0xC7, 0xA3, 0xCD, 0xB7, 0xA3, 0xAC, 0xC7, 0xF8, 0xC9, 0xF3, 0xBC, 0xC6, 0xBE, 0xD6,
            0xC5, 0xE4, 0xBA, 0xCF, 0xA3, 0xAC, 0xBE, 0xC5, 0xD4, 0xC2, 0xB5, 0xD7, 0xC7, 0xB0, 0xCD, 0xEA, 0xB3, 0xC9, 0xC7, 0xE5, 0xC0,
            0xED, 0xB9, 0xA4, 0xD7, 0xF7, 0xA1, 0xA3,
        ]
        let decoded = TextDecoder.decode(page("<meta charset=\"big5\">", gbk))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text.contains("市财政局牵头"))
        #expect(decoded.diagnostics.contains { $0.code == "declared-charset-wrong" && $0.message.contains("not Big5") })
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

    /// The prescan passes texts that never write `charset` at once; a declaration in any mix of
    /// cases is still read, up to the last bytes of the prescan and no further.
    @Test func declarationsAreFoundInAnyCaseWithinThePrescan() {
        for meta in ["<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; CHARSET=GBK\">", "<meta ChArSeT=gbk>"] {
            #expect(TextDecoder.declaredLabel(page(meta, []), hint: nil)?.label == "gbk", "\(meta)")
        }
        #expect(TextDecoder.declaredLabel(Array("市财政局牵头，9月底前完成。cc chars set".utf8), hint: nil) == nil)
        // A declaration whose `>` falls past the prescan is read; `charset` cut by it is not.
        let declaration = Array("<meta charset=gbk>".utf8)
        let fits = [UInt8](repeating: 0x20, count: TextDecoder.prescanLength - declaration.count + 1)
        #expect(TextDecoder.declaredLabel(fits + declaration, hint: nil)?.label == "gbk")
        let cut = [UInt8](repeating: 0x20, count: TextDecoder.prescanLength - "<meta chars".utf8.count)
        #expect(TextDecoder.declaredLabel(cut + declaration, hint: nil) == nil)
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
