"""HTML, RSS, sitemap and robots.txt renderers for the fixture site.

Pure functions of the site state and the base URL the request came to. The "v1" article
template is what site profiles are written against; the "broken" one is the redesign that
defeats them (class names change, the body becomes `<div>` soup with `<br>`, a script draws the
byline and the section label). Pages carry the
usual furniture of a real news site (cookie banner, nav, ads, share buttons, sidebars, comment
form) so that extraction has something to get wrong, but the article itself stays unambiguous.
"""
from __future__ import annotations

import functools
import html
import json
import random
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import content as C
from . import scripted
from .assets import ASSET_VERSION, LARGE_PICTURE
from .generator import (DISALLOWED_PATH, NOT_FOUND_FROM, NOT_FOUND_PATH, TRACKING_QUERY,
                        Article, Block, Figure, find_word, tag_path)

if TYPE_CHECKING:
    from .generator import DemoSite

PER_PAGE = 5
# CSS selectors that match the "v1" article template (field names of FieldSelectors), for a
# site profile; the "broken" layout matches none of them.
V1_SELECTORS: dict[str, str] = {
    "title": "h1.article-title",
    "dek": "p.article-dek",
    "authors": ".article-byline",
    "published": "time.published",
    "modified": "time.updated",
    "section": ".article-category a",
    "body": "div.article-body",
    "body_exclude": ".read-also, .ad-container, figure",
    "figures": "figure.article-figure",
    "caption": ".figure-caption",
    "credit": ".figure-credit",
    "tags": ".article-tags a",
}
NEWS_SITEMAP_SIZE = 12
LAZY_PLACEHOLDER = "/static/img/lazy-placeholder.png"


@functools.lru_cache(maxsize=1)
def _icon_sprite() -> str:
    """An inline SVG icon sprite, as real news sites put in every page (~80 KB of path data).

    Real article pages weigh ~90 KB (the reference benchmark site's do too). It gives the pages a real-world weight, so archive sizes (first crawl vs. re-crawl) are
    measured on realistic pages rather than 10 KB toys.
    """
    rng = random.Random(7)
    symbols = []
    for index in range(64):
        points = " ".join(f"{rng.uniform(0, 24):.3f},{rng.uniform(0, 24):.3f}" for _ in range(80))
        symbols.append(f'<symbol id="icon-{index}" viewBox="0 0 24 24"><path d="M{points}Z"/></symbol>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">'
            + "".join(symbols) + "</svg>\n")


def t(text: str) -> str:
    """Escape text content."""
    return html.escape(text, quote=False)


def at(text: str) -> str:
    """Escape an attribute value."""
    return html.escape(text, quote=True)


def shown_date(lang: str, d: datetime) -> str:
    month = C.MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{d.day} {month} {d.year}, {d:%H:%M}"
    return f"{d.day} {month} {d.year} - {d:%H:%M}"


def http_date(d: datetime) -> str:
    return format_datetime(d.astimezone(timezone.utc), usegmt=True)


# -- page chrome ------------------------------------------------------------------------

def _head(lang: str, title: str, *, charset: str = "utf-8", extra: str = "") -> str:
    return (
        f'<head>\n<meta charset="{charset}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{t(title)}</title>\n{extra}"
        f'<link rel="stylesheet" href="/static/css/main.css?v={ASSET_VERSION}">\n'
        '<link rel="icon" href="/static/img/favicon.png">\n'
        '<script async src="/static/js/analytics.js"></script>\n'
        "<script>window.dataLayer = window.dataLayer || [];"
        "function gtag(){dataLayer.push(arguments);}gtag('js', 'init');</script>\n"
        "</head>\n"
    )


def _header(site: DemoSite, lang: str, *, current: str | None = None,
            ticker: bool = True) -> str:
    ui, lp = C.UI[lang], C.LANG_PATH[lang]
    other = "ar" if lang == "en" else "en"
    items = [f'<li><a href="/{lp}/">{t(ui["home"])}</a></li>']
    for s in C.SECTIONS:
        cls = ' class="active"' if s == current else ""
        items.append(f'<li{cls}><a href="/{lp}/{s}/">{t(C.SECTION_LABELS[lang][s])}</a></li>')
    latest = "".join(f'<li><a href="{a.path}">{t(a.title)}</a></li>'
                     for a in site.articles(lang)[:3])
    return (
        _icon_sprite() +
        '<div id="cookie-consent" class="cookie-banner" role="dialog" aria-live="polite">'
        f'<p>{t(ui["cookies"])} <a href="/{lp}/privacy">{t(ui["privacy"])}</a></p>'
        f'<button type="button" class="cookie-accept">{t(ui["accept"])}</button></div>\n'
        '<header class="site-header">\n<div class="topbar">'
        f'<a class="logo" href="/{lp}/"><img src="/static/img/logo-{lang}.png" '
        f'alt="{at(C.SITE_NAME[lang])}" width="180" height="48"></a>'
        f'<span class="tagline">{t(ui["tagline"])}</span>'
        f'<a class="lang-switch" href="/{C.LANG_PATH[other]}/" hreflang="{other}">'
        f'{t(ui["other_edition"])}</a>'
        f'<form class="search-form" action="/{lp}/search" method="get" role="search">'
        f'<input type="search" name="q" placeholder="{at(ui["search"])}">'
        f'<button type="submit">{t(ui["search"])}</button></form></div>\n'
        f'<nav class="main-nav" aria-label="{at(ui["sections"])}"><ul>{"".join(items)}</ul></nav>\n'
        + (f'<div class="breaking-ticker"><span class="ticker-label">{t(ui["latest"])}</span>'
           f"<ul>{latest}</ul></div>\n" if ticker else "")
        + "</header>\n"
    )


