import GongwenCore

/// Small text helpers the writers share: markup escaping, excerpts, role labels.
enum Markup {
    /// Text for XML or HTML content and attribute values: `& < > " '` as references, and the
    /// control characters XML 1.0 cannot carry dropped (tab and line breaks kept).
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    /// The first `width` scalars and `…`, or the whole text when it is no longer.
    func excerpt(_ width: Int) -> String {
        let scalars = unicodeScalars
        guard scalars.count > width else { return self }
        return String(String.UnicodeScalarView(scalars.prefix(width))) + "…"
    }
}

extension Role {
    /// The role as a notice prints it: 牵头, 配合, 负责.
    var label: String {
        switch self {
        case .lead: "牵头"
        case .support: "配合"
        case .responsible: "负责"
        }
    }
}
