import GongwenCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes in, Unicode text out, with the evidence for the encoding chosen.
///
/// Order of candidates (STYLE.md "Decode ourselves"):
/// 1. a byte-order mark;
/// 2. strict UTF-8 — valid UTF-8 is almost never an accident;
/// 3. the declared charset: a saved page's HTTP `Content-Type` header, `<meta charset>`, or
///    `<meta http-equiv=Content-Type content="…; charset=…">`, found by a prescan of the first
///    bytes, or the caller's hint (a WARC record's header);
/// 4. GB18030, the common case for Chinese pages that declare nothing.
/// Each candidate must decode strictly; a lying label fails and the next is tried. When none
/// decodes cleanly, the best candidate is decoded lossily (U+FFFD) and a warning says so —
/// never a silent truncation or mojibake.
public enum TextDecoder {
    /// How far into a page to look for a charset declaration. Pages declare it in `<head>`,
    /// but CMS templates put long `<script>` blocks and comments first; 8 KB covers all seen.
    static let prescanLength = 8 * 1024

    /// Decodes a whole input.
    ///
    /// - Parameters:
    ///   - bytes: The raw input.
    ///   - hint: A charset label from outside the bytes (an HTTP header), if any.
    /// - Returns: The text and how it was decoded; never fails.
    public static func decode(_ bytes: [UInt8], hint: String? = nil) -> DecodedText {
        var diagnostics: [Diagnostic] = []
        // 1. Byte-order marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return finish(Array(bytes.dropFirst(3)), .utf8, evidence: "bom", diagnostics: diagnostics)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return finish(Array(bytes.dropFirst(2)), .utf16LE, evidence: "bom", diagnostics: diagnostics)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return finish(Array(bytes.dropFirst(2)), .utf16BE, evidence: "bom", diagnostics: diagnostics)
        }
        // UTF-16 without a BOM: every other byte of ASCII text is NUL.
        if let utf16 = sniffUTF16(bytes) {
            return finish(bytes, utf16, evidence: "nul-pattern", diagnostics: diagnostics)
        }
        // 2. Strict UTF-8.
        if let text = String(validating: bytes, as: UTF8.self) {
            if let declared = declaredLabel(bytes, hint: hint), let encoding = DetectedEncoding.fromLabel(declared.label),
                encoding != .utf8, bytes.contains(where: { $0 >= 0x80 })
            {
                diagnostics.append(
                    Diagnostic(
                        .info, .decode, code: "declared-charset-ignored",
                        "declared charset \(declared.label) (\(declared.source)) ignored: the bytes are valid UTF-8"))
            }
            return DecodedText(text: text, encoding: .utf8, evidence: "valid-utf8", replacements: 0, diagnostics: diagnostics)
        }
        // Big5 and GBK share their lead bytes, and GB18030 decodes almost any Big5 page without
        // an error (into nonsense): the trail bytes tell them apart (`Big5Evidence`).
        let big5 = Big5Evidence(bytes)
        // 3. The declared charset.
        var candidates: [(DetectedEncoding, String)] = []
        if let declared = declaredLabel(bytes, hint: hint) {
            if let encoding = DetectedEncoding.fromLabel(declared.label) {
                if encoding == .gb18030, big5.isBig5, IconvConverter.decode(bytes, from: .big5, lossy: false) != nil {
                    diagnostics.append(
                        Diagnostic(
                            .warning, .decode, code: "declared-charset-wrong",
                            "declared charset \(declared.label) (\(declared.source)), but the bytes are Big5: \(big5.description)"))
                    candidates.append((.big5, "big5-trail-bytes"))
                } else if encoding == .big5, big5.isNotBig5 {
                    diagnostics.append(
                        Diagnostic(
                            .warning, .decode, code: "declared-charset-wrong",
                            "declared charset \(declared.label) (\(declared.source)), but the bytes are not Big5: \(big5.description)"))
                } else {
                    candidates.append((encoding, "declared:\(declared.source)"))
                }
            } else {
                diagnostics.append(
                    Diagnostic(.warning, .decode, code: "unknown-charset", "unknown charset label “\(declared.label)” (\(declared.source))")
                )
            }
        }
        // 4. Big5 where its trail bytes say so, else GB18030.
        if big5.isBig5, !candidates.contains(where: { $0.0 == .big5 }) { candidates.append((.big5, "big5-trail-bytes")) }
        if !candidates.contains(where: { $0.0 == .gb18030 }) { candidates.append((.gb18030, "fallback")) }
        for (encoding, evidence) in candidates {
            if let output = IconvConverter.decode(bytes, from: encoding, lossy: false) {
                if evidence.hasPrefix("declared"), encoding == .gb18030 || encoding == .utf8 {
                    return DecodedText(text: output.text, encoding: encoding, evidence: evidence, replacements: 0, diagnostics: diagnostics)
                }
                return DecodedText(text: output.text, encoding: encoding, evidence: evidence, replacements: 0, diagnostics: diagnostics)
            } else if evidence.hasPrefix("declared") {
                diagnostics.append(
                    Diagnostic(
                        .warning, .decode, code: "declared-charset-wrong", "the bytes are not valid \(encoding.rawValue) as declared"))
            }
        }
        // Nothing decodes cleanly: choose the candidate with fewest replacements.
        var best: (DetectedEncoding, IconvConverter.Output)?
        for encoding in [DetectedEncoding.utf8] + candidates.map(\.0) {
            guard let output = IconvConverter.decode(bytes, from: encoding, lossy: true) else { continue }
            if best == nil || output.replacements < best!.1.replacements { best = (encoding, output) }
        }
        guard let (encoding, output) = best else {
            let text = String(decoding: bytes, as: UTF8.self)
            return DecodedText(text: text, encoding: .utf8, evidence: "lossy", replacements: 1, diagnostics: diagnostics)
        }
        diagnostics.append(
            Diagnostic(
                .warning, .decode, code: "invalid-bytes",
                "\(output.replacements) invalid byte sequence(s) replaced with U+FFFD decoding as \(encoding.rawValue); first at byte \(output.firstInvalidOffset ?? 0)"
            ))
        return DecodedText(
            text: output.text, encoding: encoding, evidence: "lossy", replacements: output.replacements, diagnostics: diagnostics)
    }

    // MARK: - Private API

    private static func finish(
        _ bytes: [UInt8], _ encoding: DetectedEncoding, evidence: String, diagnostics: [Diagnostic]
    ) -> DecodedText {
        var diagnostics = diagnostics
        if let output = IconvConverter.decode(bytes, from: encoding, lossy: false) {
            return DecodedText(text: output.text, encoding: encoding, evidence: evidence, replacements: 0, diagnostics: diagnostics)
        }
        let output =
            IconvConverter.decode(bytes, from: encoding, lossy: true)
            ?? IconvConverter.Output(text: String(decoding: bytes, as: UTF8.self), replacements: 1)
        diagnostics.append(
            Diagnostic(
                .warning, .decode, code: "invalid-bytes",
                "\(output.replacements) invalid byte sequence(s) replaced with U+FFFD decoding as \(encoding.rawValue)"))
        return DecodedText(
            text: output.text, encoding: encoding, evidence: evidence, replacements: output.replacements, diagnostics: diagnostics)
    }

    private static func sniffUTF16(_ bytes: [UInt8]) -> DetectedEncoding? {
        let sample = bytes.prefix(512)
        guard sample.count >= 8 else { return nil }
        var evenZero = 0
        var oddZero = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZero += 1 } else { oddZero += 1 }
        }
        let half = sample.count / 2
        if oddZero * 10 >= half * 7, evenZero * 10 < half { return .utf16LE }
        if evenZero * 10 >= half * 7, oddZero * 10 < half { return .utf16BE }
        return nil
    }

    /// A declared charset: the caller's hint, a saved HTTP header, or a `<meta>` in the prescan.
    static func declaredLabel(_ bytes: [UInt8], hint: String?) -> (label: String, source: String)? {
        if let hint, !hint.isEmpty { return (hint, "hint") }
        // Every form of declaration spells `charset`: most plain texts are passed at once.
        let prefix = bytes.prefix(prescanLength)
        guard mentionsCharset(prefix) else { return nil }
        // ASCII-lowercased prescan; non-ASCII bytes cannot be part of a label.
        let head = [UInt8](unsafeUninitializedCapacity: prefix.count) { head, count in
            for (index, byte) in prefix.enumerated() { head[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte }
            count = prefix.count
        }
        // A saved page that kept its HTTP headers: `Content-Type: text/html; charset=gbk` first.
        if head.starts(with: Array("http/".utf8)) || head.starts(with: Array("content-type:".utf8)) {
            let headerEnd =
                ByteSearch.firstOffset(of: Array("\r\n\r\n".utf8), in: head)
                ?? ByteSearch.firstOffset(of: Array("\n\n".utf8), in: head) ?? head.count
            if let label = charset(in: Array(head[0..<headerEnd])) { return (label, "http-header") }
        }
        var searchStart = 0
        let metaOpen = Array("<meta".utf8)
        while let meta = ByteSearch.firstOffset(of: metaOpen, in: head, from: searchStart) {
            let tagEnd = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            let tag = Array(head[meta..<tagEnd])
            if let label = charset(in: tag) {
                let isHTTPEquiv = ByteSearch.firstOffset(of: Array("http-equiv".utf8), in: tag) != nil
                return (label, isHTTPEquiv ? "meta-http-equiv" : "meta-charset")
            }
            searchStart = tagEnd
        }
        return nil
    }

    private static let charsetTail = Array("harset".utf8)

    /// Whether `charset` occurs in the bytes, in any mix of ASCII cases: each `c` and `C` is
    /// found with `memchr` (vectorised), the six letters after it compared.
    private static func mentionsCharset(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, bytes.count >= 7 else { return false }
            let rest = charsetTail
            for first in [UInt8(ascii: "c"), UInt8(ascii: "C")] {
                var offset = 0
                while offset <= bytes.count - 7, let found = memchr(base + offset, Int32(first), bytes.count - 6 - offset) {
                    let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                    if (0..<6).allSatisfy({ bytes[at + 1 + $0] | 0x20 == rest[$0] }) { return true }
                    offset = at + 1
                }
            }
            return false
        }
    }

    /// The label after `charset=` in a tag or header, quotes and spaces skipped.
    private static func charset(in text: [UInt8]) -> String? {
        guard let at = ByteSearch.firstOffset(of: Array("charset".utf8), in: text) else { return nil }
        var i = at + 7
        while i < text.count, text[i] == 0x20 { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        while i < text.count, text[i] == 0x20 || text[i] == UInt8(ascii: "\"") || text[i] == UInt8(ascii: "'") { i += 1 }
        var label: [UInt8] = []
        while i < text.count, label.count < 40 {
            let byte = text[i]
            let isLabelByte =
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            guard isLabelByte else { break }
            label.append(byte)
            i += 1
        }
        return label.isEmpty ? nil : String(decoding: label, as: UTF8.self)
    }
}

