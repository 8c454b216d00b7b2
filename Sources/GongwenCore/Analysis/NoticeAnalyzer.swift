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
    public static func analyze(_ blocks: [Block], hints: PageHints = PageHints(), accountingCues: Bool = false) -> Notice {
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

        // Tasks in reading order; each remembers where it came from (a table or a section).
        var ordered: [(index: Int, task: WorkTask)] = []
        var tableTasks: [Range<Int>] = []
        var sectionTasks: [Int?] = []
        let notBefore = meta.metadata.signedOn ?? meta.metadata.publishedOn
        let tableReader = TaskTableReader(workYear: meta.workYear, notBefore: notBefore)
        for placed in outline.tables {
            let read = tableReader.read(placed.table, sectionPath: placed.sectionPath)
            diagnostics += read.diagnostics
            tableTasks.append(ordered.count..<(ordered.count + read.tasks.count))
            ordered += read.tasks.map { (placed.blockIndex, $0) }
        }
        var itemReader = ItemTaskReader(
            workYear: meta.workYear, firstListedLeads: FirstListedLead.isStated(in: content.map(\.text)), notBefore: notBefore)
        itemReader.standingRules = DocumentGenre.statesStandingRules(
            title: meta.metadata.title, markers: outline.sections.map(\.marker.style))
        for section in outline.sections {
            if let task = itemReader.read(section) {
                sectionTasks.append(ordered.count)
                ordered.append((section.blockIndex, task))
            } else {
                sectionTasks.append(nil)
            }
        }
        diagnostics += itemReader.diagnostics
        // Stable: rows of one table keep their order.
        let sorted = ordered.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
        let tasks = sorted.map(\.element.task)
        if blocks.isEmpty {
            diagnostics.append(Diagnostic(.warning, .blocks, code: "no-content", "the input has no text"))
        }
        var notice = Notice(
            metadata: meta.metadata, workYear: meta.workYear, parts: outline.parts, tasks: tasks, diagnostics: diagnostics)
        guard accountingCues else { return notice }

        // Where each read task ended up in reading order.
        var finalIndex = [Int](repeating: 0, count: ordered.count)
        for (position, entry) in sorted.enumerated() { finalIndex[entry.offset] = position }
        var accountant = CueAccountant(workYear: meta.workYear, notBefore: notBefore, tasks: tasks)
        for (placed, range) in zip(outline.tables, tableTasks) {
            accountant.account(
                table: placed.table, sectionPath: placed.sectionPath, line: placed.source.line,
                firstTask: range.first.map { finalIndex[$0] })
        }
        for (section, task) in zip(outline.sections, sectionTasks) {
            let ownPath = section.sectionPath + [section.marker.printed + section.title]
            var claimant = task.map { finalIndex[$0] }
            let reason: Cue.Reason?
            if itemReader.standingRules {
                reason = .standingRules
            } else if ItemTaskReader.isInAimsSection(section) {
                reason = .aimsSection
            } else if section.hasChildren {
                // A statement for the items below (`以下各项工作于年底前完成`) is claimed by the
                // first task that took it; anything else a section says is its own.
                let group = GroupStatement(scopedIn: section.text, workYear: meta.workYear, notBefore: notBefore)
                claimant = group.states ? tasks.firstIndex { $0.sectionPath.starts(with: ownPath) } : nil
                reason = claimant == nil ? .sectionWithItems : nil
            } else {
                reason = nil
            }
            accountant.account(section.text, lines: section.lines, sectionPath: ownPath, place: .item(task: claimant, reason: reason))
        }
        for (position, block) in content.enumerated() where block.kind != .table && !outline.itemBlocks.contains(position) {
            accountant.account(block.text, lines: [block.source.line], sectionPath: [], place: .outside)
        }
        notice.cues = accountant.cues.sorted { $0.line < $1.line }
        return notice
    }
}
