#!/usr/bin/env python3
"""Builds the portal-page samples from samples/seed.txt.

    python3 samples/make-portal-samples.py

writes
    samples/seed-portal.utf8.html   the seed notice as a realistic portal page, UTF-8
    samples/seed-portal.gbk.html    the same page in GBK bytes under a `gb2312` label

The page carries what real portals put around a notice (DOMAIN.md §1): navigation, a
breadcrumb, a disclosure grid printed twice (desktop table and mobile list), the title above
the content region, a publish line with counters, the font widget, Word-pasted paragraphs
(MsoNormal, 仿宋_GB2312 spans, &nbsp; indents), a right-aligned signature and a footer. The
two attachments' task tables are real tables whose repeated deadline cells are merged with
rowspan, so the samples exercise merged-cell resolution. The footer names a contact with a
GBK-only character (堃), which a decoder that trusts the gb2312 label would truncate at.

Standard library only; the output is deterministic.
"""
import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / "seed.txt"


def read_seed():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    cells = [line.strip().replace("\u00a0", "").strip() for line in lines]
    return lines, cells


def find(cells, text, start=0):
    for i in range(start, len(cells)):
        if cells[i] == text:
            return i
    raise SystemExit(f"seed.txt: cannot find {text!r}")


def non_empty(cells, start, end):
    return [c for c in cells[start:end] if c]


def parse_table(cells, start, end):
    """Rows of the flattened table between the header at `start` and `end`."""
    body = non_empty(cells, start, end)
    # The header runs up to the first row number; attachment 1's task header is blank in the
    # seed (no line at all), so a three-word header gets a blank second column.
    first_row = body.index("1")
    header = body[:first_row]
    assert header[0] == "序号", header
    if len(header) == 3:
        header.insert(1, "\u00a0")
    rest = body[first_row:]
    rows = []
    i = 0
    expected = 1
    while i < len(rest):
        assert rest[i] == str(expected), (rest[i], expected)
        rows.append((rest[i], rest[i + 1], rest[i + 2], rest[i + 3]))
        i += 4
        expected += 1
    return header, rows


def td(text, attrs=""):
    return f"<td{attrs}><p class=\"MsoNormal\"><span style=\"font-family:仿宋_GB2312\">{html.escape(text)}</span></p></td>"


