import GongwenCore

/// Renders blocks one per line — kind, source line, alignment, text — so that a person can see
/// what the readers made of a page before the analysis runs (`gongwen blocks`).
///
/// ```
/// L44   para   right  蜀山区人民政府办公室
/// L60   table         4×34
///                     | 序号 | (blank) | 责任单位 | 时限要求 |
/// ```
public enum BlockRenderer {
    /// Longest text shown per block or cell before it is cut with `…`.
    static let width = 60

    public static func render(_ blocks: [Block]) -> String {
        var lines: [String] = []
        for block in blocks {
            let line = "L\(block.source.line)".padding(6)
            let kind = block.kind.rawValue.prefix(5).description.padding(6)
            let alignment = (block.alignment == .natural ? "" : block.alignment.rawValue).padding(7)
            if let table = block.table {
                lines.append("\(line)\(kind)\(alignment)\(table.columnCount)×\(table.rows.count)")
                for row in table.rows {
                    let cells = row.map { cell in
                        (cell.isSpanCopy ? "^" : "") + cut(cell.text.replacingNewlines, 16)
                    }
                    lines.append(String(repeating: " ", count: 19) + "| " + cells.joined(separator: " | ") + " |")
                }
            } else {
                lines.append("\(line)\(kind)\(alignment)\(cut(block.text.replacingNewlines, width))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cut(_ text: String, _ width: Int) -> String { text.excerpt(width) }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        let count = unicodeScalars.count
        return count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    fileprivate var replacingNewlines: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? "⏎" : $0 }))
    }
}
