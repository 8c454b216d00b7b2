import Gongwen
import GongwenExport
import GongwenOffice

/// libFuzzer's entry point: the whole pipeline from bytes (HTML, text, DOCX and XLSX
/// containers), then both exporters; and the PDF table reader from `pdftotext -tsv` output.
///
/// Any input must give an extraction or a clean `ExtractionError`; a crash, a hang, a leak or
/// an out-of-memory is a bug. Outputs are encoded so that the exporters are fuzzed too, and the
/// JSON is read back so that what is written can always be read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // pdftotext's word boxes (what a PDF becomes) go to the PDF table reader directly; a PDF
    // itself is not fuzzed here (its reader is poppler, run as a separate process).
    if bytes.starts(with: Array("level\tpage_num".utf8)) {
        _ = PDFLayoutReader.read(tsv: String(decoding: bytes, as: UTF8.self))
        return 0
    }
    if bytes.starts(with: Array("%PDF".utf8)) { return 0 }
    let extractor = NoticeExtractor(options: ExtractionOptions(maximumBytes: 1 << 20))
    guard let extraction = try? extractor.extract(bytes: bytes, path: "fuzz") else { return 0 }
    _ = CSVExporter(byUnit: true, byteOrderMark: true).export([extraction])
    _ = OutlineRenderer.render(extraction.notice)
    if let json = try? JSONExporter.document(extraction) {
        guard (try? JSONImporter.document(json)) != nil else { fatalError("written JSON cannot be read back") }
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<module>_main`; libFuzzer's driver is started from
/// here instead of from its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("gongwen_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzz)
}
