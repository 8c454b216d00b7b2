/// Aligns the tasks of two outputs by content, so that renumbering, an inserted or deleted
/// task and edited text show up as what they are, not as every later task changed.
///
/// Each pair of tasks gets a similarity: the Dice coefficient of the character bigrams of
/// their texts (white space and markers ignored). A dynamic programme over both sequences,
/// in order, picks the pairing with the greatest total similarity among pairs at or above
/// `threshold`; unpaired tasks are insertions or deletions.
public enum TaskAligner {
    /// Below this similarity two tasks are different tasks. Half the bigrams shared is an
    /// edited task; a quarter is usually two tasks of one section that share boilerplate.
    public static let threshold = 0.5

    /// Index pairs `(old, new)`; nil on one side for a removal or an insertion, in order.
    /// Above this many task pairs the full table is not built: tasks are paired by position
    /// within runs of equal text instead (a notice never has that many tasks; junk might).
    public static let maximumPairs = 4_000_000

    public static func align(_ old: [String], _ new: [String]) -> [(old: Int?, new: Int?)] {
        if old.count * new.count > maximumPairs {
            return (0..<max(old.count, new.count)).map { index in
                (index < old.count ? index : nil, index < new.count ? index : nil)
            }
        }
        let a = old.map(bigrams)
        let b = new.map(bigrams)
        let n = a.count
        let m = b.count
        // best[i][j]: the greatest total similarity aligning old[i...] with new[j...].
        var best = Array(repeating: Array(repeating: 0.0, count: m + 1), count: n + 1)
        var similarity = Array(repeating: Array(repeating: 0.0, count: m), count: n)
        for i in 0..<n {
            for j in 0..<m { similarity[i][j] = dice(a[i], b[j]) }
        }
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    var value = max(best[i + 1][j], best[i][j + 1])
                    if similarity[i][j] >= threshold { value = max(value, best[i + 1][j + 1] + similarity[i][j]) }
                    best[i][j] = value
                }
            }
        }
        var pairs: [(old: Int?, new: Int?)] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, similarity[i][j] >= threshold, best[i][j] == best[i + 1][j + 1] + similarity[i][j] {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if i < n, j == m || best[i][j] == best[i + 1][j] {
                pairs.append((i, nil))
                i += 1
            } else {
                pairs.append((nil, j))
                j += 1
            }
        }
        return pairs
    }

    /// Character bigrams of the text without white space.
    static func bigrams(_ text: String) -> [UInt64: Int] {
        let scalars = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
        var result: [UInt64: Int] = [:]
        guard scalars.count >= 2 else {
            if let only = scalars.first { result[UInt64(only)] = 1 }
            return result
        }
        for index in 0..<(scalars.count - 1) {
            result[UInt64(scalars[index]) << 32 | UInt64(scalars[index + 1]), default: 0] += 1
        }
        return result
    }

    static func dice(_ a: [UInt64: Int], _ b: [UInt64: Int]) -> Double {
        let total = a.values.reduce(0, +) + b.values.reduce(0, +)
        guard total > 0 else { return 1 }
        var shared = 0
        for (key, count) in a { shared += min(count, b[key] ?? 0) }
        return Double(2 * shared) / Double(total)
    }
}
