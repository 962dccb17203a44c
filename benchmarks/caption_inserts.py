"""How caption precision holds among the other pictures an article page shows.

    python benchmarks/caption_inserts.py [CASES_DIR] [--show N] [--hashed]

On unseen pages, captions were found where there were none (precision 0.765 on one set): an
article page shows many pictures that are not the article's own photos, each with a line of
text beside it, such as an author's portrait with the author's name, a teaser of another
story, an advertisement, a video player with its title, a newsletter promotion, or a picture
with a date and reading-time line under it. The dev pages have few of them. This probe takes
every dev page whose captions `extract()` gets right and that has a body, adds one kind of
such box after a paragraph in the middle of the text or after the text (as sites place them),
extracts again and prints, per kind, the share of pages that gained no caption and kept every
caption they had. A probe of the caption rules beyond the dev pages, not a target to tune
against: the boxes are generic markup in several languages, never a publisher's. With
--hashed, every class and id name of the page and the box is hashed first, as CSS-in-JS sites
print them, so that no box is known by its name.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402

from probe_pages import (body_paragraphs, cases_folder, dev_pages, hash_class_names,  # noqa: E402
                         probe_parser, with_box)

# (where, box): "middle" is after the paragraph halfway through the text, "after-body" after
# its last paragraph (probe_pages.with_box).
BOXES: dict[str, tuple[str, str]] = {
    # {author}: the article's first author, as author boxes name them
    "author card with portrait": (
        "after-body",
        '<div class="author-card"><img src="/authors/a.jpg" alt="{author}">'
        '<div><a href="/author/a">{author}</a><p>{author} reports on politics and the '
        'economy from the capital.</p></div></div>'),
    "unclassed author portrait": (
        "after-body",
        '<div><div><img src="/people/a.jpg" alt="{author}"></div>'
        '<div><span>{author}</span><span>مراسل الشؤون السياسية</span></div></div>'),
    "teaser of another story": (
        "middle",
        '<div class="teaser"><a href="/2019/03/04/other-story"><img src="/t/other.jpg" alt="">'
        '<h3>Die Stadt plant einen neuen Hafen im Norden</h3></a></div>'),
    "unclassed related link with picture": (
        "middle",
        '<div><a href="/news/84213"><img src="/t/84213.jpg" alt=""></a>'
        '<p><a href="/news/84213">Floods hit the northern provinces as rivers burst their banks</a></p></div>'),
    "advertisement": (
        "middle",
        '<div class="ad-slot"><img src="/banners/summer-sale.gif" alt=""><small>Anzeige</small></div>'),
    "unclassed advertisement": (
        "middle",
        '<div><img src="/b/330x250.png" alt=""><span>Advertisement</span></div>'),
    "video player with title": (
        "middle",
        '<div class="video-player"><img src="/v/poster-112.jpg" alt="">'
        '<p>Video: Watch the council debate the harbour plan</p></div>'),
    "newsletter promotion": (
        "after-body",
        '<div><img src="/img/newsletter.png" alt=""><p>Sign up for our morning newsletter and get '
        'the day\'s news in your inbox</p></div>'),
    "date and reading time under a picture": (
        "middle",
        '<div><img src="/img/header-2.jpg" alt=""><p>16.05.2024, 11:26 Uhr • Lesezeit: 5 Minuten</p></div>'),
    "share bar with icons": (
        "after-body",
        '<div class="share"><a href="https://facebook.com/sharer"><img src="/i/fb.png" alt="Facebook">'
        'Teilen</a><a href="https://x.com/intent"><img src="/i/x.png" alt="X">Post</a></div>'),
}


def main(argv: list[str] | None = None) -> int:
    parser = probe_parser(__doc__)
    parser.add_argument("--show", type=int, default=0, help="print up to N pages per kind that change")
    parser.add_argument("--hashed", action="store_true",
                        help="with every class and id name hashed (probe_pages.hash_class_names), as "
                             "CSS-in-JS sites print them: no box is named for what it is")
    args = parser.parse_args(argv)
    cases = cases_folder(args, "caption_inserts")
    if cases is None:
        return 2
    pages: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    changes: dict[str, list[str]] = {k: [] for k in BOXES}
    for name, expected, html, url in dev_pages(cases):
        want = {" ".join(c.split()) for c in expected.get("captions") or [] if isinstance(c, str)}
        if expected.get("captions") is None:
            continue
        try:
            before = extract(html, url)
        except ExtractionError:
            continue
        had = {" ".join((i.caption or "").split()) for i in before.images if i.caption}
        paragraphs = body_paragraphs(before)
        if had != want or len(paragraphs) < 3:
            continue  # only pages whose captions are right, with a body to put a box in
        author = (expected.get("authors") or before.authors or ["Jane Doe"])[0]
        for kind, (where, box) in BOXES.items():
            anchor = paragraphs[len(paragraphs) // 2] if where == "middle" else paragraphs[-1]
            page = with_box(html, "after-body", box.replace("{author}", author), paragraphs[0], anchor)
            # the page parsed and written again, with an empty box: what the box is compared to
            plain = with_box(html, "after-body", "<div></div>", paragraphs[0], anchor)
            if page is None or plain is None:
                continue
            if args.hashed:
                page, plain = hash_class_names(page), hash_class_names(plain)
            try:
                had = {" ".join((i.caption or "").split()) for i in extract(plain, url).images if i.caption}
            except ExtractionError:
                continue
            pages[kind] += 1
            try:
                got = extract(page, url)
            except ExtractionError:
                changes[kind].append(f"    {name}: extraction failed")
                continue
            now = {" ".join((i.caption or "").split()) for i in got.images if i.caption}
            if now == had:
                clean[kind] += 1
                continue
            gained[kind] += len(now - had)
            changes[kind].append(f"    {name}: +{sorted(now - had)} -{sorted(had - now)}")
    print(f"{'box':<40} {'pages':>5} {'unchanged':>9} {'captions gained':>15}")
    for kind in BOXES:
        n = max(1, pages[kind])
        print(f"{kind:<40} {pages[kind]:>5} {clean[kind] / n:>9.3f} {gained[kind]:>15}")
        for line in changes[kind][:args.show]:
            print(line[:300])
    total = sum(pages.values())
    print(f"{'all':<40} {total:>5} {sum(clean.values()) / max(1, total):>9.3f} {sum(gained.values()):>15}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
