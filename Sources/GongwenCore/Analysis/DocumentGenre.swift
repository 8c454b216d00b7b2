/// What kind of document a notice carries, as far as it decides whether its items can be tasks.
///
/// A regulation (规则, 细则, 规定, 条例, 办法 …, or a text numbered in articles 第N条) or an
/// emergency plan (预案, which lists each unit's standing duties for an event) states standing
/// rules: `本办法由X负责解释`, `X负责专项经费的日常管理` assign no work item of the
/// document (DOMAIN.md §5 "Standing duties are not tasks"; GOLD.md). A statistical communiqué
/// (公报) reports facts. In both, prose role phrases and dates in sentences make no task; only a
/// labelled unit or deadline clause written for an item (or a task table) does.
enum DocumentGenre {
    /// Endings of a regulation's or communiqué's title, before `的通知` and qualifiers like `（试行）`.
    static let standingRuleEndings = ["规则", "细则", "规定", "条例", "办法", "章程", "准则", "守则", "规程", "公约", "公报", "预案"]
    /// A text with this many articles (第N条) among its numbered items is a regulation.
    static let minimumArticles = 3

    /// Whether the notice states standing rules rather than ordering work.
    ///
    /// - Parameters:
    ///   - title: The notice's title (a 印发 notice names the wrapped document in it).
    ///   - markers: The styles of its numbered items, in reading order.
    static func statesStandingRules(title: String?, markers: [MarkerStyle]) -> Bool {
        if markers.count(where: { $0 == .article }) >= minimumArticles { return true }
        guard let title else { return false }
        var key = title.compactFolded
        // `…细则（试行）》的通知`: the wrapped document's own title ends before these.
        var changed = true
        while changed {
            changed = false
            for tail in trailingWords where key.utf8HasSuffix(tail) {
                key = String(key.utf8.dropLast(tail.utf8.count))!
                changed = true
            }
            if key.utf8HasSuffix(")"), let open = key.unicodeScalars.lastIndex(of: "("),
                key.unicodeScalars.distance(from: open, to: key.unicodeScalars.endIndex) <= 6
            {
                key = String(key.unicodeScalars[..<open])
                changed = true
            }
        }
        return standingRuleEndings.contains { key.utf8HasSuffix($0) }
    }

    /// What follows the wrapped document's title in a covering notice's title.
    private static let trailingWords = ["的通知", "通知", "的函", "》", "\"", "”"]
}
