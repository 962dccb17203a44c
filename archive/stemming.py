"""Words as search compares them: folded, then stemmed in the article's language.

The SQLite store indexes each article twice over: its text as published (exact phrases,
prefixes) and the distinct stems of its words, by the Snowball stemmer of its language
(PyStemmer: the Snowball project's C stemmers, 33 languages), so "elections" finds "election"
and "حرب" finds "الحرب" and "وبالحرب". PostgreSQL stems with its own configurations (the same
Snowball algorithms) and folds the same Arabic letters (postgres_migrations, migration 7).
Snippets of both stores mark matches with these functions. Before stemming, every word is
folded the same way on both sides of the comparison:

- case and compatibility forms (NFKC, casefold); Latin accents go ("café" -> "cafe");
- Arabic: tatweel and harakat removed, alef with hamza or madda and alef wasla -> bare alef,
  hamza on a waw or ya seat -> hamza, alef maqsura -> ya, ta marbuta -> ha (the spellings a
  writer chooses between for the same word);
- the marks search ignores (SEARCH_FOLD_CHARS: soft hyphens too) vanish inside a word.

A language without a Snowball stemmer (Japanese, Korean, Chinese...) keeps its folded words.
Queries have no language: a word is stemmed with every stemmer of its script (a Latin word
with each Latin-script language's, an Arabic one with Arabic's and Persian's), and matches an
article whose stems hold any of them (`query_stems`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from archive.store.migrations import SEARCH_FOLD_CHARS
from archive.store.postgres_migrations import ARABIC_FOLD_FROM, ARABIC_FOLD_TO, SEARCH_CONFIGS

# ISO 639-1 codes (the `language` field) -> Snowball algorithm names of PyStemmer: the
# languages PostgreSQL's configurations stem (the same Snowball algorithms, by the same names),
# and those PostgreSQL 15 has no configuration for.
STEMMERS: dict[str, str] = {**SEARCH_CONFIGS, "cs": "czech", "eo": "esperanto", "et": "estonian",
                            "fa": "persian", "hi": "hindi", "pl": "polish"}
# The script each stemmer reads: a query word is stemmed only by the stemmers of its script.
_SCRIPTS: dict[str, str] = {
    "arabic": "ARABIC", "persian": "ARABIC", "armenian": "ARMENIAN", "greek": "GREEK",
    "hindi": "DEVANAGARI", "nepali": "DEVANAGARI", "tamil": "TAMIL", "yiddish": "HEBREW",
    "russian": "CYRILLIC", "serbian": "CYRILLIC",
}

# أ إ آ ٱ -> ا, ؤ ئ -> ء, ى -> ي, ة -> ه (PostgreSQL's index folds the same letters:
# postgres_migrations.ARABIC_FOLD_FROM/TO)
ARABIC_LETTERS = str.maketrans(ARABIC_FOLD_FROM, ARABIC_FOLD_TO)
_FOLD_MAP: dict[str, str] = {**dict(zip(ARABIC_FOLD_FROM, ARABIC_FOLD_TO)),
                             **{char: "" for char in SEARCH_FOLD_CHARS}}
_FOLDED_CHAR = re.compile("[" + "".join(re.escape(char) for char in _FOLD_MAP) + "]")
# What FTS5's unicode61 tokenizer and PostgreSQL's parser take as one word, near enough:
# letters, digits and the marks inside words (harakat, Indic vowel signs).
WORD = re.compile(r"[^\W_][\w\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff\u00ad\u0640]*")


# The combining marks fold_text() drops: every one of the Basic Multilingual Plane but the vowel
# signs of the Indic scripts (U+0900-U+0DFF), which are part of their letters.
_DROPPED_MARKS = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(0x0300, 0x10000)
    if unicodedata.combining(chr(c)) and not 0x0900 <= c <= 0x0DFF) + "]")


def fold_text(text: str) -> str:
    """`text` as both sides of search compare it, before stemming (see the module docstring):
    whole-string operations, so a 10 KB body folds in a fraction of a millisecond."""
    return _fold(text)[0]


def _fold(text: str) -> tuple[str, bool]:
    """(fold_text(text), whether it holds no character but ASCII and _separators())."""
    # what the steps below come to for ASCII, at a tenth of the cost; and for English text
    # with typographic quotes and dashes (most bodies), at less than half (~0.11 -> ~0.045 ms
    # for a 9 KB body)
    if text.isascii() or _not_separator().search(text) is None:
        return text.lower(), True
    return _full_fold(text), False


def _full_fold(text: str) -> str:
    """fold_text(text), every step of it."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if _FOLDED_CHAR.search(text):   # str.translate walks every character: 1 ms for 14 KB
        text = _FOLDED_CHAR.sub(lambda match: _FOLD_MAP[match[0]], text)
    return unicodedata.normalize("NFC", _DROPPED_MARKS.sub("", unicodedata.normalize("NFD", text)))


