/// Runs the analysis stages over a notice's blocks: metadata, outline, tasks.
///
/// ```
/// [Block] ─┬─ MetadataExtractor ─→ NoticeMetadata, work year
///          ├─ ChromeFilter ─→ OutlineBuilder ─→ [Part], tables, numbered items
///          └─ TaskTableReader (tables) + ItemTaskReader (items) ─→ [WorkTask] in reading order
/// ```
public enum NoticeAnalyzer {
    /// Analyses blocks read from one input.
    ///
    /// - Parameters:
    ///   - blocks: The blocks in reading order (from `TextBlockReader` or the HTML reader).
    ///   - hints: What the page around the notice says (HTML only).
    /// - Returns: The notice; never throws, problems are diagnostics.
    public static func analyze(_ blocks: [Block], hints: PageHints = PageHints()) -> Notice {
        let meta = MetadataExtractor().extract(blocks, hints: hints)
        var diagnostics = meta.diagnostics
        var content: [Block] = []
        content.reserveCapacity(blocks.count)
        for (index, block) in blocks.enumerated() where index != meta.titleBlock && !ChromeFilter.isChrome(block) {
            content.append(block)
        }
        let outline = OutlineBuilder().build(
            content, mainTitle: meta.metadata.title, mainSource: meta.titleBlock.map { blocks[$0].source })
        diagnostics += outline.diagnostics

        var ordered: [(index: Int, task: WorkTask)] = []
        let notBefore = meta.metadata.signedOn ?? meta.metadata.publishedOn
        let tableReader = TaskTableReader(workYear: meta.workYear, notBefore: notBefore)
        for placed in outline.tables {
            let read = tableReader.read(placed.table, sectionPath: placed.sectionPath)
            diagnostics += read.diagnostics
            ordered += read.tasks.map { (placed.blockIndex, $0) }
        }
        var itemReader = ItemTaskReader(
            workYear: meta.workYear, firstListedLeads: FirstListedLead.isStated(in: content.map(\.text)), notBefore: notBefore)
        itemReader.standingRules = DocumentGenre.statesStandingRules(
            title: meta.metadata.title, markers: outline.sections.map(\.marker.style))
        for section in outline.sections {
            if let task = itemReader.read(section) {
                ordered.append((section.blockIndex, task))
            }
        }
        diagnostics += itemReader.diagnostics
        // Stable: rows of one table keep their order.
        let tasks = ordered.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
            .map(\.element.task)
        if blocks.isEmpty {
            diagnostics.append(Diagnostic(.warning, .blocks, code: "no-content", "the input has no text"))
        }
        return Notice(
            metadata: meta.metadata, workYear: meta.workYear, parts: outline.parts, tasks: tasks, diagnostics: diagnostics)
    }
}
