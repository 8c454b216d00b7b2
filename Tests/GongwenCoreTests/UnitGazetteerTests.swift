import GongwenCore
import Testing

struct UnitGazetteerTests {
    static let units = [
        UnitGazetteer.Unit(id: "gov", name: "区人民政府"),
        UnitGazetteer.Unit(id: "fgw", name: "区发展和改革委员会", parent: "gov", aliases: ["区发改局", "区发展改革委"]),
    ]

    @Test func printedFormsFindTheirCanonicalUnit() throws {
        let gazetteer = try UnitGazetteer(units: Self.units)
        #expect(gazetteer.canonical(for: "区发改局")?.id == "fgw")
        #expect(gazetteer.canonical(for: "区发展改革委")?.name == "区发展和改革委员会")
        #expect(gazetteer.canonical(for: "区发展和改革委员会")?.parent == "gov")
        #expect(gazetteer.canonical(for: "区 发改局")?.id == "fgw", "compared compact-folded")
        #expect(gazetteer.canonical(for: "区发改局（物价局）")?.id == "fgw", "a trailing qualifier is tried without")
        #expect(gazetteer.canonical(for: "区财政局") == nil)
    }

    @Test func contradictionsAreRefusedWithTheirCause() {
        #expect(throws: UnitGazetteer.Problem.duplicateID("gov")) {
            try UnitGazetteer(units: Self.units + [UnitGazetteer.Unit(id: "gov", name: "区政府")])
        }
        #expect(throws: UnitGazetteer.Problem.ambiguousName("区发改局", ids: ["fgw", "x"])) {
            try UnitGazetteer(units: Self.units + [UnitGazetteer.Unit(id: "x", name: "区物价局", aliases: ["区发改局"])])
        }
        #expect(throws: UnitGazetteer.Problem.unknownParent(id: "x", parent: "city")) {
            try UnitGazetteer(units: Self.units + [UnitGazetteer.Unit(id: "x", name: "区物价局", parent: "city")])
        }
        #expect(throws: UnitGazetteer.Problem.emptyField(id: "x")) {
            try UnitGazetteer(units: [UnitGazetteer.Unit(id: "x", name: " ")])
        }
    }
}
