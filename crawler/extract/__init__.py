"""Pure article extraction: page bytes + URL (+ optional site profile) -> Article.

`extract()` decodes and parses once, reads metadata (metadata.py), finds the body (body.py)
and the captioned images (images.py). No Scrapy, no network, no clock: the same function
serves live crawls, re-extraction from WARC and the benchmarks. Only the typed errors of
exceptions.py leave it.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from .article import Article, Block, Image
from .classify import PageSignals, carries_scripts, declared_type, page_signals, script_shell
from .exceptions import EmptyDocumentError, ExtractionError, NotHTMLError, ParseError
from .profile import FieldSelectors
from .urls import normalize_url, site_of

__all__ = [
    "extract", "Article", "Block", "Image", "ExtractionError", "NotHTMLError",
    "EmptyDocumentError", "ParseError", "FieldSelectors", "EXTRACTOR_VERSION", "extract_page",
    "PageSignals",
]

# Bump when extraction output changes for the same input (stored with every version record,
# so re-extraction can tell which records an upgrade would change).
EXTRACTOR_VERSION = "0.7.0"


def extract(html: bytes | str, url: str, *, profile: Any = None) -> Article:
    """Extract one article page. Raises only ExtractionError subclasses."""
    return _guarded(html, url, profile, False)[0]


def extract_page(html: bytes | str, url: str, *,
                 profile: Any = None) -> tuple[Article, PageSignals]:
    """extract(), plus what classify.classify() needs to tell an article from a listing, read
    from the same parse (crawls, reextract and imports decide by content, not by URL)."""
    article, signals = _guarded(html, url, profile, True)
    assert signals is not None
    return article, signals


def _guarded(html: bytes | str, url: str, profile: Any,
             with_signals: bool) -> tuple[Article, PageSignals | None]:
    try:
        return _extract(html, url, profile, with_signals)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ParseError(f"document nested too deeply to extract: {exc}") from exc
    except MemoryError as exc:
        raise ParseError("document too large to extract") from exc
    except Exception as exc:  # noqa: BLE001 - the contract: typed errors only, with the cause
        raise ParseError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _extract(html: bytes | str, url: str, profile: Any,
             with_signals: bool = False) -> tuple[Article, PageSignals | None]:
    from .body import article_scope, extract_body_container
    from .html import load
    from .images import extract_images
    from .select import profile_body, profile_images, selectors_of

    url = url or ""
    selectors = selectors_of(profile)
    root = load(html)
    # CSS never renders as text, but CSS-in-JS pages (emotion, styled-components) put <style>
    # inside headings and bylines, where it would read as their first words
    _strip_styles(root)
    declared = declared_type(root) if with_signals else None  # before scripts are stripped
    meta = _read_metadata(root, url, selectors)
    # metadata has seen the untouched tree (JSON-LD lives in <script>); from here on, drop
    # what never renders so that body and image passes walk less.
    from .scriptdata import collect_scripts

    scripts = collect_scripts(root)
    scripted = with_signals and carries_scripts(root)
    _strip_invisible(root)
    blocks = profile_body(root, selectors, meta) if selectors else None
    container: list[Any] = []
    script_images = None
    if blocks is None:
        blocks, container = extract_body_container(root, title=meta.title, drop=meta.authors)
        if scripts and sum(len(b.text) for b in blocks) < _SCRIPT_FALLBACK_BELOW:
            found = _script_body(scripts, url, meta)
            if found is not None:
                blocks, script_images = found
    dek = meta.dek if _standfirst_like(meta.dek, meta.authors) and _printed(root, meta.dek) else None
    dek = dek or _visible_dek(root, container)
    blocks = _with_dek_first(blocks, dek)
    images = profile_images(root, url, selectors) if selectors else None
    if images is None:
        caption_lines: list[tuple[str, Any]] = []
        images = extract_images(root, url, scope=article_scope(root, container, meta.title),
                                body=[b.text for b in blocks], authors=meta.authors or (),
                                caption_lines=caption_lines)
        if script_images:
            seen = {i.caption for i in images}
            images = images + [i for i in script_images if i.caption not in seen]
        blocks = _without_caption_lines(blocks, caption_lines, container, dek)
    canonical = meta.canonical_url or url
    try:
        canonical = normalize_url(urljoin(url, canonical)) if canonical else ""
    except ValueError:
        canonical = normalize_url(url) if url else ""
    # a page with little text that its scripts build: its reason says so (classify)
    shell = scripted and sum(len(b.text) for b in blocks) < _SHELL_CHECK_BELOW \
        and script_shell(root)
    signals = page_signals(root, container, blocks, declared, shell=shell) \
        if declared is not None else None
    return Article(
        url=url,
        canonical_url=canonical,
        site=site_of(url),
        language=meta.language,
        section=meta.section,
        title=meta.title,
        dek=dek,
        authors=list(meta.authors if meta.authors and not meta.authors_fallback
                     else _closing_authors(blocks, container) or meta.authors),
        published=meta.published,
        modified=meta.modified,
        body=blocks,
        images=images,
        tags=list(meta.tags or []),
    ), signals


def _closing_authors(blocks: list[Block], container: list[Any]) -> list[str]:
    """The writers named by the text's closing credit ("(Reporting by Jane Roe; Editing by
    …)", "— Jane Roe"), for a page that names no person before its text: wire copy and many
    small sites credit the writer only there. Read from the paragraphs the page prints from
    the text's last CLOSING_LINES paragraphs to CLOSING_LINES after them (the body leaves
    credit lines out, so they are read from the page)."""
    from .bylines import CLOSING_LINES, closing_byline

    tail = [" ".join(b.text.split()) for b in blocks if b.kind == "p"][-CLOSING_LINES:]
    if not tail:
        return []
    printed = [" ".join("".join(p.itertext()).split()) for box in container for p in box.iter("p")]
    end = next((i for i in range(len(printed) - 1, -1, -1) if printed[i] == tail[-1]), None)
    if end is None:
        # the text's last paragraph is no <p>: a page that prints paragraphs as <div>s
        printed = _printed_lines(container)
        end = next((i for i in range(len(printed) - 1, -1, -1) if printed[i] == tail[-1]), None)
    if end is None:
        # lines after the text's last block that the body left out (a part of that block, "-
        # Removed Herobrine" in a list printed with <br>s, is no credit)
        after = [run for run in _text_runs(container)[-CLOSING_LINES:] if run not in tail[-1]]
        return closing_byline(tail + after)
    start = next((i for i in range(end, -1, -1) if printed[i] == tail[0]), end)
    return closing_byline([t for t in printed[start:end + 1 + CLOSING_LINES] if t])


def _text_runs(container: list[Any]) -> list[str]:
    """The runs of text the container prints, in document order, collapsed as in
    _closing_authors: the lines of a text printed between <br>s, with no box per paragraph (as
    Korean portals print a story, its reporter's sign-off last)."""
    runs = (" ".join(text.split()) for box in container for text in box.itertext())
    return [run for run in runs if run]


# Elements that hold lines of their own: a <div> holding one of them is a box, not a line.
_LINE_BOXES = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "figure",
    "blockquote", "ul", "ol", "li", "dl", "table", "form", "pre", "h1", "h2", "h3", "h4", "h5",
    "h6",
})


