import Foundation
import GongwenCore

/// Writes extractions as JSON: deterministic bytes (sorted keys, no timestamps, no absolute
/// paths), pretty for one document, compact for JSON Lines.
public enum JSONExporter {
    /// The pretty JSON document for one extraction, ending in a newline.
    public static func document(_ extraction: Extraction) throws(ExportError) -> [UInt8] {
        try encode(OutputDocument(extraction), pretty: true) + [0x0A]
    }

    /// One JSON Lines record (no newline inside, one at the end).
    public static func line(_ extraction: Extraction) throws(ExportError) -> [UInt8] {
        try encode(OutputDocument(extraction), pretty: false) + [0x0A]
    }

    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws(ExportError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw .encoding(String(describing: error))
        }
    }
}

/// Why an exporter could not write.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    case encoding(String)

    public var description: String {
        switch self {
        case .encoding(let reason): "cannot encode the output: \(reason)"
        }
    }
}
