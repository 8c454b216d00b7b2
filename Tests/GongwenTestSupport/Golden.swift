import Foundation

/// Golden-file comparison with a readable line diff.
///
/// `RECORD_GOLDEN=1 swift test` rewrites the golden files from the actual output *and still
/// fails* (the ArgumentParser snapshot rule), so that nobody records by accident: run again
/// without the variable to see the tests pass, and review the diff in git.
public enum Golden {
    /// Compares `actual` with the file; returns nil when equal, else a message with a diff.
    public static func mismatch(_ actual: String, goldenPath: String) -> String? {
        let expected = try? String(contentsOfFile: goldenPath, encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            let directory = (goldenPath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return "recorded \(goldenPath); run again without RECORD_GOLDEN to check it"
        }
        guard let expected else {
            return "missing golden file \(goldenPath); run with RECORD_GOLDEN=1 to record it"
        }
        if expected == actual { return nil }
        return "\(goldenPath) differs (- golden, + actual):\n" + lineDiff(expected, actual)
    }

    /// A compact line diff: changed lines with two lines of context, at most 60 lines shown.
    public static func lineDiff(_ old: String, _ new: String) -> String {
        let a = old.components(separatedBy: "\n")
        let b = new.components(separatedBy: "\n")
        // Longest common subsequence over lines; golden files are a few thousand lines at most.
        let n = a.count
        let m = b.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                lines.append((" ", a[i]))
                i += 1
                j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                lines.append(("+", b[j]))
                j += 1
            } else {
                lines.append(("-", a[i]))
                i += 1
            }
        }
        var shown: [String] = []
        for (index, line) in lines.enumerated() {
            let near = lines[max(0, index - 2)...min(lines.count - 1, index + 2)].contains { $0.0 != " " }
            if near { shown.append("\(line.0) L\(index + 1): \(line.1)") }
        }
        if shown.count > 60 { shown = Array(shown.prefix(60)) + ["… (\(shown.count - 60) more lines)"] }
        return shown.joined(separator: "\n")
    }
}
