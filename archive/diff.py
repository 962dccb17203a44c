"""What changed between two versions of an article, field by field (difflib, no dependencies).

`diff_versions(old, new) -> list[FieldChange]` takes two version dicts as `Store.versions()`
returns them and lists only the fields that differ, in reading order (title, dek, byline,
section, dates, body, images, tags, then language and URLs). Per kind of field:

- text fields: `words`, a word diff: `[(op, text), ...]` with op "=" (kept), "-" (removed) or
  "+" (added); joining the "=" and "-" texts gives the old value, "=" and "+" the new one;
  dates (published, modified) are compared as whole values: `[("-", old), ("+", new)]`;
- list fields (authors, tags, images): `removed` and `added` items;
- body: `blocks`, the paragraph diff in reading order: `BlockChange(op, kind, old, new, words)`
  with op "equal", "delete", "insert" or "replace" (a replaced paragraph carries its word
  diff), and `unified`, a unified diff whose lines are paragraphs (`newsarchive diff`).

Both `newsarchive diff` and the web reading room render these; `FieldChange.to_dict()` is the
`--json` form.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BlockChange", "FieldChange", "diff_versions", "word_diff"]

# The order a reader meets the fields.
_ORDER: tuple[str, ...] = ("title", "dek", "authors", "section", "published", "modified",
                           "body", "images", "tags", "language", "url", "canonical_url")
_LISTS = frozenset({"authors", "images", "tags"})
# Timestamps change as a whole: a word diff would split inside the ISO string
# ("2026-05-1[-6]+[7]T…") and, in right-to-left text, show its pieces out of order.
_DATES = frozenset({"published", "modified"})
# A number with its separators ("2024-05-16", "10:30", "1,200.5") is one token: a diff that
# split it would show "2024-05-1[-6]+[7]", and once the changed pieces are isolated for
# right-to-left text (the reading room does) its pieces would read out of order.
_WORD = re.compile(r"\d+(?:[-/.:,]\d+)*|\s+|\w+|[^\w\s]", re.UNICODE)

WordOps = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class BlockChange:
    """One body block in the diff: kept, removed, added, or replaced (with its word diff)."""

    op: str                      # "equal" | "delete" | "insert" | "replace"
    kind: str                    # block kind: "p", "h" (sub-heading), "quote", "li"
    old: str | None
    new: str | None
    words: WordOps | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "kind": self.kind, "old": self.old, "new": self.new,
                "words": [list(op) for op in self.words] if self.words is not None else None}


@dataclass(slots=True)
class FieldChange:
    """One field that differs between two versions."""

    field: str
    kind: str                    # "changed", "added" (was empty) or "removed" (is empty now)
    old: Any
    new: Any
    words: WordOps | None = None
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    blocks: list[BlockChange] | None = None
    unified: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "kind": self.kind, "old": self.old,
                                "new": self.new}
        if self.words is not None:
            data["words"] = [list(op) for op in self.words]
        if self.field in _LISTS:
            data["added"] = self.added
            data["removed"] = self.removed
        if self.blocks is not None:
            data["blocks"] = [block.to_dict() for block in self.blocks]
            data["unified"] = self.unified
        return data


def word_diff(old: str, new: str) -> WordOps:
    """A word-level diff; whitespace and punctuation are tokens too, so joining is exact."""
    a, b = _WORD.findall(old or ""), _WORD.findall(new or "")
    ops: WordOps = []

    def push(op: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("=", "".join(a[i1:i2]))
        else:
            push("-", "".join(a[i1:i2]))
            push("+", "".join(b[j1:j2]))
    return ops


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _blocks(version: dict[str, Any]) -> list[tuple[str, str]]:
    blocks = version.get("body_blocks")
    if blocks:
        return [(str(block.get("kind", "p")), str(block.get("text", ""))) for block in blocks]
    body = version.get("body") or ""
    return [("p", text) for text in body.split("\n\n") if text.strip()]


def _body_change(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[BlockChange], str]:
    a, b = _blocks(old), _blocks(new)
    changes: list[BlockChange] = []
    matcher = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [BlockChange("equal", kind, text, text) for kind, text in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for (kind, before), (_, after) in zip(olds[:paired], news[:paired]):
            changes.append(BlockChange("replace", kind, before, after, word_diff(before, after)))
        changes += [BlockChange("delete", kind, text, None) for kind, text in olds[paired:]]
        changes += [BlockChange("insert", kind, None, text) for kind, text in news[paired:]]
    unified = "\n".join(difflib.unified_diff(
        [_line(kind, text) for kind, text in a], [_line(kind, text) for kind, text in b],
        fromfile=_label(old), tofile=_label(new), n=1, lineterm=""))
    return changes, unified


def _line(kind: str, text: str) -> str:
    return f"## {text}" if kind == "h" else text


def _label(version: dict[str, Any]) -> str:
    number = version.get("version_no")
    return f"version {number}" if number is not None else "old"


def _key(item: Any) -> str:
    return repr(sorted(item.items())) if isinstance(item, dict) else repr(item)


def diff_versions(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ from `old` to `new` (see the module docstring)."""
    changes: list[FieldChange] = []
    for name in _ORDER:
        before, after = old.get(name), new.get(name)
        if name in _LISTS:
            before, after = before or [], after or []
        if before == after or (_empty(before) and _empty(after)):
            if name != "body" or _blocks(old) == _blocks(new):
                continue
        kind = "added" if _empty(before) else "removed" if _empty(after) else "changed"
        change = FieldChange(name, kind, before, after)
        if name in _LISTS:
            before_keys = {_key(item) for item in before}
            after_keys = {_key(item) for item in after}
            change.removed = [item for item in before if _key(item) not in after_keys]
            change.added = [item for item in after if _key(item) not in before_keys]
        elif name == "body":
            change.blocks, change.unified = _body_change(old, new)
        elif name in _DATES:
            change.words = [(op, str(value)) for op, value in (("-", before), ("+", after))
                            if not _empty(value)]
        else:
            change.words = word_diff("" if before is None else str(before),
                                     "" if after is None else str(after))
        changes.append(change)
    return changes
