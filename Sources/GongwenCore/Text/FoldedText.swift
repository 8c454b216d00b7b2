#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of printed text with a matching-friendly twin, scalar for scalar.
///
/// Documents mix half- and full-width forms (`（一）`/`(一)`, `：`/`:`, `１`/`1`) and pad with
/// U+3000 and U+00A0. Rules match on `folded`; whatever they cut out is taken from the printed
/// text at the same offsets (`original(_:)`), so output keeps the printed text. Folding is
/// strictly one scalar to one scalar, which is what keeps the offsets aligned.
///
/// The printed text is kept as the String it came from, with the byte offset of every 32nd
/// scalar: `original(_:)` copies bytes instead of encoding scalars again, and no second
/// array of scalars is built for every text folded (most are folded and never cut). A
/// prefix (`prefix(of:maximumScalars:)`) keeps the whole String and where the prefix ends.
public struct FoldedText: Sendable, Equatable {
    public let folded: [Unicode.Scalar]
    private let source: String
    /// `checkpoints[k]` is the byte offset in `source` of scalar `k * checkpointStride`.
    private let checkpoints: [Int]
    /// The byte offset in `source` where the folded scalars end.
    private let end: Int
    /// A power of two (the fold masks with it).
    private static let checkpointStride = 32

    public init(_ text: String) {
        self.init(text, maximumScalars: .max)
    }

    public init<S: StringProtocol>(_ text: S) {
        self.init(String(text))
    }

    private init(_ text: String, maximumScalars: Int) {
        var text = text
        (folded, checkpoints, end) = text.withUTF8 { FoldedText.foldAndIndex($0, maximumScalars: maximumScalars) }
        source = text
    }

    /// The printed scalars (decoded on each call: for tests and rare whole-text uses).
    public var original: [Unicode.Scalar] {
        var text = source
        return text.withUTF8 { FoldedText.decode(UnsafeBufferPointer(rebasing: $0[..<end])) }
    }

    /// The first `maximumScalars` scalars of `text`, and whether that is all of it.
    public static func prefix(of text: String, maximumScalars: Int) -> (text: FoldedText, isWhole: Bool) {
        let prefix = FoldedText(text, maximumScalars: maximumScalars)
        return (prefix, prefix.end == text.utf8.count)
    }

    public var count: Int { folded.count }
    public var isEmpty: Bool { folded.isEmpty }

    /// The printed text of a range of scalar offsets.
    public func original(_ range: Range<Int>) -> String {
        let range = range.clamped(to: 0..<folded.count)
        guard !range.isEmpty else { return "" }
        var text = source
        return text.withUTF8 { bytes in
            let lower = byteOffset(of: range.lowerBound, in: bytes)
            let upper = range.upperBound == folded.count ? end : byteOffset(of: range.upperBound, in: bytes)
            return String(validUTF8: UnsafeBufferPointer(rebasing: bytes[lower..<upper]))
        }
    }

    /// The printed text of all the folded scalars.
    public var printed: String { original(0..<folded.count) }

    /// The text of a range of scalar offsets, folded already: its scalars are copied and its
    /// checkpoints found by stepping over lead bytes, nothing decoded or folded again (what
    /// `FoldedText(original(range))` would do).
    public func subtext(_ range: Range<Int>) -> FoldedText {
        let range = range.clamped(to: 0..<folded.count)
        var text = source
        return text.withUTF8 { bytes in
            let lower = byteOffset(of: range.lowerBound, in: bytes)
            let upper = range.upperBound == folded.count ? end : byteOffset(of: range.upperBound, in: bytes)
            var checkpoints: [Int] = []
            checkpoints.reserveCapacity(range.count / Self.checkpointStride + 1)
            var offset = lower
            var index = 0
            while index < range.count {
                if index & (Self.checkpointStride - 1) == 0 { checkpoints.append(offset - lower) }
                offset += Self.sequenceLength(lead: bytes[offset])
                index += 1
            }
            return FoldedText(
                folded: Array(folded[range]), source: String(validUTF8: UnsafeBufferPointer(rebasing: bytes[lower..<upper])),
                checkpoints: checkpoints, end: upper - lower)
        }
    }

