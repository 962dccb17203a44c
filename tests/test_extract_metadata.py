"""Metadata extraction over small real-shaped HTML snippets: bylines, dates, titles, JSON-LD."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import lxml.html
import pytest

from crawler.extract.bylines import parse_byline
from crawler.extract.dates import date_from_url, parse_date
from crawler.extract.metadata import Metadata, read_metadata
from crawler.extract.profile import FieldSelectors


def meta(html: str, url: str = "https://news.example.com/2026/08/07/story") -> Metadata:
    return read_metadata(lxml.html.fromstring(html), url)


# ---------------------------------------------------------------- bylines

@pytest.mark.parametrize("text, names", [
    ("By Anas al-Bar |", ["Anas al-Bar"]),
    ("By Jane Doe, John Roe and Max Muster", ["Jane Doe", "John Roe", "Max Muster"]),
    ("بقلم أنس البار |", ["أنس البار"]),
    ("Von Max Muster und Erika Musterfrau", ["Max Muster", "Erika Musterfrau"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Por Juan Pérez y María López", ["Juan Pérez", "María López"]),
    ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
    ("Jane Doe, Reuters", ["Jane Doe", "Reuters"]),
    ("Jane Doe Updated 7 August 2026", ["Jane Doe"]),
    ("By Madeleine Howell 30 August 2023 • 4:45pm", ["Madeleine Howell"]),
    ("Alex Perry 1 day ago", ["Alex Perry"]),
    ("By Jane Doe jane.doe@example.com", ["Jane Doe"]),
    ("Amy Gibbons, Political Correspondent", ["Amy Gibbons"]),
    ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project",
     ["Daniel Kahn Gillmor"]),
    ("Brenda Goodman, MA", ["Brenda Goodman"]),
    # digits glued to letters belong to the name; a cut-off date does not
    ("BR24 Redaktion", ["BR24 Redaktion"]),
    # lower-case words are kept unless they are glue in front of a cut date
    ("Guardian staff reporter", ["Guardian staff reporter"]),
    ("FOCUS online", ["FOCUS online"]),
    ("Jan Novák před 3 hodinami", ["Jan Novák"]),
    # a run of non-Latin words is a sentence or a profile box, not a name
    ("この記事を書いた人 渡辺洋介 東京社会部 フォロー 専門・関心分野 戦争", []),
    ("", []),
])
def test_parse_byline(text: str, names: list[str]) -> None:
    assert parse_byline(text) == names


# ---------------------------------------------------------------- dates

PLUS3 = timezone(timedelta(hours=3))


@pytest.mark.parametrize("text, expected", [
    ("2026-08-07T10:00:00+03:00", datetime(2026, 8, 7, 10, 0, tzinfo=PLUS3)),
    ("2026-08-07T10:00:00Z", datetime(2026, 8, 7, 10, 0, tzinfo=timezone.utc)),
    ("2026-08-07 10:00:00 +0300", datetime(2026, 8, 7, 10, 0, tzinfo=PLUS3)),
    ("Fri, 07 Aug 2026 10:00:00 +0300", datetime(2026, 8, 7, 10, 0, tzinfo=PLUS3)),
    ("7 August 2026", datetime(2026, 8, 7)),
    ("August 7, 2026 at 3:45 pm", datetime(2026, 8, 7, 15, 45)),
    ("Aktualisiert: 7. März 2026, 12:00 Uhr", datetime(2026, 3, 7, 12, 0)),
    ("le 7 août 2026 à 10h30", datetime(2026, 8, 7, 10, 30)),
    ("22 de novembro de 2020", datetime(2020, 11, 22)),
    ("07.08.2026", datetime(2026, 8, 7)),
    ("٧ أغسطس ٢٠٢٦", datetime(2026, 8, 7)),
    ("2026年8月7日", datetime(2026, 8, 7)),
    ("no date here", None),
])
def test_parse_date_keeps_zone_as_written(text: str, expected: datetime | None) -> None:
    value = parse_date(text)
    assert value == expected
    if expected is not None:
        assert (value.tzinfo is None) == (expected.tzinfo is None)  # naive stays naive


def test_date_from_url() -> None:
    assert date_from_url("https://x.example/news/2026/08/07/story") == datetime(2026, 8, 7)
    assert date_from_url("https://x.example/news/20260807/story") == datetime(2026, 8, 7)
    assert date_from_url("https://x.example/news/story-123") is None


# ---------------------------------------------------------------- title

def test_site_suffix_is_stripped_from_title_tag() -> None:
    html = """<html><head><title>Iraqi base attacked | Al-Fassel</title>
    <meta property="og:site_name" content="Al-Fassel"></head>
    <body><h1>Iraqi base attacked</h1></body></html>"""
    assert meta(html).title == "Iraqi base attacked"


def test_section_and_site_suffix_stripped_without_site_name_meta() -> None:
    html = """<html><head><title>Berlin-Marathon: Hendel im Porträt - Sport - SZ.de</title></head>
    <body><div>menu</div></body></html>"""
    assert meta(html, "https://www.sz.de/sport/x").title == "Berlin-Marathon: Hendel im Porträt"


def test_headline_with_dash_is_not_cut() -> None:
    html = """<html><head><title>Minecraft 1.8 - The Bountiful Update</title></head>
    <body><h1>Minecraft News</h1></body></html>"""
    assert meta(html, "https://blog.example.org/post").title == "Minecraft 1.8 - The Bountiful Update"


def test_site_name_h1_does_not_beat_og_title() -> None:
    html = """<html><head><meta property="og:title" content="The sharing economy is a lie">
    <meta property="og:site_name" content="Salon"></head>
    <body><header><h1>Salon</h1></header><article><h1>The sharing economy is a lie</h1></article></body></html>"""
    assert meta(html, "https://www.salon.com/2014/x").title == "The sharing economy is a lie"


# ---------------------------------------------------------------- authors

def test_organization_author_does_not_hide_visible_byline() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
     "author": {"@type": "Organization", "name": "Example News"}}</script>
    <meta property="og:site_name" content="Example News"></head>
    <body><article><h1>H</h1><p class="byline">By Anas al-Bar |</p><p>Text.</p></article></body></html>"""
    assert meta(html).authors == ["Anas al-Bar"]


