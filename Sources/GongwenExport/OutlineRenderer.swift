import GongwenCore

/// Renders a notice's parts and numbered sections as an indented tree, for a person to check
/// segmentation at a glance (`gongwen outline`) and for golden-file tests.
///
/// ```
/// 正文 蜀山区人民政府办公室关于印发…的通知
/// ├─ 一、全面深入推进政务公开，推动政务阳光透明  (L21)
/// └─ 二、围绕稳增长…  (L23)
/// 附件1 全区政务公开重点任务分工和工作进度安排  (L50)
/// └─ [table 34 rows → 33 tasks]
/// ```
public enum OutlineRenderer {
    /// Longest section title shown before it is cut with `…`.
    static let titleWidth = 40

    public static func render(_ notice: Notice) -> String {
        var lines: [String] = []
        for part in notice.parts {
            let title = part.title.isEmpty ? "" : " " + part.title
            lines.append("\(part.label)\(title)  (L\(part.source.line))")
            let tasks = notice.tasks.filter { task in
                task.layout == .table && task.sectionPath.first.map { $0.hasPrefix(part.label) || $0 == part.title } == true
            }
            var entries: [Entry] = part.sections.map { .section($0) }
            if !tasks.isEmpty { entries.append(.tableTasks(tasks.count)) }
            render(entries, prefix: "", into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private enum Entry {
        case section(Section)
        case tableTasks(Int)
    }

    private static func render(_ entries: [Entry], prefix: String, into lines: inout [String]) {
        for (index, entry) in entries.enumerated() {
            let isLast = index == entries.count - 1
            let branch = isLast ? "└─ " : "├─ "
            switch entry {
            case .section(let section):
                lines.append(prefix + branch + (section.marker?.printed ?? "") + cut(section.title) + "  (L\(section.source.line))")
                render(section.children.map { .section($0) }, prefix: prefix + (isLast ? "   " : "│  "), into: &lines)
            case .tableTasks(let count):
                lines.append(prefix + branch + "[task table: \(count) task\(count == 1 ? "" : "s")]")
            }
        }
    }

    private static func cut(_ title: String) -> String { title.excerpt(titleWidth) }
}
