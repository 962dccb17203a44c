"""Story signatures as ingest computes them (archive/stories.py): the same values as
datasketch's MinHash fed the documented shingle hashes, on real bodies; datasketch's MinHash
loaded without the rest of its package (scipy); a body folded and split once for its
signature and its search stems (archive/stemming.analyse); both computed by
Store.prepare_article before a batch's write transaction, never inside it.
docs/PERFORMANCE.md has the measurements."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from archive import stemming, stories
from archive.store import SQLiteStore, Store
from archive.store.base import prepare_fields
from archive.store.content import content_hash
from tests.test_stories import body_fields, same_topic, site_a_copy, site_b_copy
from tests.test_stories import store  # noqa: F401 -- the fixture, over both backends
from tests.test_store import add_capture, new_run

REPO = Path(__file__).resolve().parent.parent
CASES = REPO.parent / "shared" / "testdata" / "articles"
# the multipliers of archive.stories._MIX, written out: a shingle's hash is documented here
MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


def real_bodies() -> list[str]:
    bodies = [json.loads(path.read_text(encoding="utf-8")).get("body") or ""
              for path in sorted(CASES.glob("*/expected.json"))]
    if not bodies:
        pytest.skip(f"shared test data not found ({CASES})")
    return [body for body in bodies if body]


def reference_signature(text: str) -> bytes | None:
    """The signature by its definition, one shingle at a time: words folded and found as
    search finds them, crc32 per word, a shingle's hash = ((h ^ w1) * m1 ^ w2) * m2 ... mod
    2^32, datasketch's MinHash (package imported in full) over the distinct hashes."""
    from datasketch import MinHash

    words = stemming.WORD.findall(stemming.fold_text(text))
    hashes = set()
    for start in range(len(words) - stories.SHINGLE_WORDS + 1):
        value = 0
        for word, mix in zip(words[start:start + stories.SHINGLE_WORDS], MIX):
            value = ((value ^ zlib.crc32(word.encode("utf-8"))) * mix) % 2**32
        hashes.add(value)
    if len(hashes) < stories.MIN_SHINGLES:
        return None
    sketch = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED, scheme=stories.SCHEME,
                     hashfunc=lambda value: value)
    sketch.update_batch(sorted(hashes))
    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def test_signatures_of_real_bodies_are_datasketchs_minhash() -> None:
    bodies = real_bodies()
    signed = 0
    for body in bodies:
        sig = stories.signature(body)
        expected = reference_signature(body)
        assert (stories.to_bytes(sig) if sig else None) == expected, body[:80]
        signed += sig is not None
    assert signed > 100   # real bodies, not stubs


def test_signature_values_are_datasketchs_on_any_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """signature_of computes datasketch's affine32 MinHash in numpy: the same values for
    shingle hashes of every size, the extremes of uint32 included."""
    from datasketch import MinHash

    rng = np.random.default_rng(16)
    for size in (stories.MIN_SHINGLES, 27, 100, 1000, 5000):
        hashes = np.unique(rng.integers(0, 2**32, size=size, dtype=np.uint64)).astype(np.uint32)
        hashes[0], hashes[-1] = 0, 2**32 - 1
        sketch = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED, scheme=stories.SCHEME,
                         hashfunc=lambda value: value)
        sketch.update_batch(hashes.tolist())
        monkeypatch.setattr(stories, "shingle_hashes_of", lambda words, hashes=hashes: hashes)
        sig = stories.signature_of(["any"] * 10)
        assert sig is not None and sig.values.dtype == np.uint32
        assert sig.values.tobytes() == np.asarray(sketch.hashvalues, dtype=np.uint32).tobytes()


def test_shingle_hashes_are_distinct_and_sorted() -> None:
    text = " ".join(["a b c d e f"] * 20 + [f"w{i}" for i in range(40)])
    hashes = stories.shingle_hashes(text)
    assert hashes.dtype == np.uint32
    assert list(hashes) == sorted(set(hashes.tolist()))
    assert len(stories.shingle_hashes("too few words here")) == 0


