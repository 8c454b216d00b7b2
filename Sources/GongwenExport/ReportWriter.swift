import GongwenCore

extension String {
    /// Percent-encodes what cannot stand in a URL path segment (spaces, `#`, `?`, `%`, quotes,
    /// controls); keeps letters of every script, which browsers accept as they are.
    fileprivate func addingPercentEncodingForPath() -> String {
        var output = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x00...0x20, 0x22, 0x23, 0x25, 0x3C, 0x3E, 0x3F, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "%" + (hex.utf8.count < 2 ? "0" + hex : hex)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

/// One self-contained HTML page for a supervision office: per unit, a deadline timeline and
/// its tasks, overdue ones highlighted, every task linked to its full text and source.
///
/// No scripts, no fonts, no images, no external links other than the sources themselves: the
/// file opens offline and prints. The timeline is inline SVG.
public struct ReportWriter: Sendable {
    public var asOf: CalendarDate?
    public var title: String

    public init(asOf: CalendarDate? = nil, title: String = "公文任务报告") {
        self.asOf = asOf
        self.title = title
    }

    public func report(_ documents: [OutputDocument], units selected: Set<String> = []) -> [UInt8] {
        let view = UnitView(documents, asOf: asOf, only: selected)
        let entries = view.units.flatMap(\.entries)
        let dues = entries.compactMap { $0.deadline?.due }
        let span = (dues.min(), dues.max())

        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="gongwen \(Self.escape(GongwenVersion.current))">
            <title>\(Self.escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>\(Self.escape(title))</h1>
            <p class="summary">\(documents.count) 份文件 · \(Set(entries.compactMap(\.taskID)).count) 项任务 · \
            \(view.units.count) 个单位\(asOf.map { " · 截至 \($0)，逾期 <strong id=\"overdue-total\">\(view.units.map(\.overdueCount).reduce(0, +))</strong> 项" } ?? "")</p>
            <nav><ul>
            """
        for (index, unit) in view.units.enumerated() {
            let overdue = unit.overdueCount > 0 ? " <span class=\"badge\">逾期 \(unit.overdueCount)</span>" : ""
            html += "<li><a href=\"#unit-\(index + 1)\">\(Self.escape(unit.unit))</a> (\(unit.entries.count))\(overdue)</li>\n"
        }
        html += "</ul></nav>\n</header>\n<main>\n"

        for (index, unit) in view.units.enumerated() {
            html += "<section class=\"unit\" id=\"unit-\(index + 1)\" data-unit=\"\(Self.escape(unit.unit))\">\n"
            html += "<h2>\(Self.escape(unit.unit))"
            if let id = unit.unitID { html += " <small>\(Self.escape(id))</small>" }
            html += "</h2>\n"
            html += timeline(unit.entries, from: span.0, to: span.1)
            html += "<table class=\"tasks\">\n<thead><tr><th>期限</th><th>到期日</th><th>角色</th><th>任务</th></tr></thead>\n<tbody>\n"
            for entry in unit.entries {
                let overdue = entry.overdue == true
                html += "<tr class=\"task\(overdue ? " overdue" : "")\">"
                html += "<td>\(Self.escape(entry.deadline?.raw ?? "—"))</td>"
                html += "<td>\(entry.deadline?.due?.description ?? "—")\(overdue ? " <span class=\"badge\">逾期</span>" : "")</td>"
                html += "<td>\(entry.role.label)</td>"
                html += "<td><a class=\"task-link\" href=\"#\(Self.anchor(entry))\">\(Self.escape(Self.summary(entry)))</a></td>"
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }

        html += "<section id=\"texts\">\n<h2>任务原文</h2>\n"
        // The texts of the tasks listed above, each once.
        var unwritten = Set(entries.map(Self.anchor))
        for document in documents {
            for task in document.tasks {
                let anchor = Self.anchor(taskID: task.id, document: document.source.path, index: task.index)
                guard unwritten.remove(anchor) != nil else { continue }
                html += "<article class=\"task-text\" id=\"\(anchor)\">\n"
                html += "<h3>\(Self.escape(task.number ?? "")) \(Self.escape(task.sectionPath.last ?? ""))</h3>\n"
                html += "<p>\(Self.escape(task.text))</p>\n<dl>\n"
                for role in Role.allCases {
                    let names = task.units.filter { $0.role == role }.map(\.name)
                    if !names.isEmpty {
                        html += "<dt>\(role.label)</dt><dd>\(Self.escape(names.joined(separator: "、")))</dd>\n"
                    }
                }
                if let deadline = task.deadline {
                    html += "<dt>时限</dt><dd>\(Self.escape(deadline.raw))\(deadline.due.map { "（\($0)）" } ?? "")</dd>\n"
                }
                let source = document.source.url ?? document.source.path
                var place = "第 \(task.source.line) 行"
                if let row = task.source.row, let column = task.source.column { place += "，表格第 \(row) 行第 \(column) 列" }
                html +=
                    "<dt>来源</dt><dd><a class=\"source\" href=\"\(Self.escape(Self.safeHref(source)))\">\(Self.escape(document.metadata.title ?? source))</a>，\(place)</dd>\n"
                html += "</dl>\n</article>\n"
            }
        }
        html += "</section>\n</main>\n</body>\n</html>\n"
        return Array(html.utf8)
    }

    // MARK: - Timeline

    /// Inline SVG: a line from the earliest to the latest due date of the whole report, a dot
    /// per dated task of the unit (red when overdue), the as-of day as a mark.
    private func timeline(_ entries: [UnitView.Entry], from start: CalendarDate?, to end: CalendarDate?) -> String {
        guard let start, let end else { return "" }
        let width = 760.0
        let first = Self.dayNumber(start)
        let days = max(1, Self.dayNumber(end) - first)
        func x(_ date: CalendarDate) -> Int { 20 + Int(width * Double(Self.dayNumber(date) - first) / Double(days)) }
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 800 56\" width=\"800\" height=\"56\" role=\"img\" aria-label=\"到期时间线\">\n"
        svg += "<line x1=\"20\" y1=\"28\" x2=\"780\" y2=\"28\" stroke=\"#999\"/>\n"
        svg +=
            "<text x=\"20\" y=\"52\" font-size=\"11\">\(start)</text><text x=\"780\" y=\"52\" font-size=\"11\" text-anchor=\"end\">\(end)</text>\n"
        if let asOf, asOf >= start, asOf <= end {
            svg +=
                "<line class=\"as-of\" x1=\"\(x(asOf))\" y1=\"8\" x2=\"\(x(asOf))\" y2=\"48\" stroke=\"#06c\" stroke-dasharray=\"3 2\"/>\n"
        }
        for entry in entries {
            guard let due = entry.deadline?.due else { continue }
            let overdue = entry.overdue == true
            svg +=
                "<a href=\"#\(Self.anchor(entry))\"><circle class=\"due\(overdue ? " overdue" : "")\" cx=\"\(x(due))\" cy=\"28\" r=\"5\" "
            svg += "fill=\"\(overdue ? "#c00" : "#2a7")\"><title>\(due) \(Self.escape(Self.summary(entry)))</title></circle></a>\n"
        }
        return svg + "</svg>\n"
    }

    /// Days since 0000-03-01, enough to place dates on a line.
    static func dayNumber(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let m = date.month <= 2 ? date.month + 9 : date.month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + date.day - 1
    }

    // MARK: - Pieces

    static func anchor(_ entry: UnitView.Entry) -> String {
        anchor(taskID: entry.taskID, document: entry.document, index: entry.index)
    }

    static func anchor(taskID: String?, document: String, index: Int) -> String {
        if let taskID { return "task-" + taskID }
        return "task-" + SHA256Digest.hex(Array((document + "#\(index)").utf8)).prefix(16)
    }

    static func summary(_ entry: UnitView.Entry) -> String {
        (entry.number.map { $0 + " " } ?? "") + entry.text.excerpt(60)
    }

    /// A link target that cannot run anything: web addresses as they are, anything else as a
    /// relative path (`./` before a name with a colon, so `javascript:…` stays a file name).
    static func safeHref(_ source: String) -> String {
        let lower = source.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return source }
        let path = source.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncodingForPath() }.joined(separator: "/")
        return source.hasPrefix("/") || !path.contains(":") ? path : "./" + path
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }

    static let style = """
        body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}\
        h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}\
        h2 small{color:#777;font-weight:normal}nav ul{columns:3;list-style:none;padding:0}\
        table.tasks{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}\
        tr.overdue{background:#fde8e8}.badge{background:#c00;color:#fff;border-radius:3px;padding:0 4px;font-size:.8em}\
        article.task-text{border-top:1px solid #eee;padding:.5em 0}dl{display:grid;grid-template-columns:4em 1fr;margin:0}\
        dt{color:#777}dd{margin:0}:target{background:#fff6d0}
        """
}