def _footer(lang: str, *, extra_links: str = "") -> str:
    ui, lp = C.UI[lang], C.LANG_PATH[lang]
    feeds = "".join(f'<li><a href="/{lp}/{s}/rss.xml">{t(ui["feed"])}: '
                    f"{t(C.SECTION_LABELS[lang][s])}</a></li>" for s in C.SECTIONS)
    return (
        '<footer class="site-footer">\n<div class="footer-links"><ul>'
        f'<li><a href="/{lp}/about">{t(ui["about"])}</a></li>'
        f'<li><a href="/{lp}/contact">{t(ui["contact"])}</a></li>'
        f'<li><a href="/{lp}/privacy">{t(ui["privacy"])}</a></li>{extra_links}</ul>'
        f'<ul class="feeds">{feeds}</ul></div>\n'
        f'<div class="newsletter"><p>{t(ui["newsletter"])}</p>'
        f'<form action="/{lp}/newsletter" method="post"><input type="email" name="email">'
        f'<button type="submit">{t(ui["submit"])}</button></form></div>\n'
        f'<p class="copyright">© 2026 {t(C.SITE_NAME[lang])}. {t(ui["rights"])}</p>\n'
        "</footer>\n"
        f'<script src="/static/js/main.js?v={ASSET_VERSION}" defer></script>\n'
    )


def _document(lang: str, head: str, body: str, *, body_class: str) -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n{head}'
            f'<body class="{body_class} lang-{lang}">\n{body}</body>\n</html>\n')


def _feed_link(lang: str, section: str, base: str) -> str:
    label = f"{C.SITE_NAME[lang]} - {C.SECTION_LABELS[lang][section]}"
    return (f'<link rel="alternate" type="application/rss+xml" title="{at(label)}" '
            f'href="{base}/{C.LANG_PATH[lang]}/{section}/rss.xml">\n')


def _teaser(art: Article, *, href: str | None = None, lazy_script: bool = False) -> str:
    """`lazy_script`: the picture's address in data-src, a placeholder in src (main.js swaps
    them), as lazy-loading scripts do."""
    href = href or art.path
    image = (f'<img class="lazyload" src="{LAZY_PLACEHOLDER}" data-src="{art.lead.path}" alt="" '
             if lazy_script else f'<img src="{art.lead.path}" alt="" ')
    return (
        '<article class="teaser">'
        f'<a class="teaser-image" href="{at(href)}">{image}'
        'width="320" height="180" loading="lazy"></a>'
        '<div class="teaser-body">'
        f'<span class="teaser-section">{t(art.section_label)}</span>'
        f'<h2 class="teaser-title"><a href="{at(href)}">{t(art.title)}</a></h2>'
        f'<p class="teaser-dek">{t(art.dek)}</p>'
        f'<time datetime="{art.published.isoformat()}">{t(shown_date(art.lang, art.published))}</time>'
        "</div></article>\n"
    )


def _most_read(site: DemoSite, lang: str, *, dead_link: bool = False,
               before: Article | None = None) -> str:
    """Sidebar of popular articles; on an article page only older ones (see _older)."""
    ui = C.UI[lang]
    arts = _older(site, before, lang) if before else site.articles(lang)
    picks = [arts[i] for i in (4, 1, 9, 6) if i < len(arts)]
    items = [f'<li><a href="{a.path}">{t(a.title)}</a></li>' for a in picks]
    if dead_link:   # an article that was taken down: the listing still links to it
        items.insert(2, f'<li><a href="{NOT_FOUND_PATH}">Minister resigns over leaked '
                        "recordings</a></li>")
    return (f'<aside class="sidebar"><div class="widget most-read"><h3>{t(ui["most_read"])}</h3>'
            f'<ol>{"".join(items)}</ol></div>'
            f'<div class="widget ad-widget"><span class="ad-label">{t(ui["advert"])}</span>'
            '<div class="ad-slot" id="div-gpt-ad-sidebar"></div></div></aside>\n')


