import GongwenCore
import Testing

struct UnitListParserTests {
    private func units(_ text: String, _ role: Role = .responsible) -> [String] {
        UnitListParser.parse(text, defaultRole: role).map { "\($0.name)/\($0.role.rawValue)" }
    }

    /// A connective opening a unit clause is no part of the first name, in a clause as in prose.
    @Test func aConnectiveOpeningTheClauseIsDropped() {
        #expect(units("其中市财政局牵头，市审计局配合") == ["市财政局/lead", "市审计局/support"])
        #expect(units("即公路部门负责") == ["公路部门/responsible"])
    }

    @Test func qualifierInParenthesesStaysWithTheUnit() {
        #expect(
            units("区发改局(物价局)、区财政局、区人社局按职责分工分别牵头落实")
                == ["区发改局(物价局)/lead", "区财政局/lead", "区人社局/lead"])
        #expect(units("区发改局（物价局、粮食局）") == ["区发改局（物价局、粮食局）/responsible"])
    }

    @Test func clausesCarryTheirOwnRoles() {
        #expect(
            units("区市场监管局、区发改局牵头,区政府有关部门负责落实")
                == ["区市场监管局/lead", "区发改局/lead", "区政府有关部门/responsible"])
        #expect(units("市财政局牵头；市人社局、市税务局配合") == ["市财政局/lead", "市人社局/support", "市税务局/support"])
    }

    @Test func roleWordsAreDropped() {
        #expect(units("区农林水务局、区环保局按照分工分别落实") == ["区农林水务局/responsible", "区环保局/responsible"])
        #expect(units("由区政府办负责") == ["区政府办/responsible"])
        #expect(units("区政府各部门负责落实") == ["区政府各部门/responsible"])
    }

    @Test func huitongMakesLeadAndSupport() {
        #expect(units("市发改委会同市财政局负责") == ["市发改委/lead", "市财政局/support"])
    }

    @Test func openListsDropTheirEndingAndAreFlagged() {
        let parsed = UnitListParser.parse("区发改局、区财政局、区法制办等", defaultRole: .responsible)
        #expect(parsed.map(\.name) == ["区发改局", "区财政局", "区法制办"])
        #expect(parsed.allSatisfy { $0.fromOpenList })
        #expect(units("区住建局等相关部门") == ["区住建局/responsible"])
        #expect(UnitListParser.parse("区住建局", defaultRole: .responsible).first?.fromOpenList == false)
    }

    @Test func conjunctionsSplitOnlyBetweenWholeNames() {
        #expect(units("区发展和改革委员会") == ["区发展和改革委员会/responsible"])
        #expect(units("区人力资源和社会保障局、区财政局") == ["区人力资源和社会保障局/responsible", "区财政局/responsible"])
        #expect(units("区财政局和区审计局") == ["区财政局/responsible", "区审计局/responsible"])
    }

    @Test func columnDefaultAppliesWithoutRoleWord() {
        #expect(units("区政务服务中心、各镇街、开发区", .lead) == ["区政务服务中心/lead", "各镇街/lead", "开发区/lead"])
    }

    @Test func sameUnitWithSameRoleIsListedOnce() {
        #expect(units("区财政局、区财政局") == ["区财政局/responsible"])
    }
}
