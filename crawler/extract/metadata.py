"""Article metadata from one parsed page: title, dek, authors, dates, language, section, tags,
canonical URL.

Structured data (JSON-LD, Open Graph, meta tags, microdata) is read first because it is exact
when present; it is then checked against what the page shows, because structured data is often
wrong in ways a reader would notice: a site-suffixed <title>, an Organization as "author" while
a person's byline is visible, a related article's date. Pure function of (tree, url, selectors).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from .bylines import han_names_in, parse_byline, starts_with_by
from .dates import MONTH_FIRST, date_from_url, dates_in_text, find_date_in_text, parse_date, short_year_date
from .profile import FieldSelectors
from .text import ClassMatch, text_of

__all__ = ["Metadata", "read_metadata"]


@dataclass(slots=True)
class Metadata:
    """What read_metadata found; None / [] for what the page does not say."""

    title: str | None = None
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None  # raw, absolute; the caller normalises it
    # True when `authors` is only the fallback of a page that names no person (an
    # organisation, the site, a desk): a person the text's closing credit names comes first
    authors_fallback: bool = False


_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "report", "socialmediaposting", "liveblogposting", "posting", "webpage",
    "askpublicnewsarticle", "satiricalarticle", "medicalwebpage", "itempage", "videoobject",
})
_WS = re.compile(r"\s+")
# " ".join(s.split()) is _WS.sub(" ", s).strip() (str.split() and \s take the same white space),
# at a third to a tenth of the cost: the form for the hot paths
_UNSET: Any = object()


def _spaced(s: str) -> str:
    """_WS.sub(" ", s) without the regex for the two commonest text nodes of a tree walk: white
    space only (the indentation between tags) and text whose only white space is single
    spaces. Exact: str.isspace() is what \\s matches, and every white-space character but " "
    is non-printable (both checked over every code point)."""
    if s.isspace():
        return " "
    if "  " not in s and s.isprintable():
        return s
    return _WS.sub(" ", s)


def _text(value: Any) -> str:
    """Whitespace-collapsed string of a JSON or attribute value."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(str(value).split())


def _el_text(el: Any) -> str:
    try:
        return " ".join(text_of(el).split())
    except (ValueError, AttributeError, TypeError):
        return ""


def _norm(s: str) -> str:
    """Comparison key for titles: NFKC, case-folded, quotes/dashes unified, punctuation-trimmed."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[‘’‚‛`´]", "'", s)
    s = re.sub(r"[“”„‟«»]", '"', s)
    s = re.sub(r"[‐‑‒–—―−]", "-", s)
    s = s.replace("\u00ad", "").replace("\u200b", "")
    return _spaced(s).strip(" .,:;!?-|'\"")


# ----------------------------------------------------------------------------- page facts

class _Page:
    """Everything read once from the tree: meta tags, JSON-LD, links, headings."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str) -> None:
        self.tree = tree
        try:  # the whole document, where an absolute XPath ("//time") looks
            self.doc = tree.getroottree().getroot()
        except (AttributeError, ValueError):
            self.doc = tree
        self.url = url or ""
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.ld: list[dict[str, Any]] = []
        self.html_lang: str | None = None
        self.title_tag: str = ""
        self._read_head()
        # Pages saved without their URL still name themselves through rel=canonical/og:url.
        self.site_url = self.url or next(iter(self.links.get("canonical", []) + self.meta.get("og:url", [])), "")
        self._read_jsonld()
        self.by_id: dict[str, dict[str, Any]] = {}
        for obj in self.ld:
            if isinstance(obj.get("@id"), str):
                self.by_id.setdefault(obj["@id"], obj)
        self.article = self._main_ld()
        self.sites = _site_names(self)
        bodies = tree.find("body") if tree.tag == "html" else None
        self.body = bodies if bodies is not None else tree
        self.headline_el: Any = _UNSET  # found lazily by _headline()
        self.home_names: set[str] | None = None  # _home_link_names(), worked out once

    def _read_head(self) -> None:
        root = self.tree
        try:
            top = root.getroottree().getroot()
        except (AttributeError, ValueError):
            top = root
        if top is not None and top.get("lang"):
            self.html_lang = top.get("lang")
        for el in root.iter("meta", "link", "title"):
            tag = el.tag
            if tag == "meta":
                content = el.get("content")
                if content is None:
                    content = el.get("value")
                if content is None:
                    continue
                content = content.strip()
                if not content:
                    continue
                for attr in ("property", "name", "itemprop", "http-equiv"):
                    key = el.get(attr)
                    if key:
                        for k in key.split():
                            self.meta.setdefault(k.strip().lower(), []).append(content)
            elif tag == "link":
                href = el.get("href")
                rel = (el.get("rel") or "").lower()
                if href and rel:
                    for r in rel.split():
                        self.links.setdefault(r, []).append(href.strip())
            elif tag == "title" and not self.title_tag:
                # Skip <title> inside inline <svg>.
                parent = el.getparent()
                if parent is None or parent.tag in ("head", "html"):
                    self.title_tag = _el_text(el)

    def m(self, *keys: str) -> str | None:
        """First non-empty meta content among `keys`."""
        for key in keys:
            for value in self.meta.get(key, ()):
                value = _spaced(value).strip()
                if value:
                    return value
        return None

    def m_all(self, *keys: str) -> list[str]:
        out: list[str] = []
        for key in keys:
            out.extend(v.strip() for v in self.meta.get(key, ()) if v.strip())
        return out

    def _read_jsonld(self) -> None:
        self.scripts: list[str] = []
        for script in self.tree.iter("script"):
            kind = (script.get("type") or "").lower()
            if "ld+json" not in kind:
                text = script.text
                if text and ("ublish" in text or "pubDate" in text or "eployDt" in text):
                    self.scripts.append(text)
                continue
            raw = script.text or ""
            self.scripts.append(raw)
            if not raw.strip():
                continue
            data = _load_json(raw)
            if data is not None:
                self.ld.extend(_ld_objects(data))

    def _main_ld(self) -> dict[str, Any] | None:
        """The JSON-LD object describing this article: article types first, then the one
        whose url matches the page, then WebPage with article fields."""
        best: tuple[int, dict[str, Any]] | None = None
        for obj in self.ld:
            types = {t.lower() for t in _types(obj)}
            score = 0
            if types & _ARTICLE_TYPES - {"webpage", "itempage", "videoobject"}:
                score += 4
            elif types & {"webpage", "itempage", "videoobject"}:
                score += 1
            else:
                continue
            if obj.get("headline"):
                score += 2
            if obj.get("datePublished"):
                score += 1
            if obj.get("author"):
                score += 1
            if best is None or score > best[0]:
                best = (score, obj)
        return best[1] if best else None


def _load_json(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = raw.strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except (ValueError, RecursionError):
        pass
    # Common breakage: raw newlines/tabs inside strings, trailing commas.
    try:
        fixed = re.sub(r",\s*([}\]])", r"\1", raw)
        return json.loads(fixed, strict=False)
    except (ValueError, RecursionError):
        return None


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return [t.rsplit("/", 1)[-1]]
    if isinstance(t, list):
        return [x.rsplit("/", 1)[-1] for x in t if isinstance(x, str)]
    return []


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level JSON-LD objects, flattening arrays and @graph (and mainEntity one level)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _ld_objects(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
            main = data.get("mainEntity")
            if isinstance(main, (dict, list)):
                yield from _ld_objects(main, depth + 1)


# ----------------------------------------------------------------------------- selectors

def _select(tree: lxml.html.HtmlElement, css: str | None) -> list[Any]:
    if not css:
        return []
    try:
        return list(tree.cssselect(css))
    except Exception:  # noqa: BLE001 - cssselect raises several private error types on bad CSS
        return []


# ----------------------------------------------------------------------------- title

# Separators between a headline and the site/section name in <title> and og:title.
_SEP = re.compile(r"\s+(?:[|\-–—·•»«/\\@]|::|\|\|)\s+|\s*[|｜ㅣ]\s*|\s*[：]\s*|\s+::\s*"
                  # "标题_频道_网站": an underscore is a separator unless it joins two Latin word
                  # characters ("snake_case" stays one word)
                  r"|\s+_\s+|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"
                  # "标题-频道-网站": a hyphen glued between two Chinese/Japanese/Korean characters
                  # (only the ASCII hyphen: "中国—东盟" uses the dash as punctuation)
                  r"|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])-"
                  r"(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])")
# An ASCII colon around a site name ("Site: Headline", "Headline : Site"). Kept apart from _SEP
# because a colon inside a headline ("Gaza: ceasefire talks resume") is part of it: only a part
# that names the site is ever cut at a colon.
_COLON_SEP = re.compile(r"\s*(?<![:：]):\s+|\s+:(?![:：])\s*")
# A label cut off a title because another title source of the page shows the headline without
# it is at most this many words: site and section names are short, headline halves are not.
MAX_LABEL_WORDS = 6
_GENERIC_TITLE = frozenset("home homepage start startseite news latest breaking headlines the and & - "
                           "nachrichten actualités noticias accueil index".split())
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


# Everything but letters and digits: re's Unicode \w is exactly str.isalnum() plus "_".
_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=1024)
def _compact(s: str) -> str:
    """Letters and digits only, accents stripped: "Börsen-Zeitung" -> "borsenzeitung".
    Remembered: a page asks about the same few titles and site names ~7 times each, and a
    site's pages about its name again."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", s.casefold()))


def _site_names(page: _Page) -> set[str]:
    """Compact forms of the names a site uses for itself (og:site_name, app name, host)."""
    names: set[str] = set()
    raw: list[str] = []
    for key in ("og:site_name", "application-name", "twitter:site", "apple-mobile-web-app-title",
                "al:ios:app_name", "al:android:app_name", "publisher", "twitter:app:name:iphone"):
        for v in page.meta.get(key, ()):
            raw.append(v.lstrip("@"))
            raw.extend(p for p in re.split(r"\s+[-–|:]\s+", v) if p)
    for obj in page.ld:
        if {t.lower() for t in _types(obj)} & {"organization", "newsmediaorganization", "website"}:
            raw.append(_text(obj.get("name")))
            raw.append(_text(obj.get("alternateName")))  # "NZZ" beside "Neue Zürcher Zeitung"
        pub = obj.get("publisher")
        if isinstance(pub, dict):
            raw.append(_text(pub.get("name")))
            raw.append(_text(pub.get("alternateName")))
    host = (urlsplit(page.site_url).hostname or "").lower()
    labels = [p for p in host.split(".") if p not in ("www", "m", "amp", "mobile", "edition")]
    if labels:
        raw.append(".".join(labels[-2:]))
        raw.extend(p for p in labels[:-1] if len(p) >= 3)
    headlines = _headline_keys(page)
    for r in raw:
        if len(r.split()) >= HEADLINE_MIN_WORDS and _compact(r) in headlines:
            continue  # the headline in a name field, not the site's name
        for form in (_compact(r), _compact(r.translate(_TRANSLIT))):
            if len(form) >= 2:
                names.add(form)
    return names


# Links looked at for the site's logo: it comes first on the page, before any story.
HOME_LINKS_SCANNED = 60
HOME_NAME_MAX_WORDS = 6


def _home_link_names(page: _Page) -> set[str]:
    """Compact forms of what the page's links to its own home page say (a logo's alt text,
    the link's text or label: "The Valley Post", "Zurück zu BILD Home"). A site that declares
    its name nowhere still prints it in its logo; a title's leading "Name:" is cut only when
    it names the site, and this is often the only place that says so."""
    if page.home_names is None:
        page.home_names = _read_home_link_names(page)
    return page.home_names


def _read_home_link_names(page: _Page) -> set[str]:
    host = (urlsplit(page.site_url).hostname or "").lower()
    if not host:
        return set()
    bare = host[4:] if host.startswith("www.") else host
    roots = {f"{scheme}//{h}" for scheme in ("http:", "https:", "") for h in (bare, "www." + bare)}
    out: set[str] = set()
    for n, a in enumerate(page.doc.iter("a")):
        if n >= HOME_LINKS_SCANNED:
            break
        href = (a.get("href") or "").strip().lower()
        if href not in ("/", "/index.html", "/index.php") and href.rstrip("/") not in roots:
            continue  # string tests only: urljoin() on every link costs more than it finds
        texts = [_el_text(a), a.get("title"), a.get("aria-label")]
        texts += [img.get("alt") for img in a.iter("img")]
        for text in texts:
            if text and len(text.split()) <= HOME_NAME_MAX_WORDS:
                form = _compact(text)
                if len(form) >= 3 and not set(text.casefold().split()) <= _GENERIC_TITLE:
                    out.add(form)
    return out


# A name field that repeats the headline is the headline only when it is this long: a logo
# in an <h1> ("Engadget", "BBC News") repeats the site's real name.
HEADLINE_MIN_WORDS = 4


def _headline_keys(page: _Page) -> set[str]:
    """Compact forms of what the page shows as its headline (its h1s, the JSON-LD headline,
    whole og/twitter titles). Some CMSs put the headline in `application-name` (the name a
    pinned tab shows): such a "site name" would let the headline be cut off a title as a label."""
    texts = [page.m("og:title"), page.m("twitter:title")]
    if page.article is not None:
        texts.append(_text(page.article.get("headline")))
    texts.extend(" ".join(h.text_content().split()) for h in page.doc.iter("h1"))
    return {_compact(t) for t in texts if t}


# How many letters may follow a three-letter site name at the start of a title part that
# names the site ("BBC News", "ABC Australia"); more, and it is a word of its own.
SHORT_SITE_SLACK = 8


def _is_site(part: str, sites: set[str], slack: int = 24, brand_prefix: bool = False) -> bool:
    """Does `part` name the site? `slack`: how much longer than a known name it may be
    ("Die Neue Südtiroler Tageszeitung" for tageszeitung.it). `brand_prefix`: a part of a
    title may also start with a three-letter site name ("BBC News"; a name like "Fazil" on
    faz.net must not, so bylines do not ask for this)."""
    for c in {_compact(part), _compact(part.translate(_TRANSLIT))}:
        if not c:
            continue
        for s in sites:
            if c == s or (len(s) >= 4 and s in c and len(c) <= len(s) + slack) or (len(c) >= 4 and c in s):
                return True
            # a three-letter brand from the host name heads the name used in titles:
            # "BBC News" for bbc.com, "udn城市" for udn.com
            if brand_prefix and len(s) == 3 and c.startswith(s) and len(c) <= len(s) + SHORT_SITE_SLACK:
                return True
    return False


def _script_class(s: str) -> str:
    letters = [ch for ch in s if ch.isalpha()]
    if not letters:
        return ""
    latin = sum(1 for ch in letters if ch < "\u0250")
    return "latin" if latin * 2 > len(letters) else "other"


def _site_in_middle(t: str, seps: list[tuple[re.Match[str], bool]], sites: set[str]) -> str | None:
    """The headline of "Headline | Site | Slogan": the site's name between two separators (not
    colons) with the headline before it; the slogan after the name is the site's too. The
    headline is the longer side: "World | Site | Ceasefire talks resume" keeps its headline."""
    for (a, a_colon), (b, _) in zip(seps, seps[1:]):
        # the part between the two separators first: it is short, while folding the head
        # (_compact) costs its length, and a title of many separators has many heads
        if a_colon or not _is_site(t[a.end():b.start()].strip(), sites, slack=4):
            continue
        head = t[:a.start()].strip()
        if len(head) > len(t[b.end():].strip()) and len(_compact(head)) >= 4:
            return head
    return None


def _strip_site(title: str, sites: set[str], extra_names: Iterable[str] = (),
                sections: frozenset[str] = frozenset()) -> str:
    """Remove "| Site", "- Section - Site", "：サイト", "Site: " around a headline. Only parts
    that name the site (or a one-word section next to it, a section the page's metadata names,
    or a Latin-script tail on a non-Latin headline) are removed, so "Minecraft 1.8 - The
    Bountiful Update" stays whole; at a colon only the site name is ever cut."""
    t = _spaced(title).strip()
    t = re.sub(r"\s*\[[^\]]{2,40}\]$", lambda m: "" if _is_site(m.group(0), sites) else m.group(0), t)
    t = t.strip(" :|")
    stripped_site = False
    for _ in range(6):
        seps = sorted([(m, False) for m in _SEP.finditer(t)] + [(m, True) for m in _COLON_SEP.finditer(t)],
                      key=lambda x: x[0].start())
        if not seps:
            break
        head = None if stripped_site else _site_in_middle(t, seps, sites)
        if head:
            t, stripped_site = head, True
            continue
        (last, last_colon), (first, first_colon) = seps[-1], seps[0]
        head, tail = t[:last.start()].strip(), t[last.end():].strip()
        if head and len(_compact(head)) >= 4:
            if _is_site(tail, sites, slack=4 if last_colon else 24, brand_prefix=not last_colon):
                t, stripped_site = head, True
                continue
            colon = last_colon or last.group().strip() == "："
            if not last_colon and sections and _compact(tail) in sections:
                t = head  # "Headline - Middle East - Site": a section the page names
                continue
            if (stripped_site and not colon and " " not in tail and len(tail) <= 16
                    and len(_compact(tail)) < len(_compact(head))):
                t = head  # "Headline - Sport - SZ.de": the section next to the site name
                continue
            if tail in extra_names:
                t = head  # "Headline | Author Name" on blogs
                continue
            if (not last_colon and _script_class(tail) == "latin" and _script_class(head) == "other"
                    and len(tail.split()) <= 4):
                t = head
                continue
        lead, rest = t[:first.start()].strip(), t[first.end():].strip()
        if rest and len(_compact(rest)) >= 4:
            if _is_site(lead, sites, slack=4):
                t = rest
                continue
            if not first_colon and sections and _compact(lead) in sections:
                t = rest  # "Section | Headline"
                continue
        break
    if stripped_site:
        # "헤드라인-정치ㅣ한국일보": a glued non-Latin section word left before the site name
        m = re.search(r"-([^\W\d_]{1,10})$", t)
        if m and _script_class(m.group(1)) == "other" and len(_compact(t[:m.start()])) >= 4:
            t = t[:m.start()]
    return t


def _known_sections(page: _Page) -> frozenset[str]:
    """Compact forms of the section names the page's metadata gives (meta tags, JSON-LD
    articleSection and BreadcrumbList): such a name glued to a title is a label, not headline."""
    names = list(page.m_all("article:section", "section", "parsely-section", "sailthru.section"))
    if page.article is not None:
        s = page.article.get("articleSection")
        names.extend(_text(x) for x in (s if isinstance(s, list) else [s]) if x)
    names.extend(_ld_crumbs(page))
    return frozenset(c for c in (_compact(n) for n in names) if len(c) >= 2)


# Separators after which a leading part is a label ("Site | Headline", "Site – Headline" next to
# an h1 "Headline"); after a colon or slash it is the headline's own kicker ("Nationale Demo /
# ...", "Gaza: ..."), and stays. _cut_to_known cuts only where the rest is what another title
# source prints, so a dash is one of them (benchmarks/title_labels.py, no site name declared:
# 0.828 -> 0.894 of titles kept).
_LEAD_LABEL_SEPS = frozenset({"|", "｜", "ㅣ", "·", "•", "»", "::", "||", "–", "—", "-", "_"})


