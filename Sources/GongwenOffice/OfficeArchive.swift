import CSystemZlib
import Foundation
import GongwenHTML

/// The ZIP container of a DOCX or XLSX file, read in memory with bounds.
///
/// The container is read here, from its central directory, with zlib for the deflated entries:
/// a hostile file meets only checks. Every offset and size it declares is checked against the
/// bytes there are before anything is read; entries are only ever read by name into memory,
/// never written to disk, so an entry named `../x` or `/etc/passwd` can reach nothing; the
/// uncompressed bytes of all entries read together may not exceed `maximumBytes` (a ZIP bomb
/// stops there, whatever sizes it declares), counted as they are inflated; each entry's CRC-32
/// is checked. ZIP64 sizes and offsets are read; encrypted entries and compression methods
/// other than stored and deflate are clear errors.
struct OfficeArchive {
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not a ZIP container at all.
        case notZip
        /// An OLE compound file: an encrypted OOXML document or a legacy `.doc`/`.xls`.
        case compoundFile
        case missingPart(String)
        case tooLarge(part: String, limit: Int)
        case corrupt(part: String, reason: String)

        var description: String {
            switch self {
            case .notZip: "not an Office Open XML file: the ZIP container cannot be read"
            case .compoundFile:
                "an OLE compound file: a password-protected (encrypted) Office document, or a legacy .doc/.xls/.wps/.et"
            case .missingPart(let part): "the file has no \(part)"
            case .tooLarge(let part, let limit): "\(part) expands to more than \(limit) bytes (the --max-bytes limit)"
            case .corrupt(let part, let reason): "\(part) cannot be read: \(reason)"
            }
        }
    }

    /// One entry of the central directory.
    struct Entry: Equatable {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    private var entries: [String: Entry] = [:]
    /// Entry names in directory order.
    private(set) var entryNames: [String] = []
    /// Uncompressed bytes that may still be read.
    private var budget: Int
    private let limit: Int

    /// The most entries a container may list (an office file has tens).
    static let maximumEntries = 100_000

    init(_ bytes: [UInt8], maximumBytes: Int) throws(Failure) {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .compoundFile }
        guard bytes.starts(with: [0x50, 0x4B]) else { throw .notZip }
        self.bytes = bytes
        budget = maximumBytes
        limit = maximumBytes
        try readDirectory()
    }

    /// Whether the container has an entry of this name.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// Reads one entry whole; nil when there is none (an optional part).
    mutating func read(_ path: String) throws(Failure) -> Data? {
        guard let entry = entries[path] else { return nil }
        if entry.flags & 1 != 0 { throw .corrupt(part: path, reason: "the entry is encrypted") }
        let header = entry.localHeaderOffset
        guard header >= 0, header <= bytes.count - 30, u32(header) == 0x0403_4B50 else {
            throw .corrupt(part: path, reason: "no local header where the directory says")
        }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard entry.compressedSize >= 0, start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .corrupt(part: path, reason: "the entry runs past the end of the file")
        }
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize <= budget else { throw .tooLarge(part: path, limit: limit) }
            data = Array(bytes[start..<(start + entry.compressedSize)])
        case 8:
            data = try inflate(start..<(start + entry.compressedSize), part: path)
        default:
            throw .corrupt(part: path, reason: "compression method \(entry.method) is not supported")
        }
        guard data.count == entry.size else {
            throw .corrupt(part: path, reason: "\(data.count) bytes where the directory says \(entry.size)")
        }
        let crc = data.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        guard crc == entry.crc else { throw .corrupt(part: path, reason: "the CRC-32 does not match") }
        budget -= data.count
        return Data(data)
    }

    /// Reads an entry the file must have.
    mutating func require(_ path: String) throws(Failure) -> Data {
        guard let data = try read(path) else { throw .missingPart(path) }
        return data
    }

    // MARK: - The central directory

    private func u16(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 }

    private func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }

    private func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }

    /// A size or offset the file declares, as an Int (nil past what any file can hold).
    private func size(_ value: UInt64) -> Int? { value <= UInt64(Int32.max) * 4 ? Int(value) : nil }

    private mutating func readDirectory() throws(Failure) {
        // The end-of-central-directory record: within the last 64 KiB (its comment's bound).
        guard bytes.count >= 22 else { throw .notZip }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw .notZip }
        var count = Int(u16(end + 10))
        var directorySize = Int(u32(end + 12))
        var directoryOffset = Int(u32(end + 16))
        // ZIP64: the locator just before points to the ZIP64 end record with the full values.
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            guard end >= 20, u32(end - 20) == 0x0706_4B50, let record = size(u64(end - 12)), record <= bytes.count - 56,
                u32(record) == 0x0606_4B50, let fullCount = size(u64(record + 32)), let fullSize = size(u64(record + 40)),
                let fullOffset = size(u64(record + 48))
            else { throw .notZip }
            (count, directorySize, directoryOffset) = (fullCount, fullSize, fullOffset)
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else { throw .notZip }
        guard count <= Self.maximumEntries else {
            throw .corrupt(part: "the ZIP directory", reason: "\(count) entries (at most \(Self.maximumEntries))")
        }
        var offset = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<count {
            guard offset <= directoryEnd - 46, u32(offset) == 0x0201_4B50 else {
                throw .corrupt(part: "the ZIP directory", reason: "an entry is cut off or misplaced")
            }
            let nameLength = Int(u16(offset + 28))
            let extraLength = Int(u16(offset + 30))
            let commentLength = Int(u16(offset + 32))
            let next = offset + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw .corrupt(part: "the ZIP directory", reason: "an entry is cut off") }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            var entry = Entry(
                name: name, flags: u16(offset + 8), method: u16(offset + 10), crc: u32(offset + 16),
                compressedSize: Int(u32(offset + 20)), size: Int(u32(offset + 24)), localHeaderOffset: Int(u32(offset + 42)))
            try readZIP64Extra(&entry, from: offset + 46 + nameLength, length: extraLength)
            if entries[name] == nil, !name.hasSuffix("/") {
                entries[name] = entry
                entryNames.append(name)
            }
            offset = next
        }
    }

    /// The ZIP64 extra field (id 1): the sizes and offset whose 32-bit fields say 0xFFFFFFFF, in
    /// that order.
    private func readZIP64Extra(_ entry: inout Entry, from start: Int, length: Int) throws(Failure) {
        var offset = start
        let end = start + length
        while offset + 4 <= end {
            let id = u16(offset)
            let fieldLength = Int(u16(offset + 2))
            let body = offset + 4
            guard body + fieldLength <= end else { break }
            if id == 1 {
                var field = body
                func next() throws(Failure) -> Int {
                    guard field + 8 <= body + fieldLength, let value = size(u64(field)) else {
                        throw .corrupt(part: entry.name, reason: "a ZIP64 size is missing or absurd")
                    }
                    field += 8
                    return value
                }
                if entry.size == 0xFFFF_FFFF { entry.size = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
            }
            offset = body + fieldLength
        }
    }

    /// Inflates a raw deflate stream, stopping as soon as the output passes the budget.
    private func inflate(_ range: Range<Int>, part: String) throws(Failure) -> [UInt8] {
        do {
            return try GzipInflater.inflateRaw(Array(bytes[range]), limit: budget)
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge(part: part, limit: limit)
            case .corrupt(_, let reason): throw .corrupt(part: part, reason: reason)
            }
        }
    }
}
