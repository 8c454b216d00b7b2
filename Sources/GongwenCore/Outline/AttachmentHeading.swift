/// Reads the line that opens an attachment: `附件1`, `附件 2`, `附件3：`, `附件一`, `附件`.
///
/// The attachment list of the main text (`附件：1.XXX`) is not a heading: text after the colon
/// makes it a list entry.
public enum AttachmentHeading {
    private static let word = pattern("附件")

    /// The attachment number (1 for a lone `附件`), or nil.
    public static func read(_ text: String) -> Int? {
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
