"""Titles and sections on sites the extractor has never seen: site and section names glued to
the headline with any separator and in any script, the visible headline against logo/section
headings, and the section read from breadcrumbs and kickers when there is no metadata.

Every page here is a small page of our own making; each failure class has several markups and
at least English, Arabic and one more script.
"""
from __future__ import annotations

import lxml.html
import pytest

from crawler.extract.metadata import Metadata, read_metadata

URL = "https://news.example.com/world/2026/08/07/story"


def meta(html: str, url: str = URL) -> Metadata:
    return read_metadata(lxml.html.fromstring(html), url)


def page(head: str, body: str = "<p>Text of the story.</p>", lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


# ---------------------------------------------------------------- site and section glued to titles

@pytest.mark.parametrize("head, expected", [
    # "Headline_Channel_Site": the underscore separator of Chinese portals
    ('<title>加沙停火谈判在开罗恢复_国际新闻_新华网</title><meta property="og:site_name" content="新华网">',
     "加沙停火谈判在开罗恢复"),
    ('<meta property="og:title" content="东京股市大幅上涨_财经频道_人民网">'
     '<meta name="application-name" content="人民网">', "东京股市大幅上涨"),
    # a multi-word section between headline and site, named by the page's own metadata
    ('<title>Ceasefire talks resume in Cairo - Middle East - Example Times</title>'
     '<meta property="og:site_name" content="Example Times">'
     '<meta property="article:section" content="Middle East">', "Ceasefire talks resume in Cairo"),
    ('<title>استئناف محادثات وقف إطلاق النار في القاهرة | الشرق الأوسط | الموقع</title>'
     '<meta property="og:site_name" content="الموقع">'
     '<meta property="article:section" content="الشرق الأوسط">', "استئناف محادثات وقف إطلاق النار في القاهرة"),
    # section named in JSON-LD only, section first: "Section | Headline"
    ('<title>Wirtschaft | Die Inflation sinkt im Juli deutlich</title><script type="application/ld+json">'
     '{"@type": "NewsArticle", "articleSection": "Wirtschaft"}</script>', "Die Inflation sinkt im Juli deutlich"),
    # site first with a colon, in three scripts
    ('<title>Example Times: Ceasefire talks resume in Cairo</title>'
     '<meta property="og:site_name" content="Example Times">', "Ceasefire talks resume in Cairo"),
    ('<title>الموقع: استئناف محادثات وقف إطلاق النار</title><meta property="og:site_name" content="الموقع">',
     "استئناف محادثات وقف إطلاق النار"),
    ('<title>Новости дня : Переговоры о перемирии возобновились</title>'
     '<meta property="og:site_name" content="Новости дня">', "Переговоры о перемирии возобновились"),
    # site last after a spaced colon (French typography) and a double colon
    ('<title>Les négociations reprennent au Caire : Le Quotidien</title>'
     '<meta property="og:site_name" content="Le Quotidien">', "Les négociations reprennent au Caire"),
    ('<title>Ceasefire talks resume :: Example Times</title>'
     '<meta property="og:site_name" content="Example Times">',
     "Ceasefire talks resume"),
    # both ends: site before, section after
    ('<title>Example Times » Ceasefire talks resume in Cairo · World</title>'
     '<meta property="og:site_name" content="Example Times"><meta property="article:section" content="World">',
     "Ceasefire talks resume in Cairo"),
    ('<title>الموقع｜عنوان الخبر الطويل هنا｜أمن</title><meta property="og:site_name" content="الموقع">'
     '<meta property="article:section" content="أمن">', "عنوان الخبر الطويل هنا"),
])
def test_site_and_section_names_are_cut_from_the_title(head: str, expected: str) -> None:
    assert meta(page(head)).title == expected


# Guards for the separators added above (colon, underscore, fullwidth colon): a headline's own
# punctuation must survive them.
@pytest.mark.parametrize("head, expected", [
    # a colon that belongs to the headline stays, whatever follows the site name
    ('<title>Gaza: Ceasefire | Example Times</title><meta property="og:site_name" content="Example Times">',
     "Gaza: Ceasefire"),
    ('<title>Waffenruhe: Gespräche in Kairo | Beispiel-Zeitung</title>'
     '<meta property="og:site_name" content="Beispiel-Zeitung">', "Waffenruhe: Gespräche in Kairo"),
    ('<title>غزة: هدنة｜الموقع</title><meta property="og:site_name" content="الموقع">', "غزة: هدنة"),
    ('<title>加沙：停火谈判恢复｜新华网</title><meta property="og:site_name" content="新华网">', "加沙：停火谈判恢复"),
    # an underscore inside a Latin word is not a separator
    ('<title>Python_tips for reporters | Data Desk</title><meta property="og:site_name" content="Data Desk">',
     "Python_tips for reporters"),
    # a short Chinese headline before an underscore is not cut as if it were a section
    ('<title>新竹尖石_美樹營地賞楓 @ 小明的部落格</title><meta property="og:site_name" content="小明的部落格">',
     "新竹尖石_美樹營地賞楓"),
])
def test_headline_punctuation_is_kept(head: str, expected: str) -> None:
    assert meta(page(head), "https://blog.example.org/post/1").title == expected


@pytest.mark.parametrize("head, body, expected", [
    # the site name is unknown to the metadata, but <title> shows the headline without the label
    ('<title>Ceasefire talks resume in Cairo</title>'
     '<meta property="og:title" content="Ceasefire talks resume in Cairo | Evening Courier">', "",
     "Ceasefire talks resume in Cairo"),
    # og:title carries the label, JSON-LD headline and the h1 show the headline alone
    ('<meta property="og:title" content="استئناف المحادثات في القاهرة - صحيفة المساء">'
     '<script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "استئناف المحادثات في القاهرة"}</script>', "<h1>استئناف المحادثات في القاهرة</h1>",
     "استئناف المحادثات في القاهرة"),
    ('<meta property="og:title" content="Gespräche in Kairo wieder aufgenommen – Abendblatt Online">',
     "<article><h1>Gespräche in Kairo wieder aufgenommen</h1></article>", "Gespräche in Kairo wieder aufgenommen"),
    ('<meta property="og:title" content="カイロで停戦協議再開：毎朝ウェブ">',
     "<h1>カイロで停戦協議再開</h1>", "カイロで停戦協議再開"),
])
def test_label_known_from_another_title_source_is_cut(head: str, body: str, expected: str) -> None:
    assert meta(page(head, body + "<p>Text.</p>"), "https://planet.example.net/a/1").title == expected


@pytest.mark.parametrize("head, body, expected", [
    # a site name before the headline, glued with a dash, where the h1 prints the headline alone
    ('<meta property="og:title" content="Evening Courier – Ceasefire talks resume in Cairo">',
     "<article><h1>Ceasefire talks resume in Cairo</h1></article>", "Ceasefire talks resume in Cairo"),
    ('<title>صحيفة المساء - استئناف المحادثات في القاهرة</title>'
     '<meta property="og:title" content="صحيفة المساء - استئناف المحادثات في القاهرة">',
     "<h1>استئناف المحادثات في القاهرة</h1>", "استئناف المحادثات في القاهرة"),
    ('<meta property="og:title" content="Вечерние вести — Переговоры в Каире возобновились">'
     '<script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "Переговоры в Каире возобновились"}</script>', "",
     "Переговоры в Каире возобновились"),
])
def test_leading_label_before_a_dash_is_cut_when_the_page_prints_the_rest(
        head: str, body: str, expected: str) -> None:
    """The rest is what another title source of the page says, so the part before the dash is
    a label, not the headline's kicker."""
    assert meta(page(head, body + "<p>Text.</p>"), "https://planet.example.net/a/1").title == expected


@pytest.mark.parametrize("og, h1", [
    ("Ukraine-Krieg – Selenskyj fordert mehr Flugabwehr", "Selenskyj fordert mehr Flugabwehr von der Nato"),
    ("Exclusive — Talks resume in Cairo after a week", "Talks resume in Cairo after a week of strikes"),
    ("غزة - استئناف المحادثات في القاهرة", "استئناف المحادثات في القاهرة بعد أسبوع"),
])
def test_leading_part_before_a_dash_stays_when_the_page_does_not_print_the_rest(og: str, h1: str) -> None:
    """The h1 says more than the rest: nothing confirms that the part before the dash is a
    label, so the title stays whole."""
    title = meta(page(f'<meta property="og:title" content="{og}">', f"<h1>{h1}</h1><p>Text.</p>"),
                 "https://planet.example.net/a/1").title
    assert title == og


@pytest.mark.parametrize("body, expected", [
    # no metadata at all: the logo h1, a section h1 named in the menu, then the article's h1
    ('<header><h1 class="logo"><a href="/">The Daily Planet</a></h1><nav><a href="/world">World</a>'
     '<a href="/sport">Sport</a></nav></header><h1>World</h1><article><h1>Ceasefire talks resume</h1>'
     '<p>Text.</p></article>', "Ceasefire talks resume"),
    ('<div class="top"><h1><a href="https://planet.example.net/">صحيفة المساء</a></h1></div>'
     '<ul class="menu"><li><a href="/ar/security">أمن</a></li></ul><h1>أمن</h1>'
     '<main><h1>استئناف المحادثات في القاهرة</h1><p>نص.</p></main>', "استئناف المحادثات في القاهرة"),
    ('<nav><a href="/politik">Politik</a><a href="/kultur">Kultur</a></nav><h1>Politik</h1>'
     '<div class="story"><h1>Gespräche in Kairo wieder aufgenommen</h1><p>Text.</p></div>',
     "Gespräche in Kairo wieder aufgenommen"),
    # the article's own header may link its headline: that is no menu
    ('<header><nav><a href="/welt">Welt</a></nav></header><h1>Welt</h1><article><header>'
     '<h1><a href="/welt/2026/gespraeche">Gespräche in Kairo wieder aufgenommen</a></h1></header></article>',
     "Gespräche in Kairo wieder aufgenommen"),
])
def test_visible_headline_is_not_a_logo_or_section_heading(body: str, expected: str) -> None:
    html = f"<html><head></head><body>{body}</body></html>"
    assert meta(html, "https://planet.example.net/a/1").title == expected


# ---------------------------------------------------------------- sections

@pytest.mark.parametrize("html, expected", [
    # breadcrumb <nav> with an ordered list; "Home" and the article's own title are not the section
    ('<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
     '<li aria-current="page">Ceasefire talks resume</li></ol></nav><h1>Ceasefire talks resume</h1>', "World"),
    ('<ol class="Breadcrumbs"><li><a href="/">الرئيسية</a></li><li><a href="/ar/security">أمن</a></li>'
     '<li>استئناف المحادثات في القاهرة</li></ol><h1>استئناف المحادثات في القاهرة</h1>', "أمن"),
    # microdata BreadcrumbList whose first item is the site name
    ('<ul itemscope itemtype="https://schema.org/BreadcrumbList">'
     '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
     '<a itemprop="item" href="/"><span itemprop="name">Example Times</span></a></li>'
     '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
     '<a itemprop="item" href="/wirtschaft"><span itemprop="name">Wirtschaft</span></a></li>'
     '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
     '<span itemprop="name">Die Inflation sinkt im Juli deutlich</span></li></ul>'
     '<h1>Die Inflation sinkt im Juli deutlich</h1>', "Wirtschaft"),
    # a breadcrumb of bare links
    ('<div class="breadcrumb"><a href="/">Startseite</a> › <a href="/politik">Politik</a></div>'
     '<h1>Gespräche in Kairo wieder aufgenommen</h1>', "Politik"),
])
def test_section_from_visible_breadcrumb(html: str, expected: str) -> None:
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, html)).section == expected


