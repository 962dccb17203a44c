"""Deterministic article content for the fixture site, and the site's mutable state.

Every article is generated from its own `random.Random` seeded by (site seed, article number),
so adding articles never changes existing ones, and two `DemoSite(seed=0)` are identical
byte for byte. Nothing reads the clock: dates count back from a fixed anchor.

The article model keeps what a careful reader sees (`Block`s in reading order, figures with
caption and credit apart) so that the ground truth is derived from the very data the HTML
is rendered from.
"""
from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from . import content as C

if TYPE_CHECKING:
    from .routes import Response

TZ = timezone(timedelta(hours=3))
# "Now" for the site: the newest initial article is published shortly before this.
ANCHOR = datetime(2026, 8, 7, 18, 0, tzinfo=TZ)
FIRST_NUMBER = 1001
LAYOUTS = ("v1", "broken")
# Body block kinds that belong to the article text (the ground truth's body).
TEXT_KINDS = ("p", "h", "quote", "li")


@dataclass(frozen=True, slots=True)
class Figure:
    path: str           # site-relative image path, "/media/2026/08/1034-1.png"
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the article body as laid out on the page.

    kind: "p", "h" (sub-heading), "quote" (blockquote), "li" (list item) are article text;
    "related" (a "Read also" link paragraph) and "figure" are page furniture, not text.
    `link` wraps `link[0]` (a substring of `text`) in a link to article key `link[1]`.
    """

    kind: str
    text: str = ""
    link: tuple[str, str] | None = None
    figure: Figure | None = None


@dataclass(slots=True)
class Article:
    key: str                    # "en-1034": language + number, stable across edits
    number: int
    lang: str                   # "en" | "ar"
    section: str                # latin slug: "security"
    title: str
    slug: str
    dek: str
    authors: list[str]
    published: datetime
    modified: datetime | None
    lead: Figure
    blocks: list[Block]
    tags: list[str]
    has_meta: bool = True       # canonical, Open Graph and article:* meta
    has_jsonld: bool = True
    encoding: str = "utf-8"     # "windows-1256" for the one legacy-encoded article
    city: str = ""              # the city the article is about (inline links wrap it)
    edits: int = 0

    @property
    def lp(self) -> str:
        return C.LANG_PATH[self.lang]

    @property
    def section_label(self) -> str:
        return C.SECTION_LABELS[self.lang][self.section]

    @property
    def path(self) -> str:
        return f"/{self.lp}/articles/{self.section}/{self.published:%Y/%m/%d}/{self.slug}"

    @property
    def print_path(self) -> str:
        return f"/{self.lp}/print/articles/{self.section}/{self.published:%Y/%m/%d}/{self.slug}"

    @property
    def old_path(self) -> str:
        """The pre-redesign URL scheme, still answered with a 301."""
        return f"/{self.lp}/news/{self.number}"

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.published

    @property
    def figures(self) -> list[Figure]:
        return [self.lead] + [b.figure for b in self.blocks if b.kind == "figure" and b.figure]

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.kind in TEXT_KINDS)


def slugify(text: str, limit: int = 80) -> str:
    """Latin URL slug: lower-case words joined by hyphens, cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "article"


def tag_slug(lang: str, tag: str) -> str:
    """Tag URL segment: latin slug in English, the Arabic words themselves in Arabic."""
    return slugify(tag) if lang == "en" else tag.replace(" ", "-")


def tag_path(lang: str, tag: str) -> str:
    return f"/{C.LANG_PATH[lang]}/tag/{quote(tag_slug(lang, tag))}/"


def find_word(text: str, word: str) -> int:
    """Index of `word` in `text` as a whole word (not inside another word), or -1."""
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) if word else None
    return match.start() if match else -1


