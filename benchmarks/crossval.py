"""Publisher-disjoint cross-validation of the extractor over the annotated dev pages.

The dev pages are split into K folds by publisher (the test set's `extra.split_unit`: all pages of
one publisher, or of publishers sharing one CMS/parser, stay together). Every tunable of the
extractor (TUNABLES: each rule threshold or weight that was chosen by looking at pages) is chosen
on the other K-1 folds, and the held fold is extracted with the values chosen without it. The
held folds' predictions, pooled, are scored by the official scorer: that is the cross-validated
figure, the one that predicts the score on unseen publishers. The in-sample figure extracts every
page with the committed defaults.

What this cannot measure: a rule written after reading a page is chosen on the whole dev set by
its author. The guard against that is a review rule (a rule needs evidence from several
publishers, docs/EXTRACTION.md), not this script; this script keeps every *number* honest.

    python benchmarks/crossval.py [CASES_DIR] [--folds 5] [--workers 2] [--json OUT]
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import json
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_fields.py"

# The fields the quality gate pins, in the official scorer's names.
GATED = ("title_exact", "authors_f1", "date_acc", "body_f1", "body_shingle_f1",
         "captions_recall", "captions_precision")
# What a fold's training pages optimise: the headline fields, equally weighted.
OBJECTIVE = ("title_exact", "authors_f1", "date_acc", "body_f1", "captions_recall", "captions_precision")
# Ties (within this much) keep the committed default: a value is only moved on evidence.
TIE = 1e-4


@dataclass(frozen=True)
class Tunable:
    """One number or rule of the extractor that was set by looking at pages: where it lives and
    the values cross-validation chooses among (the committed default is always a candidate).

    `neutral` is what a fold keeps when the training folds show no gain: the committed default
    for a threshold, but "off" for a rule switch, so that a rule must earn its place on pages
    of other publishers than the held ones (a rule only one publisher's markup supports is off
    when that publisher is held out, and the cross-validated figure shows what it cost)."""

    module: str
    name: str
    candidates: tuple[Any, ...]
    neutral: Any = None

    @property
    def key(self) -> str:
        return f"{self.module}:{self.name}"

    def default(self) -> Any:
        return getattr(importlib.import_module(self.module), self.name)

    def values(self) -> list[Any]:
        default = self.default()
        return [default, *(v for v in self.candidates if v != default)]

    def reference(self) -> Any:
        return self.default() if self.neutral is None else self.neutral


# What a rule does when it is off, by the shape of its function: no finding, an empty list, a
# "no" answer, or its first or second argument passed through unchanged.
STUBS: dict[str, Any] = {
    "none": lambda *args, **kwargs: None,
    "empty": lambda *args, **kwargs: [],
    "emptyset": lambda *args, **kwargs: set(),
    "false": lambda *args, **kwargs: False,
    "true": lambda *args, **kwargs: True,
    "zero": lambda *args, **kwargs: 0,
    "first": lambda first, *args, **kwargs: first,
    "second": lambda first, second, *args, **kwargs: second,
}


def rule(module: str, function: str, off: str) -> Tunable:
    """A rule of the extractor (a module-level function, looked up at call time), switched off
    by replacing it with STUBS[off]. Off is its neutral value: it must earn its place."""
    return Tunable(module, function, (f"off:{off}",), neutral=f"off:{off}")


def _resolve(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("off:"):
        return STUBS[value[4:]]
    return value


def shown(value: Any) -> Any:
    """A tunable's value as printed and written to JSON: rules as on/off."""
    if callable(value):
        return "on"
    if isinstance(value, str) and value.startswith("off:"):
        return "off"
    return value


