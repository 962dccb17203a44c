"""Is a page an article or a listing? Decided by what the page is, never by its URL.

A news site's articles live at `/2024/05/16/slug.html`, `/news/123` or `/p/9f3a`; its section
fronts, tag, author and "page 5" listings live at URLs just as varied. So the decision rests on
the page's own evidence, strongest first:

1. what the publisher declares in structured data (schema.org types in JSON-LD or microdata:
   NewsArticle/Article/BlogPosting... vs CollectionPage/ItemList/ProfilePage...; the Open Graph
   type "profile");
2. the extracted body: a title and enough words (NEWS_MIN_ARTICLE_WORDS);
3. the shape of the main text: a listing repeats a teaser unit (a headline link, often with a
   one-line dek), so its main text is mostly headline links and link text; an article's is
   paragraphs.

`page_signals()` reads the few facts step 1 and 3 need from the tree extraction already parsed
(a handful of XPath calls, no second parse); `classify()` decides from them and the Article.
Pure: no Scrapy, no network, no clock.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .text import split_count

# schema.org types whose page is one article (CreativeWork > Article and its news subtypes).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle",
    "SatiricalArticle", "BlogPosting", "LiveBlogPosting", "Report", "TechArticle",
    "ScholarlyArticle", "SocialMediaPosting", "DiscussionForumPosting",
})
# schema.org types whose page lists other pages (an author's ProfilePage lists their stories).
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage"})
# schema.org types of a site's other pages, never an article.
OTHER_PAGE_TYPES = frozenset({"AboutPage", "ContactPage", "FAQPage"})
# Open Graph types (ogp.me) of pages about a person, never a news article ("website", the
# default type, is left to the other evidence: many sites give it to every page).
LISTING_OG_TYPES = frozenset({"profile", "books.author"})

# A listing repeats its teaser unit: at least this many headline links (h1-h4 holding a link,
# or a link holding one) in the main text; a listing holds one per story (10-20 a page, a small
# tag page three or four). Articles hold a few at most ("Read also" links), which
# MAX_WORDS_PER_TEASER and the prose test tell apart.
MIN_TEASERS = 3
# ...and few words of text per headline link: a teaser's dek and byline are one or two short
# lines (10-40 words), while an article with inline "Read also" headlines has hundreds of words
# per headline link.
MAX_WORDS_PER_TEASER = 40
# Share of the main text's characters inside links above which the main text is a list of
# links (tag pages, archives, "latest" lists). Article text links a few words per paragraph.
MAX_LINK_SHARE = 0.65
# An article's body is prose: at least this many paragraphs of PROSE_WORDS words or more. A
# teaser's dek is one sentence, mostly under 30 words; news paragraphs run 30-90 words. Prose
# outweighs the teaser and link tests (an article whose page carries a "More news" rail of
# headline links inside its main column is still an article).
PROSE_PARAGRAPHS = 3
PROSE_WORDS = 30
# Texts shorter than this (characters) say too little for the link share to mean anything.
MIN_TEXT_FOR_LINK_SHARE = 200

# A script shell: a page its scripts build in the browser (a single-page app, a client-rendered
# article). Its HTML carries scripts and shows almost no text: fewer than MAX_SHELL_TEXT
# characters in <body> outside scripts and <noscript>, or the empty element the scripts render
# into (APP_ROOT_IDS), or a <noscript> asking for JavaScript. Only pages that failed the article
# tests (no title, too few words) are named so: their reason then says what would help.
MAX_SHELL_TEXT = 200
APP_ROOT_IDS = ("root", "app", "__next", "__nuxt", "app-root", "main-app", "svelte",
                "___gatsby", "application", "page-root")
NEEDS_JAVASCRIPT = ("needs JavaScript: the HTML is a script shell without the article's text "
                    "(crawl with --render, or `render = true` in the site's profile)")
# A script that could build the page: one it loads (src), or inline JavaScript of more than
# SCRIPT_MIN_CHARS characters, counted as XPath's string-length(normalize-space()) counts them.
SCRIPT_MIN_CHARS = 40
# XML white space, which normalize-space() collapses (not Unicode's)
_XML_SPACE = re.compile("[ \t\r\n]+")
_EMPTY_APP_ROOT = etree.XPath("boolean(//body//*[%s][not(normalize-space())])" % " or ".join(
    f"@id='{name}'" for name in APP_ROOT_IDS))

_HEADLINE_LINKS = "(.//h1|.//h2|.//h3|.//h4)[.//a[@href]] | .//a[@href][.//h1|.//h2|.//h3|.//h4]"
_TEASERS = etree.XPath(f"count({_HEADLINE_LINKS})")
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
# libxml2 measures the text in C: no page-sized Python string
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
# JSON-LD worth parsing names one of the types above (most pages' JSON-LD is breadcrumbs,
# organisation and website blocks, or a NewsArticle: parse only when a type can decide).
_DECISIVE_TYPE = re.compile(
    r'"(?:https?://schema\.org/)?(?:%s)"' % "|".join(sorted(
        ARTICLE_TYPES | LISTING_TYPES | OTHER_PAGE_TYPES)))


@dataclass(frozen=True, slots=True)
class DeclaredType:
    """What a page says it is."""

    types: frozenset[str] = frozenset()   # schema.org types of the page's own entities
    og_type: str | None = None            # Open Graph og:type, lower-cased
    article_meta: bool = False            # article:published_time (Open Graph article)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """The facts classify() needs beside the Article. The DOM counts are only taken when the
    declared type and the prose test leave the question open (`measured`)."""

    declared: DeclaredType = DeclaredType()
    measured: bool = False
    teasers: int = 0               # headline links in the body container
    link_share: float = 0.0        # share of the body container's text inside links
    text_chars: int = 0            # characters of text in the body container
    script_shell: bool = False     # scripts build the page; its HTML shows no text (see
                                   # MAX_SHELL_TEXT): only taken for pages with little text


def declared_type(root: Any) -> DeclaredType:
    """JSON-LD types and og:type of a parsed page, read before extraction strips scripts."""
    types: set[str] = set()
    for script in root.iter("script"):
        # the type first: .text copies the script out of the tree, and most scripts are not
        # JSON-LD
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = script.text
        if raw and _DECISIVE_TYPE.search(raw):
            data = _load_json(raw)
            if data is not None:
                for obj in _top_level(data):
                    types.update(_types_of(obj.get("@type")))
    og_type, article_meta = None, False
    head = root.find("head")
    for meta in head.iter("meta") if head is not None else ():
        prop = meta.get("property") or meta.get("name")
        if prop == "og:type" and og_type is None:
            og_type = (meta.get("content") or "").strip().lower() or None
        elif prop == "article:published_time":
            article_meta = True
    return DeclaredType(frozenset(types), og_type, article_meta)


def carries_scripts(root: Any) -> bool:
    """Whether the page has scripts that could build it (read before scripts are stripped):
    the XPath `//script[@src] | //script[not(@type) or contains(@type, 'javascript') or
    @type='module'][string-length(normalize-space()) > 40]`, as a walk that stops at the
    first such script and measures a script's text by its start when that decides (libxml2
    normalised every inline script's text in full: a tenth of a millisecond per page)."""
    for script in root.iter("script"):
        if script.get("src") is not None:
            return True
        kind = script.get("type")
        if kind is None or "javascript" in kind or kind == "module":
            text = "".join(script.itertext())
            # normalize-space() of a prefix is a prefix of normalize-space() of the whole
            head = 4 * SCRIPT_MIN_CHARS
            if _normalized_length(text[:head]) > SCRIPT_MIN_CHARS or (
                    len(text) > head and _normalized_length(text) > SCRIPT_MIN_CHARS):
                return True
    return False