def test_storing_articles_does_not_import_scipy() -> None:
    """datasketch's package __init__ imports its LSH indexes and scipy (~55 MB, 0.4 s) into
    every process that stores articles; the MinHash module alone needs numpy, and only once a
    signature is computed. A later `import datasketch` still gets the whole package, with the
    same MinHash class."""
    code = (
        "import sys, json\n"
        "from archive import stories\n"
        "import archive.store, crawler.pipelines.pages, crawler.pipelines.extract\n"
        "numpy_before = 'numpy' in sys.modules\n"
        "sig = stories.signature(' '.join(f'w{i}' for i in range(60)))\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'datasketch'))\n"
        "import datasketch\n"
        "from datasketch import MinHashLSH\n"
        "print(json.dumps([loaded, datasketch.MinHash is stories._minhash()[0],"
        " sig is not None, numpy_before]))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    loaded, same_class, signed, numpy_before = json.loads(out.stdout)
    assert loaded == ["datasketch.hashfunc", "datasketch.minhash"]
    assert same_class and signed
    # the crawl process imports the store but signs nothing (its page worker does): no numpy
    assert not numpy_before


# --- one fold for the signature and the stems ---------------------------------------------------
# texts where the signature's words (WORD) and the search stems' words split differently
SPLIT_CASES = [
    ("Floods in Basra: families_fled, __init__ and snake_case words " * 8, "en"),
    ("नई दिल्ली में बारिश से सड़कें डूबीं। ा शहर के कई इलाकों में पानी भर गया " * 6, "hi"),
    ("Cafe\u034fs and caf\u00e9s, co\u00adoperation, Stra\u00dfe, \uFB01ne print " * 8, "de"),
    ("وقالت الحكومة إنّ الأمطار الغزيرة أغرقت الشوارع في البصرة ـــ يوم الأحد " * 8, "ar"),
    (site_a_copy(), "en"),
]


def test_ascii_text_splits_into_the_words_of_the_regular_expression() -> None:
    """ASCII text is split by str.translate and str.split (stemming._folded_words_of), which
    must find _FOLDED_WORD's words: every ASCII character, alone and between words."""
    import random

    rng = random.Random(16)
    alphabet = [chr(code) for code in range(128)]
    texts = [f"ab{char}cd {char} {char}{char}x" for char in alphabet]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
              for _ in range(2000)]
    for text in texts:
        assert stemming._folded_words_of(text) == stemming._FOLDED_WORD.findall(text), text


def test_text_with_a_few_non_ascii_characters_splits_into_the_same_words() -> None:
    """Text whose non-ASCII characters are separators (curly quotes, dashes, no-break spaces)
    is split the ASCII way with those characters made spaces; a non-ASCII letter, digit, mark
    or Indic sign anywhere sends the whole text to the regular expression. Both must find
    _FOLDED_WORD's words."""
    import random

    rng = random.Random(17)
    alphabet = list("ab Z_9 .,;'\"-") + list("\u201c\u201d\u2014\u2013\u2026\u00ab\u00bb"
                                              "\u00a0\u2009\u00e9\u0640\u0915\u093e"
                                              "\u0301\u00b2\u2160\u4e2d\u0661\u00aa")
    texts = [f"ab{char}cd {char} {char}{char}x \u201cq\u201d" for char in alphabet]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
              for _ in range(5000)]
    for text in texts:
        assert stemming._folded_words_of(text) == stemming._FOLDED_WORD.findall(text), text


