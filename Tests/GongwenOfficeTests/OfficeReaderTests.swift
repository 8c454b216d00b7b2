import Foundation
import GongwenCore
import GongwenTestSupport
import Testing
import ZIPFoundation

@testable import GongwenOffice

/// Word and Excel files read into blocks: fixtures made by LibreOffice, python-docx and
/// openpyxl (`scripts/make-office-fixtures.py`), and hostile containers built here.
struct OfficeReaderTests {
    private func fixture(_ name: String) throws -> [UInt8] {
        try Paths.bytes(Paths.repository + "/Tests/Fixtures/office/" + name)
    }

    private func read(_ name: String) throws -> DOCXReader.Result {
        try OfficeDocument.read(try fixture(name), maximumBytes: 64 << 20, maximumTableCells: 1_000_000).result
    }

    private func texts(_ result: DOCXReader.Result) -> [String] {
        result.blocks.filter { $0.kind != .table }.map(\.text)
    }

    /// Word's automatic numbering prints as Word shows it: 一、 at level 0, （一） at level 1,
    /// 1. at level 2, a level restarting under each new parent, and a list whose level starts
    /// at 3 by an override.
    @Test func automaticNumberingIsPrinted() throws {
        let lines = texts(try read("numbered-list.docx"))
        #expect(
            lines == [
                "关于做好2023年政务公开工作的通知", "一、重点任务", "（一）推进决策公开",
                "1.完善决策公开目录。（牵头单位：区政务公开办；完成时限：2023年6月底前）",
                "2.规范意见征集程序。（牵头单位：区司法局；完成时限：2023年9月底前）", "（二）加强政策解读",
                "1.做好政策图解。（牵头单位：区融媒体中心；完成时限：2023年12月底前）", "二、保障措施", "（一）加强督查考核",
                "3.开展年度考核。（牵头单位：区政府办；完成时限：2023年11月底前）",
            ])
    }

    @Test func numberFormats() {
        #expect(WordNumbering.format(11, as: "chineseCounting") == "十一")
        #expect(WordNumbering.format(20, as: "chineseCountingThousand") == "二十")
        #expect(WordNumbering.format(105, as: "chineseCounting") == "一百零五")
        #expect(WordNumbering.format(3, as: "ideographTraditional") == "丙")
        #expect(WordNumbering.format(2, as: "decimalEnclosedCircle") == "②")
        #expect(WordNumbering.format(4, as: "upperRoman") == "IV")
        #expect(WordNumbering.format(28, as: "lowerLetter") == "bb")
    }

    /// A unit or deadline cell merged down two rows (w:vMerge) is copied into both rows, a
    /// category row spanning the table (w:gridSpan) fills every column; the copies are marked.
    @Test func mergedCellsFillTheGrid() throws {
        let result = try read("merged-cells.docx")
        let table = try #require(result.blocks.first { $0.kind == .table }?.table)
        #expect(table.rows.count == 5)
        #expect(table.rows[1].map(\.text) == Array(repeating: "一、推进重点领域信息公开", count: 4))
        #expect(table.rows[1].map(\.isSpanCopy) == [false, true, true, true])
        #expect(table.rows[3].map(\.text) == ["2", "公开政府债务信息。", "区财政局", "2023年8月底前"])
        #expect(table.rows[3][2].isSpanCopy && !table.rows[2][2].isSpanCopy)
        #expect(table.rows[3][2].source.path == "word/document.xml#tbl1" && table.rows[3][2].source.row == 4)
    }

    /// A sheet: dates in a date format as ISO days, whole numbers without `.0`, merged unit
    /// cells copied down, the hidden sheet left out.
    @Test func sheetsReadAsPrinted() throws {
        let result = try read("sheets.xlsx")
        #expect(result.blocks.filter { $0.kind == .heading }.map(\.text) == ["任务分工"])
        let table = try #require(result.blocks.first { $0.kind == .table }?.table)
        #expect(table.rows[2].map(\.text) == ["1", "公开财政预决算信息。", "区财政局", "区审计局", "2023-08-31", "12"])
        #expect(table.rows[3].map(\.text) == ["2", "公开政府债务信息。", "区财政局", "区审计局", "2023-09-30", "3.5"])
        #expect(table.rows[3][2].isSpanCopy)
        #expect(!table.rows.flatMap { $0 }.contains { $0.text.contains("草稿") })
    }

    @Test func excelSerialDays() {
        #expect(SheetReader.day(serial: 45169, date1904: false) == "2023-08-31")
        #expect(SheetReader.day(serial: 1, date1904: false) == "1900-01-01")
        #expect(SheetReader.day(serial: 61, date1904: false) == "1900-03-01")
        #expect(SheetReader.day(serial: 43707, date1904: true) == "2023-08-31")
        #expect(CellFormats.isDateFormat(164, "yyyy\"年\"m\"月\"d\"日\""))
        #expect(!CellFormats.isDateFormat(164, "0.00\"day\""))
    }

    /// The seed's two task tables, saved by LibreOffice as DOCX and XLSX, give the tables the
    /// page prints: a header and 33 or 13 rows. (In the workbook, the `附件N` line and the
    /// title above the table are cells of the sheet's first rows, as Calc puts them.)
    @Test(arguments: ["seed-annex1.docx", "seed-annex1.xlsx", "seed-annex2.docx", "seed-annex2.xlsx"])
    func theSeedsTablesSavedByLibreOffice(_ name: String) throws {
        let table = try #require(try read(name).blocks.first { $0.kind == .table }?.table)
        let header = try #require(table.rows.firstIndex { $0.first?.text == "序号" })
        #expect(table.rows.count - header - 1 == (name.contains("annex1") ? 33 : 13))
        #expect(header == (name.hasSuffix("xlsx") ? 2 : 0))
    }

    /// Without the converter, the error names the format and the Debian package to install.
    @Test func aMissingConverterIsNamed() throws {
        let doc = try fixture("seed-annex2.doc")
        #expect(DocumentConverter.kind(extension: "doc", bytes: doc) == .word)
        #expect(DocumentConverter.kind(extension: "bin", bytes: Array("%PDF-1.4".utf8)) == .pdf)
        do {
            _ = try DocumentConverter.convert(doc, kind: .word, fileExtension: "doc", searchPath: "/nonexistent")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == "a legacy Word or WPS document; reading it needs soffice: apt-get install libreoffice-writer-nogui")
        }
    }

    // MARK: - Hostile containers

    /// A container built here: entries by name and content.
    private func zip(_ entries: [(String, Data)], compressed: Bool = true) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-office-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for (name, content) in entries {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(content.count), compressionMethod: compressed ? .deflate : .none
            ) { position, size in content.subdata(in: Int(position)..<Int(position) + size) }
        }
        return Array(try Data(contentsOf: url))
    }

    private func failure(_ bytes: [UInt8], maximumBytes: Int = 1 << 20) -> String? {
        do {
            _ = try OfficeDocument.read(bytes, maximumBytes: maximumBytes, maximumTableCells: 1000)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func brokenContainersAreClearErrors() throws {
        #expect(failure(Array("PK\u{3}\u{4}not really a zip".utf8))?.contains("not an Office Open XML file") == true)
        let compound: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64)
        #expect(failure(compound)?.contains("password-protected") == true)
        let neither = try zip([("readme.txt", Data("hello".utf8))])
        #expect(failure(neither)?.contains("neither a Word document") == true)
        let truncated = Array(try fixture("merged-cells.docx").prefix(3000))
        #expect(failure(truncated) != nil)
    }

    /// Containers whose directory lies: each a clear error, never a trap. The first was found
    /// by the fuzzer (its local header offset points past the end; ZIPFoundation's in-memory
    /// reader trapped on it).
    @Test func lyingDirectoriesAreClearErrors() throws {
        let found = try Paths.bytes(Paths.repository + "/Tests/Fuzz/regressions/docx-local-header-past-end.docx")
        #expect(failure(found) != nil)
        let document = Data("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>".utf8)
        let good = try zip([("word/document.xml", document)])
        #expect(failure(good) == nil)
        // The central directory entry starts after the local header and its data.
        let directory = try #require(good.indices.last { good[$0..<min($0 + 4, good.count)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        func patched(_ offset: Int, _ value: UInt32) -> [UInt8] {
            var bytes = good
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
            return bytes
        }
        #expect(failure(patched(directory + 42, 0x7FFF_0000))?.contains("no local header") == true)  // offset past the end
        #expect(failure(patched(directory + 20, 0x7FFF_0000))?.contains("runs past the end") == true)  // compressed size
        #expect(failure(patched(directory + 24, 7))?.contains("where the directory says 7") == true)  // uncompressed size
        #expect(failure(patched(directory + 16, 0xDEAD_BEEF))?.contains("CRC-32") == true)
        var encrypted = good
        encrypted[directory + 8] |= 1
        #expect(failure(encrypted)?.contains("encrypted") == true)
    }

    /// A bomb: a part that inflates past the budget stops there, whatever size it declares.
    @Test func aZipBombStopsAtTheBudget() throws {
        let document = Data(
            ("<w:document xmlns:w=\"w\"><w:body>" + String(repeating: "<w:p><w:r><w:t>任务</w:t></w:r></w:p>", count: 200_000)
                + "</w:body></w:document>").utf8)
        let bomb = try zip([("word/document.xml", document)])
        #expect(bomb.count < document.count / 20)
        #expect(failure(bomb, maximumBytes: 1 << 20)?.contains("expands to more than 1048576 bytes") == true)
        #expect(failure(bomb, maximumBytes: 64 << 20) == nil)
    }

    /// A part that declares a DTD with an external entity: nothing is fetched or read, the
    /// reference stays unexpanded, the rest is read.
    @Test func externalEntitiesAreNeverLoaded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-secret-\(UUID().uuidString).txt")
        try Data("SECRET".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://\(secret.path)"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>
            <w:document xmlns:w="w"><w:body><w:p><w:r><w:t>开展检查&leak;&net;工作。</w:t></w:r></w:p></w:body></w:document>
            """
        let bytes = try zip([("word/document.xml", Data(xml.utf8))])
        let result = try OfficeDocument.read(bytes, maximumBytes: 1 << 20, maximumTableCells: 1000).result
        #expect(texts(result) == ["开展检查工作。"])
    }

    /// Entry names that climb out (`../x`, absolute) reach nothing: entries are read by name
    /// into memory, never written.
    @Test func entryNamesCannotEscape() throws {
        let document = Data("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>".utf8)
        let bytes = try zip([("../../escaped.txt", Data("x".utf8)), ("/etc/evil", Data("x".utf8)), ("word/document.xml", document)])
        #expect(texts(try OfficeDocument.read(bytes, maximumBytes: 1 << 20, maximumTableCells: 1000).result) == ["正文"])
    }

    /// A sheet of a million cells is cut at the table-cell bound, with a warning.
    @Test func aHugeSheetIsBounded() throws {
        var rows = ""
        for row in 1...2000 {
            rows += "<row r=\"\(row)\">" + (1...10).map { "<c t=\"inlineStr\"><is><t>格\($0)</t></is></c>" }.joined() + "</row>"
        }
        let sheet = "<worksheet xmlns=\"s\"><sheetData>\(rows)</sheetData></worksheet>"
        let workbook = "<workbook xmlns=\"s\"><sheets><sheet name=\"表\" sheetId=\"1\"/></sheets></workbook>"
        let bytes = try zip([("xl/workbook.xml", Data(workbook.utf8)), ("xl/worksheets/sheet1.xml", Data(sheet.utf8))])
        let result = try OfficeDocument.read(bytes, maximumBytes: 64 << 20, maximumTableCells: 5000).result
        #expect(result.diagnostics.contains { $0.code == "table-too-large" })
        #expect((result.blocks.first { $0.kind == .table }?.table?.rows.count ?? 0) <= 500)
    }
}
