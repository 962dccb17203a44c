"""How the reading room presents archived records: text direction (and the stretches of
mixed-direction text to isolate), dates, citations, diffs.

Pure functions over the store's plain dicts (no web framework, no I/O), so they are tested
directly and reused by any front end. Everything returned is plain text: templates escape it.
Archived HTML never reaches this module; only extracted text fields do.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Scripts written right to left; the base subtag of a language code decides ("ar-EG" -> "ar").
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur",
                           "yi"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def text_direction(language: str | None) -> str:
    """"rtl" for Arabic, Persian, Hebrew, Urdu...; "ltr" otherwise (and when unknown)."""
    base = (language or "").split("-")[0].split("_")[0].lower()
    return "rtl" if base in RTL_LANGUAGES else "ltr"


def block_direction(language: str | None) -> str:
    """The dir attribute for a block of an article's own text: its language's direction when
    the language is known, else "auto" (the browser takes it from the first letter)."""
    return text_direction(language) if language else "auto"


# --- mixed-direction text -------------------------------------------------------------------
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"       # Hebrew, Arabic, Syriac, Thaana, N'Ko
_LATIN = "A-Za-z\u00c0-\u024f"
_WORD_TAIL = rf"(?:[{_LATIN}0-9'’.&/-]*[{_LATIN}0-9])?"
# In right-to-left text: numbers with separators and runs of Latin words (a name, "F-16",
# "BBC News"). A date like 2024-05-16 among Arabic letters would otherwise show as 16-05-2024:
# after Arabic letters its digits are Arabic numbers, which "-" does not join (UAX #9, W2, W4).
# Runs end on a letter or digit, so a sentence's closing punctuation stays in the sentence.
_IN_RTL = re.compile(rf"\d+(?:[-–/.:,]\d+)+"
                     rf"|[{_LATIN}]{_WORD_TAIL}(?:\s+[{_LATIN}0-9]{_WORD_TAIL})*")
# In left-to-right text: runs of right-to-left words (an Arabic name in an English sentence).
_IN_LTR = re.compile(rf"[{_RTL}]+(?:\s+[{_RTL}]+)*")
_STRONG = re.compile(rf"[{_RTL}]|[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text shown as it flows (`direction` None) or isolated in `direction`;
    its parts are `(text, highlighted)`."""

    direction: str | None
    parts: tuple[tuple[str, bool], ...]


def first_strong_direction(text: str) -> str:
    """What dir="auto" resolves to: the direction of the first letter ("ltr" without one)."""
    found = _STRONG.search(text)
    return "rtl" if found and re.match(rf"[{_RTL}]", found.group()) else "ltr"


def isolate(text: str | Sequence[tuple[str, bool]], direction: str) -> list[Run]:
    """Split article text written in `direction` ("rtl", "ltr" or "auto") into runs, isolating
    the stretches of the other direction: in right-to-left text numbers with separators and
    Latin words (left to right), in left-to-right text right-to-left words. `text` may be
    highlighted fragments `[(text, is_match), ...]` (a search snippet): runs are found in the
    whole text, and a highlight that crosses a run's edge is split there."""
    pieces = [(text, False)] if isinstance(text, str) else [(t, bool(h)) for t, h in text]
    full = "".join(t for t, _ in pieces)
    if direction not in ("rtl", "ltr"):
        direction = first_strong_direction(full)
    pattern, other = (_IN_RTL, "ltr") if direction == "rtl" else (_IN_LTR, "rtl")
    spans = [m.span() for m in pattern.finditer(full)]
    cuts = {0, len(full), *(i for span in spans for i in span)}
    starts, at = [], 0
    for t, highlighted in pieces:
        starts.append((at, highlighted))
        at += len(t)
        cuts.add(at)
    runs: list[tuple[tuple[int, int] | None, list[tuple[str, bool]]]] = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        span = next((sp for sp in spans if sp[0] <= a and b <= sp[1]), None)
        highlighted = next(h for start, h in reversed(starts) if start <= a)
        if runs and runs[-1][0] == span:
            parts = runs[-1][1]
            if parts and parts[-1][1] == highlighted:
                parts[-1] = (parts[-1][0] + full[a:b], highlighted)
            else:
                parts.append((full[a:b], highlighted))
        else:
            runs.append((span, [(full[a:b], highlighted)]))
    return [Run(other if span else None, tuple(parts)) for span, parts in runs]


