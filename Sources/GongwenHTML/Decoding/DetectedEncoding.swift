/// The character encodings Gongwen decodes, and how they are named in the wild.
public enum DetectedEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    /// GB18030, the superset of GB2312 and GBK: every gb2312/gbk/cp936 label decodes as this,
    /// because pages labelled gb2312 routinely carry GBK-only characters (镕 E946, 堃 88D2).
    case gb18030
    case big5
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"

    /// The name iconv knows the encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .big5: "BIG5-HKSCS"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1252: "WINDOWS-1252"
        }
    }

    /// Maps a charset label (WHATWG names and common misspellings) to an encoding.
    ///
    /// - Returns: nil for a label Gongwen does not know; the caller records a diagnostic and
    ///   goes on with the next candidate.
    public static func fromLabel(_ label: String) -> DetectedEncoding? {
        let key = label.lowercased().filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return .utf8
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "windows-936", "ms936", "gb18030", "csgb2312",
            "euc-cn", "iso-ir-58", "chinese", "csiso58gb231280", "x-euc-cn", "hz-gb-2312":
            return .gb18030
        case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5":
            return .big5
        case "utf-16le", "utf-16":
            return .utf16LE
        case "utf-16be":
            return .utf16BE
        case "iso-8859-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii", "iso8859-1":
            return .windows1252
        default:
            return nil
        }
    }
}
