import Foundation
import GongwenCore

/// Writes extractions as JSON: deterministic bytes (sorted keys, no timestamps, no absolute
/// paths), pretty for one document, compact for JSON Lines.
public enum JSONExporter {
    /// The pretty JSON document for one extraction, ending in a newline.
    public static func document(_ extraction: Extraction) throws(ExportError) -> [UInt8] {
        document(OutputDocument(extraction))
    }

    /// The pretty JSON document for an output document, ending in a newline.
    public static func document(_ document: OutputDocument) -> [UInt8] {
        document.jsonBytes(pretty: true, newline: true)
    }

    /// One JSON Lines record (no newline inside, one at the end).
    public static func line(_ extraction: Extraction) throws(ExportError) -> [UInt8] {
        line(OutputDocument(extraction))
    }

    /// One JSON Lines record for an output document.
    public static func line(_ document: OutputDocument) -> [UInt8] {
        document.jsonBytes(pretty: false, newline: true)
    }

    /// Encodes any value with the exporter's settings (sorted keys, no escaped slashes).
    public static func encode<T: Encodable>(_ value: T, pretty: Bool) throws(ExportError) -> [UInt8] {
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
    case decoding(String)

    public var description: String {
        switch self {
        case .encoding(let reason): "cannot encode the output: \(reason)"
        case .decoding(let reason): "cannot read the output: \(reason)"
        }
    }
}

/// Reads outputs back: expectations kept beside saved pages, or two runs to compare.
public enum JSONImporter {
    /// Decodes one output document.
    ///
    /// - Throws: `ExportError.decoding` naming what is wrong.
    public static func document(_ bytes: [UInt8]) throws(ExportError) -> OutputDocument {
        do {
            return try JSONDecoder().decode(OutputDocument.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .decoding(describe(error))
        } catch {
            throw .decoding(String(describing: error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong value at \(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "not valid output JSON at \(path(context).isEmpty ? "the top" : path(context)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
