import Foundation
import GongwenCore
import Yams

/// Reads a unit gazetteer from a JSON or YAML file:
///
/// ```yaml
/// units:
///   - id: shushan-fgw
///     name: 区发展和改革委员会
///     parent: shushan-gov
///     aliases: [区发改局, 区发展改革委]
/// ```
///
/// The format is told from the content: a file whose first non-blank character is `{` is
/// JSON, anything else YAML (of which JSON is a subset anyway).
public enum GazetteerFile {
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    private struct File: Decodable { var units: [UnitGazetteer.Unit] }

    public static func load(_ path: String) throws(LoadError) -> UnitGazetteer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, reason: "cannot read the gazetteer")
        }
        guard let text = String(validating: Array(data), as: UTF8.self) else {
            throw LoadError(path: path, reason: "the gazetteer is not UTF-8")
        }
        return try read(text, path: path)
    }

    public static func read(_ text: String, path: String) throws(LoadError) -> UnitGazetteer {
        let file: File
        do {
            if text.unicodeScalars.first(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) == "{" {
                file = try JSONDecoder().decode(File.self, from: Data(text.utf8))
            } else {
                file = try YAMLDecoder().decode(File.self, from: text)
            }
        } catch {
            throw LoadError(path: path, reason: "not a gazetteer ({\"units\": [{\"id\", \"name\", \"parent\"?, \"aliases\"?}]}): \(error)")
        }
        do {
            return try UnitGazetteer(units: file.units)
        } catch {
            throw LoadError(path: path, reason: error.description)
        }
    }
}
