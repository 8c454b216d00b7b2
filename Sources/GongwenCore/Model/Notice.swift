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
        var href = href
        return href.withUTF8 { attachmentExtension(ofUTF8: $0) }
    }

    /// `attachmentExtension(of:)` on an `href`'s UTF-8 bytes (an attribute's, before any String
    /// is made of it): every link of every page is asked, and most are not attachments.
    public static func attachmentExtension(ofUTF8 href: UnsafeBufferPointer<UInt8>) -> String? {
        var end = href.count
        if let cut = href.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { end = cut }
        // The longest extension is four letters: the dot is looked for among the last five bytes.
        var dot = end - 1
        while dot >= 0, end - dot <= 5, href[dot] != UInt8(ascii: ".") {
            if href[dot] == UInt8(ascii: "/") { return nil }
            dot -= 1
        }
        guard dot >= 0, href[dot] == UInt8(ascii: "."), dot + 1 < end else { return nil }
        var found = ""
        for byte in href[(dot + 1)..<end] {
            guard byte < 0x80 else { return nil }
            found.unicodeScalars.append(Unicode.Scalar((0x41...0x5A).contains(byte) ? byte + 0x20 : byte))
        }
        return extensions.contains(found) ? found : nil
    }
}
