import GongwenCore
import Testing

@testable import GongwenOffice

/// Tables rebuilt from where a PDF's words stand (`pdftotext -tsv`), on pages laid out here
/// word by word: each test shows one shape a saved PDF table takes.
struct PDFLayoutReaderTests {
    /// A page of words for `PDFLayoutReader.read(tsv:)`: `(page, left, top, width, text)`, all
    /// 15.6 pt high, on A4 pages.
    private func tsv(_ words: [(page: Int, left: Double, top: Double, width: Double, text: String)]) -> String {
        var lines = ["level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
        for page in Set(words.map(\.page)).sorted() {
            lines.append("1\t\(page)\t0\t0\t0\t0\t0\t0\t595.3\t841.9\t-1\t###PAGE###")
            for word in words where word.page == page {
                lines.append("5\t\(page)\t0\t0\t0\t0\t\(word.left)\t\(word.top)\t\(word.width)\t15.6\t100\t\(word.text)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func grid(_ blocks: [Block]) -> [[String]] {
        blocks.first { $0.kind == .table }?.table?.rows.map { $0.map(\.text) } ?? []
    }

    /// Header centred over its column, task text wrapped over three lines, units over two,
    /// the number between them: one row, each cell joined without breaks.
    @Test func wrappedCellsMakeOneRow() {
        let blocks = PDFLayoutReader.read(
            tsv: tsv([
                (1, 220, 56, 180, "重点任务分工表"),
                (1, 58, 87, 14, "序号"), (1, 240, 87, 29, "工作任务"), (1, 470, 87, 29, "责任单位"), (1, 530, 87, 29, "完成时限"),
                (1, 80, 118, 370, "整合政务服务资源，出台工作方案，做好与"), (1, 460, 118, 60, "区发改局、"),
                (1, 58, 132, 8, "1"), (1, 80, 132, 370, "市级平台的对接，编制统一的事项"), (1, 460, 132, 60, "区编办"),
                (1, 530, 132, 29, "9月底前"), (1, 80, 146, 100, "目录。"),
                (1, 58, 184, 8, "2"), (1, 80, 184, 300, "优化大厅智能化设备。"), (1, 460, 184, 50, "区政务服务中心"),
                (1, 530, 184, 29, "全年"),
            ]))
        #expect(blocks.first?.text == "重点任务分工表")
        #expect(
            grid(blocks) == [
                ["序号", "工作任务", "责任单位", "完成时限"],
                ["1", "整合政务服务资源，出台工作方案，做好与市级平台的对接，编制统一的事项目录。", "区发改局、区编办", "9月底前"],
                ["2", "优化大厅智能化设备。", "区政务服务中心", "全年"],
            ])
    }

    /// A task column printed without a header, and a header stacked over two lines.
    @Test func headerlessColumnAndStackedHeader() {
        let blocks = PDFLayoutReader.read(
            tsv: tsv([
                (1, 58, 94, 14, "序号"), (1, 443, 94, 29, "责任单位"), (1, 538, 87, 22, "时限要"), (1, 538, 101, 7, "求"),
                (1, 58, 153, 8, "1"), (1, 80, 153, 356, "及时公开全区财政收支情况。"), (1, 443, 153, 88, "区财政局牵头落实"),
                (1, 538, 153, 20, "全年"),
                (1, 58, 200, 8, "2"), (1, 80, 200, 356, "做好审计结果公开。"), (1, 443, 200, 88, "区审计局牵头落实"),
                (1, 538, 200, 20, "全年"),
            ]))
        #expect(
            grid(blocks) == [
                ["序号", "", "责任单位", "时限要求"], ["1", "及时公开全区财政收支情况。", "区财政局牵头落实", "全年"],
                ["2", "做好审计结果公开。", "区审计局牵头落实", "全年"],
            ])
    }

    /// A cell merged over two rows prints once, centred on both: it covers both. A cell
    /// centred on its own row stays in it; a blank cell with nothing centred on it stays blank.
    @Test func mergedCellsAreInferredFromTheirPlace() {
        let blocks = PDFLayoutReader.read(
            tsv: tsv([
                (1, 58, 87, 14, "序号"), (1, 240, 87, 29, "工作任务"), (1, 470, 87, 29, "责任单位"), (1, 530, 87, 29, "完成时限"),
                (1, 58, 127, 8, "1"), (1, 80, 120, 300, "开展第一项检查，"), (1, 80, 134, 300, "逐项整改。"), (1, 460, 127, 50, "区财政局"),
                (1, 530, 150, 29, "9月底前"),
                (1, 58, 170, 8, "2"), (1, 80, 170, 300, "开展第二项检查。"), (1, 460, 170, 50, "区审计局"),
                (1, 58, 210, 8, "3"), (1, 80, 210, 300, "开展第三项检查。"), (1, 460, 210, 50, "区民政局"), (1, 530, 210, 29, "全年"),
                (1, 58, 250, 8, "4"), (1, 80, 250, 300, "开展第四项检查。"), (1, 460, 250, 50, "区民政局"),
            ]))
        let table = blocks.first { $0.kind == .table }!.table!
        #expect(table.rows.map { $0[3].text } == ["完成时限", "9月底前", "9月底前", "全年", ""])
        #expect(table.rows.map { $0[3].isSpanCopy } == [false, true, false, false, false])
    }

    /// A table goes on over a page break: the header printed again is skipped, the page's
    /// running number dropped, and the body text after the table is text again.
    @Test func tableAcrossPagesThenBodyText() {
        let header: (Int) -> [(page: Int, left: Double, top: Double, width: Double, text: String)] = { page in
            [(page, 58, 40, 14, "序号"), (page, 240, 40, 29, "工作任务"), (page, 470, 40, 29, "责任单位"), (page, 530, 40, 29, "完成时限")]
        }
        let blocks = PDFLayoutReader.read(
            tsv: tsv(
                header(1) + [
                    (1, 58, 700, 8, "1"), (1, 80, 700, 300, "开展第一项检查。"), (1, 460, 700, 50, "区财政局"), (1, 530, 700, 29, "全年"),
                    (1, 280, 800, 30, "- 1 -"),
                ] + header(2) + [
                    (2, 58, 80, 8, "2"), (2, 80, 80, 300, "开展第二项检查。"), (2, 460, 80, 50, "区审计局"), (2, 530, 80, 29, "9月底前"),
                    (2, 60, 200, 480, "各单位要高度重视，认真抓好落实，确保各项任务按期完成，并及时报送进展情况。"),
                    (2, 60, 216, 480, "联系人：张三，联系电话：12345678，邮箱地址见附件的说明部分。"),
                ]))
        #expect(
            grid(blocks) == [
                ["序号", "工作任务", "责任单位", "完成时限"], ["1", "开展第一项检查。", "区财政局", "全年"], ["2", "开展第二项检查。", "区审计局", "9月底前"],
            ])
        let after = blocks.drop { $0.kind != .table }.dropFirst().map(\.text).joined()
        #expect(after.hasPrefix("各单位要高度重视"))
        #expect(!blocks.contains { $0.text.contains("- 1 -") })
    }

    /// A category row (`一、…`) without a number in the first column is a row of its own.
    @Test func categoryRowsStandAlone() {
        let blocks = PDFLayoutReader.read(
            tsv: tsv([
                (1, 58, 87, 14, "序号"), (1, 240, 87, 29, "工作任务"), (1, 470, 87, 29, "责任单位"), (1, 530, 87, 29, "完成时限"),
                (1, 80, 120, 100, "一、深化改革"),
                (1, 58, 150, 8, "1"), (1, 80, 150, 300, "开展第一项检查。"), (1, 460, 150, 50, "区财政局"), (1, 530, 150, 29, "全年"),
                (1, 58, 190, 8, "2"), (1, 80, 190, 300, "开展第二项检查。"), (1, 460, 190, 50, "区审计局"), (1, 530, 190, 29, "全年"),
            ]))
        #expect(grid(blocks).map { $0[1] } == ["工作任务", "一、深化改革", "开展第一项检查。", "开展第二项检查。"])
    }
}