@pytest.mark.parametrize("ld, expected", [
    ('{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": ['
     '{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://news.example.com/"},'
     '{"@type": "ListItem", "position": 2, "name": "Security", "item": "https://news.example.com/security"},'
     '{"@type": "ListItem", "position": 3, "name": "Ceasefire talks resume", "item": "' + URL + '"}]}',
     "Security"),
    # unordered positions, names inside "item", the site name first
    ('[{"@type": "NewsArticle", "headline": "استئناف المحادثات"}, {"@type": "BreadcrumbList", "itemListElement": ['
     '{"@type": "ListItem", "position": 2,'
     ' "item": {"@id": "https://news.example.com/ar/security", "name": "أمن"}},'
     '{"@type": "ListItem", "position": 1,'
     ' "item": {"@id": "https://news.example.com/", "name": "Example Times"}}]}]',
     "أمن"),
    ('{"@type": "BreadcrumbList", "itemListElement": ['
     '{"@type": "ListItem", "position": 1, "name": "首页", "item": "https://news.example.com/"},'
     '{"@type": "ListItem", "position": 2, "name": "国际", "item": "https://news.example.com/world/"}]}', "国际"),
    # a home entry without a URL is known by its word: no section here
    ('{"@type": "BreadcrumbList", "itemListElement": ['
     '{"@type": "ListItem", "position": 2, "name": "Переговоры возобновились", "item": "' + URL + '"},'
     '{"@type": "ListItem", "position": 1, "name": "Главная"}]}', None),
])
def test_section_from_jsonld_breadcrumb(ld: str, expected: str | None) -> None:
    head = (f'<script type="application/ld+json">{ld}</script>'
            '<meta property="og:site_name" content="Example Times"><title>Ceasefire talks resume</title>')
    assert meta(page(head, "<h1>Ceasefire talks resume</h1><p>Text.</p>")).section == expected


@pytest.mark.parametrize("body, expected", [
    # a kicker link above the headline pointing at a section of the article's own path
    ('<article><a href="/world/">World</a><h1>Ceasefire talks resume</h1><p>Text.</p></article>', "World"),
    ('<article><div class="eyebrow"><a href="/ar/security/">أمن</a></div><h1>استئناف المحادثات</h1></article>',
     "أمن"),
    ('<header><a class="logo" href="/">Example Times</a></header><article><p><a href="/world">Мир</a></p>'
     '<h1>Переговоры о перемирии возобновились</h1><p>Текст.</p></article>', "Мир"),
])
def test_section_from_kicker_link_when_jsonld_has_no_section(body: str, expected: str) -> None:
    # JSON-LD describes the article but names no section: the page's kicker still does
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x"}</script>'
            '<meta property="og:site_name" content="Example Times">')
    assert meta(page(head, body)).section == expected


@pytest.mark.parametrize("body", [
    '<nav class="breadcrumb"><a href="/">Home</a> › <span>Ceasefire talks resume</span></nav>'
    '<h1>Ceasefire talks resume</h1>',
    '<ol class="breadcrumbs"><li><a href="/">Example Times</a></li><li>استئناف المحادثات</li></ol>'
    '<h1>استئناف المحادثات</h1>',
    '<div class="kicker"><a href="/">Example Times</a></div><h1>Переговоры возобновились</h1>',
])
def test_no_section_from_home_site_name_or_the_title(body: str) -> None:
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body)).section is None


@pytest.mark.parametrize("head, expected", [
    # "标题-频道-网站": hyphens glued between CJK characters, site named by og:site_name
    ('<title>九年来首次战胜对手-体育新闻-新浪新闻中心</title><meta property="og:site_name" content="新浪新闻中心">',
     "九年来首次战胜对手"),
    ('<title>東京株式市場が大幅反発-経済-毎朝新聞</title><meta property="og:site_name" content="毎朝新聞">',
     "東京株式市場が大幅反発"),
    # a hyphen inside a word of a script that spaces its words is not a separator
    ('<title>Berlin-Marathon: Rekord-Lauf | Beispiel-Zeitung</title>'
     '<meta property="og:site_name" content="Beispiel-Zeitung">', "Berlin-Marathon: Rekord-Lauf"),
    ('<title>الحوار العربي-الأوروبي يستأنف | الموقع</title><meta property="og:site_name" content="الموقع">',
     "الحوار العربي-الأوروبي يستأنف"),
])
def test_glued_hyphen_separates_cjk_titles_only(head: str, expected: str) -> None:
    assert meta(page(head)).title == expected


