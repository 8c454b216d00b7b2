/// Where an extraction's input came from and how it was read.
public struct SourceInfo: Sendable, Equatable, Codable {
    /// The input format, told from the content.
    public enum Format: String, Sendable, Codable {
        case html
        case text
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