def _normalized_length(text: str) -> int:
    """XPath's string-length(normalize-space(text))."""
    return len(_XML_SPACE.sub(" ", text).strip(" \t\r\n"))


def script_shell(root: Any) -> bool:
    """Whether a page that carries scripts (carries_scripts) is a shell they fill: almost no
    text in its body outside <noscript>, an empty app root, or a <noscript> asking for
    JavaScript. Reads the tree after scripts and styles were stripped."""
    body = root.find("body")
    if body is None:
        return True
    noscript_text = [" ".join("".join(el.itertext()).split()) for el in body.iter("noscript")]
    if any("javascript" in text.lower() for text in noscript_text):
        return True
    text_chars = int(_TEXT_LENGTH(body)) - sum(len(text) for text in noscript_text)
    return text_chars < MAX_SHELL_TEXT or bool(_EMPTY_APP_ROOT(root))


def page_signals(root: Any, container: list[Any], blocks: Iterable[Any],
                 declared: DeclaredType, *, shell: bool = False) -> PageSignals:
    """Signals of the body container(s) extraction chose.

    Microdata is read where it decides: the itemscopes that hold the body (its ancestors),
    not a walk of the whole tree. The teaser and link counts are taken only for pages that
    neither declare an article type nor have a prose body, so article pages pay for none."""
    types = set(declared.types)
    for el in (container[0], *container[0].iterancestors()) if container else (root,):
        itemtype = el.get("itemtype") if el.get("itemscope") is not None else None
        if itemtype:
            types.update(url.rstrip("/").rsplit("/", 1)[-1] for url in itemtype.split())
    declared = DeclaredType(frozenset(types), declared.og_type, declared.article_meta)
    if types & ARTICLE_TYPES or _has_prose(blocks):
        return PageSignals(declared=declared, script_shell=shell)
    teasers = link_chars = text_chars = 0
    for el in container:
        teasers += int(_TEASERS(el))
        link_chars += sum(len(t.strip()) for t in _LINK_TEXT(el))
        text_chars += int(_TEXT_LENGTH(el))
    return PageSignals(declared=declared, measured=True, teasers=teasers,
                       link_share=link_chars / text_chars if text_chars else 0.0,
                       text_chars=text_chars, script_shell=shell)


