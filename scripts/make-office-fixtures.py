#!/usr/bin/env python3
"""Makes the office-file fixtures of Tests/Fixtures/office from the project's own samples.

    scripts/make-office-fixtures.py

- seed-annex1.docx, seed-annex2.docx, seed-annex1.xlsx, seed-annex2.xlsx: the seed notice's
  two task tables (附件1, 附件2 of samples/seed-portal.utf8.html, each with its heading),
  saved by LibreOffice (`soffice --headless --convert-to`), as an office worker would.
- seed-annex2.doc, seed-annex2.xls, seed-annex2.pdf: the second table saved by LibreOffice in
  the legacy Word and Excel formats and as PDF (for the converter paths); seed-annex1.pdf, the
  first table as PDF (three pages: a table read across page breaks).
- numbered-list.docx (python-docx): items numbered by Word's automatic numbering — 一、 at
  level 0, （一） at level 1, 1. at level 2, restarts under each parent, one list started at
  3 by a startOverride — with a unit clause and a deadline in each item.
- merged-cells.docx (python-docx): a task table whose unit and deadline cells are merged down
  two rows (w:vMerge) and whose category row spans all columns (w:gridSpan).
- linked-seed/: the seed page with its two task tables taken out and linked instead
  (`<a href="attachments/seed-annex1.docx">附件1：….docx</a>`), the two DOCX files saved in
  its attachments/ folder, as a crawler keeps a page and its files.
- sheets.xlsx (openpyxl): a task sheet with merged unit cells, deadlines as Excel dates, a
  number cell, and a hidden sheet that must not be read.

Needs LibreOffice (Debian libreoffice-writer-nogui, libreoffice-calc-nogui), python-docx and
openpyxl. The outputs are committed, so the tests need none of them.
"""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "office"


def seed_annexes():
    """The two attachment sections of the seed page, each as a small HTML document."""
    page = (ROOT / "samples" / "seed-portal.utf8.html").read_text(encoding="utf-8")
    annexes = []
    for number in (1, 2):
        start = page.index(f">附件{number}<")
        start = page.rindex("<p", 0, start)
        end = page.index("</table>", start) + len("</table>")
        body = page[start:end]
        annexes.append(
            '<html><head><meta charset="utf-8"><title>附件%d</title></head><body>%s</body></html>' % (number, body))
    return annexes


def linked_seed(folder):
    """The seed page whose two task tables are attachments it links (saved beside it)."""
    page = (ROOT / "samples" / "seed-portal.utf8.html").read_text(encoding="utf-8")
    start = page.rindex("<p", 0, page.index(">附件1<"))
    end = page.index("</table>", page.index(">附件2<")) + len("</table>")
    links = (
        '<p class="MsoNormal">附件：<a href="attachments/seed-annex1.docx">附件1：全区政务公开重点任务分工和工作进度安排.docx</a>'
        '　<a href="attachments/seed-annex2.docx">附件2：全区政务服务重点任务分工和工作进度安排.docx</a></p>\n')
    (folder / "attachments").mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(page[:start] + links + page[end:], encoding="utf-8")
    for name in ("seed-annex1.docx", "seed-annex2.docx"):
        shutil.copy(OUT / name, folder / "attachments" / name)


def convert(html_files, target, folder):
    """LibreOffice opens the HTML as a Writer document (DOCX) or a Calc sheet (XLSX)."""
    infilter, filter_name = ("HTML (StarWriter)", "docx:MS Word 2007 XML") if target == "docx" else ("HTML (StarCalc)", "xlsx")
    command = ["soffice", "--headless", "--norestore", f"--infilter={infilter}", "--convert-to", filter_name, "--outdir", str(folder)]
    subprocess.run(command + [str(f) for f in html_files], check=True, capture_output=True, timeout=300)