def lang_attr(language: str | None) -> str:
    """A BCP 47 tag for the lang attribute ("" when unknown, which leaves the page's)."""
    return (language or "").replace("_", "-")


def parse_when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def human_date(value: str | None) -> str:
    """"2026-07-30T17:04:00+03:00" -> "30 July 2026, 17:04 (UTC+03:00)"; the raw value when it
    is not ISO 8601 (an archive shows what it has rather than hiding it)."""
    moment = parse_when(value)
    if moment is None:
        return value or ""
    text = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if len(value or "") > 10:
        text += f", {moment:%H:%M}"
        offset = moment.strftime("%z")
        if offset:
            text += " (UTC)" if offset == "+0000" else f" (UTC{offset[:3]}:{offset[3:]})"
    return text


def capture_time(fetched_at: str | None) -> str:
    """Capture times are UTC: "2026-11-26T01:01:19Z" -> "2026-11-26 01:01:19 UTC"."""
    if not fetched_at:
        return ""
    return fetched_at.replace("T", " ").replace("Z", " UTC")


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def citation(article: dict[str, Any], *, snapshot_url: str | None, page_url: str) -> str:
    """An APA-like reference line: authors (date). title. site. original URL. then where and
    when the archive captured it. Names are kept as printed (no "Surname, I." inversion,
    which breaks Arabic and other naming conventions)."""
    authors = [a for a in article.get("authors") or [] if a]
    published = parse_when(article.get("published"))
    date = (f"{published.year}, {_MONTHS[published.month - 1]} {published.day}"
            if published else "n.d.")
    title = (article.get("title") or "[untitled]").strip()
    parts = []
    if authors:
        parts.append(f"{_join_names(authors)} ({date}).")
    else:
        parts.append(f"{title} ({date}).")
    if authors:
        parts.append(title if title.endswith((".", "?", "!", "؟")) else title + ".")
    site = article.get("site") or ""
    if site:
        parts.append(f"{site}.")
    parts.append(article.get("url") or article.get("canonical_url") or "")
    capture = article.get("capture") or {}
    archived = f"Archived {capture_time(capture.get('fetched_at'))}"
    if snapshot_url:
        archived += f": {snapshot_url}"
    parts.append(archived + ".")
    record = capture.get("record_id")
    if record:
        parts.append(f"WARC record {record}.")
    parts.append(f"Record: {page_url}")
    return " ".join(p for p in parts if p)


# --- diffs -----------------------------------------------------------------------------------
@dataclass(slots=True)
class Segment:
    """A run of text in an inline diff: op is "equal", "insert" or "delete"."""

    op: str
    text: str


@dataclass(slots=True)
class BlockDiff:
    """One body block (paragraph "p" or sub-heading "h") of a body diff."""

    op: str                      # "equal", "insert", "delete", "replace", "skip"
    kind: str = "p"
    segments: list[Segment] = field(default_factory=list)
    skipped: int = 0             # op "skip": how many unchanged blocks are folded away


@dataclass(slots=True)
class FieldDiff:
    """What changed in one field between two versions, ready to render."""

    name: str
    label: str
    kind: str                                  # "text", "list", "body"
    segments: list[Segment] = field(default_factory=list)    # kind "text"
    removed: list[str] = field(default_factory=list)         # kind "list"
    added: list[str] = field(default_factory=list)
    blocks: list[BlockDiff] = field(default_factory=list)    # kind "body"
    # The article's own words (shown in its direction), or False for values this module
    # formats or that read left to right whatever the language: dates, URLs, language codes.
    article_text: bool = True


