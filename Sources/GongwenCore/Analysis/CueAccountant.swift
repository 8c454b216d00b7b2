/// Lists every assignment cue of a notice's body (`Cue`) with the task that claimed it or the
/// rule that rejected it.
///
/// The cues are found with the same tables the readers use — `AssignmentVocabulary`'s labels,
/// the role words of `UnitListParser`, `TimePointScanner`'s explicit points and durations, the
/// column roles of table headers — so an unclaimed cue means the readers met a word they know
/// in a place they did not understand, not a word they never heard of.
struct CueAccountant {
    /// Where a span of text sits, which decides what its cues can be.
    enum Place {
        /// A numbered item's text: the index of the task it gave (if any), and the rule that
        /// keeps every cue of it from being a task (if any).
        case item(task: Int?, reason: Cue.Reason?)
        /// Text outside every numbered item and table.
        case outside
    }

    var workYear: Int?
    var notBefore: CalendarDate?
    var tasks: [WorkTask]
    private(set) var cues: [Cue] = []

    init(workYear: Int?, notBefore: CalendarDate?, tasks: [WorkTask]) {
        self.workYear = workYear
        self.notBefore = notBefore
        self.tasks = tasks
    }

    /// Accounts for the cues of one span of text.
    ///
    /// - Parameters:
    ///   - lines: The source line of each `\n`-separated piece of `text`.
    mutating func account(_ text: String, lines: [Int], sectionPath: [String], place: Place) {
        // Cheap pass first: most paragraphs hold no cue scalar at all.
        let folded = FoldedText(text)
        let scalars = folded.folded
        var newlines: [Int] = []
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { newlines.append(offset) }
        func line(at offset: Int) -> Int {
            let piece = newlines.firstIndex { $0 >= offset } ?? newlines.count
            return lines.isEmpty ? 0 : lines[min(piece, lines.count - 1)]
        }
        func add(_ kind: Cue.Kind, _ range: Range<Int>, _ status: Cue.Status) {
            let contextRange = max(0, range.lowerBound - 12)..<min(scalars.count, range.upperBound + 12)
            cues.append(
                Cue(
                    kind: kind, text: folded.original(range), context: folded.original(contextRange).replacingNewlines,
                    line: line(at: range.lowerBound), sectionPath: sectionPath, status: status))
        }

        // Labels; the role words inside a label (`牵头单位`) are the label's, not phrases.
        var covered = [Bool](repeating: false, count: scalars.count)
        var offset = 0
        while offset < scalars.count {
            guard AssignmentVocabulary.mayStartLabel(scalars[offset]),
                let label = AssignmentVocabulary.label(at: offset, in: scalars),
                !isPartOfHeaderKey(scalars, offset)
            else {
                offset += 1
                continue
            }
            let range = offset..<label.valueStart
            for index in range { covered[index] = true }
            switch label.kind {
            case .units: add(.unitLabel, range, status(for: .units, place: place))
            case .deadline: add(.deadlineLabel, range, status(for: .deadline, place: place))
            case .person: add(.personLabel, range, .rejected(.personNotUnit))
            case .task: break
            }
            offset = label.valueStart
        }

        // Role words and 会同.
        offset = 0
        let roleFirsts = UnitListParser.roleWordFirsts
        let huitong = UnitListParser.huitong
        while offset < scalars.count {
            let scalar = scalars[offset]
            guard !covered[offset], roleFirsts.contains(scalar) || scalar == huitong[0] || scalar == "请",
                let assessment = RolePhraseReader.assess(scalars, at: offset)
            else {
                offset += 1
                continue
            }
            // (A request `请X` is reported as its 请: the unit after it is the phrase's subject.)
            let length =
                scalars.matches(huitong, at: offset) ? huitong.count : UnitListParser.roleWord(at: offset, in: scalars)?.length ?? 1
            let range = offset..<(offset + length)
            switch assessment {
            case .opensNoun: add(.rolePhrase, range, .rejected(.roleWordAsNoun))
            case .reportsDoneWork: add(.rolePhrase, range, .rejected(.reportedAsDone))
            case .quoted: add(.rolePhrase, range, .rejected(.quotedPrinciple))
            case .permissive: add(.rolePhrase, range, .rejected(.permissive))
            case .causativeObject: add(.rolePhrase, range, .rejected(.causativeObject))
            case .mutual: add(.rolePhrase, range, .rejected(.mutualCooperation))
            case .standingDuty: add(.rolePhrase, range, .rejected(.standingDuty))
            case .personSubject: add(.rolePhrase, range, .rejected(.personNotUnit))
            case .noUnitSubject: add(.rolePhrase, range, outsideOr(place, .rejected(.noUnitSubject)))
            case .unreadSubject: add(.rolePhrase, range, outsideOr(place, .unclaimed))
            case .assigns: add(.rolePhrase, range, status(for: .units, place: place))
            }
            offset += length
        }

        // Time phrases that say by when: explicit points and durations ending in 内.
        for point in TimePointScanner(scalars, workYear: workYear).scan()
        where point.isStep && point.isExplicit && !point.isWindowEnd && !covered[point.range.lowerBound] {
            if let notBefore, let due = point.due, due < notBefore, !point.endsInBefore {
                add(.deadlinePhrase, point.range, outsideOr(place, .rejected(.factBeforeSigning)))
            } else {
                add(.deadlinePhrase, point.range, status(for: .deadline, place: place))
            }
        }
        if scalars.contains("内") {
            for range in WithinScanner.findAll(scalars) where scalars[range.upperBound - 1] == "内" && !covered[range.lowerBound] {
                add(.deadlinePhrase, range, status(for: .deadline, place: place))
            }
        }
    }