def numbered_list(path):
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    numbering = document.part.numbering_part.numbering_definitions._numbering
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for level, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    for num_id, start in (("91", None), ("92", 3)):
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        abstract_id = OxmlElement("w:abstractNumId")
        abstract_id.set(qn("w:val"), "90")
        num.append(abstract_id)
        if start:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "2")
            start_override = OxmlElement("w:startOverride")
            start_override.set(qn("w:val"), str(start))
            override.append(start_override)
            num.append(override)
        numbering.append(num)

    def item(text, level, num_id="91"):
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            num_pr.append(element)
        properties.append(num_pr)

    document.add_paragraph("关于做好2023年政务公开工作的通知")
    item("重点任务", 0)
    item("推进决策公开", 1)
    item("完善决策公开目录。（牵头单位：区政务公开办；完成时限：2023年6月底前）", 2)
    item("规范意见征集程序。（牵头单位：区司法局；完成时限：2023年9月底前）", 2)
    item("加强政策解读", 1)
    item("做好政策图解。（牵头单位：区融媒体中心；完成时限：2023年12月底前）", 2)
    item("保障措施", 0)
    item("加强督查考核", 1)
    item("开展年度考核。（牵头单位：区政府办；完成时限：2023年11月底前）", 2, "92")
    document.save(path)


def merged_cells(path):
    from docx import Document

    document = Document()
    document.add_paragraph("关于印发2023年重点工作分工表的通知")
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["一、推进重点领域信息公开", "", "", ""],
        ["1", "公开财政预决算信息。", "区财政局", "2023年8月底前"],
        ["2", "公开政府债务信息。", "", ""],
        ["3", "公开重大建设项目批准信息。", "区发改委", "2023年10月底前"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 3))      # the category row spans the table
    table.cell(2, 2).merge(table.cell(3, 2))      # one unit cell for rows 1 and 2
    table.cell(2, 3).merge(table.cell(3, 3))      # one deadline cell for rows 1 and 2
    document.save(path)


def sheets(path):
    import datetime
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务分工"
    sheet.append(["关于印发2023年重点工作分工表的通知"])
    sheet.append(["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "经费（万元）"])
    sheet.append([1, "公开财政预决算信息。", "区财政局", "区审计局", datetime.date(2023, 8, 31), 12])
    sheet.append([2, "公开政府债务信息。", None, None, datetime.date(2023, 9, 30), 3.5])
    sheet.append([3, "公开重大建设项目批准信息。", "区发改委", "区自然资源局", "全年", None])
    sheet.merge_cells("C3:C4")
    sheet.merge_cells("D3:D4")
    for row in (3, 4):
        sheet.cell(row=row, column=5).number_format = "yyyy-mm-dd"
    hidden = workbook.create_sheet("草稿")
    hidden.append(["序号", "工作任务", "牵头单位"])
    hidden.append([9, "不应读出的草稿任务。", "区草稿局"])
    hidden.sheet_state = "hidden"
    workbook.save(path)


def main():
    if not shutil.which("soffice"):
        print("make-office-fixtures: LibreOffice (soffice) is missing: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui",
              file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = []
        for number, html in enumerate(seed_annexes(), start=1):
            file = folder / f"seed-annex{number}.html"
            file.write_text(html, encoding="utf-8")
            files.append(file)
        convert(files, "docx", folder)
        convert(files, "xlsx", folder)
        for name in ("seed-annex1.docx", "seed-annex2.docx", "seed-annex1.xlsx", "seed-annex2.xlsx"):
            shutil.copy(folder / name, OUT / name)
        # The legacy formats and PDF, saved by LibreOffice from the same table.
        for source, target in (("seed-annex2.docx", "doc"), ("seed-annex2.xlsx", "xls"), ("seed-annex2.docx", "pdf"),
                               ("seed-annex1.docx", "pdf")):
            subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", target, "--outdir", str(folder), str(OUT / source)],
                           check=True, capture_output=True, timeout=300)
            stem = source.rsplit(".", 1)[0]
            shutil.copy(folder / (stem + "." + target), OUT / (stem + "." + target))
    linked_seed(OUT / "linked-seed")
    numbered_list(OUT / "numbered-list.docx")
    merged_cells(OUT / "merged-cells.docx")
    sheets(OUT / "sheets.xlsx")
    for file in sorted(OUT.rglob("*")):
        if file.is_file():
            print(f"{file.relative_to(ROOT)}  {file.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