def classify(article: Any, signals: PageSignals, *, min_words: int) -> tuple[str, str] | None:
    """(page_kind, reason) when the page is not an article, None when it is one.

    page_kind is "listing" for pages that list other pages (section fronts, tag and author
    pages, archives) and "non-article" for anything else that is not an article.
    """
    if signals.script_shell and (not article.title or body_words(article) < min_words):
        return "non-article", NEEDS_JAVASCRIPT
    if not article.title:
        return "non-article", "no title"
    declared = signals.declared
    says_article = declared.types & ARTICLE_TYPES
    says_listing = declared.types & LISTING_TYPES
    if says_listing and not says_article:
        return "listing", f"structured data declares {_names(says_listing)}"
    says_other = declared.types & OTHER_PAGE_TYPES
    if says_other and not says_article:
        return "non-article", f"structured data declares {_names(says_other)}"
    if not says_article and declared.og_type in LISTING_OG_TYPES:
        return "listing", f"og:type is {declared.og_type}"
    words = body_words(article)
    if words < min_words and words + photo_story_words(article) < min_words:
        return "non-article", f"body has {words} words (fewer than {min_words})"
    if says_article:
        return None  # the publisher says so; related-story blocks do not make it a listing
    if _has_prose(article.body):
        return None
    if signals.teasers >= MIN_TEASERS and words < signals.teasers * MAX_WORDS_PER_TEASER:
        return "listing", (f"main text is {signals.teasers} headline links with {words} words "
                           f"(a list of teasers)")
    # Open Graph's article type (og:type, article:published_time) outweighs the link share: an
    # article's main column often carries link-heavy share, tag and "read more" furniture
    article_like = declared.og_type == "article" or declared.article_meta
    if (not article_like and signals.text_chars >= MIN_TEXT_FOR_LINK_SHARE
            and signals.link_share > MAX_LINK_SHARE):
        return "listing", f"{signals.link_share:.0%} of the main text is links"
    return None


