import GongwenCore
import Testing

@testable import GongwenHTML

struct HTMLPageReaderTests {
    static let portal = """
        <html><head><meta name="ArticleTitle" content="关于开展检查的通知"><meta name="PubDate" content="2021-06-08 15:49">
        <title>关于开展检查的通知_通知公告_某市人民政府门户网站</title></head><body>
        <div class="nav"><a href="/">首页</a><a href="/a">信息公开</a><a href="/b">政务服务</a></div>
        <div class="crumb">当前位置：首页 &gt; 信息公开 &gt; 通知公告</div>
        <table class="grid"><tr><td>索 引 号：</td><td>123/2021-0001</td><td>发布机构：</td><td>某市政府办</td></tr>
        <tr><td>成文日期：</td><td>2021-06-01</td><td>发文字号：</td><td>某政办〔2021〕5号</td></tr></table>
        <ul class="mobile"><li>索引号：123/2021-0001</li></ul>
        <div class="main"><h1>关于开展检查的通知</h1><div class="info">发布时间：2021-06-08 来源：市政府办 【字体：大 中 小】</div>
        <div class="article-content"><p>各县（区）人民政府，市直各部门：</p><p>为做好检查工作，现通知如下。</p>
        <p>一、检查内容。检查各单位落实情况，重点检查制度建设、工作开展、资金使用。</p>
        <p style="text-align:right">某市人民政府办公室</p><p style="text-align:right">2021年6月1日</p></div></div>
        <div class="footer">主办单位：某市人民政府办公室 ICP备12345号 网站标识码：123</div></body></html>
        """

    @Test func contentRegionLeavesChromeBehind() throws {
        let page = try HTMLPageReader.read(Self.portal)
        let texts = page.blocks.map(\.text)
        #expect(texts.first == "各县（区）人民政府，市直各部门：")
        #expect(texts.last == "2021年6月1日")
        #expect(!texts.contains { $0.contains("ICP备") || $0.contains("当前位置") || $0.contains("索引号") })
    }

    @Test func pageHints() throws {
        let hints = try HTMLPageReader.read(Self.portal).hints
        #expect(hints.metaTitle == "关于开展检查的通知")
        #expect(hints.documentTitle == "关于开展检查的通知_通知公告_某市人民政府门户网站")
        #expect(hints.headingTitle == "关于开展检查的通知")
        #expect(hints.disclosure.map(\.key) == ["索引号", "发布机构", "成文日期", "发文字号"])
        #expect(hints.disclosure.first { $0.key == "发文字号" }?.value == "某政办〔2021〕5号")
        #expect(hints.metaPublished == "2021-06-08 15:49")
    }

    @Test func libxml2ComplaintsAreDiagnosticsNotOutput() throws {
        let page = try HTMLPageReader.read(
            "<html><body><div id=zoom><p>正文，内容。<o:p></o:p></p><unknowntag>x</unknowntag></div></body></html>")
        #expect(page.diagnostics.contains { $0.stage == .parse })
        #expect(page.blocks.map(\.text) == ["正文，内容。", "x"])
    }

    @Test func emptyAndFragmentInputsParse() throws {
        #expect(try HTMLPageReader.read("").blocks.isEmpty)
        #expect(try HTMLPageReader.read("<p>只有一段，没有外壳。</p>").blocks.map(\.text) == ["只有一段，没有外壳。"])
    }

    @Test func deeplyNestedMarkupIsBounded() throws {
        let html = String(repeating: "<div>", count: 3000) + "深处的文字，一段。" + String(repeating: "</div>", count: 3000)
        let page = try HTMLPageReader.read(html)
        #expect(page.blocks.contains { $0.text.contains("深处的文字") })
    }

    @Test func parserVersionIsReported() {
        #expect(!HTMLParser.libxml2Version.isEmpty)
    }
}

/// A task table pasted into a page as one paragraph per cell is read as the table it was.
struct PastedTableTests {
    @Test func paragraphsPerCellAreATable() throws {
        let html = """
            <html><body><div class="TRS_Editor">
            <p>附件</p><p>重点任务分工表</p>
            <p>序号</p><p>工作任务</p><p>责任单位</p><p>完成时限</p>
            <p>1</p><p>加强政策解读。</p><p>区财政局</p><p>9月底前</p>
            <p>2</p><p>公开财政收支。</p><p>区统计局</p><p>全年</p>
            </div></body></html>
            """
        let page = try HTMLPageReader.read(html)
        let table = try #require(page.blocks.first { $0.kind == .table }?.table)
        #expect(
            table.rows.map { $0.map(\.text) } == [
                ["序号", "工作任务", "责任单位", "完成时限"], ["1", "加强政策解读。", "区财政局", "9月底前"], ["2", "公开财政收支。", "区统计局", "全年"],
            ])
    }
}