def _cut_to_known(s: str, known: dict[str, str]) -> str | None:
    """`s` minus a short label at one end, when what remains is what another title source of
    the page (h1, JSON-LD headline, <title>) says: "Headline - Unknown Site Name" next to an h1
    "Headline" shows the label whatever its name. A leading part is cut only after a bar-like
    separator (see _LEAD_LABEL_SEPS)."""
    for m in [*_SEP.finditer(s), *_COLON_SEP.finditer(s)]:
        head, tail = s[:m.start()].strip(), s[m.end():].strip()
        if len(tail.split()) <= MAX_LABEL_WORDS and _norm(head) in known:
            return _as_in_source(head, known[_norm(head)])
        if (m.group().strip() in _LEAD_LABEL_SEPS and len(head.split()) <= MAX_LABEL_WORDS
                and _norm(tail) in known):
            return _as_in_source(tail, known[_norm(tail)])
    return None


def _typography_key(s: str) -> str:
    """`s` with quotes, dashes and white space unified, and nothing else changed."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[‘’‚‛`´]", "'", s)
    s = re.sub(r"[“”„‟«»]", '"', s)
    s = re.sub(r"[‐‑‒–—―−]", "-", s)
    return _spaced(s).strip()


def _as_in_source(part: str, confirmed: str) -> str:
    """The headline a label was cut from, in the title source's own typography when the source
    that confirmed it differs only in quotes, dashes or spaces (a page's title says 'family',
    its h1 ‘family’): the title must not depend on whether the source carried a label.
    Anything more (case, a closing quote the cut lost) and the confirming text wins."""
    return part if _typography_key(part) == _typography_key(confirmed) else confirmed


# Separators that join a headline and a label in SEO titles and hardly ever sit inside a
# headline: bars, double colons, spaced guillemets/bullets/underscores, the fullwidth colon.
_BAR_SEP = re.compile(r"\s*(?:\|\||::|[|｜ㅣ])\s*|\s+[»·•_]\s+|(?<![A-Za-z0-9\s])_(?![A-Za-z0-9\s])")
# Spaced dashes, a colon spaced on both sides and the fullwidth colon: separators too, but
# they also join a headline's own halves ("Minecraft 1.8 - The Bountiful Update"), so a label is only cut at one
# when it is short and the headline long (see _cut_label_by_shape).
_DASH_SEP = re.compile(r"\s+[-–—]\s+|\s+:\s+|\s*：\s*")
# The longest label cut by shape alone: site and section names are short.
LABEL_MAX_WORDS = 4
LABEL_MAX_CHARS = 32
# The headline must be this many times longer than the label it loses.
LABEL_HEAD_RATIO = 2.0


def _label_words(s: str) -> int:
    """Words of `s`; a run of CJK characters counts one word per two characters."""
    words = 0
    for token in s.split():
        cjk = sum(1 for ch in token if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
        words += max(1, cjk // 2) if cjk else 1
    return words


def _labelish(label: str, rest: str) -> bool:
    """Could `label` be a site or section name glued to the headline `rest`?"""
    label, rest = label.strip(), rest.strip()
    if not label or not rest or _has_open_quote(rest) != _has_open_quote(rest + " " + label):
        return False
    if not any(ch.isalpha() for ch in label):
        return False  # "… - 2024", "… | 3": numbers belong to the headline
    if label[0].islower():
        return False  # "… - here's how to check": a clause of the headline, not a name
    return (_label_words(label) <= LABEL_MAX_WORDS and len(label) <= LABEL_MAX_CHARS
            and len(rest) >= LABEL_HEAD_RATIO * len(label) and _label_words(rest) >= 3)


def _has_open_quote(s: str) -> bool:
    """Does `s` open a quotation it does not close? A guillemet or dash inside quotes is the
    headline's own punctuation ("« … dans le pays » :: Site")."""
    pairs = (("«", "»"), ("„", "“"), ("“", "”"), ("「", "」"), ("『", "』"))
    return any(s.count(a) > s.count(b) for a, b in pairs if a != b)


def _cut_label_by_shape(title: str) -> str:
    """`title` without a short label glued to one end by a separator, when no other source of
    the page confirms the headline and the site's name is not declared: "Headline | Unknown
    Site", "Headline — Site Name", "Site｜Headline". Trailing labels go at bar-like separators
    and at spaced dashes and colons; leading ones only at spaced bar-like separators (after a
    dash or colon a leading word is the headline's own kicker: "Gaza: talks resume", and an
    unspaced underscore joins the two halves of many Chinese headlines)."""
    t = title
    for _ in range(3):
        bars = list(_BAR_SEP.finditer(t))
        dashes = list(_DASH_SEP.finditer(t))
        last = max(bars + dashes, key=lambda m: m.start(), default=None)
        if last is not None and _labelish(t[last.end():], t[:last.start()]):
            t = t[:last.start()].strip()
            continue
        leads = [m for m in bars if m.group() != "_"]  # spaced separators only
        lead = t[:leads[0].start()] if leads else ""
        # a single leading word is more often the headline's kicker ("Fazit | …") than a name
        if leads and len(lead.split()) >= 2 and _labelish(lead, t[leads[0].end():]):
            t = t[leads[0].end():].strip()
            continue
        break
    return t


def _good_headline(text: str, sites: set[str]) -> bool:
    """A candidate that could be an article headline, not a site name or a generic label."""
    if not text or len(text) > 400:
        return False
    words = {w.casefold() for w in re.findall(r"[\w&]+", text)}
    if words and words <= _GENERIC_TITLE:
        return False
    if _is_site(text, sites) and len(text) < 40:
        return False
    return len(_compact(text)) >= 4


def _read_title(page: _Page, sel: FieldSelectors | None, authors: list[str]) -> str | None:
    """og:title (the publisher's own headline) when it is a real headline, then JSON-LD,
    then a visible h1 that the <title> confirms, then the <title> without the site name."""
    if sel and sel.title:
        for el in _select(page.tree, sel.title):
            t = _el_text(el) or (el.get("content") or "").strip()
            if t:
                return t
    sites = page.sites | _home_link_names(page)
    sections = _known_sections(page)
    ld = _text(page.article.get("headline")) if page.article is not None else ""
    structured = [_unescape(c) for c in (page.m("og:title"), ld, page.m("twitter:title"),
                                         page.m("dc.title", "parsely-title", "sailthru.title"))]
    title_s = _strip_site(page.title_tag, sites, authors, sections) if page.title_tag else ""
    h1_els = [(el, t) for el, t in ((el, _el_text(el)) for el in _headings(page)) if _good_headline(t, sites)]
    h1s = [t for _, t in h1_els]
    first = next((s for s in (_strip_site(c, sites, authors, sections) for c in structured if c)
                  if _good_headline(s, sites)), None)
    if first is not None:
        if (not (_SEP.search(first) or _COLON_SEP.search(first) or _ELLIPSIS.search(first))
                or _norm(first) in {_norm(h) for h in h1s}):
            return first  # nothing to cut, or the page prints it whole as a headline
        # "Kicker | Headline" where the page shows only "Headline" as its h1 (the rule
        # _cut_to_known generalises; kept on its own so that it holds whatever that one does)
        m = re.search(r"\s[|·•»]\s", first)
        h1_norms = {_norm(h): h for h in h1s}
        if m and _norm(first[m.end():]) in h1_norms:
            return _as_in_source(first[m.end():].strip(), h1_norms[_norm(first[m.end():])])
        # What the page's other title sources say, the visible h1 first: "Headline - Unknown
        # Site" where JSON-LD or the h1 say "Headline", a title cut short with "…".
        known = _known_titles(h1s, [_strip_site(c, sites, authors, sections) for c in structured if c],
                              title_s, sites)
        return (_cut_to_known(first, known) or _untruncated(first, known.values())
                or _cut_label_by_shape(first))
    title_n = _norm(title_s)
    for h in h1s:
        n = _norm(h)
        if n and (n == title_n or (len(n) >= 10 and (title_n.startswith(n) or _label_before(title_n, n)))):
            return h
    if title_s and _good_headline(title_s, sites):
        return (_cut_to_known(title_s, _known_titles(h1s, [], title_s, sites))
                or _cut_label_by_shape(title_s))
    if h1_els:
        labels = _menu_labels(page)
        for el, t in h1_els:
            if _norm(t) not in labels and not _links_home(el, page):
                return t
    return h1s[0] if h1s else (title_s or None)


# What closes a label the <title> prints before the headline the page shows ("BREAKING: …",
# "Live | …", "Kommentar: …", "عاجل: …", "The council said yes: …"): the headline a reader
# sees is the page's, whatever the label says.
_TITLE_LABEL_END = (":", "|", "：", "｜")


def _label_before(title: str, headline: str) -> bool:
    """Does `title` (normalised) print `headline` after a label of its own, closed by a colon
    or a bar (_TITLE_LABEL_END)?"""
    if not title.endswith(headline) or len(title) == len(headline):
        return False
    label = title[:-len(headline)].rstrip()
    return label.endswith(_TITLE_LABEL_END) and any(ch.isalnum() for ch in label)


# An HTML character reference left in a text value: JSON-LD written by templates that escape
# for HTML ("Aurora&#8217;s", "&quot;Nicht mehr&quot;") is never meant to be read that way.
_CHAR_REF = re.compile(r"&(?:#[0-9]{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,30});")


def _unescape(text: str | None) -> str | None:
    """`text` with HTML character references resolved (twice escaped values are common)."""
    if text and _CHAR_REF.search(text):
        return _spaced(html.unescape(text)).strip()
    return text


# "…" or "..." at the end of a social/SEO title that a length limit cut short.
_ELLIPSIS = re.compile(r"\s*(?:…|\.{3})$")


def _untruncated(s: str, others: Iterable[str]) -> str | None:
    """The full headline that another title source shows when `s` is it cut short with an
    ellipsis ("Who is … girlfriend …" in og:title, the whole sentence in the h1)."""
    m = _ELLIPSIS.search(s)
    if not m or len(_norm(s[:m.start()])) < 10:
        return None
    start = _norm(s[:m.start()])
    return next((o for o in others if len(_norm(o)) > len(start) and _norm(o).startswith(start)), None)


def _known_titles(h1s: list[str], structured: list[str], title_s: str, sites: set[str]) -> dict[str, str]:
    """The page's title sources by comparison key, the visible h1 first (its text wins)."""
    known: dict[str, str] = {}
    for t in h1s + [s for s in structured if _good_headline(s, sites)] + [title_s]:
        if t and (t is not title_s or _good_headline(t, sites)):
            known.setdefault(_norm(t), t)
    return known


def _menu_labels(page: _Page) -> set[str]:
    """Texts of the links in the page's navigation: an h1 that repeats one ("World") names the
    section being shown, not the article."""
    return {_norm(_el_text(a)) for a in _MENU_LINKS(page.doc)}


_MENU_LINKS = etree.XPath("//nav//a|//*[@role='navigation']//a|//header[not(ancestor::article)]//a"
                          "|//*[contains(concat(' ', normalize-space(@class), ' '), ' menu ')]//a")


def _links_home(el: Any, page: _Page) -> bool:
    """Does `el` (a logo heading) or a link around it point to the site's home page?"""
    return any(_root_link(a, page) for a in [*el.iterancestors("a"), *el.iter("a")])


def _root_link(a: Any, page: _Page) -> bool:
    """Does link `a` point to the site's home page?"""
    parts = urlsplit(urljoin(page.site_url, a.get("href") or "#"))
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _headings(page: _Page) -> list[Any]:
    out = []
    for el in page.tree.iter("h1"):
        out.append(el)
        if len(out) >= 8:
            break
    return out


# ----------------------------------------------------------------------------- authors

_BYLINE_CLASS = re.compile(r"by-?line|author(?!i[sz])|autor|auteur|writer|reporter|contributor|"
                           r"creator|verfasser|firma", re.I)
# Containers whose names are not this article's byline: comments, teasers, related stories.
_NOT_BYLINE_CONTEXT = re.compile(
    r"comment|teaser|related|recommend|more-?from|also|popular|trending|widget|sidebar|"
    r"footer|quote|newsletter|follow|promo|slideshow|gallery|card|rail|"
    r"embed|twitter|social|share|login|account|authoriz|menu|nav|"
    # an author's counters: "author-views", "author-stats" (人氣(23925) is no name)
    r"(?<![a-z])(?:views?|hits|stats)(?![a-z])|counter", re.I)
# The hCard microformat's class names ("vcard", "h-card", "hcard"): on a byline element they
# mark the author's card, no teaser card ("<span class="post-author vcard">Posted by <span
# class="fn">Jane Doe</span></span>", as Blogger and WordPress themes print it).
_HCARD = re.compile(r"(?<![\w-])(?:vcard|h-card|hcard)(?![\w-])")


def _without_hcard(names: str) -> str:
    """Class names without the hCard microformat's (_HCARD)."""
    return _HCARD.sub(" ", names) if "card" in names else names


_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "organisation",
                        "localbusiness", "educationalorganization", "governmentorganization"})


def _el_spaced_text(el: Any) -> str:
    """Text with element boundaries as spaces: "By<a>Jane Doe</a>" -> "By Jane Doe"."""
    try:
        return " ".join(" ".join(el.itertext()).split())
    except (ValueError, AttributeError, TypeError):
        return ""


def _ld_person_names(value: Any, page: _Page, persons: list[str], orgs: list[str], depth: int = 0) -> None:
    if depth > 3 or value is None:
        return
    if isinstance(value, list):
        for item in value:
            _ld_person_names(item, page, persons, orgs, depth + 1)
        return
    if isinstance(value, str):
        if not value.startswith(("http://", "https://", "/")):
            persons.extend(_names_from_field(value, page))
        return
    if not isinstance(value, dict):
        return
    if "name" not in value and "@id" in value:
        value = page.by_id.get(str(value["@id"]), value)
    name = _text(value.get("name"))
    if not name:
        name = f"{_text(value.get('givenName'))} {_text(value.get('familyName'))}".strip()
    if not name or name.startswith(("http://", "https://")):
        return
    kinds = {t.lower() for t in _types(value)}
    if kinds & _ORG_TYPES or _is_account_url(_text(value.get("url")) or str(value.get("@id") or "")):
        orgs.append(name)
    else:
        persons.extend(_names_from_field(name, page))


# A CMS user account rather than a writer: WordPress' "admin" and similar profile slugs.
_ACCOUNT_URL = re.compile(r"/(?:author|authors|user|users|profile)/(?:admin|administrator|webmaster|"
                          r"editor|redaktion|newsroom|staff|root|user\d*)/?(?:[?#].*)?$", re.I)


def _is_account_url(url: str) -> bool:
    return bool(url) and bool(_ACCOUNT_URL.search(url))


# Dublin Core and Highwire (Google Scholar) creator fields write a person "Family, Given"
# ("Brazil, Rachel"), one person per tag; the comma would otherwise split one name in two.
_FAMILY_FIRST_KEYS = frozenset({"dc.creator", "dcterms.creator", "citation_author"})
_FAMILY_GIVEN = re.compile(r"^\s*([^,;]+?)\s*,\s*([^,;]+?)\s*$")


def _family_first(value: str, page: _Page) -> str:
    """"Brazil, Rachel" -> "Rachel Brazil"; anything else unchanged ("Jane Doe, Reuters": a
    name then an outlet, whose first part is already a whole name)."""
    m = _FAMILY_GIVEN.match(value)
    if not m:
        return value
    family, given = m.groups()
    if len(family.split()) > 1 and not any(w.islower() for w in family.split()[:-1]):
        return value  # "Jane Doe, …": the first part is a whole name
    if len(given.split()) > 3 or not given[:1].isupper():
        return value
    name = f"{given} {family}"
    return name if _is_personal(name, page.sites) else value


def _names_from_field(value: str, page: _Page) -> list[str]:
    """Names in one structured author value: the first part is trusted, later comma parts
    only when they look like further people (not a job description or the site name)."""
    names = parse_byline(value)  # CJK role suffixes ("기자") are cut by clean_name
    if not names:
        return []
    return [names[0]] + [n for n in names[1:] if _is_personal(n, page.sites)]


def _is_personal(name: str, sites: set[str]) -> bool:
    """A person's name rather than a desk, agency, site or initials: two or more capitalised
    words in Latin script, or a non-Latin name; never the site's own name."""
    if not name or any(ch.isdigit() for ch in name) or _is_site(name, sites, slack=6):
        return False
    if _script_class(name) == "other":
        return len(name) >= 2
    words = name.split()
    # "Anas al-Bar", "Ursula von der Leyen": particles may be lower-case, the ends may not.
    if not (len(words) >= 2 and words[0][:1].isupper() and any(ch.isupper() for ch in words[-1])
            and "." not in words[-1][1:]):
        return False
    # A long lower-case word is prose, not a particle ("Mykolo Romerio universiteto Žmogaus").
    if any(w.islower() and len(w) > 4 for w in words[1:-1]):
        return False
    return not _is_desk(name, sites)


def _is_desk(name: str, sites: set[str]) -> bool:
    """A word of `name` is the site's own name: a desk or edition ("MDR THÜRINGEN")."""
    return any(len(c) >= 3 and c in sites for c in (_compact(w) for w in name.split()))


def _marked(root: Any, attrs: tuple[str, ...], tokens: re.Pattern[str]) -> Iterator[Any]:
    """`root` and its descendant elements, in document order, whose `attrs` values glued
    together contain a match of `tokens`. The same selection as the XPath
    `contains(concat(@a, @b), 'token') or ...`, which rebuilt the string once per token and
    was the costliest step of the byline search."""
    search = tokens.search
    unnamed = frozenset(attrs).isdisjoint
    for el in root.iter(etree.Element):
        if unnamed(el.keys()):  # one call rules out most elements: none of `attrs` is set
            continue
        glued = "".join(filter(None, map(el.get, attrs)))
        if glued and search(glued):
            yield el


def _substrings(*tokens: str) -> re.Pattern[str]:
    """A pattern that finds any of `tokens`, case-sensitive, as plain substrings."""
    return re.compile("|".join(map(re.escape, tokens)))


# Case-insensitive enough for a first pass; _BYLINE_CLASS decides.
_BYLINE_ATTRS = ("class", "id", "rel", "itemprop")


def _component_attrs() -> list[str]:
    """The attributes React and component-based CMSs name a byline by when their class names
    are generated hashes ("sc-e56a85d5-11 ktaQUz", "css-2udw1p"): read with class and id."""
    # (Cypress's data-cy too; every attribute more is read on every element of the page)
    return ["data-testid", "data-component", "data-cy"]
_BYLINE_TOKENS = _substrings("uthor", "yline", "yLine", "utor", "riter", "eporter", "uteur")
_byline_tokens = ClassMatch(_BYLINE_TOKENS)


# Side content by tag; a figure's caption and credit (names and dates of the photo) included.
_SIDE_TAGS = frozenset({"aside", "nav", "footer", "figure", "figcaption"})
# A byline-looking class that names the photo's author or credit ("bildautor", "photo-credit").
_PHOTO_CLASS = re.compile(r"bild|foto|photo|credit|caption|copyright", re.I)


def _in_excluded_context(el: Any, memo: dict[Any, bool]) -> bool:
    """Is `el` inside a comment list, teaser, related-stories box, aside, nav, footer or figure?"""
    chain = []
    node = el.getparent()
    result = False
    while node is not None:
        if node in memo:
            result = memo[node]
            break
        chain.append(node)
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if node.tag in _SIDE_TAGS or (attrs and _NOT_BYLINE_CONTEXT.search(attrs)):
            result = True
            break
        node = node.getparent()
    for n in chain:
        memo[n] = result
    return result


