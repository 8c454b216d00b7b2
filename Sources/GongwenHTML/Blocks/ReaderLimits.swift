/// Bounds on what the HTML reader builds from one page (README "Hostile input").
public struct ReaderLimits: Sendable, Equatable {
    /// Elements nested deeper than this are flattened: their text is kept, their structure not.
    public var maximumDepth: Int
    /// A table resolving to more grid positions than this is read as a container (its cells
    /// become blocks) and a warning says so.
    public var maximumTableCells: Int

    public static let defaultMaximumDepth = 512
    public static let defaultMaximumTableCells = 1_000_000

    public init(maximumDepth: Int = defaultMaximumDepth, maximumTableCells: Int = defaultMaximumTableCells) {
        self.maximumDepth = max(1, maximumDepth)
        self.maximumTableCells = max(1, maximumTableCells)
    }
}
