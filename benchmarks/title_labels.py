"""How titles hold when the site's label is one the extractor has never seen.

    python benchmarks/title_labels.py [CASES_DIR] [--seed N]

Unseen sites glue names the dev pages never show to their headlines, with separators of their
own. This probe takes every dev page whose title `extract()` gets right, replaces the site
label in `<title>`, `og:title` and `twitter:title` with a made-up name (several scripts) glued
with a random separator (`|`, `｜`, ` — `, ` – `, ` - `, `：`, ` : `, ` _ `, ` · `, ` » `,
` :: `; before the headline 30% of the time), and extracts again, three ways:

- `declared`: the page's own og:site_name (when it has one) now says the made-up name;
- `added`: an og:site_name with the made-up name is added where the page had none;
- `undeclared`: every og:site_name is removed, so only the page's shape can tell the label;
- `logo only`: as undeclared, but a logo linking to the home page, with the made-up name as
  its alt text, opens the page's body, as every site prints its name somewhere.

It prints the share of titles still exact in each case. The figure is a probe of how far the
title rules generalise, not a target to tune against: the labels are random, never a
publisher's. Pages, labels and separators are chosen by a fixed seed, so runs compare.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import decode_html  # noqa: E402

DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"
SEPARATORS = (" | ", "｜", " — ", " – ", " - ", "：", " : ", " _ ", " · ", " » ", " :: ")
NAMES = ("Nordhavn Tidende", "The Valley Post", "Daily Herald Online", "وكالة الأنباء الإقليمية",
         "東海新聞", "Region Aktuell", "RTX News")
TITLE_METAS = ("//meta[@property='og:title' or @name='twitter:title' or @property='twitter:title'"
               " or @name='title']")
MODES = ("declared", "added", "undeclared", "logo only")


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def relabelled(html: bytes, title: str, name: str, separator: str, before: bool, mode: str) -> str:
    """The page with its title sources relabelled and og:site_name set as `mode` says (decoded
    as the extractor decodes it, so a charset declared only in the HTTP header or late in the
    page does not turn its text into mojibake; an <svg>'s <title> is an icon's, left alone)."""
    tree = lxml.html.fromstring(decode_html(html))
    glued = f"{name}{separator}{title}" if before else f"{title}{separator}{name}"
    for element in tree.xpath("//title[not(ancestor::svg)]"):
        element.text = glued
    for element in tree.xpath(TITLE_METAS):
        element.set("content", glued)
    declared = tree.xpath("//meta[@property='og:site_name']")
    for element in declared:
        if mode in ("undeclared", "logo only"):
            element.getparent().remove(element)
        else:
            element.set("content", name)
    body = tree.find(".//body")
    if mode == "logo only" and body is not None:
        logo = lxml.html.Element("a", href="/")
        logo.append(lxml.html.Element("img", src="/static/logo.svg", alt=name))
        body.insert(0, logo)
    head = tree.find(".//head")
    if mode == "added" and not declared and head is not None:
        head.append(lxml.html.Element("meta", property="og:site_name", content=name))
    return lxml.html.tostring(tree, encoding="unicode")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print up to N failures per mode")
    args = parser.parse_args(argv)
    cases = Path(args.cases)
    if not cases.is_dir():
        print(f"title_labels: no cases folder at {cases}", file=sys.stderr)
        return 2
    pages = []
    for folder in sorted(p for p in cases.iterdir() if (p / "page.html").is_file()):
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        if expected.get("title"):
            pages.append((folder.name, (folder / "page.html").read_bytes(), expected))
    right = []
    for name, html, expected in pages:
        try:
            if _same(extract(html, expected.get("url") or "").title, expected["title"]):
                right.append((name, html, expected))
        except ExtractionError:
            continue
    print(f"title exact as published: {len(right)}/{len(pages)}")
    for mode in MODES:
        rng = random.Random(args.seed)
        kept, failures = 0, []
        for name, html, expected in right:
            label, separator, before = rng.choice(NAMES), rng.choice(SEPARATORS), rng.random() < 0.3
            page = relabelled(html, expected["title"], label, separator, before, mode)
            try:
                got = extract(page, expected.get("url") or "").title
            except ExtractionError as error:
                got = f"<{error.reason}>"
            if _same(got, expected["title"]):
                kept += 1
            else:
                failures.append(f"  {name} {separator!r}: {got}")
        print(f"relabelled, site name {mode:>10}: {kept}/{len(right)} = {kept / max(1, len(right)):.3f}")
        for line in failures[:args.show]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