# Every threshold and weight of the generic extractor that was chosen on dev pages. A test
# (tests/test_extract_quality.py) checks that each still exists, so a rename cannot drop one
# from cross-validation silently.
TUNABLES: tuple[Tunable, ...] = (
    Tunable("crawler.extract", "_SCRIPT_FALLBACK_BELOW", (100, 400)),
    Tunable("crawler.extract.body", "CLIMB_GAIN", (1.1, 1.5)),
    Tunable("crawler.extract.body", "CLIMB_DENSITY", (0.45, 0.65)),
    Tunable("crawler.extract.scriptdata", "_MIN_SCRIPT", (800, 3000)),
    # rules beyond the core passes: each one is off unless the training folds show it helps
    rule("crawler.extract", "_script_body", "none"),
    rule("crawler.extract", "_visible_dek", "none"),
    rule("crawler.extract", "_printed_lines", "empty"),
    rule("crawler.extract.body", "_title_article", "none"),
    rule("crawler.extract.body", "_cut_river", "first"),
    rule("crawler.extract.body", "_prose_after", "false"),
    Tunable("crawler.extract.body", "RIVER_PROSE_CHARS", (200, 500)),
    rule("crawler.extract.body", "_is_dateline", "false"),
    rule("crawler.extract.images", "_media_box_captions", "none"),
    rule("crawler.extract.images", "_climbed_to_column", "false"),
    rule("crawler.extract.images", "_quote_attribution", "false"),
    rule("crawler.extract.images", "_painted_before", "none"),
    rule("crawler.extract.images", "_credited_line", "none"),
    rule("crawler.extract.images", "_site_banner", "false"),
    rule("crawler.extract", "_without_caption_lines", "first"),
    rule("crawler.extract.images", "_alt_echo_captions", "none"),
    rule("crawler.extract.images", "_visually_hidden", "false"),
    rule("crawler.extract.metadata", "_linked_authors", "empty"),
    rule("crawler.extract.metadata", "_lead_byline", "empty"),
    rule("crawler.extract.metadata", "_local_day", "first"),
    rule("crawler.extract.metadata", "_visible_date", "none"),
    rule("crawler.extract.metadata", "_sole_published_box", "none"),
    rule("crawler.extract.metadata", "_visible_section", "none"),
    rule("crawler.extract.metadata", "_no_section_box", "false"),
    rule("crawler.extract.metadata", "_section_page", "false"),
    rule("crawler.extract.metadata", "_label_below_headline", "none"),
    rule("crawler.extract.metadata", "_category_link", "none"),
    rule("crawler.extract.metadata", "_menu_current_section", "none"),
    rule("crawler.extract.metadata", "_in_menu", "false"),
    rule("crawler.extract.metadata", "_home_trail", "none"),
    rule("crawler.extract.metadata", "_aria_current_section", "none"),
    rule("crawler.extract.metadata", "_url_path_section", "none"),
    rule("crawler.extract.metadata", "_meta_line_section_link", "false"),
    rule("crawler.extract.metadata", "_kicker_link", "none"),
    # titles: labels cut by comparing the page's title sources, "…" completed from the h1
    Tunable("crawler.extract.metadata", "MAX_LABEL_WORDS", (4, 8)),
    Tunable("crawler.extract.metadata", "SHORT_SITE_SLACK", (4, 12)),
    rule("crawler.extract.metadata", "_cut_to_known", "none"),
    rule("crawler.extract.metadata", "_site_in_middle", "none"),
    rule("crawler.extract.metadata", "_cut_label_by_shape", "first"),
    rule("crawler.extract.metadata", "_headline_not_h1", "none"),
    rule("crawler.extract.metadata", "_header_heading", "none"),
    rule("crawler.extract.metadata", "_family_first", "first"),
    rule("crawler.extract.metadata", "_component_attrs", "empty"),
    rule("crawler.extract.metadata", "_linked_names", "none"),
    rule("crawler.extract.bylines", "_without_note", "first"),
    rule("crawler.extract.bylines", "_labelled_parts", "first"),
    rule("crawler.extract.bylines", "_is_description", "false"),
    rule("crawler.extract.bylines", "_without_place", "first"),
    rule("crawler.extract.bylines", "_of_outlet", "false"),
    rule("crawler.extract.bylines", "_filing_place", "false"),
    rule("crawler.extract.bylines", "_without_filing_place", "first"),
    rule("crawler.extract.bylines", "_date_glue_only", "false"),
    rule("crawler.extract.bylines", "_without_agency_suffix", "first"),
    Tunable("crawler.extract.bylines", "AGENCY_SUFFIX_MIN_WORDS", (1, 3)),
    rule("crawler.extract", "_closing_authors", "empty"),
    rule("crawler.extract.bylines", "_closing_bio", "none"),
    rule("crawler.extract.bylines", "_without_trailing_role", "first"),
    rule("crawler.extract.metadata", "_chinese_names_apart", "first"),
    rule("crawler.extract.bylines", "_han_names", "none"),
    Tunable("crawler.extract.bylines", "CJK_NAME_MAX_CHARS", (6, 12)),
    rule("crawler.extract.bylines", "_without_korean_places", "first"),
    rule("crawler.extract.metadata", "_name_over_date", "empty"),
    Tunable("crawler.extract.metadata", "NAME_TO_DATE_ELEMENTS", (2, 6)),
    Tunable("crawler.extract.metadata", "NAME_OVER_DATE_SCAN", (15, 45)),
    Tunable("crawler.extract.bylines", "CLOSING_LINES", (1, 3)),
    rule("crawler.extract.metadata", "_menu_kicker", "none"),
    rule("crawler.extract.metadata", "_list_trail", "none"),
    # extractor 0.6.5: a section label names something (a trail's "|" does not); a menu link
    # to the URL's section under a category root (/category/sport/tennis) names it
    rule("crawler.extract.metadata", "_names_something", "true"),
    rule("crawler.extract.metadata", "_in_section_root", "none"),
    Tunable("crawler.extract.metadata", "TRAIL_MAX_ITEMS", (4, 6)),
    rule("crawler.extract.metadata", "_printed_order", "none"),
    rule("crawler.extract.metadata", "_author_cards_row", "first"),
    Tunable("crawler.extract.metadata", "LABEL_HEAD_RATIO", (1.5, 3.0)),
    Tunable("crawler.extract.metadata", "LABEL_MAX_WORDS", (3, 5)),
    rule("crawler.extract.metadata", "_untruncated", "none"),
    rule("crawler.extract.metadata", "_headline_keys", "emptyset"),
    Tunable("crawler.extract.metadata", "HEADLINE_MIN_WORDS", (3, 6)),
    rule("crawler.extract.metadata", "_as_in_source", "second"),
    rule("crawler.extract.metadata", "_home_link_names", "emptyset"),
    rule("crawler.extract.metadata", "_menu_labels", "emptyset"),
    # dates: the article's own <time>, ranked by scope and label; short date lines only
    Tunable("crawler.extract.metadata", "LABEL_CONTEXT_CHARS", (20, 60)),
    Tunable("crawler.extract.metadata", "SHORT_LINE_CHARS", (70, 140)),
    rule("crawler.extract.metadata", "_off_article", "false"),
    rule("crawler.extract.metadata", "_out_of_scope", "zero"),
    rule("crawler.extract.metadata", "_time_hint", "zero"),
    rule("crawler.extract.metadata", "_in_dated_list", "false"),
    Tunable("crawler.extract.metadata", "DATED_LIST_LEVELS", (2, 4)),
    rule("crawler.extract.metadata", "_in_sentence", "false"),
    rule("crawler.extract.metadata", "_short_text_date", "none"),
    rule("crawler.extract.dates", "_jalali", "none"),  # Solar Hijri dates
    rule("crawler.extract.metadata", "_month_first", "false"),  # "05/03/2024" on a US page
    # extractor 0.6.6: a <dd> named for another fact ("Joined", "Born") holds no publication date
    rule("crawler.extract.metadata", "_fact_value", "false"),
    # ... and a date element known by its class in a list of linked items of other days is theirs
    rule("crawler.extract.metadata", "_in_dated_teasers", "false"),
    # ... and the masthead's "today" line beside the home logo, before the headline, is the visit's
    rule("crawler.extract.metadata", "_in_masthead", "false"),
    Tunable("crawler.extract.metadata", "MASTHEAD_LEVELS", (3, 5)),
    # bylines: other stories' bylines skipped, a structured first author widened to the printed list
    Tunable("crawler.extract.metadata", "_TEASER_MAX_CHARS", (250, 600)),
    Tunable("crawler.extract.metadata", "_OTHER_ARTICLE_MAX_CHARS", (800, 2500)),
    Tunable("crawler.extract.metadata", "_LEAD_MAX_CHARS", (60, 120)),
    rule("crawler.extract.metadata", "_in_other_article", "false"),
    rule("crawler.extract.metadata", "_in_teaser", "false"),
    rule("crawler.extract.metadata", "_postal", "false"),
    rule("crawler.extract.metadata", "_fuller_visible", "first"),
    # captions: ties outside <figure>, furniture-classed article columns, credits and non-captions
    Tunable("crawler.extract.images", "TRAILING_CREDIT_MAX_WORDS", (5, 12)),
    Tunable("crawler.extract.images", "ARTICLE_TEXT_SHARE", (0.35, 0.65)),
    Tunable("crawler.extract.images", "NON_CAPTION_MAX_CHARS", (60, 110)),
    Tunable("crawler.extract.images", "CREDITED_PARAGRAPH_MAX_CHARS", (200, 400)),
    Tunable("crawler.extract.images", "TEASER_LINK_SHARE", (0.2, 0.45)),
    rule("crawler.extract.images", "_wraps_article", "false"),
    rule("crawler.extract.images", "_adjacent_captions", "none"),
    rule("crawler.extract.images", "_aria_caption", "none"),
    rule("crawler.extract.images", "_lightbox_caption", "none"),
    rule("crawler.extract.images", "_emphasis_after", "none"),
    rule("crawler.extract.images", "_credited_paragraph", "none"),
    rule("crawler.extract.images", "_background_src", "none"),
    rule("crawler.extract.images", "_noscript_img", "none"),
    rule("crawler.extract.images", "_video_between", "false"),
    rule("crawler.extract.images", "_text_column", "false"),
    # captions on unseen sites: shared stand-ins, pictures beside the article, gallery slides,
    # video flags on the text column, pictures in an <aside>, agency captions opening with a date
    Tunable("crawler.extract.images", "STAND_IN_MIN_USES", (2,)),
    Tunable("crawler.extract.images", "GALLERY_MIN_PICTURES", (3,)),
    Tunable("crawler.extract.images", "DATED_CAPTION_MIN_WORDS", (2,)),
    rule("crawler.extract.images", "_stand_ins", "emptyset"),
    rule("crawler.extract.images", "_galleries_beside", "empty"),
    rule("crawler.extract.images", "_gallery_item", "false"),
    rule("crawler.extract.images", "_column_flag", "false"),
    rule("crawler.extract.images", "_picture_aside", "false"),
    rule("crawler.extract.images", "_dated_caption", "false"),
    rule("crawler.extract.images", "_emphasis_beside", "none"),
    rule("crawler.extract.images", "_term_description", "none"),
    rule("crawler.extract.images", "_gallery_data_caption", "none"),
    rule("crawler.extract.images", "_square_bracket_credit", "false"),
    rule("crawler.extract.images", "_dash_agency", "none"),
    Tunable("crawler.extract.images", "SQUARE_CREDIT_MAX_WORDS", (5, 12)),
    rule("crawler.extract.images", "_caption_credit_box", "false"),
    rule("crawler.extract.images", "_picture_before", "none"),
    rule("crawler.extract.images", "_body_box", "false"),
    rule("crawler.extract.images", "_author_portrait", "false"),
    rule("crawler.extract.images", "_picture_element", "false"),
    rule("crawler.extract.images", "data_attribute_src", "none"),
    rule("crawler.extract.images", "_image_item", "false"),
    rule("crawler.extract.images", "_without_caption_controls", "first"),
    Tunable("crawler.extract.images", "PORTRAIT_ROLE_MAX_WORDS", (3, 8)),
    Tunable("crawler.extract.images", "PICTURE_BOX_MAX_TEXT", (10, 40)),
    # body: furniture boxes, labelled link lists, bylines and pull quotes, bold sub-headings
    Tunable("crawler.extract.body", "WIDGET_MAX_TEXT", (200, 450)),
    Tunable("crawler.extract.body", "WIDGET_MAX_SHARE", (0.15, 0.35)),
    Tunable("crawler.extract.body", "END_AFTER_SHARE", (0.3, 0.7)),
    Tunable("crawler.extract.body", "LABELLED_LINK_SHARE", (0.5, 0.85)),
    rule("crawler.extract.body", "_widgets", "emptyset"),
    rule("crawler.extract.body", "_labelled_links", "false"),
    rule("crawler.extract.body", "_without_byline", "first"),
    rule("crawler.extract.body", "_without_pull_quotes", "first"),
    rule("crawler.extract.body", "_bold_heading", "false"),
    rule("crawler.extract.body", "_lead_meta", "false"),
    rule("crawler.extract.body", "_in_page", "false"),
    rule("crawler.extract.body", "_twin_box", "false"),
    rule("crawler.extract.body", "_twins_good", "zero"),
    rule("crawler.extract.body", "_in_figure", "false"),
    # body: calls to the reader (follow us on …, members only), media teasers, a dangling lead-in
    Tunable("crawler.extract.body", "PROMO_MAX", (200, 450)),
    rule("crawler.extract.body", "_promo_line", "false"),
    rule("crawler.extract.body", "_media_teaser", "false"),
    rule("crawler.extract.body", "_dangling_lead_in", "false"),
    Tunable("crawler.extract.body", "CREDIT_LABEL_MAX", (60, 120)),
    rule("crawler.extract.body", "_credit_line", "false"),
    rule("crawler.extract.body", "_bracketed_staff_line", "false"),
    rule("crawler.extract.body", "_year_heading", "false"),
    rule("crawler.extract.body", "_embed_attribution", "false"),
    # 0.6.0: writer and date on one line, credits spelled out or labelled for screen readers
    rule("crawler.extract.metadata", "_name_beside_date", "empty"),
    Tunable("crawler.extract.metadata", "NAME_BESIDE_DATE_CHARS", (60, 160)),
    rule("crawler.extract.images", "_spelled_credit", "false"),
    rule("crawler.extract.images", "_han_closing_credit", "none"),
    Tunable("crawler.extract.images", "HAN_CREDIT_MAX_CHARS", (20, 45)),
    rule("crawler.extract.images", "_labelled_credit", "false"),
    Tunable("crawler.extract.images", "LABELLED_CREDIT_MAX_CHARS", (40, 90)),
    Tunable("crawler.extract.images", "LABELLED_CREDIT_MAX_WORDS", (4, 10)),
    # 0.6.1: a picture's box that no name marks (CSS-in-JS class names), a <noscript> twin, the
    # comment section's title
    rule("crawler.extract.images", "_unmarked_picture_box", "false"),
    Tunable("crawler.extract.images", "UNMARKED_BOX_MAX_CHARS", (300, 600)),
    Tunable("crawler.extract.images", "PARAGRAPH_MIN_CHARS", (50, 120)),
    rule("crawler.extract.images", "_noscript_twin", "false"),
    rule("crawler.extract.body", "_comments_head", "false"),
    Tunable("crawler.extract.body", "COMMENTS_HEAD_MAX_CHARS", (30, 60)),
    # 0.6.2: a story card that is one link around its heading; an unmarked "By" line under a
    # long share bar, the site's desk after the name; a credited caption set as a <span>; a
    # labelled credit in the caption's first box; an <aside> around one picture and its caption;
    # an unmarked picture box right under the headline
    rule("crawler.extract.body", "_heading_card", "false"),
    rule("crawler.extract.metadata", "_prints_nothing_of_its_own", "false"),
    rule("crawler.extract.metadata", "_without_desks", "first"),
    rule("crawler.extract.images", "_credited_span", "none"),
    rule("crawler.extract.images", "_leading_credit", "none"),
    Tunable("crawler.extract.images", "LEADING_CREDIT_MAX_CHARS", (60, 120)),
    rule("crawler.extract.images", "_captioned_picture_aside", "false"),
    Tunable("crawler.extract.images", "PICTURE_ASIDE_MAX_CHARS", (250, 600)),
    rule("crawler.extract.images", "_under_headline", "false"),
    Tunable("crawler.extract.images", "ICON_MAX_PX", (60, 150)),
    # extractor 0.6.3: an unmarked picture box right before the box of the article's text; an
    # <aside> around one picture and its caption is that picture's box; "(Courtesy of …)" credits;
    # a caption the media-box pass found leaves the body
    rule("crawler.extract.images", "_before_the_text", "false"),
    rule("crawler.extract.images", "_aside_picture_box", "false"),
    rule("crawler.extract.images", "_courtesy_credit", "false"),
    rule("crawler.extract.images", "_media_box_line", "none"),
    # a share bar of plain labels ("Facebook", "Twitter", "Email") is no text
    rule("crawler.extract.body", "_without_share_bars", "first"),
    Tunable("crawler.extract.body", "SHARE_RUN_MIN", (2, 4)),
    # a table laid out around one picture and its caption (Blogger's)
    rule("crawler.extract.images", "_caption_table", "false"),
    Tunable("crawler.extract.images", "CAPTION_TABLE_MAX_ROWS", (2, 4)),
    # a row of slides whose names say nothing (a CSS-in-JS carousel)
    rule("crawler.extract.images", "_slide_by_shape", "false"),
    Tunable("crawler.extract.images", "SLIDES_MIN", (3,)),
    # a labelled credit in the box right after the caption's
    rule("crawler.extract.images", "_credit_box_after", "none"),
    # extractor 0.6.4: an <article> beside the chosen one (or a box around one) is another story
    rule("crawler.extract.body", "_other_article", "false"),
    # extractor 0.6.8: the weekday printed before an ambiguous numeric date; an author field
    # that names the site as its logo or <title> does; a byline printed as rows; a bio's clause;
    # the weekday that opens the date line after a name
    rule("crawler.extract.dates", "_weekday_order", "none"),
    rule("crawler.extract.metadata", "_names_the_site", "false"),
    rule("crawler.extract.metadata", "_author_rows", "empty"),
    rule("crawler.extract.metadata", "_clause_end", "false"),
    rule("crawler.extract.bylines", "_without_weekday", "first"),
    Tunable("crawler.extract.metadata", "AUTHOR_ROW_MAX_CHARS", (40, 60)),
    # extractor 0.6.9: a rights notice after the text; a Korean reporter's sign-off
    rule("crawler.extract.body", "_rights_notice", "false"),
    rule("crawler.extract.bylines", "korean_sign_off", "none"),
    rule("crawler.extract", "_text_runs", "empty"),
    # a trail above the headline that a label opens or the page's own entry closes
    rule("crawler.extract.metadata", "_labelled_trail", "false"),
    # a caption centred under its centred picture
    rule("crawler.extract.images", "_centred_paragraph", "none"),
    # a list of slides named for its photos
    rule("crawler.extract.images", "_photo_list", "false"),
    # the absolute date in the tooltip of a relative one
    rule("crawler.extract.metadata", "_tooltip_date", "none"),
    # a player's title printed among the paragraphs
    rule("crawler.extract.body", "_player_title", "false"),
    # a byline's names in inline elements with nothing between them
    rule("crawler.extract.metadata", "_glued_rows", "empty"),
    # a "By" line after the date a line opens with
    rule("crawler.extract.metadata", "_by_after_date", "none"),
    # the hCard microformat's names on a byline element are no teaser card's
    rule("crawler.extract.metadata", "_without_hcard", "first"),
    # the visible headline after a label the <title> prints before it
    rule("crawler.extract.metadata", "_label_before", "false"),
    # the title of a link that opens a picture in a lightbox
    rule("crawler.extract.images", "_link_title_caption", "none"),
    # a headline printed in a styled element, no heading
    rule("crawler.extract.metadata", "_styled_headline", "none"),
    # a date line with its stamp's label where a caption would be
    rule("crawler.extract.images", "_without_stamp_label", "first"),
    # a picture whose caption box holds only its credit, listed with that credit
    rule("crawler.extract.images", "_credit_of_uncaptioned", "none"),
    # the credit a Japanese caption closes with after "＝" or "、"
    rule("crawler.extract.images", "_japanese_closing_credit", "none"),
)