    private init(folded: [Unicode.Scalar], source: String, checkpoints: [Int], end: Int) {
        self.folded = folded
        self.source = source
        self.checkpoints = checkpoints
        self.end = end
    }

    /// The byte offset of a scalar: from the checkpoint before it, at most 31 scalars on.
    private func byteOffset(of scalar: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard scalar < folded.count else { return end }
        var index = scalar / Self.checkpointStride * Self.checkpointStride
        var offset = checkpoints[scalar / Self.checkpointStride]
        while index < scalar {
            offset += Self.sequenceLength(lead: bytes[offset])
            index += 1
        }
        return Swift.min(offset, bytes.count)
    }

    /// The folded text of a range, as a String (for table look-ups and tests).
    public func folded(_ range: Range<Int>) -> String {
        String(scalars: folded[range.clamped(to: 0..<folded.count)])
    }

    public static func == (lhs: FoldedText, rhs: FoldedText) -> Bool {
        lhs.folded == rhs.folded && lhs.source.utf8.prefix(lhs.end).elementsEqual(rhs.source.utf8.prefix(rhs.end))
    }

    /// The scalar at `index` of valid UTF-8, and the index after it. Three-byte sequences (all
    /// of CJK) are read inline; a surrogate (only in broken UTF-8) reads as U+FFFD, as in
    /// `scalar(in:at:)`.
    @inlinable @inline(__always)
    public static func nextScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Unicode.Scalar {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            return Unicode.Scalar(lead)
        }
        if lead >= 0xE0, lead < 0xF0, index + 2 < bytes.count {
            let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            index += 3
            return Unicode.Scalar(UInt16(truncatingIfNeeded: value)) ?? "\u{FFFD}"
        }
        let (scalar, width) = scalar(in: bytes, at: index)
        index += width
        return scalar
    }

    /// The scalars of valid UTF-8, decoded in one loop (`Array(text.unicodeScalars)` goes
    /// through the generic iterator scalar by scalar) into an array of the exact size.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        let count = scalarCount(bytes)
        // Scalars are trivial values: writing the uninitialised memory directly is fine.
        return [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalars, initialized in
            var index = 0
            var written = 0
            while index < bytes.count, written < count {
                scalars[written] = nextScalar(bytes, &index)
                written += 1
            }
            initialized = written
        }
    }

    /// The folded scalars of valid UTF-8 (at most `maximumScalars` of them), the byte offset of
    /// every `checkpointStride`-th scalar, and the byte offset where they end, in one pass.
    static func foldAndIndex(
        _ bytes: UnsafeBufferPointer<UInt8>, maximumScalars: Int = .max
    ) -> (folded: [Unicode.Scalar], checkpoints: [Int], end: Int) {
        // A whole text gets an array of its exact size; a prefix stops after `maximumScalars`
        // without counting the rest.
        let count = maximumScalars == .max ? scalarCount(bytes) : Swift.min(maximumScalars, bytes.count)
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(count / checkpointStride + 1)
        var index = 0
        let folded = [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalars, initialized in
            var written = 0
            while index < bytes.count, written < count {
                if written & (checkpointStride - 1) == 0 { checkpoints.append(index) }
                scalars[written] = fold(nextScalar(bytes, &index))
                written += 1
            }
            initialized = written
        }
        return (folded, checkpoints, index)
    }

    /// The number of scalars in valid UTF-8: its bytes that are not continuation bytes
    /// (`10xxxxxx`), counted eight at a time — bit 7 set and bit 6 clear in each byte of a
    /// word — which is a third of the byte loop's time.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return bytes.count - continuations
    }

    /// The byte length of the UTF-8 sequence a lead byte starts.
    @inline(__always)
    static func sequenceLength(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar starting at `index` of valid UTF-8 (a String's), and its byte length. A
    /// sequence cut off by the end of the buffer reads as U+FFFD.
    @inline(__always)
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, width: Int) {
        let lead = UInt32(bytes[index])
        let width = sequenceLength(lead: bytes[index])
        guard index + width <= bytes.count else { return ("\u{FFFD}", bytes.count - index) }
        let value: UInt32
        switch width {
        case 1: value = lead
        case 2: value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        case 3: value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        default:
            value =
                (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// Folds one scalar: full-width ASCII to ASCII, every space-like scalar to U+0020.
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        // Printable ASCII and the CJK blocks are never folded: one test passes most scalars.
        if value > 0x20 && value < 0xA0 || value > 0x3000 && value < 0xFEFF { return scalar }
        switch value {
        case 0xFF01...0xFF5E:
            return Unicode.Scalar(value - 0xFEE0)!
        case 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return " "
        default:
            return scalar
        }
    }
}

// MARK: - Scalar classification

extension Unicode.Scalar {
    /// White space after folding, line breaks included.
    @inline(__always)
    public var isFoldedSpace: Bool {
        switch value {
        case 0x20, 0x0A, 0x0D: true
        default: false
        }
    }

    @inline(__always)
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }

    @inline(__always)
    var asciiDigitValue: Int? { isASCIIDigit ? Int(value - 0x30) : nil }

    /// A CJK unified ideograph (the basic block and extension A).
    @inline(__always)
    var isHan: Bool { (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) }
}

// MARK: - Searching scalar arrays

/// The scalars of a pattern word, for tables compiled once as `static let`.
@inline(__always)
func pattern(_ text: String) -> [Unicode.Scalar] {
    Array(text.unicodeScalars)
}

extension Array where Element == Unicode.Scalar {
    /// Whether `needle` occurs at `offset`.
    @inline(__always)
    public func matches(_ needle: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= count else { return false }
        var i = 0
        while i < needle.count {
            if self[offset + i] != needle[i] { return false }
            i += 1
        }
        return true
    }

    /// The first offset at or after `start` where `needle` occurs.
    public func firstOffset(of needle: [Unicode.Scalar], from start: Int = 0, before end: Int? = nil) -> Int? {
        let limit = Swift.min(end ?? count, count) - needle.count
        guard !needle.isEmpty, start <= limit else { return nil }
        var i = Swift.max(0, start)
        let first = needle[0]
        while i <= limit {
            if self[i] == first, matches(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The last offset before `end` where `needle` starts.
    public func lastOffset(of needle: [Unicode.Scalar], before end: Int? = nil) -> Int? {
        let end = Swift.min(end ?? count, count)
        var i = end - needle.count
        while i >= 0 {
            if matches(needle, at: i) { return i }
            i -= 1
        }
        return nil
    }

    public func contains(_ needle: [Unicode.Scalar]) -> Bool { firstOffset(of: needle) != nil }

    public func hasPrefix(_ needle: [Unicode.Scalar]) -> Bool { matches(needle, at: 0) }

    public func hasSuffix(_ needle: [Unicode.Scalar]) -> Bool { matches(needle, at: count - needle.count) }

    /// The range without leading and trailing folded white space.
    public func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, self[lower].isFoldedSpace { lower += 1 }
        while upper > lower, self[upper - 1].isFoldedSpace { upper -= 1 }
        return lower..<upper
    }

    public var asString: String { String(scalars: self[...]) }
}

extension String {
    /// A string of scalars, encoded straight into the string's UTF-8 storage.
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var at = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    buffer[at] = UInt8(value)
                    at += 1
                } else if value < 0x800 {
                    buffer[at] = UInt8(0xC0 | value >> 6)
                    buffer[at + 1] = UInt8(0x80 | value & 0x3F)
                    at += 2
                } else if value < 0x10000 {
                    buffer[at] = UInt8(0xE0 | value >> 12)
                    buffer[at + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[at + 2] = UInt8(0x80 | value & 0x3F)
                    at += 3
                } else {
                    buffer[at] = UInt8(0xF0 | value >> 18)
                    buffer[at + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                    buffer[at + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                    buffer[at + 3] = UInt8(0x80 | value & 0x3F)
                    at += 4
                }
            }
            return at
        }
    }
}

extension String {
    /// The number of Unicode scalars, counted on the UTF-8 bytes (those that start a scalar)
    /// instead of by walking the scalar view.
    public var scalarCount: Int {
        var text = self
        return text.withUTF8 { FoldedText.scalarCount($0) }
    }

    /// The text after its first `count` scalars, with surrounding white space removed: the
    /// scalars are stepped over on the UTF-8 and the rest copied once (building a String from
    /// the scalar view appended one scalar at a time).
    public func trimmedText(droppingScalars count: Int) -> String {
        var text = self
        return text.withUTF8 { bytes in
            var offset = 0
            var dropped = 0
            while offset < bytes.count, dropped < count {
                offset += FoldedText.sequenceLength(lead: bytes[offset])
                dropped += 1
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[Swift.min(offset, bytes.count)...])
            return String(validUTF8: UnsafeBufferPointer(rebasing: rest[FoldedText.trimmedBounds(rest)]))
        }
    }

    /// The text with surrounding white space removed, U+3000 and U+00A0 included.
    public var trimmedText: String {
        var text = self
        return text.withUTF8 { bytes in
            let kept = FoldedText.trimmedBounds(bytes)
            if kept.count == bytes.count { return self }
            return String(validUTF8: UnsafeBufferPointer(rebasing: bytes[kept]))
        }
    }

    /// The folded text with all white space removed: the key used to compare labels and names.
    ///
    /// Works on UTF-8 bytes: full-width ASCII (EF BC 81 … EF BD 9E) becomes ASCII, every
    /// space-like scalar is dropped, everything else is copied as is. Called for most blocks
    /// several times, it was a tenth of the extraction time when built from scalars.
    public var compactFolded: String {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        FoldedText.compactFold(utf8.span, into: &output)
        return output.withUnsafeBufferPointer { String(validUTF8: $0) }
    }
}

extension FoldedText {
    /// Appends the compact-folded form of `bytes` to `output`, stopping after `limit` scalars;
    /// returns how many scalars it appended.
    @discardableResult
    static func compactFold(_ bytes: Span<UInt8>, into output: inout [UInt8], limit: Int = .max) -> Int {
        bytes.withUnsafeBufferPointer { compactFold($0, into: &output, limit: limit) }
    }

    /// The loop of `compactFold`: bytes kept as they are (most of them: CJK characters) are
    /// copied in runs, not one at a time.
    static func compactFold(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limit: Int) -> Int {
        var i = 0
        var appended = 0
        let count = bytes.count
        var runStart = 0
        @inline(__always) func flush(_ end: Int) {
            if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while i < count, appended < limit {
            let byte = bytes[i]
            if byte < 0x80 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    flush(i)
                    runStart = i + 1
                } else {
                    appended += 1
                }
                i += 1
                continue
            }
            let length = sequenceLength(lead: byte)
            guard i + length <= count else {
                // A cut sequence (never in a String) is copied as it is and counted once.
                flush(count)
                return appended + 1
            }
            if length == 2, byte == 0xC2, bytes[i + 1] == 0xA0 {
                flush(i)
                i += 2
                runStart = i
                continue
            }
            if length == 3, byte == 0xEF || byte <= 0xE3 {
                let b = bytes[i + 1]
                let c = bytes[i + 2]
                if let ascii = FoldedText.fullWidthASCII(byte, b, c) {
                    flush(i)
                    output.append(ascii)
                    appended += 1
                    i += 3
                    runStart = i
                    continue
                }
                if FoldedText.isSpaceSequence3(byte, b, c) {
                    flush(i)
                    i += 3
                    runStart = i
                    continue
                }
            }
            appended += 1
            i += length
        }
        flush(i)
        return appended
    }
}

extension String {
    /// A string of bytes known to be valid UTF-8 — a slice of a Swift string cut at scalar
    /// boundaries, or its fold — made without the validation `String(decoding:as:)` repeats
    /// (three times faster; strings are made for most lines several times). Debug builds
    /// still validate.
    @usableFromInline
    init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "invalid UTF-8 passed as valid")
        self = unsafe String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes)))
    }

    /// Appends the compact-folded UTF-8 of the text (its first `maximumScalars` scalars) to
    /// `output`: keys built of many texts get no String per text.
    public func appendCompactFolded(to output: inout [UInt8], maximumScalars: Int = .max) {
        FoldedText.compactFold(utf8.span, into: &output, limit: maximumScalars)
    }

    /// The compact-folded form of the text's first `maximumScalars` scalars (after white
    /// space is dropped), and whether that is the whole compact text. Readers that only look
    /// at the start of a line, or only at short lines, fold no more than they read.
    public func compactFoldedPrefix(maximumScalars: Int) -> (key: String, isWhole: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(Swift.min(utf8.count, 4 * maximumScalars + 4))
        let appended = FoldedText.compactFold(utf8.span, into: &output, limit: maximumScalars + 1)
        guard appended > maximumScalars else { return (output.withUnsafeBufferPointer { String(validUTF8: $0) }, true) }
        // Drop the one scalar read past the limit.
        var end = output.count - 1
        while end > 0, output[end] & 0xC0 == 0x80 { end -= 1 }
        return (output.withUnsafeBufferPointer { String(validUTF8: UnsafeBufferPointer(rebasing: $0[..<end])) }, false)
    }
}