# -- articles ---------------------------------------------------------------------------

def _meta(art: Article, base: str) -> str:
    url = base + art.path
    name = C.SITE_NAME[art.lang]
    out = [f'<meta name="description" content="{at(art.dek)}">\n']
    if art.has_meta:
        out += [
            f'<link rel="canonical" href="{at(url)}">\n',
            f'<meta property="og:site_name" content="{at(name)}">\n',
            '<meta property="og:type" content="article">\n',
            f'<meta property="og:title" content="{at(art.title)}">\n',
            f'<meta property="og:description" content="{at(art.dek)}">\n',
            f'<meta property="og:url" content="{at(url)}">\n',
            f'<meta property="og:image" content="{at(base + art.lead.path)}">\n',
            f'<meta property="og:locale" content="{"en_GB" if art.lang == "en" else "ar_AR"}">\n',
            f'<meta property="article:published_time" content="{art.published.isoformat()}">\n',
        ]
        if art.modified:
            out.append(f'<meta property="article:modified_time" content="{art.modified.isoformat()}">\n')
        out.append(f'<meta property="article:section" content="{at(art.section_label)}">\n')
        out += [f'<meta property="article:tag" content="{at(tag)}">\n' for tag in art.tags]
        out.append('<meta name="twitter:card" content="summary_large_image">\n')
    if art.has_jsonld:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": art.title,
            "description": art.dek,
            "image": [base + f.path for f in art.figures],
            "datePublished": art.published.isoformat(),
        }
        if art.modified:
            data["dateModified"] = art.modified.isoformat()
        data["author"] = [{"@type": "Person", "name": n} for n in art.authors]
        data["articleSection"] = art.section_label
        data["keywords"] = art.tags
        data["inLanguage"] = art.lang
        data["publisher"] = {"@type": "Organization", "name": name, "logo": {
            "@type": "ImageObject", "url": f"{base}/static/img/logo-{art.lang}.png"}}
        out.append('<script type="application/ld+json">'
                   + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>\n")
    return "".join(out)


def _figure(fig: Figure, *, lead: bool) -> str:
    cls = "article-figure article-figure--lead" if lead else "article-figure"
    return (f'<figure class="{cls}"><img src="{fig.path}" alt="{at(fig.caption)}" width="1200" '
            f'height="675" loading="{"eager" if lead else "lazy"}">'
            f'<figcaption><span class="figure-caption">{t(fig.caption)}</span> '
            f'<span class="figure-credit">[{t(fig.credit)}]</span></figcaption></figure>\n')


def _byline(art: Article) -> str:
    if not art.authors:
        return ""
    ui = C.UI[art.lang]
    names = [f'<span class="author">{t(n)}</span>' for n in art.authors]
    joined = names[0]
    if len(names) == 2:
        joiner = f' {ui["and"]} ' if art.lang == "en" else f' {ui["and"]}'
        joined = names[0] + joiner + names[1]
    return f'<span class="article-byline">{t(ui["by"])} {joined} |</span>\n'


def _dates(art: Article) -> str:
    ui = C.UI[art.lang]
    out = (f'<span class="article-date">{t(ui["published"])}: <time class="published" '
           f'datetime="{art.published.isoformat()}">{t(shown_date(art.lang, art.published))}'
           "</time></span>\n")
    if art.modified:
        out += (f'<span class="article-date">{t(ui["updated"])}: <time class="updated" '
                f'datetime="{art.modified.isoformat()}">{t(shown_date(art.lang, art.modified))}'
                "</time></span>\n")
    return out


def _inline(site: DemoSite, block: Block) -> str:
    """Paragraph text with its inline link, if any."""
    if not block.link or find_word(block.text, block.link[0]) < 0:
        return t(block.text)
    anchor, key = block.link
    at_ = find_word(block.text, anchor)
    before, after = block.text[:at_], block.text[at_ + len(anchor):]
    return f'{t(before)}<a href="{site.article(key).path}">{t(anchor)}</a>{t(after)}'


def _body_html(site: DemoSite, art: Article, *, furniture: bool) -> str:
    """The article body in v1 markup; `furniture` adds "Read also" and the ad slot."""
    ui = C.UI[art.lang]
    out: list[str] = []
    blocks = art.blocks
    paragraphs_seen = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "p":
            out.append(f"<p>{_inline(site, block)}</p>\n")
            paragraphs_seen += 1
            if furniture and paragraphs_seen == 4:
                out.append(f'<div class="ad-container" aria-hidden="true"><span class="ad-label">'
                           f'{t(ui["advert"])}</span><div class="ad-slot" id="div-gpt-ad-inread">'
                           "</div><script>googletag.cmd.push(function(){googletag.display("
                           "'div-gpt-ad-inread');});</script></div>\n")
        elif block.kind == "h":
            out.append(f"<h2>{t(block.text)}</h2>\n")
        elif block.kind == "quote":
            out.append(f'<blockquote class="pull-quote"><p>{t(block.text)}</p></blockquote>\n')
        elif block.kind == "li":
            items = []
            while i < len(blocks) and blocks[i].kind == "li":
                items.append(f"<li>{t(blocks[i].text)}</li>")
                i += 1
            out.append(f'<ul>{"".join(items)}</ul>\n')
            continue
        elif block.kind == "figure" and block.figure:
            out.append(_figure(block.figure, lead=False))
        elif block.kind == "related" and block.link and furniture:
            target = site.article(block.link[1])
            out.append(f'<p class="read-also"><strong>{t(ui["read_also"])}</strong> '
                       f'<a href="{target.path}">{t(target.title)}</a></p>\n')
        i += 1
    return "".join(out)


def _tags(art: Article) -> str:
    ui = C.UI[art.lang]
    items = "".join(f'<li><a href="{tag_path(art.lang, tag)}" rel="tag">{t(tag)}</a></li>'
                    for tag in art.tags)
    return (f'<div class="article-tags"><span class="tags-label">{t(ui["tags"])}:</span>'
            f"<ul>{items}</ul></div>\n")


def _share(art: Article, base: str) -> str:
    ui = C.UI[art.lang]
    u = quote(base + art.path, safe="")
    return (
        '<div class="article-tools"><ul class="share-buttons">'
        f'<li><span class="share-label">{t(ui["share"])}</span></li>'
        f'<li><a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={u}" '
        'target="_blank" rel="noopener">Facebook</a></li>'
        f'<li><a class="share-x" href="https://x.com/intent/tweet?url={u}" target="_blank" '
        'rel="noopener">X</a></li>'
        f'<li><a class="share-whatsapp" href="https://wa.me/?text={u}" target="_blank" '
        'rel="noopener">WhatsApp</a></li>'
        f'<li><a class="share-telegram" href="https://t.me/share/url?url={u}" target="_blank" '
        'rel="noopener">Telegram</a></li>'
        f'<li><a class="share-email" href="mailto:?body={u}">Email</a></li></ul>'
        f'<a class="print-link" href="{art.print_path}">{t(ui["print"])}</a></div>\n'
    )


def _boilerplate(art: Article) -> str:
    """The trailing furniture of the seed page: feedback, comment form, notification prompts."""
    ui, lp = C.UI[art.lang], art.lp
    return (
        '<section class="article-feedback">'
        f'<p class="feedback-question">{t(ui["like"])}</p>'
        f'<button type="button" class="vote vote-yes" data-vote="1">{t(ui["yes"])}</button> '
        f'<button type="button" class="vote vote-no" data-vote="0">{t(ui["no"])}</button>'
        "</section>\n"
        '<section class="comments">'
        f'<h3>{t(ui["comment"])}</h3>'
        f'<form class="comment-form" action="/{lp}/comments/{art.number}" method="post">'
        f'<label>{t(ui["name"])} <input type="text" name="name" required></label>'
        f'<label>{t(ui["email"])} <input type="email" name="email" required></label>'
        f'<label>{t(ui["comment_label"])} <textarea name="comment" rows="5"></textarea></label>'
        f'<label>{t(ui["captcha"])}</label>'
        '<img class="captcha" src="/static/img/captcha.png" alt="">'
        '<input type="text" name="captcha" required>'
        '<label class="notify"><input type="checkbox" name="notify" value="1"> '
        f'{t(ui["notify"])}</label>'
        f'<button type="submit">{t(ui["submit"])}</button></form></section>\n'
        f'<div class="notify-prompt"><p>{t(ui["announce"])}</p>'
        f'<button type="button">{t(ui["yes"])}</button> '
        f'<button type="button">{t(ui["no"])}</button></div>\n'
    )


def _older(site: DemoSite, art: Article, lang: str, section: str | None = None) -> list[Article]:
    """Articles published before `art`: what its page may link to besides its own links.

    Article pages link only backwards in time, so publishing news leaves the bytes (and
    ETag) of existing article pages unchanged; only fronts, listings, feeds and sitemaps move.
    """
    return [a for a in site.articles(lang, section)
            if (a.published, a.number) < (art.published, art.number)]


def _related(site: DemoSite, art: Article) -> str:
    peers = _older(site, art, art.lang, art.section)[:3]
    if not peers:
        return ""
    return (f'<section class="related-articles"><h2>{t(C.UI[art.lang]["related"])}</h2>\n'
            + "".join(_teaser(a, lazy_script=True) for a in peers) + "</section>\n")


def _promotions(site: DemoSite, lang: str) -> str:
    """Beside an article: the app's promotion (a <picture> with width candidates, the widest a
    large file) and a partner's banner served by another host (`site.static_base`, the demo
    server's second port), as advertisers' and CDNs' pictures are."""
    ui = C.UI[lang]
    promo = ('<div class="widget app-promo"><picture>'
             '<source type="image/png" srcset="/static/img/app-promo-800.png 800w, '
             f'{LARGE_PICTURE} 1600w">'
             f'<img src="/static/img/app-promo-400.png" alt="{at(C.SITE_NAME[lang])}" '
             'width="400" height="100"></picture></div>')
    partner = ""
    if site.static_base:
        partner = (f'<div class="widget partner"><span class="ad-label">{t(ui["advert"])}</span>'
                   f'<img src="{site.static_base}/banners/partner-{lang}.png" alt="" '
                   'width="300" height="250"></div>')
    return f'<aside class="promotions">{promo}{partner}</aside>\n'


def article_page(site: DemoSite, art: Article, base: str) -> str:
    if site.layout == "broken":
        return broken_article_page(site, art, base)
    ui = C.UI[art.lang]
    title = f"{art.title} | {C.SITE_NAME[art.lang]}"
    head = _head(art.lang, title, charset=art.encoding,
                 extra=_meta(art, base) + _feed_link(art.lang, art.section, base))
    body = (
        _header(site, art.lang, current=art.section, ticker=False)
        + '<main id="content" class="container">\n<div class="row">\n<div class="col-main">\n'
        + f'<ol class="breadcrumb"><li><a href="/{art.lp}/">{t(ui["home"])}</a></li>'
        + f'<li><a href="/{art.lp}/{art.section}/">{t(art.section_label)}</a></li></ol>\n'
        + f'<article class="article-full" id="article-{art.number}">\n'
        + '<header class="article-header">\n'
        + f'<div class="article-category"><a href="/{art.lp}/{art.section}/">'
        + f"{t(art.section_label)}</a></div>\n"
        + f'<h1 class="article-title">{t(art.title)}</h1>\n'
        + f'<p class="article-dek">{t(art.dek)}</p>\n</header>\n'
        + _figure(art.lead, lead=True)
        + '<div class="article-meta">\n' + _byline(art) + _dates(art) + "</div>\n"
        + _share(art, base)
        + '<div class="article-body" itemprop="articleBody">\n'
        + _body_html(site, art, furniture=True) + "</div>\n"
        + _tags(art)
        + "</article>\n"
        + _boilerplate(art)
        + _related(site, art)
        + "</div>\n" + _most_read(site, art.lang, before=art) + _promotions(site, art.lang)
        + "</div>\n</main>\n"
        + _footer(art.lang)
    )
    return _document(art.lang, head, body, body_class="page-article")


# The redesign's script that draws its byline and section label from their data attributes
_BROKEN_COMPONENTS = (
    "<script>document.querySelectorAll('[data-authors]').forEach(function (e) {"
    " e.textContent = e.dataset.authors + ' | '; });"
    " document.querySelectorAll('[data-section]').forEach(function (e) {"
    " e.textContent = e.dataset.section; });</script>\n")


def broken_article_page(site: DemoSite, art: Article, base: str) -> str:
    """The redesign: new class names, no <article>/<h1>/<time>, body as <br>-separated text,
    and the byline and section label drawn by a script from data attributes (empty boxes in
    the HTML), as client-side components print them: what no extractor reads from the page."""
    ui = C.UI[art.lang]
    head = _head(art.lang, f"{art.title} | {C.SITE_NAME[art.lang]}", charset=art.encoding,
                 extra=f'<link rel="canonical" href="{at(base + art.path)}">\n')
    pieces: list[str] = []
    for block in art.blocks:
        if block.kind == "p":
            pieces.append(_inline(site, block))
        elif block.kind == "h":
            pieces.append(f'<b class="x-sub">{t(block.text)}</b>')
        elif block.kind == "quote":
            pieces.append(f"<i>{t(block.text)}</i>")
        elif block.kind == "li":
            pieces.append(f"&bull; {t(block.text)}")
        elif block.kind == "figure" and block.figure:
            fig = block.figure
            pieces.append(f'<span class="x-pic"><img src="{fig.path}"><span class="x-cap">'
                          f"{t(fig.caption)} [{t(fig.credit)}]</span></span>")
        elif block.kind == "related" and block.link:
            target = site.article(block.link[1])
            pieces.append(f'<span class="x-rel">{t(ui["read_also"])} '
                          f'<a href="{target.path}">{t(target.title)}</a></span>')
    when = shown_date(art.lang, art.published)
    if art.modified:
        when += f' ({t(ui["updated"])} {shown_date(art.lang, art.modified)})'
    byline = ""
    if art.authors:
        byline = f'<span class="x-authors" data-authors="{at(" / ".join(art.authors))}"></span> '
    body = (
        _header(site, art.lang, current=art.section, ticker=False)
        + '<div class="wrap-x"><div class="x-left">\n'
        + f'<div class="x-kicker" data-section="{at(art.section_label)}"></div>\n'
        + f'<div class="x-headline">{t(art.title)}</div>\n'
        + f'<div class="x-standfirst">{t(art.dek)}</div>\n'
        + f'<div class="x-pic"><img src="{art.lead.path}"><div class="x-cap">'
        + f"{t(art.lead.caption)} [{t(art.lead.credit)}]</div></div>\n"
        + f'<div class="x-by">{byline}{t(when)}</div>\n'
        + '<div class="x-txt">' + "<br><br>\n".join(pieces) + "</div>\n"
        + _BROKEN_COMPONENTS
        + '<div class="x-kw">' + " · ".join(
            f'<a href="{tag_path(art.lang, tag)}">{t(tag)}</a>' for tag in art.tags) + "</div>\n"
        + _boilerplate(art)
        + "</div>" + _most_read(site, art.lang, before=art) + "</div>\n"
        + _footer(art.lang)
    )
    return _document(art.lang, head, body, body_class="x-page")


def print_page(site: DemoSite, art: Article, base: str) -> str:
    """Printer-friendly copy: same article, canonical to the article URL, no furniture."""
    head = (f'<head>\n<meta charset="utf-8">\n<title>{t(art.title)} | {t(C.SITE_NAME[art.lang])}'
            f'</title>\n<link rel="canonical" href="{at(base + art.path)}">\n'
            '<meta name="robots" content="noindex, follow">\n'
            '<link rel="stylesheet" href="/static/css/print.css">\n</head>\n')
    body = (
        f'<div class="print-logo"><img src="/static/img/logo-{art.lang}.png" '
        f'alt="{at(C.SITE_NAME[art.lang])}"></div>\n'
        f'<article class="article-print">\n<div class="article-category">{t(art.section_label)}</div>\n'
        f'<h1 class="article-title">{t(art.title)}</h1>\n'
        f'<p class="article-dek">{t(art.dek)}</p>\n'
        + _figure(art.lead, lead=True)
        + '<div class="article-meta">\n' + _byline(art) + _dates(art) + "</div>\n"
        + '<div class="article-body">\n' + _body_html(site, art, furniture=False) + "</div>\n"
        + _tags(art) + "</article>\n"
        + f'<p class="print-url">{t(base + art.path)}</p>\n'
        + '<script>window.print();</script>\n'
    )
    return _document(art.lang, head, body, body_class="page-print")


# -- listings and other pages -----------------------------------------------------------

def listing_page(site: DemoSite, lang: str, section: str, page: int, base: str) -> str | None:
    """Section page `page` (1-based), or None past the last page."""
    ui, lp = C.UI[lang], C.LANG_PATH[lang]
    arts = site.articles(lang, section)
    pages = max(1, -(-len(arts) // PER_PAGE))
    if page < 1 or page > pages:
        return None
    label = C.SECTION_LABELS[lang][section]
    start = f"/{lp}/{section}/"
    links = []
    extra = _feed_link(lang, section, base)
    canonical = start if page == 1 else f"{start}?page={page}"
    extra += f'<link rel="canonical" href="{at(base + canonical)}">\n'
    if page > 1:
        prev = start if page == 2 else f"{start}?page={page - 1}"
        links.append(f'<a rel="prev" class="page-prev" href="{prev}">{t(ui["prev"])}</a>')
        extra += f'<link rel="prev" href="{at(base + prev)}">\n'
    links.append(f'<span class="page-count">{t(ui["page"])} {page} {t(ui["of"])} {pages}</span>')
    if page < pages:
        links.append(f'<a rel="next" class="page-next" href="{start}?page={page + 1}">'
                     f'{t(ui["next"])}</a>')
        extra += f'<link rel="next" href="{at(base + start)}?page={page + 1}">\n'
    teasers = "".join(_teaser(a) for a in arts[(page - 1) * PER_PAGE: page * PER_PAGE])
    if site.scripted and lang == "en" and section == scripted.SECTION and page == 1:
        teasers = scripted.teaser() + teasers   # the JavaScript-only article (scripted.py)
    head = _head(lang, f"{label} | {C.SITE_NAME[lang]}", extra=extra)
    dead = page == 1 and start == NOT_FOUND_FROM
    body = (
        _header(site, lang, current=section)
        + '<main id="content" class="container section-page">\n<div class="row">\n'
        + '<div class="col-main">\n'
        + f'<h1 class="section-title">{t(label)}</h1>\n'
        + f'<a class="section-feed" href="{start}rss.xml">{t(ui["feed"])}</a>\n'
        + f'<div class="teaser-list">\n{teasers}</div>\n'
        + f'<nav class="pagination">{" ".join(links)}</nav>\n</div>\n'
        + _most_read(site, lang, dead_link=dead) + "</div>\n</main>\n"
        + _footer(lang)
    )
    return _document(lang, head, body, body_class="page-section")


def home_page(site: DemoSite, lang: str, base: str) -> str:
    """Edition front page: a few teasers per section, plus the crawl traps of the edition."""
    ui, lp = C.UI[lang], C.LANG_PATH[lang]
    blocks = []
    for s in C.SECTIONS:
        label = C.SECTION_LABELS[lang][s]
        teasers = "".join(_teaser(a) for a in site.articles(lang, s)[:2])
        blocks.append(f'<section class="home-section"><h2><a href="/{lp}/{s}/">{t(label)}</a></h2>'
                      f"\n{teasers}</section>\n")
    picks = ""
    extra_links = ""
    if lang == "en":
        tracked = site.article(site.tracking_key)
        moved = site.article(site.redirect_key)
        picks = (f'<section class="editors-pick"><h2>{t(ui["editors_pick"])}</h2>\n'
                 + _teaser(tracked, href=tracked.path + TRACKING_QUERY) + "</section>\n"
                 + f'<section class="from-archive"><h2>{t(ui["from_archive"])}</h2>'
                 + f'<p><a href="{moved.old_path}">{t(moved.title)}</a></p></section>\n')
        extra_links = f'<li><a href="{DISALLOWED_PATH}">Archive (staff)</a></li>'
    site_ld = json.dumps({"@context": "https://schema.org", "@type": "WebSite",
                          "name": C.SITE_NAME[lang], "url": f"{base}/{lp}/"}, ensure_ascii=False)
    head = _head(lang, f"{C.SITE_NAME[lang]} | {ui['tagline']}",
                 extra=(f'<link rel="canonical" href="{base}/{lp}/">\n'
                        f'<script type="application/ld+json">{site_ld}</script>\n'
                        + "".join(_feed_link(lang, s, base) for s in C.SECTIONS)))
    body = (_header(site, lang) + '<main id="content" class="container home">\n'
            + picks + "".join(blocks) + "</main>\n" + _footer(lang, extra_links=extra_links))
    return _document(lang, head, body, body_class="page-home")


def root_page(base: str) -> str:
    head = ('<head>\n<meta charset="utf-8">\n<title>Al-Fassel | الفاصل</title>\n'
            f'<link rel="alternate" hreflang="en" href="{base}/en_GB/">\n'
            f'<link rel="alternate" hreflang="ar" href="{base}/ar/">\n</head>\n')
    body = ('<main class="edition-picker"><h1>Al-Fassel | الفاصل</h1><ul>'
            '<li><a href="/en_GB/" hreflang="en">English</a></li>'
            '<li><a href="/ar/" hreflang="ar" lang="ar">العربية</a></li></ul></main>\n')
    return _document("en", head, body, body_class="page-root")


def tag_page(site: DemoSite, lang: str, tag: str, base: str) -> str:
    arts = [a for a in site.articles(lang) if tag in a.tags]
    ui = C.UI[lang]
    head = _head(lang, f"{ui['tagged']} {tag} | {C.SITE_NAME[lang]}")
    body = (_header(site, lang) + '<main id="content" class="container tag-page">\n'
            + f'<h1 class="tag-title">{t(ui["tagged"])}: {t(tag)}</h1>\n'
            + '<div class="teaser-list">\n' + "".join(_teaser(a) for a in arts) + "</div>\n"
            + "</main>\n" + _footer(lang))
    return _document(lang, head, body, body_class="page-tag")


STATIC_TEXT = {
    "en": {"about": ("About us", "Al-Fassel is a fictional regional news site used to test "
                                 "the newsarchive crawler."),
           "contact": ("Contact", "Write to the newsroom at newsroom@example.org."),
           "privacy": ("Privacy policy", "This site stores no personal data.")},
    "ar": {"about": ("من نحن", "الفاصل موقع إخباري إقليمي متخيل لاختبار أداة الأرشفة."),
           "contact": ("اتصل بنا", "راسلوا غرفة الأخبار على newsroom@example.org."),
           "privacy": ("سياسة الخصوصية", "لا يحتفظ هذا الموقع بأي بيانات شخصية.")},
}


def static_page(site: DemoSite, lang: str, name: str) -> str:
    title, text = STATIC_TEXT[lang][name]
    head = _head(lang, f"{title} | {C.SITE_NAME[lang]}")
    body = (_header(site, lang) + f'<main id="content" class="container page-static"><h1>{t(title)}'
            f"</h1><p>{t(text)}</p></main>\n" + _footer(lang))
    return _document(lang, head, body, body_class="page-static")


def private_page(site: DemoSite) -> str:
    head = _head("en", "Staff archive | Al-Fassel",
                 extra='<meta name="robots" content="noindex, nofollow">\n')
    body = (_header(site, "en") + '<main id="content" class="container"><h1>Staff archive</h1>'
            "<p>Internal page. Crawlers that honour robots.txt never fetch it.</p></main>\n"
            + _footer("en"))
    return _document("en", head, body, body_class="page-private")


def not_found_page(site: DemoSite, lang: str) -> str:
    ui = C.UI[lang]
    head = _head(lang, f"{ui['not_found']} | {C.SITE_NAME[lang]}",
                 extra='<meta name="robots" content="noindex">\n')
    body = (_header(site, lang) + '<main id="content" class="container error-page">'
            f'<h1>{t(ui["not_found"])}</h1><p>{t(ui["not_found_text"])}</p>'
            f'<p><a href="/{C.LANG_PATH[lang]}/">{t(ui["home"])}</a></p></main>\n' + _footer(lang))
    return _document(lang, head, body, body_class="page-404")


def error_page(status: int, reason: str) -> str:
    return (f"<!DOCTYPE html>\n<html><head><title>{status} {t(reason)}</title></head>"
            f"<body><h1>{status} {t(reason)}</h1><p>The server is temporarily unable to "
            "handle the request.</p></body></html>\n")


# -- feeds, sitemaps, robots ------------------------------------------------------------

def _x(text: str) -> str:
    return html.escape(text, quote=True)


def rss_feed(site: DemoSite, lang: str, section: str, base: str) -> str:
    """RSS 2.0 feed of a section; odd-numbered articles' links carry tracking parameters."""
    lp = C.LANG_PATH[lang]
    label = C.SECTION_LABELS[lang][section]
    arts = site.articles(lang, section)[:20]
    items = []
    for a in arts:
        link = base + a.path + ("?utm_source=rss&utm_medium=feed" if a.number % 2 else "")
        creator = (", " if lang == "en" else "، ").join(a.authors)
        items.append(
            "<item>\n"
            f"<title>{_x(a.title)}</title>\n<link>{_x(link)}</link>\n"
            f'<guid isPermaLink="false">alfassel-{a.number}</guid>\n'
            f"<pubDate>{http_date(a.published)}</pubDate>\n"
            f"<description>{_x(a.dek)}</description>\n"
            + (f"<dc:creator>{_x(creator)}</dc:creator>\n" if creator else "")
            + f"<category>{_x(label)}</category>\n"
            f'<media:content url="{_x(base + a.lead.path)}" medium="image" type="image/png"/>\n'
            "</item>\n")
    newest = http_date(max((a.last_modified for a in arts), default=site.articles()[0].published))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">\n'
        "<channel>\n"
        f"<title>{_x(C.SITE_NAME[lang])} - {_x(label)}</title>\n"
        f"<link>{base}/{lp}/{section}/</link>\n"
        f"<description>{_x(C.UI[lang]['tagline'])}</description>\n"
        f"<language>{'en-gb' if lang == 'en' else 'ar'}</language>\n"
        f'<atom:link href="{base}/{lp}/{section}/rss.xml" rel="self" type="application/rss+xml"/>\n'
        f"<lastBuildDate>{newest}</lastBuildDate>\n"
        + "".join(items) + "</channel>\n</rss>\n"
    )


def sitemap_index(site: DemoSite, base: str) -> str:
    newest = max(a.last_modified for a in site.articles()).isoformat()
    entries = "".join(f"<sitemap><loc>{base}/{name}</loc><lastmod>{newest}</lastmod></sitemap>\n"
                      for name in ("sitemap-articles.xml", "sitemap-news.xml"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n")


def sitemap_articles(site: DemoSite, base: str) -> str:
    entries = "".join(f"<url><loc>{_x(base + a.path)}</loc>"
                      f"<lastmod>{a.last_modified.isoformat()}</lastmod></url>\n"
                      for a in site.articles())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n")


def sitemap_news(site: DemoSite, base: str) -> str:
    """Google News sitemap of the most recent articles."""
    entries = []
    for a in site.articles()[:NEWS_SITEMAP_SIZE]:
        entries.append(
            f"<url><loc>{_x(base + a.path)}</loc>\n<news:news>\n"
            f"<news:publication><news:name>{_x(C.SITE_NAME[a.lang])}</news:name>"
            f"<news:language>{a.lang}</news:language></news:publication>\n"
            f"<news:publication_date>{a.published.isoformat()}</news:publication_date>\n"
            f"<news:title>{_x(a.title)}</news:title>\n</news:news>\n</url>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
            + "".join(entries) + "</urlset>\n")


def robots_txt(base: str) -> str:
    return ("User-agent: *\n"
            "Disallow: /en_GB/private/\n"
            "Disallow: /ar/private/\n"
            "\n"
            f"Sitemap: {base}/sitemap.xml\n")
