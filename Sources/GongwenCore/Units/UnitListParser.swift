/// Reads responsible units and their roles out of a unit cell or clause.
///
/// ```
/// "区发改局(物价局)、区财政局按职责分工分别牵头落实" -> lead: 区发改局(物价局), 区财政局
/// "区市场监管局、区发改局牵头,区政府有关部门负责落实" -> lead: 区市场监管局, 区发改局; responsible: 区政府有关部门
/// "市发改委会同市财政局负责"                        -> lead: 市发改委; support: 市财政局
/// "区住建局等相关部门"                              -> responsible: 区住建局 (open list)
/// ```
///
/// A cell is split into clauses at `，；。` and line breaks (never inside parentheses); each
/// clause is a unit list followed by an optional role phrase. The role word decides the role
/// (GOLD.md "Roles"); without one the column's default applies.
public enum UnitListParser {
    /// The units of a cell, with the role each gets.
    ///
    /// - Parameters:
    ///   - text: The cell or clause as printed.
    ///   - defaultRole: The role of units named with no role word (the column's role).
    /// - Returns: Units in printed order, each name once per role.
    public static func parse(_ text: String, defaultRole: Role) -> [UnitAssignment] {
        let folded = FoldedText(joinWrappedLines(text))
        var result: [UnitAssignment] = []
        var seen = SmallSet<UnitAssignment>()
        for clause in clauses(folded) {
            for unit in parseClause(folded, clause, defaultRole: defaultRole) where seen.insert(unit) {
                result.append(unit)
            }
        }
        return result
    }

    /// A cell wraps long names: a line that starts with a qualifier (`（政策法规处）`) or is only a
    /// unit ending (`管委会`) continues the line above. A qualifier that states a duty
    /// (`市司法局（负责市政府规章）`) is a note, not part of the name, and is dropped.
    static func joinWrappedLines(_ text: String) -> String {
        // One line (most cells) is told without splitting: without a duty there is nothing to
        // join or drop, and without a bracket no duty qualifier to drop.
        if !text.utf8Contains("\n"), !text.utf8Contains("\r") {
            if !text.utf8Contains("负责") { return text }
            if !text.utf8Contains("(") && !text.utf8Contains("（") { return text.trimmedText }
        }
        let lines = TextBlockReader.lines(of: text)
        guard lines.count > 1 || text.utf8Contains("负责") else { return text }
        var joined: [String] = []
        for line in lines {
            let trimmed = line.trimmedText
            let key = trimmed.compactFolded
            let continues = key.utf8HasPrefix("(") || wrappedEndings.contains(key)
            if continues, let last = joined.last {
                joined[joined.count - 1] = last + trimmed
            } else {
                joined.append(trimmed)
            }
        }
        return joined.map(dropDutyQualifiers).joined(separator: "\n")
    }

    private static let wrappedEndings: Set<String> = ["管委会", "办公室", "委员会", "领导小组"]

    private static func dropDutyQualifiers(_ line: String) -> String {
        let folded = FoldedText(line)
        let original = folded.original
        var keep: [Unicode.Scalar] = []
        var index = 0
        while index < folded.count {
            if folded.folded[index] == "(", let close = folded.folded.firstOffset(of: [")"], from: index),
                (index..<close).contains(where: { role(at: $0, in: folded.folded) != nil }), index > 0,
                folded.folded[index - 1].isHan
            {
                index = close + 1
                continue
            }
            keep.append(original[index])
            index += 1
        }
        return keep.asString
    }

    /// The role a role word stands for, if `word` starts with one.
    ///
    /// A role word that opens a noun (`负责人`, `负责同志`, `参与者`, `指导意见`, `落实情况`) is
    /// no role word: `企业负责人` names a person, not a unit that is responsible.
    static func role(at offset: Int, in text: [Unicode.Scalar]) -> (role: Role, length: Int)? {
        guard let found = roleWord(at: offset, in: text), !found.opensNoun else { return nil }
        return (found.role, found.length)
    }