extension FoldedText {
    /// The ASCII byte a full-width form (U+FF01–FF5E: EF BC 81…BF, EF BD 80…9E) folds to.
    @inline(__always)
    static func fullWidthASCII(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8? {
        guard a == 0xEF else { return nil }
        if b == 0xBC, (0x81...0xBF).contains(c) { return c - 0x60 }
        if b == 0xBD, (0x80...0x9E).contains(c) { return c - 0x20 }
        return nil
    }

    /// Whether three UTF-8 bytes spell a space-like scalar `fold` maps to U+0020 (the only
    /// other one, U+00A0, is two bytes: C2 A0).
    @inline(__always)
    static func isSpaceSequence3(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        if a == 0xE3, b == 0x80, c == 0x80 { return true }  // U+3000
        if a == 0xEF, b == 0xBB, c == 0xBF { return true }  // U+FEFF
        if a == 0xE1, b == 0x9A, c == 0x80 { return true }  // U+1680
        if a == 0xE2, b == 0x80, (0x80...0x8B).contains(c) || c == 0xAF { return true }  // U+2000–200B, U+202F
        if a == 0xE2, b == 0x81, c == 0x9F { return true }  // U+205F
        return false
    }

    /// The bytes of valid UTF-8 without the white space at either end: ASCII white space and
    /// every space-like scalar `fold` maps to U+0020 (what `trimmedText` removes).
    public static func trimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        @inline(__always) func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var lower = 0
        var upper = bytes.count
        while lower < upper {
            let byte = bytes[lower]
            if isASCIISpace(byte) {
                lower += 1
            } else if byte == 0xC2, lower + 1 < upper, bytes[lower + 1] == 0xA0 {
                lower += 2
            } else if lower + 2 < upper, isSpaceSequence3(byte, bytes[lower + 1], bytes[lower + 2]) {
                lower += 3
            } else {
                break
            }
        }
        // A space-like scalar's first byte is a lead byte: the last two or three bytes are one
        // whole scalar when they spell one.
        while lower < upper {
            if isASCIISpace(bytes[upper - 1]) {
                upper -= 1
            } else if upper - lower >= 2, bytes[upper - 2] == 0xC2, bytes[upper - 1] == 0xA0 {
                upper -= 2
            } else if upper - lower >= 3, isSpaceSequence3(bytes[upper - 3], bytes[upper - 2], bytes[upper - 1]) {
                upper -= 3
            } else {
                break
            }
        }
        return lower..<upper
    }
}

