"""How bodies hold when a box is set in the middle of the text.

    python benchmarks/body_inserts.py [CASES_DIR] [--show N]

Unseen pages interleave their text with boxes the dev pages rarely have in that place: "Read
more" link lists, newsletter sign-ups, ad slots, "Read also" lines, unclassed "More from this
section" boxes, teaser cards (one classed, one that names nothing and wraps its headline in
a link). This probe takes every dev page whose body `extract()` gets
nearly right (token F1 >= 0.95, at least four paragraphs of 80+ characters), sets each kind of
box after the page's element holding the second such paragraph, extracts again and prints,
per kind, the mean body token F1 before and after, how many bodies took in the box's text and
how many lost more than 0.05 (a box that ended the text early). Two more kinds split the text
instead: "split" closes the element around the text after that paragraph and opens a copy of
it (same tag and class) for the rest, as CMSs do around an ad or a picture; "split-ad" puts an
ad slot between the two. A probe of the body rules beyond the dev pages, not a target to tune
against.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import decode_html  # noqa: E402

DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"
BOXES = {
    "related-list": '<div class="related"><h3>Read more</h3><ul><li><a href="/x1">Minister '
                    'resigns after budget row deepens</a></li><li><a href="/x2">Floods hit '
                    'northern towns again this week</a></li><li><a href="/x3">Hospital waiting '
                    'lists grow longer in winter</a></li></ul></div>',
    "newsletter": '<aside class="newsletter-signup"><p>Get the morning briefing in your inbox '
                  'every day. Sign up for our free newsletter.</p><form><input type="email">'
                  '<button>Sign up</button></form></aside>',
    "ad": '<div class="ad-slot"><span>Advertisement</span><div id="div-gpt-ad-1"></div></div>',
    "read-also": '<p><strong>Read also:</strong> <a href="/x4">Minister resigns after budget '
                 'row deepens</a></p>',
    "unclassed-more": '<div><h4>More from this section</h4><a href="/x5">Floods hit northern '
                      'towns again</a> <a href="/x6">Hospital waiting lists grow longer</a></div>',
    "teaser-card": '<div class="teaser"><a href="/x7"><img src="/t.jpg"><h3>Floods hit northern '
                   'towns again this week as rivers rise</h3><p>Residents were told to leave '
                   'their homes on Tuesday.</p></a></div>',
    # a card whose names say nothing (CSS-in-JS): a label, then picture and headline each
    # wrapped in a link to the other story
    "read-next-card": '<div class="q7z1"><div class="w2e4"><h2>Read next</h2><a href="/x8">'
                      '<figure><img src="/n.jpg"></figure></a><a href="/x8"><h2>Floods hit '
                      'northern towns again this week as rivers rise</h2></a><a href="/x8">Read '
                      'more</a></div></div>',
}


SPLITS = {"split": None, "split-ad": BOXES["ad"]}


def split_after(holder: lxml.html.HtmlElement, box: str | None) -> bool:
    """Close the element around `holder` after it and open a copy (same tag and attributes but
    its id) for what follows, with `box` between the two; False when there is nothing to
    split (no parent box, or nothing after the holder)."""
    parent = holder.getparent()
    rest = list(holder.itersiblings())
    if parent is None or parent.tag in ("body", "html") or not rest:
        return False
    twin = lxml.html.Element(parent.tag, {k: v for k, v in parent.attrib.items() if k != "id"})
    twin.text, holder.tail = holder.tail, None
    for element in rest:
        twin.append(element)
    if box is not None:
        inserted = lxml.html.fragment_fromstring(box)
        parent.addnext(inserted)
        inserted.addnext(twin)
    else:
        parent.addnext(twin)
    return True


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def token_f1(expected: str, got: str) -> float:
    want, have = _tokens(expected), _tokens(got)
    hits = sum((want & have).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(have.values()), hits / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _holder(tree: lxml.html.HtmlElement, paragraph: str) -> lxml.html.HtmlElement | None:
    """The element whose text is `paragraph` (by its start, not much longer)."""
    start = " ".join(paragraph.split())[:60]
    for element in tree.iter("p", "div", "h2", "h3", "li"):
        text = " ".join(element.text_content().split())
        if text.startswith(start) and len(text) < len(paragraph) * 1.5 + 20:
            return element
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    parser.add_argument("--show", type=int, default=0, help="print up to N damaged pages per box")
    args = parser.parse_args(argv)
    cases = Path(args.cases)
    if not cases.is_dir():
        print(f"body_inserts: no cases folder at {cases}", file=sys.stderr)
        return 2
    box_text = {kind: " ".join(lxml.html.fromstring(html).text_content().split())[:25]
                for kind, html in BOXES.items()}
    kinds = [*BOXES, *SPLITS]
    tally = {kind: [0, 0.0, 0.0, 0, 0] for kind in kinds}   # pages, before, after, took, lost
    damaged: dict[str, list[str]] = {kind: [] for kind in kinds}
    for folder in sorted(p for p in cases.iterdir() if (p / "page.html").is_file()):
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        if not expected.get("body"):
            continue
        paragraphs = [p for p in expected["body"].split("\n\n") if len(p) > 80]
        if len(paragraphs) < 4:
            continue
        html, url = (folder / "page.html").read_bytes(), expected.get("url") or ""
        try:
            before = token_f1(expected["body"], extract(html, url).body_text)
        except ExtractionError:
            continue
        if before < 0.95:
            continue
        text = decode_html(html)
        for kind in kinds:
            tree = lxml.html.fromstring(text)
            holder = _holder(tree, paragraphs[1])
            if holder is None:
                continue
            if kind in SPLITS:
                if not split_after(holder, SPLITS[kind]):
                    continue
            else:
                inserted = lxml.html.fragment_fromstring(BOXES[kind])
                inserted.tail, holder.tail = holder.tail, None
                holder.addnext(inserted)
            try:
                body = extract(lxml.html.tostring(tree, encoding="unicode"), url).body_text
            except ExtractionError:
                continue
            after = token_f1(expected["body"], body)
            took = kind in box_text and box_text[kind] in " ".join(body.split())
            count(tally, damaged, kind, folder.name, before, after, took, "box")
    report(tally, damaged, args.show, "box", 15)
    return 0


def count(tally: dict[str, list[Any]], damaged: dict[str, list[str]], kind: str, page: str,
          before: float, after: float, took: bool, thing: str) -> None:
    """Add one page's body F1 before and after an insert of `kind` to its row of `tally`
    (pages, before, after, took, lost), and the page to `damaged` when the body took the
    inserted `thing`'s text or lost more than 0.05."""
    row = tally[kind]
    row[0] += 1
    row[1] += before
    row[2] += after
    row[3] += took
    row[4] += after < before - 0.05
    if took or after < before - 0.05:
        damaged[kind].append(f"    {page}: {before:.3f} -> {after:.3f}"
                             + (f" (took the {thing}'s text)" if took else ""))


def report(tally: dict[str, list[Any]], damaged: dict[str, list[str]], show: int, thing: str,
           width: int) -> None:
    """Print per kind: pages, mean body F1 before and after, how many bodies took the
    inserted `thing`'s text and how many lost more than 0.05; up to `show` damaged pages."""
    for kind, (pages, before, after, took, lost) in tally.items():
        print(f"{kind:<{width}} pages {pages:3d}  body F1 {before / max(1, pages):.3f} -> "
              f"{after / max(1, pages):.3f}  took the {thing} {took}  lost > 0.05: {lost}")
        for line in damaged[kind][:show]:
            print(line)


if __name__ == "__main__":
    raise SystemExit(main())