def _headline(page: _Page) -> Any:
    """The h1 that is this article's headline: the one the structured title or <title>
    repeats, else the first h1 outside the page header and navigation."""
    if page.headline_el is not _UNSET:
        return page.headline_el
    heads = _headings(page)
    known = [_compact(t) for t in (page.m("og:title"), page.m("twitter:title"), page.title_tag,
                                   _text(page.article.get("headline")) if page.article is not None else "")
             if t]
    found = None
    for h in heads:
        n = _compact(_el_text(h))
        if len(n) >= 8 and any(n in k or (len(k) >= 8 and k in n) for k in known):
            found = h
            break
    if found is None:
        # Not the logo: an h1 in a page header that also holds the navigation.
        for h in heads:
            if not any(a.tag == "nav" or (a.tag == "header" and a.find(".//nav") is not None)
                       for a in h.iterancestors()):
                found = h
                break
    if found is None and known:
        found = _headline_not_h1(page, known)
        if found is None:
            found = _styled_headline(page, known)
    if found is None:
        found = _header_heading(page)
    page.headline_el = found
    return found


def _nearest_article(el: Any) -> Any:
    return next(el.iterancestors("article"), None)


def _header_heading(page: _Page) -> Any:
    """The heading in the header of the page's main <article> (HTML's "introductory content"
    of the article), when no heading repeats the title sources: the visible headline differs
    from the SEO title ("Marathon in Berlin: Im harten Läuferalltag…" printed, "Berlin-Marathon:
    Sebastian Hendel im Porträt" in <title>). The byline and date rules read from the headline
    on; without it they have no anchor. The main article is the one holding the most text, so
    a river of teaser <article>s does not lend its first card's heading."""
    best, most = None, 0
    for article in page.tree.iter("article"):
        size = len(text_of(article))
        if size > most:
            best, most = article, size
    if best is None:
        return None
    for header in best.iter("header"):
        if _nearest_article(header) is not best:
            continue  # a teaser card's header inside the main article
        for heading in header.iter("h1", "h2"):
            if _el_text(heading):
                return heading
    return None


# How many h2/h3/role=heading elements are read when a page has no h1 headline.
_OTHER_HEADINGS = 30
_OTHER_HEADING = etree.XPath("//h2|//h3|//*[@role='heading']")


def _headline_not_h1(page: _Page, known: list[str]) -> Any:
    """A page without an h1 headline (many CMSs print it as an h2 or a styled element): the
    first h2/h3/role=heading element whose text the title sources repeat, so the byline and
    date found after the headline are found on such pages too."""
    for count, el in enumerate(_OTHER_HEADING(page.tree)):
        if count >= _OTHER_HEADINGS:
            break
        n = _compact(_el_text(el))
        if len(n) >= 12 and any(n in k or (len(k) >= 12 and k in n) for k in known):
            return el
    return None


# Elements older and hand-made layouts print the headline in, styled rather than marked as a
# heading ("<font size=5><b>Headline</b></font>", "<div class=ttl>Headline</div>")
_STYLED_HEADLINE_TAGS = ("b", "strong", "font", "big", "div", "span", "td", "p")


def _styled_headline(page: _Page, known: list[str]) -> Any:
    """A page with no heading element for its headline: the first element holding no other
    whose whole text is what the title sources say (12 characters or more), so the byline and
    date found after the headline are found on such pages too."""
    for el in page.tree.iter(*_STYLED_HEADLINE_TAGS):
        if len(el) or not el.text:
            continue
        n = _compact(el.text)
        if len(n) >= 12 and any(n == k or (k.startswith(n) and len(n) * 2 > len(k)) for k in known):
            return el
    return None


def _context_memo(page: _Page) -> dict[Any, bool]:
    """A fresh memo for _in_excluded_context, seeded with the containers that are layout rather
    than side content: <html>, <body> (their classes describe the page: "no-sidebars",
    "sidebar-primary") and every ancestor of the headline (a box that holds the headline is the
    article's own column, whatever its class says: "two-col-sidebar-right", "page-twitter-...")."""
    memo: dict[Any, bool] = {}
    root = page.tree.getroottree().getroot()
    memo[root] = False
    memo[page.body] = False
    h = _headline(page)
    if h is not None:
        for anc in h.iterancestors():
            memo[anc] = False
    return memo


def _in_article_aside(el: Any, footer: bool = False) -> bool:
    """Is `el` in an <aside> of the <article> itself (an "about this post" box with the author's
    name and date), or with `footer` in its <footer> (HTML's own example puts the author's
    <address> there; other footer boxes hold bios), with no other side content on the way?"""
    seen_aside = False
    for node in el.iterancestors():
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if node.tag == "article":
            return seen_aside
        if node.tag == "aside" or (footer and node.tag == "footer"):
            seen_aside = True
        elif node.tag in _SIDE_TAGS or (attrs and _NOT_BYLINE_CONTEXT.search(attrs)):
            return False
    return False


def _in_byline_side_content(el: Any, memo: dict[Any, bool]) -> bool:
    """_in_excluded_context for bylines: a container named for the author ("author-card",
    "author-box-related"...) is judged by its other class words only, so that one author's
    card is not taken for a teaser card, while "related", "comments" around it still count."""
    chain = []
    node = el.getparent()
    result = False
    while node is not None:
        if node in memo:
            result = memo[node]
            break
        chain.append(node)
        words = [w for w in " ".join(filter(None, (node.get("class"), node.get("id")))).split()
                 if not _BYLINE_CLASS.search(w)]
        if node.tag in _SIDE_TAGS or (words and _NOT_BYLINE_CONTEXT.search(" ".join(words))):
            result = True
            break
        node = node.getparent()
    for n in chain:
        memo[n] = result
    return result


def _headline_articles(page: _Page) -> set[Any] | None:
    """The <article> elements around the headline, or None when the headline is in none (then
    no <article> on the page can be told apart as another story's)."""
    h = _headline(page)
    if h is None:
        return None
    found = {a for a in h.iterancestors("article")}
    return found or None


# An <article> beside the headline's that is longer than this is the rest of the same story
# (a page that splits header and text into two <article>s), not a teaser.
_OTHER_ARTICLE_MAX_CHARS = 1500


def _in_other_article(el: Any, mine: set[Any] | None) -> bool:
    """Is `el` inside an <article> that does not hold the headline? HTML's <article> is a
    self-contained composition: a comment (which the spec nests as an <article> inside the
    article it comments on), an embedded story, the next story with its own <h1> (pages that
    load it below), or a teaser card beside it; a long <article> without a headline beside the
    headline's is the story's own text."""
    if mine is None:
        return False
    for a in el.iterancestors("article"):
        if a in mine:
            continue
        if any(anc in mine for anc in a.iterancestors("article")) or a.find(".//h1") is not None:
            return True  # nested in this story, or a story with its own headline (infinite scroll)
        if len(_text_upto(a, _OTHER_ARTICLE_MAX_CHARS)) <= _OTHER_ARTICLE_MAX_CHARS:
            return True
    return False


# A teaser card is short: a linked headline, a byline, maybe a date and a line of text.
_TEASER_MAX_CHARS = 400
# How many containers up from a byline a teaser's linked headline may sit (byline -> meta row
# -> card).
_TEASER_CLIMB = 3
# A linked heading reads as another story's headline from this many words (a topic kicker
# such as "chaos theory" or the author's own linked name is shorter), or, in a script written
# without spaces, from this many characters.
_TEASER_HEADLINE_WORDS = 4
_TEASER_HEADLINE_CHARS = 8


def _own_title_keys(page: _Page) -> list[str]:
    """This page's stated titles, compacted: a linked heading matching one is the page's own."""
    return [_compact(t) for t in (page.m("og:title"), page.m("twitter:title"), page.title_tag,
                                  _text(page.article.get("headline")) if page.article is not None else "")
            if t]


def _in_teaser(el: Any, page: _Page) -> bool:
    """Is `el` the byline of a teaser card: a short container that also holds a heading linking
    to another story ("<div><h3><a href=/other>Other story</a></h3><div class=byline>By Ann
    Other</div></div>")? Not when the container holds this page's headline, nor for the page's
    own title linked to itself as many blog themes print it."""
    h1 = _headline(page)
    around_headline = set(h1.iterancestors()) if h1 is not None else set()
    own = set(el.iterancestors())
    node = el
    known: list[str] | None = None
    for _ in range(_TEASER_CLIMB):
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "main") or node in around_headline:
            return False
        if len(_text_upto(node, _TEASER_MAX_CHARS)) > _TEASER_MAX_CHARS:
            return False
        for h in node.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            if h is el or h in own:
                continue  # the byline printed as a heading ("<h6>By <a>Jane Doe</a></h6>")
            parent = h.getparent()
            if h.find(".//a[@href]") is None and (parent is None or parent.tag != "a"):
                continue
            text = _el_text(h)
            words = text.split()
            if len(words) < _TEASER_HEADLINE_WORDS and not (len(words) == 1 and len(text) >= _TEASER_HEADLINE_CHARS):
                continue
            if known is None:
                known = _own_title_keys(page)
            n = _compact(text)
            if n and any(n in k or (len(k) >= 8 and k in n) for k in known):
                continue
            return True
    return False


def _byline_marked(body: Any) -> Iterator[Any]:
    """Elements classed as a byline (as _marked with the byline tokens) and <address> elements:
    HTML's element for the contact information of the author of the <article> around it."""
    names = (*_BYLINE_ATTRS, *_component_attrs())
    unnamed = frozenset(names).isdisjoint
    for el in body.iter(etree.Element):
        if el.tag == "address":
            yield el
            continue
        if unnamed(el.keys()):  # one call instead of a get() per attribute name
            continue
        glued = "".join(filter(None, map(el.get, names)))
        if glued and _byline_tokens(glued):
            yield el


def _byline_candidates(page: _Page) -> tuple[list[Any], list[Any]]:
    """Elements that hold a byline, in document order, outside comments, teasers and
    related-story lists; second, those inside the article's own <aside> or <footer>."""
    out: list[Any] = []
    in_aside: list[Any] = []
    memo = _context_memo(page)
    mine = _headline_articles(page)
    body = page.body
    if body is None:
        return out, in_aside
    names = (*_BYLINE_ATTRS, *_component_attrs())
    for el in _byline_marked(body):
        attrs = " ".join(filter(None, map(el.get, names)))
        if el.tag != "address" and (not attrs or not _BYLINE_CLASS.search(attrs)):
            continue
        if _in_other_article(el, mine):
            continue
        if el.tag in ("script", "style", "meta", "link", "img", "noscript", "svg", "time", "button"):
            continue
        rest = _BYLINE_CLASS.sub("", attrs)
        if _NOT_BYLINE_CONTEXT.search(_without_hcard(rest)) or _PHOTO_CLASS.search(rest):
            continue
        if _job_title_child(el):  # "author-role", "author__position": the writer's job
            continue
        if _in_byline_side_content(el, memo):
            if len(in_aside) < 20 and _in_article_aside(el, el.tag == "address"):
                in_aside.append(el)
            continue
        out.append(el)
        if len(out) >= 60:
            break
    return out, in_aside


def _visible_authors(page: _Page) -> tuple[list[str], list[str]]:
    """(personal names, other names) from the first byline block that names someone; a byline
    in the article's own <aside> counts only when there is no other."""
    cands, in_aside = _byline_candidates(page)
    persons, others = _visible_authors_in(page, cands)
    if not persons and in_aside:
        persons, more = _visible_authors_in(page, in_aside)
        others = others or more
    return persons, others


# Longest text of the line around one author link that still counts as the byline line (the
# same bound as for a byline element's own text).
_BYLINE_LINE_MAX = 250


# Western, Arabic-Indic and Persian digits.
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")


def _postal(text: str) -> bool:
    """Is this <address> a postal address or phone line rather than a byline? It has numbers
    that are not a date ("Unter den Linden 77, 10117 Berlin"; a byline's numbers are its date)."""
    return bool(_DIGIT.search(text)) and find_date_in_text(text) is None


# A child of a byline that holds the writer's job title, not their name: <div class="author">
# <a>Jane Doe</a><span class="job-title">Travel News Reporter</span></div> (schema.org
# itemprop="jobTitle" too). Not "author-title": author boxes use it for the name itself.
_JOB_TITLE_NAME = re.compile(r"job[-_ ]?title|jobtitle|author[-_]*(?:role|position|function|job)"
                             r"|(?<![a-z])(?:role|position|designation|occupation)(?![a-z])"
                             # the place the story was written: "author_location", "byline__place"
                             # (not "dateline": some sites class the byline line itself so)
                             r"|(?<![a-z])(?:location|place)(?![a-z])", re.I)


def _job_title_child(node: Any) -> bool:
    attrs = " ".join(filter(None, (node.get("class"), node.get("itemprop"))))
    return bool(attrs) and bool(_JOB_TITLE_NAME.search(attrs))


# A byline printed as rows, one author per row: "<div class=byline><div>Jane Doe</div><div>Omar
# Haddad</div></div>", "<ul class=authors><li>…</li><li>…</li></ul>". A row is a block element
# of at most this many characters: an author card's rows (a desk, a bio, "Follow") are longer
# or come in boxes of other kinds.
_ROW_TAGS = frozenset({"div", "p", "li", "dd", "dt"})
AUTHOR_ROW_MAX_CHARS = 40


def _author_rows(el: Any) -> list[Any]:
    """The children of a byline element that are its rows, one author each: two or more block
    elements of one tag, each short (a browser puts each on a line of its own, so no name runs
    from one into the next); else none."""
    rows = [child for child in el if isinstance(child.tag, str)]
    if len(rows) < 2 or rows[0].tag not in _ROW_TAGS or any(r.tag != rows[0].tag for r in rows):
        return []
    if any(len(text_of(r)) > AUTHOR_ROW_MAX_CHARS for r in rows):
        return []
    return rows


_INLINE_ROW_TAGS = frozenset({"span", "a", "strong", "b", "em", "i"})


def _glued_rows(el: Any) -> list[Any]:
    """The children of a byline element that are its rows though inline: two or more elements
    of one inline tag, each short, with nothing at all between one's text and the next's
    ("<span>Jane Doe</span><span>Omar Haddad</span>"). Read as text they would glue the names
    ("Jane DoeOmar Haddad"); on the screen, the page's style sets them apart."""
    rows = [child for child in el if isinstance(child.tag, str)]
    if len(rows) < 2 or rows[0].tag not in _INLINE_ROW_TAGS or any(r.tag != rows[0].tag for r in rows):
        return []
    texts = [text_of(r) for r in rows]
    if any(not t.strip() or len(t) > AUTHOR_ROW_MAX_CHARS for t in texts):
        return []
    for row, text, after in zip(rows, texts, texts[1:]):
        if row.tail or text[-1].isspace() or after[0].isspace():
            return []  # a space between them: one line, as printed
    return rows


def _br_lines_text(el: Any) -> str:
    """Spaced text of `el` with its <br> line breaks kept: a name does not run across a line
    break ("By Jane Doe<br>Staff Writer", "Jane Doe<br>John Roe") or from one row of the
    byline into the next (_author_rows), nor into a job title printed in an element of its own
    (_job_title_child), which goes on a line of its own."""
    lines_at = [node for node in el.iter(etree.Element)
                if node is not el and (node.tag == "br" or _job_title_child(node))]
    lines_at += _author_rows(el) or _glued_rows(el)
    if not lines_at:
        return _el_spaced_text(el)
    breaks = set(lines_at)
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node in breaks:
                parts.append("\n")
            if isinstance(node.tag, str) and node.text:
                parts.append(node.text)
        else:
            if node in breaks and node.tag != "br":
                parts.append("\n")
            if node is not el and node.tail:
                parts.append(node.tail)
    return "\n".join(_spaced(line).strip() for line in " ".join(parts).split("\n")).strip()


def _own_text_has_letters(el: Any) -> bool:
    """Does `el` print letters itself, outside its child elements?"""
    own = (el.text or "") + "".join(c.tail or "" for c in el)
    return any(ch.isalpha() for ch in own)


def _linked_names(leaf: Any, names: list[str]) -> list[str] | None:
    """The names of a byline's author links, where its text runs on past them with no break
    the markup shows ("Von <a href=/autor/x>Sina Zehrfeld</a> <span class="block">
    Landespolitische Korrespondentin</span>": the job title is a line of its own only by CSS):
    a read name that is a linked name plus more words is cut back to the linked name. None when
    nothing is cut, or when a read name is not explained by a link (links name the authors)."""
    linked: list[list[str]] = []
    for a in leaf.iter("a"):
        if _is_author_link(a):
            linked.extend(n.casefold().split() for n in parse_byline(_el_spaced_text(a)))
    if not linked:
        return None
    out: list[str] = []
    for name in names:
        words = name.split()
        folded = [w.casefold() for w in words]
        if folded in linked:
            out.append(name)
            continue
        # a linked name of two words or more (one word may be a first name alone), then more
        head = next((len(k) for k in linked if 1 < len(k) < len(folded) and folded[:len(k)] == k), 0)
        if not head:
            return None
        out.append(" ".join(words[:head]))
    return out if out != names else None


def _author_cards_row(block: Any) -> Any:
    """The row that holds `block` and the cards of the other authors beside it: one card per
    author, each a byline element of the same markup ("<div><a class=author href=/autoren/a>
    <img><span class=author-name>A</span></a><a class=author href=/autoren/b>…</a></div>"),
    in a short row; else `block` itself."""
    row = block.getparent()
    if row is None or len(_el_spaced_text(row)) > _BYLINE_LINE_MAX:
        return block
    key = _box_key(block)
    if any(c is not block and isinstance(c.tag, str) and _box_key(c) == key for c in row):
        return row
    return block


def _visible_authors_in(page: _Page, cands: list[Any]) -> tuple[list[str], list[str]]:
    cand_set = set(cands)
    inner: set[Any] = set()
    for el in cands:
        for anc in el.iterancestors():
            if anc in cand_set:
                inner.add(anc)
    leaves = [el for el in cands if el not in inner]
    # A byline element whose marked children hold only the furniture ("<div class=author>
    # <span class=author-by>By</span> Jane Doe <span class=author-line>-</span></div>"): the
    # name is its own text, read after every leaf has been tried.
    printed_here = [el for el in cands if el in inner and _own_text_has_letters(el)]
    others: list[str] = []
    for leaf in leaves + printed_here:
        text = _br_lines_text(leaf) or (leaf.get("content") or "")
        if not text or len(text) > _BYLINE_LINE_MAX:
            continue
        names = [n for n in parse_byline(text) if not _clause_end(n)]
        names = _linked_names(leaf, names) or names
        if names and leaf.tag == "address":
            if _postal(text):
                continue
            # <address> also holds contact lines ("Jane Doe, Springfield"): persons only
            names = [n for n in names if _is_personal(n, page.sites)]
        if not names or _in_teaser(leaf, page):
            continue
        if not any(_is_personal(n, page.sites) for n in names) or any(
                _is_account_url(a.get("href") or "") for a in leaf.iter("a")):
            if not others:
                others = names
            continue
        # The byline block: the outermost byline element around this leaf.
        block = leaf
        for anc in leaf.iterancestors():
            if anc in cand_set:
                block = anc
        # "von David Straub, MDR THÜRINGEN", "By Jane Doe | The Courier": the site's own desk or
        # name after a person is not an author.
        result = _without_the_site(names[:1] + [n for n in names[1:] if not _is_desk(n, page.sites)], page)
        if block is leaf:
            # One link or name per author ("<a rel=author>A</a> and <a rel=author>B</a>"): the
            # byline is the short line that holds them.
            line = leaf.getparent()
            if line is not None and len(_el_spaced_text(line)) <= _BYLINE_LINE_MAX:
                block = line
        else:
            block = _author_cards_row(block)
        for other in leaves:
            if other is leaf:
                continue
            if block in set(other.iterancestors()):
                result.extend(n for n in parse_byline(_el_spaced_text(other))
                              if _is_personal(n, page.sites))
        return _dedupe(result), others
    return [], others


