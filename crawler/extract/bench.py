"""Adapter for the official field scorer (`../shared/eval/run_fields.py --extractor
crawler.extract.bench:fields`): one extract() call mapped to the scorer's field names."""
from __future__ import annotations

from typing import Any

from . import ExtractionError, extract


def caption_with_credit(img: Any) -> str:
    """The caption as a reader sees it under the picture: text, then the credit."""
    if img.credit and img.credit not in img.caption:
        return f"{img.caption} {img.credit}"
    return img.caption


def fields(html: str | bytes, url: str | None) -> dict[str, Any]:
    """title, authors, published, body and captions of a page, in the scorer's format."""
    try:
        art = extract(html, url or "")
    except ExtractionError:
        return {"title": None, "authors": [], "published": None, "body": "", "captions": []}
    return predict(art)


def predict(art: Any) -> dict[str, Any]:
    """An Article in the scorer's prediction format (captions with their credit appended)."""
    return {
        "title": art.title,
        "authors": list(art.authors),
        "published": art.published.isoformat() if art.published else None,
        "body": art.body_text,
        "captions": [caption_with_credit(img) for img in art.images if img.caption],
    }
