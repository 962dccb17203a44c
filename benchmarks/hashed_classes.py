"""How extraction holds on pages whose class and id names say nothing.

    python benchmarks/hashed_classes.py [CASES_DIR] [--show N]

Many news sites are built with CSS-in-JS or CSS modules: their markup carries class names such
as "css-1x2y3z" or "sc-bdVaJa", never "caption", "byline" or "article-body". The dev pages
mostly name their boxes, so rules that read class names look better on them than on such
sites. This probe extracts every dev page twice, as published and with every class token and
id replaced by a made-up name (probe_pages.hash_class_names: tags, ARIA, microdata, data-*
attributes and scripts unchanged), scores both with the official scorer's functions and
prints each field side by side; --show N lists up to N pages per field that lose the most.
A probe of how far the rules rest on names, not a target to tune against.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402

from probe_pages import cases_folder, dev_pages, hash_class_names, probe_parser  # noqa: E402

SCORER = REPO.parent / "shared" / "eval" / "score_fields.py"
FIELDS = (("title_exact", "title"), ("authors_f1", "authors F1"), ("date_acc", "published day"),
          ("body_f1", "body token F1"), ("captions_recall", "captions recall"),
          ("captions_precision", "captions precision"))


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_fields", SCORER)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _prediction(html: bytes | str, url: str) -> dict[str, Any]:
    """extract() as the scorer reads it: captions with their credits, as the benchmark writes them."""
    try:
        a = extract(html, url)
    except ExtractionError:
        return {}
    return {"title": a.title, "authors": a.authors,
            "published": a.published.isoformat() if a.published else None, "body": a.body_text,
            "captions": [f"{i.caption} {i.credit}" if i.credit else i.caption
                         for i in a.images if i.caption]}


def main(argv: list[str] | None = None) -> int:
    parser = probe_parser(__doc__)
    parser.add_argument("--show", type=int, default=0, help="list up to N pages per field that lose")
    args = parser.parse_args(argv)
    cases = cases_folder(args, "hashed_classes")
    if cases is None:
        return 2
    if not SCORER.is_file():
        print(f"hashed_classes: the official scorer is not at {SCORER}", file=sys.stderr)
        return 2
    scorer = _scorer()
    expected = scorer.load_cases(cases)
    named: dict[str, dict[str, Any]] = {}
    hashed: dict[str, dict[str, Any]] = {}
    for name, _, html, url in dev_pages(cases):
        named[name] = _prediction(html, url)
        hashed[name] = _prediction(hash_class_names(html), url)
    as_published, per_named = scorer.aggregate(expected, named)
    without_names, per_hashed = scorer.aggregate(expected, hashed)
    print(f"{len(named)} pages; each field as published and with class and id names hashed")
    print(f"{'field':<20} {'as published':>12} {'names hashed':>12}")
    for key, label in FIELDS:
        a, b = as_published.get(key), without_names.get(key)
        if a is not None and b is not None:
            print(f"{label:<20} {a:>12.3f} {b:>12.3f}")
    if args.show:
        rows_named = {r["case_id"]: r for r in per_named}
        for field in ("authors", "body", "captions"):
            lost = []
            for row in per_hashed:
                before = rows_named.get(row["case_id"], {}).get(field)
                after = row.get(field)
                if not isinstance(before, dict) or not isinstance(after, dict):
                    continue
                key = "found" if field == "captions" else "f1"
                drop = (before.get(key) or 0) - (after.get(key) or 0)
                if drop > 0:
                    lost.append((drop, row["case_id"]))
            print(f"{field}: {len(lost)} pages lose")
            for drop, case in sorted(lost, reverse=True)[:args.show]:
                print(f"    {case}: -{drop:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
