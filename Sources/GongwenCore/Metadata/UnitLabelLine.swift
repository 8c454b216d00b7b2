/// A line of a unit responsibility list: `区财政局：负责推进…` (DOMAIN.md §4, layout 5).
///
/// Such lines state standing duties, not dated tasks (GOLD.md); the outline stops a numbered
/// item's text before them so that their role words never reach the item.
enum UnitLabelLine {
    /// The unit label, when the line opens with one and a colon.
    static func read(_ text: String) -> String? {
        // The label and its colon are in the first 26 scalars: only they are folded.
        let (folded, _) = FoldedText.prefix(of: text, maximumScalars: 26)
        guard let colon = folded.folded.firstOffset(of: [":"], before: 26), colon >= 2 else { return nil }
        let label = folded.folded.trimmedRange(0..<colon)
        // `责任单位：…` is a field of the item above, not a unit's standing duty.
        if AssignmentVocabulary.label(at: label.lowerBound, in: folded.folded) != nil { return nil }
        guard UnitVocabulary.isUnitList(folded.folded, label) else { return nil }
        return folded.original(label)
    }
}
