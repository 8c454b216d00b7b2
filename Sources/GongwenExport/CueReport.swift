import GongwenCore

/// Renders cue accounting (`Notice.cues`) for people and for tools.
///
/// ```
/// t022.txt:40  unitLabel       claimed t-3f2a…  牵头单位：      …（一）制定…方案。牵头单位：市公安局交警支队
/// t022.txt:112 rolePhrase      rejected noUnitSubject  配合 …各司其职，密切配合，增强服务…
/// t022.txt:14  deadlinePhrase  unclaimed       12月31日 …从现在开始到今年12月31日开展集中整治…
/// ```
public enum CueReport {
    /// Counts of one document, or of many added up.
    public struct Summary: Sendable, Equatable {
        public var cues = 0
        public var claimed = 0
        public var unclaimed = 0
        public var rejected: [Cue.Reason: Int] = [:]
        public var unclaimedByKind: [Cue.Kind: Int] = [:]

        public init() {}

        public init(_ cues: [Cue]) {
            for cue in cues { add(cue) }
        }

        public mutating func add(_ cue: Cue) {
            cues += 1
            switch cue.status {
            case .claimed: claimed += 1
            case .rejected(let reason): rejected[reason, default: 0] += 1
            case .unclaimed:
                unclaimed += 1
                unclaimedByKind[cue.kind, default: 0] += 1
            }
        }

        public mutating func add(_ other: Summary) {
            cues += other.cues
            claimed += other.claimed
            unclaimed += other.unclaimed
            for (reason, count) in other.rejected { rejected[reason, default: 0] += count }
            for (kind, count) in other.unclaimedByKind { unclaimedByKind[kind, default: 0] += count }
        }

        public var rejectedCount: Int { rejected.values.reduce(0, +) }

        /// `cues 120, claimed 80, rejected 30 (aimsSection 10, …), unclaimed 10 (8.3 %: rolePhrase 6, …)`
        public var line: String {
            let reasons = Cue.Reason.allCases.compactMap { reason in rejected[reason].map { "\(reason.rawValue) \($0)" } }
            let kinds = Cue.Kind.allCases.compactMap { kind in unclaimedByKind[kind].map { "\(kind.rawValue) \($0)" } }
            let share = cues == 0 ? 0 : Double(unclaimed) * 100 / Double(cues)
            var text = "cues \(cues), claimed \(claimed), rejected \(rejectedCount)"
            if !reasons.isEmpty { text += " (" + reasons.joined(separator: ", ") + ")" }
            text += ", unclaimed \(unclaimed) (\(Self.percent(share)) %"
            if !kinds.isEmpty { text += ": " + kinds.joined(separator: ", ") }
            return text + ")"
        }

        private static func percent(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
    }

    /// One line per cue: place, kind, status, cue and context.
    ///
    /// - Parameter ids: The task id of each task index (`OutputDocument`'s ids).
    public static func lines(_ cues: [Cue], file: String, ids: [String?], showing filter: (Cue) -> Bool = { _ in true }) -> String {
        var text = ""
        for cue in cues where filter(cue) {
            let status: String
            switch cue.status {
            case .claimed(let task): status = "claimed " + (ids.indices.contains(task) ? ids[task] ?? "#\(task + 1)" : "#\(task + 1)")
            case .rejected(let reason): status = "rejected " + reason.rawValue
            case .unclaimed: status = "unclaimed"
            }
            text += "\(file):\(cue.line)\t\(cue.kind.rawValue)\t\(status)\t\(cue.text)\t\(cue.context)\n"
        }
        return text
    }

    /// The cues of one document as a JSON object (`file`, `summary`, `cues`).
    public static func json(_ cues: [Cue], file: String, ids: [String?], pretty: Bool) -> [UInt8] {
        var stream = JSONStream(pretty: pretty)
        let summary = Summary(cues)
        stream.object { json in
            json.key("cues")
            json.array(cues) { json, cue in
                json.object { json in
                    json.member("context", cue.context)
                    json.member("kind", cue.kind.rawValue)
                    json.member("line", cue.line)
                    switch cue.status {
                    case .claimed(let task):
                        json.member("reason", nil as String?)
                        json.member("sectionPath", cue.sectionPath)
                        json.member("status", "claimed")
                        json.member("task", ids.indices.contains(task) ? ids[task] : nil)
                    case .rejected(let reason):
                        json.member("reason", reason.rawValue)
                        json.member("sectionPath", cue.sectionPath)
                        json.member("status", "rejected")
                        json.member("task", nil as String?)
                    case .unclaimed:
                        json.member("reason", nil as String?)
                        json.member("sectionPath", cue.sectionPath)
                        json.member("status", "unclaimed")
                        json.member("task", nil as String?)
                    }
                    json.member("text", cue.text)
                }
            }
            json.member("file", file)
            json.key("summary")
            json.object { json in
                json.member("claimed", summary.claimed)
                json.member("cues", summary.cues)
                json.key("rejected")
                json.object { json in
                    for reason in Cue.Reason.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                        if let count = summary.rejected[reason] { json.member(reason.jsonKey, count) }
                    }
                }
                json.member("unclaimed", summary.unclaimed)
            }
        }
        if !stream.pretty { stream.lineBreak() }
        return stream.bytes
    }
}

extension Cue.Reason {
    /// The reason's name as a static string, for the JSON writer's keys.
    fileprivate var jsonKey: StaticString {
        switch self {
        case .aimsSection: "aimsSection"
        case .causativeObject: "causativeObject"
        case .factBeforeSigning: "factBeforeSigning"
        case .noUnitSubject: "noUnitSubject"
        case .mutualCooperation: "mutualCooperation"
        case .notATaskTable: "notATaskTable"
        case .outsideNumberedItems: "outsideNumberedItems"
        case .permissive: "permissive"
        case .personNotUnit: "personNotUnit"
        case .quotedPrinciple: "quotedPrinciple"
        case .reportedAsDone: "reportedAsDone"
        case .roleWordAsNoun: "roleWordAsNoun"
        case .sectionWithItems: "sectionWithItems"
        case .standingDuty: "standingDuty"
        case .standingRules: "standingRules"
        }
    }
}
