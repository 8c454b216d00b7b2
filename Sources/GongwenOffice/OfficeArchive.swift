import Foundation
import ZIPFoundation

/// The ZIP container of a DOCX or XLSX file, read in memory with bounds.
///
/// Entries are only ever read by name into memory, never written to disk, so an entry named
/// `../x` or `/etc/passwd` can reach nothing. Every read is bounded: the uncompressed bytes of
/// all entries read together may not exceed `maximumBytes` (a ZIP bomb stops there, however
/// large the sizes it declares), and an entry is read in chunks that are counted as they come.
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

    private let archive: Archive
    /// Uncompressed bytes that may still be read.
    private var budget: Int
    private let limit: Int

    init(_ bytes: [UInt8], maximumBytes: Int) throws(Failure) {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .compoundFile }
        guard bytes.starts(with: [0x50, 0x4B]) else { throw .notZip }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notZip
        }
        budget = maximumBytes
        limit = maximumBytes
    }

    /// Whether the container has an entry of this name.
    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The names of the entries (for telling a DOCX from an XLSX).
    var entryNames: [String] { archive.map(\.path) }

    /// Reads one entry whole; nil when there is none (an optional part).
    mutating func read(_ path: String) throws(Failure) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.type == .file else { throw .corrupt(part: path, reason: "not a file entry") }
        var data = Data()
        var remaining = budget
        let part = path
        let limit = self.limit
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                remaining -= chunk.count
                // (Counted as the chunks come: the sizes an entry declares are not trusted.)
                if remaining < 0 { throw Failure.tooLarge(part: part, limit: limit) }
                data.append(chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .corrupt(part: path, reason: "\(error)")
        }
        budget = remaining
        return data
    }

    /// Reads an entry the file must have.
    mutating func require(_ path: String) throws(Failure) -> Data {
        guard let data = try read(path) else { throw .missingPart(path) }
        return data
    }
}
