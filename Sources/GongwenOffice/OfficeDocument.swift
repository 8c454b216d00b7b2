import GongwenCore

/// An Office Open XML file of either kind, told by its parts: a Word document has
/// `word/document.xml`, a workbook `xl/workbook.xml`.
public enum OfficeDocument {
    public enum Kind: String, Sendable {
        case docx
        case xlsx
    }

    /// Whether the bytes open like a ZIP container (every DOCX and XLSX) or an OLE compound
    /// file (an encrypted one, or a legacy `.doc`/`.xls`).
    public static func mayBeOffice(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Reads a DOCX or XLSX into blocks.
    public static func read(_ bytes: [UInt8], maximumBytes: Int, maximumTableCells: Int) throws(DOCXReader.Failure)
        -> (kind: Kind, result: DOCXReader.Result)
    {
        // The container is opened once: its directory tells the kind, its parts are read.
        var archive = try DOCXReader.opening(bytes, maximumBytes: maximumBytes)
        if archive.contains("word/document.xml") {
            return (.docx, try DOCXReader.saying { try DOCXReader.read(&archive, maximumTableCells: maximumTableCells) })
        }
        if archive.contains("xl/workbook.xml") {
            return (.xlsx, try DOCXReader.saying { try XLSXReader.read(&archive, maximumTableCells: maximumTableCells) })
        }
        throw .container("a ZIP archive that is neither a Word document (word/document.xml) nor a workbook (xl/workbook.xml)")
    }
}
