#!/usr/bin/env python3
"""The bad-input suite: hostile and broken files, generated here rather than stored.

    scripts/bad-inputs.py [--binary PATH] [--keep DIR]

Generates every input below into a temporary folder (or --keep DIR), runs
`gongwen extract FILE` on each, and checks that the tool answers within the bounds the
README states: under 10 s and under 1 GB of peak memory per input, with exit status 0 (a
result) or 1 (a clear error naming the file) — never a crash, a hang or a signal. Prints one
line per input and a closing line `N passed, N failed`; exits 1 when any failed.
"""
import argparse
import base64
import shutil
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT = 10.0
MEMORY_LIMIT_MB = 1024

SEED_HTML = (ROOT / "samples" / "seed-portal.utf8.html").read_text(encoding="utf-8")
TABLE_ROW = "<tr><td>{n}</td><td>完善政务公开制度建设，健全主动公开目录。</td><td>区财政局、区审计局牵头落实</td><td>9月底前</td></tr>\n"


def page(body, charset="utf-8", title="关于开展检查的通知"):
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<h1>{title}</h1><div class="TRS_Editor">{body}</div></body></html>')


def generate(folder: Path):
    """Writes each bad input; returns (name, expected) where expected is 'ok', 'error' or 'any'."""
    cases = []

    def write(name, data, expected="any"):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases.append((name, expected))

    write("empty.html", b"", "error")
    write("png-named.html", base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), "error")
    buffer = tempfile.SpooledTemporaryFile()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.html", SEED_HTML)
    buffer.seek(0)
    write("zip-named.html", buffer.read(), "error")
    write("nul-bytes.txt", "关于开展检查的通知\n1.市财政局牵头，\x00\x00\x00九月底前完成。\n", "ok")
    gbk = page("各单位：\n<p>1.市财政局牵头，9月底前完成清理。</p>", "gbk").encode("gbk")
    write("gbk-cut-mid-character.html", gbk[:-40] + "通".encode("gbk")[:1], "ok")
    write("utf16le-bom.html", b"\xff\xfe" + page("<p>1.市财政局牵头，9月底前完成。</p>").encode("utf-16-le"), "ok")
    write("utf16le-no-bom.html", page("<p>1.市财政局牵头，9月底前完成。</p>").encode("utf-16-le"), "ok")
    write("utf16be-bom.txt", b"\xfe\xff" + "关于开展检查的通知\n1.市财政局牵头，9月底前完成。\n".encode("utf-16-be"), "ok")
    write("unknown-charset.html", page("<p>1.市财政局牵头，9月底前完成。</p>", "x-klingon").encode("gbk"), "ok")
    write("mixed-utf8-gbk.html", page("<p>1.市财政局牵头，</p>").encode("utf-8") + "<p>2.区审计局配合，年底前完成。</p>".encode("gbk"), "ok")
    rows = "".join(TABLE_ROW.format(n=n) for n in range(1, 150_000))
    big = page(f"<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>{rows}</table>")
    write("page-50mb.html", big[: 50 * 1024 * 1024], "ok")
    write("line-20mb.txt", "关于开展检查的通知\n" + "加强统筹协调形成工作合力" * (20 * 1024 * 1024 // 36), "ok")
    write("divs-100k-nested.html", page("<div>" * 100_000 + "1.市财政局牵头，9月底前完成。" + "</div>" * 100_000), "ok")
    cells = "".join(f"<tr>{'<td>单元格</td>' * 10}</tr>" for _ in range(10_000))
    write("table-100k-cells.html", page(f"<table>{cells}</table>"), "ok")
    write("rowspan-100000.html", page('<table><tr><td rowspan="100000">甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>'), "ok")
    write("colspan-1e9.html", page(''.join('<table><tr><td colspan="1000000000">甲</td></tr>' + '<tr><td>乙</td><td>丙</td></tr>' * 1000 + '</table>')), "ok")
    write("spans-negative-and-junk.html", page('<table><tr><td rowspan="-5" colspan="abc">甲</td><td colspan="99999999999999999999">乙</td></tr></table>'), "ok")
    write("attribute-10mb.html", page(f'<p style="{"x" * (10 * 1024 * 1024)}">1.市财政局牵头。</p>'), "ok")
    write("markers-10k.txt", "关于开展检查的通知\n" + "".join(f"{n}.任务{n}。（牵头单位：市财政局）\n" for n in range(1, 10_001)), "ok")
    units = "、".join(f"市第{n}局" for n in range(50_000))
    write("units-50k.txt", f"关于开展检查的通知\n1.开展检查。（牵头单位：{units}；完成时限：9月底前）\n", "ok")
    write("backtracking.txt", "关于开展检查的通知\n1." + "年" * 200_000 + "月底前" + "、" * 200_000 + "(" * 50_000 + "牵头" * 50_000 + "\n"
          + "序号\n工作任务\n责任单位\n" + "1\n" * 50_000, "ok")
    write("glued-units-200k.txt", "关于印发任务分解表的通知\n工作任务牵头单位责任单位工作要求\n1.开展工作" + "区财政局" * 50_000 + "\n", "ok")
    warc = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>"
    write("truncated.warc", warc, "error")
    write("not-gzip.warc.gz", b"\x1f\x8b" + os.urandom(2000), "error")
    # Hostile office files: each a clear error or a bounded result.
    def ooxml(entries, compression=zipfile.ZIP_DEFLATED):
        buffer = tempfile.SpooledTemporaryFile()
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in entries:
                if isinstance(data, (str, bytes)):
                    archive.writestr(name, data)
                else:  # an iterable of chunks, written without holding them all
                    with archive.open(name, "w", force_zip64=True) as entry:
                        for chunk in data:
                            entry.write(chunk)
        buffer.seek(0)
        return buffer.read()

    paragraph = "<w:p><w:r><w:t>1.开展检查。（牵头单位：市财政局；完成时限：9月底前）</w:t></w:r></w:p>"
    word = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = lambda n: f"<w:document {word}><w:body>" + paragraph * n + "</w:body></w:document>"
    # 1 GB of zeros behind a tiny entry: stops at --max-bytes (64 MiB), whatever it declares.
    zeros = (b"<w:document>" if n == 0 else bytes(1 << 20) for n in range(1025))
    write("zip-bomb.docx", ooxml([("word/document.xml", zeros)]), "error")
    write("zip-escaping-names.docx", ooxml([("../../escaped.txt", "x"), ("/etc/evil", "x"), ("word/document.xml", body(3))]), "ok")
    xxe = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">'
           '<!ENTITY y SYSTEM "http://127.0.0.1:9/">]><w:document ' + word + '><w:body><w:p><w:r><w:t>&x;&y;1.开展检查，市财政局牵头，9月底前完成。</w:t></w:r></w:p></w:body></w:document>')
    write("xxe.docx", ooxml([("word/document.xml", xxe)]), "ok")
    write("encrypted.docx", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(4096), "error")
    whole = ooxml([("word/document.xml", body(2000)), ("docProps/core.xml", os.urandom(8000).hex())])
    write("corrupt-zip.docx", whole[: len(whole) // 2], "error")  # cut mid-entry: no central directory
    TASKS["zip-escaping-names.docx"] = 3
    TASKS["xxe.docx"] = 1
    ABSENT["xxe.docx"] = "root:"  # /etc/passwd was not read
    cells = "".join(f'<row r="{r}">' + "".join(f'<c t="inlineStr"><is><t>格</t></is></c>' for _ in range(100)) + "</row>"
                    for r in range(1, 10_001))
    write("million-cells.xlsx", ooxml([("xl/workbook.xml", '<workbook xmlns="s"><sheets><sheet name="表" sheetId="1"/></sheets></workbook>'),
                                       ("xl/worksheets/sheet1.xml", f'<worksheet xmlns="s"><sheetData>{cells}</sheetData></worksheet>')]), "ok")
    # One endless clause of role phrases: every look back or ahead from a role word is bounded.
    write("role-phrases-endless.txt", "关于开展检查的通知\n1." + "市财政局牵头" * 200_000 + "会同" * 100_000 + "的《" * 1000 + "\n", "ok")
    # A 50 MB page of 357,000 short numbered tasks: the output (half a gigabyte of JSON) is
    # streamed to its file, so memory stays with the input's size.
    item = "<p>{n}.开展第{n}项专项检查工作，对照清单逐项整改，市财政局牵头，区审计局配合，9月底前完成。</p>\n"
    write("tasks-357k.html", page("".join(item.format(n=n) for n in range(1, 357_001))), "ok")
    TASKS["tasks-357k.html"] = 357_000
    # Long numbered lists, as lines and as <p> paragraphs: time linear in the length (SCALING),
    # and every item read, numbers past 999 included (TASKS).
    for count in (16_000, 160_000):
        item = "{n}.开展第{n}项检查，市财政局牵头，9月底前完成。"
        write(f"numbered-{count // 1000}k.txt", "关于开展检查的通知\n" + "".join(item.format(n=n) + "\n" for n in range(1, count + 1)), "ok")
        write(f"numbered-p-{count // 1000}k.html", page("".join(f"<p>{item.format(n=n)}</p>" for n in range(1, count + 1))), "ok")
        TASKS[f"numbered-{count // 1000}k.txt"] = TASKS[f"numbered-p-{count // 1000}k.html"] = count
    return cases


# Inputs whose output must hold this many tasks.
TASKS = {}
# Inputs whose output must not contain this text.
ABSENT = {}
# (smaller, larger, bound): the larger input has 10× the items and may take at most `bound`× the time.
SCALING = [("numbered-16k.txt", "numbered-160k.txt", 12), ("numbered-p-16k.html", "numbered-p-160k.html", 12)]


def run(binary, folder, name):
    """Runs one input under /usr/bin/time for its own peak memory."""
    started = time.monotonic()
    report = folder / (name + ".time")
    command = ["/usr/bin/time", "-f", "%M", "-o", str(report)]
    command += [binary, "batch" if name.endswith((".warc", ".gz")) else "extract", str(folder / name), "-q"]
    command += ["-o", str(folder / (name + ".out"))]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIME_LIMIT * 3)
    except subprocess.TimeoutExpired:
        return None, TIME_LIMIT * 3, 0, ["timed out"]
    elapsed = time.monotonic() - started
    lines = report.read_text().strip().splitlines() if report.exists() else []
    peak_mb = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0
    status = result.returncode
    # /usr/bin/time reports a child killed by a signal as "Command terminated by signal N".
    if any("terminated by signal" in line for line in lines):
        status = -int(lines[0].split()[-1])
    return status, elapsed, peak_mb, result.stderr.decode("utf-8", "replace").strip().splitlines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "gongwen"))
    parser.add_argument("--keep")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gongwen-bad-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = generate(folder)
    passed = failed = 0
    times = {}
    for name, expected in cases:
        status, elapsed, peak_mb, stderr = run(args.binary, folder, name)
        if status in (0, 1) and elapsed > TIME_LIMIT:
            # Shared machines are noisy: a time over the bound is measured once more.
            status, elapsed, peak_mb, stderr = run(args.binary, folder, name)
        problems = []
        if status is None:
            problems.append("hung")
        elif status < 0:
            problems.append(f"killed by signal {-status}")
        elif status not in (0, 1):
            problems.append(f"exit status {status}")
        elif expected == "ok" and status != 0:
            problems.append("expected a result")
        elif expected == "error" and status != 1:
            problems.append("expected an error")
        if status == 1 and not any(name in line for line in stderr):
            problems.append("the error does not name the file")
        if elapsed > TIME_LIMIT:
            problems.append(f"{elapsed:.1f} s is over {TIME_LIMIT:.0f} s")
        if peak_mb > MEMORY_LIMIT_MB:
            problems.append(f"{peak_mb:.0f} MB is over {MEMORY_LIMIT_MB} MB")
        if name in TASKS and status == 0:
            found = len(json.loads((folder / (name + ".out")).read_text(encoding="utf-8"))["tasks"])
            if found != TASKS[name]:
                problems.append(f"{found} tasks, expected {TASKS[name]}")
        if name in ABSENT and status == 0 and ABSENT[name] in (folder / (name + ".out")).read_text(encoding="utf-8"):
            problems.append(f"the output contains {ABSENT[name]!r}")
        times[name] = elapsed
        verdict = "ok  " if not problems else "FAIL"
        detail = "; ".join(problems) if problems else (stderr[0][:90] if stderr else "")
        print(f"{verdict} {name:32} exit {status} {elapsed:6.2f} s {peak_mb:6.0f} MB  {detail}")
        passed += not problems
        failed += bool(problems)
    for smaller, larger, bound in SCALING:
        ratio = times[larger] / max(times[smaller], 0.01)
        if ratio > bound:
            # A shared machine's other work inflates one run: the best of three of each.
            for _ in range(2):
                times[smaller] = min(times[smaller], run(args.binary, folder, smaller)[1])
                times[larger] = min(times[larger], run(args.binary, folder, larger)[1])
            ratio = times[larger] / max(times[smaller], 0.01)
        verdict = "ok  " if ratio <= bound else "FAIL"
        print(f"{verdict} {larger} / {smaller}: {ratio:.1f}× the time for 10× the items (bound {bound}×)")
        passed += ratio <= bound
        failed += ratio > bound
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