@pytest.mark.parametrize("ld, expected", [
    # the short name a site uses in its titles is the JSON-LD alternateName of the site or publisher
    ('{"@graph": [{"@type": "WebSite", "name": "晚间信使报", "alternateName": "Evening Courier"},'
     '{"@type": "NewsArticle"}]}', "Ceasefire talks resume in Cairo"),
    ('{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "صحيفة المساء اليومية",'
     ' "alternateName": "Evening Courier"}}', "Ceasefire talks resume in Cairo"),
])
def test_site_name_from_jsonld_alternate_name(ld: str, expected: str) -> None:
    head = (f'<script type="application/ld+json">{ld}</script>'
            '<title>Ceasefire talks resume in Cairo | Evening Courier</title>')
    assert meta(page(head), "https://planet.example.net/a/1").title == expected


@pytest.mark.parametrize("headline, expected", [
    # JSON-LD written by an HTML-escaping template: the headline is read as published
    ("Aurora&#8217;s crime rate &amp; Colorado&#8217;s cities", "Aurora’s crime rate & Colorado’s cities"),
    ("Schubert: &quot;Nicht mehr viel zu verlieren&quot;", 'Schubert: "Nicht mehr viel zu verlieren"'),
    ("&#171;استئناف المحادثات&#187; في القاهرة", "«استئناف المحادثات» في القاهرة"),
])
def test_jsonld_headline_character_references_are_resolved(headline: str, expected: str) -> None:
    head = f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{headline}"}}</script>'
    assert meta(page(head)).title == expected


@pytest.mark.parametrize("og, h1", [
    ("Who is the new coach and how many titles has…", "Who is the new coach and how many titles has he won?"),
    ("مباحثات وقف إطلاق النار تستأنف في القاهرة وسط...",
     "مباحثات وقف إطلاق النار تستأنف في القاهرة وسط ضغوط دولية"),
    ("Переговоры о перемирии возобновились в Каире…", "Переговоры о перемирии возобновились в Каире после паузы"),
])
def test_title_cut_short_with_ellipsis_is_completed_from_the_headline(og: str, h1: str) -> None:
    html = page(f'<meta property="og:title" content="{og}">', f"<article><h1>{h1}</h1><p>Text.</p></article>")
    assert meta(html).title == h1


@pytest.mark.parametrize("body", [
    # links above the headline to the article itself (comments, share, skip link) are not
    # kickers, though the article's path "lies in" its own path
    '<article><span><a href="' + URL + '/#comments">0 comments</a></span>'
    '<h1>Ceasefire talks resume</h1></article>',
    '<article><div class="share"><a href="' + URL + '/">شارك</a></div><h1>استئناف المحادثات</h1></article>',
    '<article><div><a href="#content">Zum Inhalt springen</a></div><h1>Gespräche in Kairo</h1></article>',
])
def test_no_section_from_links_to_the_article_itself(body: str) -> None:
    assert meta(page("", body), URL + "/").section is None


@pytest.mark.parametrize("section, expected", [
    ("Europa&#x20;News", "Europa News"),
    ("&#1571;&#1605;&#1606;", "أمن"),
    ("Wirtschaft &amp; Finanzen", "Wirtschaft & Finanzen"),
])
def test_jsonld_section_character_references_are_resolved(section: str, expected: str) -> None:
    head = f'<script type="application/ld+json">{{"@type": "NewsArticle", "articleSection": "{section}"}}</script>'
    assert meta(page(head, "<h1>Headline of the story</h1>")).section == expected


@pytest.mark.parametrize("title, url, expected", [
    # a three-letter brand from the host name, with a word or script glued to it
    ("Ceasefire talks resume in Cairo - ABC News", "https://www.abc.example/news/1",
     "Ceasefire talks resume in Cairo"),
    ("استئناف المحادثات في القاهرة - BBC عربي", "https://www.bbc.example/arabic/1",
     "استئناف المحادثات في القاهرة"),
    ("Taipei election results announced - udn城市", "https://city.udn.example/1",
     "Taipei election results announced"),
    # ... but not a long word that merely starts with the same letters
    ("Talks resume - Abcarian Brothers Construction", "https://www.abc.example/news/1",
     "Talks resume - Abcarian Brothers Construction"),
])
def test_short_brand_from_host_name_is_cut(title: str, url: str, expected: str) -> None:
    assert meta(page(f"<title>{title}</title>"), url).title == expected


@pytest.mark.parametrize("og, site", [
    ("TV shows that rose to the challenges of 2020 | COMMENTARY", "Example Sun"),
    ("عن الحرب والسلام | رأي", "الموقع"),
    ("Krieg und Frieden | KOMMENTAR", "Beispiel-Zeitung"),
])
def test_title_printed_whole_as_the_headline_is_not_cut(og: str, site: str) -> None:
    html = page(f'<meta property="og:title" content="{og}"><title>{og} - {site}</title>'
                f'<meta property="og:site_name" content="{site}">', f"<h1>{og}</h1><p>Text.</p>")
    assert meta(html).title == og


@pytest.mark.parametrize("site, kicker", [
    # a section named by one word of the site's name is still a section
    ("Sport Express", "Sport"),
    ("Спорт-Экспресс", "Спорт"),
    ("الرياضة اليوم", "الرياضة"),
])
def test_section_named_like_a_word_of_the_site_name(site: str, kicker: str) -> None:
    html = page(f'<meta property="og:site_name" content="{site}">',
                f'<article><div class="kicker"><a href="/x/">{kicker}</a></div>'
                '<h1>Ceasefire talks resume</h1></article>')
    assert meta(html).section == kicker


@pytest.mark.parametrize("title, section, expected", [
    ("Ceasefire talks resume in Cairo - Middle East - Example Times", "Middle East",
     "Ceasefire talks resume in Cairo"),
    ("استئناف المحادثات في القاهرة | الشرق الأوسط | Example Times", "الشرق الأوسط",
     "استئناف المحادثات في القاهرة"),
    ("Gespräche in Kairo | Naher Osten | Example Times", "Naher Osten", "Gespräche in Kairo"),
])
def test_section_from_jsonld_breadcrumb_is_cut_from_the_title(title: str, section: str, expected: str) -> None:
    ld = ('{"@type": "BreadcrumbList", "itemListElement": ['
          '{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://news.example.com/"},'
          f'{{"@type": "ListItem", "position": 2, "name": "{section}", "item": "https://news.example.com/me/"}},'
          f'{{"@type": "ListItem", "position": 3, "name": "{expected}", "item": "{URL}"}}]}}')
    head = (f'<script type="application/ld+json">{ld}</script><title>{title}</title>'
            '<meta property="og:site_name" content="Example Times">')
    assert meta(page(head)).title == expected


@pytest.mark.parametrize("title", [
    # a word that starts with a three-letter site name is no site name before a colon or in front
    "Fazit: Die Regierung hat in der Krise versagt",
    "Fazit | Die Regierung hat in der Krise versagt",
    "Die Regierung hat in der Krise versagt: Fazilität",
])
def test_three_letter_brand_prefix_only_in_a_title_tail(title: str) -> None:
    assert meta(page(f"<title>{title}</title>"), "https://www.faz.example/politik/1").title == title


# Guard: the three-letter brand rule is for titles only; bylines keep such names.
@pytest.mark.parametrize("name", ["Fazil Khan", "فاضل خان"])
def test_byline_name_starting_like_a_short_site_name_is_kept(name: str) -> None:
    ld = ('{"@type": "NewsArticle", "headline": "H1 headline here",'
          f' "author": {{"@type": "Person", "name": "{name}"}}}}')
    html = page(f'<script type="application/ld+json">{ld}</script>', "<h1>H1 headline here</h1><p>Text.</p>")
    assert meta(html, "https://www.faz.example/politik/1").authors == [name]


# ------------------------------------------------ labels of sites that never say their own name
# No og:site_name, no JSON-LD publisher, a host name unlike the label, no h1 that repeats the
# headline: only the shape of the title tells a glued label (short, after a separator) from
# the headline (long). Every headline-internal separator below must survive.
UNNAMED_URL = "https://cdn3.example-hosting.net/p/9f3a"