def format_day(lang: str, d: datetime, *, year: bool = False) -> str:
    month = C.MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{month} {d.day}, {d.year}" if year else f"{month} {d.day}"
    return f"{d.day} {month} {d.year}" if year else f"{d.day} {month}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """Fills templates for one article: fixed slots, sentence pools drawn without repeats."""

    def __init__(self, rng: random.Random, lang: str, section: str, published: datetime):
        self.rng, self.lang, self.section = rng, lang, section
        self.text = C.TEXTS[lang][section]
        country = rng.choice(C.COUNTRIES)
        city, city2 = rng.sample(country.cities, 2)
        expert = rng.choice(C.EXPERTS)
        official = rng.choice(C.OFFICIALS)
        group = rng.choice(C.GROUPS)
        ministry = rng.choice(C.MINISTRIES[section])
        day = published - timedelta(days=rng.randint(4, 9))
        day2 = day + timedelta(days=rng.randint(1, 3))
        amount = rng.randint(12, 95) / 10
        en = lang == "en"
        self.city_index = (country, city)
        self.slots: dict[str, str] = {
            "country": country.name_en if en else country.name_ar,
            "adj": country.adj_en,
            "city": city[0] if en else city[1],
            "city2": city2[0] if en else city2[1],
            "expert": expert.en if en else expert.ar,
            "expert_role": expert.role_en if en else expert.role_ar,
            "official": official.en if en else official.ar,
            "official_role": official.role_en if en else official.role_ar,
            "group": group[0] if en else group[1],
            "ministry": ministry[0] if en else ministry[1],
            "num": str(rng.randint(3, 9)),
            "num2": str(rng.randint(40, 900) if en else rng.randint(20, 95)),
            "pct": str(rng.randint(4, 38)),
            "day": format_day(lang, day),
            "day2": format_day(lang, day2),
            "amount": f"${amount:.1f} billion" if en else f"{amount:.1f} مليار دولار",
            "site": C.SITE_NAME[lang],
            "he": "she" if expert.female else "he",
            "He": "She" if expert.female else "He",
            "His": "Her" if expert.female else "His",
            "said": "قالت" if expert.female else "قال",
            "added": "وأضافت" if expert.female else "وأضاف",
            "noted": "وأشارت" if expert.female else "وأشار",
            "saw": "ورأت" if expert.female else "ورأى",
            "to_site": "للفاصل",
        }
        self.country_name = self.slots["country"]
        self._sentences: list[str] = []
        self._quotes: list[str] = []
        self.quoted = False

    def fill(self, template: str) -> str:
        text = template.format(**self.slots)
        return _cap(text) if self.lang == "en" else text

    def sentence(self) -> str:
        if not self._sentences:
            self._sentences = list(self.text.sentences) + list(C.GENERAL[self.lang])
            self.rng.shuffle(self._sentences)
        return self.fill(self._sentences.pop())

    def quote_paragraph(self) -> str | None:
        if not self._quotes:
            if self.quoted:
                return None
            self._quotes = list(self.text.quotes)
            self.rng.shuffle(self._quotes)
        frames = C.QUOTE_FRAMES[self.lang]
        # The first quote names its speaker; later ones may say "he said".
        frame = frames[0] if not self.quoted else self.rng.choice(frames)
        self.quoted = True
        return self.fill(frame.replace("{quote}", self._quotes.pop()))

    def paragraph(self) -> str:
        count = self.rng.choice((1, 2, 2, 2, 3))
        return " ".join(self.sentence() for _ in range(count))


def generate_article(seed: int, number: int, lang: str, section: str,
                     published: datetime, used_titles: set[str]) -> Article:
    """One article, from its own seeded generator: same inputs, same article."""
    rng = random.Random(f"demosite:{seed}:article:{number}")
    text = C.TEXTS[lang][section]
    writer = _Writer(rng, lang, section, published)
    headlines = list(text.headlines)
    rng.shuffle(headlines)
    title = ""
    for attempt, template in enumerate(headlines * 3):
        if attempt >= len(headlines):   # every headline taken: vary the city and retry
            writer.slots["city"] = rng.choice(writer.city_index[0].cities)[0 if lang == "en" else 1]
        title = writer.fill(template)
        if title not in used_titles:
            break
    else:
        title = f"{title} ({number})"
    used_titles.add(title)
    dek = writer.fill(rng.choice(text.deks))

    # Authors: most articles have one, some two, some none (agency copy).
    if number % 7 == 0:
        authors: list[str] = []
    else:
        people = rng.sample(C.AUTHORS, 2 if number % 4 == 1 else 1)
        authors = [p[0] if lang == "en" else p[1] for p in people]

    modified: datetime | None = None
    if number % 6 != 2:
        modified = published + timedelta(minutes=rng.randint(25, 1800))

    captions = rng.sample(text.captions, 2)
    credits = rng.sample(C.CREDITS, 2)

    def figure(i: int) -> Figure:
        shot = published - timedelta(days=rng.randint(0, 3))
        where = (f"in {writer.slots['city']} on {format_day(lang, shot, year=True)}."
                 if lang == "en" else
                 f"في {writer.slots['city']} في {format_day(lang, shot, year=True)}.")
        caption = f"{writer.fill(captions[i])} {where}"
        credit = credits[i][0] if lang == "en" else credits[i][1]
        return Figure(f"/media/{published:%Y/%m}/{number}-{i + 1}.png", caption, credit)

    lead = figure(0)
    blocks = _body(rng, writer, text)
    if rng.random() < 0.4 and len(blocks) > 5:
        blocks.insert(5, Block("figure", figure=figure(1)))

    tags = [writer.country_name] + rng.sample(text.tags, rng.randint(1, 3))
    slug = slugify(title) if lang == "en" else f"article-{number}"
    if f"slug:{slug}" in used_titles:       # two titles cut to the same slug
        slug = f"{slug}-{number}"
    used_titles.add(f"slug:{slug}")
    return Article(
        key=f"{lang}-{number}", number=number, lang=lang, section=section, title=title,
        slug=slug, dek=dek, authors=authors, published=published, modified=modified,
        lead=lead, blocks=blocks, tags=tags, has_meta=number % 5 != 0,
        has_jsonld=number % 5 != 0 and number % 3 != 0, city=writer.slots["city"],
    )


def _body(rng: random.Random, writer: _Writer, text: C.SectionText) -> list[Block]:
    """Paragraphs, sub-headings, quotes, maybe a list and a "Read also" slot, in reading order."""
    count = rng.randint(6, 14)
    paragraphs = [writer.fill(rng.choice(text.leads))]
    if rng.random() < 0.5:
        paragraphs[0] += " " + writer.sentence()
    while len(paragraphs) < count:
        quote = writer.quote_paragraph() if rng.random() < 0.3 else None
        paragraphs.append(quote or writer.paragraph())
    blocks = [Block("p", p) for p in paragraphs]

    subheads = rng.sample(text.subheads, 2)
    first_h = max(2, count // 2)
    blocks.insert(first_h, Block("h", writer.fill(subheads[0])))
    if count >= 10:
        blocks.insert(first_h + (count - first_h) // 2 + 1, Block("h", writer.fill(subheads[1])))
    if rng.random() < 0.6:
        at = rng.randint(first_h + 1, len(blocks) - 1)
        blocks.insert(at, Block("quote", writer.fill(rng.choice(text.blockquotes))))
    if rng.random() < 0.25:
        intro, items = rng.choice(text.lists)
        at = len(blocks) - 1
        blocks[at:at] = [Block("p", writer.fill(intro))] + [Block("li", writer.fill(i)) for i in items]
    if rng.random() < 0.8:
        blocks.insert(rng.choice((2, 3)), Block("related"))
    return blocks


@dataclass(slots=True)
class _Failure:
    status: int
    remaining: int | None       # None: until cleared


class DemoSite:
    """The fixture news site: articles, specials, and the switches tests flip while it runs.

    All public methods take the site lock, so a ThreadingHTTPServer may call `handle` from
    many threads while a test edits the site.
    """

    def __init__(self, seed: int = 0, *, per_language: int = 26, scripted: bool = False) -> None:
        """`scripted`: also serve a JavaScript-only article (scripted.py), linked from the
        English Society listing."""
        self.seed = seed
        self.scripted = scripted
        self.lock = threading.RLock()
        self.layout = "v1"
        # where the pictures of another host are ("http://127.0.0.1:PORT"): set by the
        # DemoServer that serves them; None leaves them out of the pages
        self.static_base: str | None = None
        self._failure: _Failure | None = None
        self._used_titles: set[str] = set()
        self._articles: dict[str, Article] = {}
        self._published_count = 0
        self._generate(per_language)
        self._pick_specials()

    # -- content -----------------------------------------------------------------------
    def _generate(self, per_language: int) -> None:
        rng = random.Random(f"demosite:{self.seed}:plan")
        plan: list[tuple[str, str]] = []
        for lang in ("en", "ar"):
            sections = [C.SECTIONS[i % len(C.SECTIONS)] for i in range(per_language)]
            rng.shuffle(sections)
            plan += [(lang, s) for s in sections]
        rng.shuffle(plan)
        moment = ANCHOR
        stamps = []
        for _ in plan:      # newest first
            moment -= timedelta(minutes=rng.randint(150, 840))
            stamps.append(moment)
        total = len(plan)
        for i, ((lang, section), published) in enumerate(zip(plan, stamps)):
            number = FIRST_NUMBER + total - 1 - i       # older articles have lower numbers
            art = generate_article(self.seed, number, lang, section, published,
                                   self._used_titles)
            self._articles[art.key] = art
        self._next_number = FIRST_NUMBER + total
        self._link_related()

    def _link_related(self, keys: list[str] | None = None) -> None:
        """Point "Read also" slots and some inline links at other articles of the section.

        Only the given articles (default: all) are linked: publishing news must not change
        the pages of older articles.
        """
        ordered = self._ordered()
        for art in ordered:
            if keys is not None and art.key not in keys:
                continue
            rng = random.Random(f"demosite:{self.seed}:links:{art.number}")
            peers = [a.key for a in ordered
                     if a.lang == art.lang and a.section == art.section and a.key != art.key]
            if not peers:
                continue
            blocks = []
            for block in art.blocks:
                if block.kind == "related" and block.link is None:
                    block = replace(block, link=("", rng.choice(peers)))
                blocks.append(block)
            # An inline link in the body text (part of the article, unlike "Read also").
            if rng.random() < 0.4:
                for i, block in enumerate(blocks):
                    if (i > 0 and block.kind == "p" and block.link is None
                            and find_word(block.text, art.city) >= 0):
                        blocks[i] = replace(block, link=(art.city, rng.choice(peers)))
                        break
            art.blocks = blocks

    def _pick_specials(self) -> None:
        """Fix which articles play the special roles (stable after publish())."""
        en = [a for a in self._ordered() if a.lang == "en"]
        ar = [a for a in self._ordered() if a.lang == "ar"]
        self.print_key = en[2].key
        self.tracking_key = en[3].key
        self.redirect_key = en[6].key
        self.cp1256_key = ar[1].key
        for key in (self.print_key, self.tracking_key, self.cp1256_key):
            self._articles[key].has_meta = True
        self._articles[self.cp1256_key].encoding = "windows-1256"

    def _ordered(self) -> list[Article]:
        return sorted(self._articles.values(), key=lambda a: (a.published, a.number), reverse=True)

    def articles(self, lang: str | None = None, section: str | None = None) -> list[Article]:
        """Articles newest first, optionally of one edition and section."""
        with self.lock:
            return [a for a in self._ordered()
                    if (lang is None or a.lang == lang) and (section is None or a.section == section)]

    def keys(self) -> list[str]:
        """Article keys ("en-1034"), newest first."""
        return [a.key for a in self.articles()]

    def article(self, key_or_url: str) -> Article:
        """An article by key, or by any URL/path of it (article, print or old URL)."""
        with self.lock:
            if key_or_url in self._articles:
                return self._articles[key_or_url]
            path = urlsplit(key_or_url).path
            for art in self._articles.values():
                if path in (art.path, art.print_path, art.old_path):
                    return art
            raise KeyError(key_or_url)

    # -- views for tests and the demo ----------------------------------------------------
    def ground_truth(self, base_url: str) -> list[dict[str, Any]]:
        """What a perfect extractor returns for every article, newest first."""
        base = base_url.rstrip("/")
        site = (urlsplit(base).hostname or "").lower()
        out = []
        for art in self.articles():
            url = base + art.path
            out.append({
                "url": url,
                "canonical_url": url,
                "site": site,
                "language": art.lang,
                "section": art.section_label,
                "title": art.title,
                "dek": art.dek,
                "authors": list(art.authors),
                "published": art.published.isoformat(),
                "modified": art.modified.isoformat() if art.modified else None,
                "body": f"{art.dek}\n\n{art.body_text}",
                "images": [{"src": base + f.path, "caption": f.caption, "credit": f.credit}
                           for f in art.figures],
                "tags": list(art.tags),
            })
        return out

    def article_urls(self, base_url: str) -> list[str]:
        base = base_url.rstrip("/")
        return [base + a.path for a in self.articles()]

    def sections(self, base_url: str) -> list[str]:
        base = base_url.rstrip("/")
        return [f"{base}/{C.LANG_PATH[lang]}/{s}/" for lang in ("en", "ar") for s in C.SECTIONS]

    def feeds(self, base_url: str) -> list[str]:
        base = base_url.rstrip("/")
        return [f"{base}/{C.LANG_PATH[lang]}/{s}/rss.xml" for lang in ("en", "ar") for s in C.SECTIONS]

    def special_urls(self, base_url: str) -> dict[str, Any]:
        """Where the traps and special cases live (see the package docstring)."""
        base = base_url.rstrip("/")
        with self.lock:
            printed = self._articles[self.print_key]
            tracked = self._articles[self.tracking_key]
            moved = self._articles[self.redirect_key]
            return {
                "root": base + "/",
                "home_en": base + "/en_GB/",
                "home_ar": base + "/ar/",
                "robots": base + "/robots.txt",
                "sitemap": base + "/sitemap.xml",
                "sitemap_articles": base + "/sitemap-articles.xml",
                "sitemap_news": base + "/sitemap-news.xml",
                "not_found": base + NOT_FOUND_PATH,
                "not_found_from": base + NOT_FOUND_FROM,
                "redirect_from": base + moved.old_path,
                "redirect_to": base + moved.path,
                "tracking": base + tracked.path + TRACKING_QUERY,
                "tracking_canonical": base + tracked.path,
                "print": base + printed.print_path,
                "print_canonical": base + printed.path,
                "windows_1256": base + self._articles[self.cp1256_key].path,
                "disallowed": base + DISALLOWED_PATH,
                "section_en": f"{base}/en_GB/{C.SECTIONS[0]}/",
                "section_ar": f"{base}/ar/{C.SECTIONS[0]}/",
                "feeds": self.feeds(base),
            }

    # -- switches ----------------------------------------------------------------------
    def edit_article(self, key: str, *, paragraph: str | None = None) -> None:
        """Append a paragraph (given, or a standard "Update:" note) and bump the modified date."""
        with self.lock:
            art = self.article(key)
            if paragraph is None:
                notes = C.UPDATE_NOTES[art.lang]
                paragraph = notes[art.edits % len(notes)].format(site=C.SITE_NAME[art.lang],
                                                                  to_site="للفاصل")
            art.blocks = [*art.blocks, Block("p", paragraph)]
            art.edits += 1
            art.modified = art.last_modified + timedelta(hours=1, minutes=30)

    def publish(self, n: int = 1) -> list[str]:
        """Add n new articles, each newer than everything on the site; returns their keys."""
        keys = []
        with self.lock:
            for _ in range(n):
                count = self._published_count
                self._published_count += 1
                lang = ("en", "ar")[count % 2]
                section = C.SECTIONS[(count // 2) % len(C.SECTIONS)]
                rng = random.Random(f"demosite:{self.seed}:publish:{count}")
                newest = max(a.published for a in self._articles.values())
                published = newest + timedelta(minutes=rng.randint(20, 240))
                number = self._next_number
                self._next_number += 1
                art = generate_article(self.seed, number, lang, section, published,
                                       self._used_titles)
                self._articles[art.key] = art
                keys.append(art.key)
            self._link_related(keys)
        return keys

    def set_layout(self, name: str) -> None:
        """Switch article templates: "v1" (default) or "broken", a redesign that defeats selectors."""
        if name not in LAYOUTS:
            raise ValueError(f"unknown layout {name!r}; expected one of {LAYOUTS}")
        with self.lock:
            self.layout = name

    def fail_with(self, status: int | None, *, count: int | None = None) -> None:
        """Answer every request with `status` (for `count` requests, or until fail_with(None))."""
        with self.lock:
            self._failure = None if status is None else _Failure(status, count)

    def take_failure(self) -> int | None:
        """The status to fail this request with, if any; counts the request against `count`."""
        with self.lock:
            failure = self._failure
            if failure is None:
                return None
            if failure.remaining is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failure = None
            return failure.status

    def handle(self, method: str, target: str, headers: dict[str, str],
               base_url: str) -> Response:
        """Answer one HTTP request (see routes.py); the server calls this from its threads."""
        from .routes import route
        with self.lock:
            return route(self, method, target, headers, base_url.rstrip("/"))


# Special paths (the article ones depend on the generated content, see DemoSite).
NOT_FOUND_PATH = "/en_GB/articles/politics/2026/07/01/minister-resigns-over-leaked-recordings"
NOT_FOUND_FROM = "/en_GB/politics/"
DISALLOWED_PATH = "/en_GB/private/archive"
TRACKING_QUERY = "?utm_source=newsletter&utm_medium=email&utm_campaign=editors_pick"
