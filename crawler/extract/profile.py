"""Per-site extraction precision: declarative field selectors a site profile may supply.

The generic extractor works without them; a selector, when given and matching, wins over the
generic guess for its field. Selectors are CSS (cssselect syntax, evaluated with lxml).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldSelectors:
    title: str | None = None
    dek: str | None = None
    authors: str | None = None      # elements whose text is a byline ("By A and B |")
    published: str | None = None    # element with a datetime/content attribute or date text
    modified: str | None = None
    section: str | None = None
    body: str | None = None         # the container of the article body
    body_exclude: str | None = None  # elements inside the body container to drop
    figures: str | None = None      # figure elements (image + caption + credit)
    caption: str | None = None      # caption element, relative to a figure
    credit: str | None = None       # credit element, relative to a figure
    tags: str | None = None


class ExtractionProfile:
    """What extract() reads from a profile: anything with a `selectors` attribute works."""

    selectors: FieldSelectors = FieldSelectors()
