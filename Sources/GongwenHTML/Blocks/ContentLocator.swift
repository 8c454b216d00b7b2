import GongwenCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the element that holds the notice itself, without the portal around it.
///
/// Scoring does not depend on knowing the site: every element gets the count of sentence
/// punctuation (`，。；：、`) in its non-link text. Starting at `<body>`, the locator descends
/// into the child that holds most of that punctuation for as long as the child keeps at least
/// `descendShare` of it; navigation, footers and link lists carry little punctuation and are
/// left behind. The CMS container hints of DOMAIN.md §1 (`#UCAP-CONTENT`, `.TRS_Editor`,
/// `#zoom` …) are only a boost: a hinted element wins when it holds at least `hintShare` of
/// the page's punctuation.
enum ContentLocator {
    /// A child must keep this share of its parent's punctuation for the locator to descend.
    /// Lower values cut off attachments printed in a sibling `<div>`; higher values stop at
    /// page wrappers. Calibrated on the bundled portal samples and the shared corpus pages.
    static let descendShare = 0.8
    /// A hinted container wins when it holds this share of the page's punctuation.
    static let hintShare = 0.5

    static let hintIDs: Set<String> = ["ucap-content", "zoom", "content", "article", "artibody", "fontzoom", "mainText"]
    static let hintClasses: Set<String> = [
        "trs_editor", "custom_unionstyle", "pages_content", "article-content", "wzy_content", "con_text", "content",
        "article_content", "art_con", "zw", "news_content", "detail-content", "view", "trs_word",
    ]

    /// The element that holds the notice (`body` itself when nothing narrower does).
    static func locate(_ body: HTMLTree.Node, in tree: HTMLTree) -> HTMLTree.Node {
        let punctuation = punctuationCounts(below: body, in: tree)
        func count(_ node: HTMLTree.Node) -> Int { Int(punctuation[node - body]) }
        var best = body
        while let child = scoredChildren(of: best, in: tree).max(by: { count($0) < count($1) }),
            Double(count(child)) >= descendShare * Double(count(best)), count(child) > 0
        {
            best = child
        }
        if let hinted = firstHinted(body, in: tree), Double(count(hinted)) >= hintShare * Double(count(body)), count(hinted) > 0 {
            // A hint inside the chosen region narrows it; a hint around it widens it to the
            // CMS's own container (which holds attachments the descent might cut off).
            return hinted
        }
        return best
    }

    /// The children that are scored: elements other than links.
    private static func scoredChildren(of node: HTMLTree.Node, in tree: HTMLTree) -> [HTMLTree.Node] {
        tree.children(node).filter { child in
            let tag = tree.tag(child)
            return tag != .text && tag != .a
        }
    }

    /// For every node of the subtree (by offset from `root`), the sentence punctuation in its
    /// text outside links. Children come after their parent in document order, so one pass
    /// from the end adds each node into its parent.
    private static func punctuationCounts(below root: HTMLTree.Node, in tree: HTMLTree) -> [Int32] {
        let range = tree.subtree(root)
        var counts = [Int32](repeating: 0, count: range.count)
        for node in range.reversed() {
            let tag = tree.tag(node)
            if tag == .text { counts[node - root] = countPunctuation(tree.textBytes(node)) }
            // A link's text never counts, in it or above it.
            guard node != root, tag != .a, let parent = tree.parent(node) else { continue }
            counts[parent - root] += counts[node - root]
        }
        return counts
    }

    /// The first hinted element in document order, outside links: nodes are in document
    /// order, so this is a scan of the subtree that jumps over each link's subtree.
    private static func firstHinted(_ node: HTMLTree.Node, in tree: HTMLTree) -> HTMLTree.Node? {
        if isHinted(node, in: tree) { return node }
        var current = node + 1
        let end = tree.subtree(node).upperBound
        while current < end {
            if tree.tag(current) == .a {
                current = tree.subtree(current).upperBound
                continue
            }
            if isHinted(current, in: tree) { return current }
            current += 1
        }
        return nil
    }

    /// `，。；：、（）` in UTF-8: EF BC 8C, E3 80 82, EF BC 9B, EF BC 9A, E3 80 81, EF BC 88, EF BC 89.
    /// Their lead bytes are found with `memchr` (vectorised): EF and E3 are never continuation
    /// bytes, and in Chinese text they lead little but punctuation, so the search jumps from
    /// mark to mark instead of stepping through every scalar.
    static func countPunctuation(_ bytes: ArraySlice<UInt8>) -> Int32 {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, bytes.count >= 3 else { return 0 }
            func count(lead: UInt8, _ isMark: (UInt8, UInt8) -> Bool) -> Int32 {
                var found: Int32 = 0
                var offset = 0
                // A mark needs its two following bytes: leads after `last` are not looked at.
                let last = bytes.count - 3
                while offset <= last, let hit = memchr(base + offset, Int32(lead), last - offset + 1) {
                    let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                    if isMark(bytes[at + 1], bytes[at + 2]) { found += 1 }
                    offset = at + 1
                }
                return found
            }
            return count(lead: 0xEF) { second, third in
                second == 0xBC && (third == 0x8C || third == 0x9B || third == 0x9A || third == 0x88 || third == 0x89)
            }
                + count(lead: 0xE3) { second, third in second == 0x80 && (third == 0x82 || third == 0x81) }
        }
    }

    static func isHinted(_ node: HTMLTree.Node, in tree: HTMLTree) -> Bool {
        let tag = tree.tag(node)
        if tag == .text { return false }
        if tag == .ucapcontent { return true }
        guard tree.hasAttributes(node) else { return false }
        if let id = tree.lowercasedAttribute(.id, of: node), hintIDBytes.contains(id) { return true }
        if let classes = tree.lowercasedAttribute(.class, of: node) {
            return classes.split(separator: 0x20).contains { hintClassBytes.contains(Array($0)) }
        }
        return false
    }

    /// The hints as lower-case UTF-8 (all ASCII), compared without making Strings: every
    /// element of a page with attributes is asked.
    private static let hintIDBytes: Set<[UInt8]> = Set(hintIDs.map { Array($0.lowercased().utf8) })
    private static let hintClassBytes: Set<[UInt8]> = Set(hintClasses.map { Array($0.lowercased().utf8) })
}
