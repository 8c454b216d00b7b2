/// Segments the notice's blocks into parts (main text, 附件N) and numbered sections.
///
/// Levels are not fixed by marker style: the first style met opens level 1, a new style nests
/// under the current item, and a style already on the stack closes everything below it. This
/// follows the standard order `一、` → `（一）` → `1.` → `（1）` → `①` when a notice uses it, and
/// still works when levels are skipped (a body with only `一、` and `1.`) or regulations use
/// `第一章` / `第一条` (DOMAIN.md §3). Each attachment restarts the stack.
///
/// ```
/// 正文
/// ├─ 一、全面深入推进政务公开
/// └─ 二、围绕稳增长…
/// 附件1 全区政务公开重点任务分工和工作进度安排
/// └─ (table)
/// ```
struct OutlineBuilder {
    /// A table met while segmenting, with the titles of the part and sections around it.
    struct PlacedTable {
        var table: Table
        var sectionPath: [String]
        var blockIndex: Int
        var source: SourceLocation
    }

    /// A numbered item with the text that belongs to it (its own block and its continuation).
    struct PlacedSection {
        var sectionPath: [String]
        /// The section path without its part (a slice of `sectionPath`).
        var ancestors: ArraySlice<String>
        /// The columns of a glued task-table header above this item in its part, if any.
        var gluedColumns: [ColumnRole]?
        var marker: Marker
        /// The section's title (`TitleRules.sectionTitle` of its text).
        var title: String
        var text: String
        var hasChildren: Bool
        var blockIndex: Int
        var source: SourceLocation
        /// The source line of each line of `text` (its `\n`-separated pieces).
        var lines: [Int] = []
    }

    struct Result {
        var parts: [Part] = []
        var tables: [PlacedTable] = []
        var sections: [PlacedSection] = []
        /// The blocks that are a numbered item's text (its marker line or a continuation).
        var itemBlocks: Set<Int> = []
        var diagnostics: [Diagnostic] = []
    }

    /// Longest text of a line that may still be a heading without a marker (an attachment title,
    /// a wrapped document's title). Body paragraphs run far longer and end in `。`.
    static let headingMaxLength = 40

    /// How much of each line's compact key the outline reads: the rules look at a short line
    /// (a heading runs to 40 scalars) or at the start of a line; a longer line that may be a
    /// glued table header is left to `GluedTableReader.header`.
    static let keyLength = headingMaxLength

