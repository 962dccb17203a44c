"""Search speed over a large archive: 100,000 stored versions (or a million), 50+ varied queries.

    python benchmarks/search.py [--versions 100000] [--db PATH] [--keep] [--exact]

Builds a records store (the real schema and migrations, the real FTS triggers) with synthetic
but realistic articles: English and Arabic paragraphs, headlines, bylines and captions of the
bundled demo site's generator, recombined into new articles over five sites and six years;
about 40% of articles have 2-4 versions (paragraphs added, as edits do). Then times
`archive.search.search()` — what `newsarchive search` and the reading room call, facets
included — for words common and rare, phrases, prefixes, Arabic, filters and deep pages, and
prints the median and p95 per kind and overall. Targets (issue 14, at 1,000,000 versions):
median under 50 ms, p95 under 300 ms. Searches are answered from their newest
`archive.search.RANK_WINDOW` matches, as `newsarchive search` does; --exact ranks and counts
every match (`search --exact`). `--versions 1000000` builds a ~10 GB store in ~20 minutes.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.search import RANK_WINDOW, search  # noqa: E402
from archive.store import SQLiteStore  # noqa: E402
from archive.store.content import content_hash  # noqa: E402
from newsarchive.demosite import DemoSite  # noqa: E402

SITES = ("www.alfassel.example", "news.example.org", "arabic.example.net", "daily.example.com",
         "wire.example.info")
START = datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=3)))


def pools(seed: int) -> dict[str, dict[str, list]]:
    """Texts of the demo site's generator, per language: the vocabulary of a real news site."""
    site = DemoSite(seed=seed, per_language=1500)
    out: dict[str, dict[str, list]] = {}
    for lang in ("en", "ar"):
        arts = site.articles(lang=lang)
        out[lang] = {
            "titles": [a.title for a in arts],
            "deks": [a.dek for a in arts],
            "paragraphs": [b.text for a in arts for b in a.blocks if b.kind == "p" and b.text],
            "headings": [b.text for a in arts for b in a.blocks if b.kind == "h" and b.text],
            "authors": sorted({name for a in arts for name in a.authors}),
            "sections": sorted({a.section_label for a in arts}),
            "captions": [(f.caption, f.credit) for a in arts for f in a.figures],
            "tags": sorted({t for a in arts for t in a.tags}),
        }
    return out


def make_fields(rng: random.Random, texts: dict[str, list], lang: str, number: int,
                site: str) -> dict:
    title = f"{rng.choice(texts['titles'])}"
    blocks = []
    for i in range(rng.randint(6, 14)):
        if i and i % 5 == 0 and texts["headings"]:
            blocks.append({"kind": "h", "text": rng.choice(texts["headings"])})
        blocks.append({"kind": "p", "text": rng.choice(texts["paragraphs"])})
    published = START + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
    url = f"https://{site}/{lang}/{published:%Y/%m/%d}/article-{number}"
    caption, credit = rng.choice(texts["captions"])
    return {
        "url": url, "canonical_url": url, "site": site, "language": lang,
        "section": rng.choice(texts["sections"]), "title": title,
        "dek": rng.choice(texts["deks"]),
        "authors": rng.sample(texts["authors"], rng.choice((0, 1, 1, 1, 2))),
        "published": published.isoformat(), "modified": None,
        "body": "\n\n".join(b["text"] for b in blocks), "body_blocks": blocks,
        "images": [{"src": f"https://{site}/media/{number}.jpg", "caption": caption,
                    "credit": credit}],
        "tags": rng.sample(texts["tags"], 2),
        "word_count": sum(len(b["text"].split()) for b in blocks),
    }


