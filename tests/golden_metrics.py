"""The official scorer's field metrics (../shared/eval/score_fields.py), restated compactly so
the golden tests run in a fresh clone without the shared evaluation folder."""
from __future__ import annotations

import collections
import difflib
import re
import unicodedata
from typing import Any

_QUOTES = {ord(c): "'" for c in "‘’‚‛′`´"}
_QUOTES.update({ord(c): '"' for c in "“”„‟″«»"})
_QUOTES.update({ord(c): "-" for c in "‐‑‒–—―−"})
_QUOTES.update({ord("\u00ad"): None, ord("\u200b"): None, ord("\ufeff"): None})
_SINGLE = re.compile(
    "[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f\U00020000-\U0002fa1f]")
_BY = re.compile(r"^((by|von|par|por|di|de|door|av|af|from)\b(\s*:\s*|\s+))?((dr|prof|mr|mrs|ms)\.?\s+)*", re.I)


def norm_text(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", s).strip().strip(" .,:;!?-|'\"")


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s)).translate(_QUOTES)
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:|-.")
    s = _BY.sub("", s)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[^\w' -]+", " ", s)
    return re.sub(r"\s+", " ", s).strip(" -'")


def tokens(text: str | None) -> list[str]:
    if not text:
        return []
    out: list[str] = []
    for run in re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()):
        if _SINGLE.search(run):
            buf = ""
            for ch in run:
                if _SINGLE.match(ch):
                    if buf:
                        out.append(buf)
                        buf = ""
                    out.append(ch)
                else:
                    buf += ch
            if buf:
                out.append(buf)
        else:
            out.append(run)
    return out


def _f1(tp: int, n_pred: int, n_exp: int) -> float:
    p = tp / n_pred if n_pred else (1.0 if n_exp == 0 else 0.0)
    r = tp / n_exp if n_exp else (1.0 if n_pred == 0 else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def title_ok(exp: dict, title: str | None) -> bool:
    targets = {norm_text(t) for t in [exp.get("title")] + list(exp.get("title_alternatives") or []) if t}
    return bool(title) and norm_text(title) in targets


def author_f1(expected: list[str], predicted: list[str]) -> float:
    e = {norm_name(a) for a in expected if norm_name(a)}
    p = {norm_name(a) for a in predicted if norm_name(a)}
    return _f1(len(e & p), len(p), len(e))


def same_day(expected: str, published: Any) -> bool:
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", expected)
    return bool(m and published is not None
                and published.strftime("%Y-%m-%d") == f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}")


def body_f1(expected: str, predicted: str) -> float:
    ec, pc = collections.Counter(tokens(expected)), collections.Counter(tokens(predicted))
    tp = sum(min(c, pc[t]) for t, c in ec.items())
    return _f1(tp, sum(pc.values()), sum(ec.values()))


def caption_recall(exp: dict, images: list[Any]) -> float:
    caps = exp.get("captions") or []
    if not caps:
        return 1.0
    credits = exp.get("credit") or [None] * len(caps)
    preds = [norm_text(f"{i.caption} {i.credit}" if i.credit else i.caption) for i in images if i.caption]
    preds += [norm_text(i.caption) for i in images if i.caption]

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0

    found = 0
    for cap, credit in zip(caps, credits):
        variants = [norm_text(cap)] + ([norm_text(f"{cap} {credit}"), norm_text(f"{credit} {cap}")] if credit else [])
        if any(ratio(v, p) >= 0.8 for v in variants for p in preds):
            found += 1
    return found / len(caps)