# Where _separators() are looked for: Latin-1's and the general punctuation, currency,
# arrows, mathematical, technical, box and dingbat blocks (a character outside them takes the
# full fold, which is right for every text, only slower).
_SEPARATOR_RANGES = ((0x00A0, 0x00FF), (0x2000, 0x2BFF))


def _separator(char: str) -> bool:
    """Whether folding keeps `char` as it is, whatever is around it, and search splits words
    at it: a punctuation mark or symbol that NFKC and NFD keep, that casefold() and lower()
    keep, that is no combining mark and not in _FOLD_MAP, and that neither \\w nor the Indic
    range of the word patterns takes in. No such character composes with its neighbours
    (only combining marks follow a base in a canonical decomposition), so a text of ASCII and
    these folds to text.lower(), and its words are split at them."""
    return (unicodedata.category(char)[0] in "PS"
            and unicodedata.normalize("NFKD", char) == char
            and unicodedata.normalize("NFD", char) == char
            and not unicodedata.combining(char)
            and char.casefold() == char and char.lower() == char
            and char not in _FOLD_MAP
            and not "\u0900" <= char <= "\u0dff"
            and re.match(r"\w", char) is None)


@lru_cache(maxsize=1)
def _separators() -> str:
    """The characters of _SEPARATOR_RANGES that _separator() accepts (~5 ms, once)."""
    return "".join(chr(code) for start, end in _SEPARATOR_RANGES
                   for code in range(start, end + 1) if _separator(chr(code)))


@lru_cache(maxsize=1)
def _not_separator() -> re.Pattern[str]:
    """A character that is neither ASCII nor one of _separators()."""
    return re.compile("[^\x00-\x7f" + re.escape(_separators()) + "]")


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """One word folded (fold_text): query words, and the words of a snippet."""
    return fold_text(word)


def words(text: str) -> list[str]:
    """The words of `text`, as published, in order."""
    return WORD.findall(text or "")


def stemmer_for(language: str | None) -> str | None:
    """The Snowball algorithm for an article's language code ("en", "pt-BR"), if any."""
    code = (language or "").replace("_", "-").split("-", 1)[0].lower()
    return STEMMERS.get(code)


@lru_cache(maxsize=None)
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(algorithm)
    stemmer.maxCacheSize = 50000
    return stemmer


def stem_words(folded: list[str], language: str | None) -> list[str]:
    """Folded words stemmed in `language` (unchanged without a stemmer for it)."""
    algorithm = stemmer_for(language)
    return _stemmer(algorithm).stemWords(folded) if algorithm is not None else list(folded)


# A word of folded text (its harakat and tatweel are gone; Indic vowel signs stay in it). One
# character class: an alternation that would leave out "_" costs three times as much.
_FOLDED_WORD = re.compile(r"[\w\u0900-\u0dff]+")


# The characters where WORD over folded text and _FOLDED_WORD split words differently: "_"
# (a separator to the search index, a word character to WORD), the Indic range (inside a word
# to both, but only WORD cannot start a word there) and WORD's extra marks (U+034F survives
# folding). Without any of them in the folded text both find the same words.
_SPLITS_DIFFER = re.compile("[_\u0900-\u0dff\u0300-\u036f\u064b-\u065f\u0670\u00ad\u0640]")

# In ASCII text _FOLDED_WORD's words are the runs of [A-Za-z0-9_] (\w in ASCII): every other
# ASCII character turned into a space, str.split() finds the same words at a third of the
# regular expression's cost (~0.13 -> ~0.04 ms for a 10 KB body).
_ASCII_SEPARATORS = str.maketrans({chr(code): " " for code in range(128)
                                   if not (chr(code).isalnum() or chr(code) == "_")})


# A character outside ASCII: most bodies in Latin scripts hold a few (curly quotes, dashes).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _folded_words_of(folded: str, plain: bool = False) -> list[str]:
    """_FOLDED_WORD.findall(folded), faster for ASCII text and for text whose only non-ASCII
    characters separate words (typographic quotes and dashes): those become spaces, and the
    ASCII way finds the same words at half the regular expression's cost. `plain`: `folded`
    is known to hold nothing but ASCII and _separators() (_fold said so)."""
    if plain and not folded.isascii():
        # each separator becomes "?", another separator, without looking for which they are
        # (~0.03 -> ~0.01 ms for a 9 KB body)
        folded = folded.encode("ascii", "replace").decode("ascii")
    elif not folded.isascii():
        others = set(_NON_ASCII.findall(folded))
        if len(others) > 8 or any(char.isalnum() or "\u0900" <= char <= "\u0dff"
                                  for char in others):
            return _FOLDED_WORD.findall(folded)
        for char in others:
            folded = folded.replace(char, " ")
    return folded.translate(_ASCII_SEPARATORS).split()

