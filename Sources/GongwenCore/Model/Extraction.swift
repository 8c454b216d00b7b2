/// Where an extraction's input came from and how it was read.
public struct SourceInfo: Sendable, Equatable, Codable {
    /// The input format, told from the content.
    public enum Format: String, Sendable, Codable {
        case html
        case text
        /// A Word document (Office Open XML).
        case docx
        /// An Excel workbook (Office Open XML).
        case xlsx
        /// A PDF's text layer (`pdftotext -layout`).
        case pdf
    }

    /// The path as given (`-` for standard input); never made absolute, so outputs do not
    /// depend on the machine.
    public var path: String
    /// Lower-case hex SHA-256 of the input bytes.
    public var sha256: String
    public var byteCount: Int
    public var format: Format
    /// The encoding the bytes were decoded from (`utf-8`, `gb18030` …).
    public var encoding: String
    /// Why that encoding was chosen (`bom`, `valid-utf8`, `declared:meta-charset`, `fallback`, `lossy`).
    public var encodingEvidence: String
    /// The page's URL, for a page read from a web archive (`WARC-Target-URI`).
    public var url: String?
    /// When the archive captured the page (`WARC-Date`), as printed there.
    public var archivedAt: String?
    /// The files attached to the notice that its page links, read with it (or not).
    public var attachments: [AttachedFile] = []

    public init(
        path: String, sha256: String, byteCount: Int, format: Format, encoding: String, encodingEvidence: String
    ) {
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
        self.format = format
        self.encoding = encoding
        self.encodingEvidence = encodingEvidence
    }

    private enum CodingKeys: String, CodingKey {
        case path, sha256, byteCount, format, encoding, encodingEvidence, url, archivedAt, attachments
    }

    /// Reads documents written before a field existed (`attachments`, schema 1.5) too.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        sha256 = try c.decode(String.self, forKey: .sha256)
        byteCount = try c.decode(Int.self, forKey: .byteCount)
        format = try c.decode(Format.self, forKey: .format)
        encoding = try c.decode(String.self, forKey: .encoding)
        encodingEvidence = try c.decode(String.self, forKey: .encodingEvidence)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        archivedAt = try c.decodeIfPresent(String.self, forKey: .archivedAt)
        attachments = try c.decodeIfPresent([AttachedFile].self, forKey: .attachments) ?? []
    }
}

/// A file a notice's page links as an attachment, and what became of it.
public struct AttachedFile: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Read: its blocks are the notice's `附件N` part.
        case read
        /// Linked, but not among the inputs (not saved beside the page, not in the archive).
        case missing
        /// Present but unreadable; `problem` says why.
        case failed
    }

    /// The attachment's number (`附件N`).
    public var number: Int
    /// The file as found: its path beside the page, or its URL in a web archive; the link's
    /// `href` when it was not found.
    public var path: String
    public var sha256: String?
    /// `docx`, `xlsx`, `pdf`, `doc` … (the link's extension when the file was not read).
    public var format: String
    public var status: Status
    public var problem: String?

    public init(number: Int, path: String, sha256: String?, format: String, status: Status, problem: String? = nil) {
        self.number = number
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.status = status
        self.problem = problem
    }
}

/// One input, read: its source facts and the notice found in it.
public struct Extraction: Sendable, Equatable {
    public var source: SourceInfo
    public var notice: Notice

    public init(source: SourceInfo, notice: Notice) {
        self.source = source
        self.notice = notice
    }
}
