import Testing

@testable import GongwenExport

/// The RFC 5545 details a calendar program is strict about.
struct ICalendarWriterTests {
    @Test func textIsEscaped() {
        #expect(ICalendarWriter.escape("a,b;c\\d\ne\r") == "a\\,b\\;c\\\\d\\ne")
        #expect(ICalendarWriter.escape("x\u{07}y") == "x y", "control characters are not allowed in TEXT")
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingCharacters() {
        let line = "DESCRIPTION:" + String(repeating: "政务公开", count: 20)
        let folded = ICalendarWriter.fold(line)
        let physical = folded.split(separator: 0x0A).map { Array($0) }
        #expect(physical.allSatisfy { $0.count <= 76 }, "75 octets plus the CR")
        #expect(physical.allSatisfy { $0.last == 0x0D })
        // Unfolding (remove CRLF + space) gives the line back, and every piece is valid UTF-8.
        var unfolded: [UInt8] = []
        for (index, piece) in physical.enumerated() {
            let content = piece.dropLast()
            unfolded += index == 0 ? Array(content) : Array(content.dropFirst())
            #expect(String(validating: content, as: UTF8.self) != nil)
        }
        #expect(String(decoding: unfolded, as: UTF8.self) == line)
    }
}

/// Links in the HTML report cannot run anything, whatever a page's path or archived URL is.
struct ReportLinkTests {
    @Test func sourceLinksAreWebAddressesOrRelativePaths() {
        #expect(ReportWriter.safeHref("https://www.gov.cn/a.html") == "https://www.gov.cn/a.html")
        #expect(ReportWriter.safeHref("javascript:alert(1)") == "./javascript:alert(1)")
        #expect(ReportWriter.safeHref("pages/通知 #1?.html") == "pages/通知%20%231%3F.html")
        #expect(ReportWriter.safeHref("/abs/p.html") == "/abs/p.html")
    }

    @Test func htmlIsEscapedEverywhere() {
        #expect(ReportWriter.escape("</style><script>x</script>&\"'") == "&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;&amp;&quot;&#39;")
    }
}