    /// Segments blocks. `mainTitle` titles part 0, printed at `mainSource` when known.
    func build(_ blocks: [Block], mainTitle: String?, mainSource: SourceLocation? = nil) -> Result {
        var result = Result()
        var flat: [FlatItem] = []
        var partStart = 0
        var partNumber = 0
        var partTitle = mainTitle ?? ""
        var partSource = mainSource ?? blocks.first?.source ?? SourceLocation(line: 1)
        var stack: [MarkerStyle] = []
        var lastValue = PerMarkerStyle<Int>()
        var inAttachmentList = false
        var continuing = false
        var gluedColumns: [ColumnRole]?
        var index = 0

        func closePart() {
            foldFieldChildren(&flat, from: partStart)
            let sections = nest(flat[partStart...])
            result.parts.append(Part(attachmentNumber: partNumber, title: partTitle, sections: sections, source: partSource))
            partStart = flat.count
        }

        while index < blocks.count {
            let block = blocks[index]
            defer { index += 1 }
            if block.kind == .table, let table = block.table {
                continuing = false
                let path = [partLabel(partNumber, partTitle)] + currentPath(flat[partStart...])
                result.tables.append(PlacedTable(table: table, sectionPath: path, blockIndex: index, source: block.source))
                continue
            }
            let text = block.text
            // Every rule below looks at a short line or at the start of a line: 40 scalars of
            // the compact key are enough, and `isWhole` tells a short line (most lines are long
            // paragraphs, of which only the start is folded).
            let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: Self.keyLength)
            // 附件N alone on a line opens an attachment; the next line is its title.
            if isWhole, key.utf8.count <= 24, key.scalarCount <= 6, let number = AttachmentHeading.read(key),
                !opensAttachmentList(key, next: index + 1 < blocks.count ? blocks[index + 1] : nil)
            {
                closePart()
                partNumber = number
                partSource = block.source
                partTitle = ""
                stack.removeAll()
                lastValue.removeAll()
                gluedColumns = nil
                continuing = false
                inAttachmentList = false
                var titleIndex = index + 1
                var titleParts: [String] = []
                while titleIndex < blocks.count, titleParts.count < 2, blocks[titleIndex].kind != .table,
                    MarkerReader.read(blocks[titleIndex].text) == nil, isHeadingLike(blocks[titleIndex].text),
                    AttachmentHeading.read(blocks[titleIndex].text.compactFolded) == nil
                {
                    titleParts.append(blocks[titleIndex].text)
                    titleIndex += 1
                    if TitleRules.endsLikeTitle(titleParts.joined()) { break }
                }
                partTitle = titleParts.joined()
                index = titleIndex - 1
                continue
            }
            if key.utf8HasPrefix("附件"), let (number, title) = AttachmentHeading.readWithTitle(text) {
                closePart()
                partNumber = number
                partSource = block.source
                partTitle = title
                stack.removeAll()
                lastValue.removeAll()
                gluedColumns = nil
                continuing = false
                inAttachmentList = false
                continue
            }
            // 附件：1.XXX / 2.XXX — the attachment list, not an outline.
            if key.utf8HasPrefix("附件:") {
                inAttachmentList = true
                continuing = false
                continue
            }
            if inAttachmentList, let (marker, _) = MarkerReader.read(text), marker.style == .arabicDot,
                !(isWhole ? key : text.compactFolded).utf8Contains("。")
            {
                continue
            }
            // A title of the list broken over lines (`1.莆田市` / `2020年春节前小城建项目表`): a
            // short line with no sentence in it and no marker of its own stays in the list.
            if inAttachmentList, isWhole, !key.utf8Contains("。"), MarkerReader.read(text) == nil {
                continue
            }
            inAttachmentList = false
            // A longer line than the key is read by the glued-table reader itself.
            if let columns = isWhole ? GluedTableReader.header(compact: key) : GluedTableReader.header(text) {
                // From here on, numbered items are rows of a table whose cells were glued.
                gluedColumns = columns
                continuing = false
                continue
            }
            if block.alignment != .right,
                let (marker, bodyStart) = MarkerReader.readStart(of: text)
                    ?? MarkerReader.readLongArabicStart(of: text).flatMap({ found in
                        // Past 999, only the next number of a running list is a marker.
                        found.marker.value == (lastValue[.arabicDot] ?? 0) + 1 ? found : nil
                    })
            {
                let body = text.trimmedText(droppingScalars: bodyStart)
                if let depth = stack.firstIndex(of: marker.style) {
                    stack.removeSubrange((depth + 1)...)
                } else {
                    stack.append(marker.style)
                }
                let expected = (lastValue[marker.style] ?? 0) + 1
                if marker.value != expected, marker.value != 1 {
                    result.diagnostics.append(
                        Diagnostic(
                            .info, .outline, code: "numbering-gap",
                            "\(marker.printed) follows \(lastValue[marker.style].map(String.init) ?? "nothing") at this level",
                            line: block.source.line))
                }
                lastValue[marker.style] = marker.value
                lastValue.keep(only: stack)
                flat.append(
                    FlatItem(
                        level: stack.count, marker: marker, text: body, blockIndex: index, source: block.source,
                        gluedColumns: gluedColumns, lines: [block.source.line]))
                result.itemBlocks.insert(index)
                continuing = true
                continue
            }
            if continuing, gluedColumns != nil || isContinuation(block, key: key, isWhole: isWhole), !flat.isEmpty {
                // (Appended in place: a copy of the item would copy its whole text on every line,
                // quadratic in a long item.)
                flat[flat.count - 1].text += "\n" + text
                flat[flat.count - 1].lines.append(block.source.line)
                result.itemBlocks.insert(index)
                continue
            }
            continuing = false
        }
        closePart()
        result.sections = placedSections(result.parts, flat: flat)
        return result
    }

    // MARK: - Private API

    private struct FlatItem {
        var level: Int
        var marker: Marker
        var text: String
        var blockIndex: Int
        var source: SourceLocation
        var gluedColumns: [ColumnRole]? = nil
        /// The source line of each `\n`-separated piece of `text`.
        var lines: [Int] = []
    }

    private func partLabel(_ number: Int, _ title: String) -> String {
        number == 0 ? (title.isEmpty ? "正文" : title) : (title.isEmpty ? "附件\(number)" : "附件\(number) \(title)")
    }

    private func currentPath(_ items: ArraySlice<FlatItem>) -> [String] {
        var path: [String] = []
        var level = Int.max
        for item in items.reversed() where item.level < level {
            path.insert(item.marker.printed + TitleRules.sectionTitle(item.text), at: 0)
            level = item.level
            if level == 1 { break }
        }
        return path
    }

    /// A line short and unpunctuated enough to be a title rather than body text.
    private func isHeadingLike(_ text: String) -> Bool {
        let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: Self.headingMaxLength)
        return isWhole && isHeadingLike(compact: key)
    }

    private func isHeadingLike(compact key: String) -> Bool {
        let length = key.scalarCount
        // A line of digits (`517`, a room number a save broke off) heads nothing.
        guard key.unicodeScalars.contains(where: \.isHan) else { return false }
        // (A colon inside the line makes it a field, `彦牵头处室:经济发展处…`, not a heading.)
        return length > 0 && length <= Self.headingMaxLength && !key.utf8Contains("。") && !key.utf8Contains(":")
            && !key.utf8HasSuffix(";") && !key.utf8HasSuffix(",") && !key.utf8HasSuffix(")")
    }

    /// Whether a block after a numbered item continues its text: body paragraphs do; a
    /// signature, a date, a heading-like line or a unit label (`区财政局：负责…`) do not.
    /// `key` is the start of the line's compact text, the whole of it when `isWhole`.
    private func isContinuation(_ block: Block, key: String, isWhole: Bool) -> Bool {
        let text = block.text
        // `牵头单位：…` / `完成时限：…` lines belong to the item above, however short.
        if LabelledClauseReader.startsWithLabel(compact: key) { return true }
        guard block.alignment == .natural else { return false }
        if isWhole, isHeadingLike(compact: key) { return false }
        if DateReader.dateLine(compact: key) != nil { return false }
        if key.utf8Contains(":"), UnitLabelLine.read(text) != nil { return false }
        return true
    }

    /// Numbered children that are only labelled fields (`1．督导内容：…` `2．督查时间：3月20-31日`)
    /// are lines of their parent, not items: they are folded into the parent's text, so that the
    /// parent is read as one item with its fields.
    private func foldFieldChildren(_ flat: inout [FlatItem], from start: Int) {
        var index = start
        while index < flat.count {
            let level = flat[index].level
            var end = index + 1
            while end < flat.count, flat[end].level > level { end += 1 }
            let children = (index + 1)..<end
            let direct = children.filter { flat[$0].level == level + 1 }
            if !direct.isEmpty, direct.count == children.count, direct.allSatisfy({ Self.isFieldLine(flat[$0].text) }) {
                for child in children {
                    flat[index].text += "\n" + flat[child].marker.printed + flat[child].text
                    flat[index].lines += flat[child].lines
                }
                flat.removeSubrange(children)
            }
            index += 1
        }
    }

    /// `督导内容：…`: a short label (2–6 characters) and a colon opening a one-sentence value.
    /// A stage (`筹划准备阶段：1月底前，…。2月底前，…。`) is an item of its own, not a field: its
    /// label names a stage, or its text runs to several sentences.
    static func isFieldLine(_ text: String) -> Bool {
        // The label and its colon are in the first eight scalars: only they are folded.
        let (folded, _) = FoldedText.prefix(of: text, maximumScalars: 8)
        guard let colon = folded.folded.firstOffset(of: [":"], before: 8), colon >= 2 else { return false }
        guard (0..<colon).allSatisfy({ folded.folded[$0].isHan }) else { return false }
        if folded.folded[colon - 1] == "段" || folded.folded[colon - 1] == "期" { return false }
        // A value of one sentence has no `。` before its end.
        let scalars = text.trimmedText.unicodeScalars
        return !scalars.dropLast().contains("。")
    }

    /// Turns the flat list of one part into a tree.
    private func nest(_ items: ArraySlice<FlatItem>) -> [Section] {
        var roots: [Section] = []
        var index = items.startIndex
        func build(_ level: Int) -> [Section] {
            var siblings: [Section] = []
            while index < items.endIndex, items[index].level >= level {
                let item = items[index]
                index += 1
                var section = Section(
                    marker: item.marker, level: item.level, title: TitleRules.sectionTitle(item.text), text: item.text,
                    source: item.source)
                section.children = build(item.level + 1)
                siblings.append(section)
            }
            return siblings
        }
        while index < items.endIndex {
            roots += build(items[index].level)
        }
        return roots
    }

    /// `附件：` alone on its line, with `1.` opening the next: the list of the attachments'
    /// titles (`附件：\n1.XX表\n2.XX表`), not the start of an attachment, which a number or a
    /// title follows (`附件1`, `附件\nXX任务分工`).
    private func opensAttachmentList(_ key: String, next: Block?) -> Bool {
        guard key.utf8HasSuffix(":"), let next, next.kind != .table,
            let (marker, _) = MarkerReader.read(next.text), marker.style == .arabicDot, marker.value == 1
        else { return false }
        return true
    }

    /// Every numbered item with its path, for the task readers.
    private func placedSections(_ parts: [Part], flat: [FlatItem]) -> [PlacedSection] {
        var result: [PlacedSection] = []
        var flatIndex = 0
        func walk(_ sections: [Section], path: [String]) {
            for section in sections {
                let item = flat[flatIndex]
                flatIndex += 1
                let title = (section.marker?.printed ?? "") + section.title
                result.append(
                    PlacedSection(
                        sectionPath: path, ancestors: path.dropFirst(), gluedColumns: item.gluedColumns, marker: item.marker,
                        title: section.title, text: section.text,
                        hasChildren: !section.children.isEmpty, blockIndex: item.blockIndex, source: section.source,
                        lines: item.lines))
                walk(section.children, path: path + [title])
            }
        }
        for part in parts {
            walk(part.sections, path: [partLabel(part.attachmentNumber, part.title)])
        }
        return result
    }
}
