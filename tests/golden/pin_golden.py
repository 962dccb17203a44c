"""(Re)build the golden set: copy the chosen cases from the shared test data and pin what the
extractor gets right today as per-page floors (expectations.json).

    python tests/golden/pin_golden.py [--cases ../shared/testdata/articles] [--copy]

Floors only go up: an existing expectation is never lowered by this script (a lower value
needs a hand edit, visible in review). Review the diff of expectations.json before committing.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE.parent))

from crawler.extract import extract  # noqa: E402
from golden_metrics import author_f1, body_f1, caption_recall, same_day, title_ok  # noqa: E402

CASES = [
    "fundus-at-ORF-20241122", "fundus-de-NetzpolitikOrg-20240428", "fundus-de-WDR-20240422",
    "fundus-de-Stern-20241105", "fundus-de-MDR-20260708", "fundus-lu-Tageblatt-20260113",
    "fundus-it-Tageszeitung-20250416", "fundus-es-LaVanguardia-20260711", "fundus-fr-LeMonde-20230901",
    "fundus-jp-TokyoShimbun-20250113", "fundus-kr-HankookIlbo-20260712", "fundus-no-VerdensGang-20240805",
    "fundus-lt-LRT-20240331", "fundus-tr-AnadoluAjansi-20250405", "fundus-ua-Pravda-20260108",
    "fundus-se-Expressen-20251023", "fundus-tw-TaipeiTimes-20241015", "fundus-us-RestOfWorld-20251021",
    "fundus-us-FoxNews-20230428", "fundus-us-TheIntercept-20240228", "fundus-za-TheCitizen-20251128",
    "fundus-na-TheNamibian-20240220", "fundus-uk-Nature-20260207", "readability-001",
    "readability-heise", "readability-herald-sun-1", "readability-medium-2", "readability-tumblr",
    "readability-la-nacion", "readability-dropbox-blog",
]
SLACK = 0.02  # body floors sit this far below today's score: room for harmless trade-offs


def _down(x: float) -> float:
    """Round a floor down (never above the value it was measured from)."""
    return math.floor(max(0.0, x) * 1000) / 1000


def pin(cases_dir: Path, copy: bool) -> None:
    exp_file = HERE / "expectations.json"
    old = json.loads(exp_file.read_text("utf-8")) if exp_file.is_file() else {}
    out: dict[str, dict] = {}
    for cid in CASES:
        dst = HERE / cid
        if copy:
            dst.mkdir(exist_ok=True)
            for name in ("page.html", "expected.json"):
                shutil.copyfile(cases_dir / cid / name, dst / name)
        exp = json.loads((dst / "expected.json").read_text("utf-8"))
        art = extract((dst / "page.html").read_bytes(), exp.get("url") or "")
        pins: dict[str, object] = {}
        if exp.get("title") and title_ok(exp, art.title):
            pins["title_exact"] = True
        if exp.get("authors"):
            pins["authors_f1_min"] = _down(author_f1(exp["authors"], art.authors))
        if exp.get("published") and same_day(exp["published"], art.published):
            pins["published_day"] = True
        if exp.get("body"):
            pins["body_f1_min"] = _down(body_f1(exp["body"], art.body_text) - SLACK)
        if exp.get("captions"):
            pins["captions_recall_min"] = _down(caption_recall(exp, art.images))
        prev = old.get(cid, {})
        for key, value in prev.items():  # never lower a floor here
            if isinstance(value, bool):
                pins[key] = pins.get(key, False) or value
            elif isinstance(value, (int, float)):
                pins[key] = max(float(pins.get(key, 0.0)), float(value))
        out[cid] = dict(sorted(pins.items()))
    exp_file.write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    print(f"pinned {len(out)} golden pages in {exp_file}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", default=str(REPO.parent / "shared" / "testdata" / "articles"))
    ap.add_argument("--copy", action="store_true", help="(re)copy page.html/expected.json from --cases")
    a = ap.parse_args()
    pin(Path(a.cases), a.copy)


if __name__ == "__main__":
    main()
