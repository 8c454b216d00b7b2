import Testing

@testable import GongwenCore

/// Portal chrome among blocks: breadcrumbs, widgets, footers.
struct ChromeFilterTests {
    private func isChrome(_ text: String) -> Bool {
        ChromeFilter.isChrome(Block(.line, text: text, source: SourceLocation(line: 1)))
    }

    @Test(arguments: [
        "首页 > 信息公开 > 通知公告", "【字体：大 中 小】", "打印本页　　关闭窗口", "𠀀é 打印本页", "来源：区政府办", "Copyright © 2017",
        "浏览次数：1024",
    ])
    func chromeLinesAreRecognised(_ text: String) {
        #expect(isChrome(text))
    }

    @Test(arguments: [
        "一、全面深入推进政务公开", "请各单位认真组织实施，文字材料于9月底前报送。", "区发展和改革局负责落实", "𠀀é 各镇街道",
        "首页面向群众，公开办事指南。",
    ])
    func noticeLinesAreNot(_ text: String) {
        #expect(!isChrome(text))
    }
}
