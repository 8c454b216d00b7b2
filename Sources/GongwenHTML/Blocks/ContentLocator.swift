import GongwenCore

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

    static func locate(_ body: HTMLNode) -> HTMLNode {
        node(at: locatePath(body), in: body)
    }

    /// The content element's place below `body`: the index into `children` at each level.
    static func locatePath(_ body: HTMLNode) -> [Int] {
        let scores = Scored(body, path: [])
        var best = scores
        while let child = best.children.max(by: { $0.punctuation < $1.punctuation }),
            Double(child.punctuation) >= descendShare * Double(best.punctuation), child.punctuation > 0
        {
            best = child
        }
        if let hinted = scores.firstHinted(), Double(hinted.punctuation) >= hintShare * Double(scores.punctuation),
            hinted.punctuation > 0
        {
            // A hint inside the chosen region narrows it; a hint around it widens it to the
            // CMS's own container (which holds attachments the descent might cut off).
            return hinted.path
        }
        return best.path
    }

    /// The node at an index path below `root`.
    static func node(at path: [Int], in root: HTMLNode) -> HTMLNode {
        var node = root
        for index in path { node = node.children[index] }
        return node
    }

    /// An element with its punctuation count and scored children.
    private final class Scored {
        let node: HTMLNode
        let path: [Int]
        let children: [Scored]
        let punctuation: Int

        init(_ node: HTMLNode, path: [Int]) {
            self.node = node
            self.path = path
            var own = 0
            var scoredChildren: [Scored] = []
            for (index, child) in node.children.enumerated() {
                switch child.kind {
                case .text(let text):
                    own += Self.countPunctuation(text)
                case .element(let tag):
                    if tag == "a" { continue }
                    scoredChildren.append(Scored(child, path: path + [index]))
                }
            }
            children = scoredChildren
            punctuation = own + scoredChildren.reduce(0) { $0 + $1.punctuation }
        }

        func firstHinted() -> Scored? {
            if ContentLocator.isHinted(node) { return self }
            for child in children {
                if let found = child.firstHinted() { return found }
            }
            return nil
        }

        static func countPunctuation(_ text: String) -> Int {
            var count = 0
            for scalar in text.unicodeScalars {
                switch scalar {
                case "，", "。", "；", "：", "、", "（", "）": count += 1
                default: continue
                }
            }
            return count
        }
    }

    static func isHinted(_ node: HTMLNode) -> Bool {
        guard let tag = node.tag else { return false }
        if tag == "ucapcontent" { return true }
        if let id = node[attribute: "id"]?.lowercased(), hintIDs.contains(id) { return true }
        if let classes = node[attribute: "class"]?.lowercased().split(separator: " ") {
            return classes.contains { hintClasses.contains(String($0)) }
        }
        return false
    }
}
