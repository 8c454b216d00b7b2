import Foundation
import Gongwen
import GongwenExport
import GongwenTestSupport
import Testing

/// The samples' expected JSON, CSV and outline, kept in `samples/expected/`. A change in what
/// the extractor produces shows up here as a readable line diff; `RECORD_GOLDEN=1 swift test`
/// re-records (and fails once, so that a recording is always reviewed).
struct GoldenOutputTests {
    static let samples = ["seed.txt", "seed-portal.utf8.html", "seed-portal.gbk.html"]

    private func extract(_ name: String) throws -> Extraction {
        try NoticeExtractor().extract(bytes: Paths.bytes(Paths.sample(name)), path: "samples/" + name)
    }

    private func expected(_ name: String, _ suffix: String) -> String {
        Paths.sample("expected/" + name + suffix)
    }

    @Test(arguments: samples)
    func json(_ name: String) throws {
        let actual = String(decoding: try JSONExporter.document(extract(name)), as: UTF8.self)
        if let message = Golden.mismatch(actual, goldenPath: expected(name, ".json")) { Issue.record(Comment(rawValue: message)) }
    }

    @Test(arguments: samples)
    func csv(_ name: String) throws {
        let actual = String(decoding: CSVExporter().export([try extract(name)]), as: UTF8.self)
        if let message = Golden.mismatch(actual, goldenPath: expected(name, ".csv")) { Issue.record(Comment(rawValue: message)) }
    }

    @Test(arguments: samples)
    func outline(_ name: String) throws {
        let actual = OutlineRenderer.render(try extract(name).notice)
        if let message = Golden.mismatch(actual, goldenPath: expected(name, ".outline.txt")) {
            Issue.record(Comment(rawValue: message))
        }
    }

    /// The JSON of every sample validates against `Schemas/gongwen-notice.schema.json` with a
    /// real Draft 2020-12 validator (Python's jsonschema, installed by `scripts/install-deps.sh`).
    @Test(.disabled(if: SchemaValidator.skipReason != nil, SchemaValidator.skipReason.map { Comment(rawValue: $0) }), arguments: samples)
    func jsonValidatesAgainstTheSchema(_ name: String) throws {
        let output = try JSONExporter.document(extract(name))
        let result = try SchemaValidator.validate(output)
        #expect(result.status == 0, "schema validation failed: \(result.output)")
    }

    /// The validator rejects a broken document for what breaks it (exit 1 and the path of the
    /// broken task), not because it could not run (exit 2).
    @Test(.disabled(if: SchemaValidator.skipReason != nil, SchemaValidator.skipReason.map { Comment(rawValue: $0) }))
    func schemaRejectsADocumentThatBreaksIt() throws {
        var object = try JSONSerialization.jsonObject(with: Data(JSONExporter.document(extract("seed.txt")))) as! [String: Any]
        object["tasks"] = [["text": "no units, no role"]]
        let result = try SchemaValidator.validate(Array(try JSONSerialization.data(withJSONObject: object)))
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("/tasks/0: 'units' is a required property"), "\(result.output)")
    }
}

/// Runs `scripts/validate-schema.py` on a JSON document.
enum SchemaValidator {
    static let python = Checkers.python(importing: ["jsonschema"])
    static let skipReason = Checkers.skipReason(python != nil, missing: "Python's jsonschema")

    static func validate(_ json: [UInt8]) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("doc.json")
        try Data(json).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python, "no Python imports jsonschema"))
        process.arguments = [Paths.repository + "/scripts/validate-schema.py", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
