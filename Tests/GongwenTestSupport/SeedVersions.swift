import Foundation

/// The seed notice (`samples/seed.txt`) as texts for the store's tests: as printed, corrected,
/// and as distinct notices.
public enum SeedVersions {
    public static func original() throws -> String {
        try String(contentsOfFile: Paths.sample("seed.txt"), encoding: .utf8)
    }

    /// The seed corrected: in its 附件2 table a task inserted at 2 (so 2–4 become 3–5), task 5
    /// withdrawn (so 6 onward keep their numbers), task 7 given a third unit (区司法局) and task
    /// 8's deadline moved from 2017年底 to 9月底前.
    public static func corrected() throws -> String {
        let seed = try original()
        guard let annex = seed.range(of: "\n附件2\n"), let header = seed.range(of: "时间进度\n", range: annex.upperBound..<seed.endIndex),
            let end = seed.range(of: "\n附件3\n")
        else { throw CocoaError(.fileReadCorruptFile) }
        let cells = seed[header.upperBound..<end.lowerBound].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard cells.count == 52 else { throw CocoaError(.fileReadCorruptFile) }
        var rows = stride(from: 0, to: cells.count, by: 4).map { Array(cells[($0 + 1)..<($0 + 4)]) }
        rows[6][1] += "、区司法局"
        rows[7][2] = "9月底前"
        rows.remove(at: 4)
        rows.insert(["建立政务服务“好差评”制度,及时公开评价结果,接受群众监督。", "区政务服务中心", "2017年底"], at: 1)
        let table = rows.enumerated().map { "\($0.offset + 1)\n\n" + $0.element.joined(separator: "\n\n") + "\n" }.joined(separator: "\n")
        return String(seed[..<header.upperBound]) + "\n" + table + String(seed[end.lowerBound...])
    }

    /// The seed as the `number`th of many notices: its title says which, so each has a key of
    /// its own.
    public static func numbered(_ number: Int) throws -> String {
        let title = "蜀山区人民政府办公室关于印发2017年蜀山区政务公开政务服务工作要点的通知"
        return try original().replacingOccurrences(of: "\n" + title + "\n", with: "\n" + title + "（第\(number)批）\n")
    }
}
