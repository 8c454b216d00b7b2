#!/usr/bin/env python3
"""A synthetic government portal on 127.0.0.1 for the crawl tests.

    scripts/test-portal.py ROOT      # writes its port to ROOT/port, then serves until killed

Builds its pages into ROOT from the project's own samples (the seed notice saved as a portal
page, in UTF-8 and in GBK) and, when ../shared/corpus is there, one real corpus page, and
serves them with what real portals do to crawlers:

    /robots.txt                      disallows /xxgk/private/
    /xxgk/tzgg/index.html            listing, newest first; a 下一页 link to index_1.html
    /xxgk/tzgg/index_1.html          listing; its page count in createPageHTML(5, 1, "index", "html")
    /xxgk/tzgg/index_2.html          listing; older notices (one before 2017)
    /xxgk/tzgg/index_3.html          listing; notices of 2016 only (a crawl --since 2017 stops here)
    /xxgk/tzgg/index_4.html          listing; never reached by such a crawl
    /xxgk/tzgg/t20171120_5.html      the seed page linking its two tables as .docx attachments
    /xxgk/tzgg/t20171020_3.html      503 with Retry-After: 1 on the first request
    /xxgk/tzgg/t20170915_2.html      sent gzip-encoded
    /xxgk/tzgg/t20170301_1.html      GBK, the charset only in the Content-Type header
    /xxgk/tzgg/loop.html             redirects to loop2.html, which redirects back
    /xxgk/tzgg/slow.html             answers after 3 s
    /xxgk/private/…, /other/…        linked from the listing: disallowed, out of scope

Every 200 has an ETag and a Last-Modified and answers If-None-Match with 304. A file ROOT/add
adds a notice (t20171125_6.html) to the first listing page; every request served is appended
to ROOT/log as a JSON line (path, status, body bytes). Only loopback is served; the portal
ends by itself after ten minutes.
"""
import gzip
import hashlib
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parent.parent
SAMPLES = ROOT_DIR / "samples"
OFFICE = ROOT_DIR / "Tests" / "Fixtures" / "office"
TITLE = "蜀山区人民政府办公室关于印发2017年蜀山区政务公开政务服务工作要点的通知"

state = {"attempts": {}}
lock = threading.Lock()


def notice_page(number):
    """The seed portal page as the number-th notice: its title says which."""
    page = (SAMPLES / "seed-portal.utf8.html").read_text(encoding="utf-8")
    return page.replace(TITLE, f"{TITLE}（第{number}批）").encode("utf-8")


def listing(items, extra=""):
    rows = "".join(f'<li><a href="{href}" title="{text}">{text}</a><span>{date}</span></li>\n' for href, text, date in items)
    return (f'<html><head><meta charset="utf-8"><title>通知公告</title></head><body><div class="list"><ul>\n{rows}</ul></div>'
            f'{extra}</body></html>').encode("utf-8")


def build(root: Path):
    """Writes the site's files under ROOT (what a test extracts directly to compare)."""
    site = root / "xxgk" / "tzgg"
    (site / "attachments").mkdir(parents=True, exist_ok=True)
    linked = (OFFICE / "linked-seed" / "page.html").read_text(encoding="utf-8")
    (site / "t20171120_5.html").write_text(linked, encoding="utf-8")
    for name in ("seed-annex1.docx", "seed-annex2.docx"):
        (site / "attachments" / name).write_bytes((OFFICE / name).read_bytes())
    (site / "t20171101_4.html").write_bytes(notice_page(4))
    (site / "t20171020_3.html").write_bytes(notice_page(3))
    (site / "t20170915_2.html").write_bytes(notice_page(2))
    gbk = (SAMPLES / "seed-portal.gbk.html").read_bytes()
    # The charset only in the header: the page's own declaration taken out.
    gbk = re.sub(rb"<meta[^>]*charset[^>]*>", b"", gbk, flags=re.IGNORECASE)
    (site / "t20170301_1.html").write_bytes(gbk)
    (site / "t20161201_0.html").write_bytes(notice_page(0))
    (site / "t20171125_6.html").write_bytes(notice_page(6))
    for number, name in ((10, "t20161001_a.html"), (11, "t20160601_b.html"), (12, "t20151001_c.html")):
        (site / name).write_bytes(notice_page(number))
    corpus = ROOT_DIR.parent / "shared" / "corpus" / "html"
    real = sorted(corpus.glob("*.html"))[:1] if corpus.is_dir() else []
    for page in real:
        (site / "t20170601_7.html").write_bytes(page.read_bytes())
    private = root / "xxgk" / "private"
    private.mkdir(parents=True, exist_ok=True)
    (private / "t20171115_9.html").write_bytes(notice_page(9))
    other = root / "other"
    other.mkdir(parents=True, exist_ok=True)
    (other / "t20171110_8.html").write_bytes(notice_page(8))
    return bool(real)


