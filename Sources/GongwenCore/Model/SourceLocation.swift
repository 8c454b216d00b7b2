/// Where a block, section or task came from in the input.
///
/// For plain text only `line` is set. For HTML, `line` is the line of the element that holds the
/// text (as libxml2 reports it) and `path` is a short element path such as `body/div[2]/p[7]`.
/// A table cell adds its 1-based `row` and `column` in the resolved grid.
public struct SourceLocation: Sendable, Equatable, Hashable, Codable {
    /// 1-based line number in the decoded input.
    public var line: Int
    /// Element path for HTML inputs.
    public var path: String?
    /// 1-based row of a table cell in the resolved grid.
    public var row: Int?
    /// 1-based column of a table cell in the resolved grid.
    public var column: Int?

    public init(line: Int, path: String? = nil, row: Int? = nil, column: Int? = nil) {
        self.line = line
        self.path = path
        self.row = row
        self.column = column
    }

    /// The same location narrowed to one cell of a table.
    public func cell(row: Int, column: Int) -> SourceLocation {
        SourceLocation(line: line, path: path, row: row, column: column)
    }
}