def _printed_lines(container: list[Any]) -> list[str]:
    """The lines the container's boxes print, in document order: each <p>, and each <div>
    that holds text and no box of its own (many CMSs print the paragraphs of the text, and
    its closing credit, as `<div class="paragraph">`). Text collapsed as in _closing_authors."""
    lines: list[str] = []
    for box in container:
        boxes = set()  # the <div>s that hold a box: no line of their own
        for el in box.iter(*_LINE_BOXES):
            if el is box:
                continue
            for anc in el.iterancestors("div"):
                if anc in boxes:
                    break
                boxes.add(anc)
                if anc is box:
                    break
        for el in box.iter("p", "div"):
            if el.tag == "div" and el in boxes:
                continue
            text = " ".join("".join(el.itertext()).split())
            if text:
                lines.append(text)
    return lines


def _without_caption_lines(blocks: list[Block], lines: list[tuple[str, Any]], container: list[Any],
                           dek: str | None) -> list[Block]:
    """The body without the paragraphs that are a picture's caption: a caption printed inside
    the text's container (a paragraph under the picture, "<p><img></p><p><em>Caption (Photo:
    AP)</em></p>", or a caption box the text's rules read as a paragraph) is the picture's, as
    a <figcaption> is, not the article's text. `lines` are (text, element) of the captions
    found (extract_images). A caption outside the container that repeats a paragraph of the
    text (a lead picture captioned with the first sentence) takes nothing from it, nor does
    any caption from the standfirst."""
    boxes = set(container)
    inside = {" ".join(text.split()) for text, el in lines
              if el in boxes or any(anc in boxes for anc in el.iterancestors())}
    if not inside:
        return blocks
    # a block can only be a caption when its first word is a caption's first word: splitting
    # off one word costs a fraction of collapsing the whole text, and most blocks stop there
    firsts = {text.split(" ", 1)[0] for text in inside}
    # a <dd> caption (_term_description) is read as a list item
    return [b for b in blocks if b.kind not in ("p", "li") or b.text == dek
            or not _may_be_caption(b.text, firsts)
            or " ".join(b.text.split()) not in inside]


def _may_be_caption(text: str, firsts: set[str]) -> bool:
    """Whether " ".join(text.split()) may be one of the collapsed captions whose first words
    are `firsts` (False only when it is none of them)."""
    head = text.split(None, 1)
    return (head[0] if head else "") in firsts


_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")  # kana, Han, Thai