@pytest.mark.parametrize("head, expected", [
    ('<title>Council approves the new harbour plan after a long night | Evening Courier</title>',
     "Council approves the new harbour plan after a long night"),
    ('<meta property="og:title" content="Council approves the new harbour plan — The Valley Post">',
     "Council approves the new harbour plan"),
    ('<title>Evening Courier | Council approves the new harbour plan after a long night</title>',
     "Council approves the new harbour plan after a long night"),
    ('<title>مجلس المدينة يوافق على خطة الميناء الجديدة بعد جلسة طويلة - صحيفة المساء</title>',
     "مجلس المدينة يوافق على خطة الميناء الجديدة بعد جلسة طويلة"),
    ('<title>صحيفة المساء｜مجلس المدينة يوافق على خطة الميناء الجديدة</title>',
     "مجلس المدينة يوافق على خطة الميناء الجديدة"),
    ('<title>Городской совет одобрил новый план порта после долгого заседания :: Вечерний курьер</title>',
     "Городской совет одобрил новый план порта после долгого заседания"),
    ('<title>市议会通过新的港口计划，会议持续到深夜_要闻_晚报网</title>',
     "市议会通过新的港口计划，会议持续到深夜"),
    ('<title>Der Stadtrat billigt den neuen Hafenplan nach langer Sitzung _ Abendkurier</title>',
     "Der Stadtrat billigt den neuen Hafenplan nach langer Sitzung"),
])
def test_a_short_label_is_cut_by_shape_when_the_site_is_unnamed(head: str, expected: str) -> None:
    assert meta(page(head), UNNAMED_URL).title == expected


@pytest.mark.parametrize("title", [
    # the part after the dash is a clause of the headline (lower case), not a name
    "Your old banknotes could be worth thousands - here's how to check",
    # a number after a separator belongs to the headline
    "Minecraft 1.8 - 2014",
    # the two halves are alike in length: no label to cut
    "Minecraft 1.8 - The Bountiful Update",
    # a kicker before a colon or dash is the headline's own
    "Gaza: Ceasefire talks resume in Cairo after a long night",
    "Exclusive — Council approves the new harbour plan after a long night",
    "غزة: استئناف محادثات وقف إطلاق النار في القاهرة",
    # a Chinese headline of two halves joined by an underscore keeps its first half
    "新竹尖石_美樹營地賞楓 (2)",
    "海外留学生看两会：出国前后关注点大不同",
])
def test_headline_halves_are_not_taken_for_labels(title: str) -> None:
    assert meta(page(f"<title>{title}</title>"), UNNAMED_URL).title == title


# ---------------------------------------------------------------- section labels that are furniture, and section pages

@pytest.mark.parametrize("body, expected", [
    # a kicker link to the site's section page, whose path the article's URL does not share
    ('<article><div class="css-1wr3"><a class="css-nuvm" href="/section/nyregion">New York</a></div>'
     '<h1>Ceasefire talks resume</h1><p>Text.</p></article>', "New York"),
    ('<article><p><a href="https://news.example.com/category/sport/tennis">Tennis</a></p>'
     '<h1>استئناف المحادثات</h1></article>', "Tennis"),
    ('<article><span><a href="/rubrik/politik">Политика</a></span><h1>Переговоры возобновились</h1></article>',
     "Политика"),
    # a category list: its first entry, not the entries run together
    ('<article><header><ul class="td-category"><li><a href="/category/justice">Justice</a></li>'
     '<li><a href="/category/news">News</a></li></ul><h1>Ceasefire talks resume</h1></header></article>',
     "Justice"),
])
def test_section_from_a_link_to_a_section_page(body: str, expected: str) -> None:
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body)).section == expected


@pytest.mark.parametrize("body", [
    # a share menu whose box is named "…-section"
    '<div class="util-bar-module-share"><div class="util-bar-flyout-section">Post to Facebook</div></div>'
    '<h1>Ceasefire talks resume</h1>',
    # an ad label
    '<div class="adHolder"><span class="mol-ads-label-container">Advertisement</span></div>'
    '<h1>استئناف المحادثات</h1>',
    # a screen-reader label and a label ending in a colon
    '<div class="c-entry-group-labels"><p class="sr-only">Filed under:</p></div><h1>Переговоры возобновились</h1>',
    '<div class="labels"><span class="label">Tags:</span></div><h1>Ceasefire talks resume</h1>',
    # a picture's credit box beside the headline, titled by a module named "...Section"
    '<div class="HeroSidebar_meta"><div class="HeroSidebarSection_title">Bild</div>'
    '<div class="HeroSidebarSectionCopyright_part">Archivbild: Siedler im Westjordanland</div></div>'
    '<h1>Ceasefire talks resume</h1>',
    '<div class="photo-credit"><span class="credit-label">صورة</span></div><h1>استئناف المحادثات</h1>',
    '<div class="caption"><span class="section-caption">Фото</span></div><h1>Переговоры возобновились</h1>',
])
def test_furniture_named_like_a_section_label_gives_no_section(body: str) -> None:
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body)).section is None


def test_breadcrumb_class_written_in_camel_case() -> None:
    body = ('<div class="clr breadCrumb"><a href="/">Home</a> › <a href="/markets">Markets</a></div>'
            '<h1>Ceasefire talks resume</h1>')
    assert meta(page('<meta property="og:site_name" content="Example Times">', body)).section == "Markets"


@pytest.mark.parametrize("body", [
    '<div class="breadcrumb"><a href="/nachrichten"><span class="homeIcon"><svg aria-label="Home Icon">'
    '<title>Home Icon</title><path d="M1 1"/></svg></span></a> &gt; <h1>Ceasefire talks resume</h1></div>',
    '<nav aria-label="breadcrumb"><ol><li><a href="/ar"><svg><title>أيقونة الرئيسية</title></svg></a></li>'
    '<li>استئناف المحادثات</li></ol></nav><h1>استئناف المحادثات</h1>',
    '<article><div class="kicker"><a href="/ru/x"><svg><title>Значок</title></svg></a></div>'
    '<h1>Переговоры возобновились</h1></article>',
])
def test_an_icons_svg_title_is_no_section(body: str) -> None:
    """An inline icon's <title> names the picture for screen readers; it is never printed."""
    assert meta(page('<meta property="og:site_name" content="Example Times">', body)).section is None


def test_a_section_link_beside_an_icon_keeps_its_printed_name() -> None:
    body = ('<article><div class="kicker"><a href="/world"><svg><title>Globe</title></svg> World</a></div>'
            '<h1>Ceasefire talks resume</h1></article>')
    assert meta(page('<meta property="og:site_name" content="Example Times">', body)).section == "World"


@pytest.mark.parametrize("head, h1, expected", [
    ("<title>Ceasefire talks resume in Cairo after a week : Evening Courier</title>"
     '<meta name="application-name" content="Ceasefire talks resume in Cairo after a week">',
     "Ceasefire talks resume in Cairo after a week", "Ceasefire talks resume in Cairo after a week"),
    ("<title>استئناف المحادثات في القاهرة بعد أسبوع : صحيفة المساء</title>"
     '<meta name="application-name" content="استئناف المحادثات في القاهرة بعد أسبوع">',
     "استئناف المحادثات في القاهرة بعد أسبوع", "استئناف المحادثات في القاهرة بعد أسبوع"),
    ('<meta property="og:title" content="Gespräche in Kairo nach einer Woche wieder aufgenommen : Abendblatt">'
     '<meta name="apple-mobile-web-app-title" content="Gespräche in Kairo nach einer Woche wieder aufgenommen">',
     "Gespräche in Kairo nach einer Woche wieder aufgenommen",
     "Gespräche in Kairo nach einer Woche wieder aufgenommen"),
    ("<title>Переговоры в Каире возобновились через неделю : Вечерние вести</title>"
     '<meta name="application-name" content="Переговоры в Каире возобновились через неделю">',
     "Переговоры в Каире возобновились через неделю", "Переговоры в Каире возобновились через неделю"),
])
def test_a_headline_in_a_site_name_field_is_not_the_site_name(head: str, h1: str, expected: str) -> None:
    """Some CMSs put the headline in `application-name` (the name of a pinned tab): taken for
    the site's name, it was cut off the title as a label and the title became the label."""
    assert meta(page(head, f"<h1>{h1}</h1><p>Text.</p>"), "https://planet.example.net/a/1").title == expected