    /// The role word at `offset` as printed, and whether it opens a noun (`负责人`) rather than
    /// assigning a role: what `role(at:in:)` reads, and what cue accounting reports.
    static func roleWord(at offset: Int, in text: [Unicode.Scalar]) -> (role: Role, length: Int, opensNoun: Bool)? {
        guard offset >= 0, offset < text.count, roleWordFirsts.contains(text[offset]) else { return nil }
        for (word, role) in roleWords where text.matches(word, at: offset) {
            let after = offset + word.count
            let opensNoun =
                nounEndings.contains(where: { text.matches($0, at: after) })
                && !(after + 1 < text.count && text[after] == "制" && ["定", "订", "作", "止"].contains(text[after + 1]))
            return (role, word.count, opensNoun)
        }
        return nil
    }

    /// What turns a role word into a noun: a person, a document, a measure or a state.
    /// (`负责制` is a noun, `负责制定` a role word and its verb.)
    private static let nounEndings = ["人", "同志", "者", "员", "意见", "性", "度", "情况", "制", "价", "对象"].map(pattern)

    /// Role words that make a role phrase in a sentence (GOLD.md "What counts": 牵头, 负责,
    /// 会同, 配合, 协助, 参与, 主办, 协办). `落实`, `指导` and `组织实施` name a role in a unit
    /// cell or a bracketed unit clause, but after a unit in a sentence they are just its verb
    /// (`各部门要认真落实…` is a bare subject).
    static func isProseRoleWord(at offset: Int, in text: [Unicode.Scalar]) -> Bool {
        !cellOnlyRoleWords.contains { text.matches($0, at: offset) }
    }

    private static let cellOnlyRoleWords = ["落实", "指导", "组织实施"].map(pattern)

    // MARK: - Private API

    static let roleWords: [([Unicode.Scalar], Role)] = [
        ("牵头", Role.lead), ("主办", .lead), ("配合", .support), ("协助", .support), ("参与", .support),
        ("协办", .support), ("负责", .responsible), ("落实", .responsible), ("指导", .responsible),
        ("组织实施", .responsible), ("参加", .support),
    ].map { (pattern($0.0), $0.1) }
    /// The first scalars of the role words: a position whose scalar is not in it starts none.
    /// (Hot loops read it into a local once: each static read is a lazy-initialisation check.)
    static let roleWordFirsts = ScalarSet(firstScalarsOf: roleWords.map(\.0))

    /// Phrases between a unit list and its role word, or after it, that are not part of a name.
    private static let fillers = [
        "按职责分工分别", "按照职责分工分别", "按职责分工", "按照职责分工", "按照分工分别", "按照分工", "按分工", "按职责",
        "根据职责", "分别", "共同", "具体", "要", "应",
    ].map(pattern)

    /// What opens a collective name of its own (`各有关部门`, `相关单位`).
    private static let determiners = ["各", "有关", "相关", "其他"].map(pattern)

    /// Words that may follow `等` in an open-list ending (`等有关部门和单位`, `等相关单位`).
    private static let openEndingWords = ["有关", "相关", "部门", "单位", "机构", "和", "及", "各", "其他", "等"].map(pattern)
    /// Collective endings a short open list may close with (`等道安成员单位`).
    private static let collectiveEnds = ["单位", "部门", "机构"].map(pattern)

    private static let clauseSeparators: ScalarSet = [",", ";", "。", "\n", "\r"]
    private static let listSeparators: ScalarSet = ["、", ",", "/", " "]
    /// `会同` (“together with”): the units before it lead, those after it support.
    static let huitong = pattern("会同")

    /// Clause ranges, split at separators outside parentheses.
    private static func clauses(_ text: FoldedText) -> [Range<Int>] {
        split(text.folded, 0..<text.count, at: clauseSeparators)
    }