def declares_article(signals: PageSignals) -> bool:
    """Whether the page says it is an article (schema.org article type, Open Graph article)."""
    declared = signals.declared
    return bool(declared.types & ARTICLE_TYPES) or declared.og_type == "article" \
        or declared.article_meta


def prose_paragraphs(blocks: Iterable[Any]) -> int:
    """How many body paragraphs are long enough to be prose, not a teaser's one-line dek."""
    return sum(1 for block in blocks
               if block.kind == "p" and word_count(block.text) >= PROSE_WORDS)


def _has_prose(blocks: Iterable[Any]) -> bool:
    """prose_paragraphs(blocks) >= PROSE_PARAGRAPHS, counting only until it is: an article's
    body settles it in its first paragraphs, and counting the words of every paragraph was
    ~3% of an import worker's CPU."""
    found = 0
    for block in blocks:
        if block.kind == "p" and word_count(block.text) >= PROSE_WORDS:
            found += 1
            if found >= PROSE_PARAGRAPHS:
                return True
    return found >= PROSE_PARAGRAPHS


# Scripts written without spaces between words (kana, Han, Hangul, Thai, Lao, Khmer, Myanmar).
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                       "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Characters of those scripts that count as one word. An English word carries as much as
# about 1.5 Chinese or 2.5-3 Japanese characters; the higher figure keeps the word tests
# (NEWS_MIN_ARTICLE_WORDS, PROSE_WORDS) no looser than for English: a 120-character page
# is 40 words, a 90-character paragraph is prose.
UNSPACED_CHARS_PER_WORD = 3


def word_count(text: str) -> int:
    """Words in `text`: space-separated words, and runs of unspaced script counted by
    characters (a Japanese paragraph has no spaces, yet hundreds of words)."""
    words = split_count(text)
    if text.isascii():
        return words
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return words
    # the space-separated tokens made of unspaced script were counted once each above
    return words + unspaced // UNSPACED_CHARS_PER_WORD


def body_words(article: Any) -> int:
    """Article.word_count, with unspaced scripts counted by characters (word_count())."""
    return sum(word_count(block.text) for block in article.body)


# A photo story ("In pictures: …") tells its story in its captions, under a line or two of text:
# with at least this many captioned pictures, their words count towards an article's minimum.
# A listing's pictures carry no captions (a teaser's text is a link to its story).
PHOTO_STORY_MIN_CAPTIONS = 3


def photo_story_words(article: Any) -> int:
    """The words of the article's captions, when it has PHOTO_STORY_MIN_CAPTIONS or more."""
    captions = [image.caption for image in article.images if image.caption]
    if len(captions) < PHOTO_STORY_MIN_CAPTIONS:
        return 0
    return sum(map(word_count, captions))


def _names(types: Iterable[str]) -> str:
    return "/".join(sorted(types))


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    try:
        return json.loads(raw.strip().rstrip(";"), strict=False)
    except (ValueError, RecursionError):
        return None  # broken JSON-LD declares nothing; the DOM still decides


def _top_level(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The page's own entities: top-level objects, @graph members and a WebPage's mainEntity;
    not the items nested inside them (an ItemList of NewsArticles is a listing)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _top_level(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _top_level(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
            main = data.get("mainEntity")
            if isinstance(main, (dict, list)) and "WebPage" in _types_of(data.get("@type")):
                yield from _top_level(main, depth + 1)


def _types_of(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [v.strip().rstrip("/").rsplit("/", 1)[-1] for v in value if isinstance(v, str)]
