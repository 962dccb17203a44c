"""How the published date holds among other dated things on the page.

    python benchmarks/date_inserts.py [CASES_DIR] [--show N]

On unseen pages the article's own time is one of many `<time>` elements: a news ticker above
the headline, a "latest" or related-stories list beside or after the text, comments below it,
a "last updated" line. The dev pages have few of them. This probe takes every dev page whose
published day `extract()` gets right, adds one kind of dated box (each `<time>` with a
`datetime` of another day, in the page's structure as sites print it), extracts again and
prints, per kind, how often the day is still right. A probe of the date rules beyond the dev
pages, not a target to tune against.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402

from probe_pages import body_paragraphs, cases_folder, dev_pages, probe_parser, with_box  # noqa: E402
OTHER = ("2019-03-04T08:15:00Z", "2019-03-05T11:40:00Z", "2019-03-06T17:05:00Z")


def _times(cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f'<time{attr} datetime="{d}">{d[:10]}</time>' for d in OTHER)


# where: "body-start" (first thing in <body>), "after-body" (after the element holding the
# article's last paragraph), "before-body" (before the element holding its first paragraph)
BOXES: dict[str, tuple[str, str]] = {
    "ticker above the page": (
        "body-start",
        '<div class="ticker"><ul>' + "".join(
            f'<li><a href="/live/{i}">Markets open higher</a> <time datetime="{d}">{d[11:16]}</time></li>'
            for i, d in enumerate(OTHER)) + "</ul></div>"),
    "latest list before the text": (
        "before-body",
        '<div class="latest"><h3>Latest</h3><ul>' + "".join(
            f'<li><a href="/n/{i}">Council approves budget</a> <time datetime="{d}">{d[:10]}</time></li>'
            for i, d in enumerate(OTHER)) + "</ul></div>"),
    "related stories after the text": (
        "after-body",
        '<section class="related-stories"><h2>Related</h2>' + "".join(
            f'<article><h3><a href="/r/{i}">Floods hit the north</a></h3>'
            f'<time datetime="{d}">{d[:10]}</time></article>' for i, d in enumerate(OTHER)) + "</section>"),
    "comments after the text": (
        "after-body",
        '<section id="comments"><h2>Comments</h2>' + "".join(
            f'<div class="comment"><p class="comment-meta">Reader {i} · <time datetime="{d}">{d[:10]}</time>'
            f'</p><p>I disagree with this entirely.</p></div>' for i, d in enumerate(OTHER)) + "</section>"),
    "unclassed dated links after the text": (
        "after-body",
        "<div><ul>" + "".join(
            f'<li><a href="/s/{i}">Another story</a><time datetime="{d}">{d[:10]}</time></li>'
            for i, d in enumerate(OTHER)) + "</ul></div>"),
}


def main(argv: list[str] | None = None) -> int:
    parser = probe_parser(__doc__)
    parser.add_argument("--show", type=int, default=0, help="print up to N pages per kind that lose the day")
    args = parser.parse_args(argv)
    cases = cases_folder(args, "date_inserts")
    if cases is None:
        return 2
    pages: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    losses: dict[str, list[str]] = {k: [] for k in BOXES}
    for name, expected, html, url in dev_pages(cases):
        day = (expected.get("published") or "")[:10]
        if not day:
            continue
        try:
            before = extract(html, url)
        except ExtractionError:
            continue
        paragraphs = body_paragraphs(before)
        if not before.published or before.published.date().isoformat() != day or len(paragraphs) < 2:
            continue
        for kind, (where, box) in BOXES.items():
            page = with_box(html, where, box, paragraphs[0], paragraphs[-1])
            if page is None:
                continue
            pages[kind] += 1
            try:
                got = extract(page, url).published
            except ExtractionError:
                got = None
            if got is not None and got.date().isoformat() == day:
                kept[kind] += 1
            else:
                losses[kind].append(f"    {name}: {day} -> {got.date() if got else None}")
    print(f"{'box':<40} {'pages':>5} {'day kept':>9}")
    for kind in BOXES:
        n = max(1, pages[kind])
        print(f"{kind:<40} {pages[kind]:>5} {kept[kind] / n:>9.3f}")
        for line in losses[kind][:args.show]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
