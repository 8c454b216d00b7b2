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
        // Found on the bytes: `。` is E3 80 82, and neither it nor LF occurs inside another scalar.
        var text = text
        let end = text.withUTF8 { bytes -> Int in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { return index }
                if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x82 { return index }
                index += 1
            }
            return bytes.count
        }
        return String(decoding: text.utf8.prefix(end), as: UTF8.self).trimmedText
    }
}
