/// How titles end and how a section's heading is cut from its first sentence.
enum TitleRules {
    /// Words a document or attachment title ends with (GB/T 9704 文种 and common attachment names).
    static let titleEndings: [String] = [
        "通知", "意见", "方案", "决定", "办法", "规定", "报告", "批复", "公告", "通告", "要点", "计划", "细则", "规划", "函",
        "安排", "分工表", "分解表", "清单", "一览表", "表", "规则", "职责", "制度", "纲要", "措施", "指引", "指南", "条例",
        "公报", "通报", "决议", "命令", "议案", "纪要", "任务", "目录", "标准", "预案",
    ]

    static func endsLikeTitle(_ text: String) -> Bool {
        let key = text.compactFolded
        if titleEndings.contains(where: { key.utf8HasSuffix($0) }) { return true }
        // Also before a closing `)` (folded from `）`) or `》`.
        for close in [")", "》"] where key.utf8HasSuffix(close) {
            let inner = String(key.utf8.dropLast(close.utf8.count))!
            return titleEndings.contains { inner.utf8HasSuffix($0) }
        }
        return false
    }

    /// A section's heading: its first sentence (`一、全面深入推进政务公开，推动政务阳光透明。认真…`
    /// → `全面深入推进政务公开，推动政务阳光透明`), or its first line when it has no full stop.
    static func sectionTitle(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let end = scalars.firstIndex { $0 == "。" || $0 == "\n" } ?? scalars.endIndex
        return String(scalars[..<end]).trimmedText
    }
}
