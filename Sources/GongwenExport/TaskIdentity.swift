import GongwenCore

/// Stable task ids: the same task of the same notice gets the same id from any save of it —
/// another encoding, another portal template, the text copy — so a tracker can upsert.
///
/// Rule (README "Output"): `t-` and the first 16 hex digits of the SHA-256 of
/// 1. the notice: its 发文字号, or else its title and signing date;
/// 2. the task's place: the part it stands in (正文 or 附件N) and its number as printed;
/// 3. the start of its text (24 characters).
/// Everything is compact-folded first (white space removed, full-width forms folded), so
/// layout and encoding never change an id. Two tasks that still collide get `-2`, `-3` … in
/// document order.
enum TaskIdentity {
    /// Characters of task text in the key: enough to tell tasks apart, few enough that a
    /// corrected typo late in a long task keeps its id.
    static let textPrefix = 24

    static func ids(metadata: NoticeMetadata, tasks: [WorkTask]) -> [String] {
        let notice: String
        if let number = metadata.documentNumber, !number.isEmpty {
            notice = "number:" + number.compactFolded
        } else {
            notice = "title:" + (metadata.title ?? "").compactFolded + "|" + (metadata.signedOn?.description ?? "")
        }
        var seen: [String: Int] = [:]
        // Tasks of one part come together: its label is worked out once per run of them.
        var lastPart: (title: String?, label: String)?
        var key: [UInt8] = []
        return tasks.map { task in
            let title = task.sectionPath.first
            let part: String
            if let lastPart, lastPart.title == title {
                part = lastPart.label
            } else {
                part = partOf(task)
                lastPart = (title, part)
            }
            key.removeAll(keepingCapacity: true)
            key += notice.utf8
            key.append(0x0A)
            key += part.utf8
            key.append(UInt8(ascii: "|"))
            (task.number ?? "").appendCompactFolded(to: &key)
            key.append(UInt8(ascii: "|"))
            task.text.appendCompactFolded(to: &key, maximumScalars: textPrefix)
            let base = "t-" + SHA256Digest.hex(key).prefix(16)
            seen[base, default: 0] += 1
            let count = seen[base]!
            return count == 1 ? base : base + "-\(count)"
        }
    }

    /// `附件N` for a task in an attachment, `正文` otherwise (titles may differ between saves).
    private static func partOf(_ task: WorkTask) -> String {
        guard let title = task.sectionPath.first, title.compactFoldedPrefix(maximumScalars: 2).key == "附件" else { return "正文" }
        let first = title.compactFolded
        let scalars = Array(first.unicodeScalars)
        var end = 2
        while end < scalars.count, scalars[end].properties.numericType != nil { end += 1 }
        return String(String.UnicodeScalarView(scalars[0..<end]))
    }
}