_LABELS = {"title": "Title", "dek": "Dek", "authors": "Byline", "published": "Published",
           "modified": "Modified", "section": "Section", "language": "Language",
           "tags": "Tags", "images": "Figures", "body": "Body", "url": "URL",
           "canonical_url": "Canonical URL", "site": "Site"}
_OPS = {"=": "equal", "-": "delete", "+": "insert"}
_VALUE_FIELDS = frozenset({"published", "modified", "language", "url", "canonical_url"})


def _segments(words: list[tuple[str, str]] | None) -> list[Segment]:
    return [Segment(_OPS.get(op, "equal"), text) for op, text in words or []]


def _item_text(item: Any) -> str:
    """A list item as one line: figures as "caption [credit]", names and tags as they are."""
    if isinstance(item, dict):
        caption = str(item.get("caption") or "").strip()
        credit = str(item.get("credit") or "").strip()
        if not caption:  # a credited picture without a caption: which picture, and whose
            return " ".join(part for part in (str(item.get("src") or ""), f"[{credit}]" if credit else "")
                            if part)
        return f"{caption} [{credit}]" if credit else caption
    return str(item)


def version_diff(old: dict[str, Any], new: dict[str, Any], *, context: int = 1) -> list[FieldDiff]:
    """Every field that differs between two versions (`archive.diff.diff_versions`, shared
    with `newsarchive diff`), shaped for the page: word diffs as segments, list changes as
    lines, the body as paragraphs with unchanged stretches folded to `context` paragraphs
    around each change."""
    from archive.diff import diff_versions

    out: list[FieldDiff] = []
    for change in diff_versions(old, new):
        label = _LABELS.get(change.field, change.field)
        if change.blocks is not None:
            rows = []
            for block in change.blocks:
                if block.op == "replace":
                    segments = _segments(block.words)
                elif block.op == "delete":
                    segments = [Segment("delete", block.old or "")]
                elif block.op == "insert":
                    segments = [Segment("insert", block.new or "")]
                else:
                    segments = [Segment("equal", block.new or block.old or "")]
                rows.append(BlockDiff(block.op, block.kind, segments))
            out.append(FieldDiff(change.field, label, "body", blocks=_fold(rows, context)))
        elif change.field in ("published", "modified"):
            # a word diff of "2026-07-31T18:09" is noise: show both dates, readably
            out.append(FieldDiff(change.field, label, "text", article_text=False, segments=[
                Segment("delete", human_date(change.old) or "(none)"), Segment("equal", " → "),
                Segment("insert", human_date(change.new) or "(none)")]))
        elif change.words is not None:
            out.append(FieldDiff(change.field, label, "text", segments=_segments(change.words),
                                 article_text=change.field not in _VALUE_FIELDS))
        else:
            out.append(FieldDiff(change.field, label, "list",
                                 removed=[_item_text(x) for x in change.removed],
                                 added=[_item_text(x) for x in change.added]))
    return out


def _fold(rows: list[BlockDiff], context: int) -> list[BlockDiff]:
    changed = [i for i, row in enumerate(rows) if row.op != "equal"]
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    out: list[BlockDiff] = []
    for i, row in enumerate(rows):
        if row.op != "equal" or i in keep:
            out.append(row)
        elif out and out[-1].op == "skip":
            out[-1].skipped += 1
        else:
            out.append(BlockDiff("skip", skipped=1))
    return out


def body_after_dek(version: dict[str, Any]) -> list[dict[str, str]]:
    """The body blocks to show under the title. The body opens with the dek (standfirst), which
    the page already shows as the dek, so it is not repeated."""
    blocks = version.get("body_blocks") or [
        {"kind": "p", "text": text} for text in (version.get("body") or "").split("\n\n") if text]
    if blocks and version.get("dek") and blocks[0]["text"] == version["dek"]:
        return blocks[1:]
    return blocks
