"""How the section holds on a site that states it only on the page, not in metadata.

    python benchmarks/visible_sections.py [CASES_DIR] [--show N]

On one unseen site the extractor found the section on no article: the site prints it as a
kicker link and a breadcrumb but declares it nowhere. The dev pages carry no expected section,
so this probe measures self-consistency: for every dev page whose section `extract()` reads
from metadata (`article:section` and similar meta tags, JSON-LD `articleSection` and
`BreadcrumbList`), it removes that metadata, extracts again and prints how often a section is
still found and how often it is the same name (case-insensitive). Metadata and page do not
always use one name for a section ("World news" in metadata, "World" on the page), so 1.0 is
out of reach; the figure is a probe of the visible-section rules, not a target to tune against.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract, metadata  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import decode_html  # noqa: E402

from probe_pages import DEFAULT_CASES, dev_pages, rewrite_json_ld  # noqa: E402
SECTION_METAS = ("//meta[contains(@property, 'section') or contains(@name, 'section')"
                 " or contains(@name, 'category') or contains(@property, 'category')]")


def _scrub(value: Any) -> None:
    if isinstance(value, dict):
        value.pop("articleSection", None)
        if value.get("@type") == "BreadcrumbList":
            value.clear()
        for inner in list(value.values()):
            _scrub(inner)
    elif isinstance(value, list):
        for inner in value:
            _scrub(inner)


def without_section_metadata(html: bytes) -> str:
    tree = lxml.html.fromstring(decode_html(html))
    for element in tree.xpath(SECTION_METAS):
        element.getparent().remove(element)
    rewrite_json_ld(tree, _scrub)
    return lxml.html.tostring(tree, encoding="unicode")


def _declared_section(html: bytes, url: str) -> str | None:
    """The section the page's metadata gives, with the rules that read it off the page
    switched off: a page whose section only those rules find has nothing to compare with."""
    saved = metadata._visible_section
    metadata._visible_section = lambda *args, **kwargs: None
    try:
        return extract(html, url).section
    finally:
        metadata._visible_section = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    parser.add_argument("--show", type=int, default=0, help="print up to N pages that lose the section")
    args = parser.parse_args(argv)
    cases = Path(args.cases)
    if not cases.is_dir():
        print(f"visible_sections: no cases folder at {cases}", file=sys.stderr)
        return 2
    pages = found = same = 0
    losses: list[str] = []
    for name, expected, html, url in dev_pages(cases):
        try:
            declared = _declared_section(html, url)
            if not declared:
                continue
            shown = extract(without_section_metadata(html), url).section
        except ExtractionError:
            continue
        pages += 1
        found += bool(shown)
        if shown and shown.casefold() == declared.casefold():
            same += 1
        else:
            losses.append(f"  {name}: {declared!r} -> {shown!r}")
    n = max(1, pages)
    print(f"pages with a section: {pages}; without section metadata: a section found {found / n:.3f}, "
          f"the same name {same / n:.3f}")
    for line in losses[:args.show]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