/// The outcome of decoding: text plus how it was obtained.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    public var encoding: DetectedEncoding
    /// Why this encoding was chosen: `bom`, `valid-utf8`, `declared:meta-charset`, `fallback`, `lossy` …
    public var evidence: String
    /// How many invalid sequences became U+FFFD.
    public var replacements: Int
    public var diagnostics: [Diagnostic]
}

/// What the double-byte characters of a page say about Big5 against GBK.
///
/// Both encodings use lead bytes 0x81–0xFE. GB2312 — the common characters of every GBK,
/// GB18030 page — has trail bytes 0xA1–0xFE only; Big5's common characters have trail bytes
/// 0x40–0x7E about as often as 0xA1–0xFE (`一` A4 40, `人` A4 48, `，` A1 41). A page whose
/// double-byte characters often end below 0x7F is Big5; one whose never do is not.
struct Big5Evidence: CustomStringConvertible {
    /// Double-byte characters seen, and how many ended in 0x40–0x7E.
    private(set) var pairs = 0
    private(set) var lowTrails = 0

    /// Fewest double-byte characters on which a verdict is given.
    static let minimumPairs = 20

    init(_ bytes: [UInt8]) {
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            let lead = bytes[index]
            guard lead >= 0x81, lead != 0xFF else {
                index += 1
                continue
            }
            let trail = bytes[index + 1]
            pairs += 1
            if (0x40...0x7E).contains(trail) { lowTrails += 1 }
            index += 2
        }
    }

    private var share: Double { pairs == 0 ? 0 : Double(lowTrails) / Double(pairs) }

    /// A fifth or more of the characters end below 0x7F: GBK text does that only in rare
    /// characters, Big5 text in its commonest.
    var isBig5: Bool { pairs >= Self.minimumPairs && share >= 0.2 }

    /// Almost none do: no Big5 text reads like that.
    var isNotBig5: Bool { pairs >= Self.minimumPairs && share < 0.03 }

    var description: String {
        "\(Int((100 * share).rounded())) % of its \(pairs) double-byte characters end in 0x40–0x7E"
    }
}