    static func split(_ text: [Unicode.Scalar], _ range: Range<Int>, at separators: ScalarSet) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for offset in range {
            let scalar = text[offset]
            if scalar == "(" || scalar == "[" || scalar == "【" || scalar == "〔" {
                depth += 1
            } else if scalar == ")" || scalar == "]" || scalar == "】" || scalar == "〕" {
                depth = max(0, depth - 1)
            } else if depth == 0, separators.contains(scalar) {
                let piece = text.trimmedRange(start..<offset)
                if !piece.isEmpty { result.append(piece) }
                start = offset + 1
            }
        }
        let piece = text.trimmedRange(start..<range.upperBound)
        if !piece.isEmpty { result.append(piece) }
        return result
    }

    /// Connectives that open a clause before its subject (`即`, `其中`, `同时`…); no unit's name
    /// starts with one (`…下达给各相关部门，即公路部门负责…`).
    static let clauseConnectives = ["即", "其中", "同时", "此外", "另外"].map(pattern)

    /// Where a clause's subject starts: after a connective opening it, if one does and more follows.
    static func afterConnective(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        guard let connective = clauseConnectives.first(where: { range.count > $0.count && scalars.matches($0, at: range.lowerBound) })
        else { return range.lowerBound }
        return range.lowerBound + connective.count
    }

    private static func parseClause(_ text: FoldedText, _ clause: Range<Int>, defaultRole: Role) -> [UnitAssignment] {
        let scalars = text.folded
        var lower = clause.lowerBound
        // `由X负责`, `请X牵头`; `其中“危桥改造”由X牵头`: the assignee follows the last 由 before
        // the role word.
        lower = afterConnective(scalars, lower..<clause.upperBound)
        if scalars[lower] == "由" || scalars[lower] == "请" { lower += 1 }
        // The first role word outside parentheses ends the unit list; `牵头` anywhere wins over
        // a following `落实` (`牵头落实` is lead).
        var roleAt: Int?
        var role = defaultRole
        var depth = 0
        var offset = lower
        var lastYou: Int?
        let roleFirsts = roleWordFirsts
        while offset < clause.upperBound {
            let scalar = scalars[offset]
            if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
            if depth == 0, roleFirsts.contains(scalar), let found = self.role(at: offset, in: scalars) {
                roleAt = offset
                role = found.role
                break
            }
            if depth == 0, scalar == "由", offset > lower { lastYou = offset }
            offset += 1
        }
        // `其中“危桥改造”由X牵头`: the assignee follows the last 由 before the role word.
        if let lastYou, roleAt != nil { lower = lastYou + 1 }
        var listEnd = roleAt ?? clause.upperBound
        listEnd = stripFillers(scalars, lower..<listEnd).upperBound
        // `X会同Y`: X leads, Y supports.
        if let at = scalars.firstOffset(of: huitong, from: lower, before: listEnd) {
            let leads = names(text, lower..<at, role: .lead)
            let supports = names(text, (at + huitong.count)..<listEnd, role: .support)
            return leads + supports
        }
        return names(text, lower..<listEnd, role: role)
    }

    private static func stripFillers(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        var changed = true
        while changed {
            changed = false
            for filler in fillers where upper - filler.count >= range.lowerBound {
                if scalars.matches(filler, at: upper - filler.count) {
                    upper -= filler.count
                    changed = true
                }
            }
            while upper > range.lowerBound, scalars[upper - 1].isFoldedSpace {
                upper -= 1
                changed = true
            }
        }
        return range.lowerBound..<upper
    }

    /// Splits a unit list into names.
    private static func names(_ text: FoldedText, _ range: Range<Int>, role: Role) -> [UnitAssignment] {
        guard !range.isEmpty else { return [] }
        var result: [UnitAssignment] = []
        // A set keeps a list of tens of thousands of names linear (it was quadratic).
        var seen = SmallSet<String>()
        for piece in split(text.folded, range, at: listSeparators) {
            for var name in splitConjunctions(text, piece) {
                // `综合执法等部门及高速公司`: each name may carry its own open ending.
                var open = false
                if let cut = openEnding(text.folded, name) {
                    name = name.lowerBound..<cut
                    open = true
                }
                let printed = text.original(name).trimmedText
                guard !printed.isEmpty else { continue }
                if seen.insert(printed) { result.append(UnitAssignment(name: printed, role: role, fromOpenList: open)) }
            }
        }
        // An open ending anywhere makes the whole printed list open.
        if result.contains(where: \.fromOpenList) {
            result = result.map { UnitAssignment(name: $0.name, role: $0.role, fromOpenList: true) }
        }
        return result
    }

    /// `单位` in `等有关部门和单位`: collective words only, the tail of an open ending.
    private static func isCollectiveTail(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            guard let word = openEndingWords.first(where: { text.matches($0, at: cursor) && cursor + $0.count <= range.upperBound })
            else { return false }
            cursor += word.count
        }
        return true
    }

    /// Where an open-list ending (`等`, `等相关部门`, `等有关部门和单位`) starts in `range`.
    static func openEnding(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        var at = range.upperBound - 1
        while at > range.lowerBound {
            if text[at] == "等" {
                // Everything after 等 must be collective words.
                var cursor = at + 1
                while cursor < range.upperBound {
                    guard let word = openEndingWords.first(where: { text.matches($0, at: cursor) && cursor + $0.count <= range.upperBound })
                    else { break }
                    cursor += word.count
                }
                if cursor == range.upperBound { return at }
                // `等道安成员单位`: 等 and a short collective ending in 单位/部门/机构.
                let tail = range.upperBound - at
                if tail <= 10, collectiveEnds.contains(where: { text.matches($0, at: range.upperBound - $0.count) }) { return at }
                return nil
            }
            if range.upperBound - at > 10 { return nil }
            at -= 1
        }
        return nil
    }

    /// Splits `X和Y` / `X及Y` / `X与Y` only where both sides read as unit names, so that
    /// `区发展和改革委员会` and `区人力资源和社会保障局` stay whole while `各司法所和派出所` splits.
    private static func splitConjunctions(_ text: FoldedText, _ range: Range<Int>) -> [Range<Int>] {
        let scalars = text.folded
        for offset in range where scalars[offset] == "和" || scalars[offset] == "及" || scalars[offset] == "与" {
            // `以及` is one conjunction.
            let conjunctionStart = offset > range.lowerBound && scalars[offset] == "及" && scalars[offset - 1] == "以" ? offset - 1 : offset
            let left = range.lowerBound..<conjunctionStart
            let right = (offset + 1)..<range.upperBound
            // Both sides must end like a unit: `司法所和派出所` splits, `发展和改革委员会` does not;
            // the left side may close an open list (`商务部等和各有关省级人民政府`).
            let leftIsName = UnitVocabulary.endsWithUnitSuffix(scalars, left) || openEnding(scalars, left) != nil
            let isYiji = conjunctionStart != offset
            // `以及` always joins list members; `和`/`及`/`与` only between whole names.
            // (A collective tail continues an open list — `等有关部门和单位` — or a collective
            // name — `各有关部门和单位`; with a determiner of its own after a whole name —
            // `各级政府和各有关部门` — it is a name of its own.)
            let leftIsOpen = openEnding(scalars, left) != nil
            let continuesLeft =
                isCollectiveTail(scalars, right) && (leftIsOpen || !determiners.contains { scalars.matches($0, at: right.lowerBound) })
            if leftIsName || isYiji, left.count >= 2, right.count >= 2,
                isYiji || UnitVocabulary.endsWithUnitSuffix(scalars, right), !continuesLeft
            {
                return [left] + splitConjunctions(text, right)
            }
        }
        return [range]
    }
}
