import GongwenCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes JSON straight into bytes: the exporter's output without Foundation's `JSONEncoder`
/// and without building a tree first.
///
/// Profiling a 10 MB page with 30,000 tasks showed `JSONEncoder` taking a third of the whole
/// extraction; a value tree cost most of what remained. The layout matches the encoder's
/// `.sortedKeys`/`.prettyPrinted`/`.withoutEscapingSlashes` output byte for byte (two-space
/// indent, `"key" : value`, empty containers as `[` blank line `]`), so outputs did not change.
/// Writers give their members in key order (UTF-8 byte order); the stream checks that it was
/// (`keysInOrder`, asserted by the tests for every shape written). U+2028 and U+2029 are
/// escaped, as are all control characters, so a line of JSON Lines is always one line.
///
/// ```swift
/// var stream = JSONStream(pretty: true)
/// stream.object { json in
///     json.member("a", 1)
///     json.key("b")
///     json.array(["x", "y"]) { json, item in json.string(item) }
/// }
/// ```
public struct JSONStream: ~Copyable {
    /// The output, in memory of its own: appending a byte is a store and a count, where an
    /// array checked its uniqueness and capacity through the runtime on every append (a third
    /// of the writer's time). The stream cannot be copied, so nothing else can see the memory.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    public let pretty: Bool
    /// False once a key was written before the previous key of its object.
    public private(set) var keysInOrder = true
    /// Per open container: members written so far, and the object's last key.
    private var counts: [Int] = []
    private var lastKeys: [StaticString?] = []

    /// Where full buffers go when the output is streamed; nil keeps everything in memory.
    private let sink: ((UnsafeBufferPointer<UInt8>) -> Void)?

    /// - Parameter sink: Takes the bytes each time `capacity` of them are written (and on
    ///   `flush()`): a document of any size then needs no more memory than the buffer.
    public init(pretty: Bool, capacity: Int = 4096, sink: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) {
        self.pretty = pretty
        self.capacity = Swift.max(capacity, 64)
        self.sink = sink
        storage = .allocate(capacity: self.capacity)
    }