def _clause_end(name: str) -> bool:
    """Does a name read from a byline box end a sentence (a bio's clause split off at its
    "and": "writes about transport.", "يكتب عن النقل.")? A full stop after a lower-case word, or
    after a word of a script without case, names no one, not even a desk ("Acme Inc.", "AFP.",
    "Jane Roe Jr." end otherwise)."""
    if not name.endswith((".", "。")):
        return False
    words = name[:-1].split()
    letters = [ch for ch in words[-1] if ch.isalpha()] if words else []
    if len(letters) < 2:
        return False
    return words[-1].islower() or not any(ch.isupper() or ch.islower() for ch in letters)


_META_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
                     "dc.creator", "dcterms.creator", "byl", "citation_author", "dcsext.author",
                     "cxenseparse:author", "article.author", "twitter:data1")


# Text nodes under the context element that contain a given string (a structured author's name); the
# search runs in C, so no Python walk over the whole tree.
_TEXT_WITH = etree.XPath("descendant::text()[contains(., $name)]")
# How many places printing a structured author are looked at (the byline comes before the
# body text, bio boxes and teasers that may repeat the name).
_PRINTED_NAME_HITS = 3
# Most authors one printed byline is believed to name.
_MAX_BYLINE_NAMES = 8
# How far up from the line of the printed name the repeated box of one author may be
# (line -> name wrapper -> author card -> the row of author cards).
_BYLINE_CLIMB = 4
# Phrasing elements: they continue a line of text; any other element starts a new one.
_INLINE_TAGS = frozenset({"a", "span", "strong", "b", "em", "i", "small", "cite", "font", "u", "bdi",
                          "bdo", "mark", "abbr", "time", "data", "sup", "sub"})


def _lines_text(el: Any) -> str:
    """Text of `el` with a line break at every block boundary, so that names printed in boxes
    side by side ("<div>Ingrid Treborg</div><div>Marlene Holm</div>") stay apart. Line breaks
    in the source are spaces on the page and become spaces here."""
    parts: list[str] = []

    def walk(e: Any) -> None:
        block = e.tag not in _INLINE_TAGS
        if block:
            parts.append("\n")
        if e.text and e.tag not in ("script", "style", "noscript"):
            parts.append(_spaced(e.text))
        for child in e:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(_spaced(child.tail))
        if block:
            parts.append("\n")

    walk(el)
    return "".join(parts)


# A "by"-word inside a line: the byline starts there ("News , Top Story | Written by A").
_BY_WORD = re.compile(r"(?<!\w)(?:by|von|par|por|door|di|av|af|بقلم|كتبت?|автор|авторы)(?!\w)", re.I)


# Separators that end a list of names: what follows is a dateline, a date or another field
# ("Jane Doe / New Delhi", "El Mundo | octubre 7 | Agencia Efe"). Names of one byline are
# joined by commas and "and"-words.
_FIELD_SEP = re.compile(r"\s*[|/•·\n;／；]\s*")


# An "and" between names: a list of authors ("A, B and C", "أنس البار ومحمد علي"), where a
# comma alone may add a place or an outlet ("Jane Doe, New York", "أنس البار، بغداد").
_AND_JOIN = re.compile(r"\s&\s|(?<!\w)(?:and|und|et|y|e|en|og|och|i|и|ve|sowie)(?!\w)|\sو|、", re.I)
# Without an "and", a comma list counts as authors from this many persons ("A, B, C").
_COMMA_LIST_MIN = 3


def _line_names(node: Any, first: str, wanted: set[str]) -> list[str]:
    """The list of names printed with `first` in the block `node` (from the last "by"-word
    before it, up to the next field separator); [] when the `wanted` names are not one list.
    Names past the wanted ones are kept only when the list is joined by an "and" or has at
    least _COMMA_LIST_MIN names."""
    text = _lines_text(node)
    pos = text.find(first)
    if pos > 0:
        cut = [m.start() for m in _BY_WORD.finditer(text, 0, pos)]
        if cut:
            text = text[cut[-1]:]
    for chunk in _FIELD_SEP.split(text):
        names = parse_byline(chunk)
        if wanted <= {_compact(n) for n in names}:
            if len(names) < _COMMA_LIST_MIN and not _AND_JOIN.search(chunk):
                return [n for n in names if _compact(n) in wanted]
            return names
    return []


def _box_key(el: Any) -> tuple[str, tuple[str, ...]]:
    """What makes two boxes the same markup: tag and class words."""
    return el.tag, tuple(sorted((el.get("class") or "").split()))


def _printed_byline(el: Any, first: str, wanted: set[str], page: _Page) -> list[str]:
    """The persons of the printed byline around `el` (where a structured author is printed):
    the names on its line, else the names in the boxes beside it that repeat its own box's
    markup (one box per author: same tag and classes), each holding a person's name only."""
    line = el
    while line is not None and line.tag in _INLINE_TAGS:
        if starts_with_by(_el_spaced_text(line)):
            break  # "<span>By <b>A</b> and B |</span><span>Published: ...</span>": the byline itself
        line = line.getparent()
    if line is None or line.tag in ("body", "html") or len(_spaced(_lines_text(line))) > _BYLINE_LINE_MAX:
        return []
    names = _line_names(line, first, wanted)
    if not names:
        return []
    persons = [n for n in names if _compact(n) in wanted or _is_personal(n, page.sites)]
    if len(persons) > len(wanted):
        return persons[:_MAX_BYLINE_NAMES]
    box = line
    for _ in range(_BYLINE_CLIMB):
        parent = box.getparent()
        if parent is None or box.tag in ("body", "html", "article", "main"):
            break
        key = _box_key(box)
        boxes = [c for c in parent if c is box or (isinstance(c.tag, str) and _box_key(c) == key)]
        if len(boxes) > 1:
            out: list[str] = []
            for b in boxes[:_MAX_BYLINE_NAMES]:
                if b is box:
                    out.extend(persons)
                    continue
                text = _lines_text(b)
                found = parse_byline(text) if len(_spaced(text)) <= _BYLINE_LINE_MAX else []
                if not found or not all(_is_personal(n, page.sites) for n in found):
                    return persons
                out.extend(found)
            return out
        if next(parent.iter("h1", "h2", "h3"), None) is not None:
            break
        box = parent
    return persons


def _article_scope(page: _Page) -> Any:
    """Where a printed byline is looked for: the <article> (else <main>) that holds the
    headline, else the body; navigation, footers and related stories outside it are skipped."""
    h = _headline(page)
    if h is not None:
        main = None
        for anc in h.iterancestors("article", "main"):
            if anc.tag == "article":
                return anc
            main = main if main is not None else anc
        if main is not None:
            return main
    return page.body


def _fuller_visible(structured: list[str], page: _Page) -> list[str]:
    """The printed byline when it repeats the structured authors and names more persons
    (JSON-LD and meta tags often carry only the first of several authors); else `structured`.

    The byline is found from where the first structured name is printed (its family name when
    the parts are printed apart: "<span>Marlene</span> <span>Holm</span>"): the line around it
    ("<p>By <a>A</a>, <a>B</a> and C | date</p>"), or the boxes of one author each beside it."""
    first = structured[0]
    wanted = {_compact(n) for n in structured}
    memo = _context_memo(page)
    mine = _headline_articles(page)
    keys = [first]
    last = first.split()[-1]
    if last != first and len(last) >= 3:
        keys.append(last)
    scope = _article_scope(page)
    for key in keys:
        try:
            hits = _TEXT_WITH(scope, name=key)
        except (etree.XPathError, ValueError):
            return structured
        for hit in hits[:_PRINTED_NAME_HITS]:
            el = hit.getparent()
            if el is not None and getattr(hit, "is_tail", False):
                el = el.getparent()
            if el is None or el.tag in ("script", "style", "title", "noscript", "textarea"):
                continue
            if _in_byline_side_content(el, memo) or _in_other_article(el, mine):
                continue
            printed = _printed_byline(el, first, wanted, page)
            if printed:
                return _dedupe(printed) if len(printed) > len(structured) else structured
        if hits:
            break
    return structured


def _authors_and_fallback(page: _Page, sel: FieldSelectors | None) -> tuple[list[str], bool]:
    """Structured persons (or the printed byline when it names them and more), then meta
    persons (likewise), then the visible byline; an organisation only when no person is named
    anywhere (an Organization "author" must not hide a visible byline). The flag says the
    names are that no-person fallback (organisations, the site's own name, desks)."""
    if sel and sel.authors:
        names: list[str] = []
        for el in _select(page.tree, sel.authors):
            names.extend(parse_byline(_el_spaced_text(el) or el.get("content") or ""))
        if names:
            return _dedupe(names), False
    persons: list[str] = []
    orgs: list[str] = []
    if page.article is not None:
        raw = page.article.get("author")
        _ld_person_names(raw if raw is not None else page.article.get("creator"), page, persons, orgs)
    site_persons = [p for p in persons if _is_site(p, page.sites, slack=2) or _names_the_site(p, page)]
    persons = [p for p in persons if p not in site_persons]
    if persons:
        # Structured persons are trusted, but may be only the first of the printed authors.
        return _fuller_visible(_dedupe(persons), page), False
    meta_person: list[str] = []
    meta_other: list[str] = []
    for key in _META_AUTHOR_KEYS:
        for v in page.meta.get(key, ()):
            if v.startswith(("http://", "https://", "/", "www.")) or (" " not in v and "-" in v and v.islower()):
                continue  # a profile URL or slug, not a name
            if key in _FAMILY_FIRST_KEYS:
                v = _family_first(v, page)
            for n in _names_from_field(v, page):
                site = _is_site(n, page.sites, slack=6) or _names_the_site(n, page)
                (meta_other if site else meta_person).append(n)
        if meta_person:
            break
    if meta_person:
        return _fuller_visible(_dedupe(meta_person), page), False
    visible, visible_other = _visible_authors(page)
    if visible:
        return visible, False
    # A "Person" named like the site ("FOCUS online") is what the site says when no one else
    # is named; look for an unmarked byline first.
    unmarked = _linked_authors(page) or _lead_byline(page)
    if unmarked:
        return unmarked, False
    fallback = _dedupe(site_persons or orgs or meta_other or visible_other)
    if not fallback:
        # the weakest sign of a writer, a name over the date with no mark at all, only where
        # the page names no author of any kind (not even the publisher, as structured data does)
        named = _name_over_date(page) or _name_beside_date(page)
        if named:
            return named, False
    return fallback, True


def _names_the_site(name: str, page: _Page) -> bool:
    """Does an author field (a meta author, a JSON-LD Person) name the site, as its logo link
    says it ("The Courier") or as the label its <title> ends with ("Council weighs bus levy -
    The Courier")? Sites that declare their name nowhere else (no og:site_name, no publisher)
    still print it there, and their CMS fills the author field with it; the printed byline
    then names the writer."""
    if _is_site(name, _home_link_names(page), slack=2):
        return True
    parts = _SEP.split(page.title_tag)
    if len(parts) < 2:
        return False
    name_key = _compact(name)
    return bool(name_key) and name_key == _compact(parts[-1])


def _without_the_site(names: list[str], page: _Page) -> list[str]:
    """The names of a byline without the site's own name after the first ("By Jane Doe and
    John Roe | The Courier"), as its logo or <title> gives it (_names_the_site)."""
    return names[:1] + [n for n in names[1:] if not _names_the_site(n, page)]


# Profile links: /author/jane-doe, /autoren/name/max-kolter, /journalist/..., /by/...
_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in|innen|es)?|auteurs?|autore|autori|writers?|journalists?|"
                          r"journalisten|reporters?|redakteur(?:e|in)?|columnists?|contributors?|"
                          # transliterated: Arabic kuttab/katib ("writers"/"writer"), Russian
                          # avtor(y) and Turkish yazar(lar)
                          r"kuttab|katib|kottab|avtory?|yazarlar|yazar|"
                          # the newsroom's staff pages: /redaktion/max-kolter, /about/editors/x,
                          # /staff/x, Dutch/Scandinavian/Spanish/Portuguese/Italian newsroom words
                          r"redaktion|redactie|redaksjonen|redaccion|redacao|redazione|editors?|staff|"
                          r"by|bios?|profiles?)/[^/?#]"
                          # a profile at /@handle on the site itself (Medium, Substack-style blogs)
                          r"|(?:^|//[^/?#]+)/@[\w.-]+/?(?:[?#]|$)", re.I)


def _after_headline(page: _Page, path: str, limit: int) -> list[Any]:
    h = _headline(page)
    if h is None:
        return []
    try:
        return h.xpath(f"following::{path}[position() <= {limit}]")
    except etree.XPathError:
        return []


def _is_author_link(a: Any) -> bool:
    """A link to an author's page: rel=author (HTML's link type for the article's author) or a
    profile URL; never a CMS account ("/author/admin/")."""
    href = a.get("href") or ""
    if _is_account_url(href):
        return False
    return "author" in (a.get("rel") or "").lower().split() or bool(_AUTHOR_HREF.search(href))


def _linked_authors(page: _Page) -> list[str]:
    """Names of the first profile link(s) after the headline (a byline with no class marker:
    "von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a>"), with co-authors linked from
    the same line."""
    memo = _context_memo(page)
    mine = _headline_articles(page)
    for a in _after_headline(page, "a[@href]", 200):
        if not _is_author_link(a):
            continue
        names = parse_byline(_el_spaced_text(a))
        if not names or not all(_is_personal(n, page.sites) for n in names):
            continue
        if _in_byline_side_content(a, memo) or _in_other_article(a, mine) or _in_teaser(a, page):
            continue
        line = a.getparent()
        out = list(names)
        if line is not None:
            for b in line.iter("a"):
                if b is not a and _is_author_link(b):
                    out.extend(n for n in parse_byline(_el_spaced_text(b)) if _is_personal(n, page.sites))
        return _dedupe(out)
    return []


# A line that starts with a "by"-word: Latin-script ones must be followed by a space; the
# Arabic "كتب" ("wrote", also "books") and the CJK labels only with their separator, so that
# a heading such as "記者会見" (press conference) is not read as a byline.
_LEAD_BY = re.compile(r"^\s*(?:[-–—/|·•>]{1,3}\s*)?(?:(?:by|von|par|por|door|di|av|af)\s*:?\s+\S|بقلم\s*:?\s*\S|كتبت?\s*[:\-–—]|"
                      # "Written by …", "Story by …", "Escrito por …", "Geschrieben von …", "نشر
                      # بواسطة …", Danish/Norwegian "Skrevet af/av", Swedish "Skriven av", Polish
                      # "Napisał(a)", Czech "Napsal(a)", Slovak "Napísal(a)" ("wrote")
                      r"(?:(?:written|posted|published|reported|story|words|text|reporting|interview)\s+by|"
                      r"skrevet\s+(?:af|av)|skriven\s+av|napisała?|napsala?|napísala?|(?:escrito|publicado|redactado)\s+por|"
                      r"(?:écrit|publié|rédigé)\s+par|(?:geschrieben|verfasst)\s+von|(?:scritto|pubblicato)\s+da|"
                      r"(?:geschreven|gepubliceerd)\s+door|نشر\s+بواسطة|كتبه|كتبها)\s+\S|"
                      r"(?:автор|текст)\s*:|автор\s+(?-i:[А-ЯЁ])|(?:文|撰文|記者|记者|作者)\s*[/／:：]|(?:本报|本報|本刊|特约|特約)?(?:記者|记者)\s|"
                      # "Author: …", "Autor: …", "Auteur : …", "Yazar: …", "Penulis: …", Persian
                      # "نویسنده: …", Urdu "تحریر: …": a label, only with its colon
                      r"(?:authors?|autor(?:in|en|a|es)?|auteurs?|autore|autori|yazar|yazan|haber|penulis|"
                      r"reporter|redakce|text|texte|texto|نویسنده|نوشته|خبرنگار|تحریر|رپورٹ|مراسل|muhabir|"
                      r"tác\s+giả|szerző|kirjoittaja|autorius|autors|piše|аутор|հեղինակ|ავტორი|লেখক|लेखक|"
                      r"द्वारा|συντάκτ(?:ης|ρια)|الكاتب|الكاتبة|المحرر|المحررة)\s*[:՝]\s*\S|"
                      # Indonesian "Oleh", Hebrew "מאת" (by), Greek "Του/Της" + a capitalised name
                      # (by, genitive) and "Γράφει ο/η" (writes)
                      r"(?:oleh|מאת|γράφει\s+(?:ο|η)|بواسطة)\s*:?\s+\S|(?-i:(?:Του|Της)\s+[Α-ΩΆ-Ώ]\S*\s+[Α-ΩΆ-Ώ])|"
                      # a Korean name (three syllables, as most are) and its role, alone on the
                      # line: "홍길동 기자" ("사진 기자", photo desk, and "조선일보 기자" are none)
                      r"[가-힣]{3}\s?(?:기자|특파원)(?:\s|$))", re.I)
# A byline is a short line; a longer one is a sentence ("By contrast, ...").
_LEAD_MAX_CHARS = 80
# How many elements after the headline may hold an unmarked "By" line: the dek, the section
# label, a photo with its caption and a date come first on many pages.
_LEAD_SCAN_ELEMENTS = 40


# An unmarked "By" line is read only when each name looks like a name and not a title-case
# phrase ("Von Montag bis Freitag", "By The Numbers"): lower-case words inside a Latin-script
# name must be name particles, and it may not open with an article or question word.
_NAME_PARTICLES = frozenset("von van der den de del della di da du le la al el bin ibn abu ben dos das do "
                            "zu ter ten op af".split())
_NOT_NAME_START = frozenset("the a an this that these those our your my how what why when where who "
                            "der die das ein eine le la les un une el los las il lo gli het een "
                            "qué cómo cuándo dónde warum wie was wer wann pourquoi comment quand quoi "
                            "perché come cosa quando".split())


def _plain_name(name: str) -> bool:
    """A name an unmarked line may give: see _NAME_PARTICLES."""
    if _script_class(name) == "other":
        return True
    words = name.split()
    if words[0].casefold() in _NOT_NAME_START:
        return False
    for w in words[1:-1]:
        if w[:1].islower() and w.casefold() not in _NAME_PARTICLES and not re.match(r"[a-z]{1,3}-\w", w):
            return False
    return True


def _text_upto(el: Any, limit: int) -> str:
    """`el`'s spaced text (as _el_spaced_text), read only until it is longer than `limit`:
    the elements after a headline include the whole article body, whose full text is not
    needed to reject it."""
    if not len(el):  # no children: its text is all (an itertext() iterator costs more)
        return " ".join((el.text or "").split())
    parts: list[str] = []
    size = 0
    for t in el.itertext():
        t = " ".join(t.split())
        if t:
            parts.append(t)
            size += len(t) + 1
            if size > limit + 1:
                break
    return " ".join(parts)