    /// Accounts for a table's unit and deadline column headers.
    mutating func account(table: Table, sectionPath: [String], line: Int, firstTask: Int?) {
        for row in table.rows.prefix(3) {
            for cell in row where !cell.isSpanCopy {
                guard let role = ColumnRole.classify(cell.text) else { continue }
                let kind: Cue.Kind
                switch role {
                case .lead, .support, .supportOrResponsible, .responsible, .deadline: kind = .columnHeader
                default: continue
                }
                let status: Cue.Status = firstTask.map { .claimed(task: $0) } ?? .unclaimed
                cues.append(
                    Cue(
                        kind: kind, text: cell.text, context: row.map(\.text).joined(separator: " | ").replacingNewlines,
                        line: cell.source.line, sectionPath: sectionPath, status: status))
            }
        }
    }

    // MARK: - Private API

    private enum Field { case units, deadline }

    /// A cue the readers understood: claimed when the item's task carries that field.
    private func status(for field: Field, place: Place) -> Cue.Status {
        switch place {
        case .outside: return .rejected(.outsideNumberedItems)
        case .item(_, let reason?): return .rejected(reason)
        case .item(let task?, nil):
            switch field {
            case .units where !tasks[task].units.isEmpty: return .claimed(task: task)
            case .deadline where tasks[task].deadline != nil: return .claimed(task: task)
            default: return .unclaimed
            }
        case .item(nil, nil): return .unclaimed
        }
    }

    /// A rule's rejection, unless the place itself already rules the cue out.
    private func outsideOr(_ place: Place, _ status: Cue.Status) -> Cue.Status {
        switch place {
        case .outside: .rejected(.outsideNumberedItems)
        case .item(_, let reason?): .rejected(reason)
        case .item: status
        }
    }

    /// `发布时间:` and `成文日期:` end with a deadline label but are the page's facts.
    private func isPartOfHeaderKey(_ scalars: [Unicode.Scalar], _ offset: Int) -> Bool {
        guard offset >= 2 else { return false }
        let key = String(scalars: scalars[(offset - 2)..<min(scalars.count, offset + 2)])
        return DisclosureKeys.all.contains(key)
    }
}

extension String {
    /// Line breaks shown as ` / `, for one-line context.
    fileprivate var replacingNewlines: String {
        var text = self
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                if byte == 0x0A {
                    out += [0x20, 0x2F, 0x20]
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
