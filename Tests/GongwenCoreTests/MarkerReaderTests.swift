import Testing

@testable import GongwenCore

struct MarkerReaderTests {
    @Test(arguments: [
        ("一、全面深入推进政务公开", MarkerStyle.chineseComma, 1, "一、"),
        ("十二、其他", .chineseComma, 12, "十二、"),
        ("（一）完善制度", .chineseParen, 1, "（一）"),
        ("(三)加强督查", .chineseParen, 3, "(三)"),
        ("（十一）、推进", .chineseParen, 11, "（十一）、"),
        ("1.加强领导", .arabicDot, 1, "1."),
        ("2、明确责任", .arabicDot, 2, "2、"),
        ("12．推进改革", .arabicDot, 12, "12．"),
        ("3 .统筹推进", .arabicDot, 3, "3 ."),
        ("（1）建立台账", .arabicParen, 1, "（1）"),
        ("(10)其他事项", .arabicParen, 10, "(10)"),
        ("①摸清底数", .circled, 1, "①"),
        ("第一章 总则", .chapter, 1, "第一章"),
        ("第二十条 本办法自印发之日起施行", .article, 20, "第二十条"),
        ("第3条 适用范围", .article, 3, "第3条"),
        ("　　一、总体要求", .chineseComma, 1, "一、"),
    ])
    func readsMarkers(_ text: String, _ style: MarkerStyle, _ value: Int, _ printed: String) throws {
        let (marker, _) = try #require(MarkerReader.read(text))
        #expect(marker.style == style)
        #expect(marker.value == value)
        #expect(marker.printed == printed)
    }

    @Test(arguments: ["1.5亿元用于…", "2017年工作要点", "第一时间回应关切", "第一平台", "一是加强领导", "1", "序号", "(注：以上)", "一.5倍"])
    func ignoresLookAlikes(_ text: String) {
        #expect(MarkerReader.read(text) == nil)
    }

    @Test func bodyStartsAfterTheMarker() throws {
        let (_, body) = try #require(MarkerReader.read("（二）　推进“放管服”改革。"))
        #expect(body == "推进“放管服”改革。")
    }

    /// The outline keeps a value per style in a fixed array indexed by `ordinal`.
    @Test func markerStyleOrdinalsAreTheirPlacesInAllCases() {
        #expect(MarkerStyle.allCases.map(\.ordinal) == Array(MarkerStyle.allCases.indices))
        var values = PerMarkerStyle<Int>()
        for (index, style) in MarkerStyle.allCases.enumerated() { values[style] = index }
        values.keep(only: [.chineseComma, .arabicDot])
        #expect(MarkerStyle.allCases.compactMap { values[$0] } == [MarkerStyle.chineseComma.ordinal, MarkerStyle.arabicDot.ordinal])
    }
}
