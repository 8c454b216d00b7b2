/// The words that make a span of text read as the name of a government unit.
///
/// Used to recognise units in running text (`由X负责`) and to decide where a list may be split
/// at `和`/`及`. Kept as data in one place so that growing it never touches the readers.
enum UnitVocabulary {
    /// Endings of unit names: `局`, `委`, `办`, `中心`, `政府`, `街道` …, and collective
    /// endings (`部门`, `单位`).
    static let suffixes: [[Unicode.Scalar]] = [
        "局", "委", "办", "厅", "部", "署", "院", "会", "室", "处", "所", "站", "队", "司", "馆", "社", "团", "组",
        "中心", "政府", "部门", "单位", "机关", "街道", "镇", "乡", "村", "社区", "公司", "集团", "园区", "开发区",
        "管委会", "办公室", "委员会", "法院", "检察院", "分局", "支队", "大队", "镇街", "镇街园", "县区", "各区", "各县",
        "企业", "国企", "学校", "医院", "银行", "协会", "联合会", "工会", "团委", "妇联", "科协", "残联", "气象台", "海关", "片区",
        // Collectives: `有关方面` is named like `有关部门`.
        "有关方面", "相关方面",
    ].map(pattern)

    /// Beginnings that mark a unit: an administrative level or a collective quantifier.
    static let prefixes: [[Unicode.Scalar]] = [
        "区", "市", "县", "省", "镇", "乡", "各", "国", "自治", "州", "旗", "街道", "全区", "全市", "有关", "相关",
        // National bodies: `中国人民银行`, `中央编办`, `中共XX委`.
        "中国", "中央", "中共",
        // A reply addresses its recipient in the second person: `你局`, `你省有关部门`.
        "你", "贵",
    ].map(pattern)

    private static let suffixEnds = ScalarSet(lastScalarsOf: suffixes)
    private static let prefixStarts = ScalarSet(firstScalarsOf: prefixes)

    /// Whether a scalar can end a unit name (`局`, `府`, `室` …): a line ending so may be a
    /// signature rather than a broken sentence.
    static func endsLikeUnitName(_ last: Unicode.Scalar) -> Bool { suffixEnds.contains(last) }

    static func endsWithUnitSuffix(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count >= 2 else { return false }
        var upper = range.upperBound
        // `区发改局(物价局)`: look before a closing qualifier.
        if text[upper - 1] == ")", let open = text.lastOffset(of: ["("], before: upper), open > range.lowerBound {
            upper = open
        }
        guard upper > range.lowerBound, suffixEnds.contains(text[upper - 1]) else { return false }
        return suffixes.contains { text.matches($0, at: upper - $0.count) && upper - $0.count >= range.lowerBound }
    }

    /// People a role word may follow or a list may name: they are no units (GOLD.md: people
    /// are not units).
    static let personNouns = [
        "专人", "人员", "干部", "职工", "个人", "同志", "领导", "负责人", "群众", "居民", "志愿者", "党员",
    ].map(pattern)

    /// Whether a name read from a list ends with a person noun (`其他领导`, `各村干部`).
    static func namesPeople(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        return personNouns.contains { scalars.count >= $0.count && scalars.matches($0, at: scalars.count - $0.count) }
    }

    static func startsLikeUnit(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, prefixStarts.contains(text[range.lowerBound]) else { return false }
        return prefixes.contains { text.matches($0, at: range.lowerBound) && range.lowerBound + $0.count <= range.upperBound }
    }

    /// Whether the whole range reads as one unit name or a list of them (`区财政局、区人社局`).
    /// A two-character name needs an administrative prefix (`市委`, `各县`): `组队`, `企业`
    /// end like units but name none.
    /// - Parameter afterYou: The list follows `由` or `请`, which mark what comes next as the
    ///   assignee; then a modifier with `的` (`由对应的行业主管部门牵头`) is part of the name.
    private static let listSeparators: ScalarSet = ["、", ",", " "]

