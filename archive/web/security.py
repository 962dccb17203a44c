"""Security headers of the reading room: what the browser may run and load on its origin.

The reading room shows text extracted from hostile web pages. Defence in depth:
1. it renders extracted text fields only, auto-escaped by Jinja, never archived HTML; an
   article's pictures come from the archive itself (/image: only 2xx `image/*` responses,
   under this same policy), never from the live site;
2. its own pages run no script at all (`script-src` absent under `default-src 'none'`, and a
   CSP `sandbox` without `allow-scripts`), load nothing but its own stylesheet, and can be
   framed by nobody;
3. Datasette's pages (table browsing, SQL, CSV/JSON) may run Datasette's own static files and
   the few inline scripts its templates ship, allowed by hash (computed from the installed
   Datasette's templates), never 'unsafe-inline';
4. archived pages are replayed by pywb on another origin (another port), which the reading
   room only links to;
5. when bound to a loopback address, requests must name a loopback Host, so a web page that
   re-binds its DNS name to 127.0.0.1 cannot read the reading room.
"""
from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Our own pages: no script, no plugins, no frames, nothing from another origin.
READING_ROOM_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; "
    # sandbox without allow-scripts: even a CSP bypass could not run script here. Popups
    # escape the sandbox so the replay tab (another origin) works normally.
    "sandbox allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox "
    "allow-top-navigation-by-user-activation allow-downloads"
)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# Template expressions in Datasette's inline scripts and the values they render to.
_TEMPLATE_VALUES = {"{{ datasette_allow_facet }}": ("true", "false")}


def datasette_inline_script_hashes() -> list[str]:
    """CSP hashes ('sha256-…') of the inline scripts in the installed Datasette's templates."""
    import datasette

    hashes: list[str] = []
    for template in sorted((Path(datasette.__file__).parent / "templates").glob("*.html")):
        for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            variants = [body]
            for expr, values in _TEMPLATE_VALUES.items():
                if expr in body:
                    variants = [v.replace(expr, value) for v in variants for value in values]
            for variant in variants:
                if "{{" in variant or "{%" in variant:
                    continue  # an expression we do not know: that script stays blocked
                digest = hashlib.sha256(variant.encode("utf-8")).digest()
                hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def datasette_csp(script_hashes: Iterable[str]) -> str:
    return ("default-src 'none'; script-src 'self' " + " ".join(script_hashes) + "; "
            # Datasette's templates use style attributes; styles cannot run script, and
            # every load below stays on this origin.
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


COMMON_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # the replay origin and the archived sites never learn reading-room URLs
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_REPLACED = {name for name, _ in COMMON_HEADERS} | {b"content-security-policy"}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]")[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def security_wrapper(app: ASGIApp, *, own_paths: re.Pattern[str], datasette_policy: str,
                     loopback_only: bool) -> ASGIApp:
    """ASGI middleware: CSP (ours or Datasette's by path), common headers, Host check."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        if loopback_only:
            headers = dict(scope.get("headers") or [])
            host = _host_name(headers.get(b"host", b"").decode("latin-1"))
            if not host or not is_loopback(host.strip("[]")):
                await _plain(send, 421, "This reading room answers only on a loopback address "
                                        "(127.0.0.1 or localhost).\n")
                return
        policy = READING_ROOM_CSP if own_paths.match(scope.get("path", "")) else datasette_policy

        async def send_with_headers(message: Message) -> None:
            if message.get("type") == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REPLACED]
                message = {**message, "headers": [*kept, *COMMON_HEADERS,
                                                  (b"content-security-policy",
                                                   policy.encode("ascii"))]}
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode("ascii")),
                            *COMMON_HEADERS,
                            (b"content-security-policy", b"default-src 'none'")]})
    await send({"type": "http.response.body", "body": body})
