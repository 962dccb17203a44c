"""A fault-injecting news site on 127.0.0.1 (port 0, one thread per connection).

Serves what real news sites and real networks do to a crawler: 5xx with and without
Retry-After, resets mid-body, short bodies, stalls, redirect loops and long chains, huge,
endless and gzip-bomb bodies, broken charsets, binary bytes labelled text/html, malformed
HTML, infinite pagination and calendar traps, and links/redirects to other hosts and to
private or link-local addresses. `/start/` links to every fault, so a profile-less crawl of
`http://127.0.0.1:PORT/start/` meets them all; each fault also has its own path for direct
tests. A few good articles are mixed in, so a run still has something to archive.

`FaultServer.requests` logs (host header, path) of every request received, and `canary`
(a listener on 127.0.0.2) counts connections: a crawl must never reach either through a link
or a redirect.
"""
from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import tempfile
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

MB = 1024 * 1024
# Private and link-local targets a crawl must refuse before connecting. 10.0.0.1 and
# 169.254.169.254 are never listened on (or connected to) by anything here.
PRIVATE_TARGETS = ("http://10.0.0.1/admin/", "http://169.254.169.254/latest/meta-data/")

_WORDS = ("minister council budget border water city court report villagers road election "
          "police market school hospital drought harvest protest agreement talks officials "
          "families workers prices fuel electricity reconstruction convoy crossing mayor "
          "parliament vote statement witnesses residents journalists investigation week "
          "morning evening district province north south river bridge camp aid").split()