    static func isUnitList(_ text: [Unicode.Scalar], _ range: Range<Int>, afterYou: Bool = false) -> Bool {
        let pieces = UnitListParser.split(text, range, at: listSeparators)
        guard !pieces.isEmpty, range.count <= 120 else { return false }
        // `民政、公安、人民银行等有关部门`: a list closed by a collective open ending (等…部门)
        // names units, abbreviated ones too (DOMAIN.md §4).
        let closedByCollective = pieces.count >= 2 && endsWithCollective(text, pieces[pieces.count - 1])
        return pieces.allSatisfy { piece in
            var piece = piece
            if let cut = UnitListParser.openEnding(text, piece) { piece = piece.lowerBound..<cut }
            guard piece.count >= 2, piece.count <= 24, !containsVerbLikeWord(text, piece, allowingModifiers: afterYou) else {
                return false
            }
            if closedByCollective, piece.count <= 8, (piece.lowerBound..<piece.upperBound).allSatisfy({ text[$0].isHan }) {
                return true
            }
            return endsWithUnitSuffix(text, piece) && (piece.count > 2 || startsLikeUnit(text, piece))
        }
    }

    private static let collectiveEndings = ["部门", "单位", "机构"].map(pattern)

    /// `…等有关部门`, `…等单位`: an open ending made of collective words.
    private static func endsWithCollective(_ text: [Unicode.Scalar], _ piece: Range<Int>) -> Bool {
        guard UnitListParser.openEnding(text, piece) != nil else { return false }
        return collectiveEndings.contains { piece.count >= $0.count && text.matches($0, at: piece.upperBound - $0.count) }
    }

    /// Words that never occur inside a unit name but often before a role word in prose
    /// (`主要负责同志`, `分级负责`, `谁主管谁负责`).
    private static let nonNameWords: [[Unicode.Scalar]] = [
        "主要", "分级", "谁", "同志", "领导", "工作", "要", "的", "将", "对", "把", "以", "为", "是", "在", "并", "进行", "加强",
        "建立", "组织", "推进", "开展", "做好", "切实", "鼓励", "支持", "引导", "推动", "允许", "可以", "可", "探索", "积极", "按照",
        "根据", "通过", "配合", "牵头", "负责", "督促",
        // Prepositions and verbs that open a phrase before a unit-like noun (`围绕企业落实…`),
        // and the aspect words of reports (`研究提出了办理意见`, `已会同…`).
        "围绕", "结合", "依托", "聚焦", "针对", "面向", "确保", "坚持", "完善", "优化", "提出", "了", "已", "按", "当好", "调动", "建议", "由", "完成", "召开", "向",
    ].map(pattern)

    private static let nonNameWordList = WordList(nonNameWords)
    /// After `由`/`请` a modifier with `的` or `对` belongs to the name.
    private static let nonNameWordListAfterYou = WordList(nonNameWords.filter { $0 != ["的"] && $0 != ["对"] })

    static func containsVerbLikeWord(_ text: [Unicode.Scalar], _ range: Range<Int>, allowingModifiers: Bool = false) -> Bool {
        let range = range.clamped(to: 0..<text.count)
        guard (allowingModifiers ? nonNameWordListAfterYou : nonNameWordList).occurs(in: text, range) else { return false }
        // `领导小组办公室` is a unit: 领导 there names the group, not a leader. Test the name
        // with that word masked.
        guard text.firstOffset(of: leadingGroup, from: range.lowerBound, before: range.upperBound) != nil else { return true }
        var masked = Array(text[range])
        var at = 0
        while let found = masked.firstOffset(of: leadingGroup, from: at) {
            for index in found..<(found + leadingGroup.count) { masked[index] = "组" }
            at = found + leadingGroup.count
        }
        return (allowingModifiers ? nonNameWordListAfterYou : nonNameWordList).occurs(in: masked, 0..<masked.count)
    }

    private static let leadingGroup = pattern("领导小组")
}