    /// Hands what is buffered to the sink (nothing without one).
    public mutating func flush() {
        guard let sink, length > 0 else { return }
        sink(UnsafeBufferPointer(start: storage, count: length))
        length = 0
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: length)) }

    // MARK: Containers

    public mutating func object(_ members: (inout JSONStream) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    public mutating func array<C: Collection>(_ items: C, _ write: (inout JSONStream, C.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            write(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// Starts an object member: separator, indentation and `"key" : `.
    public mutating func key(_ name: StaticString) {
        if let last = lastKeys[lastKeys.count - 1], !Self.precedes(last, name) { keysInOrder = false }
        lastKeys[lastKeys.count - 1] = name
        separate()
        append(UInt8(ascii: "\""))
        append(name)
        append(pretty ? "\" : " : "\":")
    }

    /// A member whose value is a string, number, boolean or writable value (nil as null).
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int?) {
        key(name)
        int(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool?) {
        key(name)
        if let value { bool(value) } else { null() }
    }

    /// A member whose value is an array of writable values or of strings.
    public mutating func member<Element: JSONWritable>(_ name: StaticString, _ items: [Element]) {
        key(name)
        array(items) { json, item in json.value(item) }
    }

    public mutating func member(_ name: StaticString, _ strings: [String]) {
        key(name)
        array(strings) { json, string in json.string(string) }
    }

    public mutating func member(_ name: StaticString, _ value: (some JSONWritable)?) {
        key(name)
        self.value(value)
    }

    // MARK: Values

    /// A line break after the value written (JSON Lines, or a document's last line).
    public mutating func lineBreak() { append(0x0A) }

    public mutating func null() { append("null") }
    public mutating func bool(_ value: Bool) { append(value ? "true" : "false") }
    public mutating func int(_ value: Int) { writeInt(value) }
    public mutating func string(_ value: String) { writeString(value) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    public mutating func value(_ value: some JSONWritable) { value.write(to: &self) }

    public mutating func value(_ value: (some JSONWritable)?) {
        if let value { value.write(to: &self) } else { null() }
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        append(bracket)
        counts.append(0)
        lastKeys.append(nil)
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.removeLast()
        lastKeys.removeLast()
        if pretty {
            append(0x0A)
            // An empty container keeps its blank line, as JSONEncoder writes it.
            if count == 0 { append(0x0A) }
            indent(counts.count)
        }
        append(bracket)
    }

    /// Before a member or element: the comma, then (pretty) a line break and indentation.
    private mutating func separate() {
        let index = counts.count - 1
        if counts[index] > 0 { append(UInt8(ascii: ",")) }
        counts[index] += 1
        if pretty {
            append(0x0A)
            indent(counts.count)
        }
    }

    private mutating func indent(_ level: Int) {
        var remaining = level * 2
        while remaining > 0 {
            let run = Swift.min(remaining, Self.spaces.utf8CodeUnitCount)
            append(UnsafeBufferPointer(start: Self.spaces.utf8Start, count: run))
            remaining -= run
        }
    }

    /// Indentation is copied from a literal: no array to retain, no lazy initialisation.
    private static let spaces: StaticString = "                                                                "

    /// Decimal digits of an integer, written without making a String.
    private mutating func writeInt(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    // MARK: Output

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if length == capacity { grow(toAtLeast: length + 1) }
        storage[length] = byte
        length += 1
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        if length + buffer.count > capacity { grow(toAtLeast: length + buffer.count) }
        (storage + length).initialize(from: base, count: buffer.count)
        length += buffer.count
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func grow(toAtLeast needed: Int) {
        if sink != nil {
            let pending = needed - length
            flush()
            if pending <= capacity { return }
        }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: Swift.max(needed, capacity * 2))
        grown.initialize(from: storage, count: length)
        storage.deallocate()
        storage = grown
        capacity = Swift.max(needed, capacity * 2)
    }

    /// Byte order of two keys (memcmp: this runs for every key written).
    private static func precedes(_ a: StaticString, _ b: StaticString) -> Bool {
        let common = Swift.min(a.utf8CodeUnitCount, b.utf8CodeUnitCount)
        let order = memcmp(a.utf8Start, b.utf8Start, common)
        return order < 0 || order == 0 && a.utf8CodeUnitCount < b.utf8CodeUnitCount
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Whether any of eight bytes is a control byte, `"`, `\\` or E2 (the lead byte of
    /// U+2028/U+2029): the bytes `writeString` looks at one by one. Exact as a yes/no test (a
    /// borrow only ever marks a byte above one that matches).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let belowSpace = (word &- ones &* 0x20) & ~word & highs != 0
        return belowSpace || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// Writes a JSON string. Works on the UTF-8 bytes and copies runs that need no escape in
    /// one go: only `"`, `\\`, control bytes and U+2028/U+2029 (E2 80 A8/A9) are rewritten.
    private mutating func writeString(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let count = bytes.count
            let base = UnsafeRawPointer(bytes.baseAddress)
            while i < count {
                // Eight bytes at a time while none of them can need an escape.
                if i + 8 <= count, let base, !Self.mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let byte = bytes[i]
                // Most bytes need nothing: one range test and three compares.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    i += 1
                    continue
                }
                // The escaped form: a backslash and a letter, or \u and four hex digits.
                var letter: UInt8 = 0
                var code: UInt32 = 0
                var width = 1
                switch byte {
                case 0x22: letter = 0x22
                case 0x5C: letter = 0x5C
                case 0x0A: letter = UInt8(ascii: "n")
                case 0x0D: letter = UInt8(ascii: "r")
                case 0x09: letter = UInt8(ascii: "t")
                case 0x08: letter = UInt8(ascii: "b")
                case 0x0C: letter = UInt8(ascii: "f")
                case 0x00..<0x20: code = UInt32(byte)
                case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    code = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    width = 3
                default:
                    i += 1
                    continue
                }
                append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                append(0x5C)
                if letter != 0 {
                    append(letter)
                } else {
                    append(UInt8(ascii: "u"))
                    for shift in stride(from: 12, through: 0, by: -4) { append(Self.hex[Int((code >> UInt32(shift)) & 0xF)]) }
                }
                i += width
                runStart = i
            }
            append(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        append(UInt8(ascii: "\""))
    }

}

/// A value that writes itself as JSON.
public protocol JSONWritable {
    func write(to json: inout JSONStream)
}

extension JSONWritable {
    /// The UTF-8 bytes: pretty (indented, one member per line) or compact (one line), with a
    /// line break after them when `newline` is set (appended in place, not by copying).
    public func jsonBytes(pretty: Bool, newline: Bool = false) -> [UInt8] {
        // A notice's document runs to tens of kilobytes: reserve enough to grow once or never.
        var stream = JSONStream(pretty: pretty, capacity: 1 << 16)
        write(to: &stream)
        if newline { stream.lineBreak() }
        return stream.bytes
    }

    /// Streams the UTF-8 bytes to `sink` in pieces of at most a megabyte (the same bytes as
    /// `jsonBytes`): the output of a huge notice is never held in memory whole.
    public func writeJSON(pretty: Bool, newline: Bool = false, to sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var stream = JSONStream(pretty: pretty, capacity: 1 << 20, sink: sink)
        write(to: &stream)
        if newline { stream.lineBreak() }
        stream.flush()
    }
}

// MARK: - The output document

extension OutputDocument: JSONWritable {
    /// The document, every field present (absent values as null).
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("contentFingerprint", contentFingerprint)
            json.member("diagnostics", diagnostics)
            json.member("generator", generator)
            json.member("metadata", metadata)
            json.member("outline", outline)
            json.member("schemaVersion", schemaVersion)
            json.member("source", source)
            json.member("tasks", tasks)
            json.member("workYear", workYear)
        }
    }
}

extension OutputDocument.Metadata: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("addressees", addressees)
            json.key("attachments")
            json.array(attachments) { json, attachment in
                json.object { json in
                    json.member("number", attachment.number)
                    json.member("title", attachment.title)
                }
            }
            json.key("disclosure")
            json.array(disclosure) { json, field in
                json.object { json in
                    json.member("key", field.key)
                    json.member("value", field.value)
                }
            }
            json.member("documentNumber", documentNumber)
            json.member("issuer", issuer)
            json.member("publishedOn", publishedOn?.description)
            json.member("signedOn", signedOn?.description)
            json.member("title", title)
        }
    }
}

extension OutputDocument.OutlinePart: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("attachment", attachment)
            json.member("line", line)
            json.member("sections", sections)
            json.member("title", title)
        }
    }
}