@pytest.mark.parametrize("og, h1, expected", [
    ("Strava unveils its 'family' plan | Evening Courier", "Strava unveils its ‘family’ plan",
     "Strava unveils its 'family' plan"),
    ('Evening Courier — "Talks resume" in Cairo', "“Talks resume” in Cairo", '"Talks resume" in Cairo'),
    ('„Gespräche“ in Kairo – Abendblatt Online', '"Gespräche" in Kairo', "„Gespräche“ in Kairo"),
    ("«استئناف المحادثات» في القاهرة - صحيفة المساء", '"استئناف المحادثات" في القاهرة',
     "«استئناف المحادثات» في القاهرة"),
    ("«Переговоры» в Каире — Вечерние вести", "“Переговоры” в Каире", "«Переговоры» в Каире"),
])
def test_a_label_cut_keeps_the_title_sources_typography(og: str, h1: str, expected: str) -> None:
    """The headline read from og:title keeps og:title's quotes whether or not it carried a
    label: the h1 that confirms the cut differs only in typography."""
    title = meta(page(f'<meta property="og:title" content="{og.replace(chr(34), "&quot;")}">',
                      f"<h1>{h1}</h1><p>Text.</p>"), "https://planet.example.net/a/1").title
    assert title == expected


def test_a_cut_that_would_lose_a_closing_quote_takes_the_confirming_headline() -> None:
    og = "Binet met en garde sur la « gravité de la situation » _ Le Courrier"
    h1 = "Binet met en garde sur la « gravité de la situation »"
    assert meta(page(f'<meta property="og:title" content="{og}">', f"<h1>{h1}</h1><p>Texte.</p>"),
                "https://planet.example.net/a/1").title == h1


@pytest.mark.parametrize("site, headline", [
    ("Evening Courier", "Ceasefire talks resume in Cairo"),
    ("صحيفة المساء", "استئناف المحادثات في القاهرة"),
    ("Вечерние вести", "Переговоры в Каире возобновились"),
])
def test_a_site_name_printed_in_a_logo_h1_stays_the_site_name(site: str, headline: str) -> None:
    """A logo <h1> repeats the site's real name: that name still names the site."""
    head = f'<title>{site}: {headline}</title><meta property="og:site_name" content="{site}">'
    body = f'<h1 class="logo">{site}</h1><p>Text of the story, long enough to be read.</p>'
    assert meta(page(head, body), "https://planet.example.net/a/1").title == headline


@pytest.mark.parametrize("site, sep, headline", [
    ("The Valley Post", ": ", "Ceasefire talks resume in Cairo after a week"),
    ("صحيفة المساء", ": ", "استئناف المحادثات في القاهرة بعد أسبوع"),
    ("東海新聞", "：", "カイロで停戦協議が再開"),
    ("Вечерние вести", ": ", "Переговоры в Каире возобновились"),
])
@pytest.mark.parametrize("logo", [
    '<a href="/"><img src="/static/logo.svg" alt="{site}"></a>',
    '<a href="https://www.planet.example.net/" class="brand">{site}</a>',
    '<a href="/index.html" aria-label="{site}"><svg></svg></a>',
])
def test_a_site_name_only_its_logo_prints_is_cut_before_a_colon(site: str, sep: str, headline: str,
                                                                 logo: str) -> None:
    """No metadata names the site; its logo, a link to the home page, does. A leading part
    before a colon is cut only when it names the site (otherwise it is a kicker)."""
    head = f'<meta property="og:title" content="{site}{sep}{headline}">'
    body = logo.format(site=site) + f"<h1>{headline}</h1><p>Text of the story, long enough.</p>"
    assert meta(page(head, body), "https://planet.example.net/a/1").title == headline


@pytest.mark.parametrize("kicker, headline", [
    ("Gaza", "Ceasefire talks resume in Cairo after a week"),
    ("غزة", "استئناف المحادثات في القاهرة بعد أسبوع"),
])
def test_a_kicker_before_a_colon_stays_beside_a_logo(kicker: str, headline: str) -> None:
    head = f'<meta property="og:title" content="{kicker}: {headline}">'
    body = ('<a href="/"><img src="/static/logo.svg" alt="The Valley Post"></a>'
            f"<h1>{headline}</h1><p>Text of the story, long enough.</p>")
    assert meta(page(head, body), "https://planet.example.net/a/1").title == f"{kicker}: {headline}"


@pytest.mark.parametrize("headline, below, expected", [
    ("Ceasefire talks resume in Cairo",
     '<div class="meta"><a class="categoria_link" href="/category/world/">World</a> | May 3, 2024</div>', "World"),
    ("استئناف المحادثات في القاهرة",
     '<div class="top-news-info"><span class="rubric"><a href="/politics_tag12/">سياسة</a></span>'
     "<time>11:00</time></div>", "سياسة"),
    ("Переговоры в Каире возобновились",
     '<p class="article__meta"><a class="article-category" href="/mir">Мир</a>, 3 мая 2024</p>', "Мир"),
])
def test_a_section_link_printed_below_the_headline(headline: str, below: str, expected: str) -> None:
    """Many templates print the headline first and the section beside the date under it."""
    body = f"<article><header><h1>{headline}</h1>{below}</header><p>Text of the story.</p></article>"
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body), "https://planet.example.net/2024/05/03/story").section == expected


@pytest.mark.parametrize("category, lang", [("Politics", "en"), ("سياسة", "ar"), ("Politik", "de"),
                                            ("Политика", "ru")])
def test_a_wordpress_category_link_gives_the_section(category: str, lang: str) -> None:
    """WordPress prints a post's categories as <a rel="category tag">, wherever the theme
    puts them."""
    body = ("<article><h1>Ceasefire talks resume</h1><p>Text of the story.</p><footer>Filed under "
            f'<a href="/category/x/" rel="category tag">{category}</a>, '
            '<a href="/category/y/" rel="category tag">Middle East</a></footer></article>')
    assert meta(page("", body, lang), "https://planet.example.net/?p=123").section == category


@pytest.mark.parametrize("headline, below, expected", [
    ("Ceasefire talks resume in Cairo",
     '<div class="entry-meta">Posted on 03/05/2024 by <a href="/author/jane/">Jane Roe</a> in '
     '<a href="/category/world/">World</a></div>', "World"),
    ("استئناف المحادثات في القاهرة",
     '<p>نشر في 3 مايو 2024 في <a href="/category/politics">سياسة</a></p>', "سياسة"),
    ("Переговоры в Каире возобновились",
     '<div>3 мая 2024, <a href="https://planet.example.net/rubric/mir/">Мир</a></div>', "Мир"),
])
def test_an_unclassed_section_page_link_in_the_line_below_the_headline(headline: str, below: str,
                                                                        expected: str) -> None:
    """The date-and-byline line under the headline links the section's page (/category/…,
    /rubric/…) without a class that says so."""
    body = f"<article><h1>{headline}</h1>{below}<p>Text of the story.</p></article>"
    assert meta(page("", body), "https://planet.example.net/ceasefire-talks").section == expected


@pytest.mark.parametrize("kicker, headline, expected", [
    ('<a href="/en/articles/security">Security</a>', "Attacks on the base undermine the government", "Security"),
    ('<div class="x7f2a"><a href="/ar/articles/security">أمن</a></div>', "هجمات على القاعدة تقوض الحكومة", "أمن"),
    ('<span><a href="https://planet.example.net/ru/obshchestvo/">Общество</a></span>',
     "Нападения на базу подрывают правительство", "Общество"),
])
def test_a_lone_link_right_above_the_headline_is_the_kicker(kicker: str, headline: str, expected: str) -> None:
    """Whatever its class, a lone link to a section-like page printed right above the headline
    names the story's section, even where the URL lies in another section and the menu links
    that one."""
    body = (f'<nav><a href="/en/articles/features">Features</a> <a href="/en/articles/security">Security</a>'
            f"</nav><article>{kicker}<h1>{headline}</h1><p>Text of the story.</p></article>")
    url = "https://planet.example.net/en/articles/features/2024/08/12/feature-01"
    assert meta(page("", body), url).section == expected


