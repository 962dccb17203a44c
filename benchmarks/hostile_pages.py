"""How extraction time grows on pages built to be large in one way each.

    python benchmarks/hostile_pages.py [--size N] [--only NAME]

A crawl's page worker extracts the pages it fetches (up to 8 MB without a profile), one after
the other: one page on which extract() takes minutes stalls the whole crawl. Each shape below is
built twice, with N and 2N repeats of its one unusual part (a <title> of many separators, a
gallery of many slides, many <time>s, a deep nest, ...), and extracted; the script prints the
CPU time of each and their ratio. Work that grows with the page doubles (ratio ~2); a ratio of
3 or more is flagged: some step does work per pair of parts. Found this way (2026-12-07): a
<title> of 20,000 separated parts took 70 s (the site-in-the-middle check folded the text
before each separator), a gallery of 4,000 slides 6.7 s (each caption pass asked whether a box
lay inside any box already taken, one by one), pictures tied to their captions by
aria-describedby (each id searched the whole document), a row of pictures without text (each
walked over all the others to find the printed element beside it), pictures among
thousands of siblings (len() of their parent, which walks every child) and many short
sentences (the pull-quote check looked for each in the whole text). Whatever such step is
left, the CPU time limit on each page's extraction (NEWS_EXTRACT_CPU_LIMIT) bounds it.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import ExtractionError, extract  # noqa: E402

URL = "https://news.example.com/world/2024/01/story"
WORDS = ("council voted Tuesday expand night bus network adding four routes hospital workers "
         "shifts end trains money repair stops").split()
SUPERLINEAR = 3.0  # time(2N) / time(N) at or above this is flagged


def _paragraphs(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(30)) + f" {i}.</p>"
                   for i in range(count))


TEXT = _paragraphs(10)


def _page(body: str, head: str = "") -> str:
    return (f'<html lang="en"><head><meta charset="utf-8">{head}</head><body>'
            f"<article><h1>Night bus network to grow by four routes</h1>{body}</article></body></html>")


# name -> page with n repeats of its unusual part
SHAPES: dict[str, Callable[[int], str]] = {
    "title of many separated parts":
        lambda n: _page(TEXT, "<title>" + " | ".join(f"Part {i}" for i in range(n)) + "</title>"),
    "og:title of many separated parts":
        lambda n: _page(TEXT, '<meta property="og:title" content="'
                        + " - ".join(f"Part {i}" for i in range(n)) + '">'),
    "gallery of many slides":
        lambda n: _page("<div class='gallery'>" + "".join(
            f"<div class='slide'><img data-src='/i{i}.jpg' src='/ph.gif'><p class='caption'>Caption {i}"
            " (Photo: AP)</p></div>" for i in range(n // 5)) + "</div>" + TEXT),
    "many captioned figures":
        lambda n: _page("".join(f"<figure><img src='/i/{i}.jpg'><figcaption>Caption {i} [Jane Roe]"
                                f"</figcaption></figure><p>Paragraph {i} of the story.</p>"
                                for i in range(n // 5))),
    "pictures captioned by aria-describedby":
        lambda n: _page("".join(f"<div><img src='/i{i}.jpg' aria-describedby='c{i}'></div>" for i in range(n // 5))
                        + "".join(f"<p id='c{i}'>Caption number {i} of the gallery</p>" for i in range(n // 5))
                        + TEXT),
    "pictures among thousands of siblings":
        lambda n: _page("".join(f"<img src='/ph.gif' data-src='/i{i}.jpg'><noscript><img src='/i{i}.jpg'>"
                                f"</noscript><p>Caption {i} of this picture here</p>" for i in range(n // 5)) + TEXT),
    "many short sentences under headings":
        lambda n: _page("".join(f"<h2>Heading {i}</h2><p>Short paragraph {i} with a few words.</p>"
                                for i in range(n // 2))),
    "many distinct paragraphs": lambda n: _page(_paragraphs(n)),
    "many links": lambda n: _page("".join(f'<a href="/a/{i}">Link {i}</a> ' for i in range(n)) + TEXT),
    "many <time> elements":
        lambda n: _page("".join(f'<time datetime="2024-01-{i % 28 + 1:02d}">Jan {i % 28 + 1}, 2024</time>'
                                for i in range(n)) + TEXT),
    "many dated teasers known by class":
        lambda n: _page(TEXT).replace("</body>", "<ul>" + "".join(
            f'<li><a href="/s/{i}">Story {i}</a><span class="date">{i % 28 + 1} January 2024</span></li>'
            for i in range(n)) + "</ul></body>"),
    "many dated <time> teasers":
        lambda n: _page(TEXT).replace("</body>", "<ul>" + "".join(
            f'<li><a href="/s/{i}">Story {i}</a><time>{i % 28 + 1} January 2024</time></li>'
            for i in range(n)) + "</ul></body>"),
    "many <article>s beside it":
        lambda n: _page(TEXT).replace("</body>", "".join(
            f"<article><h2>Story {i}</h2>{_paragraphs(2, i)}</article>" for i in range(n // 10)) + "</body>"),
    "deep nest": lambda n: _page("<div>" * (n // 4) + TEXT + "</div>" * (n // 4)),
    "long breadcrumb":
        lambda n: _page(TEXT).replace("<article>", "<ol class='breadcrumb'>" + "".join(
            f"<li><a href='/s{i}'>Section {i}</a></li><li>›</li>" for i in range(n // 2)) + "</ol><article>"),
    "big menu":
        lambda n: _page(TEXT).replace("<article>", "<nav><ul class='menu'>" + "".join(
            f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(n)) + "</ul></nav><article>"),
    "many author meta tags":
        lambda n: _page(TEXT, "".join(f'<meta name="author" content="Jane Roe {i}">' for i in range(n))),
    "byline of many names":
        lambda n: _page("<p class='byline'>By " + ", ".join(f"Jane Roe{i}" for i in range(n)) + "</p>" + TEXT),
}


def cpu_seconds(html: str) -> float:
    start = time.process_time()
    try:
        extract(html.encode("utf-8"), URL)
    except ExtractionError:
        pass
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="repeats of each shape's part (N)")
    parser.add_argument("--only", default="", help="run the shapes whose name holds this")
    args = parser.parse_args(argv)
    cpu_seconds(_page(TEXT))  # imports and caches, outside the figures
    flagged = 0
    print(f"{'shape':<40} {'N':>6} {'s at N':>8} {'s at 2N':>8} {'ratio':>6}")
    for name, build in SHAPES.items():
        if args.only not in name:
            continue
        small, large = build(args.size), build(2 * args.size)
        t1, t2 = cpu_seconds(small), cpu_seconds(large)
        ratio = t2 / t1 if t1 > 0.005 else float("nan")
        mark = "  super-linear" if ratio >= SUPERLINEAR else ""
        flagged += bool(mark)
        print(f"{name:<40} {args.size:>6} {t1:>8.3f} {t2:>8.3f} {ratio:>6.1f}{mark}", flush=True)
    print(f"{flagged} shape(s) super-linear" if flagged else "every shape grows about linearly")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
