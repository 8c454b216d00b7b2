import Foundation
import GongwenTestSupport
import Testing

@testable import Gongwen
@testable import GongwenCore
@testable import GongwenExport

/// Gazetteer files (JSON or YAML) applied to outputs: the printed name stays, the canonical
/// unit is added, and per-unit views join the printed forms.
struct GazetteerTests {
    static let yaml = """
        # comment
        units:
          - id: fgw
            name: 区发展和改革局
            aliases: [区发改局]
        """
    static let json = #"{"units": [{"id": "fgw", "name": "区发展和改革局", "aliases": ["区发改局"]}]}"#

    private func seed() throws -> OutputDocument {
        OutputDocument(try NoticeExtractor().extract(bytes: Paths.bytes(Paths.sample("seed.txt")), path: "samples/seed.txt"))
    }

    @Test func jsonAndYAMLReadTheSame() throws {
        #expect(try GazetteerFile.read(Self.yaml, path: "g.yaml") == GazetteerFile.read(Self.json, path: "g.json"))
    }

    @Test func badFilesNameThePathAndTheCause() {
        #expect {
            try GazetteerFile.read("units: 3", path: "bad.yaml")
        } throws: { String(describing: $0).hasPrefix("bad.yaml: not a gazetteer") }
        #expect {
            try GazetteerFile.read(#"{"units": [{"id": "a", "name": "甲"}, {"id": "a", "name": "乙"}]}"#, path: "dup.json")
        } throws: { String(describing: $0) == "dup.json: unit id a is listed twice" }
        #expect {
            try GazetteerFile.load("/nonexistent/g.yaml")
        } throws: { String(describing: $0) == "/nonexistent/g.yaml: cannot read the gazetteer" }
    }

    @Test func applyingKeepsThePrintedNameAndJoinsItsForms() throws {
        let gazetteer = try GazetteerFile.read(Self.yaml, path: "g.yaml")
        let document = try seed().applying(gazetteer)
        let units = document.tasks.flatMap(\.units)
        let joined = units.filter { $0.canonical?.id == "fgw" }
        #expect(Set(joined.map(\.name)) == ["区发改局", "区发改局(物价局)"])
        #expect(units.filter { $0.canonical == nil }.allSatisfy { !$0.name.hasPrefix("区发改局") })

        let view = UnitView([document])
        let fgw = try #require(view.units.first { $0.unitID == "fgw" })
        #expect(fgw.unit == "区发展和改革局")
        #expect(fgw.entries.count == joined.count)
        #expect(!UnitView.unknownNames([document]).contains { $0.name.hasPrefix("区发改局") })

        // The canonical unit is written and is valid against the schema.
        let bytes = JSONExporter.document(document)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"canonical\" : {"))
        let result = try SchemaValidator.validate(bytes)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func theStarterGazetteerLoads() throws {
        let gazetteer = try GazetteerFile.load(Paths.repository + "/samples/gazetteer.yaml")
        #expect(gazetteer.units.count > 100)
        #expect(gazetteer.canonical(for: "区发改局(物价局)")?.name == "区发展和改革局")
    }
}