extension OutputDocument.OutlineSection: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("children", children)
            json.member("level", level)
            json.member("line", line)
            json.member("marker", marker)
            json.member("style", style.rawValue)
            json.member("title", title)
            json.member("value", value)
        }
    }
}

extension OutputDocument.Unit: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            // Written only when a gazetteer named the unit, so that plain outputs stay as they were.
            if let canonical {
                json.key("canonical")
                json.object { json in
                    json.member("id", canonical.id)
                    json.member("name", canonical.name)
                    json.member("parent", canonical.parent)
                }
            }
            json.member("name", name)
            json.member("openList", openList)
            json.member("role", role.rawValue)
        }
    }
}

extension OutputDocument.Task: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("deadline", deadline)
            json.member("id", id)
            json.member("index", index)
            json.member("layout", layout.rawValue)
            json.member("number", number)
            json.member("sectionPath", sectionPath)
            json.member("source", source)
            json.member("text", text)
            json.member("units", units)
        }
    }
}

extension Deadline: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("due", due?.description)
            json.member("kind", kind?.rawValue)
            json.key("milestones")
            json.array(milestones) { json, milestone in
                json.object { json in
                    json.member("due", milestone.due?.description)
                    json.member("label", milestone.label)
                    json.member("raw", milestone.raw)
                }
            }
            json.member("raw", raw)
        }
    }
}

extension SourceLocation: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            if let column {
                json.member("column", column)
            }
            json.member("line", line)
            if let path {
                json.member("path", path)
            }
            if let row {
                json.member("row", row)
            }
        }
    }
}

extension SourceInfo: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            if let archivedAt {
                json.member("archivedAt", archivedAt)
            }
            if !attachments.isEmpty {
                json.member("attachments", attachments)
            }
            json.member("byteCount", byteCount)
            json.member("encoding", encoding)
            json.member("encodingEvidence", encodingEvidence)
            json.member("format", format.rawValue)
            json.member("path", path)
            json.member("sha256", sha256)
            if let url {
                json.member("url", url)
            }
        }
    }
}

extension AttachedFile: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("format", format)
            json.member("number", number)
            json.member("path", path)
            if let problem {
                json.member("problem", problem)
            }
            json.member("sha256", sha256)
            json.member("status", status.rawValue)
        }
    }
}

extension Diagnostic: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("code", code)
            if let line {
                json.member("line", line)
            }
            json.member("message", message)
            json.member("severity", severity.rawValue)
            json.member("stage", stage.rawValue)
        }
    }
}