@pytest.mark.parametrize("kicker", [
    '<a href="/en/articles/features/2024/08/11/other-story">Earlier story</a>',  # a story, by its number
    '<a href="/author/jane-roe">Jane Roe</a>',                                   # an author's page
    '<a href="/">Planet News</a>',                                               # the home page
    '<div><a href="/en/a">World</a> <a href="/en/b">Sport</a></div>',            # a menu, not one link
    '<a href="/en/articles/security">Read the full report on base security here</a>',  # a sentence
])
def test_links_above_the_headline_that_are_no_kicker(kicker: str) -> None:
    body = f"<article>{kicker}<h1>Attacks on the base undermine the government</h1><p>Text.</p></article>"
    assert meta(page("", body), "https://planet.example.net/story-1").section is None


def test_a_section_page_link_in_a_share_box_below_the_headline_is_no_section() -> None:
    body = ("<article><h1>Attacks on the base undermine the government</h1>"
            '<div class="share-tools">Share: <a href="/category/world/">World</a></div><p>Text.</p></article>')
    assert meta(page("", body), "https://planet.example.net/story-1").section is None


def test_a_section_page_link_in_the_storys_own_paragraph_is_no_section() -> None:
    text = ("The council has published its plans, and the <a href=\"/category/world/\">world "
            "desk</a> followed the talks in Cairo over three days of meetings with officials from "
            "both sides, who said that a ceasefire could hold if the crossings opened again soon.")
    body = f"<article><h1>Ceasefire talks resume in Cairo</h1><p>{text}</p></article>"
    assert meta(page("", body), "https://planet.example.net/ceasefire-talks").section is None


@pytest.mark.parametrize("box", [
    '<div class="related-topics"><ul><li class="related-topics__item"><a href="/topics/starmer">'
    "Keir Starmer</a></li></ul></div>",
    '<div class="article-labels"><a class="label" href="/tag/cairo">القاهرة</a></div>',
    '<section class="section"><p>Текст статьи, <a href="/tag/kairo">Каир</a>.</p></section>',
])
def test_tags_and_layout_boxes_below_the_headline_are_no_section(box: str) -> None:
    body = f"<article><h1>Ceasefire talks resume in Cairo</h1>{box}<p>Text of the story.</p></article>"
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body), "https://planet.example.net/a/1").section is None


def _wordpress_menu(parent: str, child: str, other: str, marks: str) -> str:
    """A WordPress nav menu: `parent` with its sub-menu holding `child`; `marks` are the classes
    WordPress gives the items of the post's categories."""
    return ('<nav class="main-navigation"><ul class="menu">'
            '<li class="menu-item menu-item-home"><a href="/">Home</a></li>'
            f'<li class="menu-item menu-item-type-taxonomy {marks}"><a href="/category/p/">{parent}</a>'
            f'<ul class="sub-menu"><li class="menu-item menu-item-type-taxonomy {marks} current-post-parent">'
            f'<a href="/category/p/c/">{child}</a></li>'
            f'<li class="menu-item menu-item-type-taxonomy"><a href="/category/p/o/">{other}</a></li></ul></li>'
            '</ul></nav>')