def build(path: Path, versions: int, seed: int) -> tuple[int, int]:
    """Fill a new store with `versions` versions; returns (articles, versions)."""
    rng = random.Random(seed)
    texts = pools(seed)
    store = SQLiteStore(path)
    conn = store.connection
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO runs (id, site, started_at, status) VALUES (1, 'bench', "
                 "'2026-01-01T00:00:00Z', 'ok')")
    columns = ("url", "canonical_url", "site", "language", "section", "title", "dek",
               "authors", "published", "modified", "body", "body_blocks", "images", "tags",
               "word_count")
    json_columns = {"authors", "body_blocks", "images", "tags"}
    article_rows, capture_rows, version_rows = [], [], []
    made = article_id = 0
    while made < versions:
        article_id += 1
        lang = "ar" if rng.random() < 0.45 else "en"
        fields = make_fields(rng, texts[lang], lang, article_id, rng.choice(SITES))
        count = min(versions - made, rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3, 4)))
        article_rows.append((article_id, fields["canonical_url"], fields["site"],
                             "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        for number in range(1, count + 1):
            made += 1
            if number > 1:  # an edit: one more paragraph
                extra = rng.choice(texts[lang]["paragraphs"])
                fields = dict(fields, body=fields["body"] + "\n\n" + extra,
                              body_blocks=[*fields["body_blocks"], {"kind": "p", "text": extra}])
            capture_rows.append((made, 1, fields["url"], "2026-01-01T00:00:00Z", 200,
                                 "bench.warc.gz", made * 1000, 1000, f"<urn:uuid:{made}>",
                                 "sha1:X", "article", article_id))
            values = [json.dumps(fields[c], ensure_ascii=False) if c in json_columns
                      else fields[c] for c in columns]
            version_rows.append((made, article_id, number, content_hash(fields), made, 1,
                                 "bench", "2026-01-01T00:00:00Z", *values))
    conn.executemany("INSERT INTO articles (id, canonical_url, site, first_seen, last_seen) "
                     "VALUES (?, ?, ?, ?, ?)", article_rows)
    conn.executemany("INSERT INTO captures (id, run_id, url, fetched_at, status, warc_file, "
                     "warc_offset, warc_length, record_id, payload_digest, page_kind, "
                     "article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     capture_rows)
    conn.executemany(
        "INSERT INTO versions (id, article_id, version_no, content_hash, capture_id, run_id, "
        "extractor_version, created_at, " + ", ".join(columns) + ") VALUES ("
        + ", ".join("?" * (8 + len(columns))) + ")", version_rows)
    # captures and versions point at each other: link them once both exist (capture n made
    # version n here)
    conn.execute("UPDATE captures SET version_id = id")
    # what store_article does last: point the article at its newest version (the FTS trigger
    # indexes it, as in a crawl)
    conn.execute("UPDATE articles SET current_version_id = "
                 "(SELECT MAX(id) FROM versions WHERE versions.article_id = articles.id)")
    conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    store.close()
    return article_id, made


def queries(texts: dict[str, dict[str, list]], rng: random.Random) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): 60 queries of the kinds researchers type."""
    out: list[tuple[str, str, dict]] = []
    en, ar = texts["en"], texts["ar"]
    for word in ("government", "security", "water", "minister", "hospital", "border",
                 "said", "the", "oil", "election"):
        out.append(("common word", word, {}))
    for word in ("Haditha", "Qamishli", "Mukalla", "Aqaba", "Zahle", "Erbil"):
        out.append(("rare word", word, {}))
    for _ in range(8):
        words = rng.choice(en["paragraphs"]).split()
        start = rng.randrange(max(1, len(words) - 4))
        out.append(("phrase", '"' + " ".join(words[start:start + 3]).strip('.,"') + '"', {}))
    for _ in range(6):
        words = [w for w in rng.choice(ar["paragraphs"]).split() if len(w) > 3]
        out.append(("arabic word", rng.choice(words).strip("،.\""), {}))
    for _ in range(4):
        words = rng.choice(ar["titles"]).split()
        out.append(("arabic phrase", '"' + " ".join(words[:2]) + '"', {}))
    for prefix in ("reconstr*", "smuggl*", "displac*", "parliam*"):
        out.append(("prefix", prefix, {}))
    for word, filters in (("security", {"language": "en"}),
                          ("water", {"section": "Economy"}),
                          ("border security", {"date_from": "2024-01", "date_to": "2024-06"}),
                          ("minister", {"site": SITES[1], "language": "en"}),
                          ("government", {"author": en["authors"][0]}),
                          ("", {"language": "ar", "date_from": "2025"}),
                          ("", {"section": "Politics"}),
                          ("بغداد", {"language": "ar"}),
                          ("hospital", {"date_from": "2021-03-01", "date_to": "2021-03-31"}),
                          ("oil exports", {"site": SITES[0]})):
        out.append(("filtered", word, filters))
    for word in ("the", "security", "water", "reconstruction"):
        out.append(("deep page", word, {"offset": 200}))
    out.append(("empty browse", "", {}))
    out.append(("punctuation only", "*** ((", {}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="store to build (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the built store")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    parser.add_argument("--exact", action="store_true",
                        help="rank and count every match (no window), as `search --exact`")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    path = args.db or folder / "records.sqlite3"
    if path.exists():
        print(f"using the existing store {path}")
    else:
        started = time.perf_counter()
        articles, versions = build(path, args.versions, args.seed)
        print(f"built {path}: {articles:,} articles, {versions:,} versions in "
              f"{time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    rng = random.Random(args.seed)
    texts = pools(args.seed)
    with SQLiteStore(path, readonly=True) as store:
        count = store.counts()
        timings: list[float] = []
        by_kind: dict[str, list[float]] = {}
        for kind, query, filters in queries(texts, rng):
            options = dict(filters)
            offset = options.pop("offset", 0)
            window = None if args.exact else RANK_WINDOW
            search(store, query, offset=offset, window=window, **options)  # warm the page cache
            best = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = search(store, query, offset=offset, window=window, **options)
                best.append((time.perf_counter() - started) * 1000)
            elapsed = statistics.median(best)
            timings.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            about = "~" if result.total_is_estimate else " "
            print(f"  {elapsed:7.1f} ms {about}{result.total:>7,} hits  {kind:<16} {query!r} "
                  f"{filters or ''}")
    p95 = percentile(timings, 0.95)
    print(f"\n{len(timings)} queries over {count['versions']:,} versions "
          f"({count['articles']:,} articles, current versions indexed; "
          f"{'every match ranked' if args.exact else f'ranked among the newest {RANK_WINDOW:,}'})")
    for kind, values in by_kind.items():
        print(f"  {kind:<16} p50 {statistics.median(values):6.1f} ms  p95 "
              f"{percentile(values, 0.95):6.1f} ms  max {max(values):6.1f} ms")
    median = statistics.median(timings)
    ok = median < 50 and p95 < 300
    print(f"median {median:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms "
          f"(targets: median < 50 ms, p95 < 300 ms) -> {'OK' if ok else 'SLOW'}")
    if not args.keep and args.db is None:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    return 0 if ok else 1


def percentile(values: list[float], share: float) -> float:
    """The value at `share` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
