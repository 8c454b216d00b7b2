import Foundation
import GongwenCore
import GongwenHTML

/// What a listing page (信息公开目录, 通知公告) offers: its notices with their dates, and its
/// other pages, in the forms CMSs print them.
///
/// - **Notices**: links whose row (the `li`, `tr`, `dd` or `p` holding them) prints a date
///   (`2017-09-08`, `2017/9/8`, `2017年9月8日`), in order; where no link has a dated row, links
///   to article-like pages (`.html`/`.htm`/`.shtml` whose name holds digits, `…/art/…`).
/// - **Pages**: a `下一页` / `下页` / `后页` / `next` / `›` / `»` link; links named `index_N.html`;
///   and a page count written in a script call (`createPageHTML(5, 0, "index", "html")`:
///   `index_1.html` … `index_4.html` beside the first page).
public enum ListingReader {
    public struct NoticeLink: Sendable, Equatable {
        public var url: String
        public var text: String
        public var date: CalendarDate?
    }

    public struct Listing: Sendable, Equatable {
        public var notices: [NoticeLink] = []
        public var pages: [String] = []
    }

    public static func read(_ bytes: [UInt8], url: String, charset: String?) -> Listing {
        let text = TextDecoder.decode(bytes, hint: charset).text
        guard let base = URL(string: url), let tree = try? HTMLParser.parse(text).tree else { return Listing() }
        var listing = Listing()
        var seen = Set<String>()
        var undated: [NoticeLink] = []
        for node in tree.subtree(tree.root) where tree.tagName(node) == "a" {
            guard let href = tree.attribute(.href, of: node)?.trimmingCharacters(in: .whitespacesAndNewlines), !href.isEmpty,
                !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:"), !href.lowercased().hasPrefix("mailto:"),
                let resolved = URL(string: href, relativeTo: base)?.absoluteURL
            else { continue }
            var absolute = resolved.absoluteString
            if let hash = absolute.firstIndex(of: "#") { absolute = String(absolute[..<hash]) }
            let label = tree.textContent(node).trimmingCharacters(in: .whitespacesAndNewlines)
            if isNextLabel(label) || isPageName(resolved.lastPathComponent) {
                if absolute != url, !listing.pages.contains(absolute) { listing.pages.append(absolute) }
                continue
            }
            guard absolute != url, seen.insert(absolute).inserted else { continue }
            let row = rowText(tree, node)
            let link = NoticeLink(url: absolute, text: label, date: firstDate(in: row))
            if link.date != nil {
                listing.notices.append(link)
            } else if looksLikeArticle(resolved) {
                undated.append(link)
            }
        }
        if listing.notices.isEmpty { listing.notices = undated }
        for page in scriptPages(text, base: base) where !listing.pages.contains(page) && page != url { listing.pages.append(page) }
        return listing
    }

    static func isNextLabel(_ label: String) -> Bool {
        let compact = label.replacingOccurrences(of: " ", with: "").lowercased()
        return ["下一页", "下页", "后页", "后一页", "next", "›", "»", ">", ">>", "下一页>", "下一页>>"].contains(compact)
    }

    /// `index_3.html`, `index_3.shtml`, `list_2.htm`.
    static func isPageName(_ name: String) -> Bool {
        name.wholeMatch(of: /(index|list|default)_[0-9]+\.(s?html?)/) != nil
    }

    static func looksLikeArticle(_ url: URL) -> Bool {
        let name = url.lastPathComponent.lowercased()
        guard name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".shtml") else { return false }
        return name.contains(where: \.isNumber) || url.path.contains("/art/")
    }

    /// The text of the row holding a link: its nearest `li`, `tr`, `dd`, `dt` or `p`, or its
    /// parent.
    static func rowText(_ tree: HTMLTree, _ link: HTMLTree.Node) -> String {
        var node = tree.parent(link)
        var steps = 0
        while let current = node, steps < 4 {
            if let name = tree.tagName(current), ["li", "tr", "dd", "dt", "p"].contains(name) { return tree.textContent(current) }
            node = tree.parent(current)
            steps += 1
        }
        return tree.parent(link).map { tree.textContent($0) } ?? ""
    }

    static func firstDate(in text: String) -> CalendarDate? {
        guard let match = text.firstMatch(of: /(20[0-9]{2}|19[0-9]{2})\s*[-\/.年]\s*([0-9]{1,2})\s*[-\/.月]\s*([0-9]{1,2})/) else {
            return nil
        }
        return CalendarDate(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!)
    }

    /// Pages a script call announces: `createPageHTML(N, current, "index", "html")` (TRS and
    /// its kin) names N pages, the first being `index.html`.
    static func scriptPages(_ text: String, base: URL) -> [String] {
        guard
            let match = text.firstMatch(
                of: /createPageHTML\(\s*['"]?([0-9]+)['"]?\s*,\s*['"]?([0-9]+)['"]?\s*,\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/),
            let count = Int(match.1), count > 1
        else { return [] }
        let stem = String(match.3)
        let suffix = String(match.4)
        return (1..<min(count, 10_000)).compactMap { URL(string: "\(stem)_\($0).\(suffix)", relativeTo: base)?.absoluteURL.absoluteString }
    }
}
