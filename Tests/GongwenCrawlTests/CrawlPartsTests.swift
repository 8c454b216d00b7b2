import Foundation
import GongwenCore
import GongwenHTML
import GongwenTestSupport
import Testing

@testable import GongwenCrawl

/// The crawler's parts on inputs written here: robots.txt rules, listing pages in the forms
/// CMSs print them, the archive writer and its repair, encoded bodies.
struct CrawlPartsTests {
    @Test func robotsRules() {
        let rules = RobotsRules(
            text: """
                # a portal's robots.txt
                User-agent: Baiduspider
                Disallow: /

                User-agent: *
                Disallow: /xxgk/private/
                Disallow: /*.pdf$
                Allow: /xxgk/private/open/
                Crawl-delay: 3
                """)
        #expect(rules.allows("/xxgk/tzgg/index.html"))
        #expect(!rules.allows("/xxgk/private/t1.html"))
        #expect(rules.allows("/xxgk/private/open/t2.html"))  // the longer Allow wins
        #expect(!rules.allows("/files/a.pdf"))
        #expect(rules.allows("/files/a.pdf?x=1"))  // `$` anchors the end
        #expect(rules.crawlDelay == 3)
        // A group for gongwen itself is preferred to `*`.
        let own = RobotsRules(text: "User-agent: *\nDisallow: /\n\nUser-agent: gongwen\nDisallow: /tmp/\n")
        #expect(own.allows("/xxgk/") && !own.allows("/tmp/x"))
        #expect(RobotsRules(text: "").allows("/anything"))
    }

    private func listing(_ body: String) -> ListingReader.Listing {
        ListingReader.read(
            Array("<html><head><meta charset=\"utf-8\"></head><body>\(body)</body></html>".utf8),
            url: "http://www.example.gov.cn/xxgk/tzgg/index.html", charset: nil)
    }

    @Test func listingsGiveDatedNoticesAndTheirPages() {
        let read = listing(
            """
            <ul><li><a href="./t20171120_5.html">关于印发工作要点的通知</a><span>2017-11-20</span></li>
            <li><a href="/xxgk/tzgg/t20171101_4.html">关于开展检查的通知</a><span>2017年11月1日</span></li>
            <li><a href="../about.html">关于我们</a></li></ul>
            <div class="page"><a href="index_1.html">下一页</a> <a href="index_9.html">尾页</a></div>
            <script>createPageHTML(4, 0, "index", "html");</script>
            """)
        #expect(
            read.notices.map(\.url) == [
                "http://www.example.gov.cn/xxgk/tzgg/t20171120_5.html", "http://www.example.gov.cn/xxgk/tzgg/t20171101_4.html",
            ])
        #expect(read.notices.map(\.date) == [CalendarDate(year: 2017, month: 11, day: 20), CalendarDate(year: 2017, month: 11, day: 1)])
        #expect(
            read.pages == [
                "http://www.example.gov.cn/xxgk/tzgg/index_1.html", "http://www.example.gov.cn/xxgk/tzgg/index_9.html",
                "http://www.example.gov.cn/xxgk/tzgg/index_2.html", "http://www.example.gov.cn/xxgk/tzgg/index_3.html",
            ])
        // A table listing with dates in their own cells, and no date at all: article-like links.
        let table = listing("<table><tr><td><a href=\"art/2017/9/8/art_1_2.html\">通知</a></td><td>2017/09/08</td></tr></table>")
        #expect(table.notices.first?.date == CalendarDate(year: 2017, month: 9, day: 8))
        let undated = listing(
            "<p><a href=\"t20170908_12.html\">通知</a> <a href=\"/index.html\">首页</a> <a href=\"javascript:void(0)\">打印</a></p>")
        #expect(undated.notices.map(\.url) == ["http://www.example.gov.cn/xxgk/tzgg/t20170908_12.html"])
    }

    @Test func aTornArchiveIsCutBackToWholeRecords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongwen-warc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.warc.gz", "a.warc"] {
            let path = folder.appendingPathComponent(name).path
            do {
                let writer = try WARCWriter(path: path, software: "test")
                let body = Array("<html><body>通知</body></html>".utf8)
                let response = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nETag: \"e1\"\r\n\r\n".utf8) + body
                try writer.write(
                    request: Array("GET /a.html HTTP/1.1\r\nHost: x\r\n\r\n".utf8), response: response, payload: body,
                    uri: "http://x/a.html",
                    date: Date(timeIntervalSince1970: 1_500_000_000), address: nil)
            }
            let whole = try Data(contentsOf: URL(fileURLWithPath: path))
            // A writer killed in the middle of its next record.
            try (whole + whole.prefix(40)).write(to: URL(fileURLWithPath: path))
            let index = try WARCIndex(path: path)
            #expect(index.validLength == whole.count && index.fileLength == whole.count + 40)
            #expect(index.responses["http://x/a.html"]?.etag == "\"e1\"")
            try WARCIndex.repair(path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
            // The pages read back, as batch reads them.
            let records = try WARCReader.records(Array(whole), limit: 1 << 20)
            #expect(records.map(\.targetURI) == ["http://x/a.html"])
        }
        #expect(WARCWriter.warcDate(Date(timeIntervalSince1970: 1_500_000_000)) == "2017-07-14T02:40:00Z")
        #expect(WARCWriter.base32(Array("foobar".utf8)) == "MZXW6YTBOI======")  // RFC 4648 test vector
        #expect(WARCWriter.sha1(Array("abc".utf8)) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    }

    @Test func encodedBodies() throws {
        let text = Array(String(repeating: "关于开展检查的通知。", count: 50).utf8)
        let gzip = WARCWriter.gzip(text)
        #expect(try ContentDecoding.decode(gzip, encoding: "gzip", limit: 1 << 20) == text)
        #expect(try ContentDecoding.decode(text, encoding: nil, limit: 1 << 20) == text)
        #expect(throws: CrawlError.self) { try ContentDecoding.decode(text, encoding: "br", limit: 1 << 20) }
        #expect(throws: CrawlError.self) { try ContentDecoding.decode(gzip, encoding: "gzip", limit: 100) }
        #expect(ContentDecoding.charset(of: "text/html; charset=\"GBK\"") == "GBK")
        #expect(Fetcher.retryAfter("5") == 5)
        #expect(Fetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)  // a day passed
        #expect(Fetcher.retryAfter(nil) == nil)
    }
}
