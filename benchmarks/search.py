"""Search speed over a large archive: 100,000 stored versions (or a million), 60 varied queries,
story lookups, and what story clustering costs at ingest.

    python benchmarks/search.py [--versions 100000] [--db PATH] [--keep] [--exact]
                                [--no-stories] [--ingest 1000]

Builds a records store (the real schema and migrations, the real FTS triggers) of synthetic
but realistic articles (`Corpus`): English and Arabic (45%) text drawn from a Zipf vocabulary
of 50,000 words per language (the demo site's words by their frequency, then made-up ones;
names at rare ranks), so every body is its own text and word frequencies are skewed as in
news; the demo site's authors, sections, captions and tags; five sites over six years; about
40% of articles have 2-4 versions (a paragraph added, as edits do); and 20% of articles are
wire copies of an archived one on another site (a new intro, a dateline, the site's
boilerplate after it, the last paragraph cut in half of them). It clusters the store as an
upgrade does (`reindex_stories`) and says how many wire copies landed in their source's story.

Then times `archive.search.search()` — what `newsarchive search` and the reading room call,
facets included — for words common and rare, phrases and Arabic words taken from archived
bodies, prefixes, filters and deep pages, and prints the median and p95 per kind and overall.
Targets (issue 14, at 1,000,000 versions): median under 50 ms, p95 under 300 ms. Searches are
answered from their newest `archive.search.RANK_WINDOW` matches, as `newsarchive search` does;
--exact ranks and counts every match (`search --exact`). Story lookups (`Store.story`, what
`show` and the reading room ask) and `--by-story` searches are timed apart. Last, --ingest
new articles (wire copies among them) go through `store_article` in batches of 16 as a
crawl stores them, batches with clustering and without taking turns, and it prints what
clustering adds per article (goal: at most 1 ms). `--versions 1000000` builds a ~10 GB store
in about half an hour, and clusters it in about as long again.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

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


# Word types per language and the exponent of their Zipf distribution (word n is used about
# 1/n as often as the most common one), as in real news text: a few hundred words make half
# of every text, and most words are rare.
VOCABULARY = 50_000
ZIPF_EXPONENT = 1.0
# Share of articles that are wire copies of an archived one on another site (issue 14 item 3)
SYNDICATED = 0.2
DATELINES = {"en": "BEIRUT (AFP) - ", "ar": "بيروت (أ ف ب) - "}
_SYLLABLES = {"en": ("ka", "ter", "mo", "ran", "li", "son", "pa", "del", "vi", "nor", "tu",
                     "gen", "ha", "bri", "col", "zar", "me", "lo", "ste", "quin"),
              "ar": ("كا", "تر", "مو", "رن", "لي", "سن", "با", "دل", "في", "نو", "تو", "جن",
                     "ها", "بر", "كو", "زا", "مي", "لو", "ست", "قي")}


def vocabulary(paragraphs: list[str], lang: str, rng: random.Random) -> list[str]:
    """VOCABULARY words, most common first: the demo site's words by their frequency there,
    then made-up words (Arabic ones sometimes with the article, so stemming has work).
    Names (capitalised words) are moved to random ranks past the 300th: searched for, they
    are the rare words researchers look up, not the common ones."""
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for word in paragraph.split():
            word = word.strip('.,:;"()«»،؛')
            if word:
                counts[word] = counts.get(word, 0) + 1
    lower = {word for word in counts if word == word.lower()}
    names = sorted(word for word in counts if word != word.lower() and word.lower() not in lower)
    common = sorted((word for word in counts if word not in names and word.lower() == word),
                    key=lambda word: -counts[word])
    words = list(common)
    seen = set(counts)
    syllables = _SYLLABLES[lang]
    while len(words) < VOCABULARY - len(names):
        made = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if lang == "ar" and rng.random() < 0.3:
            made = "ال" + made
        if made not in seen:
            seen.add(made)
            words.append(made)
    for name in names:
        words.insert(rng.randrange(300, len(words)), name)
    return words


class Corpus:
    """Synthetic articles of a realistic archive: English and Arabic text drawn from a Zipf
    vocabulary (every body its own text), the demo site's titles' authors, sections, captions
    and tags, and SYNDICATED of the articles wire copies of an archived article from another
    site (a new intro, a dateline, the site's boilerplate after it, the last paragraph cut
    in half of them), as wire stories are republished. `copy_of` maps each copy's article
    number to its source's."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.texts = pools(seed)
        self.words = {lang: vocabulary(self.texts[lang]["paragraphs"], lang,
                                       random.Random(seed + n))
                      for n, lang in enumerate(("en", "ar"))}
        weights = [1 / rank ** ZIPF_EXPONENT for rank in range(1, VOCABULARY + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.boilerplate = {(site, lang): self.paragraph(lang, sentences=3)
                            for site in SITES for lang in ("en", "ar")}
        self.wire: dict[str, list[tuple[int, dict]]] = {"en": [], "ar": []}
        self.copy_of: dict[int, int] = {}
        self.articles = self.versions = 0   # what build() made

    def save(self, path: Path) -> None:
        """Beside a kept store: what Corpus.reopened needs to time it again."""
        Path(f"{path}.corpus.json").write_text(json.dumps(
            {"articles": self.articles, "versions": self.versions,
             "copy_of": sorted(self.copy_of.items())}))

    @classmethod
    def reopened(cls, path: Path, seed: int) -> "Corpus":
        """The corpus of a kept store: its wire copies (saved beside it, none when not),
        and wire sources for new copies drawn from its archived articles."""
        corpus = cls(seed)
        saved = Path(f"{path}.corpus.json")
        if saved.exists():
            facts = json.loads(saved.read_text())
            corpus.copy_of = {int(copy): int(source) for copy, source in facts["copy_of"]}
        with SQLiteStore(path, readonly=True) as store:
            conn = store.connection
            corpus.articles = conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
            corpus.versions = conn.execute("SELECT MAX(id) FROM versions").fetchone()[0]
            for lang in ("en", "ar"):
                picked = [corpus.rng.randint(1, corpus.articles) for _ in range(10_000)]
                rows = conn.execute(
                    "SELECT a.id, v.site, v.language, v.title, v.published, v.body, "
                    "v.body_blocks, v.images FROM articles a JOIN versions v "
                    "ON v.id = a.current_version_id WHERE v.language = ? AND a.id IN "
                    f"({', '.join('?' * len(picked))})", [lang, *picked]).fetchall()
                corpus.wire[lang] = [(row[0], {
                    "site": row[1], "language": row[2], "title": row[3], "published": row[4],
                    "body": row[5], "body_blocks": json.loads(row[6]),
                    "images": json.loads(row[7])}) for row in rows]
        return corpus

    def sentence(self, lang: str, low: int = 8, high: int = 28) -> str:
        words = self.rng.choices(self.words[lang], cum_weights=self.cumulative,
                                 k=self.rng.randint(low, high))
        if lang == "en":
            words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words)

    def paragraph(self, lang: str, sentences: int | None = None) -> str:
        count = sentences or self.rng.randint(2, 4)
        return " ".join(self.sentence(lang) + "." for _ in range(count))

    def article(self, number: int) -> dict:
        """Fields of article `number`: a wire copy (SYNDICATED of them) or a new text."""
        rng = self.rng
        lang = "ar" if rng.random() < 0.45 else "en"
        ring = self.wire[lang]
        if ring and rng.random() < SYNDICATED:
            source_number, source = rng.choice(ring)
            self.copy_of[number] = source_number
            return self.wire_copy(number, source)
        texts = self.texts[lang]
        blocks = []
        for i in range(rng.randint(6, 14)):
            if i and i % 5 == 0:
                blocks.append({"kind": "h", "text": self.sentence(lang, 3, 7)})
            blocks.append({"kind": "p", "text": self.paragraph(lang)})
        published = START + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
        caption, credit = rng.choice(texts["captions"])
        fields = self.fields(number, rng.choice(SITES), lang, published, blocks,
                             title=self.sentence(lang, 6, 12), caption=caption, credit=credit)
        if len(ring) < 5000:
            ring.append((number, fields))
        else:
            ring[rng.randrange(len(ring))] = (number, fields)
        return fields

    def wire_copy(self, number: int, source: dict) -> dict:
        rng, lang = self.rng, source["language"]
        site = rng.choice([site for site in SITES if site != source["site"]])
        blocks = [dict(block) for block in source["body_blocks"]]
        blocks[0] = {"kind": "p", "text": self.paragraph(lang, sentences=1)}
        if len(blocks) > 1:
            blocks[1]["text"] = DATELINES[lang] + blocks[1]["text"]
        if rng.random() < 0.5 and len(blocks) > 3:
            blocks.pop()
        blocks.append({"kind": "p", "text": self.boilerplate[(site, lang)]})
        published = datetime.fromisoformat(source["published"]) + timedelta(
            minutes=rng.randint(10, 600))
        title = source["title"] if rng.random() < 0.5 else self.sentence(lang, 6, 12)
        image = source["images"][0]
        return self.fields(number, site, lang, published, blocks, title=title,
                           caption=image["caption"], credit=image["credit"])

    def fields(self, number: int, site: str, lang: str, published: datetime,
               blocks: list[dict], *, title: str, caption: str, credit: str) -> dict:
        rng, texts = self.rng, self.texts[lang]
        url = f"https://{site}/{lang}/{published:%Y/%m/%d}/article-{number}"
        return {
            "url": url, "canonical_url": url, "site": site, "language": lang,
            "section": rng.choice(texts["sections"]), "title": title,
            "dek": self.sentence(lang),
            "authors": rng.sample(texts["authors"], rng.choice((0, 1, 1, 1, 2))),
            "published": published.isoformat(), "modified": None,
            "body": "\n\n".join(b["text"] for b in blocks), "body_blocks": blocks,
            "images": [{"src": f"https://{site}/media/{number}.jpg", "caption": caption,
                        "credit": credit}],
            "tags": rng.sample(texts["tags"], 2),
            "word_count": sum(len(b["text"].split()) for b in blocks),
        }

    def edit(self, fields: dict) -> dict:
        """The next version of an article: one more paragraph, as edits add."""
        extra = self.paragraph(fields["language"])
        return dict(fields, body=fields["body"] + "\n\n" + extra,
                    body_blocks=[*fields["body_blocks"], {"kind": "p", "text": extra}])


def build(path: Path, versions: int, seed: int, *, stories: bool = True) -> Corpus:
    """Fill a new store with `versions` versions (about 40% of articles have 2-4) and, with
    `stories`, cluster them as an upgrade does (`reindex_stories`); returns the corpus, which
    knows the wire copies."""
    rng = random.Random(seed)
    corpus = Corpus(seed)
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
    progress = time.perf_counter()
    while made < versions:
        article_id += 1
        fields = corpus.article(article_id)
        count = min(versions - made, rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3, 4)))
        article_rows.append((article_id, fields["canonical_url"], fields["site"],
                             "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        for number in range(1, count + 1):
            made += 1
            if number > 1:
                fields = corpus.edit(fields)
            capture_rows.append((made, 1, fields["url"], "2026-01-01T00:00:00Z", 200,
                                 "bench.warc.gz", made * 1000, 1000, f"<urn:uuid:{made}>",
                                 "sha1:X", "article", article_id))
            values = [json.dumps(fields[c], ensure_ascii=False) if c in json_columns
                      else fields[c] for c in columns]
            version_rows.append((made, article_id, number, content_hash(fields), made, 1,
                                 "bench", "2026-01-01T00:00:00Z", *values))
        if len(version_rows) >= 20_000 or made == versions:
            # a transaction per 20,000 versions, as an archive grows: its write-ahead log is
            # checkpointed as it goes, not one log as large as the archive
            _insert(conn, columns, article_rows, capture_rows, version_rows)
            conn.execute("COMMIT")
            conn.execute("BEGIN IMMEDIATE")
            article_rows, capture_rows, version_rows = [], [], []
            if time.perf_counter() - progress > 30:
                progress = time.perf_counter()
                print(f"  ... {made:,} versions", flush=True)
    conn.execute("COMMIT")
    if stories:
        started = time.perf_counter()
        store.reindex_stories()
        took = time.perf_counter() - started
        print(f"clustered {made:,} versions in {took:.0f} s ({took / made * 1000:.2f} ms "
              f"per version, reindex_stories)")
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    corpus.articles, corpus.versions = article_id, made
    return corpus


def _insert(conn: Any, columns: tuple[str, ...], article_rows: list, capture_rows: list,
            version_rows: list) -> None:
    """One chunk of articles with their captures and versions (capture n made version n)."""
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
    first, last = version_rows[0][0], version_rows[-1][0]
    # captures and versions point at each other: link them once both exist
    conn.execute("UPDATE captures SET version_id = id WHERE id BETWEEN ? AND ?", (first, last))
    # what store_article does last: point the article at its newest version (the FTS trigger
    # indexes it, as in a crawl)
    conn.execute("UPDATE articles SET current_version_id = (SELECT MAX(id) FROM versions "
                 "WHERE versions.article_id = articles.id) WHERE id BETWEEN ? AND ?",
                 (article_rows[0][0], article_rows[-1][0]))


def samples(store: SQLiteStore, rng: random.Random, count: int = 40) -> dict[str, list[str]]:
    """Bodies and titles of archived versions picked at random, per language: where phrase
    and Arabic queries come from (a phrase of the archive, not of the generator)."""
    top = store.connection.execute("SELECT MAX(id) FROM versions").fetchone()[0]
    out: dict[str, list[str]] = {}
    for lang in ("en", "ar"):
        ids = [rng.randint(1, top) for _ in range(count * 4)]
        rows = store.connection.execute(
            f"SELECT body, title FROM versions WHERE language = ? AND id IN "
            f"({', '.join('?' * len(ids))}) LIMIT {count}", [lang, *ids]).fetchall()
        out[lang] = [row[0] for row in rows]
        out[lang + " titles"] = [row[1] for row in rows]
    return out


def queries(texts: dict[str, dict[str, list]], archived: dict[str, list[str]],
            rng: random.Random) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): 60 queries of the kinds researchers type."""
    out: list[tuple[str, str, dict]] = []
    en = texts["en"]
    for word in ("government", "security", "water", "minister", "hospital", "border",
                 "said", "the", "oil", "election"):
        out.append(("common word", word, {}))
    for word in ("Haditha", "Qamishli", "Mukalla", "Aqaba", "Zahle", "Erbil"):
        out.append(("rare word", word, {}))
    for _ in range(8):
        words = rng.choice(archived["en"]).split()
        start = rng.randrange(max(1, len(words) - 4))
        out.append(("phrase", '"' + " ".join(words[start:start + 3]).strip('.,"') + '"', {}))
    for _ in range(6):
        words = [w for w in rng.choice(archived["ar"]).split() if len(w) > 3]
        out.append(("arabic word", rng.choice(words).strip("،.\""), {}))
    for _ in range(4):
        words = rng.choice(archived["ar titles"]).split()
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
    parser.add_argument("--no-stories", action="store_true",
                        help="do not cluster the built store (no story lookups, no ingest)")
    parser.add_argument("--ingest", type=int, default=1000, metavar="N",
                        help="articles stored through store_article after the queries, half "
                             "with clustering and half without (default 1000; 0: none)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    path = args.db or folder / "records.sqlite3"
    if path.exists():
        print(f"using the existing store {path}")
        corpus = Corpus.reopened(path, args.seed)
    else:
        started = time.perf_counter()
        corpus = build(path, args.versions, args.seed, stories=not args.no_stories)
        if args.keep or args.db:
            corpus.save(path)
        print(f"built {path}: {corpus.articles:,} articles ({len(corpus.copy_of):,} wire "
              f"copies), {corpus.versions:,} versions in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
    rng = random.Random(args.seed)
    texts = pools(args.seed)
    with SQLiteStore(path, readonly=True) as store:
        count = store.counts()
        by_kind: dict[str, list[float]] = {}

        def timed(kind: str, label: str, call: Any) -> Any:
            call()   # warm the page cache
            runs = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                result = call()
                runs.append((time.perf_counter() - started) * 1000)
            by_kind.setdefault(kind, []).append(statistics.median(runs))
            print(f"  {by_kind[kind][-1]:7.2f} ms {label}")
            return result

        window = None if args.exact else RANK_WINDOW
        for kind, query, filters in queries(texts, samples(store, rng), rng):
            options = dict(filters)
            offset = options.pop("offset", 0)
            result = timed(kind, f"{kind:<16} {query!r} {filters or ''}",
                           lambda: search(store, query, offset=offset, window=window, **options))
            print(f"{'':12}{'~' if result.total_is_estimate else ' '}{result.total:,} hits")
        timings = [value for values in by_kind.values() for value in values]
        if corpus.copy_of and not args.no_stories:
            story_lookups(store, corpus, rng, timed, window)
    p95 = percentile(timings, 0.95)
    print(f"\n{len(timings)} queries over {count['versions']:,} versions "
          f"({count['articles']:,} articles, current versions indexed; "
          f"{'every match ranked' if args.exact else f'ranked among the newest {RANK_WINDOW:,}'})")
    for kind, values in by_kind.items():
        print(f"  {kind:<16} p50 {statistics.median(values):6.2f} ms  p95 "
              f"{percentile(values, 0.95):6.2f} ms  max {max(values):6.2f} ms")
    median = statistics.median(timings)
    ok = median < 50 and p95 < 300
    print(f"searches: median {median:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms "
          f"(targets: median < 50 ms, p95 < 300 ms) -> {'OK' if ok else 'SLOW'}")
    if args.ingest and not args.no_stories:
        ingest(path, corpus, args.ingest)
        if args.keep or args.db:
            corpus.save(path)   # the new articles' wire copies too, for the next run
    if not args.keep and args.db is None:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    return 0 if ok else 1


def story_lookups(store: SQLiteStore, corpus: Corpus, rng: random.Random, timed: Any,
                  window: int | None) -> None:
    """What `show` and `search --by-story` ask of stories, timed; and how well the store's
    clustering found the wire copies the corpus made (a copy in its source's story) without
    merging distinct texts (an original article founding its own story)."""
    conn = store.connection
    copies = rng.sample(sorted(corpus.copy_of), min(20, len(corpus.copy_of)))
    sources = set(corpus.copy_of.values())
    originals = rng.sample([n for n in range(1, corpus.articles + 1) if n not in corpus.copy_of
                            and n not in sources], 10)
    for number in copies + originals:
        kind = "story (copy)" if number in corpus.copy_of else "story (single)"
        story = timed(kind, f"{kind:<16} store.story({number})", lambda: store.story(number))
        print(f"{'':13}{len(story['members']) if story else 0} members")
    for query, filters in (("security", {}), ("Haditha", {}), ("minister", {"language": "en"}),
                           ("بغداد", {}), ("", {"section": "Politics"})):
        result = timed("by story", f"{'by story':<16} {query!r} {filters or ''}",
                       lambda: search(store, query, window=window, by_story=True, **filters))
        print(f"{'':12}{'~' if result.total_is_estimate else ' '}{result.total:,} stories")

    def story_of(article: int) -> int | None:
        row = conn.execute("SELECT v.story_id FROM articles a JOIN versions v "
                           "ON v.id = a.current_version_id WHERE a.id = ?", (article,)).fetchone()
        return row[0]

    joined = sum(story_of(copy) == story_of(source) for copy, source in corpus.copy_of.items())
    # first versions in a story another article founded: wire copies, or distinct texts merged
    joiners = {row[0] for row in conn.execute(
        "SELECT v.article_id FROM versions v JOIN versions f ON f.id = v.story_id "
        "WHERE v.version_no = 1 AND f.article_id != v.article_id")}
    merged = len(joiners - set(corpus.copy_of))
    print(f"  clustering: {joined:,} of {len(corpus.copy_of):,} wire copies "
          f"({joined / len(corpus.copy_of):.1%}) in their source's story ({len(sources):,} "
          f"sources); {merged:,} of "
          f"{corpus.articles - len(corpus.copy_of):,} distinct texts merged into another's")


BATCH = 16   # crawler.settings NEWS_EXTRACT_BATCH: pages a crawl's page worker stores at once


def ingest(path: Path, corpus: Corpus, count: int) -> None:
    """What clustering adds at ingest, at this archive's size: `count` new articles (wire
    copies among them, as many as in the archive) prepared and stored (prepare_article,
    store_article) in batches as a crawl's page worker stores them, batches with clustering and without taking turns
    (a busy moment of the shared machine hits both). CPU time is the steadier figure."""
    from archive import stories
    from archive.records import Capture, WarcRef

    stories.signature(corpus.paragraph("en", sentences=20))   # datasketch's import, not timed
    per_article: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    with SQLiteStore(path) as store:
        clustered = store._stories   # what the store decided at open from the schema
        run_id = store.begin_run("bench", started_at="2026-12-01T00:00:00Z", settings={})
        number = corpus.articles
        for turn in range(0, count, BATCH):
            with_stories = (turn // BATCH) % 2 == 0
            store._stories = clustered and with_stories
            batch = []
            for _ in range(min(BATCH, count - turn)):
                number += 1
                fields = corpus.article(number)
                capture = store.add_capture(Capture(
                    run_id=run_id, url=fields["url"], fetched_at="2026-12-01T00:00:00Z",
                    status=200, warc=WarcRef("bench.warc.gz", number * 1000, 1000,
                                             f"<urn:uuid:new-{number}>"),
                    payload_digest="sha1:X"))
                batch.append((capture, fields))
            started, started_cpu = time.perf_counter(), time.process_time()
            # each page prepared (content hash, signature) before its batch's transaction
            prepared = [store.prepare_article(fields) for _, fields in batch]
            with store.batch():
                for (capture, fields), ready in zip(batch, prepared):
                    store.store_article(capture, fields, run_id=run_id, extractor_version="bench",
                                        prepared=ready)
            per_article[with_stories].append((time.perf_counter() - started) * 1000 / len(batch))
            cpu[with_stories].append((time.process_time() - started_cpu) * 1000 / len(batch))
    wall = {on: statistics.median(times) for on, times in per_article.items()}
    cpus = {on: statistics.median(times) for on, times in cpu.items()}
    for on, label in ((False, "without clustering"), (True, "with clustering")):
        print(f"ingest {label}: {wall[on]:.2f} ms per article (CPU {cpus[on]:.2f} ms), "
              f"{1000 / wall[on]:.0f} articles/s")
    print(f"clustering adds {wall[True] - wall[False]:.2f} ms per article (CPU "
          f"{cpus[True] - cpus[False]:.2f} ms) at {corpus.versions:,} versions (goal: <= 1 ms)")


def percentile(values: list[float], share: float) -> float:
    """The value at `share` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
