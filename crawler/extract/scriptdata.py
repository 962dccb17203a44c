"""Article HTML that a page ships only inside script data (Next.js/React hydration state,
`__NEXT_DATA__`, `window.__STATE__ = {...}`): the visible DOM holds no text until JavaScript
renders it, but the JSON holds the article's HTML as a string ("contentHtml": "<p>…</p>").

Used only as a fallback, when the DOM gives (almost) no body: the longest JSON string value
under a body-like key that is HTML with paragraphs is parsed as a fragment and read with the
same body and caption code as any page.
"""
from __future__ import annotations

import json
import re
from typing import Any

# "contentHtml": "…", "body_html": "…", "articleBody": "…", "content": "…" — JSON string
# values of at least a few hundred characters (escaped quotes allowed inside).
_FIELD = re.compile(
    r'"(?:content_?html|body_?html|article_?html|html_?content|html_?body|article_?body|'
    r'body|content|html|text|story_?html|post_?content)"\s*:\s*"((?:[^"\\]|\\.){300,})"',
    re.IGNORECASE,
)
_HAS_PARA = re.compile(r"<p[\s>]|</p>|<br\s*/?>", re.IGNORECASE)
# CMS placeholders left in the HTML for the client to fill: "$$ARTICLEAD$$", "{{AD}}", "[[ad]]"
_PLACEHOLDER = re.compile(r"\$\$[A-Za-z0-9_]{1,40}\$\$|\{\{[A-Za-z0-9_ ]{1,40}\}\}|\[\[[A-Za-z0-9_ ]{1,40}\]\]")
_MIN_SCRIPT = 1500
_MAX_SCRIPTS_CHARS = 3_000_000


def collect_scripts(root: Any) -> list[str]:
    """Texts of inline scripts big enough to carry an article (called before scripts are
    stripped)."""
    out: list[str] = []
    total = 0
    for el in root.iter("script"):
        if "ld+json" in (el.get("type") or "").lower():
            continue  # metadata, read elsewhere; articleBody there is plain text
        text = el.text  # a copy: after the type test
        if not text or len(text) < _MIN_SCRIPT:
            continue
        total += len(text)
        if total > _MAX_SCRIPTS_CHARS:
            break
        out.append(text)
    return out


def article_html(scripts: list[str]) -> str | None:
    """The longest HTML string with paragraphs under a body-like key, decoded."""
    best: str | None = None
    for text in scripts:
        if '":' not in text:
            continue
        for m in _FIELD.finditer(text):
            raw = m.group(1)
            if best is not None and len(raw) <= len(best):
                continue
            try:
                value = json.loads(f'"{raw}"')
            except ValueError:
                continue
            if not isinstance(value, str) or not _HAS_PARA.search(value):
                continue
            if best is None or len(value) > len(best):
                best = value
    if best is None:
        return None
    return _PLACEHOLDER.sub(" ", best)


def fragment(html: str) -> Any | None:
    """The HTML string parsed as a <div> wrapper (None when it does not parse)."""
    from lxml import html as lxml_html

    try:
        return lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - a broken fragment is no fallback
        return None
