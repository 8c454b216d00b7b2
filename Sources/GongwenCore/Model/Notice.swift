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
    /// Links to attached files (`附件：1.重点任务分工表.docx`): their `href` as printed and
    /// their text, in page order.
    public var attachmentLinks: [AttachmentLink] = []

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

/// A link from a page to a file attached to its notice.
public struct AttachmentLink: Sendable, Equatable, Hashable {
    public var href: String
    public var text: String

    public init(href: String, text: String) {
        self.href = href
        self.text = text
    }

    /// The file extensions of attachments a notice's tasks may be in.
    public static let extensions: Set<String> = ["doc", "docx", "xls", "xlsx", "wps", "et", "pdf"]

    /// The lower-case extension of an `href`'s path (query and fragment left out), when it is an
    /// attachment's.
    public static func attachmentExtension(of href: String) -> String? {
        var path = Substring(href)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let found = path[path.index(after: dot)...].lowercased()
        return extensions.contains(found) ? found : nil
    }
}