def _lead_byline(page: _Page) -> list[str]:
    """A byline printed as the first paragraph of the text: a paragraph that is nothing but bold
    names ("<p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p>") or "By Jane Doe";
    else any short element after the headline that starts with a "by"-word
    ("<span>By Anas al-Bar |</span>", "<div>بقلم أنس البار</div>")."""
    mine = _headline_articles(page)
    for p in _after_headline(page, "p", 5):
        if _in_other_article(p, mine):
            continue
        text = _el_spaced_text(p)
        if not text or len(text) > _LEAD_MAX_CHARS or text.rstrip()[-1:] in (":", "?", "!"):
            continue  # a label or a lead-in, not a name
        bold = " ".join(_el_spaced_text(b) for b in p.iter("strong", "b"))
        if _WS.sub("", bold) != _WS.sub("", text) and not _LEAD_BY.match(text):
            continue
        if any(_is_account_url(a.get("href") or "") for a in p.iter("a")):
            continue
        names = _without_the_site(parse_byline(text), page)
        if (names and len(names) <= 4 and all(_is_personal(n, page.sites) for n in names)
                and not _in_teaser(p, page)):
            return names
    memo = _context_memo(page)
    for el in _lead_scan(page):
        if el.tag in ("script", "style", "noscript", "svg", "h1", "h2", "h3", "blockquote", "q"):
            continue
        text = _text_upto(el, _LEAD_MAX_CHARS)
        if not text or len(text) > _LEAD_MAX_CHARS:
            continue
        if not _LEAD_BY.match(text):
            text = _by_after_date(text)
            if not text:
                continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if el.tag in _SIDE_TAGS or (attrs and _NOT_BYLINE_CONTEXT.search(attrs)):
            continue  # the element itself is side content (a teaser, a caption, a footer)
        if _in_byline_side_content(el, memo) or _in_other_article(el, mine):
            continue
        if any(_is_account_url(a.get("href") or "") for a in el.iter("a")):
            continue
        names = _without_the_site(_without_desks(parse_byline(text), page.sites), page)
        if (names and len(names) <= 4 and all(_is_personal(n, page.sites) and _plain_name(n) for n in names)
                and not _in_teaser(el, page)):
            return names
    return []


# What may stand between a date line's date and the "By" after it: its time and zone, and
# separators ("Tuesday 5 March 2024, 18:30 GMT | By Jane Doe").
_DATE_TO_BY = re.compile(r"[\s,|·•–—-]*(?:(?:at|um|à|a las|às)?\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?"
                         r"\s*(?:[A-Z]{2,5}\b)?)?[\s,|·•–—-]*", re.IGNORECASE)
# Before the date: at most a weekday or a label ("Tuesday", "Published", "Updated:").
_BEFORE_DATE_WORDS = 2


def _by_after_date(text: str) -> str | None:
    """The "By" line that follows the date a line opens with ("Tuesday 5 March 2024 By Jane
    Doe", "5. März 2024 | Von Max Muster", "٥ مارس ٢٠٢٤ - بقلم أنس البار"), from its by-word on;
    None when the line opens otherwise."""
    if _BY_WORD.search(text) is None:
        return None  # most lines: no by-word, no date to look for
    found = dates_in_text(text)
    if not found:
        return None
    start, end, _ = found[0]
    before = text[:start]
    if len(before.split()) > _BEFORE_DATE_WORDS or any(ch.isdigit() for ch in before):
        return None
    rest = text[end:]
    rest = rest[_DATE_TO_BY.match(rest).end():]
    return rest if rest and _LEAD_BY.match(rest) else None


# The most elements after the headline the scan for a "By" line reads, whatever they hold.
_LEAD_SCAN_MAX = 400


def _lead_scan(page: _Page) -> list[Any]:
    """The elements after the headline where an unmarked "By" line may stand: the first
    _LEAD_SCAN_ELEMENTS of them that print text of their own, with the elements between
    them. A share bar of a dozen services is three or four elements deep per service, and a
    count of every element ran out inside it, before the byline under the lead picture."""
    out: list[Any] = []
    h = _headline(page)
    if h is None:
        return out
    printed = 0
    for el in islice(_following(h), _LEAD_SCAN_MAX):
        out.append(el)
        if not _prints_nothing_of_its_own(el):
            printed += 1
            if printed >= _LEAD_SCAN_ELEMENTS:
                break
    return out


def _following(el: Any) -> Iterator[Any]:
    """The elements after `el` in document order, its own descendants not included (XPath's
    following::*), one at a time: the scan stops long before the end of the page."""
    node = el
    while node is not None:
        for sib in node.itersiblings():
            yield from sib.iter(etree.Element)
        node = node.getparent()


def _prints_nothing_of_its_own(el: Any) -> bool:
    """Does `el` hold no text of its own, only elements (a wrapper, a link around an icon)?
    Such elements take no place in the lead scan (_lead_scan)."""
    if (el.text or "").strip():
        return False
    return not any((child.tail or "").strip() for child in el)


def _without_desks(names: list[str], sites: set[str]) -> list[str]:
    """The names of a byline without the site's own desk after the first ("von David
    Straub, MDR THÜRINGEN": the desk that filed it is no author), as the byline boxes read
    them (_visible_authors_in)."""
    return names[:1] + [n for n in names[1:] if not _is_desk(n, sites)]


# How many elements after the headline may hold the name over the date line, and how many
# after the name the date line may come
NAME_OVER_DATE_SCAN = 30
NAME_TO_DATE_ELEMENTS = 4


# Cities of two words or more that open datelines over the date ("<span>New York</span>
# <span>May 3, 2024</span>"): capitalised like a person's name, but a place
_DATELINE_CITIES = frozenset("""
new york|los angeles|san francisco|washington dc|hong kong|abu dhabi|tel aviv|buenos aires|
new delhi|kuala lumpur|cape town|rio de janeiro|são paulo|sao paulo|mexico city|las vegas|
san diego|san jose|st louis|new orleans|salt lake city|kansas city|panama city|addis ababa|
dar es salaam|ho chi minh city|phnom penh|santo domingo|san juan|la paz|el paso|fort worth|
palo alto|den haag|gaza city|kuwait city|sharm el-sheikh|quebec city|guatemala city
""".replace("\n", "").split("|"))


def _name_over_date(page: _Page) -> list[str]:
    """A line that is nothing but a person's name, right above the date line under the
    headline, in layouts that mark neither with a class (utility-class CSS):
    "<span>Fatma Sevinç Çetin</span>" over "<span>20 Nisan 2026</span>". The name must look
    like a person's (not the site, a desk or a menu label), stand in no link but an author's,
    and the next lines with text must open with a date within NAME_TO_DATE_ELEMENTS elements."""
    els = _after_headline(page, "*", NAME_OVER_DATE_SCAN)
    labels: set[str] | None = None
    for i, el in enumerate(els):
        if len(el) or el.tag in ("script", "style", "h1", "h2", "h3", "time", "button", "option"):
            continue
        text = " ".join((el.text or "").split())
        if not text or len(text) > 40 or any(ch.isdigit() for ch in text):
            continue
        if not (_is_personal(text, page.sites) and _plain_name(text)) or len(text.split()) > 4 \
                or text.casefold() in _DATELINE_CITIES or parse_byline(text) != [text]:
            continue  # ("Von DPA" is a by-line, _lead_byline's to read)
        nxt = next((e for e in els[i + 1:i + 1 + NAME_TO_DATE_ELEMENTS]
                    if not len(e) and (e.text or "").strip()), None)
        line = " ".join((nxt.text or "").split()) if nxt is not None else ""
        if not line or len(line) > 60 or find_date_in_text(line) is None:
            continue
        link = next(el.iterancestors("a"), el if el.tag == "a" else None)
        if link is not None and not _is_author_link(link):
            continue
        if labels is None:
            labels = _menu_labels(page)
        if _norm(text) in labels or _in_teaser(el, page) \
                or _in_byline_side_content(el, _context_memo(page)) \
                or _in_other_article(el, _headline_articles(page)):
            continue
        return [text]
    return []


# "Jane Roe | March 3, 2024", "Jane Roe • 3 March 2024 • 5 min read", "Jane Roe - 3.3.2024"
_BESIDE_DATE_SEP = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*")
NAME_BESIDE_DATE_CHARS = 100  # a line of names, a date and a reading time; more is a paragraph
_LINE_INNER_TAGS = frozenset({"span", "a", "time", "small", "b", "strong", "em", "i"})
# Words of what else opens a date line where a writer's name may: a desk, the newsroom, a
# section or the outlet ("World News | …", "Daily Staff | …", "أخبار محلية | …")
_DESK_WORDS = frozenset("""
news newsroom staff desk team editorial editors editor report reports reporters wire wires
service services agency agencies press media online digital world local national international
business sport sports politics opinion culture entertainment health science tech technology
weather lifestyle travel breaking live latest updates bureau daily weekly times post herald
tribune journal magazine gazette radio tv television network channel group column columns
guest analysis review feature features interview commentary blog podcast video photos gallery
exclusive special updated published posted kommentar analyse chronique análisis columna
opinião мнение колонка رأي مقال تحليل
nachrichten redaktion lokales ressort politik wirtschaft kultur panorama meinung
rédaction actualités actualité équipe monde politique société économie
redacción noticias equipo mundo política deportes economía sociedad opinión
redação notícias equipe esportes redazione notizie cronaca esteri nieuws redactie
haber haberleri servisi merkezi spor gündem dünya ekonomi
новости редакция отдел мир политика экономика спорт общество новини редакція
أخبار الأخبار محلية محليات فريق التحرير تحرير قسم سياسة رياضة اقتصاد دولي دولية منوعات
اخبار تحریریه گروه חדשות מערכת समाचार डेस्क टीम ειδήσεις σύνταξη
""".split())


def _name_beside_date(page: _Page) -> list[str]:
    """The names that open the date line under the headline, set apart from the date by a
    bar, a dot or a dash and by nothing else ("Jane Roe | March 3, 2024", "محمد علي | 3
    مارس 2024"): small sites' templates print writer and date on one line with no "By". The
    weakest sign, like _name_over_date: only where the page names no author of any kind.
    Each name must look like a person's (two words or more, not a place, a desk or section,
    the site or a menu label) and stand in no link but an author's."""
    labels: set[str] | None = None
    for el in _after_headline(page, "*", NAME_OVER_DATE_SCAN):
        if el.tag not in ("div", "p", "span", "small") or any(
                isinstance(k.tag, str) and k.tag not in _LINE_INNER_TAGS for k in el):
            continue  # a line of inline text, not a box of lines
        text = _text_upto(el, NAME_BESIDE_DATE_CHARS)
        if not text or len(text) > NAME_BESIDE_DATE_CHARS:
            continue
        parts = [p.strip() for p in _BESIDE_DATE_SEP.split(text)]
        if len(parts) < 2 or not any(len(p) <= 40 and find_date_in_text(p) for p in parts[1:3]):
            continue
        names = parse_byline(parts[0]) if parts[0] else []
        if not names or len(names) > 4 or not all(
                2 <= len(n.split()) <= 4 and _is_personal(n, page.sites) and _plain_name(n)
                and n.casefold() not in _DATELINE_CITIES
                and _DESK_WORDS.isdisjoint(w.strip(".,:;'’").casefold() for w in n.split()) for n in names):
            continue
        if any(not _is_author_link(a) for a in el.iter("a")) \
                or any(not _is_author_link(a) for a in el.iterancestors("a")):
            continue
        if labels is None:
            labels = _menu_labels(page)
        if any(_norm(n) in labels for n in names) or _in_teaser(el, page) \
                or _in_byline_side_content(el, _context_memo(page)) \
                or _in_other_article(el, _headline_articles(page)):
            continue
        return names
    return []


def _dedupe(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        k = n.casefold()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


# ----------------------------------------------------------------------------- dates

_SCRIPT_PUBLISHED = re.compile(
    r"""(?:date_?[Pp]ublished|[Pp]ublish(?:ed)?_?(?:[Tt]ime|[Dd]ate|[Aa]t)|first_?[Pp]ublished\w*|"""
    r"""article_published_time|pubDate|deployDt)\\?["']\s*:\s*\\?["']"""
    r"""((?:19|20)\d\d[-./]\d\d[-./]\d\d[^"'\\]{0,25})""")
_DATE_CLASS = re.compile(r"date|time|publish|posted|dateline|datum|fecha|data|meta|byline|stamp",
                         re.I)
_DATE_ATTRS = ("class", "id")
_PUBLISHED_TOKENS = _substrings("ubli", "UBLI", "osted", "OSTED", "reated", "REATED", "ubdate", "UBDATE")
_DATE_TOKENS = _substrings("date", "Date", "time", "Time", "ublish", "osted", "atum", "echa",
                           "byline", "Byline", "meta")


def _date_from_attrs(el: Any) -> datetime | None:
    # Text with element boundaries as spaces: <time><b>28 luglio 2020</b><i>10:43</i></time>
    text = _el_spaced_text(el)
    for v in (el.get("datetime"), el.get("content"), el.get("data-date"), text):
        if v:
            d = parse_date(v[:200])
            if d:
                return d
    # A <time> says its text is a date, so a two-digit year may be read: "05.08.24 kl. 14:47"
    return short_year_date(text[:200]) if el.tag == "time" and text else None


def _updated_class(el: Any) -> bool:
    """Classed as a modification stamp: <time class="updated">, "date-modified" (the XPath
    //time[contains(@class,'updat') or contains(@class,'modif')] | //*[contains(@class,
    'date-updated') or contains(@class,'date-modified')], in one walk)."""
    cls = el.get("class")
    if not cls:
        return False
    if el.tag == "time" and ("updat" in cls or "modif" in cls):
        return True
    return "date-updated" in cls or "date-modified" in cls


# Containers of other stories' dates: comment threads, teasers, related or "latest"/"most read"
# lists, news tickers, embedded posts.
_OTHER_STORIES = re.compile(
    r"comment|teaser|related|recommend|more-?from|more-?stories|popular|trending|most-?(?:read|viewed)|"
    r"latest|ticker|breaking|headlines|top-?stories|newsletter|promo|embed|tweet|also|card|quote", re.I)
# Parts of the site around the article: sidebars, menus, the banner (today's date), widgets.
# Inside the article's own element these name its meta column instead ("sidebar-left" with the
# byline and date), so there they do not count.
_SITE_PARTS = re.compile(r"sidebar|widget|rail|menu|nav|masthead|site-?header|top-?bar|weather", re.I)
_NOT_DATE_NAMES = re.compile(f"{_OTHER_STORIES.pattern}|{_SITE_PARTS.pattern}", re.I)
_HEADER_NAME = re.compile(r"header|banner", re.I)
_HAS_NAVIGATION = etree.XPath("boolean(.//nav | .//*[@role='navigation'] | .//ul[contains(@class, 'menu') "
                              "or contains(@class, 'nav') or contains(@id, 'menu') or contains(@id, 'nav')])")
# Names of a date or article-meta box (a narrower _DATE_CLASS: "data", "time" name too much).
_DATE_NAMED = re.compile(r"date|publish|posted|dateline|datum|fecha|meta|byline|stamp", re.I)
# A footer is side content unless it is an <article>'s own.
_FOOTER = re.compile(r"footer", re.I)
# ARIA landmarks of navigation, the site banner and footer, side content, feeds of other stories.
_NOT_DATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "feed"})
# Side content by tag. <aside> and <footer> count only outside an <article>: the article's own
# footer is the conventional place of "Posted on <time>" (the HTML spec's own example), its
# own aside a common place of the byline and date.
_DATE_SIDE_TAGS = frozenset({"nav", "figure", "figcaption"})
_ARTICLE_SIDE_TAGS = frozenset({"aside", "footer"})
# The element that holds the whole article, by HTML, ARIA, schema.org microdata or hAtom.
_SCOPE_CLASS = re.compile(r"\bh-?entry\b", re.I)
# Words in front of a date that say what it is. Published: "Published", "Veröffentlicht",
# "Publié", "Publicado", "نشر في", "Publikacja", "δημοσιεύθηκε", "đăng", "انتشار"; updated:
# "Updated", "Aktualisiert", "Stand:", "Mis à jour", "آخر تحديث", "Aktualizacja", "Cập nhật",
# "به‌روزرسانی", 更新, 수정 (Korean sites print 입력 "entered" and 수정 "edited").
_PUB_LABEL = re.compile(
    r"\b(?:published|posted|first published|created|publicado|publicada|publié|publiée|publication|"
    r"veröffentlicht|erschienen|erstellt|pubblicato|gepubliceerd|opublikowano|опубликовано|"
    r"yayınlanma|yayımlanma|yayınlandı|publisert|publicert|publiceret|publicerad|udgivet|julkaistu|"
    r"publikováno|zveřejněno|publikované|objavljeno|objavljen|közzétéve|publicat|diterbitkan|"
    r"dipublikasikan|פורסם|प्रकाशित|نشر|نُشر|النشر|publikacja|opublikowany|opublikowana|опубліковано|"
    r"публикувано|објављено|δημοσιεύθηκε|δημοσίευση|đăng|xuất bản|انتشار|تاریخ انتشار)\b|"
    # no \b: CJK has no word boundaries, and a Thai word may end in a combining tone mark
    r"发布|發布|發佈|发表|發表|公開|掲載|입력|게시|เผยแพร่", re.I)
_UPD_LABEL = re.compile(
    r"\b(?:updated?|last modified|modified|edited|revised|aktualisiert|geändert|mis à jour|mise à jour|"
    r"actualizado|actualizada|actualización|aggiornato|aggiornamento|atualizado|atualização|"
    r"bijgewerkt|zaktualizowano|обновлено|обновлен|обновлён|güncelleme|güncellendi|تحديث|محدث|"
    r"aktualizacja|aktualizováno|aktualizované|оновлено|обновено|ажурирано|ažurirano|ενημερώθηκε|"
    r"ενημέρωση|cập nhật|به‌روزرسانی|بروزرسانی|به روز رسانی|uppdaterad|opdateret|oppdatert|"
    r"päivitetty|frissítve|actualizat|diperbarui|עודכן|अपडेटेड|अपडेट)\b|"
    r"\bstand:|更新|수정|อัปเดต", re.I)
# "As of" a date: a figure's reference day in a table or chart, not a publication date.
_AS_OF_LABEL = re.compile(r"\b(?:as of|as at|à la date du|con datos a|datos a|по состоянию на|станом на|"
                          r"حتى تاريخ)\b|截至|截止|時点", re.I)
# The name of a description-list group that holds a date of the article itself: a bare
# "Date" ("Datum:", "تاريخ"), beside the publication and update labels above.
_DATE_NAME = re.compile(r"(?:date|datum|fecha|data|dato|дата|tarih|تاريخ|تاریخ|日期|日付|날짜)\s*[:：]?",
                        re.I)
_PUB_CLASS = re.compile(r"publi|posted|created|pubdate", re.I)
_UPD_CLASS = re.compile(r"updat|modif|edited|revised", re.I)
# How much text in front of a <time> can label it ("Updated: <time>", "نشر في <time>").
LABEL_CONTEXT_CHARS = 40
# <time> elements looked at: article pages with long comment threads or tickers carry hundreds.
MAX_TIME_ELEMENTS = 200


# The last resort reads short lines only: a dateline or "name | date" line, not a sentence
# (columns: see _width).
SHORT_LINE_CHARS = 100
# A date that many characters into a long line, followed by a dash, is a wire-style dateline
# (a place name in front at most: "WASHINGTON, May 16, 2024 — ").
DATELINE_LEAD_CHARS = 30
_DATELINE_DASH = re.compile(r"\s*(?:--?|[–—])\s")
# ...and that many characters of text after the headline (or before it, when none is after).
FALLBACK_WINDOW_CHARS = 3000
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "br",
                         "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
                         "aside", "nav", "main", "figure", "figcaption", "blockquote", "pre", "hr",
                         "form", "address", "center", "script"})
# Blocks of running text: a date inside one is about what the text tells.
_SENTENCE_TAGS = frozenset({"p", "li", "blockquote", "dd", "td"})
# Text that is not shown. A short inline <script> stays (see _short_text_date): it may print
# the date in place (document.write / showDate("2020/04/17 01:43")).
_NO_TEXT_TAGS = frozenset({"style", "noscript", "template", "svg"})
# White space around a block boundary (the only line breaks left in the text).
_WS_LINES = re.compile(r"\s*\n\s*")