# Stems computed ahead of the search trigger's call for the same text (analyse()), by (text,
# language). The trigger runs inside the store's write transaction; what is found here was
# computed before it, from the words the story signature needed anyway. Bounded: an article
# that turns out unchanged never reaches the trigger.
_AHEAD: dict[tuple[str, str | None], str] = {}
AHEAD_MAX = 64


def stems(text: str | None, language: str | None) -> str:
    """The distinct stems of the words of `text`, folded and stemmed in `language`, in order
    of first use, space-separated: what the stem columns of the search index hold. Distinct,
    because those columns answer whether an article has a word's stem (ranking counts the
    published words): a tenth of the words to stem and to index."""
    if not text:
        return ""
    if _AHEAD:
        ahead = _AHEAD.pop((text, language), None)
        if ahead is not None:
            return ahead
    return _stems_of(_split_folded(*_fold(text)), language)


def _split_folded(folded: str, plain: bool = False) -> list[str]:
    found = _folded_words_of(folded, plain)
    if "_" in folded:   # a separator to FTS5 and to PostgreSQL, a word character to \w
        found = [part for word in found for part in word.split("_") if part]
    return found


def _stems_of(found: list[str], language: str | None) -> str:
    distinct = list(dict.fromkeys(found))
    return " ".join(dict.fromkeys(stem_words(distinct, language)))


def folded_words(text: str) -> list[str]:
    """The words of `text` folded (fold_text), in order, as WORD finds them: what story
    signatures shingle (archive/stories.py)."""
    return WORD.findall(fold_text(text))


def analyse(text: str, language: str | None) -> list[str]:
    """folded_words(text), and the stems of `text` in `language` computed from the same fold
    and split (most texts split the same way for both) and kept for the next stems(text,
    language) call: the SQLite store calls this for a body before its write transaction,
    whose search trigger then finds the body's stems done."""
    if not text:
        return []
    words, text_stems = words_and_stems(text, language)
    remember_stems(text, language, text_stems)
    return words


def words_and_stems(text: str, language: str | None) -> tuple[list[str], str]:
    """(folded_words(text), stems(text, language)) from one fold and split, kept nowhere: a
    process without the store (an import's extraction worker) computes them for the process
    that has it (remember_stems)."""
    if not text:
        return [], ""
    folded, plain = _fold(text)
    # in ASCII text, and in text of ASCII and separators, "_" is the only character of
    # _SPLITS_DIFFER: a test of `in` instead of a regular expression's scan (~0.02 ms per 7 KB
    # body)
    if ("_" not in folded if plain else _SPLITS_DIFFER.search(folded) is None):
        words = found = _folded_words_of(folded, plain)
    else:
        words, found = WORD.findall(folded), _split_folded(folded, plain)
    return words, _stems_of(found, language)


def remember_stems(text: str, language: str | None, text_stems: str) -> None:
    """Keep stems(text, language), computed ahead, for that call (the search trigger's)."""
    if len(_AHEAD) >= AHEAD_MAX:   # left by articles that were not indexed after all
        _AHEAD.clear()
    _AHEAD[(text, language)] = text_stems


def script_of(word: str) -> str:
    """"LATIN", "ARABIC", "CYRILLIC"... of the first letter of `word` ("" when none)."""
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split(" ", 1)[0]
    return ""


def query_stems(word: str, language: str | None = None) -> list[str]:
    """The stems an unquoted query word matches: folded, then stemmed by `language`'s stemmer
    or, without one, by every stemmer of the word's script; the folded word itself too (the
    stem columns of languages without a stemmer hold folded words)."""
    folded = fold(word)
    if language is not None:
        algorithm = stemmer_for(language)
        algorithms = [algorithm] if algorithm else []
    else:
        script = script_of(folded)
        algorithms = sorted({a for a in STEMMERS.values() if _SCRIPTS.get(a, "LATIN") == script})
    found = [folded]
    for algorithm in algorithms:
        stem = _stemmer(algorithm).stemWord(folded)
        if stem not in found:
            found.append(stem)
    return found
