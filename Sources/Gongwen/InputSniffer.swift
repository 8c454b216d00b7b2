import GongwenCore

/// Tells HTML from plain text by the content, not by the file name.
///
/// A saved page may be named `.txt`, and a browser copy `.html`. The bytes decide: markup
/// (`<!doctype`, `<html`, `<head`, `<body`, `<meta`, `<div`, `<p`, `<table`) near the start, or a
/// saved HTTP response whose headers precede markup, make HTML; anything else is text.
public enum InputSniffer {
    /// How far into the input to look for markup.
    static let window = 2048

    private static let markers: [[UInt8]] = [
        "<!doctype", "<html", "<head", "<body", "<meta", "<div", "<p", "<table", "<title", "<span", "<!--", "<?xml",
    ].map { Array($0.utf8) }

    public static func format(of bytes: [UInt8]) -> SourceInfo.Format {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        // UTF-16 input: look at every other byte.
        var sample: [UInt8]
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            sample = bytes.prefix(window * 2).dropFirst(2).filter { $0 != 0 }
        } else {
            sample = Array(bytes[start..<min(bytes.count, start + window)])
        }
        sample = sample.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        let leading = sample.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if leading.starts(with: Array("http/".utf8)) { return .html }
        guard leading.first == UInt8(ascii: "<") else { return .text }
        let head = Array(leading)
        for marker in markers where ByteSearch.contains(head, marker) { return .html }
        return .text
    }
}
