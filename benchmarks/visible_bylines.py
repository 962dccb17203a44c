"""How authors hold on a site that states them only on the page, not in structured data.

    python benchmarks/visible_bylines.py [CASES_DIR] [--show N]

Many regional and small sites carry no JSON-LD author and no author meta tag, so only the
printed byline can name the writers; the dev pages mostly do carry them, and that is where the
unseen pages fell short (authors F1 0.74 on one set). This probe takes every dev page whose
authors `extract()` gets right, removes every structured statement of authorship (JSON-LD
`author`/`creator`, `<meta name=author>`, `article:author` and the like), extracts again and
prints the mean authors F1 (names compared case- and space-insensitively). Expected authors that
only structured data names (an organisation, a desk) cannot be found this way, so 1.0 is out of
reach; the figure is a probe of the visible-byline rules, not a target to tune against.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import decode_html  # noqa: E402

from probe_pages import DEFAULT_CASES, dev_pages, rewrite_json_ld  # noqa: E402
AUTHOR_METAS = ("//meta[contains(translate(@name, 'AUTHOR', 'author'), 'author')"
                " or contains(@property, 'author')]")


def f1(expected: list[str], got: list[str]) -> float:
    want = {" ".join(n.casefold().split()) for n in expected}
    have = {" ".join(n.casefold().split()) for n in got}
    if not want and not have:
        return 1.0
    hits = len(want & have)
    if not hits:
        return 0.0
    precision, recall = hits / len(have), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def _scrub(value: Any) -> None:
    if isinstance(value, dict):
        value.pop("author", None)
        value.pop("creator", None)
        for inner in value.values():
            _scrub(inner)
    elif isinstance(value, list):
        for inner in value:
            _scrub(inner)


def without_structured_authors(html: bytes) -> str:
    tree = lxml.html.fromstring(decode_html(html))
    for element in tree.xpath(AUTHOR_METAS):
        element.getparent().remove(element)
    rewrite_json_ld(tree, _scrub)
    return lxml.html.tostring(tree, encoding="unicode")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    parser.add_argument("--show", type=int, default=0, help="print up to N pages that lose authors")
    args = parser.parse_args(argv)
    cases = Path(args.cases)
    if not cases.is_dir():
        print(f"visible_bylines: no cases folder at {cases}", file=sys.stderr)
        return 2
    scores: list[float] = []
    losses: list[str] = []
    for name, expected, html, url in dev_pages(cases):
        if not expected.get("authors"):
            continue
        try:
            if f1(expected["authors"], extract(html, url).authors) < 1.0:
                continue
            got = extract(without_structured_authors(html), url).authors
        except ExtractionError:
            continue
        scores.append(f1(expected["authors"], got))
        if scores[-1] < 1.0:
            losses.append(f"  {name}: {expected['authors']} -> {got}")
    mean = sum(scores) / max(1, len(scores))
    print(f"pages with authors right: {len(scores)}; authors F1 without structured data: {mean:.3f}")
    for line in losses[:args.show]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
