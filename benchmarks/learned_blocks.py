"""A learned block classifier for the body, measured against the rules by publisher folds.

    python benchmarks/learned_blocks.py [CASES_DIR] [--folds 5] [--trees 200]

Issue 17 names a learned block classifier (gradient-boosted trees over DOM and text features:
link density, text density, tag path, position, class and id tokens, sibling context) as a
candidate for the body. This script measures one, the way benchmarks/crossval.py measures the
rules: on every body-annotated dev page it takes the blocks that read like paragraphs
(body._paragraph_candidates, over the page as the extractor sees it after dropping what never
renders, plus sub-headings), labels each by whether the expected body holds its text, trains
scikit-learn's HistGradientBoostingClassifier on four publisher folds (crossval.assign_folds)
and keeps, on the fifth, the blocks it predicts. It prints the mean body token F1 (the official
scorer's) of three bodies on the same held pages:

- `rules`: extract() as shipped (every rule on: its in-sample figure on these pages);
- `learned`: the classifier alone, over the features below;
- `stacked`: the classifier with two more features, whether the rules' container holds the
  block and whether the rules' body kept its text (trained on four folds, so it can learn
  only what the rules miss or take in on other publishers' pages);
- `labels`: the blocks whose labels say they are in the body, all of them and nothing else:
  what a perfect classifier over these blocks would score (its ceiling).

scikit-learn is not a dependency of newsarchive (the extractor does not use a model): install
it to run this (`python3 -m pip install scikit-learn`). Deterministic: one seed, one thread
order. A measurement for docs/EXTRACTION.md, not a test.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from crossval import DEFAULT_CASES, assign_folds, load_cases, load_scorer  # noqa: E402

from crawler.extract import extract  # noqa: E402
from crawler.extract import body as body_rules  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import load  # noqa: E402
from crawler.extract.text import class_id, text_of  # noqa: E402

POSITIVE = re.compile(r"article|body|content|text|story|post|entry|main|prose|paragraph", re.I)
NEGATIVE = re.compile(r"comment|related|footer|nav|menu|sidebar|promo|share|social|newsletter|"
                      r"teaser|recommend|popular|trending|widget|banner|cookie|subscribe|"
                      r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert", re.I)
FEATURES = ("log_len", "words", "link_share", "commas", "sentence_end", "digits", "capitals",
            "depth", "position", "siblings", "sibling_text_share", "positive", "negative",
            "in_article", "in_side", "article_body", "heading", "tag_p", "tag_div", "tag_td",
            "tag_other", "parent_log_len")
STACKED = ("rules_container", "rules_kept")


def _tokens(scorer: Any, text: str) -> Counter[str]:
    return Counter(scorer.tokens(text))


def blocks_of(body: Any) -> list[tuple[Any, str]]:
    """(element, text) of every block of `body` that reads like a paragraph or a sub-heading,
    in document order."""
    found: dict[Any, str] = {el: text for el, _, text in body_rules._paragraph_candidates(body)}
    for heading in body.iter("h2", "h3", "h4"):
        text = " ".join(text_of(heading).split())
        if 3 <= len(text) <= 200:
            found[heading] = text
    order = {el: i for i, el in enumerate(body.iter())}
    return sorted(found.items(), key=lambda item: order.get(item[0], 0))


def features(el: Any, text: str, index: int, count: int, sizes: Any) -> list[float]:
    """The block's DOM and text features (FEATURES, in order)."""
    n = max(1, len(text))
    ancestors = list(el.iterancestors())
    marks = " ".join(class_id(a) or "" for a in [el, *ancestors[:5]])
    parent = el.getparent()
    siblings = [s for s in parent if isinstance(s.tag, str)] if parent is not None else []
    parent_len = sizes.text(parent) if parent is not None else n
    return [
        math.log(n), len(text.split()), min(1.0, sizes.links(el) / n),
        sum(text.count(c) for c in ",،、，"), float(text.rstrip()[-1:] in ".!?。！？؟…»”\""),
        sum(ch.isdigit() for ch in text) / n, sum(ch.isupper() for ch in text) / n,
        len(ancestors), index / max(1, count), len(siblings),
        n / max(1, parent_len),
        len(POSITIVE.findall(marks)), len(NEGATIVE.findall(marks)),
        float(any(a.tag == "article" for a in ancestors)),
        float(any(a.tag in ("aside", "nav", "footer", "header") for a in ancestors)),
        float(any(a.get("itemprop") == "articleBody" for a in [el, *ancestors])),
        float(el.tag in ("h2", "h3", "h4")),
        float(el.tag == "p"), float(el.tag == "div"), float(el.tag == "td"),
        float(el.tag not in ("p", "div", "td", "h2", "h3", "h4")),
        math.log(max(1, parent_len)),
    ]