@pytest.mark.parametrize("parent, child, other, lang", [
    ("News", "Local News", "Sport", "en"),
    ("أخبار", "أخبار محلية", "رياضة", "ar"),
    ("Новости", "Регион", "Спорт", "ru"),
    ("ニュース", "社会", "スポーツ", "ja"),
])
def test_the_menu_item_wordpress_marks_as_the_posts_category_gives_the_section(
        parent: str, child: str, other: str, lang: str) -> None:
    """With no section label on the page, the menu item of the post's category is the section:
    the sub-section the post is filed in, not its parent or a neighbour."""
    body = (_wordpress_menu(parent, child, other, "current-post-ancestor current-menu-parent")
            + "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body, lang), "https://planet.example.net/?p=123").section == child


@pytest.mark.parametrize("home, entry, lang", [("Home", "News", "en"), ("الرئيسية", "أخبار", "ar"),
                                               ("Главная", "Новости", "ru")])
def test_a_menu_with_no_item_marked_for_the_post_gives_no_section(home: str, entry: str, lang: str) -> None:
    """A menu's entries are no kicker, however near the headline a short page puts them: an
    unmarked menu (or one marking only the home page) names no section."""
    body = (f'<nav><ul class="menu"><li class="menu-item current-menu-item"><a href="/">{home}</a></li>'
            f'<li class="menu-item"><a href="/category/news/">{entry}</a></li></ul></nav>'
            "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body, lang), "https://planet.example.net/?p=123").section is None


@pytest.mark.parametrize("home, section, glue, lang", [
    ("Front", "World", " | ", "en"),
    ("الرئيسية", "عربي ودولي", " › ", "ar"),
    ("Главная", "Общество", " / ", "ru"),
    ("トップ", "経済", " > ", "ja"),
])
def test_a_trail_of_links_from_the_home_page_right_above_the_headline_gives_the_section(
        home: str, section: str, glue: str, lang: str) -> None:
    """An unclassed trail ("Front | World |") printed right above the headline is a
    breadcrumb by its shape: its last entry is the section, whatever the URL."""
    body = (f'<header><div><a href="/">{home}</a>{glue}<a href="/w">{section}</a>{glue}</div>'
            "<h1>Ceasefire talks resume in Cairo</h1></header><p>Text of the story.</p>")
    assert meta(page("", body, lang), "https://planet.example.net/story/8812").section == section


@pytest.mark.parametrize("body", [
    # a menu: no separator between its entries
    '<div><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></div><h1>Talks resume</h1>',
    # a bar far from the headline: the article's trail only sits right above it
    '<div><a href="/">Home</a> | <a href="/login">Log in</a></div><p>Breaking: a ticker line.</p><h1>Talks resume</h1>',
    # a trail that does not open with the home page
    '<div><a href="/w">World</a> | <a href="/w/eu">Europe</a></div><h1>Talks resume</h1>',
])
def test_links_above_the_headline_that_are_no_home_trail_give_no_section(body: str) -> None:
    assert meta(page("", body + "<p>Text of the story.</p>"), "https://planet.example.net/story/8812").section is None


@pytest.mark.parametrize("before, section, after, lang", [
    # a label opens the trail
    ("You are here: ", "Politics", "", "en"),
    ("Sie sind hier: ", "Lokales", "", "de"),
    ("您的位置：", "城市", " &gt; 正文", "zh"),
    ("현재위치 : ", "사회", "", "ko"),
    # the page's own entry, unlinked, closes it
    ("", "World", " › Ceasefire talks resume in Cairo", "en"),
    ("", "محليات", " / استئناف محادثات وقف إطلاق النار في القاهرة", "ar"),
    ("", "Общество", " → Переговоры о перемирии возобновились", "ru"),
])
def test_a_home_trail_with_a_label_or_the_pages_own_entry_gives_the_section(
        before: str, section: str, after: str, lang: str) -> None:
    """"You are here: Home › Politics", "您的位置：首页 > 城市 > 正文", "Home › World › <the
    headline>": the words around the links do not make the trail any less a breadcrumb."""
    body = (f'<div class="path">{before}<a href="/">Home</a> &gt; <a href="/w">{section}</a>{after}</div>'
            "<h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p>")
    assert meta(page("", body, lang), "https://planet.example.net/story/8812").section == section


@pytest.mark.parametrize("body", [
    # a label over a menu: no separator between its entries
    '<div>Sections: <a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></div>',
    # a sentence, not a label, before the links
    '<div>Read the latest from our newsroom, or go <a href="/">Home</a> | <a href="/world">World</a></div>',
    # text after the last link with no separator before it: a teaser line
    '<div><a href="/">Home</a> | <a href="/world">World</a> Ceasefire talks resume today</div>',
])
def test_links_with_text_around_them_that_are_no_trail_give_no_section(body: str) -> None:
    body += "<h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p>"
    assert meta(page("", body), "https://planet.example.net/story/8812").section is None


@pytest.mark.parametrize("section, other, lang, attr", [
    ("Monde", "Économie", "fr", 'aria-current="page"'),
    ("العالم", "اقتصاد", "ar", 'aria-current="location"'),
    ("世界", "经济", "zh", 'aria-current="true"'),
])
def test_the_menu_entry_marked_aria_current_gives_the_section(section: str, other: str, lang: str,
                                                               attr: str) -> None:
    """An article is no entry of its site's menu: the entry WAI-ARIA marks as where the
    reader is names its section."""
    body = (f'<nav><a href="/">Accueil</a><a href="/eco">{other}</a><a {attr} href="/monde">{section}</a></nav>'
            "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body, lang), "https://planet.example.net/story/8812").section == section


@pytest.mark.parametrize("marked", [
    '<a aria-current="page" href="/">Home</a>',                 # the home page
    '<a aria-current="false" href="/world">World</a>',          # marked as not current
    '<a aria-current="true" hreflang="ar" href="/ar/">العربية</a>',  # a language switch
    '<nav class="pages"><a aria-current="page" href="?page=2">2</a></nav>',  # a page number
])
def test_aria_current_on_no_section_entry_gives_no_section(marked: str) -> None:
    body = f"<nav>{marked}</nav><article><h1>Talks resume</h1><p>Text of the story.</p></article>"
    assert meta(page("", body), "https://planet.example.net/story/8812").section is None


@pytest.mark.parametrize("url, links, section, lang", [
    ("https://planet.example.net/world/2024/feb/24/talks-resume",
     '<a href="/sport">Sport</a><a href="/world">World news</a>', "World news", "en"),
    ("https://planet.example.net/arab-world/gulf/talks-resume-8812",
     '<a href="/arab-world">عربي ودولي</a><a href="/arab-world/gulf/">الخليج</a>', "الخليج", "ar"),
    # the label that spells the segment, not the teaser's "read more" link to the same page
    ("https://planet.example.net/diversao/talks-resume",
     '<a href="/diversao">Leia mais</a><a href="/diversao">Diversão</a>', "Diversão", "pt"),
    ("https://planet.example.net/obshchestvo/talks-resume",
     '<a href="/obshchestvo/index.html">Общество</a>', "Общество", "ru"),
])
def test_the_pages_link_to_the_section_its_url_lies_in_gives_the_section(
        url: str, links: str, section: str, lang: str) -> None:
    """With no kicker, breadcrumb or marked menu entry, the page's own link to the deepest
    section of its URL's path names the section (most often an entry of the site menu)."""
    body = (f'<nav><ul class="menu"><li><a href="/">Home</a></li><li>{links}</li></ul></nav>'
            "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body, lang), url).section == section


@pytest.mark.parametrize("url, menu, section", [
    ("https://planet.example.net/sport/tennis/british-players-win-2580837",
     '<a href="/category/sport/football">Football</a><a href="/category/sport/tennis">Tennis</a>', "Tennis"),
    ("https://planet.example.net/riyada/tennis/fawz-allaeibin-2580837",
     '<a href="/category/riyada/qadam">كرة القدم</a><a href="/category/riyada/tennis/">تنس</a>', "تنس"),
    ("https://planet.example.net/sport/tennis/britanskie-igroki-pobedili-2580837",
     '<a href="/section/sport">Спорт</a><a href="/section/sport/tennis">Теннис</a>', "Теннис"),
    ("https://planet.example.net/politik/inland/gespraeche-in-kairo-2580837",
     '<a href="/rubrik/politik">Politik</a><a href="/rubrik/politik/ausland">Ausland</a>', "Politik"),
])
def test_the_link_to_the_urls_section_under_the_category_root_gives_the_section(
        url: str, menu: str, section: str) -> None:
    """Many CMSs list a section at its own path under a category root (/category/sport/tennis)
    while its stories lie under the bare path (/sport/tennis/story): the menu's link there names
    the section as a link to /sport/tennis would."""
    body = (f'<nav><ul class="menu"><li><a href="/">Home</a></li><li>{menu}</li></ul></nav>'
            "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body), url).section == section


def test_a_category_root_link_to_a_path_the_url_is_not_in_gives_no_section() -> None:
    body = ('<nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/category/sport/football">Football'
            '</a></li><li><a href="/category/tennis">Tennis</a></li></ul></nav>'
            "<article><h1>Ceasefire talks resume in Cairo</h1><p>Text of the story.</p></article>")
    assert meta(page("", body), "https://planet.example.net/sport/tennis/win-2580837").section is None


@pytest.mark.parametrize("headline, crumbs, section, lang", [
    ("Ceasefire talks resume in Cairo", ("Home", "World"), "World", "en"),
    ("استئناف محادثات وقف إطلاق النار في القاهرة", ("الرئيسية", "عربي ودولي"), "عربي ودولي", "ar"),
    ("Переговоры о перемирии возобновились в Каире", ("Главная", "Мир"), "Мир", "ru"),
])
@pytest.mark.parametrize("separator", ["|", "›", "/"])
def test_a_trails_separator_before_the_headline_is_no_section(headline: str, crumbs: tuple[str, str],
                                                              section: str, lang: str, separator: str) -> None:
    """A breadcrumb that ends with the headline prints its separators as elements of their own;
    the one right before the headline names nothing (an icon link in the menu has no text to
    tell it from), and the trail's entry before it is the section."""
    home, name = crumbs
    body = ('<nav><a href="/"><svg viewBox="0 0 1 1"></svg></a><a href="/world">World</a></nav>'
            f'<div class="breadcrumb"><a href="/">{home}</a><span class="sep">{separator}</span>'
            f'<a href="/p/world">{name}</a><span class="sep">{separator}</span><h1>{headline}</h1></div>'
            "<p>Text of the story.</p>")
    assert meta(page("", body, lang), "https://planet.example.net/p/9f3a").section == section


@pytest.mark.parametrize("headline, crumbs, section, lang", [
    ("Ceasefire talks resume in Cairo", ("Home", "World"), "World", "en"),
    ("استئناف محادثات وقف إطلاق النار في القاهرة", ("الرئيسية", "عربي ودولي"), "عربي ودولي", "ar"),
    ("Переговоры о перемирии возобновились в Каире", ("Главная", "Мир"), "Мир", "ru"),
])
def test_separator_items_of_a_marked_breadcrumb_are_no_section(headline: str, crumbs: tuple[str, str],
                                                               section: str, lang: str) -> None:
    """A marked breadcrumb away from the headline, its separators items of their own: the
    article's entry is dropped, and so is the separator before it."""
    home, name = crumbs
    body = (f'<header><ol class="breadcrumb"><li><a href="/">{home}</a></li><li>›</li>'
            f'<li><a href="/p/world">{name}</a></li><li>›</li><li>{headline}</li></ol></header>'
            f'<main><p class="note">Updated daily</p><div><h1>{headline}</h1><p>Text of the story.</p></div></main>')
    assert meta(page("", body, lang), "https://planet.example.net/p/9f3a").section == section


@pytest.mark.parametrize("url, links", [
    # a path the page links as its home
    ("https://planet.example.net/nachrichten/talks-resume", '<a href="/nachrichten">Startseite</a>'),
    # a contributor's page, named by the author's name
    ("https://planet.example.net/sites/janedoe/2024/05/15/talks-resume",
     '<a href="/sites/janedoe">Jane Doe</a>'),
    # dates and a language edition are no sections
    ("https://planet.example.net/en/2024/05/talks-resume", '<a href="/en">English</a><a href="/en/2024">2024</a>'),
])
def test_links_to_paths_of_the_url_that_are_no_section_give_no_section(url: str, links: str) -> None:
    body = ('<article><h1>Talks resume</h1><p class="byline">By Jane Doe</p>'
            f"<p>Text of the story.</p></article><footer>{links}</footer>")
    assert meta(page("", body), url).section is None


@pytest.mark.parametrize("title, site, expected, lang", [
    # the site's name between separators, its slogan after it
    ("Ceasefire talks resume in Cairo | Example Times | News from the coast", "Example Times",
     "Ceasefire talks resume in Cairo", "en"),
    ("استئناف محادثات وقف إطلاق النار في القاهرة | صحيفة المثال | أخبار الساحل", "صحيفة المثال",
     "استئناف محادثات وقف إطلاق النار في القاهرة", "ar"),
    ("停火谈判在开罗恢复｜示例日报｜海岸新闻", "示例日报", "停火谈判在开罗恢复", "zh"),
    # WordPress's classic "Title « Site"
    ("Ceasefire talks resume in Cairo « Example Times", "Example Times", "Ceasefire talks resume in Cairo", "en"),
    ("Переговоры о перемирии возобновились в Каире « Пример Таймс", "Пример Таймс",
     "Переговоры о перемирии возобновились в Каире", "ru"),
])
def test_the_site_name_is_cut_from_the_middle_and_after_a_guillemet(title: str, site: str, expected: str,
                                                                   lang: str) -> None:
    """The site's name as its logo link gives it (no og:site_name)."""
    body = f'<header><a href="/">{site}</a></header><p>Text of the story.</p>'
    assert meta(page(f"<title>{title}</title>", body, lang)).title == expected


def test_a_french_quote_is_no_separator() -> None:
    title = "Le maire : « Nous finirons avant l’été »"
    body = '<header><a href="/">Example Times</a></header><p>Text of the story.</p>'
    assert meta(page(f"<title>{title}</title>", body, "fr")).title == title


def test_a_section_before_the_site_in_the_middle_is_no_headline() -> None:
    """"Section | Site | Headline": the headline is the long part, after the site's name."""
    title = "World | Example Times | Ceasefire talks resume in Cairo after a week"
    body = '<header><a href="/">Example Times</a></header><p>Text of the story.</p>'
    assert meta(page(f"<title>{title}</title>", body)).title != "World"


MENU = ('<nav><a href="/">Home</a> <a href="/en/politics">Politics</a> <a href="/en/security">Security</a>'
        ' <a href="/ar/security">الأمن</a> <a href="/ru/security">Безопасность</a></nav>')


@pytest.mark.parametrize("kicker, headline, expected", [
    ("<span>Security</span>", "Attacks on the base undermine the government", "Security"),
    ("<div>الأمن</div>", "هجمات على القاعدة تقوض الحكومة", "الأمن"),
    ("<p>Безопасность</p>", "Нападения на базу подрывают правительство", "Безопасность"),
])
def test_an_unlinked_label_above_the_headline_that_the_menu_links_is_the_kicker(
        kicker: str, headline: str, expected: str) -> None:
    """A kicker printed as plain text names the section when the site's menu links a
    section of that very name."""
    body = f"{MENU}<article>{kicker}<h1>{headline}</h1><p>Text of the story.</p></article>"
    assert meta(page("", body), "https://planet.example.net/p/9f3a").section == expected


@pytest.mark.parametrize("kicker", [
    "<span>Analysis</span>",    # a label the menu does not link
    "<span>Home</span>",        # the home page's name
    "<span>Security, politics and the economy of the region</span>",  # a line, not a label
])
def test_an_unlinked_label_the_menu_does_not_name_is_no_kicker(kicker: str) -> None:
    body = f"{MENU}<article>{kicker}<h1>Attacks on the base undermine the government</h1><p>Text.</p></article>"
    assert meta(page("", body), "https://planet.example.net/p/9f3a").section is None


@pytest.mark.parametrize("trail, headline, expected", [
    ('<ul><li><a href="/">Home</a></li><li><a href="/en/security">Security</a></li></ul>',
     "Attacks on the base undermine the government", "Security"),
    ('<div><ol><li><a href="/">الرئيسية</a></li><li><a href="/ar/security">الأمن</a></li>'
     '<li>هجمات على القاعدة تقوض الحكومة</li></ol></div>', "هجمات على القاعدة تقوض الحكومة", "الأمن"),
    ('<ol><li><a href="/">Главная</a></li><li><a href="/ru/world">Мир</a></li>'
     '<li><a href="/ru/world/asia">Азия</a></li></ol>', "Нападения на базу подрывают правительство", "Азия"),
])
def test_a_breadcrumb_written_as_a_bare_list_above_the_headline(trail: str, headline: str,
                                                                 expected: str) -> None:
    """A breadcrumb with no class: a short list right above the headline that opens with the
    home page (CSS draws its separators)."""
    body = f"<article>{trail}<h1>{headline}</h1><p>Text of the story.</p></article>"
    assert meta(page("", body), "https://planet.example.net/p/9f3a").section == expected


@pytest.mark.parametrize("trail", [
    # the site's menu: in <nav>, or longer than a trail
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/en/security">Security</a></li></ul></nav>',
    '<ul>' + "".join(f'<li><a href="/{p}">{p.title()}</a></li>' for p in ("", "world", "sport", "money",
                                                                            "culture", "science")) + '</ul>',
    # a list that does not open with the home page
    '<ul><li><a href="/en/security">Security</a></li><li><a href="/en/politics">Politics</a></li></ul>',
])
def test_lists_above_the_headline_that_are_no_breadcrumb(trail: str) -> None:
    body = f"<article>{trail}<h1>Attacks on the base undermine the government</h1><p>Text.</p></article>"
    assert meta(page("", body), "https://planet.example.net/p/9f3a").section is None


@pytest.mark.parametrize("body, expected", [
    # WordPress's entry footer, "Posted in <a rel="category tag">" after the text, with the
    # plain permalinks ("?cat=12") whose address names no section
    ('<article><h1>Ceasefire talks resume</h1><p>Text of the story.</p><footer class="entry-footer">'
     '<span class="cat-links">Posted in <a href="/?cat=12" rel="category tag">Middle East'
     '</a></span></footer></article>', "Middle East"),
    ('<article><h1>استئناف المحادثات</h1><p>نص الخبر.</p><footer><span>نشر في <a href="/?cat=7"'
     ' rel="category tag">عربي ودولي</a></span></footer></article>', "عربي ودولي"),
    # a category link to the home page is skipped; the next one is the post's category
    ('<article><h1>Переговоры возобновились</h1><p>Текст.</p><div>Рубрики: <a href="/" rel="category">'
     'Главная</a>, <a href="/?cat=3" rel="category">Политика</a></div></article>', "Политика"),
])
def test_section_from_the_posts_category_link(body: str, expected: str) -> None:
    """HTML's rel="category" (WordPress prints it on every post's category links) names the
    post's section when no metadata, breadcrumb or kicker does."""
    head = '<meta property="og:site_name" content="Example Times">'
    assert meta(page(head, body)).section == expected


@pytest.mark.parametrize("label, headline, lang", [
    ("BREAKING:", "Ceasefire talks resume in Cairo", "en"),
    ("The talks that nobody expected to happen this week:", "Ceasefire talks resume in Cairo", "en"),
    ("عاجل:", "استئناف محادثات وقف إطلاق النار في القاهرة", "ar"),
    ("Kommentar |", "Die Waffenruhe-Gespräche in Kairo gehen weiter", "de"),
    ("速報：", "停戦協議、カイロで再開", "ja"),
])
def test_the_headline_the_page_shows_after_a_label_its_title_prints(label: str, headline: str,
                                                                    lang: str) -> None:
    """The <title> prints a label before the headline ("BREAKING: …"); the page shows the
    headline alone: that is the title."""
    html = page(f"<title>{label} {headline} - Example News</title>",
                f"<article><h1>{headline}</h1><p>Text of the story.</p></article>", lang)
    assert meta(html).title == headline


@pytest.mark.parametrize("title, headline", [
    # a label with no colon or bar: one headline, printed two ways
    ("Live Ceasefire talks resume in Cairo", "Ceasefire talks resume in Cairo"),
    ("Cairo Ceasefire talks resume in Cairo", "Ceasefire talks resume in Cairo"),
])
def test_a_title_that_is_no_label_and_headline_stays_whole(title: str, headline: str) -> None:
    html = page(f"<title>{title} - Example News</title>",
                f"<article><h1>{headline}</h1><p>Text of the story.</p></article>")
    assert meta(html).title == title