def test_organization_author_kept_when_no_person_is_named() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Organization", "name": "ORF.at"}}
    </script></head><body><h1>H</h1><div class="byline">red, ORF.at/Agenturen</div></body></html>"""
    assert meta(html, "https://orf.at/stories/1/").authors == ["ORF.at"]


def test_jsonld_graph_with_author_reference() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "@id": "https://n.example/#site", "name": "N"},
      {"@type": "Person", "@id": "https://n.example/#p1", "name": "Mohloai Mpesi"},
      {"@type": "NewsArticle", "headline": "Graph headline", "author": {"@id": "https://n.example/#p1"},
       "datePublished": "2026-08-07T09:30:00+03:00", "articleSection": "Security",
       "keywords": "Iraq, Security"}]}
    </script></head><body><h1>Graph headline</h1></body></html>"""
    m = meta(html)
    assert m.title == "Graph headline"
    assert m.authors == ["Mohloai Mpesi"]
    assert m.published == datetime(2026, 8, 7, 9, 30, tzinfo=PLUS3)
    assert m.section == "Security"
    assert m.tags == ["Iraq", "Security"]


def test_comment_authors_are_not_the_byline() -> None:
    html = """<html><body><h1>Headline here</h1>
    <div class="comments"><span class="comment-author">Kaffeetrinker</span></div>
    <span class="author">By Jane Doe</span></body></html>"""
    assert meta(html).authors == ["Jane Doe"]


def test_meta_author_url_is_not_a_name() -> None:
    html = """<html><head><meta property="article:author" content="https://facebook.com/someone">
    <meta name="author" content="Sophie Foster"></head><body></body></html>"""
    assert meta(html).authors == ["Sophie Foster"]


def test_layout_classes_on_body_and_headline_column_do_not_hide_the_byline() -> None:
    # "no-sidebars" on <body> and "two-col-sidebar-right" on the column that holds the headline
    # describe the layout; they are not a sidebar around the byline.
    html = """<html class="Nav-open"><body class="page no-sidebars">
    <div class="panel-two-col-sidebar-right"><h1>Facebook is tracking me</h1>
    <div class="blog-author">By <a href="/bio/dkg">Daniel Kahn Gillmor</a>, Senior Staff Technologist</div>
    <p>Text.</p></div>
    <div class="sidebar"><span class="author">Other Writer</span></div></body></html>"""
    assert meta(html, "https://www.aclu.example/blog/x").authors == ["Daniel Kahn Gillmor"]