def pages(port, with_real):
    first = [("t20171120_5.html", "关于印发政务公开工作要点的通知", "2017-11-20"),
             ("/xxgk/private/t20171115_9.html", "内部通知", "2017-11-15"),
             (f"http://127.0.0.1:{port}/other/t20171110_8.html", "其他栏目通知", "2017-11-10"),
             ("t20171101_4.html", "第4批通知", "2017-11-01"),
             ("loop.html", "循环跳转", "2017-10-25")]
    if (Handler.root / "add").exists():
        first.insert(0, ("t20171125_6.html", "第6批通知", "2017-11-25"))
    second = [("t20171020_3.html", "第3批通知", "2017-10-20"), ("t20170915_2.html", "第2批通知", "2017-09-15")]
    if with_real:
        second.append(("t20170601_7.html", "一份真实的通知", "2017-06-01"))
    third = [("slow.html", "很慢的页面", "2017-05-01"), ("t20170301_1.html", "第1批通知", "2017-03-01"),
             ("t20161201_0.html", "第0批通知", "2016-12-01")]
    return {
        "/xxgk/tzgg/index.html": listing(first, '<div class="page"><a href="index_1.html">下一页</a></div>'),
        "/xxgk/tzgg/index_1.html": listing(second, '<script>createPageHTML(5, 1, "index", "html");</script>'),
        "/xxgk/tzgg/index_2.html": listing(third, '<div class="page"><a href="index_1.html">上一页</a></div>'),
        "/xxgk/tzgg/index_3.html": listing([("t20161001_a.html", "旧通知", "2016-10-01"), ("t20160601_b.html", "更旧的通知", "2016-06-01")],
                                           '<div class="page"><a href="index_4.html">下一页</a></div>'),
        "/xxgk/tzgg/index_4.html": listing([("t20151001_c.html", "很旧的通知", "2015-10-01")]),
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root: Path = Path(".")
    with_real = False

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        with lock, open(self.root / "log", "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "status": status, "bytes": len(body)}) + "\n")

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /xxgk/private/\n", [("Content-Type", "text/plain")])
        if path == "/xxgk/tzgg/loop.html":
            return self.send(302, b"", [("Location", "/xxgk/tzgg/loop2.html")])
        if path == "/xxgk/tzgg/loop2.html":
            return self.send(302, b"", [("Location", "/xxgk/tzgg/loop.html")])
        if path == "/xxgk/tzgg/slow.html":
            time.sleep(3)
            return self.send(200, b"<html><body>slow</body></html>", [("Content-Type", "text/html; charset=utf-8")])
        if path == "/xxgk/tzgg/t20171020_3.html":
            with lock:
                state["attempts"][path] = state["attempts"].get(path, 0) + 1
                first = state["attempts"][path] == 1
            if first:
                return self.send(503, b"busy", [("Retry-After", "1"), ("Content-Type", "text/plain")])
        listings = pages(self.server.server_address[1], self.with_real)
        if path in listings:
            body = listings[path]
        else:
            file = (self.root / path.lstrip("/")).resolve()
            if not str(file).startswith(str(self.root.resolve())) or not file.is_file():
                return self.send(404, b"not found", [("Content-Type", "text/plain")])
            body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = [("ETag", etag), ("Last-Modified", "Mon, 20 Nov 2017 08:00:00 GMT")]
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, b"", headers)
        if path.endswith(".docx"):
            headers.append(("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        elif path.endswith("t20170301_1.html"):
            headers.append(("Content-Type", "text/html; charset=GBK"))
        else:
            headers.append(("Content-Type", "text/html; charset=utf-8"))
        if path.endswith("t20170915_2.html") and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            headers.append(("Content-Encoding", "gzip"))
        self.send(200, body, headers)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    root = Path(sys.argv[1])
    Handler.root = root
    Handler.with_real = build(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    (root / "port.tmp").write_text(str(server.server_address[1]))
    os.replace(root / "port.tmp", root / "port")
    # The test that started the portal ends it; a portal whose test died ends by itself.
    threading.Timer(600, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