def test_text_of_ascii_and_separators_folds_as_every_step_folds_it() -> None:
    """Text whose only non-ASCII characters are separators (typographic quotes, dashes,
    symbols: stemming._separators) folds to text.lower() without the NFKC, casefold and NFD
    passes; it must come out as those passes make it, alone, between words, beside combining
    marks and among other characters, and split into the same words and stems."""
    import random
    import unicodedata

    separators = stemming._separators()
    assert "\u201c" in separators and "\u2014" in separators and "\u00e9" not in separators
    # nothing but a combining mark follows a base in a canonical decomposition: a separator
    # never composes with its neighbours
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if parts and not parts[0].startswith("<"):
            assert {unicodedata.category(chr(int(part, 16))) for part in parts[1:]} <= \
                {"Mn", "Mc"}, hex(code)
    rng = random.Random(18)
    plain = [chr(code) for code in range(128)] + list(separators)
    others = list("\u00e9\u0301\u0338\u0640\u0915\u093e\u00b2\u2160\u4e2d\u0661\u00a0"
                  "\u2009\u2026\u00ad\u0622\uff01\u1100\u1161\u0b47\u0b3e\u03a3\u0130"
                  "\u00df\ufb01")
    texts = [f"{context}".replace("S", char) for char in separators
             for context in ("abScd", "S\u0301", "aS\u0338", "=\u0338S", "SS", "A_bS Cd")]
    texts += ["".join(rng.choice(plain if i % 2 else plain + others)
                      for _ in range(rng.randint(0, 40))) for i in range(20000)]
    for text in texts:
        full = stemming._full_fold(text)
        assert stemming.fold_text(text) == full, text
        assert stemming.words_and_stems(text, "en") == (
            stemming.WORD.findall(full), stemming._stems_of(stemming._split_folded(full), "en"))


@pytest.mark.parametrize(("text", "language"), SPLIT_CASES)
def test_analyse_gives_the_signature_words_and_the_stems_of_one_fold(text: str,
                                                                      language: str) -> None:
    expected_stems = stemming.stems(text, language)   # computed afresh (nothing kept yet)
    words = stemming.analyse(text, language)
    assert words == stemming.folded_words(text)
    assert (text, language) in stemming._AHEAD
    assert stemming.stems(text, language) == expected_stems   # the kept stems, taken
    assert (text, language) not in stemming._AHEAD
    assert stemming.stems(text, language) == expected_stems   # and afresh again
    assert stemming.analyse(text, "fr") == words and stemming.stems(text, "fr") == \
        stemming.stems(text, "fr")