def test_photo_credit_is_not_a_byline() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Organization", "name": "Salzburger Nachrichten"}}
    </script></head><body><h1>H</h1>
    <div class="bildautor">Bild: SN/APA/KEYSTONE/CYRIL ZINGARO</div>
    <figure><img src="a.jpg"><figcaption><span class="author">Jane Photographer</span></figcaption></figure>
    <p>Text.</p></body></html>"""
    assert meta(html, "https://www.sn.at/x").authors == ["Salzburger Nachrichten"]


def test_byline_in_the_articles_own_aside() -> None:
    html = """<html><body><header><h1>Hi, I'm Nicolas.</h1></header><main><article>
    <h2>Get your code covered</h2><p>Text.</p>
    <aside><p><span class="article-author" itemprop="author">
    <span itemprop="name">Nicolas Perriault</span> —</span> <time datetime="2013-09-29">Sep 29</time></p></aside>
    </article></main></body></html>"""
    assert meta(html, "https://n.example/code/x").authors == ["Nicolas Perriault"]


def test_job_description_and_site_desk_are_not_further_authors() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "H", "author": [{"@type": "Person", "name":
     "Povilas Aleksandravičius, Mykolo Romerio universiteto Žmogaus ir visuomenės studijų fakulteto profesorius, Lrt.lt"}]}
    </script></head><body><h1>H</h1></body></html>"""
    assert meta(html, "https://www.lrt.lt/x").authors == ["Povilas Aleksandravičius"]
    html = """<html><body><h1>Schlachtung</h1><div class="authorWrapper">
    <p class="author">von David Straub, MDR THÜRINGEN</p></div></body></html>"""
    assert meta(html, "https://www.mdr.de/nachrichten/x.html").authors == ["David Straub"]


def test_unmarked_byline_from_author_profile_link() -> None:
    html = """<html><head><meta name="author" content="LTO"></head><body>
    <h1>Palästinenser legt Verfassungsbeschwerde ein</h1>
    <p class="reader__meta-info">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>
    <p>Text.</p></body></html>"""
    assert meta(html, "https://www.lto.de/recht/x").authors == ["Dr. Max Kolter"]


def test_bold_name_paragraph_beats_site_named_person_and_cms_account() -> None:
    # The CMS names the site (or its "admin" account) as author; the text starts with the byline.
    html = """<html><head><meta property="og:site_name" content="Lesotho Times">
    <script type="application/ld+json">{"@type": "BlogPosting", "headline": "Mining blasts shatter homes",
     "author": {"@type": "Person", "name": "Lesotho Times"}}</script></head><body>
    <h1>Mining blasts shatter homes</h1>
    <p><em>…as communities cry foul</em></p>
    <p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p>
    <p><strong>A</strong> Chinese-owned crusher and quarry company has come under criticism.</p></body></html>"""
    assert meta(html, "https://lestimes.com/x/").authors == ["Mathatisi Sebusi", "Mohalenyane Phakela"]
    html = """<html><head><script type="application/ld+json">{"@type": "Article", "headline": "Ikhansela",
     "author": {"@id": "https://ilanga.example/author/admin/", "name": "Ilanga D"}}</script></head><body>
    <h1>Ikhansela lisola uthishanhloko</h1>
    <p class="meta"> by <span class="author vcard"><a href="https://ilanga.example/author/admin/" rel="author">Ilanga D</a></span></p>
    <p><strong>MTHOBISI SITHOLE&nbsp;</strong></p><p>Kuthiwaligqinsile imbuzi efile.</p></body></html>"""
    assert meta(html, "https://ilanga.example/x/").authors == ["MTHOBISI SITHOLE"]


def test_site_named_person_kept_when_nobody_else_is_named() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
     "author": [{"@type": "Person", "name": "Guardian staff reporter"}]}</script></head>
    <body><h1>H</h1><p>Text.</p></body></html>"""
    assert meta(html, "https://www.theguardian.com/world/x").authors == ["Guardian staff reporter"]


# ---------------------------------------------------------------- dates in pages

def test_utc_stamp_uses_the_local_day_written_elsewhere() -> None:
    # JSON-LD in UTC just after midnight; the same instant with the site's offset in meta.
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
     "datePublished": "2020-08-25T00:23:33Z"}</script>
    <meta property="article:published_time" content="2020-08-24T20:23:33-04:00"></head><body></body></html>"""
    assert meta(html, "https://x.example/story").published.date().isoformat() == "2020-08-24"
    # No local stamp, but the URL carries the local day.
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
     "datePublished": "20200414T00:38:07Z"}</script></head><body></body></html>"""
    url = "https://www.registerguard.example/news/20200413/second-suspect"
    assert meta(html, url).published.date().isoformat() == "2020-04-13"


def test_url_day_of_creation_does_not_override_a_daytime_utc_stamp() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
     "datePublished": "2020-07-09T10:04:04Z"}</script></head><body></body></html>"""
    url = "https://www.washingtonpost.example/politics/2020/07/08/c3d22ec8_story.html"
    assert meta(html, url).published.date().isoformat() == "2020-07-09"