def load_scorer(path: Path = DEFAULT_SCORER) -> Any:
    """The official scorer as a module (it is a script beside the test data, not a package)."""
    spec = importlib.util.spec_from_file_location("score_fields", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"official scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(cases_dir: Path) -> dict[str, dict[str, Any]]:
    cases = {}
    for d in sorted(cases_dir.iterdir()):
        f = d / "expected.json"
        if f.is_file() and (d / "page.html").is_file():
            exp = json.loads(f.read_text("utf-8"))
            cases[exp.get("case_id") or d.name] = exp
    return cases


def unit_of(exp: dict[str, Any]) -> str:
    """The publisher unit of a case: pages of one publisher, or of publishers sharing a CMS."""
    extra = exp.get("extra") or {}
    return str(extra.get("split_unit") or extra.get("publisher") or exp.get("case_id"))


def assign_folds(cases: dict[str, dict[str, Any]], k: int) -> dict[str, int]:
    """Publisher-disjoint folds, balanced per ground-truth source (so every fold holds fundus,
    readability and htmldate pages), deterministic: units go, largest first and then in hash
    order, to the fold that holds the fewest pages of that source so far."""
    units: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid, exp in cases.items():
        units[(str(exp.get("source")), unit_of(exp))].append(cid)
    load: dict[tuple[str, int], int] = defaultdict(int)
    fold_of: dict[str, int] = {}
    order = sorted(units, key=lambda su: (su[0], -len(units[su]),
                                          hashlib.sha1(su[1].encode()).hexdigest()))
    for source, unit in order:
        members = units[(source, unit)]
        fold = min(range(k), key=lambda f: (load[(source, f)], f))
        load[(source, fold)] += len(members)
        for cid in members:
            fold_of[cid] = fold
    return fold_of


# --- extraction with overridden tunables (run in worker processes) -------------------------
_PAGES: list[tuple[str, bytes, str]] = []


class _Candidates:
    """A threshold's committed value that also carries every candidate value, for the default
    run: arithmetic is carried out on all of them, and a comparison whose outcome for some
    candidate differs from the committed value's marks the page as one that candidate may
    change. Any other use (an index, a conversion, a hash) marks the page outright. A page
    never marked runs the same comparisons with the same outcomes under every candidate, so
    its extraction is the default's: a threshold's run re-extracts the marked pages only.

    It is no int or float subclass on purpose: int and float operations given a subclass
    read its value in C without calling back, and the use would go unseen."""

    __slots__ = ("values", "marked", "page")

    def __init__(self, values: tuple[Any, ...], marked: set[str], page: list[str]) -> None:
        self.values = values  # the committed value first
        self.marked = marked
        self.page = page

    def _mark(self) -> None:
        self.marked.add(self.page[0])

    def _others(self, other: Any) -> list[Any]:
        if isinstance(other, _Candidates):
            if other.marked is not self.marked:  # two thresholds in one expression
                self._mark()
                other._mark()
                return [other.values[0]] * len(self.values)
            return list(other.values)
        return [other] * len(self.values)

    def _arith(self, other: Any, op: Any, reflected: bool = False) -> "_Candidates":
        pairs = zip(self.values, self._others(other))
        values = tuple(op(b, a) if reflected else op(a, b) for a, b in pairs)
        return _Candidates(values, self.marked, self.page)

    def _compare(self, other: Any, op: Any) -> bool:
        outcomes = [op(a, b) for a, b in zip(self.values, self._others(other))]
        if any(o != outcomes[0] for o in outcomes[1:]):
            self._mark()
        return outcomes[0]

    def _plain(self, convert: Any) -> Any:
        self._mark()
        return convert(self.values[0])


def _install_candidate_ops() -> None:
    """Give _Candidates the numeric protocol, one generated method per operator: comparisons
    compare every candidate, arithmetic carries them all, conversions mark the page."""
    import operator
    for name in ("lt", "le", "gt", "ge", "eq", "ne"):
        op = getattr(operator, name)
        setattr(_Candidates, f"__{name}__", lambda self, other, op=op: self._compare(other, op))
    for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow"):
        op = getattr(operator, name)
        setattr(_Candidates, f"__{name}__", lambda self, other, op=op: self._arith(other, op))
        setattr(_Candidates, f"__r{name}__", lambda self, other, op=op: self._arith(other, op, True))
    for name in ("neg", "pos", "abs"):
        op = getattr(operator, name)
        setattr(_Candidates, f"__{name}__",
                lambda self, op=op: _Candidates(tuple(map(op, self.values)), self.marked, self.page))
    for name, convert in (("index", operator.index), ("int", int), ("float", float), ("bool", bool),
                          ("hash", hash), ("str", str), ("repr", repr), ("round", round)):
        setattr(_Candidates, f"__{name}__", lambda self, *a, c=convert: self._plain(
            (lambda v: c(v, *a)) if a else c))
    _Candidates.__format__ = lambda self, spec: self._plain(lambda v: format(v, spec))  # type: ignore[method-assign]


_install_candidate_ops()


def _init_worker(pages: list[tuple[str, bytes, str]]) -> None:
    global _PAGES
    _PAGES = pages


def _predict(task: tuple[dict[str, Any], frozenset[str] | None]) -> dict[str, dict[str, Any]]:
    """Predictions for the pages (all, or those named) with the given tunables overridden."""
    return _predict_traced(task, ())[0]


def _predict_traced(task: tuple[dict[str, Any], frozenset[str] | None], rules: tuple[str, ...],
                    thresholds: dict[str, tuple[Any, ...]] | None = None
                    ) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """Predictions with the given overrides, and for each rule of `rules` the pages on which it
    (or the stub standing in for it) was called, and for each threshold of `thresholds` (key:
    its candidate values, the committed one first) the pages a candidate may change."""
    thresholds = thresholds or {}
    overrides, only = task
    from crawler.extract import ExtractionError, extract
    from crawler.extract.bench import predict

    called: dict[str, set[str]] = {key: set() for key in (*rules, *thresholds)}
    page = [""]

    def tracer(key: str, function: Any) -> Any:
        def traced(*args: Any, **kwargs: Any) -> Any:
            called[key].add(page[0])
            return function(*args, **kwargs)
        return traced

    saved = {}
    for key in {**overrides, **dict.fromkeys(rules), **thresholds}:
        module_name, name = key.split(":")
        module = importlib.import_module(module_name)
        saved[(module, name)] = getattr(module, name)
        value = _resolve(overrides[key] if key in overrides else saved[(module, name)])
        if key in thresholds:
            value = _Candidates(thresholds[key], called[key], page)
        elif key in rules:
            value = tracer(key, value)
        setattr(module, name, value)
    try:
        out = {}
        for cid, data, url in _PAGES:
            if only is not None and cid not in only:
                continue
            page[0] = cid
            try:
                out[cid] = predict(extract(data, url))
            except ExtractionError:
                out[cid] = {"title": None, "authors": [], "published": None, "body": "", "captions": []}
        return out, called
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)