def _date_scope(page: _Page) -> Any:
    """The element holding the whole article: the headline's nearest <article>, <main>, ARIA
    article/main, schema.org Article item or hAtom entry; None when the page does not say."""
    h = _headline(page)
    if h is None:
        return None
    for anc in h.iterancestors():
        if (anc.tag in ("article", "main") or anc.get("role") in ("article", "main")
                or "Article" in (anc.get("itemtype") or "") or "Posting" in (anc.get("itemtype") or "")
                or _SCOPE_CLASS.search(anc.get("class") or "")):
            return anc
    return None


def _out_of_scope(el: Any, scope: Any) -> int:
    """0 when `el` is inside the article's element (or the page names none) and not inside
    another <article> in it (a related story's card), else 1."""
    if scope is None:
        return 0
    for a in el.iterancestors():
        if a is scope:
            return 0
        if a.tag == "article":
            return 1
    return 1


def _headline_header(page: _Page) -> Any:
    """The <header> that holds the headline (the article's, not the site's with navigation):
    what it holds besides the headline is the article's own byline and dates."""
    h = _headline(page)
    if h is None:
        return None
    for anc in h.iterancestors():
        if anc.tag == "header":
            return anc if anc.find(".//nav") is None else None
        if anc.tag in ("article", "main", "body"):
            return None
    return None


class _DateContext:
    """What the date stages need to know about the page's layout, found once per page."""

    __slots__ = ("scope", "article", "header", "memo", "lists")

    def __init__(self, page: _Page) -> None:
        self.scope = _date_scope(page)
        # the scope when it is the article itself (not <main>, which also holds sidebars)
        self.article = (self.scope if self.scope is not None and self.scope.tag != "main"
                        and self.scope.get("role") != "main" else None)
        self.header = _headline_header(page)
        self.memo = _context_memo(page)
        self.lists: dict[Any, Any] = {}  # the dated lists judged so far (_one_of_dated_items)


def _off_article(el: Any, ctx: _DateContext) -> bool:
    """Is `el`, or a container of it, side content whose dates belong to other stories or to
    the site: navigation, figures (a photo's date), the site banner, sidebars and footer,
    tickers, comment and teaser lists? The headline's ancestors are the article's own (memo
    from _context_memo). Inside the headline's <header> wrapper names do not count
    ("ArticleModuleTeaser_meta" around the date under the headline), only side-content tags."""
    if ctx.header is not None:
        for a in el.iterancestors():
            if a is ctx.header:
                return False
            if a.tag in _DATE_SIDE_TAGS:
                break
    memo = ctx.memo
    in_article = ctx.article is not None and any(a is ctx.article for a in el.iterancestors())
    chain = []
    node = el
    result = False
    while node is not None:
        if node in memo:
            result = memo[node]
            break
        chain.append(node)
        if _side_node(node, in_article):
            result = True
            break
        node = node.getparent()
    for n in chain:
        memo[n] = result
    return result


def _side_node(node: Any, in_article: bool) -> bool:
    """Is `node` itself a container of side content (see _off_article)? `in_article`: it is
    inside the article's own element."""
    tag = node.tag
    if tag in _DATE_SIDE_TAGS or node.get("role") in _NOT_DATE_ROLES:
        return True
    attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
    if in_article:
        return bool(attrs and _OTHER_STORIES.search(attrs) and not _DATE_NAMED.search(attrs))
    if ((tag in _ARTICLE_SIDE_TAGS or (attrs and _FOOTER.search(attrs)))
            and not any(a.tag == "article" for a in node.iterancestors())):
        return True
    # The site's banner (today's date): a <header>, or a box named so (div#header, .top-header),
    # that holds the navigation, outside any article.
    if ((tag == "header" or (attrs and _HEADER_NAME.search(attrs))) and _HAS_NAVIGATION(node)
            and not any(a.tag in ("article", "main") for a in node.iterancestors())):
        return True
    # A box named for the date as well is the article's date line, whatever else its name says:
    # "date-and-comments", "date-comments-wrapper", Bootstrap's list class in "nav meta".
    return bool(attrs and _NOT_DATE_NAMES.search(attrs) and not _DATE_NAMED.search(attrs))


def _text_before(el: Any) -> str:
    """The text just in front of `el` inside its parent: the label of a <time>."""
    parts = []
    prev = el.getprevious()
    while prev is not None and sum(map(len, parts)) < LABEL_CONTEXT_CHARS:
        if prev.tail:
            parts.append(prev.tail)
        parts.append(_el_spaced_text(prev))
        prev = prev.getprevious()
    parent = el.getparent()
    if prev is None and parent is not None and parent.text:
        parts.append(parent.text)
    return " ".join(reversed(parts))[-LABEL_CONTEXT_CHARS:]


def _time_hint(el: Any) -> int:
    """0 for a <time> marked as the publication (pubdate, class, a "Published" label), 2 for
    one marked as an update, 3 for one inside a sentence of the text ("closed on <time>1 March
    2019</time> after ..."), else 1."""
    if el.get("pubdate") is not None:
        return 0
    if _in_sentence(el):
        return 3
    cls = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"))))
    if cls and _UPD_CLASS.search(cls):
        return 2
    if cls and _PUB_CLASS.search(cls):
        return 0
    label = _text_before(el) + " " + _el_spaced_text(el)
    upd = _UPD_LABEL.search(label)
    pub = _PUB_LABEL.search(label)
    if upd and (pub is None or pub.start() < upd.start()):
        # the nearer label wins: "Published 16 May, updated <time>"
        return 2
    return 0 if pub else 1


def _width(text: str) -> int:
    """Columns `text` takes: East Asian wide characters count twice, as a word of Chinese or
    Japanese holds as much as several Latin letters (100 columns is a long sentence in both)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF")


def _in_sentence(el: Any) -> bool:
    """Is `el` inside a paragraph of running text (longer than a dateline line)?"""
    for a in el.iterancestors():
        if a.tag in _SENTENCE_TAGS:
            return _width(_el_spaced_text(a)) > SHORT_LINE_CHARS
        if a.tag in _BLOCK_TAGS:
            return False
    return False


DATED_LIST_LEVELS = 3  # how far up from a <time> its list item may begin


def _in_dated_list(el: Any, lists: dict[Any, Any] | None = None) -> bool:
    """Is this <time> one item's of a list of dated links (other stories, unclassed: "<ul><li>
    <a>…</a><time>…</time></li>…")? Its item and one or more items beside it, of one kind
    (the same tag), hold one time each, of different days, and link to other pages. The
    article's own date line is no such item: what sits beside it is its byline, its updated
    time that links nowhere, or a box of several teasers (a list of its own). `lists`: as
    _in_dated_teasers keeps them."""
    return _one_of_dated_items(el, _times_in, _time_day, lists, "time")


def _times_in(node: Any) -> list[Any]:
    return [node] if node.tag == "time" else list(node.iter("time"))


def _time_day(time: Any) -> str:
    return (time.get("datetime") or time.text or "")[:10]


def _in_dated_teasers(el: Any, lists: dict[Any, Any] | None = None) -> bool:
    """Is this date element, known by its class ("date_list", "teaser-date"), one item's of a
    list of dated links, as _in_dated_list asks of a <time>? A list's items repeat one
    template, so the dates beside it are the elements of its tag and class in the items beside
    its own ("You might also like": a picture, a headline and a "2024-10-14" per story).
    `lists`: the page's lists judged so far (_DateContext.lists), so that each list is judged
    once, not once per item: an archive of thousands of dated teasers stays linear."""
    tag, cls = el.tag, el.get("class")

    def dates_in(node: Any) -> list[Any]:
        return [x for x in node.iter(tag) if x.get("class") == cls]

    return _one_of_dated_items(el, dates_in, _printed_day, lists, (tag, cls))


def _printed_day(el: Any) -> str:
    d = parse_date(_el_spaced_text(el)[:80])
    return d.date().isoformat() if d else ""


def _one_of_dated_items(el: Any, dates_in: Callable[[Any], list[Any]],
                        day_of: Callable[[Any], str], lists: dict[Any, Any] | None = None,
                        kind: Any = None) -> bool:
    """Is `el` one item's date in a list of linked items of different days (_in_dated_list)?
    `dates_in(node)`: the dates a node holds; `day_of(date)`: the day one of them says;
    `lists`, `kind`: where the answer for a list (its linked items, or None below the list's
    level) is kept, by its element, the items' tag and `kind` (the dates' own tag and class)."""
    item = el.getparent()
    for _ in range(DATED_LIST_LEVELS):
        parent = item.getparent() if item is not None else None
        if parent is None:
            return False
        key = (parent, item.tag, kind)
        if lists is not None and key in lists:
            linked_items = lists[key]
        else:
            linked_items = _linked_dated_items(parent, item.tag, dates_in, day_of)
            if lists is not None:
                lists[key] = linked_items
        if linked_items is not None:
            return item in linked_items
        item = parent
    return False


def _linked_dated_items(parent: Any, item_tag: str, dates_in: Callable[[Any], list[Any]],
                        day_of: Callable[[Any], str]) -> set[Any] | None:
    """The items of `parent` (children tagged `item_tag`) that are a list of linked dated
    items, as _one_of_dated_items asks (a set: lxml elements hash and compare by identity):
    empty when `parent` holds dates but is no such list, None when it holds fewer than two
    dated children (the list, if any, begins further up)."""
    dated = 0
    items: list[tuple[Any, str]] = []  # children of the items' kind with one date each
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        dates = dates_in(child)
        dated += bool(dates)
        if len(dates) == 1 and child.tag == item_tag:
            items.append((child, day_of(dates[0])))
    if dated < 2:
        return None
    linked = [s for s, _ in items if s.find(".//a[@href]") is not None]
    if len(items) >= 2 and len({day for _, day in items}) >= 2 and len(linked) >= 2:
        return set(linked)
    return set()


def _time_date(page: _Page, ctx: _DateContext) -> tuple[int, datetime] | None:
    """The date of the <time> that belongs to this article: not one in side content, one
    inside the article's element before others, a publication stamp before an update; with
    1 when it is outside the article's element (0 inside, or when the page names none)."""
    best: tuple[tuple[int, int, int], datetime] | None = None
    for order, el in enumerate(page.doc.iter("time")):
        if order >= MAX_TIME_ELEMENTS:
            break
        d = _date_from_attrs(el)
        if d is None or _off_article(el, ctx) or _in_dated_list(el, ctx.lists):
            continue
        key = (_out_of_scope(el, ctx.scope), _time_hint(el), order)
        if best is None or key < best[0]:
            best = (key, d)
            if key[:2] == (0, 0):
                break
    return (best[0][0], best[1]) if best else None


def _labelled_date(text: str) -> tuple[int, datetime | None]:
    """The publication date in a date element's text, and how sure: 0 after a "Published"
    label, 1 unlabelled or in front of an "Updated" label ("16 May 2024, updated 17 May"),
    2 only after an "Updated" label."""
    pub = _PUB_LABEL.search(text)
    if pub:
        d = parse_date(text[pub.end():]) or short_year_date(text[pub.end():])
        if d:
            return 0, d
    upd = _UPD_LABEL.search(text)
    if upd:
        d = parse_date(text[:upd.start()]) if upd.start() else None
        if d:
            return 1, d
        return 2, parse_date(text[upd.end():])
    return 1, parse_date(text)


def _read_date(page: _Page, sel_css: str | None, ld_keys: tuple[str, ...], meta_keys: tuple[str, ...],
               itemprop: str, use_url: bool) -> datetime | None:
    """This article's date: selector, JSON-LD, meta tags, microdata; for the publication
    date also <time>, embedded JSON state, the URL and finally a date shown near the headline."""
    if sel_css:
        for el in _select(page.tree, sel_css):
            d = _date_from_attrs(el)
            if d:
                return d
    ld_objects = [page.article] if page.article is not None else []
    ld_objects += [o for o in page.ld if o is not page.article]
    for obj in ld_objects:
        for key in ld_keys:
            d = parse_date(_text(obj.get(key)))
            if d:
                return _local_day(d, page, ld_objects, ld_keys, meta_keys) if use_url else d
    for key in meta_keys:
        for v in page.meta.get(key, ()):
            d = parse_date(v)
            if d:
                return _local_day(d, page, ld_objects, ld_keys, meta_keys) if use_url else d
    # "Updated: <time class="updated" datetime=...>" next to the byline, after the microdata
    # (gathered in the same walk of the document)
    updated: list[Any] = []
    for el in page.doc.iter(etree.Element):
        if el.get("itemprop") == itemprop:
            d = _date_from_attrs(el)
            if d:
                return d
        if not use_url and _updated_class(el):
            updated.append(el)
    if not use_url:
        for el in updated:
            d = _date_from_attrs(el)
            if d:
                return d
        return None
    ctx = _DateContext(page)
    found = _time_date(page, ctx)
    if found is not None and found[0] == 0:
        return found[1]
    # A <time> outside the article's element (a "latest news" list the page does not name)
    # comes after the article's own date printed as text.
    outside_time = found[1] if found is not None else None
    for script in page.scripts:
        m = _SCRIPT_PUBLISHED.search(script)
        if m:
            d = parse_date(m.group(1))
            if d:
                return d
    d = date_from_url(page.url)
    if d:
        return d
    return _visible_date(page, ctx, outside_time)


_ZERO = timedelta(0)


def _local_day(d: datetime, page: _Page, ld_objects: list[dict[str, Any]], ld_keys: tuple[str, ...],
               meta_keys: tuple[str, ...]) -> datetime:
    """A UTC time stamp can fall on the next or previous calendar day from the one the site
    printed. Prefer the same instant written with the site's own offset elsewhere on the page
    (meta, JSON-LD, <time datetime>), else the day in the URL when it is one day off and a
    newsroom offset maps the instant onto it (before 08:00 UTC is the previous day in the
    Americas, from 12:00 UTC the next day in East Asia/Oceania). A URL day further off is the
    day the story was created, not published, and is ignored."""
    if d.utcoffset() != _ZERO:
        return d
    values = [_text(o.get(k)) for o in ld_objects for k in ld_keys]
    values += [v for k in meta_keys for v in page.meta.get(k, ())]
    values += [el.get("datetime") or "" for el in page.tree.iter("time")][:20]
    for v in values:
        if not v:
            continue
        other = parse_date(v)
        if other is not None and other.utcoffset() not in (None, _ZERO) and abs(other - d) <= timedelta(minutes=1):
            return other
    u = date_from_url(page.url)
    if u is not None:
        diff = (u.date() - d.date()).days
        if (diff == -1 and d.hour < 8) or (diff == 1 and d.hour >= 12):
            return u
    return d


def _tooltip_date(el: Any) -> datetime | None:
    """The date in the title attribute of a date element whose text holds none ("2 hours ago",
    "vor 3 Stunden", "منذ ساعتين"): the tooltip where "timeago" scripts and many CMSs keep the
    absolute time ("<abbr class="timeago" title="2024-03-05T18:30:00Z">")."""
    title = el.get("title")
    return parse_date(title[:100]) if title else None


def _visible_date(page: _Page, ctx: _DateContext, outside_time: datetime | None) -> datetime | None:
    """A date printed in a date/byline element of the article (a "Published" one before an
    "Updated" one), else `outside_time`, else one in a date element outside the article's
    element, else a dateline after the headline."""
    body = page.body
    best: tuple[tuple[int, int, int], datetime] | None = None
    for order, el in enumerate(_marked(body, _DATE_ATTRS, _DATE_TOKENS)):
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if not _DATE_CLASS.search(attrs) or el.tag in ("script", "style", "body", "html"):
            continue
        text = _el_spaced_text(el)
        if not text or len(text) > 200 or _off_article(el, ctx) or _facts_only(el):
            continue
        hint, d = _labelled_date(text)
        if d is None:
            d = _tooltip_date(el)
        if d is None or _in_dated_teasers(el, ctx.lists) or _in_masthead(el, page):
            continue
        if hint == 1 and _UPD_CLASS.search(attrs):
            hint = 2
        key = (_out_of_scope(el, ctx.scope), hint, order)
        if best is None or key < best[0]:
            best = (key, d)
            if key[:2] == (0, 0):
                break
    if best is not None and best[0][0] == 0:
        return best[1]
    if outside_time is not None:
        return outside_time
    if best is not None:
        return best[1]
    sole = _sole_published_box(page, ctx)
    if sole is not None:
        return sole
    # A dateline printed on its own ("<p>January 18, 2020</p>") after the headline, before a
    # date written inside a photo caption or a sentence of the text.
    for el in _after_headline(page, "*", 150):
        if el.tag in ("script", "style", "noscript", "img", "svg"):
            continue
        text = _text_upto(el, 40)
        if (not text or len(text) > 40 or _off_article(el, ctx) or _AS_OF_LABEL.search(text)
                or _facts_only(el)):
            continue
        if any(_in_dated_list(t, ctx.lists) for t in el.iter("time")):
            continue  # another story's date in a list of them
        d = find_date_in_text(text)
        # unless the date is a teaser's, known by a date element's class
        if d and not any(_DATE_CLASS.search(x.get("class") or "")
                         and _in_dated_teasers(x, ctx.lists) for x in el.iter(etree.Element)):
            return d
    return _short_text_date(page, ctx)


def _fact_value(el: Any) -> bool:
    """Is `el` the value (<dd>) of a description-list group named for another fact than the
    article's publication? HTML's <dl> holds name-value groups: a member box's "Joined" /
    "May 11, 2017", a fact box's "Born", "Founded" or "Release date". The date there is that
    fact's, unless the group's name (<dt>) says published, updated or just "Date"."""
    if el.tag != "dd":
        return False
    name = next(el.itersiblings("dt", preceding=True), None)
    if name is None:
        return False
    label = _el_spaced_text(name)
    return not (_PUB_LABEL.search(label) or _UPD_LABEL.search(label) or _DATE_NAME.fullmatch(label))


def _facts_only(el: Any) -> bool:
    """Does `el` hold description-list values (itself one, or a <dl> or a box around them) and
    only values of other facts than the publication (_fact_value)? Its date is not the
    article's."""
    values = list(el.iter("dd"))
    return bool(values) and all(_fact_value(value) for value in values)


# How many boxes up from a date element its masthead may begin (the box around both the site's
# logo and its "today" line).
MASTHEAD_LEVELS = 4


def _in_masthead(el: Any, page: _Page) -> bool:
    """Is `el` the site's "today" line in its masthead? Many sites print the day of the visit
    beside their logo ("Wednesday, September 30, 2020 02:45 PM"), in page layouts that name no
    <header>: a box around `el`, a few levels up, holds a link to the site's home page around
    a picture (the logo) and lies before the article's headline."""
    h = _headline(page)
    if h is None:
        return False
    around_headline = set(h.iterancestors())
    node = el
    for _ in range(MASTHEAD_LEVELS):
        node = node.getparent()
        if node is None or node in around_headline:
            return False  # no box left, or the box holds the headline: the article's own
        if any(a.find(".//img") is not None and _root_link(a, page) for a in node.iter("a")):
            return _before(node, h, around_headline)
    return False


def _before(box: Any, h: Any, around_h: set[Any]) -> bool:
    """Does `box`, which does not hold `h`, come before it in document order? `around_h`: the
    ancestors of `h`. Compared where their paths from the root part."""
    node = box
    while node.getparent() is not None and node.getparent() not in around_h:
        node = node.getparent()
    common = node.getparent()
    if common is None:
        return False
    toward_h = h
    while toward_h.getparent() is not common:
        toward_h = toward_h.getparent()
    return common.index(node) < common.index(toward_h)