// MARK: - Byte-level string matching

// Strings and substrings search their own storage through `Span`, without copying either
// side; these overloads win over the generic one below for the common cases.
extension String {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    @inlinable
    public func utf8Contains(_ needle: String) -> Bool { ByteSearch.contains(utf8.span, needle.utf8.span) }

    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    @inlinable
    public func utf8Contains(_ needle: Substring) -> Bool { ByteSearch.contains(utf8.span, needle.utf8.span) }

    /// Whether the text starts with `prefix`, compared as UTF-8 bytes.
    @inlinable
    public func utf8HasPrefix(_ prefix: String) -> Bool { ByteSearch.matches(utf8.span, prefix.utf8.span, at: 0) }

    /// Whether the text ends with `suffix`, compared as UTF-8 bytes.
    @inlinable
    public func utf8HasSuffix(_ suffix: String) -> Bool {
        let text = utf8.span
        let suffix = suffix.utf8.span
        return ByteSearch.matches(text, suffix, at: text.count - suffix.count)
    }
}

extension Substring {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    @inlinable
    public func utf8Contains(_ needle: String) -> Bool { ByteSearch.contains(utf8.span, needle.utf8.span) }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes.
    ///
    /// UTF-8 is self-synchronising, so a byte match is a scalar match. The standard library's
    /// `contains(_:)` compares grapheme clusters with canonical equivalence, which the
    /// extractor never needs and which profiling showed to cost more than parsing the page.
    @inlinable
    public func utf8Contains(_ needle: some StringProtocol) -> Bool {
        ByteSearch.contains(Array(utf8).span, Array(needle.utf8).span)
    }

