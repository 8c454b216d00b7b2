/// An HTML element or text run, copied out of libxml2's tree.
///
/// The libxml2 document is freed before `HTMLParser.parse` returns; everything after it works
/// on these values, so no C pointer outlives the parse and no node-lifetime rule exists.
public struct HTMLNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case element(String)
        case text(String)
    }

    public var kind: Kind
    /// The attributes the block reader uses (class, id, style, align, rowspan, colspan,
    /// name, content, http-equiv, charset), lower-cased names.
    public var attributes: [String: String]
    public var children: [HTMLNode]
    /// The line libxml2 reports for the node (1-based; 0 when unknown).
    public var line: Int

    public init(kind: Kind, attributes: [String: String] = [:], children: [HTMLNode] = [], line: Int = 0) {
        self.kind = kind
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The lower-cased tag name, or nil for text.
    public var tag: String? {
        if case .element(let name) = kind { return name }
        return nil
    }

    public subscript(attribute name: String) -> String? { attributes[name] }

    /// All text below this node, concatenated as stored.
    public var textContent: String {
        switch kind {
        case .text(let text): return text
        case .element:
            var result = ""
            for child in children { result += child.textContent }
            return result
        }
    }

    /// Depth-first search for the first element satisfying `predicate`.
    public func first(where predicate: (HTMLNode) -> Bool) -> HTMLNode? {
        if predicate(self) { return self }
        for child in children {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }

    /// Every element below (and including) this node satisfying `predicate`, in document order.
    public func all(where predicate: (HTMLNode) -> Bool) -> [HTMLNode] {
        var result: [HTMLNode] = []
        func visit(_ node: HTMLNode) {
            if predicate(node) { result.append(node) }
            for child in node.children { visit(child) }
        }
        visit(self)
        return result
    }

    /// Whether the `class` attribute holds `name` as one of its words.
    public func hasClass(_ name: String) -> Bool {
        guard let value = attributes["class"] else { return false }
        return value.split(separator: " ").contains { $0 == name }
    }
}