def table_html(header, rows):
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="width:560px;border-collapse:collapse">',
           "<tbody>",
           "<tr>" + "".join(td(cell) for cell in header) + "</tr>"]
    # Merge runs of equal deadline cells with rowspan, as Word does for a column of 全年.
    spans = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1][3] == rows[i][3]:
            j += 1
        spans.append((i, j - i + 1))
        i = j + 1
    span_at = dict(spans)
    for index, (number, task, units, deadline) in enumerate(rows):
        cells = td(number, ' width="40"') + td(task) + td(units)
        if index in span_at:
            n = span_at[index]
            cells += td(deadline, f' rowspan="{n}"' if n > 1 else "")
        out.append("<tr>" + cells + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def paragraph(text, align=None):
    indent = "" if align else "&nbsp;&nbsp;&nbsp;&nbsp;"
    style = f' style="text-align:{align}"' if align else ' style="text-indent:2em"'
    return (f'<p class="MsoNormal"{style}>{indent}<span style="font-family:仿宋_GB2312;font-size:16pt">'
            f"{html.escape(text)}</span><o:p></o:p></p>")


def build_page(charset):
    lines, cells = read_seed()
    title = cells[2]
    addressee_at = find(cells, "各镇政府、各街道办事处、蜀山经济开发区管委会,区直各部门、各单位:")
    signature_at = find(cells, "蜀山区人民政府办公室", addressee_at)
    date_at = find(cells, "2017年9月8日", signature_at)
    attach1 = find(cells, "附件1")
    attach2 = find(cells, "附件2")
    attach3 = find(cells, "附件3")
    footer_at = next(i for i in range(len(cells)) if cells[i].startswith("主办单位"))

    body = []
    body.append(paragraph(cells[addressee_at]).replace('style="text-indent:2em">&nbsp;&nbsp;&nbsp;&nbsp;', 'style="text-indent:0">'))
    for text in non_empty(cells, addressee_at + 1, signature_at):
        body.append(paragraph(text))
    body.append(paragraph(cells[signature_at], "right"))
    body.append(paragraph(cells[date_at], "right"))
    # The wrapped document and the attachment list, paragraph by paragraph.
    for text in non_empty(cells, date_at + 1, attach1):
        body.append(paragraph(text))
    # Attachments 1 and 2: heading, title, table.
    for number, start, end in ((1, attach1, attach2), (2, attach2, attach3)):
        body.append(paragraph(f"附件{number}"))
        heading = non_empty(cells, start + 1, end)[0]
        body.append(paragraph(heading, "center"))
        header_at = find(cells, "序号", start)
        body.append(table_html(*parse_table(cells, header_at, end)))
    # Attachment 3: paragraphs; the member list as <br> lines inside one paragraph.
    body.append(paragraph("附件3"))
    rest = non_empty(cells, attach3 + 1, footer_at)
    members_start = next(i for i, c in enumerate(rest) if c.replace(" ", "").startswith("组长"))
    members_end = next(i for i, c in enumerate(rest) if c.startswith("领导小组下设办公室"))
    for text in rest[:members_start]:
        body.append(paragraph(text, "center" if len(text) < 30 and not text.endswith(":") else None))
    member_lines = "<br>\n".join(html.escape(c) for c in rest[members_start:members_end])
    body.append(f'<p class="MsoNormal" style="text-indent:2em">{member_lines}</p>')
    for text in rest[members_end:]:
        body.append(paragraph(text))

    grid = [("索 引 号：", "003148914/201709-00031"), ("信息分类：", "通知公告"), ("发布机构：", "蜀山区政府办"),
            ("成文日期：", "2017-09-08"), ("发文字号：", ""), ("发布日期：", "2017-11-24"), ("有 效 性：", "有效"),
            ("标　　题：", title)]
    grid_rows = []
    for i in range(0, len(grid) - 1, 2):
        (k1, v1), (k2, v2) = grid[i], grid[i + 1]
        grid_rows.append(f"<tr><th>{k1}</th><td>{html.escape(v1)}</td><th>{k2}</th><td>{html.escape(v2)}</td></tr>")
    grid_rows.append(f'<tr><th>{grid[-1][0]}</th><td colspan="3">{html.escape(grid[-1][1])}</td></tr>')
    mobile = "\n".join(f"<li><span>{k}</span>{html.escape(v)}</li>" for k, v in grid)

    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(
        ["首页", "走进蜀山", "信息公开", "政务服务", "互动交流", "专题专栏"]))
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="SiteName" content="合肥市蜀山区人民政府">
<meta name="ColumnName" content="通知公告">
<title>{html.escape(title)}_通知公告_合肥市蜀山区人民政府</title>
<link rel="stylesheet" href="/css/style.css">
<script type="text/javascript">var _hmt = _hmt || []; function printPage() {{ window.print(); }}</script>
<style>.hidden-desktop {{ display: none; }}</style>
</head>
<body>
<div class="header"><div class="logo"><a href="/">合肥市蜀山区人民政府</a></div>
<ul class="nav">{nav}</ul>
<div class="search"><form action="/search"><input type="text" name="q"><button>搜索</button></form></div></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/tzgg/">通知公告</a></div>
<div class="wrap">
<table class="xxgk-grid" border="1" cellspacing="0">
{chr(10).join(grid_rows)}
</table>
<ul class="xxgk-grid-mobile hidden-desktop">
{mobile}
</ul>
<div class="article">
<h1 class="article-title">{html.escape(title)}</h1>
<div class="article-info">发布时间：2017-11-24 08:48&nbsp;&nbsp;来源：区政府办&nbsp;&nbsp;浏览次数：<span id="hits">1024</span>
&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="article-tools"><a href="javascript:printPage()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a>
<span>分享到：</span><a href="#">微信</a> <a href="#">微博</a></div>
<div class="qrcode">扫一扫在手机打开当前页</div>
</div>
</div>
<div class="footer">
<p>主办单位：合肥市蜀山区人民政府办公室&nbsp;&nbsp;承办：蜀山区信息中心&nbsp;&nbsp;技术支持联系人：王堃</p>
<p><a href="https://beian.miit.gov.cn">皖ICP备05005191号-1</a>&nbsp;&nbsp;皖公网安备34010402700000号&nbsp;&nbsp;网站标识码：3401040001</p>
<p><a href="#">政府网站找错</a></p>
</div>
</body>
</html>
"""


def main():
    (HERE / "seed-portal.utf8.html").write_bytes(build_page("utf-8").encode("utf-8"))
    # GBK bytes under a gb2312 label: 堃 (0x88D2) is GBK-only, as on real pages.
    (HERE / "seed-portal.gbk.html").write_bytes(build_page("gb2312").encode("gbk", errors="xmlcharrefreplace"))


if __name__ == "__main__":
    main()
