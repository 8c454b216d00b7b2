/// The kind of a numbering marker (DOMAIN.md §3), in the standard order of levels.
public enum MarkerStyle: String, Sendable, Codable, CaseIterable {
    /// `第一部分`
    case part
    /// `第一阶段`
    case stage
    /// `第一章`
    case chapter
    /// `第一节`
    case section
    /// `第一条`
    case article
    /// `一、`
    case chineseComma
    /// `（一）` or `(一)`
    case chineseParen
    /// `1.` `1、` `1．`
    case arabicDot
    /// `（1）` or `(1)`
    case arabicParen
    /// `①`
    case circled
}

extension MarkerStyle {
    /// The style's place in `allCases`.
    var ordinal: Int {
        switch self {
        case .part: 0
        case .stage: 1
        case .chapter: 2
        case .section: 3
        case .article: 4
        case .chineseComma: 5
        case .chineseParen: 6
        case .arabicDot: 7
        case .arabicParen: 8
        case .circled: 9
        }
    }
}

/// A value per marker style in a fixed array. (A dictionary keyed by the style hashed its
/// String raw value on every look-up, several times per numbered line.)
struct PerMarkerStyle<Value> {
    private var values: [Value?] = Array(repeating: nil, count: MarkerStyle.allCases.count)

    subscript(style: MarkerStyle) -> Value? {
        get { values[style.ordinal] }
        set { values[style.ordinal] = newValue }
    }

    mutating func removeAll() {
        for index in values.indices { values[index] = nil }
    }

    /// Forgets the values of every style not in `styles`.
    mutating func keep(only styles: [MarkerStyle]) {
        for index in values.indices where !styles.contains(where: { $0.ordinal == index }) { values[index] = nil }
    }
}

/// A numbering marker read at the start of a line.
public struct Marker: Sendable, Equatable, Codable {
    public var style: MarkerStyle
    /// The number the marker stands for (`（三）` → 3).
    public var value: Int
    /// The marker as printed, delimiter included (`（三）`, `1．`).
    public var printed: String

    public init(style: MarkerStyle, value: Int, printed: String) {
        self.style = style
        self.value = value
        self.printed = printed
    }
}

/// A numbered section of the outline, with its children.
///
/// ```
/// 附件1 全区政务公开重点任务分工和工作进度安排
/// └─ 一、紧扣…
///    ├─ （一）…
///    └─ （二）…
/// ```
public struct Section: Sendable, Equatable {
    public var marker: Marker?
    /// 1-based depth within its part.
    public var level: Int
    /// The heading text after the marker: up to the first `。`, or the whole line.
    public var title: String
    /// The full text of the section's own block (after the marker), without children.
    public var text: String
    public var children: [Section]
    public var source: SourceLocation

    public init(
        marker: Marker?, level: Int, title: String, text: String, children: [Section] = [], source: SourceLocation
    ) {
        self.marker = marker
        self.level = level
        self.title = title
        self.text = text
        self.children = children
        self.source = source
    }
}

/// A part of the notice: the main text, or one attachment (附件N).
public struct Part: Sendable, Equatable {
    /// 0 for the main text, N for 附件N.
    public var attachmentNumber: Int
    /// The part's title: the notice's own title, or the attachment's title line.
    public var title: String
    public var sections: [Section]
    public var source: SourceLocation

    public init(attachmentNumber: Int, title: String, sections: [Section], source: SourceLocation) {
        self.attachmentNumber = attachmentNumber
        self.title = title
        self.sections = sections
        self.source = source
    }

    /// `正文` for the main text, `附件N` for an attachment.
    public var label: String { attachmentNumber == 0 ? "正文" : "附件\(attachmentNumber)" }
}