def test_published_from_script_state_deploy_key() -> None:
    html = """<html><head><script>window.__STATE__ = {"articleId": 5196, "deployDt":"2026.01.29 18:40",
     "reDeployDt":"2026.01.30 09:00"};</script></head><body><h1>H</h1></body></html>"""
    assert meta(html, "https://www.hankookilbo.example/news/article/A1").published == datetime(2026, 1, 29, 18, 40)


def test_standalone_dateline_beats_date_in_photo_caption() -> None:
    html = """<html><body><article><h1>Protesters gather at Paris theater</h1>
    <div class="entry-content"><div style="float:left"><img src="x.jpg"><br>FILE PHOTO: Macron near Orleans,
    France, January 16, 2020. REUTERS</div><p>January 18, 2020</p><p>PARIS (Reuters) - Protesters tried.</p>
    </div></article></body></html>"""
    assert meta(html, "https://www.oann.example/protesters/").published == datetime(2020, 1, 18)


def test_published_prefers_article_meta_over_related_dates() -> None:
    html = """<html><head><meta property="article:published_time" content="2026-08-07T10:00:00+03:00">
    <meta property="article:modified_time" content="2026-08-08T11:00:00+03:00"></head>
    <body><aside><time datetime="2020-01-01">old related story</time></aside></body></html>"""
    m = meta(html)
    assert m.published == datetime(2026, 8, 7, 10, 0, tzinfo=PLUS3)
    assert m.modified == datetime(2026, 8, 8, 11, 0, tzinfo=PLUS3)


def test_published_falls_back_to_url_then_visible_text() -> None:
    assert meta("<html><body><h1>T</h1></body></html>").published == datetime(2026, 8, 7)
    html = "<html><body><h1>Headline</h1><p class='dateline'>Posted 3 March 2025</p></body></html>"
    assert meta(html, "https://x.example/story").published == datetime(2025, 3, 3)


# ---------------------------------------------------------------- other fields

def test_language_canonical_and_selectors() -> None:
    html = """<html lang="ar-IQ"><head><link rel="canonical" href="/ar/2026/08/07/story">
    <meta property="og:description" content="SEO text"></head>
    <body><span class="kicker">أمن</span><h1>عنوان</h1><p class="dek">الملخص</p></body></html>"""
    m = read_metadata(lxml.html.fromstring(html), "https://news.example.com/ar/x",
                      FieldSelectors(section=".kicker", dek=".dek"))
    assert m.language == "ar"
    assert m.canonical_url == "https://news.example.com/ar/2026/08/07/story"
    assert m.section == "أمن"
    assert m.dek == "الملخص"


def test_canonical_pointing_to_home_page_is_ignored() -> None:
    html = '<html><head><link rel="canonical" href="https://news.example.com/"></head><body></body></html>'
    assert meta(html).canonical_url is None


@pytest.mark.parametrize("html", [
    "<html></html>", "<p>just text</p>", "<html><head><script type='application/ld+json'>{bad json"
    "</script><meta property='og:title'></head><body><h1></h1><time datetime='x'>y</time></body></html>",
    "<html><body>" + "<div class='author'>" * 300 + "x" + "</div>" * 300 + "</body></html>",
])
def test_never_raises_on_garbage(html: str) -> None:
    m = read_metadata(lxml.html.fromstring(html), "")
    assert isinstance(m, Metadata)
    assert isinstance(m.authors, list) and isinstance(m.tags, list)


def test_visible_section_label_and_updated_time() -> None:
    html = """<html lang="en-GB"><body><article><header>
    <div class="article-category"><a href="/en_GB/security/">Security</a></div>
    <h1 class="article-title">Headline</h1></header>
    <span class="article-date">Published: <time class="published" datetime="2026-08-06T02:57:00+03:00">6 August</time></span>
    <span class="article-date">Updated: <time class="updated" datetime="2026-08-06T10:23:00+03:00">6 August</time></span>
    </article></body></html>"""
    m = meta(html, "https://x.example/en_GB/articles/security/2026/08/06/headline")
    assert m.section == "Security"
    assert m.language == "en"
    assert m.published == datetime(2026, 8, 6, 2, 57, tzinfo=PLUS3)
    assert m.modified == datetime(2026, 8, 6, 10, 23, tzinfo=PLUS3)
