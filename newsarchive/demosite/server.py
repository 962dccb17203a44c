"""A threaded HTTP server for a DemoSite, on 127.0.0.1 and a free port by default.

Thin adapter: requests go to `DemoSite.handle`; the server only adds a request log (so tests
can see what a crawler fetched, e.g. a robots.txt-disallowed page) and start/stop plumbing.

A second listener on another port is the site's "other host" (as a CDN or an advertiser is):
it serves the partner banners the article pages show (`/banners/*.png`) and a robots.txt that
keeps `/private/` out; its request log is `static_requests`. `static_name` is the host name the
pages use for it (default: the site's own host; e.g. "localhost" makes it another name too).
"""
from __future__ import annotations

import sys

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .generator import DemoSite


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Keep-alive connections of a crawler may still be open at stop(): do not wait for them.
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-response (a killed crawler) is normal here."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class DemoServer:
    """Serve `site` over HTTP in a background thread; use as a context manager."""

    def __init__(self, site: DemoSite, host: str = "127.0.0.1", port: int = 0, *,
                 verbose: bool = False, static_port: int | None = None,
                 static_name: str | None = None) -> None:
        """`static_port`: the other host's port (0: a free one; None, the default: no other
        host, and the pages leave its pictures out)."""
        self.site = site
        self.host = host
        self.port = port
        self.verbose = verbose
        self.static_port = static_port
        self.static_name = static_name or host
        self.requests: list[tuple[str, str, int]] = []
        self.static_requests: list[tuple[str, str, int]] = []
        self._static: _Server | None = None
        self._log_lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        self._httpd = _Server((self.host, self.port), self._handler_class())
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name=f"demosite:{self.port}", daemon=True)
        self._thread.start()
        if self.static_port is not None:
            try:
                self._static = _Server((self.host, self.static_port), _static_handler(self))
            except OSError:
                self.stop()
                raise
            self.static_port = self._static.server_address[1]
            threading.Thread(target=self._static.serve_forever, kwargs={"poll_interval": 0.1},
                             name=f"demosite-static:{self.static_port}", daemon=True).start()
            self.site.static_base = f"http://{self.static_name}:{self.static_port}"
        return self

    @property
    def static_base(self) -> str:
        if self._static is None:
            raise RuntimeError("DemoServer has no other host running")
        return f"http://{self.static_name}:{self.static_port}"

    def stop(self) -> None:
        if self._static is not None:
            self._static.shutdown()
            self._static.server_close()
            self._static = None
            self.site.static_base = None
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def clear_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def paths(self, status: int | None = None) -> list[str]:
        """Logged request paths (optionally only those answered with `status`)."""
        with self._log_lock:
            return [p for _, p, s in self.requests if status is None or s == status]

    def _record(self, method: str, path: str, status: int) -> None:
        with self._log_lock:
            self.requests.append((method, path, status))

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "AlFassel/3.2"

            def version_string(self) -> str:
                return self.server_version
            timeout = 30

            def _serve(self) -> None:
                host = self.headers.get("Host")
                base = f"http://{host}" if host else server.base_url
                headers = {k.lower(): v for k, v in self.headers.items()}
                length = int(headers.get("content-length") or 0)
                if length:      # drain a request body, or keep-alive would read it as a request
                    self.rfile.read(length)
                try:
                    response = server.site.handle(self.command, self.path, headers, base)
                except Exception:  # a bug in the fixture must not hang the client
                    server._record(self.command, self.path, 500)
                    self.send_error(500)
                    raise
                # Log before answering, so a client that has its answer sees it in the log.
                server._record(self.command, self.path, response.status)
                self.send_response(response.status)
                for name, value in response.headers:
                    self.send_header(name, value)
                if response.status != 304:
                    self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if self.command != "HEAD" and response.status != 304:
                    self.wfile.write(response.body)

            do_GET = do_HEAD = do_POST = _serve

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                if server.verbose:
                    super().log_message(format, *args)

        return Handler


def _static_handler(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    """The other host: partner banners (PNG by path), its robots.txt, 404 for the rest."""
    from .assets import png

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            path = self.path.split("?", 1)[0]
            if path == "/robots.txt":
                status, kind, body = 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
            elif path.startswith("/banners/") and path.endswith(".png") and ".." not in path:
                status, kind, body = 200, "image/png", png("static:" + path, 300, 250)
            else:
                status, kind, body = 404, "text/plain", b"Not found\n"
            with server._log_lock:
                server.static_requests.append((self.command, self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if server.verbose:
                super().log_message(format, *args)

    return Handler
