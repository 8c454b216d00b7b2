@_exported import GongwenCore
import GongwenHTML
import GongwenOffice

/// Gongwen's front door: bytes of a saved notice in, an `Extraction` out.
///
/// ```swift
/// import Gongwen
///
/// let extraction = try NoticeExtractor().extract(contentsOf: "samples/seed.txt")
/// for task in extraction.notice.tasks {
///     print(task.number ?? "", task.units(.lead), task.deadline?.due as Any)
/// }
/// ```
public struct NoticeExtractor: Sendable {
    public var options: ExtractionOptions

    public init(options: ExtractionOptions = ExtractionOptions()) {
        self.options = options
    }

    /// Reads one input.
    ///
    /// - Parameters:
    ///   - bytes: The raw file: HTML in any common encoding, or plain text.
    ///   - path: How to name the input in the output and in errors (`-` for standard input).
    ///   - charsetHint: A charset from outside the bytes (an HTTP header), if known.
    ///   - sha256: The bytes' SHA-256 when the caller has it already (a batch hashes every
    ///     input to tell whether its output is current); computed otherwise.
    /// - Returns: The extraction; problems that still leave a result are diagnostics.
    /// - Throws: `ExtractionError` when nothing usable can be read.
    public func extract(
        bytes: [UInt8], path: String, charsetHint: String? = nil, sha256: String? = nil
    ) throws(ExtractionError) -> Extraction {
        let read = try readBlocks(bytes: bytes, path: path, charsetHint: charsetHint, sha256: sha256)
        var notice = NoticeAnalyzer.analyze(read.blocks, hints: read.hints, accountingCues: options.accountingCues)
        notice.diagnostics = read.diagnostics + notice.diagnostics
        return Extraction(source: read.source, notice: notice)
    }

    /// The first stages only: bytes to blocks, with the page's hints and the source facts.
    ///
    /// `gongwen blocks` prints these; they are what the analysis sees.
    public func readBlocks(
        bytes: [UInt8], path: String, charsetHint: String? = nil, sha256: String? = nil
    ) throws(ExtractionError) -> (blocks: [Block], hints: PageHints, source: SourceInfo, diagnostics: [Diagnostic]) {
        guard !bytes.isEmpty else { throw .empty(path: path) }
        guard bytes.count <= options.maximumBytes else {
            throw .tooLarge(path: path, bytes: bytes.count, limit: options.maximumBytes)
        }
        let fileExtension = Self.fileExtension(of: path)
        // Legacy office files and PDF go through their converter first.
        if let kind = DocumentConverter.kind(extension: fileExtension, bytes: bytes),
            kind == .pdf || !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        {
            let converted: DocumentConverter.Output
            do throws(DocumentConverter.Failure) {
                converted = try DocumentConverter.convert(bytes, kind: kind, fileExtension: fileExtension)
            } catch {
                throw .unreadableDocument(path: path, reason: error.description)
            }
            switch converted {
            case .office(let office):
                var read = try readBlocks(bytes: office, path: path + ".converted." + (kind == .word ? "docx" : "xlsx"), sha256: nil)
                read.source = SourceInfo(
                    path: path, sha256: sha256 ?? SHA256Digest.hex(bytes), byteCount: bytes.count, format: read.source.format,
                    encoding: "utf-8", encodingEvidence: "converted-by-libreoffice")
                return read
            case .blocks(let blocks):
                let source = SourceInfo(
                    path: path, sha256: sha256 ?? SHA256Digest.hex(bytes), byteCount: bytes.count, format: .pdf, encoding: "utf-8",
                    encodingEvidence: "pdftotext")
                return (blocks, PageHints(), source, [])
            }
        }
        // A .docx or .xlsx that is not a ZIP container is not what its name says.
        if fileExtension == "docx" || fileExtension == "xlsx", !OfficeDocument.mayBeOffice(bytes) {
            let kind = BinarySniffer.binaryKind(of: bytes) ?? "text"
            throw .unreadableDocument(path: path, reason: "not an Office Open XML file (.\(fileExtension)): the bytes are \(kind)")
        }
        // Word and Excel files are read from their XML parts: no decoding, no HTML.
        if OfficeDocument.mayBeOffice(bytes) {
            let read: (kind: OfficeDocument.Kind, result: DOCXReader.Result)
            do {
                read = try OfficeDocument.read(
                    bytes, maximumBytes: options.maximumBytes, maximumTableCells: options.reader.maximumTableCells)
            } catch {
                throw .unreadableDocument(path: path, reason: error.description)
            }
            let source = SourceInfo(
                path: path, sha256: sha256 ?? SHA256Digest.hex(bytes), byteCount: bytes.count,
                format: read.kind == .docx ? .docx : .xlsx, encoding: "utf-8", encodingEvidence: "office-open-xml")
            return (read.result.blocks, read.result.hints, source, read.result.diagnostics)
        }
        if let kind = BinarySniffer.binaryKind(of: bytes) { throw .binary(path: path, kind: kind) }
        let format = InputSniffer.format(of: bytes)
        let decoded = TextDecoder.decode(bytes, hint: charsetHint)
        var diagnostics = decoded.diagnostics
        let blocks: [Block]
        var hints = PageHints()
        switch format {
        case .html:
            do {
                let page = try HTMLPageReader.read(decoded.text, limits: options.reader)
                blocks = page.blocks
                hints = page.hints
                diagnostics += page.diagnostics
            } catch {
                throw .unparsable(path: path, reason: error.description)
            }
        case .text, .docx, .xlsx, .pdf:
            // (The sniffer tells only HTML from text: office files and PDF were read above.)
            blocks = TextBlockReader.read(decoded.text)
        }
        if let found = TraditionalScript.evidence(blocks) {
            diagnostics.append(
                Diagnostic(
                    .warning, .decode, code: "traditional-characters",
                    "the notice is in traditional characters (\(found)): its text and outline are read as written, but the rules "
                        + "for units, roles and deadlines read simplified Chinese, so tasks may be missed"))
        }
        let source = SourceInfo(
            path: path, sha256: sha256 ?? SHA256Digest.hex(bytes), byteCount: bytes.count, format: format,
            encoding: decoded.encoding.rawValue, encodingEvidence: decoded.evidence)
        return (blocks, hints, source, diagnostics)
    }