def article_words(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def article_html(title: str, seed: int, *, charset_meta: str | None = None,
                 body_extra: str = "", paragraphs: int = 4) -> str:
    """A plain, valid news article page (title, byline, date, enough words to validate)."""
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    paras = "\n".join(f"<p>{article_words(seed * 10 + i, 40)}.</p>" for i in range(paragraphs))
    return (f"<!DOCTYPE html><html lang=\"en\"><head>{meta}<title>{title}</title></head><body>"
            f"<article><h1>{title}</h1><p class=\"byline\">By Test Reporter</p>"
            f"<time datetime=\"2026-05-0{seed % 9 + 1}T10:00:00Z\">May 2026</time>"
            f"<div class=\"article-body\">{paras}{body_extra}</div></article></body></html>")


def _gzip_member(zeros: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    chunk = bytes(MB)
    parts = [compressor.compress(chunk) for _ in range(zeros // MB)]
    return b"".join(parts) + compressor.flush()


_BOMB_MEMBER: bytes | None = None
_BOMB_LOCK = threading.Lock()


def bomb_member() -> bytes:
    """One gzip member of 64 MiB of zeros (~65 KB): repeated, a multi-member gzip body
    that is ~10 MB on the wire and ~10 GB expanded (gzip readers concatenate members)."""
    global _BOMB_MEMBER
    with _BOMB_LOCK:
        if _BOMB_MEMBER is None:
            _BOMB_MEMBER = _gzip_member(64 * MB)
        return _BOMB_MEMBER


# Pages whose URL looks like an article to the profile-less heuristic (dated path).
GOOD = [f"/news/2026/05/0{i}/good-story-number-{i}-from-the-newsroom" for i in range(1, 7)]
# Good articles at URLs that do not look like articles: only their content says what they are.
SHORT_GOOD = [f"/news/{n}" for n in range(1, 21)]
CHARSET = {
    "missing": "/news/2026/05/10/charset-missing-no-declaration-anywhere",
    "wrong": "/news/2026/05/11/charset-wrong-header-says-latin1",
    "conflict": "/news/2026/05/12/charset-conflict-header-and-meta-disagree",
    "invalid": "/news/2026/05/13/charset-invalid-utf8-bytes-in-body",
}
BINARY = {"pdf": "/news/2026/05/14/pdf-bytes-served-as-html-page",
          "png": "/news/2026/05/15/png-bytes-served-as-html-page"}
MALFORMED = {"unclosed": "/news/2026/05/16/malformed-unclosed-tags-everywhere",
             "deep": "/news/2026/05/17/malformed-ten-thousand-deep-nesting",
             "forms": "/news/2026/05/18/malformed-nested-forms-inside-article"}
FAULTS = {
    "http_500": "/status/500", "http_502": "/status/502", "http_503": "/status/503",
    "retry_after_1": "/news/2026/05/20/flaky-503-retry-after-one-second",
    "retry_after_long": "/status/503-retry-after-3600",
    "reset_mid_body": "/fault/reset-mid-body",
    "short_body": "/fault/content-length-longer-than-body",
    "slow_headers": "/fault/slow-headers",
    "slow_body": "/fault/slow-body",
    "redirect_loop": "/redirect/loop/a",
    "redirect_chain_20": "/redirect/chain/20",
    "redirect_chain_25": "/redirect/chain/25",
    "big_30mb": "/fault/big-30mb",
    "tiny_elements": "/fault/three-million-tiny-elements",
    "huge_declared": "/fault/huge-declared-100mb",
    "endless": "/fault/endless-chunked",
    "gzip_bomb": "/fault/gzip-bomb",
    "pagination_trap": "/archive/page/1",
    "calendar_trap": "/calendar/2026/01/01/",
    "spiral": "/spiral/x/",
    **{f"charset_{k}": v for k, v in CHARSET.items()},
    **{f"binary_{k}": v for k, v in BINARY.items()},
    **{f"html_{k}": v for k, v in MALFORMED.items()},
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that give up mid-response (timeouts, size limits, kills) are expected."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    fault: "FaultServer"

    def log_message(self, *args: object) -> None:
        pass

    # -- helpers ----------------------------------------------------------------------------
    def _send(self, status: int, body: bytes = b"", *, content_type: str = "text/html; charset=utf-8",
              headers: list[tuple[str, str]] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, text: str, status: int = 200) -> None:
        self._send(status, text.encode("utf-8"))

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers=[("Location", location)])

    def _wait(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when stopping."""
        return not self.fault.stopping.wait(seconds)

    # -- routing ----------------------------------------------------------------------------
    def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        host = self.headers.get("Host", "")
        path = self.path
        self.fault.log(host, path)
        base = self.fault.base_url
        if not host.startswith("127.0.0.1"):
            # Reached under another name (localhost): the crawl let a private name through.
            self._html("<html><body>wrong host</body></html>")
            return
        split = urlsplit(path)
        route, query = split.path, split.query
        if route == "/robots.txt":
            self._send(200, f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n".encode(),
                       content_type="text/plain")
        elif route == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in GOOD)
            self._send(200, ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.'
                             f'sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode(),
                       content_type="application/xml")
        elif route in ("/", "/start/"):
            self._html(self.fault.start_page())
        elif route in GOOD:
            n = GOOD.index(route) + 1
            self._html(article_html(f"Good story number {n} from the newsroom", n))
        elif route in SHORT_GOOD:
            n = SHORT_GOOD.index(route) + 1
            self._html(article_html(f"Short address story {n} on the harbour works", 100 + n))
        elif route.startswith("/status/"):
            self._status(route)
        elif route == FAULTS["retry_after_1"]:
            if self.fault.hit(route) <= 2:
                self._send(503, b"busy", headers=[("Retry-After", "1")])
            else:
                self._html(article_html("The flaky story that recovered", 31))
        elif route.startswith("/redirect/"):
            self._redirects(route)
        elif route.startswith("/to/"):
            self._redirect(self.fault.private_redirects[route])
        elif route.startswith("/via503/"):
            # A 503 first: the retry is dont_filter=True, and so is the redirect that follows
            # it, which Scrapy's OffsiteMiddleware then lets through -- only the guard is left.
            if self.fault.hit(route) == 1:
                self._send(503, b"busy")
            else:
                self._redirect(self.fault.private_redirects["/to/" + route.removeprefix("/via503/")])
        elif route.startswith("/fault/"):
            self._faults(route)
        elif route in CHARSET.values():
            self._charset(route)
        elif route in BINARY.values():
            self._binary(route)
        elif route in MALFORMED.values():
            self._malformed(route)
        elif route.startswith("/archive/page/"):
            n = int(route.rsplit("/", 1)[-1] or 1)
            self._html(f"<html><body><h1>Archive page {n}</h1>"
                       f"<a rel=\"next\" href=\"/archive/page/{n + 1}\">next</a>"
                       f"<a href=\"/archive/page/{n + 1000}\">far</a></body></html>")
        elif route.startswith("/calendar/"):
            self._calendar(route)
        elif route.startswith("/spiral/"):
            # Relative links that grow the path: /spiral/x/x/x/x/x/... (a classic link trap).
            self._html('<html><body><a href="x/">deeper</a><a href="x/x/x/x/">much deeper</a></body></html>')
        elif route.startswith("/bulk/"):
            self._bulk(route)
        elif route.startswith("/en_GB/") or route.startswith("/ar/"):
            self._profiled(route, query)
        else:
            self._send(404, b"<html><body>not found</body></html>")

    def _status(self, route: str) -> None:
        if route == "/status/503-retry-after-3600":
            self._send(503, b"come back in an hour", headers=[("Retry-After", "3600")])
            return
        code = int(route.rsplit("/", 1)[-1])
        self._send(code, f"<html><body>error {code}</body></html>".encode())

    def _redirects(self, route: str) -> None:
        if route == "/redirect/loop/a":
            self._redirect("/redirect/loop/b")
        elif route == "/redirect/loop/b":
            self._redirect("/redirect/loop/a", 301)
        elif route.startswith("/redirect/chain/"):
            rest = route.removeprefix("/redirect/chain/").split("/")
            n = int(rest[0])
            hop = int(rest[1]) if len(rest) > 1 else 0
            if hop < n:
                self._redirect(f"/redirect/chain/{n}/{hop + 1}")
            else:
                self._html(article_html(f"End of a {n}-hop redirect chain", 40 + n))
        else:
            self._send(404)

    def _faults(self, route: str) -> None:
        if route == FAULTS["reset_mid_body"]:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "200000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"partial " * 1000)
            self.wfile.flush()
            # SO_LINGER 0: close() sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif route == FAULTS["short_body"]:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>only five hundred bytes" + b"." * 460)
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.close_connection = True
        elif route == FAULTS["slow_headers"]:
            self._wait(30)
            self._html("<html><body>too late</body></html>")
        elif route == FAULTS["slow_body"]:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            while self._wait(0.5):
                try:
                    self.wfile.write(b"<p>.")
                    self.wfile.flush()
                except OSError:
                    break
            self.close_connection = True
        elif route == FAULTS["tiny_elements"]:
            # ~30 MB of three and a half million tiny elements (under DOWNLOAD_MAXSIZE): parsed
            # whole for links, its tree alone took the crawl process past 1 GB
            head = b"<html><head><title>Tiny elements</title></head><body><div>"
            self._send(200, head + b"<i>a</i>" * 3_500_000 + b"</div></body></html>")
        elif route == FAULTS["big_30mb"]:
            para = ("<p>" + article_words(99, 200) + ".</p>\n").encode()
            head = b"<html><head><title>A thirty megabyte page</title></head><body><article><h1>A 30 MB page</h1>"
            body = head + para * (30 * MB // len(para)) + b"</article></body></html>"
            self._send(200, body)
        elif route == FAULTS["huge_declared"]:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(100 * MB))
            self.end_headers()
            self._stream(b"<p>" + b"x" * 65530, limit=100 * MB)
        elif route == FAULTS["endless"]:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"endless " * 8000 + b"</p>\n"
            framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            self.fault.endless_started.set()
            self._stream(framed, limit=None)
        elif route == FAULTS["gzip_bomb"]:
            member = bomb_member()
            copies = 10 * MB // len(member)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(member) * copies))
            self.end_headers()
            self._stream(member, limit=len(member) * copies)
        else:
            self._send(404)

    def _stream(self, chunk: bytes, *, limit: int | None) -> None:
        """Write `chunk` again and again (up to `limit` bytes, or until the client leaves)."""
        sent = 0
        self.close_connection = True
        try:
            while limit is None or sent < limit:
                if self.fault.stopping.is_set():
                    return
                piece = chunk if limit is None else chunk[: limit - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            return
        finally:
            self.fault.streamed[self.path] = self.fault.streamed.get(self.path, 0) + sent

    def _charset(self, route: str) -> None:
        arabic = "وقال وزير الداخلية إن الحكومة ستعيد فتح المعبر الحدودي الأسبوع المقبل. "
        if route == CHARSET["missing"]:
            text = article_html("Charset missing: café résumé naïve", 50).replace("</div>", f"<p>{arabic * 3}</p></div>")
            self._send(200, text.encode("utf-8"), content_type="text/html")
        elif route == CHARSET["wrong"]:
            text = article_html("Charset wrong: header says latin-1", 51).replace("</div>", f"<p>{arabic * 3}</p></div>")
            self._send(200, text.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
        elif route == CHARSET["conflict"]:
            text = article_html("تعارض الترميز بين الترويسة والوسم", 52, charset_meta="windows-1256")
            text = text.replace("</div>", f"<p>{arabic * 3}</p></div>")
            self._send(200, text.encode("windows-1256"), content_type="text/html; charset=utf-8")
        else:
            text = article_html("Invalid UTF-8 inside the body", 53).encode("utf-8")
            text = text.replace(b"</div>", b"<p>broken \xff\xfe\xc3\x28 \xed\xa0\x80 bytes</p></div>")
            self._send(200, text, content_type="text/html; charset=utf-8")

    def _binary(self, route: str) -> None:
        if route == BINARY["pdf"]:
            body = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n"
                    + bytes(random.Random(7).randrange(256) for _ in range(20000)) + b"\n%%EOF\n")
        else:
            body = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
                    + bytes(random.Random(8).randrange(256) for _ in range(20000)))
        self._send(200, body)

    def _malformed(self, route: str) -> None:
        words = article_words(60, 150)
        if route == MALFORMED["unclosed"]:
            text = ("<html><head><title>Unclosed tags everywhere<body><article><h1>Unclosed tags "
                    "everywhere<p>" + words + "<p><b><i>" + words + "<div><span><table><tr><td>" + words)
        elif route == MALFORMED["deep"]:
            text = ("<html><head><title>Ten thousand deep</title></head><body><article>"
                    "<h1>Ten thousand deep nesting</h1>" + "<div>" * 10_000 + f"<p>{words}</p>"
                    + "</div>" * 10_000 + "</article></body></html>")
        else:
            text = ("<html><head><title>Nested forms</title></head><body><article><h1>Nested forms "
                    f"inside the article</h1><form><p>{words}</p><form action=/x><input name=a>"
                    f"<form><p>{words}</p></form></form></form></article></body></html>")
        self._html(text)

    def _bulk(self, route: str) -> None:
        """`/bulk/`: links to 60 articles of ~400 KB each, mostly an incompressible inline
        image: WARC files grow fast while the records (extracted text) stay small."""
        if route == "/bulk/":
            links = "".join(f'<a href="/bulk/2026/05/01/bulk-story-number-{i}">{i}</a>' for i in range(60))
            self._html(f"<html><body>{links}</body></html>")
            return
        n = int(route.rsplit("-", 1)[-1])
        blob = __import__("base64").b64encode(random.Random(n).randbytes(300_000)).decode()
        self._html(article_html(f"Bulk story number {n}", n,
                                body_extra=f'<img src="data:image/png;base64,{blob}" alt="">'))

    def _calendar(self, route: str) -> None:
        from datetime import date, timedelta

        parts = [p for p in route.split("/") if p]
        try:
            day = date(int(parts[1]), int(parts[2]), int(parts[3]))
        except (IndexError, ValueError):
            self._send(404)
            return
        nxt = day + timedelta(days=1)
        self._html(f"<html><body><h1>Events of {day}</h1>"
                   f"<a href=\"/calendar/{nxt:%Y/%m/%d}/\">next day</a></body></html>")

    def _profiled(self, route: str, query: str) -> None:
        """Pose as a site the demo profile can crawl: one section with endless pagination and
        articles that each link to the "next day" article forever (a profiled calendar trap)."""
        if route == "/en_GB/security/":
            page = int(query.removeprefix("page=") or 1) if query.startswith("page=") else 1
            self._html(f"<html><body><h1>Security, page {page}</h1>"
                       f"<a href=\"/en_GB/articles/security/2026/01/01/day-trap-story\">story</a>"
                       f"<a rel=\"next\" href=\"/en_GB/security/?page={page + 1}\">next</a></body></html>")
            return
        if route.startswith("/en_GB/articles/security/"):
            from datetime import date, timedelta

            y, m, d = (int(x) for x in route.split("/")[4:7])
            nxt = date(y, m, d) + timedelta(days=1)
            extra = f"<p><a href=\"/en_GB/articles/security/{nxt:%Y/%m/%d}/day-trap-story\">next day</a></p>"
            self._html(article_html(f"Day trap story of {y}-{m:02d}-{d:02d}", d + m * 31, body_extra=extra))
            return
        self._send(404)


class FaultServer:
    """Serve the fault site on 127.0.0.1 (port 0) in a thread; a context manager."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}     # path -> when each request arrived
        self.streamed: dict[str, int] = {}
        self.stopping = threading.Event()
        self.endless_started = threading.Event()
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self.canary: Canary | None = None
        self.private_redirects: dict[str, str] = {}

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def log(self, host: str, path: str) -> None:
        with self._lock:
            self.requests.append((host, path))
            self.times.setdefault(path, []).append(time.monotonic())

    def hit(self, path: str) -> int:
        with self._lock:
            self.hits[path] += 1
            return self.hits[path]

    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path in self.requests]

    def hits_of(self, path: str) -> int:
        """How many requests for `path` arrived (retries included)."""
        return len(self.times.get(path, []))

    def hosts(self) -> set[str]:
        with self._lock:
            return {host for host, _ in self.requests}

    def start_page(self) -> str:
        links = "".join(f'<li><a href="{path}">{name}</a></li>' for name, path in FAULTS.items())
        links += "".join(f'<li><a href="{path}">good {i}</a></li>' for i, path in enumerate(GOOD))
        links += "".join(f'<li><a href="{path}">short {i}</a></li>' for i, path in enumerate(SHORT_GOOD))
        off = [*PRIVATE_TARGETS, f"http://127.0.0.2:{self.canary_port}/news/2026/05/01/canary-story-link",
               f"http://localhost:{self.port}/news/2026/05/01/localhost-story-link",
               "http://other.invalid/news/2026/05/01/another-host-story"]
        links += "".join(f'<li><a href="{url}">elsewhere</a></li>' for url in off)
        links += "".join(f'<li><a href="{path}">redirect elsewhere</a></li>'
                         f'<li><a href="{path.replace("/to/", "/via503/")}">retry, then redirect</a></li>'
                         for path in self.private_redirects)
        return f"<html><head><title>Fault site</title></head><body><ul>{links}</ul></body></html>"

    @property
    def canary_port(self) -> int:
        return self.canary.port if self.canary else 9

    def start(self) -> "FaultServer":
        handler = type("Handler", (_Handler,), {"fault": self})
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self.canary = Canary().start()
        # Redirects to private/loopback/link-local targets: in scope for the first hop, so only
        # the address guard stands between them and a connection.
        self.private_redirects = {
            "/to/metadata": "http://169.254.169.254/latest/meta-data/iam/",
            "/to/ten": "http://10.0.0.1/internal/",
            "/to/canary": f"http://127.0.0.2:{self.canary_port}/news/2026/05/02/canary-redirect-story",
            "/to/localhost": f"http://localhost:{self.port}/news/2026/05/02/localhost-redirect-story",
        }
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                         name=f"faultserver:{self.port}", daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self.canary is not None:
            self.canary.stop()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


class Canary:
    """A listener on 127.0.0.2 that only counts connections: any is a guard failure."""

    def __init__(self) -> None:
        self.connections = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._stop = threading.Event()

    @property
    def port(self) -> int:
        return self._sock.getsockname()[1]

    def start(self) -> "Canary":
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.2", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        threading.Thread(target=self._accept, daemon=True, name="canary").start()
        return self

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        self._sock.close()


def wait_until(predicate, timeout: float = 30.0, step: float = 0.02) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


# -- running the real CLI with its peak memory measured -----------------------------------------
PEAK_RSS_MB: list[tuple[str, float]] = []   # (what ran, peak RSS in MB) of every measured run


def _tree_hwm_mb(pid: int) -> float:
    """The largest VmHWM (peak resident set) among `pid` and its descendants, in MB; 0 for a
    process already gone. VmHWM belongs to a process's own memory map, which exec() replaces:
    unlike wait4()'s ru_maxrss, it does not count the pages of the test process that forked it
    (pytest grows to hundreds of MB over the suite, and a child's ru_maxrss keeps that)."""
    peak = 0.0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024)
                        break
            with open(f"/proc/{current}/task/{current}/children", encoding="ascii") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue  # exited between the two reads
    return peak


def run_cli_measured(*args: str, timeout: float = 240, label: str = "",
                     preexec_fn: "Callable[[], None] | None" = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `newsarchive ARGS` in a fresh process; return its result and the peak RSS in MB of
    the largest process of its tree (the crawl process, its page worker).

    Sampled from /proc every 20 ms while it runs (see _tree_hwm_mb): a peak reached in the
    last 20 ms of a process's life can be missed, a peak held longer cannot."""
    from tests.conftest import REPO

    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    peak = 0.0
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-m", "newsarchive.cli", *args], stdout=out,
                                   stderr=err, text=True, env=env, cwd=REPO, preexec_fn=preexec_fn)
        deadline = time.monotonic() + timeout
        while True:
            peak = max(peak, _tree_hwm_mb(process.pid))
            pid, status = os.waitpid(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status = os.waitpid(process.pid, 0)
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(process.args, process.returncode, out.read(), err.read())
    PEAK_RSS_MB.append((label or " ".join(args[:2]), peak))
    return result, peak