# --- scoring subsets cheaply from the official per-case rows ---------------------------------
def _combine(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """The gated figures of a subset of cases from the official scorer's per-case rows (the
    same micro/macro averages as its aggregate(); used only to choose values, never reported)."""
    def mean(vals: list[float]) -> float | None:
        return sum(vals) / len(vals) if vals else None

    title = [r["title"]["exact"] for r in rows if "title" in r]
    date = [r["published"]["exact"] for r in rows if "published" in r]
    body = [r["body"]["f1"] for r in rows if "body" in r]
    shingle = [r["body"]["shingle_f1"] for r in rows if "body" in r]
    au = defaultdict(int)
    cap = defaultdict(int)
    for r in rows:
        for k, v in r.get("authors", {}).items():
            if k != "f1":
                au[k] += v
        for k, v in r.get("captions", {}).items():
            cap[k] += v
    authors_f1 = None
    if any("authors" in r for r in rows):
        p = au["tp"] / au["n_pred"] if au["n_pred"] else (1.0 if au["n_exp"] == 0 else 0.0)
        rc = au["tp"] / au["n_exp"] if au["n_exp"] else (1.0 if au["n_pred"] == 0 else 0.0)
        authors_f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {
        "title_exact": mean(title), "authors_f1": authors_f1, "date_acc": mean(date),
        "body_f1": mean(body), "body_shingle_f1": mean(shingle),
        "captions_recall": cap["found"] / cap["n_exp"] if cap["n_exp"] else None,
        "captions_precision": cap["correct"] / cap["n_pred"] if cap["n_pred"] else None,
    }


def _objective(scores: dict[str, float | None]) -> float:
    vals = [scores[k] for k in OBJECTIVE if scores.get(k) is not None]
    return sum(vals) / len(vals) if vals else 0.0  # type: ignore[arg-type]


class _RowCache:
    """The official scorer's per-case row for each distinct prediction of a page, computed
    once: most runs (one per candidate value, the settle step's trials) predict for most of
    their pages what another run already predicted, and the scorer's caption matching
    (SequenceMatcher over every pair) was the parent process's main cost."""

    def __init__(self, scorer: Any, cases: dict[str, dict[str, Any]]) -> None:
        self.scorer = scorer
        self.cases = cases
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    @staticmethod
    def _key(cid: str, pred: dict[str, Any]) -> tuple[str, str]:
        blob = json.dumps(pred, sort_keys=True, ensure_ascii=False, default=str)
        return cid, hashlib.sha1(blob.encode("utf-8")).hexdigest()

    def rows_for(self, preds: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        keys = {cid: self._key(cid, pred) for cid, pred in preds.items()}
        missing = {cid: preds[cid] for cid, key in keys.items() if key not in self.rows}
        if missing:
            _, per_case = self.scorer.aggregate({c: self.cases[c] for c in missing}, missing)
            for row in per_case:
                self.rows[keys[row["case_id"]]] = row
        return {cid: self.rows[key] for cid, key in keys.items()}


def _settle_redundant(pick: dict[str, Any], train: list[str], tunables: tuple[Tunable, ...],
                      base_preds: dict[str, dict[str, Any]], base_rows: dict[str, dict[str, Any]],
                      pool: ProcessPoolExecutor, cache: _RowCache) -> dict[str, Any]:
    """Rules are chosen one at a time, so two rules that find the same thing each look
    useless alone and would both go off. Switch the chosen rules off together on the training
    pages; where that loses what the defaults found, turn rules back on, in TUNABLES order,
    while that wins on the training pages. Only pages the joint switch changed are re-extracted
    (a rule turned back on moves those pages towards the defaults), and of those only the ones
    on which the rule's stub was called: elsewhere turning it back on changes nothing."""
    off = [t for t in tunables if t.neutral is not None and pick.get(t.key) == t.neutral]
    if not off:
        return pick
    preds, stubbed = pool.submit(_predict_traced, (pick, frozenset(train)),
                                 tuple(t.key for t in off)).result()
    moved = frozenset(c for c in train if preds[c] != base_preds[c])
    if not moved:
        return pick

    def value_of(current: dict[str, dict[str, Any]]) -> float:
        rows = {**{c: base_rows[c] for c in train}, **cache.rows_for(current)}
        return _objective(_combine(list(rows.values())))

    current = {c: preds[c] for c in moved}
    joint = value_of(current)
    pick = dict(pick)
    for i, t in enumerate(off):
        pages = moved & stubbed[t.key]
        if not pages:
            continue
        trial = {k: v for k, v in pick.items() if k != t.key}
        trial_preds = {**current, **pool.submit(_predict, (trial, pages)).result()}
        value = value_of(trial_preds)
        if value > joint + TIE:
            pick, joint, current = trial, value, trial_preds
            rest = tuple(u.key for u in off[i + 1:])
            if rest:  # where the remaining stubs are called changes with the rule back on
                stubbed = pool.submit(_predict_traced, (pick, moved), rest).result()[1]
    return pick


def cross_validate(cases_dir: Path = DEFAULT_CASES, *, folds: int = 5, workers: int = 2,
                   scorer_path: Path = DEFAULT_SCORER,
                   tunables: tuple[Tunable, ...] = TUNABLES) -> dict[str, Any]:
    """In-sample and publisher-fold cross-validated scores, the values chosen per fold, and
    each held fold's own score."""
    scorer = load_scorer(scorer_path)
    cases = load_cases(cases_dir)
    fold_of = assign_folds(cases, folds)
    pages = [(cid, (cases_dir / cid / "page.html").read_bytes(), exp.get("url") or "")
             for cid, exp in cases.items()]
    defaults = {t.key: t.default() for t in tunables}
    # one full run per candidate value of one tunable, the others at their defaults
    configs: list[dict[str, Any]] = [{}]
    for t in tunables:
        configs += [{t.key: v} for v in t.values()[1:]]
    # Moving one tunable can only change the pages on which it takes part (everything else
    # runs exactly as with the defaults): the default run records, for each rule, the pages
    # on which it is called and, for each threshold, the pages on which some candidate value
    # would decide a comparison otherwise (_Candidates); a tunable's run re-extracts those.
    rules = tuple(t.key for t in tunables if t.neutral is not None)
    thresholds = {t.key: tuple(t.values()) for t in tunables if t.neutral is None}
    cache = _RowCache(scorer, cases)
    with ProcessPoolExecutor(max_workers=max(1, workers), initializer=_init_worker,
                             initargs=(pages,)) as pool:
        default_run, touched = pool.submit(_predict_traced, ({}, None), rules, thresholds).result()
        tasks = [(c, frozenset(touched[next(iter(c))])) for c in configs[1:]]
        busy = [task for task in tasks if task[1]]
        results = iter(pool.map(_predict, busy))
        reruns = [next(results) if task[1] else {} for task in tasks]
        rows = [cache.rows_for(default_run)]
        for preds in reruns:
            # one value moved changes few pages: score those, keep the default run's rows
            changed = {c: p for c, p in preds.items() if p != default_run[c]}
            rows.append({**rows[0], **cache.rows_for(changed)})

        def run_of(t: Tunable, value: Any) -> int:
            if value == defaults[t.key]:
                return 0
            return configs.index({t.key: value})

        chosen: list[dict[str, Any]] = []
        for fold in range(folds):
            train = [cid for cid in cases if fold_of[cid] != fold]
            pick: dict[str, Any] = {}
            for t in tunables:
                # the reference value is tried first: another value must beat it by more than TIE
                ordered = [t.reference(), *(v for v in t.values() if v != t.reference())]
                best_value, best = None, -1.0
                for value in ordered:
                    score = _objective(_combine([rows[run_of(t, value)][c] for c in train]))
                    if best_value is None or score > best + TIE:
                        best_value, best = value, score
                if best_value != defaults[t.key]:
                    pick[t.key] = best_value
            chosen.append(_settle_redundant(pick, train, tunables, default_run, rows[0], pool, cache))
        held_tasks = [(chosen[f], frozenset(c for c in cases if fold_of[c] == f)) for f in range(folds)]
        held_runs = list(pool.map(_predict, held_tasks))
    effects = {f"{k.split(':')[1]}={shown(v)}": _objective(_combine(list(rows[i].values()))) - _objective(
        _combine(list(rows[0].values()))) for i, cfg in enumerate(configs) for k, v in cfg.items()}
    pooled: dict[str, dict[str, Any]] = {}
    for preds in held_runs:
        pooled.update(preds)
    in_sample, _ = scorer.aggregate(cases, default_run)
    crossval, per_case = scorer.aggregate(cases, pooled)
    per_fold = []
    for f in range(folds):
        members = {c: e for c, e in cases.items() if fold_of[c] == f}
        held, _ = scorer.aggregate(members, {c: pooled[c] for c in members})
        per_fold.append({"fold": f, "cases": len(members),
                         "units": len({unit_of(e) for e in members.values()}),
                         "chosen": {k: shown(v) for k, v in chosen[f].items()}, "scores": {k: held.get(k) for k in GATED}})
    return {
        "folds": folds,
        "defaults": {k: shown(v) for k, v in defaults.items()},
        "in_sample": {k: in_sample.get(k) for k in GATED},
        "crossval": {k: crossval.get(k) for k in GATED},
        "gap": {k: (in_sample[k] - crossval[k]) if in_sample.get(k) is not None
                and crossval.get(k) is not None else None for k in GATED},
        "per_fold": per_fold,
        "effects": effects,
        "fold_of": fold_of,
    }


def report(result: dict[str, Any], out: Any = sys.stdout) -> None:
    def fmt(v: Any) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    print(f"== publisher-fold cross-validation ({result['folds']} folds; "
          f"{len(result['defaults'])} thresholds and rules chosen on the other folds)", file=out)
    print(f"  {'field':<20} {'in-sample':>9} {'cross-val':>9} {'gap':>7}", file=out)
    for key in GATED:
        print(f"  {key:<20} {fmt(result['in_sample'][key]):>9} {fmt(result['crossval'][key]):>9} "
              f"{fmt(result['gap'][key]):>7}", file=out)
    for fold in result["per_fold"]:
        figures = " ".join(f"{k.split('_')[0][:5]}{'/' + k.split('_')[1][:4] if k.startswith(('captions', 'body_sh')) else ''}"
                           f"={fmt(v)}" for k, v in fold["scores"].items())
        chosen = ", ".join(f"{k.split(':')[1]}={v}" for k, v in fold["chosen"].items()) or "defaults"
        print(f"  held fold {fold['fold']} ({fold['cases']} pages, {fold['units']} publishers): "
              f"{figures}; chosen: {chosen}", file=out)
    effects = ", ".join(f"{k} {v:+.4f}" for k, v in result["effects"].items())
    print(f"  objective change on all pages when one value moves off its default: {effects}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER))
    ap.add_argument("--json", help="write the figures here")
    a = ap.parse_args(argv)
    result = cross_validate(Path(a.cases), folds=a.folds, workers=a.workers, scorer_path=Path(a.scorer))
    report(result)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
