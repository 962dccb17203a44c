"""Benchmark extract() on annotated pages: quality (official scorer) and speed.

    python benchmarks/extract.py [CASES_DIR] [--out DIR] [--scorer PATH] [--limit N]

CASES_DIR defaults to ../shared/testdata/articles relative to the repository. Each page is
passed to extract() as BYTES (the extractor decodes), timed with time.perf_counter in this one
process. Writes DIR/pred.jsonl (score_fields.py format), DIR/PRED.json + DIR/TRUTH.json
(score_body.py format), runs the official scorer when it is found and prints every field's
score and ms/page median, p95 and max.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import ExtractionError, extract  # noqa: E402
from crawler.extract.bench import predict  # noqa: E402

DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_fields.py"


def run(cases_dir: Path, out_dir: Path, *, limit: int = 0, warmup: int = 3) -> dict[str, Any]:
    """Extract every case; write predictions; return timing figures."""
    dirs = sorted(d for d in cases_dir.iterdir() if (d / "page.html").is_file())
    if limit:
        dirs = dirs[:limit]
    pages = []
    for d in dirs:
        exp = json.loads((d / "expected.json").read_text("utf-8"))
        pages.append((exp.get("case_id") or d.name, (d / "page.html").read_bytes(),
                      exp.get("url") or "", exp))
    for _, data, url, _ in pages[:warmup]:
        try:
            extract(data, url)
        except ExtractionError:
            pass
    out_dir.mkdir(parents=True, exist_ok=True)
    times: list[tuple[float, str]] = []
    errors: list[str] = []
    pred_body: dict[str, Any] = {}
    truth_body: dict[str, Any] = {}
    with open(out_dir / "pred.jsonl", "w", encoding="utf-8") as fh:
        for cid, data, url, exp in pages:
            rec: dict[str, Any] = {"case_id": cid}
            t0 = time.perf_counter()
            try:
                art = extract(data, url)
                ms = (time.perf_counter() - t0) * 1000
                rec.update(predict(art))
            except ExtractionError as exc:
                ms = (time.perf_counter() - t0) * 1000
                rec["error"] = f"{type(exc).__name__}: {exc}"
                errors.append(f"{cid}: {rec['error']}")
            except Exception as exc:  # noqa: BLE001 - reported: the contract says typed errors only
                ms = (time.perf_counter() - t0) * 1000
                rec["error"] = f"UNTYPED {type(exc).__name__}: {exc}"
                errors.append(f"{cid}: {rec['error']}")
            rec["elapsed_ms"] = ms
            times.append((ms, cid))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if exp.get("body") is not None:
                truth_body[cid] = {"articleBody": exp["body"]}
                pred_body[cid] = {"articleBody": rec.get("body") or ""}
    (out_dir / "PRED.json").write_text(json.dumps(pred_body, ensure_ascii=False), "utf-8")
    (out_dir / "TRUTH.json").write_text(json.dumps(truth_body, ensure_ascii=False), "utf-8")
    ms_sorted = sorted(t for t, _ in times)
    p95 = ms_sorted[min(len(ms_sorted) - 1, int(round(0.95 * (len(ms_sorted) - 1))))] if ms_sorted else 0.0
    slowest = max(times) if times else (0.0, "")
    return {
        "n": len(times),
        "ms_median": statistics.median(ms_sorted) if ms_sorted else 0.0,
        "ms_p95": p95,
        "ms_max": slowest[0],
        "slowest": slowest[1],
        "errors": errors,
    }


FLOORS = REPO / "tests" / "quality_floors.json"
# scorer keys gated by tests/test_extract_quality.py
GATED = ("title_exact", "authors_f1", "date_acc", "body_f1", "body_shingle_f1",
         "captions_recall", "captions_precision")
PIN_SLACK = 0.005  # floors sit a hair below today's score


def pin_floors(scores: dict[str, Any]) -> None:
    """Raise the pinned floors to today's scores minus a hair; never lower one. The previous
    floors are kept in "history" so a lowering by hand shows up in review and in the test."""
    import math

    data = json.loads(FLOORS.read_text("utf-8")) if FLOORS.is_file() else {"floors": {}, "history": []}
    old = data.get("floors", {})
    new = dict(old)
    for key in GATED:
        value = scores.get(key)
        if isinstance(value, (int, float)):
            candidate = math.floor((value - PIN_SLACK) * 1000) / 1000
            new[key] = max(candidate, old.get(key, 0.0))
    if new != old:
        if old:
            data.setdefault("history", []).append(old)
        data["floors"] = new
        FLOORS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"floors: {json.dumps(new, sort_keys=True)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--out", default="/tmp/newsarchive-bench")
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--pin", action="store_true",
                    help="raise tests/quality_floors.json to today's scores (never lowers a floor)")
    a = ap.parse_args(argv)
    cases, out = Path(a.cases), Path(a.out)
    if not cases.is_dir():
        print(f"no test cases at {cases}", file=sys.stderr)
        return 2
    timing = run(cases, out, limit=a.limit)
    scorer = Path(a.scorer)
    if scorer.is_file():
        subprocess.run([sys.executable, str(scorer), str(cases), str(out / "pred.jsonl"),
                        "--by-source", "--json", str(out / "scores.json"),
                        "--per-case", str(out / "per-case.jsonl")], check=False)
    else:
        print(f"(official scorer not found at {scorer}; predictions in {out})")
    if a.pin and (out / "scores.json").is_file():
        pin_floors(json.loads((out / "scores.json").read_text("utf-8"))["all"])
    print(f"speed: {timing['n']} pages, ms/page median={timing['ms_median']:.2f} "
          f"p95={timing['ms_p95']:.2f} max={timing['ms_max']:.2f} ({timing['slowest']})")
    for err in timing["errors"]:
        print(f"error: {err}")
    return 1 if any("UNTYPED" in e for e in timing["errors"]) else 0


if __name__ == "__main__":
    sys.exit(main())
