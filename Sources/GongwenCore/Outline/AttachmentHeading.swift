/// Reads the line that opens an attachment: `附件1`, `附件 2`, `附件3：`, `附件一`, `附件`.
///
/// The attachment list of the main text (`附件：1.XXX`) is not a heading: text after the colon
/// makes it a list entry.
public enum AttachmentHeading {
    private static let word = pattern("附件")

    /// `附件2 平潭综合实验区母婴设施建设任务分工`: the heading and the attachment's title on one
    /// line, separated by a space or a colon. Returns the number and the title.
    public static func readWithTitle(_ text: String) -> (number: Int, title: String)? {
        let folded = FoldedText(text.trimmedText)
        let scalars = folded.folded
        guard scalars.hasPrefix(word) else { return nil }
        var end = word.count
        while end < scalars.count, scalars[end].isASCIIDigit || ChineseNumber.isNumeral(scalars[end]) { end += 1 }
        guard end > word.count, end < scalars.count, scalars[end] == " " || scalars[end] == ":",
            let number = ChineseNumber.arabic(of: scalars[word.count..<end]) ?? ChineseNumber.value(of: scalars[word.count..<end])
        else { return nil }
        let title = folded.original((end + 1)..<folded.count).trimmedText
        let length = title.scalarCount
        guard length >= 2, length <= 60, !title.utf8Contains("。"), MarkerReader.read(title) == nil else { return nil }
        return (number, title)
    }

    /// Whether a line starts with `附件`: an attachment heading or the attachment list.
    static func opensAttachment(_ text: String) -> Bool {
        text.compactFoldedPrefix(maximumScalars: 2).key == "附件"
    }

    /// The attachment number (1 for a lone `附件`), or nil.
    public static func read(_ text: String) -> Int? {
        // Most lines are told apart by their first two scalars.
        guard text.compactFoldedPrefix(maximumScalars: 2).key == "附件" else { return nil }
        let scalars = Array(text.compactFolded.unicodeScalars)
        guard scalars.hasPrefix(word) else { return nil }
        var rest = Array(scalars.dropFirst(word.count))
        if let last = rest.last, last == ":" { rest.removeLast() }
        if rest.isEmpty { return 1 }
        if let number = ChineseNumber.arabic(of: rest) ?? ChineseNumber.value(of: rest), number > 0, number < 100 {
            return number
        }
        return nil
    }
}
