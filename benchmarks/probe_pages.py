"""What the extraction probes (visible_bylines, visible_sections, caption_markups, date_inserts,
caption_inserts, body_trailers, hashed_classes) share: the annotated dev pages, and the edits
they make to a page."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import lxml.etree
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


def with_box(html: bytes, where: str, box: str, first: str, last: str) -> str | None:
    """The page with the HTML `box` added: "body-start" (first thing in <body>), "before-body"
    (before the element holding the article's first paragraph `first`) or "after-body" (after
    the one holding its last paragraph `last`, or any paragraph given as `last`); None when
    that paragraph is not found on its own in one element."""
    from crawler.extract.html import decode_html

    tree = lxml.html.fromstring(decode_html(html))
    nodes = [n for n in lxml.html.fragments_fromstring(box) if not isinstance(n, str)]
    if where == "body-start":
        body = tree.find("body")
        if body is None:
            return None
        for node in reversed(nodes):
            body.insert(0, node)
    else:
        anchor = element_with_text(tree, first if where == "before-body" else last)
        if anchor is None:
            return None
        for node in (nodes if where == "before-body" else reversed(nodes)):
            anchor.addprevious(node) if where == "before-body" else anchor.addnext(node)
    return lxml.html.tostring(tree, encoding="unicode")


def hash_class_names(html: bytes | str) -> str:
    """The page with every class token and id replaced by a made-up name that says nothing
    ("k3x9q1"), the same token always by the same name: how pages built with CSS-in-JS or
    CSS modules look ("css-1x2y3z", "sc-bdVaJa"). Tags, ARIA, microdata, data-* attributes
    and scripts stay as they are."""
    from crawler.extract.html import decode_html

    tree = lxml.html.fromstring(decode_html(html) if isinstance(html, bytes) else html)

    def hashed(token: str) -> str:
        # letters and digits in turn ("k3x9q1"), as CSS-in-JS hashes mix them: no run of letters
        # in it reads as a word by chance
        digest = hashlib.sha1(token.encode("utf-8")).digest()
        return "".join("abcdefghijklmnopqrstuvwxyz"[b % 26] if i % 2 == 0 else str(b % 10)
                       for i, b in enumerate(digest[:6]))

    for el in tree.iter(lxml.etree.Element):
        if el.get("class"):
            el.set("class", " ".join(hashed(t) for t in el.get("class").split()))
        if el.get("id"):
            el.set("id", hashed(el.get("id")))
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def probe_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a probe: its docstring as help, the annotated pages' folder."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES),
                        help="directory of annotated pages (default ../shared/testdata/articles)")
    return parser


def cases_folder(args: argparse.Namespace, probe: str) -> Path | None:
    """The annotated pages' folder of the parsed `args`, or None (said in one line) when absent."""
    cases = Path(args.cases)
    if not cases.is_dir():
        print(f"{probe}: no cases folder at {cases}", file=sys.stderr)
        return None
    return cases


def body_paragraphs(article: Any) -> list[str]:
    """The texts of an extracted article's long paragraphs (where a probe puts its boxes)."""
    return [b.text for b in article.body if b.kind == "p" and len(b.text) > 80]