_SCRIPT_FALLBACK_BELOW = 200  # characters of DOM body under which script data is tried
# characters of body text under which a page with scripts is checked for being a script shell
# (NEWS_MIN_ARTICLE_WORDS' 40 words are some 250 characters; Arabic and German run longer)
_SHELL_CHECK_BELOW = 600


def _script_body(scripts: list[str], url: str, meta: Any) -> tuple[list[Block], list[Image]] | None:
    """Body blocks and images from article HTML held only in script data (client-rendered
    pages), or None when there is none worth more than the DOM gave."""
    from .body import collect_blocks, filter_blocks
    from .images import extract_images
    from .scriptdata import article_html, fragment

    html = article_html(scripts)
    if not html:
        return None
    frag = fragment(html)
    if frag is None:
        return None
    blocks = filter_blocks(collect_blocks([frag]), title=meta.title, drop=meta.authors)
    if sum(len(b.text) for b in blocks) < _SCRIPT_FALLBACK_BELOW:
        return None
    return blocks, extract_images(frag, url, scope=frag)


def _standfirst_like(text: str | None, authors: Any) -> bool:
    """A standfirst is a sentence or more: not a name, a kicker or a byline that a page put
    in its description meta ("MTHOBISI SITHOLE")."""
    if not text or len(text) < 20:
        return False
    if len(text.split()) < 4 and not _UNSPACED.search(text):
        return False
    key = text.casefold().strip()
    return not any(key == a.casefold() for a in authors or [])


def _with_dek_first(blocks: list[Block], dek: str | None) -> list[Block]:
    """Article.body starts with the standfirst as a reader meets it (the fundus convention:
    body = summary + paragraphs): the dek becomes the first "p" block unless the body already
    starts with it. A dek that the body walker found further down (it read the standfirst as
    a paragraph after a figure, say) is moved to the front, not repeated."""
    if not dek:
        return blocks
    from .text import clean

    dek = clean(dek)
    key = dek.casefold()
    if not key:
        return blocks
    for i, block in enumerate(blocks[:4]):
        if block.text.casefold() == key:
            return [block, *blocks[:i], *blocks[i + 1:]] if i else blocks
    if len(key) >= 20:
        # the standfirst is the lede itself, printed again inside the opening paragraphs
        # ("KATHMANDU, April 25 (Reuters) - <dek>", "Feb. 23, 2015 -- <dek, split>"): the
        # body already starts with it
        probe = " ".join(key.split()[:10])
        opening = " ".join(" ".join(b.text for b in blocks[:6]).casefold().split())[:2500]
        if probe in opening:
            return blocks
    return [Block("p", dek), *blocks]


_PRINTED = None


def _printed(root: Any, text: str) -> bool:
    """Is this text printed in the page body (a standfirst), not only in <meta> tags?"""
    global _PRINTED
    from lxml import etree

    if _PRINTED is None:
        # "[1]" lets libxml2 stop at the first matching text node instead of collecting all
        _PRINTED = etree.XPath("boolean(/html/body/descendant::text()[contains(., $s)][1])")
    probe = " ".join(text.split()[:6])
    if len(probe) < 12:
        return True
    return bool(_PRINTED(root, s=probe))


def _visible_dek(root: Any, container: list[Any]) -> str | None:
    """The standfirst printed just before the body (class "dek", "standfirst", "lead", ...),
    for pages whose metadata does not state one. Only looks at the body's preceding siblings
    (and theirs, one level up), so a teaser elsewhere on the page cannot be taken for it."""
    from .body import DEK_CLASS
    from .text import class_id, clean, text_of

    if not container:
        return None
    node = container[0]
    for _ in range(2):
        for sib in node.itersiblings(preceding=True):
            if not isinstance(sib.tag, str) or sib.tag in ("h1", "figure", "nav", "aside"):
                continue
            ci = class_id(sib)
            if ci and DEK_CLASS.search(ci) and sib.tag in ("p", "div", "h2", "span") \
                    and sib.find(".//img") is None and sib.find(".//h1") is None \
                    and sib.find(".//p") is None and sib.find(".//figure") is None:
                text = clean(text_of(sib))
                if 30 <= len(text) <= 600:
                    return text
        parent = node.getparent()
        if parent is None or parent.tag == "body":
            break
        node = parent
    return None


def _strip_styles(root: Any) -> None:
    from lxml import etree

    etree.strip_elements(root, "style", with_tail=False)


def _strip_invisible(root: Any) -> None:
    from lxml import etree

    # <noscript> stays: lazy-loading pages keep their real <img> there (the body walker
    # skips it as a tag)
    etree.strip_elements(root, "script", "style", "template", "svg", with_tail=False)
    # AMP pages print their pictures as <amp-img src=…> (and animations as <amp-anim>): the
    # same picture as an <img>, for every pass that looks for pictures
    for el in root.iter("amp-img", "amp-anim"):
        el.tag = "img"


def _read_metadata(root: Any, url: str, selectors: FieldSelectors | None) -> Any:
    from .metadata import read_metadata

    return read_metadata(root, url, selectors)