    /// The lower-case extension of a path's last component (`""` for none).
    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Reads a file.
    ///
    /// - Throws: `ExtractionError.unreadable` when the file cannot be read, and whatever
    ///   `extract(bytes:path:charsetHint:)` throws.
    ///
    /// A page is read with the files it links as attachments where they are saved beside it
    /// (`AttachmentFinder`), or in `attachmentFolder`.
    public func extract(contentsOf path: String, attachmentFolder: String? = nil) throws(ExtractionError) -> Extraction {
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path, limit: options.maximumBytes)
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw .unreadable(path: path, reason: reason)
            case .tooLarge(let path, let size, let limit): throw .tooLarge(path: path, bytes: size, limit: limit)
            }
        }
        let finder = AttachmentFinder(pagePath: path, extraFolder: attachmentFolder, maximumBytes: options.maximumBytes)
        return try extract(bytes: bytes, path: path, attachments: finder.find)
    }
}

/// Limits and switches for one extraction.
public struct ExtractionOptions: Sendable, Equatable {
    /// Inputs larger than this are refused with a clear error rather than read.
    public var maximumBytes: Int
    /// Bounds on the HTML reader: nesting depth and table size.
    public var reader: ReaderLimits
    /// Also list the body's assignment cues with what became of each (`Notice.cues`).
    public var accountingCues = false

    /// 64 MiB: the largest real notice page seen is under 1 MiB; archives hold far larger junk.
    public static let defaultMaximumBytes = 64 << 20

    public init(maximumBytes: Int = ExtractionOptions.defaultMaximumBytes, reader: ReaderLimits = ReaderLimits()) {
        self.maximumBytes = maximumBytes
        self.reader = reader
    }
}

/// Why an input produced no extraction. Every case names the input.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case binary(path: String, kind: String)
    case unparsable(path: String, reason: String)
    /// A Word, Excel or PDF file that cannot be read (damaged, encrypted, scanned, or a legacy
    /// format without its converter installed); the reason says which.
    case unreadableDocument(path: String, reason: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .empty(let path), .tooLarge(let path, _, _), .binary(let path, _),
            .unparsable(let path, _), .unreadableDocument(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .empty(let path): "\(path): the file is empty"
        case .tooLarge(let path, let bytes, let limit): "\(path): \(bytes) bytes is over the limit of \(limit) bytes"
        case .binary(let path, let kind): "\(path): not a notice: the bytes are \(kind)"
        case .unparsable(let path, let reason): "\(path): cannot parse HTML: \(reason)"
        case .unreadableDocument(let path, let reason): "\(path): \(reason)"
        }
    }
}

/// Whether a notice is written in traditional characters (a Big5 page, or a UTF-8 one from
/// Hong Kong or Taiwan): told by characters that only traditional text uses, common in any
/// notice (`於`, `關`, `開`, `會`, `區`, `單`, `責` …).
enum TraditionalScript {
    /// Characters of traditional text whose simplified forms differ and are what mainland
    /// notices print.
    static let markers = ScalarSet(
        "於關開會區縣單責務處協應門員書實說進現將當從還後並總級體條項們這個對與來時為發經過動國機構領導組織確認"
            .unicodeScalars)

    /// How many of the first 4,000 characters of the blocks are such characters, said in
    /// words, when there are enough of them (8, and one in fifty CJK characters); else nil.
    static func evidence(_ blocks: [Block]) -> String? {
        // (Read once: a static read per scalar is a lazy-initialisation check.)
        let markers = markers
        var seen = 0
        var han = 0
        var found = 0
        for block in blocks where seen < 4000 {
            var text = block.text
            text.withUTF8 { bytes in
                var index = 0
                while index < bytes.count, seen < 4000 {
                    let scalar = FoldedText.nextScalar(bytes, &index)
                    seen += 1
                    if scalar.value >= 0x3400, scalar.value <= 0x9FFF {
                        han += 1
                        if markers.contains(scalar) { found += 1 }
                    }
                }
            }
        }
        guard found >= 8, found * 50 >= han else { return nil }
        return "\(found) of its first \(han) Chinese characters are traditional forms"
    }
}
