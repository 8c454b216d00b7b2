import Foundation
import GongwenOffice
import GongwenTestSupport
import Testing

@testable import Gongwen

/// Legacy office files and PDF through their converters (LibreOffice, poppler), saved by
/// LibreOffice from the seed's second task table (`scripts/make-office-fixtures.py`).
struct ConverterTests {
    static let office = Paths.repository + "/Tests/Fixtures/office/"
    static let soffice = Checkers.program("soffice", recordedAs: "SOFFICE")
    static let pdftotext = Checkers.program("pdftotext", recordedAs: "PDFTOTEXT")
    static let noLibreOffice = Checkers.skipReason(soffice != nil, missing: "LibreOffice (apt-get install libreoffice-writer-nogui)")
    static let noPoppler = Checkers.skipReason(pdftotext != nil, missing: "poppler's pdftotext (apt-get install poppler-utils)")

    /// A .doc and a .xls give the table their DOCX and XLSX give: 13 tasks.
    @Test(.disabled(if: noLibreOffice != nil, noLibreOffice.map { Comment(rawValue: $0) }), arguments: ["doc", "xls"])
    func legacyFilesAreConverted(_ format: String) throws {
        let read = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex2." + format)
        #expect(read.source.format == (format == "doc" ? .docx : .xlsx))
        #expect(read.source.encodingEvidence == "converted-by-libreoffice")
        let direct = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex2." + (format == "doc" ? "docx" : "xlsx"))
        #expect(read.notice.tasks.map(\.units) == direct.notice.tasks.map(\.units))
        #expect(read.notice.tasks.count == 13)
    }

    /// A legacy file saved without its extension (a download named `file`, an archived
    /// record) is told by the stream its compound-file directory names.
    @Test(.disabled(if: noLibreOffice != nil, noLibreOffice.map { Comment(rawValue: $0) }))
    func legacyFilesWithoutTheirExtension() throws {
        let word = try Paths.bytes(Self.office + "seed-annex2.doc")
        let sheet = try Paths.bytes(Self.office + "seed-annex2.xls")
        #expect(DocumentConverter.kind(extension: "", bytes: word) == .word)
        #expect(DocumentConverter.kind(extension: "", bytes: sheet) == .spreadsheet)
        #expect(try NoticeExtractor().extract(bytes: word, path: "download").notice.tasks.count == 13)
        // An encrypted OOXML file is a compound file too, but neither: a clear error.
        #expect(
            DocumentConverter.kind(extension: "", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 64))
                == nil)
    }

    /// A PDF's text layer is read; a PDF without one (a scan) is a clear error.
    @Test(.disabled(if: noPoppler != nil, noPoppler.map { Comment(rawValue: $0) }))
    func pdfTextAndScannedPDFs() throws {
        let read = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex2.pdf")
        #expect(read.source.format == .pdf)
        #expect(read.source.encodingEvidence == "pdftotext")
        #expect(read.notice.metadata.title == "全区政务服务重点任务分工和工作进度安排")
        // The table rebuilt from where its words stand reads as the DOCX it was saved from:
        // the same 13 tasks, texts, units and deadlines (merged deadline cells included).
        let direct = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex2.docx")
        #expect(read.notice.tasks.map(\.text) == direct.notice.tasks.map(\.text))
        #expect(read.notice.tasks.map(\.units) == direct.notice.tasks.map(\.units))
        #expect(read.notice.tasks.map(\.deadline?.raw) == direct.notice.tasks.map(\.deadline?.raw))
        // Three pages of the first table: every row read across the page breaks, with the
        // units of the DOCX. (Deadline cells merged across a page break print their text
        // once, on the first page, and are not carried: a PDF keeps no trace of that merge.)
        let long = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex1.pdf")
        let longDirect = try NoticeExtractor().extract(contentsOf: Self.office + "seed-annex1.docx")
        #expect(long.notice.tasks.map(\.text) == longDirect.notice.tasks.map(\.text))
        #expect(long.notice.tasks.map(\.units) == longDirect.notice.tasks.map(\.units))
        let deadlines = zip(long.notice.tasks, longDirect.notice.tasks).filter { $0.0.deadline != nil }
        #expect(deadlines.count == 13)
        #expect(deadlines.allSatisfy { $0.0.deadline?.raw == $0.1.deadline?.raw })
        // One blank page, no text: what a scanner's PDF looks like to pdftotext.
        let blank = """
            %PDF-1.4
            1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
            2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
            3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj
            trailer<</Root 1 0 R>>
            %%EOF
            """
        #expect(throws: ExtractionError.self) { try NoticeExtractor().extract(bytes: Array(blank.utf8), path: "scan.pdf") }
        do {
            _ = try NoticeExtractor().extract(bytes: Array(blank.utf8), path: "scan.pdf")
        } catch {
            #expect(error.description == "scan.pdf: a scanned PDF with no text layer: reading it needs OCR")
        }
    }
}
