/// Everything read from one input: metadata, the numbered outline, tasks and diagnostics.
public struct Notice: Sendable, Equatable {
    public var metadata: NoticeMetadata
    /// The year relative deadlines belong to: the title's year, else the signing year, else the
    /// publish year.
    public var workYear: Int?
    public var parts: [Part]
    public var tasks: [WorkTask]
    public var diagnostics: [Diagnostic]
    /// The body's assignment cues with what became of each; filled only when asked for
    /// (`NoticeAnalyzer.analyze(_:hints:accountingCues:)`).
    public var cues: [Cue] = []

    public init(
        metadata: NoticeMetadata, workYear: Int?, parts: [Part], tasks: [WorkTask], diagnostics: [Diagnostic]
    ) {
        self.metadata = metadata
        self.workYear = workYear
        self.parts = parts
        self.tasks = tasks
        self.diagnostics = diagnostics
    }
}

/// Facts the page around the notice offers (HTML `<title>`, `<meta>`, disclosure grid), handed
/// from the HTML reader to the analysis. Plain text inputs have none.
public struct PageHints: Sendable, Equatable {
    /// The `<title>` text, with the site suffix still on.
    public var documentTitle: String?
    /// `<meta name=ArticleTitle>` and similar.
    public var metaTitle: String?
    /// `<meta name=PubDate>` and similar, as printed.
    public var metaPublished: String?
    /// A heading above the content region (`<h1>`, `.title`) that reads as a notice title.
    public var headingTitle: String?
    public var disclosure: [DisclosureField]

    public init(
        documentTitle: String? = nil, metaTitle: String? = nil, metaPublished: String? = nil,
        headingTitle: String? = nil, disclosure: [DisclosureField] = []
    ) {
        self.headingTitle = headingTitle
        self.documentTitle = documentTitle
        self.metaTitle = metaTitle
        self.metaPublished = metaPublished
        self.disclosure = disclosure
    }
}