def _sole_published_box(page: _Page, ctx: _DateContext) -> datetime | None:
    """The date of the page's one box named for the publication ("single-published-date") in
    side content: the column beside the text that holds the byline and date is a "sidebar" by
    its name. Other stories' lists repeat their date boxes; boxes of two days are no answer."""
    found: datetime | None = None
    for el in _marked(page.body, _DATE_ATTRS, _PUBLISHED_TOKENS):
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if not _PUB_CLASS.search(attrs) or _UPD_CLASS.search(attrs) or el.tag in ("script", "style"):
            continue
        text = _el_spaced_text(el)
        d = _labelled_date(text)[1] if text and len(text) <= 200 and _off_article(el, ctx) else None
        if d is not None:
            if found is not None and d.date() != found.date():
                return None   # boxes of several days (a box inside another repeats its day)
            found = found or d
    return found


def _short_text_date(page: _Page, ctx: _DateContext) -> datetime | None:
    """The first date standing in a short line of text ("이용민 기자 | 2020-03-04 16:52") from
    the first headline on, else before it, outside side content. A date inside a sentence is
    about something the article tells ("100 years ago, on 4 June 1920, ..."), not when it was
    published: None is better than that."""
    lines: list[str] = []
    start = -1
    heads = [h for h in _headings(page) if _el_text(h)]
    first = heads[0] if heads else None
    skip = 0
    skipped: set[Any] = set()
    in_article = False
    chars = 0  # of text kept so far
    start_chars = 0 if first is None else -1  # chars when the headline began
    # Of those, the characters that are not white space: once more than a window of them
    # follow the headline, the window is settled (collapsing white space later only touches
    # what comes after the last of them), and the walk can stop sooner.
    solid = start_solid = 0
    # (each .text/.tail read copies the string out of the tree: once per node here)
    body, article, memo = page.body, ctx.article, ctx.memo
    for event, el in etree.iterwalk(body, events=("start", "end")):
        # Enough text after the headline for the window (white space runs still count).
        if start_chars >= 0 and (chars - start_chars > 2 * FALLBACK_WINDOW_CHARS
                                 or solid - start_solid > FALLBACK_WINDOW_CHARS):
            break
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        if event == "start":
            if el is first:
                start = len(lines)
                start_chars, start_solid = chars, solid
            if el is article:
                in_article = True
            if tag in _BLOCK_TAGS:
                lines.append("\n")
            if (tag in _NO_TEXT_TAGS
                    or (tag in _BLOCK_TAGS and memo.get(el) is not False and _side_node(el, in_article))
                    # (the tag first: cross-validation re-extracts the pages a rule is asked on)
                    or (tag == "dd" and _fact_value(el))):
                skip += 1
                skipped.add(el)
            elif not skip and tag:
                own = el.text
                if own and (tag != "script" or len(own) <= SHORT_LINE_CHARS):
                    own = _spaced(own)
                    lines.append(own)
                    chars += len(own)
                    solid += len(own) - own.count(" ")
        else:
            if el is article:
                in_article = False
            if el in skipped:
                skip -= 1
            if tag in _BLOCK_TAGS:
                lines.append("\n")
            if not skip and el is not body:
                tail = el.tail
                if tail:
                    tail = _spaced(tail)
                    lines.append(tail)
                    chars += len(tail)
                    solid += len(tail) - tail.count(" ")
    text = _WS_LINES.sub("\n", "".join(lines[:start] if start > 0 else ()))
    after = _WS_LINES.sub("\n", "".join(lines[max(start, 0):]))
    for window in (after[:FALLBACK_WINDOW_CHARS], text[-FALLBACK_WINDOW_CHARS:]):
        for begin, end, d in dates_in_text(window):
            line_start = window.rfind("\n", 0, begin) + 1
            line_end = window.find("\n", begin + len(window[begin:end].rstrip()))
            line_end = len(window) if line_end < 0 else line_end
            if _AS_OF_LABEL.search(window, line_start, line_end):
                continue
            if _width(window[line_start:line_end]) <= SHORT_LINE_CHARS:
                return d
            # A wire-style dateline opening the first paragraph: "April 17, 2015 -- Imagine ...",
            # "الرباط، 16 مايو 2024 - أعلنت ...", "Berlin, 16.05.2024 – Der ..."
            if begin - line_start <= DATELINE_LEAD_CHARS and _DATELINE_DASH.match(window, end):
                return d
    return None


_PUB_META = ("article:published_time", "og:published_time", "article:published", "published_time",
             "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
             "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
             "sailthru.date", "parsely-pub-date", "article.published", "published-date",
             "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime",
             "displaydate", "og:article:published_time", "release_date", "citation_publication_date",
             "dc.date.modified", "last-modified")
_MOD_META = ("article:modified_time", "og:updated_time", "og:modified_time", "modified_time",
             "datemodified", "dcterms.modified", "last-modified", "article:modified", "lastmod")


# ----------------------------------------------------------------------------- language etc.

def _chinese_names_apart(names: list[str]) -> list[str]:
    """On a Chinese page, names that a byline lists with spaces between them ("记者 张小明
    李大华") are several people: a Chinese name has no space inside it. (A Japanese byline may
    put one between family and given name, "山田 太郎", so only pages declared Chinese.)"""
    out: list[str] = []
    for name in names:
        for part in han_names_in(name, 2) or [name]:
            if part not in out:
                out.append(part)
    return out


def _read_language(page: _Page) -> str | None:
    for v in (page.html_lang, page.m("og:locale"), page.m("content-language", "language", "dc.language"),
              _text(page.article.get("inLanguage")) if page.article else None):
        if v:
            code = re.split(r"[-_]", v.strip().lower())[0]
            if re.fullmatch(r"[a-z]{2,3}", code):
                return code
    return None


# Locales that write numeric dates month first: English in the United States and the
# Philippines ("05/03/2024" is May 3rd). Other English locales, and every other language,
# write the day first.
_MONTH_FIRST_LOCALES = frozenset({"en-us", "en-ph"})


def _month_first(page: _Page) -> bool:
    """Does the page write numeric dates month first? Its declared locale says so (its language
    tag with a region: `<html lang="en-US">`, og:locale "en_US", Content-Language), unless the
    dates the page prints show the other order (_printed_order): many sites keep a CMS's
    default "en-US" and print "25/07/2024". A bare "en" says nothing of the region, so the
    day-first reading stays, unless the printed dates show month first ("07/25/2024")."""
    declared: bool | None = None
    for v in (page.html_lang, page.m("og:locale"), page.m("content-language", "language", "dc.language")):
        if v:
            code = v.strip().lower().replace("_", "-")
            if re.fullmatch(r"[a-z]{2,3}-[a-z]{2}", code):
                declared = code in _MONTH_FIRST_LOCALES
                break
            if re.fullmatch(r"[a-z]{2,3}", code) and code != "en":
                return False  # another language: day first, whatever a page prints
    if declared is False:
        return False
    printed = _printed_order(page)
    return printed if printed is not None else bool(declared)


class _MonthFirst:
    """_month_first(page), worked out the first time an ambiguous date asks for it (as the
    truth of MONTH_FIRST's value): most pages print none, and _printed_order reads the
    page's whole text."""

    __slots__ = ("page", "value")

    def __init__(self, page: _Page) -> None:
        self.page = page
        self.value: bool | None = None

    def __bool__(self) -> bool:
        if self.value is None:
            self.value = bool(_safe(lambda: _month_first(self.page), False))
        return self.value


# A numeric date with slashes or hyphens and a four-digit year: "25/07/2024", "07-25-2024"
_NUMERIC_DATE = re.compile(r"(?<![\d/-])(\d{1,2})([/-])(\d{1,2})\2(?:19|20)\d{2}(?![\d/-])")


def _printed_order(page: _Page) -> bool | None:
    """The order of the numeric dates the page prints, where one shows it: True (month first)
    when a date's second number is over 12 ("07/25/2024"), False (day first) when its first is,
    None when none shows it or they disagree."""
    body = page.tree.find("body")
    if body is None:
        return None
    month_first = day_first = False
    for m in _NUMERIC_DATE.finditer(etree.tostring(body, method="text", encoding="unicode")):
        a, b = int(m.group(1)), int(m.group(3))
        day_first |= 12 < a <= 31 and 1 <= b <= 12
        month_first |= 12 < b <= 31 and 1 <= a <= 12
    return month_first if month_first != day_first else None


def _read_section(page: _Page, sel: FieldSelectors | None, authors: Sequence[str] = ()) -> str | None:
    """Metadata first (meta tags, JSON-LD articleSection, then a JSON-LD BreadcrumbList), then
    what the page shows: a kicker link above the headline or the breadcrumb trail."""
    if sel and sel.section:
        for el in _select(page.tree, sel.section):
            t = _el_text(el) or (el.get("content") or "").strip()
            if t:
                return t
    v = page.m("article:section", "section", "parsely-section", "sailthru.section")
    if v:
        return _unescape(v)
    if page.article is not None:
        s = page.article.get("articleSection")
        if isinstance(s, list):
            s = s[0] if s else None
        if s and _text(s):
            return _unescape(_text(s))
    crumbs = _ld_crumbs(page)
    return crumbs[-1] if crumbs else _visible_section(page, authors)


# Breadcrumb words for the home page, in the languages of our sites; a link to "/" is caught
# whatever its text.
_HOME_WORDS = frozenset(_compact(w) for w in (
    "home", "homepage", "start", "startseite", "accueil", "inicio", "portada", "home page", "front page",
    "الرئيسية", "الصفحة الرئيسية", "首页", "首頁", "主页", "ホーム", "トップ", "главная", "головна", "홈"))
# Longer than this, a breadcrumb entry or kicker is a headline, not a section name.
MAX_SECTION_CHARS = 40


def _is_home(text: str, href: str | None, page: _Page) -> bool:
    """Is this breadcrumb/kicker entry the home page or the site itself, not a section?"""
    if href is not None:
        parts = urlsplit(urljoin(page.site_url, href))
        if parts.path in ("", "/") and not parts.query:
            return True
    c = _compact(text)
    # the site's name, maybe with a word more ("Example Times Home"); not a word of the name:
    # "Sport" on sport1.de and "News" on foxnews.com are sections
    return c in _HOME_WORDS or any(c == s or (len(s) >= 4 and s in c and len(c) <= len(s) + 4)
                                   for s in page.sites)


def _is_this_article(text: str, href: str | None, page: _Page) -> bool:
    """Is this last breadcrumb entry the article itself (its URL, or its title, maybe cut)?"""
    if href:
        here = {urlsplit(u)._replace(fragment="").geturl().rstrip("/")
                for u in [page.url, *page.links.get("canonical", [])] if u}
        if urlsplit(urljoin(page.site_url, href))._replace(fragment="").geturl().rstrip("/") in here:
            return True
    n = _norm(text).rstrip(".…")
    if len(n) < 4:
        return False
    h = _headline(page)
    for t in (page.title_tag, page.m("og:title"), _el_text(h) if h is not None else "",
              _text(page.article.get("headline")) if page.article is not None else ""):
        tn = _norm(t or "")
        if tn and (n == tn or (len(n) >= 20 and tn.startswith(n))):
            return True
    return len(text) > MAX_SECTION_CHARS


def _ld_crumbs(page: _Page) -> list[str]:
    """Section names of a schema.org BreadcrumbList in JSON-LD, in position order, without the
    home page, the site name and the article itself."""
    lists = []
    for obj in page.ld:
        for o in (obj, obj.get("breadcrumb")):
            if isinstance(o, dict) and "BreadcrumbList" in _types(o):
                lists.append(o)
    for bl in lists[:1]:
        items = bl.get("itemListElement")
        if not isinstance(items, list):
            continue
        entries = []
        for i, it in enumerate(items):
            if not isinstance(it, dict):
                continue
            target = it.get("item")
            name = _unescape(_text(it.get("name")) or (_text(target) if isinstance(target, dict) else "")) or ""
            href = target if isinstance(target, str) else None
            if isinstance(target, dict):
                href = target.get("@id") or target.get("url")
                href = href if isinstance(href, str) else None
            pos = it.get("position")
            try:
                key = float(pos) if pos is not None else float(i)
            except (TypeError, ValueError):
                key = float(i)
            entries.append((key, name, href))
        entries.sort(key=lambda e: e[0])
        names = [(n, h) for _, n, h in entries if n and not _is_home(n, h, page)]
        if names and _is_this_article(*names[-1], page):
            names.pop()
        return [n for n, _ in names]
    return []


_SECTION_CLASS = re.compile(r"categor|section|kicker|rubri|eyebrow|overline|topic|label|ressort", re.I)


_CRUMB_ITEMS = etree.XPath(".//li|.//*[@itemprop='itemListElement']")
# The attribute that marks the first breadcrumb trail: class ("breadcrumbs", "Breadcrumb"), ARIA
# label, microdata or RDFa type. (Selecting attributes is three times faster in libxml2 than
# testing them on every element.)
_CRUMB_MARK = etree.XPath(
    "(//@class[contains(., 'readcrumb') or contains(., 'readCrumb')]"
    " | //@aria-label[contains(., 'readcrumb') or contains(., 'readCrumb')]"
    " | //@itemtype[contains(., 'BreadcrumbList')] | //@typeof[contains(., 'BreadcrumbList')])[1]")


# How many elements before the headline are looked at for a kicker: it sits right above the
# headline, and the page header and menus further up hold section links of every kind.
MAX_KICKER_SCAN = 200


def _link_path(href: str, host: str) -> str:
    """Path of a link to this site (absolute or root-relative), no query, fragment or final
    slash; "" for links elsewhere, fragments and relative links."""
    if href.startswith("/") and not href.startswith("//"):
        path = href
    elif href.startswith(("http://", "https://", "//")):
        parts = urlsplit(href if not href.startswith("//") else "http:" + href)
        if (parts.hostname or "") != host:
            return ""
        path = parts.path
    else:
        return ""
    return path.split("?", 1)[0].split("#", 1)[0].rstrip("/")


# Boxes whose class names a section or a label but which are page furniture: share menus
# ("util-bar-flyout-section"), ad labels ("ads-label"), sponsor boxes, screen-reader-only labels
# ("Filed under:").
_NO_SECTION_CLASS = re.compile(r"share|social|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|sponsor|"
                               r"sr-only|visually-hidden|screen-reader|"
                               # a picture's credit box beside the headline ("HeroSidebarSection"
                               # titled "Bild" over the copyright line)
                               r"sidebar|copyright|credit|caption", re.I)


def _no_section_box(el: Any, stop: Any) -> bool:
    """Is `el`, or a box around it up to `stop`, furniture named like a section label?"""
    for node in (el, *el.iterancestors()):
        cls = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if cls and _NO_SECTION_CLASS.search(cls):
            return True
        if node is stop:
            break
    return False


# A site menu's list, as WordPress and most themes class it: "menu", "sub-menu", "nav-menu",
# "menu-item" (whole class names: "header__menu__name" heads a section's own menu, and a
# <nav> may hold the story's kicker).
_MENU_CLASS = re.compile(r"(?:^|\s)(?:sub-|nav-)?menu(?:-item)?(?:$|\s)", re.I)


def _in_menu(el: Any, stop: Any) -> bool:
    """Is `el` an entry of a site menu list, looking up to `stop`?"""
    for node in (el, *el.iterancestors()):
        if _MENU_CLASS.search(node.get("class") or ""):
            return True
        if node is stop:
            break
    return False


# The path segment that opens a site's section or category pages (_SECTION_ROOT): WordPress
# "/category/…", "/section/nyregion", German "/ressort/", "/rubrik/", French "/rubrique/",
# Spanish, Italian and Portuguese "/categoria/", Scandinavian and Turkish "/kategori/";
# _SECTION_PREFIX: the path of such a page ("/category/world").
_SECTION_ROOT = re.compile(r"^/(?:sections?|category|categories|ressorts?|rubri(?:[kq]u?e?n?|ca?|che)|categorias?|"
                           r"categorie|kategorien?|kategori|kategoria|cat)(?=/[^/])")
_SECTION_PREFIX = re.compile(_SECTION_ROOT.pattern + r"/[^/]+")


def _section_page(path: str) -> bool:
    """Is `path` one of the site's section or category pages, by its URL's shape?"""
    return _SECTION_PREFIX.match(path) is not None