    /// Whether the text starts with `prefix`, compared as UTF-8 bytes.
    @inlinable
    public func utf8HasPrefix(_ prefix: some StringProtocol) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// Whether the text ends with `suffix`, compared as UTF-8 bytes.
    @inlinable
    public func utf8HasSuffix(_ suffix: some StringProtocol) -> Bool {
        let count = utf8.count
        let suffixCount = suffix.utf8.count
        return suffixCount <= count && utf8.dropFirst(count - suffixCount).elementsEqual(suffix.utf8)
    }
}

/// Substring search over bytes, shared by the text matchers and the HTML attribute checks.
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    @inlinable
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        contains(haystack.span, needle.span)
    }

    /// Whether `needle` occurs in `haystack`, searched in place: the C library's `memchr`
    /// (vectorised) finds each candidate first byte, `memcmp` checks the rest. A byte loop here
    /// was a few per cent of the extraction.
    @inlinable
    public static func contains(_ haystack: Span<UInt8>, _ needle: Span<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                contains(haystack, needle)
            }
        }
    }

    /// Whether `needle` occurs in `haystack` (both non-empty buffers or empty ones).
    @inlinable
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack, from: 0) != nil
    }

    /// The first offset at or after `start` where `needle` occurs in `haystack`.
    @inlinable
    public static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in firstOffset(of: needle, in: haystack, from: start) }
        }
    }

    /// The first offset at or after `start` where `needle` occurs in `haystack`.
    @inlinable
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int?
    {
        guard start >= 0, start <= haystack.count else { return nil }
        guard let needleStart = needle.baseAddress, !needle.isEmpty else { return start }
        guard let haystackStart = haystack.baseAddress, needle.count <= haystack.count else { return nil }
        // The byte looked for: a Chinese needle's second byte (a continuation byte, one of 64
        // values) is far rarer in Chinese text than its lead byte (one of a handful).
        let key = needle.count >= 2 && needle[1] & 0xC0 == 0x80 ? 1 : 0
        let keyByte = Int32(needle[key])
        var offset = start
        let last = haystack.count - needle.count
        while offset <= last {
            guard let found = memchr(haystackStart + offset + key, keyByte, last - offset + 1) else { return nil }
            let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - haystackStart - key
            if memcmp(haystackStart + at, needleStart, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack` at `offset` (false when it would not fit).
    @inlinable
    public static func matches(_ haystack: Span<UInt8>, _ needle: Span<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= haystack.count else { return false }
        var j = 0
        while j < needle.count {
            if haystack[offset + j] != needle[j] { return false }
            j += 1
        }
        return true
    }
}