def page_rows(scorer: Any, html: bytes, url: str, expected_body: str) -> tuple[list[list[float]], list[int], list[str], str]:
    """Features (with the two stacked ones last), labels and texts of a page's blocks, and the
    rules' body."""
    try:
        article = extract(html, url)
    except ExtractionError:
        return [], [], [], ""
    rules_body = article.body_text
    kept = {" ".join(b.text.split()) for b in article.body}
    from crawler.extract import _strip_invisible, _strip_styles

    # the page as the extractor's body pass sees it
    root = load(html)
    _strip_styles(root)
    _strip_invisible(root)
    body = root.find("body")
    if body is None:
        return [], [], [], rules_body
    boxes = set(body_rules.find_container(root, body_rules.find_hint(root), title=article.title))
    blocks = blocks_of(body)
    want = _tokens(scorer, expected_body)
    sizes = body_rules.TextSizes()
    rows, labels, texts = [], [], []
    for index, (el, text) in enumerate(blocks):
        toks = _tokens(scorer, text)
        inside = sum((toks & want).values()) / max(1, sum(toks.values()))
        row = features(el, text, index, len(blocks), sizes)
        collapsed = " ".join(text.split())
        in_container = el in boxes or any(a in boxes for a in el.iterancestors())
        row += [float(in_container), float(collapsed in kept)]
        rows.append(row)
        labels.append(int(inside >= 0.8))
        texts.append(text)
    return rows, labels, texts, rules_body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--trees", type=int, default=200)
    args = parser.parse_args(argv)
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        print("learned_blocks: needs scikit-learn (python3 -m pip install scikit-learn)", file=sys.stderr)
        return 2
    cases_dir = Path(args.cases)
    if not cases_dir.is_dir():
        print(f"learned_blocks: no cases folder at {cases_dir}", file=sys.stderr)
        return 2
    scorer = load_scorer()
    cases = {cid: exp for cid, exp in load_cases(cases_dir).items() if exp.get("body")}
    fold_of = assign_folds(load_cases(cases_dir), args.folds)
    pages: dict[str, tuple[list[list[float]], list[int], list[str], str]] = {}
    for number, (cid, exp) in enumerate(sorted(cases.items()), 1):
        html = (cases_dir / cid / "page.html").read_bytes()
        pages[cid] = page_rows(scorer, html, exp.get("url") or "", exp["body"])
        if number % 20 == 0 or number == len(cases):
            print(f"features: {number}/{len(cases)} pages", file=sys.stderr, flush=True)
    width = len(FEATURES)
    scores: dict[str, list[float]] = defaultdict(list)
    per_fold: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for fold in range(args.folds):
        train = [cid for cid in pages if fold_of[cid] != fold]
        held = [cid for cid in pages if fold_of[cid] == fold]
        for name, columns in (("learned", width), ("stacked", width + len(STACKED))):
            x = [row[:columns] for cid in train for row in pages[cid][0]]
            y = [label for cid in train for label in pages[cid][1]]
            model = HistGradientBoostingClassifier(max_iter=args.trees, learning_rate=0.1,
                                                   max_leaf_nodes=15, early_stopping=False,
                                                   random_state=0)
            model.fit(x, y)
            for cid in held:
                rows, _, texts, _ = pages[cid]
                kept = model.predict([row[:columns] for row in rows]) if rows else []
                predicted = "\n\n".join(t for t, keep in zip(texts, kept) if keep)
                f1 = scorer.score_body(cases[cid], {"body": predicted})["f1"]
                scores[name].append(f1)
                per_fold[fold][name].append(f1)
        for cid in held:
            rows, labels, texts, rules_body = pages[cid]
            for name, predicted in (
                    ("rules", rules_body),
                    ("labels", "\n\n".join(t for t, label in zip(texts, labels) if label))):
                f1 = scorer.score_body(cases[cid], {"body": predicted})["f1"]
                scores[name].append(f1)
                per_fold[fold][name].append(f1)
    blocks = sum(len(p[1]) for p in pages.values())
    positives = sum(sum(p[1]) for p in pages.values())
    print(f"{len(pages)} body pages, {blocks} blocks ({positives} in the expected bodies), "
          f"{args.folds} publisher folds")
    print(f"{'body token F1':<14} {'all':>6} " + " ".join(f"{'fold ' + str(f):>7}" for f in range(args.folds)))
    for name in ("rules", "learned", "stacked", "labels"):
        cells = " ".join(f"{sum(per_fold[f][name]) / max(1, len(per_fold[f][name])):7.3f}"
                         for f in range(args.folds))
        print(f"{name:<14} {sum(scores[name]) / len(scores[name]):6.3f} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
