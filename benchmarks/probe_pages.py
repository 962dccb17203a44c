"""What the extraction probes (visible_bylines, visible_sections, caption_markups, date_inserts)
share: the annotated dev pages, and the edits they make to a page."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import lxml.html

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"


def dev_pages(cases: Path) -> Iterator[tuple[str, dict[str, Any], bytes, str]]:
    """(case name, expected fields, page bytes, URL) of every annotated page, in name order."""
    for folder in sorted(p for p in cases.iterdir() if (p / "page.html").is_file()):
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        yield folder.name, expected, (folder / "page.html").read_bytes(), expected.get("url") or ""


def rewrite_json_ld(tree: lxml.html.HtmlElement, scrub: Callable[[Any], None]) -> None:
    """Every JSON-LD block of `tree` parsed, changed in place by `scrub`, and written back."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        scrub(data)
        script.text = json.dumps(data, ensure_ascii=False)


def element_with_text(tree: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement | None:
    """The first <p> or <div> whose whole text is `text` (white space aside)."""
    key = " ".join(text.split())
    for element in tree.iter("p", "div"):
        if " ".join(element.text_content().split()) == key:
            return element
    return None