def _text_outside(el: Any, skip: frozenset[str]) -> list[str]:
    """The text pieces of `el`, in order, without those of descendants whose (local) tag name
    is in `skip`; their tails, printed after them, are kept."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return parts


_SVG = frozenset({"svg"})


def _label_text(el: Any) -> str:
    """`el`'s text without what an inline <svg> says: an icon's <title> ("Home Icon") names the
    picture for screen readers and is never printed."""
    if next(el.iter("{http://www.w3.org/2000/svg}svg", "svg"), None) is None:
        return _el_text(el)
    return _spaced(" ".join(_text_outside(el, _SVG))).strip()


def _visible_section(page: _Page, authors: Sequence[str] = ()) -> str | None:
    """A section label shown with the headline (kicker/category link, or a link to a section
    the article's URL lies in), else the breadcrumb's last entry that is not the article: the
    first of _section_labels that names something (_names_something)."""
    return next((label for label in _section_labels(page, authors)
                 if label and _names_something(label)), None)


def _names_something(label: str) -> bool:
    """Does `label` hold a letter or a digit? A breadcrumb's separator ("|", "›") printed before
    the headline, an icon link's empty text or a lone dash are no section's name, whatever
    rule found them; the rules after it may still find the name."""
    return any(ch.isalnum() for ch in label)


def _section_labels(page: _Page, authors: Sequence[str] = ()) -> Iterator[str | None]:
    """The candidates _visible_section chooses from, in order of trust, each found only when
    the ones before it were no name."""
    h = _headline(page)
    if h is not None:
        parts = urlsplit(page.site_url)
        host, segs = parts.hostname or "", parts.path.rstrip("/").split("/")
        # the sections the article's URL lies in: /world, /world/2026, ... of /world/2026/08/story
        sections = {"/".join(segs[:i]) for i in range(2, len(segs))}
        trail = (_home_trail(h, page) or _list_trail(h, page) or _kicker_link(h, page, host)
                 or _menu_kicker(h, page))
        yield trail
        node, seen = h, 0
        # nearest first: the headline's preceding siblings, then its parent's, three levels up
        for _ in range(3):
            for sib in node.itersiblings(preceding=True):
                for el in sib.iter(etree.Element):
                    seen += 1
                    cls = " ".join(filter(None, (el.get("class"), el.get("id"))))
                    marked = bool(cls) and _SECTION_CLASS.search(cls) is not None and "breadcrumb" not in cls
                    # a kicker link into the article's own path: /world/ above /world/2026/08/07/story
                    path = _link_path(el.get("href") or "", host) if el.tag == "a" else ""
                    in_path = bool(path) and (path in sections or _section_page(path))
                    if marked or in_path:
                        if marked and _no_section_box(el, sib):
                            continue
                        if not marked and _in_menu(el, sib):
                            continue  # a menu's entry, however near: it names every section
                        links = [el] if el.tag == "a" else el.findall(".//a")
                        # a category list ("<ul class=category><li>Justice</li><li>News</li>"):
                        # its first entry, not the entries run together
                        t = _label_text(links[0] if len(links) > 1 else el)
                        a = links[0] if links else None
                        if (t and len(t) <= MAX_SECTION_CHARS and len(t.split()) <= 4
                                and not t.endswith((":", "：")) and not _is_home(t, a.get("href") if a is not None else None, page)):
                            yield t
                if seen > MAX_KICKER_SCAN:
                    break
            parent = node.getparent()
            if parent is None or seen > MAX_KICKER_SCAN:
                break
            node = parent
        yield _label_below_headline(page, h)
    yield _category_link(page)
    marks = _CRUMB_MARK(page.doc)
    if marks:
        crumbs = marks[0].getparent()
        items = _CRUMB_ITEMS(crumbs) or crumbs.findall(".//a")
        entries = []
        for li in items:
            a = li if li.tag == "a" else li.find(".//a")
            entries.append((_label_text(li), a.get("href") if a is not None else None))
        linked = sum(1 for _, h in entries if h)
        # a trail's separators ("|", "›") may be items of their own
        entries = [(t, h) for t, h in entries if t and _names_something(t) and not _is_home(t, h, page)]
        if entries:
            last, href = entries[-1]
            # the last entry is the article when it is its title or URL, or the one unlinked item
            if _is_this_article(last, href, page) or (href is None and linked):
                entries.pop()
        if entries and len(entries[-1][0]) <= MAX_SECTION_CHARS:
            yield entries[-1][0]
    yield _menu_current_section(page)
    yield _aria_current_section(page)
    yield _url_path_section(page, authors)


def _element_before_headline(h: Any) -> Any | None:
    """The element printed right before the headline, or before the box that opens with it
    (the headline's own parent or grandparent): where a kicker or a trail stands."""
    node = h
    for _ in range(2):
        prev = node.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()  # a comment or processing instruction
        if prev is not None:
            return prev
        node = node.getparent()
        if node is None:
            return None
    return None


KICKER_MAX_WORDS = 3


def _kicker_link(h: Any, page: _Page, host: str) -> str | None:
    """The link printed on its own right above the headline, whatever its class: the kicker
    that names the story's section ("<a href=/articles/security>Security</a><h1>"), when it
    leads to one of the site's pages without a number in its path (a section, not a story
    or a date archive) and is no author's or the home page. Only the element right before
    the headline (or before the box that opens with it) is looked at: a link further up is
    the site's menu."""
    prev = _element_before_headline(h)
    if prev is None or prev.tag in ("nav", "header", "footer", "aside") or _in_menu(prev, prev):
        return None
    links = [prev] if prev.tag == "a" else prev.findall(".//a")
    if len(links) != 1 or links[0].get("hreflang"):
        return None  # a menu, or a language switch
    a = links[0]
    text = _label_text(a)
    if not text or text != _label_text(prev) or len(text.split()) > KICKER_MAX_WORDS \
            or len(text) > MAX_SECTION_CHARS or text.endswith((":", "：")):
        return None
    path = _link_path(a.get("href") or "", host)
    if not path or any(ch.isdigit() for ch in path) or _AUTHOR_HREF.search(path) \
            or _is_home(text, a.get("href"), page):
        return None
    return text


def _menu_kicker(h: Any, page: _Page) -> str | None:
    """The unlinked label printed on its own right above the headline, when the site's menu
    links a section of that name: "<span>Security</span><h1>" under a menu that holds
    "Security" is the story's kicker, whatever its class."""
    prev = _element_before_headline(h)
    if prev is None or prev.tag in ("nav", "header", "footer", "aside", "a") \
            or prev.find(".//a") is not None or _in_menu(prev, prev):
        return None
    text = _label_text(prev)
    if not text or len(text.split()) > KICKER_MAX_WORDS or len(text) > MAX_SECTION_CHARS \
            or _is_home(text, None, page):
        return None
    return text if _norm(text) in _menu_labels(page) else None


TRAIL_MAX_ITEMS = 5  # a breadcrumb: home, a section or two, the article; a menu holds more


def _list_trail(h: Any, page: _Page) -> str | None:
    """The section of a breadcrumb written as a bare list right above the headline
    ("<ol><li><a href=/>Home</a></li><li><a href=/security>Security</a></li></ol><h1>"): a
    list of two to TRAIL_MAX_ITEMS items, one link at most each, that opens with the home
    page; CSS draws the separators that _home_trail reads in the text. Its last entry that is
    not the article names the section. A list inside <nav> is the site's menu (a breadcrumb
    there is marked, and read elsewhere)."""
    box = _element_before_headline(h)
    if box is None:
        return None
    lists = [box] if box.tag in ("ol", "ul") else box.findall("./ol") + box.findall("./ul")
    if len(lists) != 1 or next(lists[0].iterancestors("nav", "header", "footer"), None) is not None:
        return None
    items = [li for li in lists[0] if li.tag == "li"]
    if not 2 <= len(items) <= TRAIL_MAX_ITEMS or any(len(li.findall(".//a")) > 1 for li in items):
        return None
    first = items[0].find(".//a")
    if first is None or not _is_home(_label_text(first), first.get("href"), page):
        return None
    entries = []
    for li in items[1:]:
        a = li.find(".//a")
        text = _label_text(a if a is not None else li)
        if text and not _is_this_article(text, a.get("href") if a is not None else None, page):
            entries.append(text)
    if not entries:
        return None
    label = entries[-1]
    return label if len(label) <= MAX_SECTION_CHARS and len(label.split()) <= 4 else None


# What may stand between the links of a trail: separators and spaces ("Home | World › Europe",
# "首页 ＞ 新闻", "Главная → Общество").
_TRAIL_GLUE = re.compile(r"[\s|/›»>＞→❯▸·•:–—-]*")
# What a trail may print before its first link, a label that ends in a colon ("You are here:",
# "Sie sind hier:", "您的位置：", "현재위치 :"), and after its last, a separator and the page's
# own entry, not linked (its headline, "正文").
_TRAIL_LABEL = re.compile(r"\s*[^\W\d_][^:：|/›»>＞→❯▸·•]{0,24}[:：]\s*")
_TRAIL_CURRENT = re.compile(r"\s*[|/›»>＞→❯▸·•–—-]\s*\S.*", re.DOTALL)


def _trail_pieces(box: Any) -> list[str]:
    """The text `box` prints before its first link, between its links and after its last
    (one piece more than it has links); the links' own text left out."""
    pieces = [""]

    def walk(node: Any) -> None:
        if node.text:
            pieces[-1] += node.text
        for child in node:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "a":
                pieces.append("")
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                pieces[-1] += child.tail

    walk(box)
    return pieces


def _labelled_trail(lead: str, between: list[str], tail: str) -> bool:
    """A trail whose links a label opens or the page's own entry closes (_TRAIL_LABEL,
    _TRAIL_CURRENT), with a separator between each two of its links."""
    labelled = _TRAIL_LABEL.fullmatch(lead) is not None
    current = _TRAIL_CURRENT.fullmatch(tail) is not None
    return ((labelled or current) and (labelled or _TRAIL_GLUE.fullmatch(lead) is not None)
            and (current or _TRAIL_GLUE.fullmatch(tail) is not None)
            and all(piece.strip() for piece in between))


def _home_trail(h: Any, page: _Page) -> str | None:
    """The section of a trail of links printed right above the headline that opens with the
    home page, its links separated by "|", "›", "/"… ("<div><a href=/>Front</a> | <a
    href=/ausland>Ausland</a> |</div><h1>"): a breadcrumb by its shape, whatever its class
    (its last entry that is not the article). A menu prints no separators between its entries,
    and a bar of links further up the page is no trail of this article."""
    box = _element_before_headline(h)
    if box is None or box.tag == "a":
        return None
    links = box.findall(".//a")
    if not 2 <= len(links) <= 6 or not _is_home(_label_text(links[0]), links[0].get("href"), page):
        return None
    lead, *between, tail = _trail_pieces(box)  # what the box prints around its links
    if not all(_TRAIL_GLUE.fullmatch(piece) for piece in between):
        return None  # other text between the links
    if not (_TRAIL_GLUE.fullmatch(lead) and _TRAIL_GLUE.fullmatch(tail)
            and (lead + "".join(between) + tail).strip()) and not _labelled_trail(lead, between, tail):
        return None  # other text around them, or no separator at all
    entries = [(_label_text(a), a.get("href")) for a in links[1:]]
    entries = [(t, href) for t, href in entries if t and not _is_this_article(t, href, page)]
    if not entries:
        return None
    label = entries[-1][0]
    return label if len(label) <= MAX_SECTION_CHARS and len(label.split()) <= 4 else None


# A path segment that is a language edition ("/en/world/…"), not a section.
_EDITION_SEGMENT = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?", re.I)


def _url_path_section(page: _Page, authors: Sequence[str] = ()) -> str | None:
    """The name the page's own links give the deepest section its URL lies in: a link to
    /world on /world/2024/feb/24/story names the section, wherever the page prints it (most
    often in the site menu, when no kicker or breadcrumb shows it). Only the path before its
    first segment with a digit (dates and ids are no sections), not a language edition, not
    a path the page links as its home ("/nachrichten" labelled "Startseite"), not a contributor's
    page (/sites/jane-doe labelled with an author's name). Of a path's labels, one that spells
    the path's segment ("Diversão" for /diversao, not "Read more"), then the most used."""
    parts = urlsplit(page.site_url)
    host = parts.hostname or ""
    prefixes: list[str] = []
    path = ""
    for seg in parts.path.strip("/").split("/")[:-1]:  # the last segment is the article
        if not seg or any(c.isdigit() for c in seg):
            break
        path += "/" + seg
        if not _EDITION_SEGMENT.fullmatch(seg):
            prefixes.append(path)
    if not prefixes:
        return None
    labels: dict[str, list[str]] = {}
    homes: set[str] = set()
    for a in page.doc.iter("a"):
        href = a.get("href")
        if not href or a.get("hreflang") or a.get("lang"):
            continue
        target = _link_path(href, host)
        target = target[:-len("/index.html")] if target.endswith("/index.html") else target
        if target not in prefixes:
            # the section's page under the site's category root: /category/sport/tennis for
            # /sport/tennis/story (_in_section_root)
            target = _in_section_root(target)
            if target not in prefixes:
                continue
        t = _label_text(a)
        if t and _is_home(t, href, page):
            homes.add(target)
        elif t:
            labels.setdefault(target, []).append(t)
    names = {_compact(n) for n in authors}
    for path in reversed(prefixes):  # the deepest first
        if path in homes or path not in labels:
            continue
        seen = labels[path]
        usable = [t for t in dict.fromkeys(seen) if len(t) <= MAX_SECTION_CHARS
                  and len(t.split()) <= 4 and _compact(t) not in names]
        if usable:
            slug = _compact(unquote(path.rsplit("/", 1)[1]))
            return max(usable, key=lambda t: (bool(slug) and (slug in _compact(t) or _compact(t) in slug),
                                              seen.count(t), -seen.index(t)))
    return None


def _in_section_root(path: str) -> str:
    """`path` without its category root ("/category/sport/tennis" -> "/sport/tennis"): many
    CMSs (WordPress's category base, "/section/…", "/rubrik/…") list a section at its own path
    under that root while its stories lie under the bare path. "" for a path outside one."""
    root = _SECTION_ROOT.match(path)
    return path[root.end():] if root is not None else ""


# Elements looked at after the headline for a section label printed below it.
MAX_BELOW_SCAN = 40
# Below the headline, "topic", "label" and a bare "section" class name tag lists and layout
# boxes ("related-topics", "articleBodyText section"): only names that mean the section itself.
_BELOW_SECTION_CLASS = re.compile(r"categor|rubri|ressort|kicker|eyebrow|section[-_]?(?:name|link|label|title)",
                                  re.IGNORECASE)


def _label_below_headline(page: _Page, h: Any) -> str | None:
    """A section link printed just below the headline, in a box classed as one ("rubric",
    "categoria_link", "article-category"), or an unclassed link to a section page in the
    date-and-byline line (_meta_line_section_link): many templates put the headline first and
    the section beside the date under it. Other unclassed links below the headline are the
    story's own."""
    seen = 0
    node = h
    host = urlsplit(page.site_url).hostname or ""
    for _ in range(2):
        for sib in node.itersiblings():
            for el in sib.iter(etree.Element):
                seen += 1
                if seen > MAX_BELOW_SCAN:
                    return None
                cls = " ".join(filter(None, (el.get("class"), el.get("id"))))
                marked = bool(cls) and _BELOW_SECTION_CLASS.search(cls) is not None
                if not (marked or _meta_line_section_link(el, sib, host)) or _no_section_box(el, sib):
                    continue
                a = el if el.tag == "a" else el.find(".//a")
                if a is None:
                    continue
                t = _label_text(a)
                if (t and len(t) <= MAX_SECTION_CHARS and len(t.split()) <= 4
                        and not t.endswith((":", "：")) and not _is_home(t, a.get("href"), page)):
                    return t
        node = node.getparent()
        if node is None:
            break
    return None


# The line under a headline that names the section links it among the date and byline:
# "Posted on 12/03/2026 by Jane Roe in <a href=/category/transport>Transport</a>".
META_LINE_MAX_CHARS = 200


def _meta_line_section_link(el: Any, sib: Any, host: str) -> bool:
    """Is `el`, below the headline, an unclassed link to one of the site's section pages by
    its URL's shape (_section_page: /category/…, /rubrik/…), printed in a short line (the
    date-and-byline line; a link in the story's own paragraphs is the story's) and not in a
    menu?"""
    if el.tag != "a":
        return False
    path = _link_path(el.get("href") or "", host)
    if not path or not _section_page(path) or _in_menu(el, sib):
        return False
    line = next((anc for anc in el.iterancestors() if anc.tag not in _INLINE_TAGS), None)
    return line is not None and len(text_of(line)) <= META_LINE_MAX_CHARS


_INLINE_TAGS = frozenset({"a", "span", "b", "strong", "em", "i", "small", "time", "font"})


# WordPress prints a post's categories as <a rel="category tag">: the section, in its markup.
_CATEGORY_LINKS = etree.XPath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]")


def _category_link(page: _Page) -> str | None:
    """The first category link (rel="category") of the page that is not the home page."""
    for a in _CATEGORY_LINKS(page.doc):
        t = _label_text(a)
        if t and len(t) <= MAX_SECTION_CHARS and not _is_home(t, a.get("href"), page):
            return t
    return None


# WordPress marks, in every menu of a post's page, the items of the post's categories: the
# category itself "current-post-parent", it and its parent categories "current-post-ancestor".
_MENU_CURRENT = etree.XPath(
    "//li[contains(concat(' ', normalize-space(@class), ' '), ' current-post-parent ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' current-post-ancestor ')]")


def _menu_current_section(page: _Page) -> str | None:
    """The post's category as the site's menu marks it (_MENU_CURRENT), when the page shows no
    section label: the most deeply nested marked item ("News" > "Local News": the sub-section),
    the post's own category before its parents, the first in the page on a tie."""
    best: tuple[int, bool] | None = None
    label = None
    for li in _MENU_CURRENT(page.doc):
        a = li.find("a")
        if a is None:
            continue
        t = _label_text(a)
        if not t or len(t) > MAX_SECTION_CHARS or _is_home(t, a.get("href"), page):
            continue
        depth = sum(1 for anc in li.iterancestors("li"))
        rank = (depth, "current-post-parent" in (li.get("class") or "").split())
        if best is None or rank > best:
            best, label = rank, t
    return label


# Links WAI-ARIA marks as the reader's place in a set of links (aria-current="page",
# "location", "true"; "false" means not current), on the link or on its list item.
_ARIA_CURRENT = etree.XPath("//a[@aria-current and @aria-current != 'false']"
                            " | //*[@aria-current and @aria-current != 'false']/a")


def _aria_current_section(page: _Page) -> str | None:
    """The first menu entry the page marks with `aria-current`: an article is no entry of its
    site's menu, so the entry marked as where the reader is names the article's section
    ("<nav>… <a aria-current=page href=/monde>Monde</a>"). Not a language switch (the edition,
    not a section), a page number, the home page or the article itself."""
    for a in _ARIA_CURRENT(page.doc):
        if a.get("hreflang") or a.get("lang"):
            continue
        t = _label_text(a)
        href = a.get("href")
        if (not t or len(t) > MAX_SECTION_CHARS or len(t.split()) > 4 or t.isdigit()
                or _is_home(t, href, page) or _is_this_article(t, href, page)):
            continue
        return t
    return None


# The <a rel=...> elements, in document order (self included, as iter("a") would): the
# selection runs in C, so the many links without rel never become Python objects.
_REL_LINKS = etree.XPath("descendant-or-self::a[@rel]")


def _read_tags(page: _Page, sel: FieldSelectors | None) -> list[str]:
    if sel and sel.tags:
        tags = [_el_text(el) for el in _select(page.tree, sel.tags)]
        tags = [t for t in tags if t]
        if tags:
            return _dedupe(tags)
    tags = page.m_all("article:tag")
    if not tags and page.article is not None:
        kw = page.article.get("keywords")
        if isinstance(kw, str):
            tags = [t.strip() for t in kw.split(",")]
        elif isinstance(kw, list):
            tags = [_text(t) for t in kw]
    if not tags:
        tags = [_el_text(a) for a in _REL_LINKS(page.doc) if " tag " in f" {a.get('rel')} "]
    return _dedupe(t for t in tags if t and len(t) < 80)


def _read_dek(page: _Page, sel: FieldSelectors | None) -> str | None:
    if sel and sel.dek:
        for el in _select(page.tree, sel.dek):
            t = _el_text(el) or (el.get("content") or "").strip()
            if t:
                return t
    return page.m("og:description", "description", "twitter:description")


def _read_canonical(page: _Page) -> str | None:
    for cand in page.links.get("canonical", []) + page.meta.get("og:url", []):
        absolute = urljoin(page.url, cand) if page.url else cand
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if parts.path in ("", "/") and not parts.query:
            continue  # a home page is never this article's canonical URL
        return absolute
    return None


# ----------------------------------------------------------------------------- entry point

def _safe(fn: Callable[[], Any], default: Any) -> Any:
    """Run one field reader; a failure of one field must not lose the others."""
    try:
        return fn()
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError,
            etree.LxmlError, OverflowError):
        return default


def read_metadata(tree: lxml.html.HtmlElement, url: str,
                  selectors: FieldSelectors | None = None) -> Metadata:
    """Read the article's metadata from `tree` (the document root); never raises on page input."""
    try:
        page = _Page(tree, url)
    except (ValueError, TypeError, AttributeError, RecursionError, etree.LxmlError):
        return Metadata()
    sel = selectors
    token = MONTH_FIRST.set(_MonthFirst(page))
    try:
        return _read_fields(page, sel)
    finally:
        MONTH_FIRST.reset(token)


def _read_fields(page: _Page, sel: FieldSelectors | None) -> Metadata:
    authors, fallback = _safe(lambda: _authors_and_fallback(page, sel), ([], False))
    language = _safe(lambda: _read_language(page), None)
    if language == "zh":
        authors = _chinese_names_apart(authors)
    return Metadata(
        authors_fallback=fallback,
        title=_safe(lambda: _read_title(page, sel, authors), None),
        dek=_safe(lambda: _read_dek(page, sel), None),
        authors=authors,
        published=_safe(lambda: _read_date(page, sel.published if sel else None,
                                           ("datePublished", "dateCreated", "uploadDate"),
                                           _PUB_META, "datePublished", True), None),
        modified=_safe(lambda: _read_date(page, sel.modified if sel else None, ("dateModified",),
                                          _MOD_META, "dateModified", False), None),
        language=language,
        section=_safe(lambda: _read_section(page, sel, authors), None),
        tags=_safe(lambda: _read_tags(page, sel), []),
        canonical_url=_safe(lambda: _read_canonical(page), None),
    )