def test_stems_kept_ahead_are_bounded() -> None:
    for i in range(stemming.AHEAD_MAX * 2):
        stemming.analyse(f"text number {i}", "en")
    assert len(stemming._AHEAD) <= stemming.AHEAD_MAX
    stemming._AHEAD.clear()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts folded, and the word lists signed, from now on."""
    calls: list[str] = []
    fold, signature_of = stemming._fold, stories.signature_of

    def counting_fold(text: str) -> tuple[str, bool]:
        calls.append(text)
        return fold(text)

    def counting_signature(words: list[str]) -> stories.Signature | None:
        calls.append("signature")
        return signature_of(words)

    monkeypatch.setattr(stemming, "_fold", counting_fold)
    monkeypatch.setattr(stories, "signature_of", counting_signature)
    return calls


def test_prepared_articles_are_folded_and_signed_before_the_transaction(
        store: Store, counted: list[str]) -> None:  # noqa: F811 -- the fixture
    run_id = new_run(store)
    pages = [(f"https://{site}/basra", body_fields(f"https://{site}/basra", body, site=site))
             for site, body in (("a.example", site_a_copy()), ("b.example", site_b_copy()),
                                ("c.example", same_topic()))]
    captures = [add_capture(store, run_id, url) for url, _ in pages]
    prepared = [store.prepare_article(fields) for _, fields in pages]
    assert all(ready.signed and ready.signature is not None for ready in prepared)
    assert counted.count("signature") == 3
    counted.clear()
    with store.batch():
        results = [store.store_article(capture, fields, run_id=run_id, extractor_version="x",
                                       prepared=ready)
                   for capture, (_, fields), ready in zip(captures, pages, prepared)]
    # nothing of a body folded or signed in the transaction: the search trigger took the
    # stems prepare_article kept (SQLite; PostgreSQL stems in the database)
    bodies = {fields["body"] for _, fields in pages}
    assert not [text for text in counted if text in bodies or text == "signature"]
    assert [r.outcome for r in results] == ["new", "new", "new"]
    assert results[0].story_id == results[1].story_id != results[2].story_id
    assert prepared[0].signature == stories.signature(pages[0][1]["body"])


def test_content_stored_already_is_signed_only_if_it_makes_a_version(
        store: Store) -> None:  # noqa: F811 -- the fixture
    """An unchanged page costs no signature; a page back to an earlier text (A, B, A) makes a
    version that still gets its signature and band rows."""
    run_id = new_run(store)
    url = "https://a.example/basra"
    first = body_fields(url, site_a_copy(), site="a.example")
    second = body_fields(url, same_topic(), site="a.example")
    for fields in (first, second):
        store.store_article(add_capture(store, run_id, url), fields, run_id=run_id,
                            extractor_version="x")
    again = body_fields(url, site_a_copy(), site="a.example")
    ready = store.prepare_article(again)
    if ready.signed:   # a store that does not look the content up first (PostgreSQL)
        assert ready.signature == stories.signature(site_a_copy())
    else:
        assert ready.signature is None
    result = store.store_article(add_capture(store, run_id, url), again, run_id=run_id,
                                 extractor_version="x", prepared=ready)
    assert result.outcome == "updated"
    assert signature_row(store, result.version_id) == stories.to_bytes(
        stories.signature(site_a_copy()))


def signature_row(store: Store, version_id: int) -> bytes:
    sql = "SELECT signature FROM story_signatures WHERE version_id = "
    if isinstance(store, SQLiteStore):
        row = store.connection.execute(sql + "?", (version_id,)).fetchone()
    else:
        with store.reading() as conn:   # type: ignore[attr-defined]
            row = conn.execute(sql + "%s", (version_id,)).fetchone()
    return bytes(row["signature"])


def test_articles_prepared_without_the_store_store_alike(
        store: Store, counted: list[str]) -> None:  # noqa: F811 -- the fixture
    """prepare_fields (an import's worker, no store) makes what prepare_article makes, plus the
    body's search stems; sent to the storing process (pickled, as the pool does), nothing of a
    body is folded or signed in the transaction there either."""
    run_id = new_run(store)
    pages = [(f"https://{site}/basra", body_fields(f"https://{site}/basra", body, site=site))
             for site, body in (("a.example", site_a_copy()), ("b.example", site_b_copy()),
                                ("c.example", same_topic()))]
    captures = [add_capture(store, run_id, url) for url, _ in pages]
    made = [prepare_fields(fields) for _, fields in pages]
    for (_, fields), ready in zip(pages, made):
        assert ready.signed and ready.signature == stories.signature(fields["body"])
        assert ready.digest == content_hash(fields)
        assert ready.stems == stemming.stems(fields["body"], fields.get("language"))
    # what the storing process gets: the fields and their preparation in one pickle, and no
    # stems kept ahead in its own process
    sent = pickle.loads(pickle.dumps([(fields, ready) for (_, fields), ready in zip(pages, made)]))
    assert all(ready.fields is fields for fields, ready in sent)
    stemming._AHEAD.clear()
    counted.clear()
    with store.batch():
        results = [store.store_article(capture, fields, run_id=run_id, extractor_version="x",
                                       prepared=ready)
                   for capture, (fields, ready) in zip(captures, sent)]
    bodies = {fields["body"] for fields, _ in sent}
    assert not [text for text in counted if text in bodies or text == "signature"]
    assert [r.outcome for r in results] == ["new", "new", "new"]
    assert results[0].story_id == results[1].story_id != results[2].story_id
    assert signature_row(store, results[0].version_id) == stories.to_bytes(made[0].signature)
