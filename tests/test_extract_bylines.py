"""Bylines on unseen sites: small pages of our own making, one group per failure class, each
in English, Arabic and at least one more language/script. Every page is the shape of markup
that many sites share (HTML's <address>, rel=author and /author/ links, "By"-words, JSON-LD
that names only the first author, teaser cards), never one publisher's class names."""
from __future__ import annotations

import json

import lxml.html
import pytest

from crawler.extract import extract
from crawler.extract.article import Article
from crawler.extract.bylines import parse_byline
from crawler.extract.metadata import read_metadata

URL = "https://news.example.org/2024/05/12/story"


def authors(body: str, head: str = "", url: str = URL) -> list[str]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_metadata(lxml.html.fromstring(html), url).authors


def ld(author: object) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline of the story",
           "author": author}
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


TEXT = "<p>The government has been swift to denounce the attacks carried out on its soil.</p>"


# ---------------------------------------------------------------- parsing a printed byline

@pytest.mark.parametrize("text, names", [
    # a trailing separator and the date after it (the seed page's kind)
    ("By Anas al-Bar | 12 May 2024", ["Anas al-Bar"]),
    ("بقلم أنس البار | 12 مايو 2024", ["أنس البار"]),
    ("بقلم أنس البار | ١٢ مايو ٢٠٢٤", ["أنس البار"]),
    ("Von Max Muster | 12. Mai 2024, 10:15 Uhr", ["Max Muster"]),
    # "by"-words of more languages
    ("Di Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"]),
    ("Av Ola Nordmann og Kari Nordmann", ["Ola Nordmann", "Kari Nordmann"]),
    ("Автор: Иван Петров", ["Иван Петров"]),
    ("Автор: Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
    ("كتب: أنس البار", ["أنس البار"]),
    ("文/王小明", ["王小明"]),
    ("文／王小明、李大華", ["王小明", "李大華"]),
    ("記者 山田太郎", ["山田太郎"]),
    ("記者王小明／台北報導", ["王小明"]),
    # several names joined
    ("山田太郎、佐藤花子", ["山田太郎", "佐藤花子"]),
    ("بقلم أنس البار ومحمد علي", ["أنس البار", "محمد علي"]),
    ("بقلم أنس البار و محمد علي", ["أنس البار", "محمد علي"]),
    ("Yazan: Ayşe Yılmaz ve Mehmet Kaya", ["Ayşe Yılmaz", "Mehmet Kaya"]),
    # a name that starts with the letter waw is one name, not "and" + a name
    ("بقلم وليد خالد", ["وليد خالد"]),
    ("بقلم سامي وليد", ["سامي وليد"]),
    # a job title after a Korean, Japanese or Arabic name is not part of it
    ("박준석 기자", ["박준석"]),
    ("山田太郎記者", ["山田太郎"]),
    ("بقلم أنس البار، مراسل", ["أنس البار"]),
    ("Авторы: Иван Петров, Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
    ("Текст: Иван Петров", ["Иван Петров"]),
    ("Sehernur Karsu Güncelleme: 5 Nisan 2025", ["Sehernur Karsu"]),
    # a date label on the next line ends the byline
    ("بقلم أنس البار\nنشر في: ١٢ مايو ٢٠٢٤", ["أنس البار"]),
    ("Автор: Иван Петров\nОпубликовано 12 мая 2024", ["Иван Петров"]),
    # a photo credit names who took the picture
    ("Photo: John Smith", []),
    ("Foto: Max Muster / dpa", []),
    ("تصوير: أنس البار", []),
    ("写真：山田太郎", []),
])
def test_parse_byline_languages(text: str, names: list[str]) -> None:
    assert parse_byline(text) == names


# ---------------------------------------------------------------- <address>

@pytest.mark.parametrize("byline, expected", [
    ('<a href="/people/anas-al-bar">Anas al-Bar</a> | <time datetime="2024-05-12">12 May 2024</time>',
     ["Anas al-Bar"]),
    ("By Anas al-Bar |", ["Anas al-Bar"]),
    ("أنس البار | ١٢ مايو ٢٠٢٤", ["أنس البار"]),
    ("Max Muster und Erika Musterfrau", ["Max Muster", "Erika Musterfrau"]),
    ("Иван Петров", ["Иван Петров"]),
])
def test_byline_in_address_element(byline: str, expected: list[str]) -> None:
    # HTML: <address> in an <article> gives the contact information of that article's author.
    body = f"""<article><h1>Headline of the story</h1><address>{byline}</address>{TEXT}</article>"""
    assert authors(body) == expected


@pytest.mark.parametrize("address", [
    "1600 Pennsylvania Ave NW, Washington, DC 20500",
    "Unter den Linden 77, 10117 Berlin",
    "شارع الرشيد 12، بغداد",
])
def test_postal_address_in_the_article_is_not_a_byline(address: str) -> None:
    body = f"""<article><h1>Headline of the story</h1>{TEXT}<address>{address}</address></article>"""
    assert authors(body) == []


def test_site_contact_address_in_footer_is_not_a_byline() -> None:
    body = f"""<article><h1>Headline of the story</h1>{TEXT}</article>
    <footer><address>Jane Editor, 1 Main Street, Springfield</address></footer>"""
    assert authors(body) == []


# ---------------------------------------------------------------- links to author pages

@pytest.mark.parametrize("line, url, expected", [
    ('<a rel="author" href="/x/17">Jane Doe</a> and <a rel="author" href="/x/18">John Roe</a>', URL,
     ["Jane Doe", "John Roe"]),
    ('<a rel="author" href="/x/17">أنس البار</a> و<a rel="author" href="/x/18">محمد علي</a>', URL,
     ["أنس البار", "محمد علي"]),
    ('<a rel="author" href="/x/17">Max Muster</a> und <a rel="author" href="/x/18">Erika Musterfrau</a>', URL,
     ["Max Muster", "Erika Musterfrau"]),
    ('Par <a href="/auteur/jean-dupont">Jean Dupont</a> et <a href="/auteur/marie-curie">Marie Curie</a>',
     "https://info.example.fr/2024/05/12/x", ["Jean Dupont", "Marie Curie"]),
    ('<a href="/ar/kuttab/anas-al-bar">أنس البار</a>', "https://ar.example.org/ar/2024/05/12/x", ["أنس البار"]),
    ('<a href="/avtory/ivan-petrov">Иван Петров</a>', "https://ru.example.org/2024/05/12/x", ["Иван Петров"]),
    ('Por <a href="/autor/juan-perez/">Juan Pérez</a>', "https://es.example.org/2024/05/12/x", ["Juan Pérez"]),
])
def test_unmarked_byline_from_author_page_links(line: str, url: str, expected: list[str]) -> None:
    body = f"""<h1>Headline of the story</h1><div>{line}</div>{TEXT}"""
    assert authors(body, url=url) == expected


# ---------------------------------------------------------------- unmarked "By" lines

@pytest.mark.parametrize("line, expected", [
    ("<span>By Anas al-Bar |</span> <span>12 May 2024</span>", ["Anas al-Bar"]),
    ("<div>بقلم أنس البار |</div>", ["أنس البار"]),
    ("<span>Von Max Muster und Erika Musterfrau</span>", ["Max Muster", "Erika Musterfrau"]),
    ("<span>Автор: Иван Петров</span>", ["Иван Петров"]),
    ("<div>文/王小明</div>", ["王小明"]),
])
def test_unmarked_by_line_after_headline(line: str, expected: list[str]) -> None:
    body = f"""<div class="main"><h1>Headline of the story</h1><div class="info">{line}</div>{TEXT}</div>"""
    assert authors(body) == expected


@pytest.mark.parametrize("line, expected", [
    ("<p>Written by Jane Roe on March 12, 2026</p>", ["Jane Roe"]),
    ("<p>Posted by Jane Roe</p>", ["Jane Roe"]),
    ("<div>نشر بواسطة أنس البار</div>", ["أنس البار"]),
    ("<div>كتبه أنس البار</div>", ["أنس البار"]),
    ("<span>Escrito por Juan Pérez el 12 de marzo de 2026</span>", ["Juan Pérez"]),
    ("<span>Écrit par Marie Dupont le 12 mars 2026</span>", ["Marie Dupont"]),
    ("<span>Geschrieben von Max Muster am 12. März 2026</span>", ["Max Muster"]),
    ("<span>Scritto da Mario Rossi</span>", ["Mario Rossi"]),
])
def test_a_by_line_opening_with_written_by_or_posted_by(line: str, expected: list[str]) -> None:
    """Blogs and small sites print "Written by …" / "Posted by …" under the headline, in
    their own language, with the day after the name."""
    body = f"""<div class="main"><h1>Headline of the story</h1><div class="info">{line}</div>{TEXT}</div>"""
    assert authors(body) == expected


@pytest.mark.parametrize("line", [
    "<span>By contrast, the market rose.</span>",
    "<div>By Tuesday officials said</div>",
    "<div>By The Numbers</div>",
    "<span>Von Montag bis Freitag</span>",
    "<div>Von Berlin nach Hamburg</div>",
    "<div>Por Qué Importa</div>",
    "<div>كتب مفيدة للأطفال</div>",
])
def test_phrase_starting_with_a_by_word_is_not_a_byline(line: str) -> None:
    body = f"""<div class="main"><h1>Headline of the story</h1><div class="info">{line}</div>{TEXT}</div>"""
    assert authors(body) == []


# ---------------------------------------------------------------- structured data vs the page

@pytest.mark.parametrize("ld_author, byline, expected", [
    ([person("Jane Doe")], "By Jane Doe, John Roe and Max Muster", ["Jane Doe", "John Roe", "Max Muster"]),
    (person("أنس البار"), "بقلم أنس البار ومحمد علي", ["أنس البار", "محمد علي"]),
    ("Max Muster", "Von Max Muster und Erika Musterfrau", ["Max Muster", "Erika Musterfrau"]),
])
def test_visible_byline_with_more_persons_beats_first_author_only(
        ld_author: object, byline: str, expected: list[str]) -> None:
    body = f"""<article><h1>Headline of the story</h1><div class="byline">{byline}</div>{TEXT}</article>"""
    assert authors(body, ld(ld_author)) == expected


def test_visible_byline_with_other_persons_does_not_replace_structured_author() -> None:
    # The visible list must repeat the structured author to be the same byline.
    body = f"""<article><h1>Headline of the story</h1><div class="byline">By Jane Doe and John Roe</div>
    {TEXT}</article>"""
    assert authors(body, ld(person("Max Muster"))) == ["Max Muster"]


def test_meta_first_author_only() -> None:
    head = '<meta name="author" content="Иван Петров">'
    body = f"""<article><h1>Headline of the story</h1><p class="article-author">Автор: Иван Петров
    и Анна Смирнова</p>{TEXT}</article>"""
    assert authors(body, head) == ["Иван Петров", "Анна Смирнова"]


# ---------------------------------------------------------------- names that are not this article's

@pytest.mark.parametrize("other", [
    '<article class="post"><h3><a href="/2024/05/11/y">Other story</a></h3><div class="byline">By Ann Other</div></article>',
    '<article><h3>قصة أخرى</h3><address>بقلم سامي نادر</address></article>',
    '<article><h3>Andere Meldung</h3><p>Von <a href="/autor/karl-kurz">Karl Kurz</a></p></article>',
])
def test_bylines_of_other_articles_on_the_page_are_not_taken(other: str) -> None:
    # Teasers marked up as their own <article> elements (HTML: a self-contained composition),
    # with the story's headline inside its own <article>.
    body = f"""<main><article><h1>Headline of the story</h1>{TEXT}</article>
    <section>{other}</section></main>"""
    assert authors(body) == []


@pytest.mark.parametrize("comment", [
    '<article class="c"><address>By Ann Other</address><p>Great piece.</p></article>',
    '<article class="c"><p>Von <a rel="author" href="/u/karl">Karl Kurz</a></p></article>',
    '<article class="c"><address>بقلم سامي نادر</address></article>',
])
def test_comments_nested_as_articles_are_not_the_byline(comment: str) -> None:
    body = f"""<article><h1>Headline of the story</h1><div class="byline">By Jane Doe</div>{TEXT}
    <section>{comment}</section></article>"""
    assert authors(body) == ["Jane Doe"]


@pytest.mark.parametrize("credit", [
    "<p><small>Photo: John Smith</small></p>",
    "<p>Foto: Max Muster / dpa</p>",
    "<p>تصوير: أنس البار</p>",
])
def test_photo_credit_after_the_headline_is_not_a_byline(credit: str) -> None:
    body = f"""<h1>Headline of the story</h1><img src="a.jpg">{credit}{TEXT}"""
    assert authors(body) == []


@pytest.mark.parametrize("ld_author, line, expected", [
    ("Jane Doe", '<span class="meta">By <b>Jane Doe</b> and <b>John Roe</b> |</span> '
     '<span>Published: May 12, 2024</span>', ["Jane Doe", "John Roe"]),
    ("أنس البار", '<span>بقلم <b>أنس البار</b> و<b>محمد علي</b> |</span>\n'
     '<span>نشر في: ١٢ مايو ٢٠٢٤</span>', ["أنس البار", "محمد علي"]),
    ("Max Muster", '<span>Von <b>Max Muster</b> und <b>Erika Musterfrau</b></span>\n'
     '<span>Veröffentlicht am 12. Mai 2024</span>', ["Max Muster", "Erika Musterfrau"]),
])
def test_date_labels_next_to_the_printed_byline_are_not_authors(
        ld_author: str, line: str, expected: list[str]) -> None:
    body = f"""<article><h1>Headline of the story</h1><div class="meta-row">{line}</div>{TEXT}</article>"""
    assert authors(body, ld(person(ld_author))) == expected


@pytest.mark.parametrize("boxes, expected", [
    ('<div class="person"><a href="/p/1">Ingrid Treborg</a></div><div class="person"><a href="/p/2">Jane Doe</a></div>',
     ["Ingrid Treborg", "Jane Doe"]),
    ('<li class="who"><span>أنس البار</span></li><li class="who"><span>محمد علي</span></li>',
     ["أنس البار", "محمد علي"]),
    ('<div class="p"><span>Max</span> <span>Muster</span></div><div class="p"><span>Erika</span> '
     '<span>Musterfrau</span></div>', ["Max Muster", "Erika Musterfrau"]),
])
def test_one_box_per_author_beside_the_structured_one(boxes: str, expected: list[str]) -> None:
    # JSON-LD names one author; the page prints one box per author, each repeating the same markup.
    first = expected[-1] if "Jane" in expected[-1] else expected[0]
    wrap = "ul" if boxes.startswith("<li") else "div"
    body = f"""<article><h1>Headline of the story</h1><{wrap} class="row">{boxes}</{wrap}>{TEXT}</article>"""
    assert authors(body, ld(person(first))) == expected


def test_boxes_beside_the_author_that_hold_no_name_add_nothing() -> None:
    # A photo caption and the date sit in boxes near the byline; they are not further authors.
    body = f"""<article><h1>Headline of the story</h1><div class="top">
    <div class="x"><p>The minister, José Manuel Albares, in Madrid. EFE/ J.J. Guillén</p></div>
    <div class="x"><p><a href="/p/ao">Alberto Órfão</a></p><p>25 May 2025 16:51</p></div></div>{TEXT}</article>"""
    assert authors(body, ld(person("Alberto Órfão"))) == ["Alberto Órfão"]


@pytest.mark.parametrize("ld_author, line, expected", [
    ("Jane Doe", '<span>By <b>Jane Doe</b> and <b>John Roe</b></span> <span class="cat">World News</span>',
     ["Jane Doe", "John Roe"]),
    ("أنس البار", '<span>بقلم <b>أنس البار</b> و<b>محمد علي</b></span> <span class="cat">أخبار العالم</span>',
     ["أنس البار", "محمد علي"]),
    ("Max Muster", '<span>Von <b>Max Muster</b> und <b>Erika Musterfrau</b></span> <span class="cat">Politik Ausland</span>',
     ["Max Muster", "Erika Musterfrau"]),
])
def test_printed_byline_is_the_element_that_starts_with_by(ld_author: str, line: str, expected: list[str]) -> None:
    # The section label printed on the same row is not part of the byline.
    body = f"""<article><h1>Headline of the story</h1><div class="row">{line}</div>{TEXT}</article>"""
    assert authors(body, ld(person(ld_author))) == expected


@pytest.mark.parametrize("credit", [
    '<div class="contributors"><span>Photo: John Smith</span></div>',
    '<div class="contributors">Foto: Max Muster</div>',
    '<div class="contributors">تصوير: أنس البار</div>',
])
def test_photo_credit_in_contributors_box_is_not_a_byline(credit: str) -> None:
    body = f"""<article><h1>Headline of the story</h1>{TEXT}{credit}</article>"""
    assert authors(body) == []


@pytest.mark.parametrize("address, expected", [
    ("By Jane Doe", ["Jane Doe"]),
    ("بقلم أنس البار", ["أنس البار"]),
    ("Von Max Muster", ["Max Muster"]),
])
def test_address_in_the_articles_own_footer(address: str, expected: list[str]) -> None:
    # HTML's own example: <article> ... <footer><address>author</address></footer></article>
    body = f"""<article><h1>Headline of the story</h1>{TEXT}<footer><address>{address}</address>
    </footer></article><footer><p>Example Herald, all rights reserved</p></footer>"""
    assert authors(body) == expected


@pytest.mark.parametrize("box", ['<div class="recirc">{}</div>', '<section class="read-next"><div>{}</div></section>',
                                 '<ul class="story-list"><li>{}</li></ul>'])
@pytest.mark.parametrize("card", [
    '<h3><a href="/2024/05/11/other">Ministers meet again after the storm</a></h3><div class="byline">By Ann Other</div>',
    '<h3><a href="/ar/2024/05/11/other">الوزراء يجتمعون مجددا بعد العاصفة</a></h3><span class="author">بقلم سامي نادر</span>',
    '<a href="/2024/05/11/andere"><h4>Minister treffen sich nach dem Sturm erneut</h4></a><p>Von <a href="/autor/karl-kurz">Karl Kurz</a></p>',
    '<h3><a href="/2024/05/11/x">台風の後に閣僚が再び会合</a></h3><p>記者 山田太郎</p>',
])
def test_teaser_card_bylines_are_not_the_articles(box: str, card: str) -> None:
    # A card with a linked headline of another story and its byline, whatever the box is called.
    body = f"""<div class="main"><h1>Headline of the story</h1>{TEXT}</div>{box.format(card)}"""
    assert authors(body) == []


@pytest.mark.parametrize("head, byline, expected", [
    # blog themes print the page's own title as a link to itself
    ('<h2 class="entry-title"><a href="/2024/05/12/story">Headline of the story</a></h2>',
     '<div class="byline">By Jane Doe</div>', ["Jane Doe"]),
    ('<h2><a href="/2024/05/12/story">Headline of the story</a></h2>',
     '<span class="author">بقلم أنس البار</span>', ["أنس البار"]),
    # a linked topic label above the headline, and the byline printed as a linked heading
    ('<h6><a href="/topic/chaos">Chaostheorie</a></h6><h1>Headline of the story</h1>',
     '<h6 class="byline">Von <a href="/u/mm">Max Muster</a></h6>', ["Max Muster"]),
])
def test_own_linked_title_and_topic_label_are_not_teasers(head: str, byline: str, expected: list[str]) -> None:
    html_head = "<title>Headline of the story | Example Herald</title>"
    body = f"""<div class="post">{head}{byline}{TEXT}</div>"""
    assert authors(body, html_head) == expected


@pytest.mark.parametrize("first, cards, expected", [
    ("Anas al-Bar", '<div class="author-card"><img src="a.jpg" alt=""><a href="/authors/anas">Anas al-Bar</a></div>'
     '<div class="author-card"><img src="b.jpg" alt=""><a href="/authors/rawan">Rawan Hussein</a></div>',
     ["Anas al-Bar", "Rawan Hussein"]),
    ("أنس البار", '<div class="author-card"><a href="/ar/kuttab/1">أنس البار</a></div>'
     '<div class="author-card"><a href="/ar/kuttab/2">روان الحسين</a></div>', ["أنس البار", "روان الحسين"]),
    ("Иван Петров", '<div class="card-author"><span>Иван Петров</span></div>'
     '<div class="card-author"><span>Анна Смирнова</span></div>', ["Иван Петров", "Анна Смирнова"]),
])
def test_author_cards_are_the_byline_not_teaser_cards(first: str, cards: str, expected: list[str]) -> None:
    # "card" names teaser cards on many sites; a card named for the author is the byline.
    body = f"""<article><h1>Headline of the story</h1><div class="authors">{cards}</div>{TEXT}
    <aside class="related"><div class="author-card"><a href="/authors/x">Other Person</a></div></aside></article>"""
    assert authors(body, ld(person(first))) == expected


@pytest.mark.parametrize("byline, expected", [
    ('<div class="byline">By Jane Doe</div>', ["Jane Doe"]),
    ("<address>بقلم أنس البار</address>", ["أنس البار"]),
    ('<p>Von <a href="/autor/max-muster">Max Muster</a></p>', ["Max Muster"]),
])
def test_story_split_into_header_and_text_articles(byline: str, expected: list[str]) -> None:
    # The headline in one <article>, the byline and the long text in the next one: the same story.
    body = f"""<main><article class="story-header"><h1>Headline of the story</h1></article>
    <article class="story-text">{byline}{TEXT * 20}</article></main>"""
    assert authors(body) == expected


@pytest.mark.parametrize("next_byline", [
    '<div class="byline">By Ann Other</div>',
    "<address>بقلم سامي نادر</address>",
    '<p>Von <a href="/autor/karl-kurz">Karl Kurz</a></p>',
])
def test_next_story_loaded_below_is_not_the_byline(next_byline: str) -> None:
    # Infinite scroll: the next story, with its own <h1>, in an <article> after this one.
    body = f"""<main><article><h1>Headline of the story</h1>{TEXT * 5}</article>
    <article><h1>The next story on the site</h1>{next_byline}{TEXT * 20}</article></main>"""
    assert authors(body) == []


@pytest.mark.parametrize("byline, expected", [
    ("By <b>Jane Doe</b><br>Staff Writer", ["Jane Doe"]),
    ("By <b>Nathan Willis</b><br>March 25, 2015", ["Nathan Willis"]),
    ("بقلم أنس البار<br>مراسل الشؤون الأمنية", ["أنس البار"]),
    ("Von Max Muster<br>Erika Musterfrau", ["Max Muster", "Erika Musterfrau"]),
])
def test_line_break_ends_a_name_in_the_byline(byline: str, expected: list[str]) -> None:
    body = f"""<article><h1>Headline of the story</h1><div class="byline">{byline}</div>{TEXT}</article>"""
    assert authors(body) == expected


@pytest.mark.parametrize("byline, expected", [
    ('<span>By</span> <a href="/authors/jane-doe/">Jane Doe</a><span class="job-title">Travel News '
     'Reporter</span>', ["Jane Doe"]),
    ('<a href="/authors/jane-doe/" itemprop="author"><span itemprop="name">Jane Doe</span></a>'
     '<span itemprop="jobTitle">Senior Correspondent</span>', ["Jane Doe"]),
    ('بقلم <a href="/author/anas/">أنس البار</a><span class="author-role">مراسل الشؤون الأمنية</span>',
     ["أنس البار"]),
    ('Von <a href="/autoren/max-muster/">Max Muster</a><span class="author__position">Redakteur Politik'
     '</span>', ["Max Muster"]),
])
def test_job_title_in_its_own_element_is_not_part_of_the_name(byline: str, expected: list[str]) -> None:
    body = f"""<article><h1>Headline of the story</h1><div class="author">{byline}</div>{TEXT}</article>"""
    assert authors(body) == expected


@pytest.mark.parametrize("text, names", [
    ("By Jane Doe for The Guardian", ["Jane Doe"]),
    ("By Dolores Chang For Dailymail.Com", ["Dolores Chang"]),
    ("Par Marie Dupont pour Le Monde", ["Marie Dupont"]),
    ("Von Max Muster für die Zeit", ["Max Muster"]),
    ("Por Ana García para El País", ["Ana García"]),
    # a name of two words is never cut, whatever its second word
    ("By Anna Per Olsen and Jane For", ["Anna Per Olsen", "Jane For"]),
])
def test_the_outlet_written_for_is_not_part_of_the_name(text: str, names: list[str]) -> None:
    assert parse_byline(text) == names


@pytest.mark.parametrize("ld_author, byline", [
    ("Jane Doe", "By Jane Doe, New York"),
    ("أنس البار", "بقلم أنس البار، بغداد"),
    ("Max Muster", "Von Max Muster, Bad Homburg"),
])
def test_place_after_the_structured_author_is_not_another_author(ld_author: str, byline: str) -> None:
    # A comma alone adds a place or an outlet to a byline; an author list has an "and".
    body = f"""<article><h1>Headline of the story</h1><div class="byline">{byline}</div>{TEXT}</article>"""
    assert authors(body, ld(person(ld_author))) == [ld_author]


SEED_KIND = """<html lang="{lang}"><head><title>{title} | Example Herald</title></head><body>
<header><nav><a href="/">Home</a> <a href="/security">{section}</a></nav></header>
<main><div class="content"><div class="label">{section}</div><h1>{title}</h1><p class="lead">{dek}</p>
<figure><img src="/img/1.jpg" alt=""><figcaption>{caption} [Ayman Henna/AFP]</figcaption></figure>
<div class="info"><span>{by} |</span></div>
{paras}</div></main>
<footer><p>Do you like this article?</p></footer></body></html>"""


@pytest.mark.parametrize("lang, by, expected, sentence", [
    ("en", "By Anas al-Bar", ["Anas al-Bar"],
     "The Iraqi government has been swift to denounce recent attacks carried out on its soil."),
    ("ar", "بقلم أنس البار", ["أنس البار"],
     "سارعت الحكومة العراقية إلى إدانة الهجمات الأخيرة التي نفذت على أراضيها وأكدت أنها تفضل الحوار."),
    ("de", "Von Anas al-Bar", ["Anas al-Bar"],
     "Die irakische Regierung hat die jüngsten Angriffe auf ihrem Boden rasch verurteilt und betont den Dialog."),
])
def test_seed_kind_page_end_to_end(lang: str, by: str, expected: list[str], sentence: str) -> None:
    # The seed page's shape: no byline markup, "By NAME |" after the photo; through extract().
    html = SEED_KIND.format(lang=lang, title="Attacks on coalition base undermine the government",
                            section="Security", dek="Attacks claimed by an Iran-aligned coalition.",
                            caption="Soldiers clear rubble at the air base.", by=by,
                            paras="".join(f"<p>{sentence} ({i})</p>" for i in range(8)))
    art = extract(html.encode("utf-8"), "https://news.example.org/en/articles/2024/05/12/story")
    assert art.authors == expected


# ---------------------------------------------------------------- newsroom profile links

@pytest.mark.parametrize("line, url, expected", [
    ('<a href="/redaktion/max-kolter-1234.html">Max Kolter</a>', "https://www.zeitung.example/politik/x",
     ["Max Kolter"]),
    ('<a href="/about/editors/jane-doe/">Jane Doe</a>, 11.03.17 in Gadgets', URL, ["Jane Doe"]),
    ('<a href="/@janedoe?source=post_page">Jane Doe</a>', "https://blog.example.com/story-9f3a",
     ["Jane Doe"]),
    ('<a href="https://blog.example.com/@annas">أنس البار</a>', "https://blog.example.com/p/1",
     ["أنس البار"]),
    ('<a href="/redactie/pieter-de-vries">Pieter de Vries</a>', "https://nieuws.example.nl/x", ["Pieter de Vries"]),
    ('<a href="/staff/ivan-petrov/">Иван Петров</a>', "https://ru.example.org/2024/05/12/x", ["Иван Петров"]),
    # a writer's biography or profile page, and a job title too long for an unmarked by-line
    ('By <a href="/bio/jane-roe">Jane Roe</a>, Senior Staff Technologist, Speech, Privacy, and '
     'Technology Project of the Civil Liberties Union', URL, ["Jane Roe"]),
    ('<a href="/profile/anas-al-bar">أنس البار</a>، مراسل الشؤون السياسية', "https://ar.example.org/x",
     ["أنس البار"]),
    ('<a href="/profiles/ivan-petrov">Иван Петров</a>', "https://ru.example.org/2024/05/12/x", ["Иван Петров"]),
])
def test_byline_from_newsroom_profile_links(line: str, url: str, expected: list[str]) -> None:
    body = f"""<h1>Headline of the story</h1><div>{line}</div>{TEXT}"""
    assert authors(body, url=url) == expected


@pytest.mark.parametrize("line", [
    # a topic page about a person, a post under a handle, a social profile elsewhere
    '<a href="/people/taylor-swift">Taylor Swift</a>',
    '<a href="/@janedoe/why-i-left-123">Why I left</a>',
])
def test_person_topic_and_post_links_are_not_bylines(line: str) -> None:
    body = f"""<h1>Headline of the story</h1><div>{line}</div>{TEXT}"""
    assert authors(body) == []


# ---------------------------------------------------------------- headlines that are not h1

@pytest.mark.parametrize("heading, line, expected", [
    ("<h2>Council approves the new harbour plan</h2>", "<div>By Jane Doe</div>", ["Jane Doe"]),
    ('<div role="heading" aria-level="1">مجلس المدينة يوافق على خطة الميناء</div>',
     "<div>بقلم أنس البار</div>", ["أنس البار"]),
    ("<h3>Городской совет одобрил план порта</h3>", "<span>Автор: Иван Петров</span>", ["Иван Петров"]),
])
def test_byline_after_a_headline_printed_without_h1(heading: str, line: str, expected: list[str]) -> None:
    title = lxml.html.fromstring(heading).text_content()
    body = f"""<div class="top"><h2>Latest</h2></div><div class="main">{heading}<div>{line}</div>{TEXT}</div>"""
    assert authors(body, head=f"<title>{title} | Example News</title>") == expected


def test_css_in_js_style_elements_are_not_read_as_text() -> None:
    """Emotion/styled-components put <style> inside elements; its CSS is never a headline or a
    name."""
    html = ("<html><head><title>Council approves the new harbour plan</title></head><body>"
            "<h1><style>.css-1x{font-family:Serif}</style>Council approves the new harbour plan</h1>"
            "<p class='byline'><style>.css-2y{color:red}</style>By Jane Doe</p>"
            + "<p>The council met on Tuesday and approved the plan after a long debate.</p>" * 8
            + "</body></html>")
    article = extract(html, URL)
    assert article.title == "Council approves the new harbour plan"
    assert article.authors == ["Jane Doe"]
    assert all("{" not in block.text for block in article.body)


# ---------------------------------------------------------------- the headline printed unlike the SEO title

@pytest.mark.parametrize("heading, line, expected", [
    ("<h2>Council approves the harbour plan after a long night</h2>",
     '<p>By <a href="/authors/jane-doe">Jane Doe</a></p>', ["Jane Doe"]),
    ("<h2>مجلس المدينة يوافق على خطة الميناء بعد ليلة طويلة</h2>", "<div>بقلم أنس البار</div>", ["أنس البار"]),
    ("<h2><span>Hafen</span><span>:</span><span>Stadtrat billigt den Plan nach langer Nacht</span></h2>",
     '<p>Von <a href="/autoren/max-muster-1.17">Max Muster</a></p>', ["Max Muster"]),
])
def test_byline_after_the_article_header_headline_that_the_title_does_not_repeat(
        heading: str, line: str, expected: list[str]) -> None:
    """The <title> and og:title carry a search-engine title the page never prints; the visible
    headline is the heading of the <article>'s <header> (HTML's introductory content), and the
    byline after it is the article's. A teaser card's header inside the article is not it."""
    teaser = ('<article class="teaser"><header><h2>Another story entirely</h2></header>'
              '<p>By <a href="/authors/someone-else">Someone Else</a></p></article>')
    body = (f'<div class="top"><h2>Latest</h2></div><article><header>{heading}</header>{line}'
            f'{TEXT * 6}{teaser}</article>')
    head = "<title>Harbour: what the council decided | Example News</title>"
    assert authors(body, head=head) == expected


# ---------------------------------------------------------------- Dublin Core "Family, Given"

@pytest.mark.parametrize("meta, expected", [
    ('<meta name="dc.creator" content="Brazil, Rachel">', ["Rachel Brazil"]),
    ('<meta name="DC.creator" content="Lenharo, Mariana"><meta name="DC.creator" content="Basu, Mohana">',
     ["Mariana Lenharo", "Mohana Basu"]),
    ('<meta name="citation_author" content="Иванова, Мария">', ["Мария Иванова"]),
    ('<meta name="dcterms.creator" content="van der Berg, Anna">', ["Anna van der Berg"]),
    # a whole name then an outlet, and a plain name: unchanged
    ('<meta name="dc.creator" content="Jane Doe, Reuters">', ["Jane Doe"]),
    ('<meta name="dc.creator" content="أنس البار">', ["أنس البار"]),
])
def test_dublin_core_creators_written_family_first(meta: str, expected: list[str]) -> None:
    assert authors(TEXT, head=meta) == expected


# ---------------------------------------------------------------- bylines named by test ids

@pytest.mark.parametrize("byline, expected", [
    ('<div data-testid="byline"><span class="sc-1x2y">Jane Doe</span></div>', ["Jane Doe"]),
    ('<span data-testid="byline-contributors"><div class="sc-e5">أنس البار</div></span>', ["أنس البار"]),
    ('<div data-component="byline-block"><span class="css-2udw1p">Иван Петров</span></div>',
     ["Иван Петров"]),
])
def test_byline_named_only_by_a_test_id(byline: str, expected: list[str]) -> None:
    """Component-built pages give elements generated class names; the byline's name is in its
    data-testid or data-component attribute."""
    body = f"<h1>Council approves the new harbour plan</h1>{byline}{TEXT}"
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == expected


# ---------------------------------------------------------------- a "By" line behind a decoration

@pytest.mark.parametrize("line, expected", [
    ("// By Arun Krishnan • Nov 11, 2020", ["Arun Krishnan"]),
    ("— Par Marie Dupont", ["Marie Dupont"]),
    ("· بقلم أنس البار", ["أنس البار"]),
])
def test_by_line_after_a_decoration(line: str, expected: list[str]) -> None:
    body = f"<h1>Council approves the new harbour plan</h1><div><span>{line}</span></div>{TEXT}"
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == expected


@pytest.mark.parametrize("byline, expected", [
    ('<div data-cy="byline"><span class="x1">Jane Doe</span></div>', ["Jane Doe"]),
    ('<div data-cy="author-name"><span class="x1">أنس البار</span></div>', ["أنس البار"]),
    ('<div data-cy="article-author"><span class="x1">Иван Петров</span></div>', ["Иван Петров"]),
])
def test_byline_named_by_other_test_frameworks_ids(byline: str, expected: list[str]) -> None:
    """Cypress's data-cy names elements as data-testid does."""
    body = f"<h1>Council approves the new harbour plan</h1>{byline}{TEXT}"
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == expected


# ---------------------------------------------------------------- a job title styled as its own line

@pytest.mark.parametrize("byline, expected", [
    ('<div class="byline">By <a href="/author/jane-doe">Jane Doe</a> '
     '<span class="block mt-1">Senior Political Correspondent</span></div>', ["Jane Doe"]),
    ('<aside class="author-box"><span>Von <a href="/autor/sina-zehrfeld/">Sina Zehrfeld</a></span> '
     '<span class="block">Landespolitische Korrespondentin</span></aside>', ["Sina Zehrfeld"]),
    ('<div class="byline">بقلم <a href="/kuttab/anas-albar">أنس البار</a> '
     '<span class="muted">دبي</span></div>', ["أنس البار"]),
])
def test_job_title_after_a_linked_name_is_not_part_of_it(byline: str, expected: list[str]) -> None:
    """Only CSS puts the job title on a line of its own; the author link says where the name
    ends."""
    body = f"<h1>Council approves the new harbour plan</h1><article>{byline}{TEXT}</article>"
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == expected


# ---------------------------------------------------------------- a note in brackets after a name

@pytest.mark.parametrize("text, expected", [
    ("Chus del Pino, Martí Abad (Enviado especial)", ["Chus del Pino", "Martí Abad"]),
    ("By Jane Doe (AP)", ["Jane Doe"]),
    ("Jane Doe (Reuters), John Roe", ["Jane Doe", "John Roe"]),
    ("أنس البار (القاهرة)", ["أنس البار"]),
    ("田中太郎（ワシントン）", ["田中太郎"]),
    ("(AP)", ["AP"]),
])
def test_a_note_in_brackets_after_a_name_is_not_part_of_it(text: str, expected: list[str]) -> None:
    assert parse_byline(text) == expected


# ---------------------------------------------------------------- one card per author, side by side

@pytest.mark.parametrize("names", [
    ["Jasper Riemann", "Barbara Schneider"],
    ["أنس البار", "محمد علي"],
    ["Иван Петров", "Мария Иванова", "Олег Смирнов"],
])
def test_author_cards_side_by_side_are_all_authors(names: list[str]) -> None:
    """Each author is a card (a profile link with a picture and the name in a marked span);
    the cards sit in an unmarked row. Every card's name is an author."""
    cards = "".join(
        f'<a class="ArticleAuthor_author__x1" href="/autoren/{i}"><figure><img src="/p/{i}.jpg" '
        f'alt=""></figure><span class="ArticleAuthor_authorName__y2">{n}</span></a>'
        for i, n in enumerate(names))
    body = (f"<h1>Council approves the new harbour plan</h1><article><div class=\"row\">"
            f"<div>Von</div><div>{cards}</div></div>{TEXT}</article>")
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == names


def test_author_views_counter_is_not_a_byline() -> None:
    """A view counter classed after the author ("author-views") holds a label and a number."""
    body = ('<h1>Council approves the new harbour plan</h1><article><div>'
            '<span class="author-views">人氣(<span>23925</span>)</span></div>' + TEXT + '</article>')
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == []


# ---------------------------------------------------------------- labels and places are no names

@pytest.mark.parametrize("text, expected", [
    ("Weitere Quellen • AP", ["AP"]),
    ("Zdroj: ČTK", ["ČTK"]),
    ("المصدر: وكالات", []),
    ("Jane Doe", ["Jane Doe"]),
])
def test_a_label_of_sources_is_no_name(text: str, expected: list[str]) -> None:
    assert parse_byline(text) == expected


@pytest.mark.parametrize("byline, expected", [
    ('<div class="author_details"><p class="author_name"><a href="/autores/a">Chus del Pino</a></p>'
     '<p class="author_location">Sevilla</p></div>', ["Chus del Pino"]),
    ('<div class="byline"><span class="byline__name">أنس البار</span>'
     '<span class="byline__place">دبي</span></div>', ["أنس البار"]),
    ('<div class="author"><span class="author-name">Иван Петров</span>'
     '<span class="author__location">Москва</span></div>', ["Иван Петров"]),
])
def test_the_place_beside_a_byline_is_no_author(byline: str, expected: list[str]) -> None:
    body = f"<h1>Council approves the new harbour plan</h1><article>{byline}{TEXT}</article>"
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == expected


@pytest.mark.parametrize("text", ["Mehmet Kaynak", "Giovanni Fonte", "Anna Bron"])
def test_a_family_name_spelled_like_a_source_label_is_a_name(text: str) -> None:
    assert parse_byline(f"By {text}") == [text]


def test_a_byline_line_classed_as_the_dateline_is_read() -> None:
    """Some sites class the byline line as the story's dateline."""
    body = ('<h1>Council approves the new harbour plan</h1><article><div class="byline dateline">'
            '<span>Jane Doe</span></div>' + TEXT + '</article>')
    assert authors(body, head="<title>Council approves the new harbour plan</title>") == ["Jane Doe"]


@pytest.mark.parametrize("link, site, expected", [
    ("Jane Doe, professor at the Faculty of Humanities of the University of Leeds, Example Times",
     "Example Times", ["Jane Doe"]),
    ("أنس البار، أستاذ العلوم السياسية في كلية الحقوق بجامعة القاهرة، الموقع", "الموقع", ["أنس البار"]),
    ("Jonas Petraitis, Vilniaus universiteto Tarptautinių santykių ir politikos mokslų "
     "instituto profesorius, Pavyzdys.lt", "Pavyzdys", ["Jonas Petraitis"]),
    ("Иван Петров, профессор кафедры международных отношений Московского государственного "
     "университета, Пример", "Пример", ["Иван Петров"]),
])
def test_a_description_after_an_authors_name_ends_the_byline(link: str, site: str,
                                                              expected: list[str]) -> None:
    """A guest writer's author link names them, then their post and institution, then the
    outlet: the description and what follows it are no names, and the link still gives the name."""
    head = f'<meta property="og:site_name" content="{site}">'
    body = (f'<article><h1>Headline of the story</h1><div class="author-line">'
            f'<span><a href="/author/x-1188257">{link}</a></span> <span>2024.03.31 19:59</span></div>'
            f"{TEXT}</article>")
    assert authors(body, head) == expected
    assert parse_byline(link) == expected


@pytest.mark.parametrize("line, expected", [
    # Korean bylines and wire credits: the place the reporter filed from, with "="
    ("서울=홍길동 기자 hong@example.kr", ["홍길동"]),
    ("워싱턴=홍길동 특파원", ["홍길동"]),
    ("(서울=연합뉴스) 홍길동 기자", ["홍길동"]),
    ("[서울신문] 홍길동·김철수 기자", ["홍길동", "김철수"]),
    # Japanese with the full-width "＝"
    ("ワシントン＝山田太郎", ["山田太郎"]),
    # an agency or place in brackets before the name, in English and Arabic
    ("(AP) Jane Doe", ["Jane Doe"]),
    ("(القاهرة) أحمد علي", ["أحمد علي"]),
])
def test_a_place_or_outlet_printed_before_the_name_is_no_part_of_it(line: str, expected: list[str]) -> None:
    assert authors(f'<div class="byline">{line}</div>') == expected


@pytest.mark.parametrize("line, expected", [
    # Chinese: "this paper's reporter", a whole byline in brackets after the lead
    ("本报记者 张三", ["张三"]),
    ("（记者 张三）", ["张三"]),
    # Japanese "text:" with a full-width colon; Korean "text and photos=" before the name
    ("文：山田太郎", ["山田太郎"]),
    ("글·사진=홍길동 기자", ["홍길동"]),
    # "by"-words of Thai, Hindi, Indonesian and Turkish
    ("โดย สมชาย ใจดี", ["สมชาย ใจดี"]),
    ("लेखक: राम शर्मा", ["राम शर्मा"]),
    ("Oleh Budi Santoso", ["Budi Santoso"]),
    ("Penulis: Budi Santoso", ["Budi Santoso"]),
    ("Haber: Ahmet Yılmaz", ["Ahmet Yılmaz"]),
    # and Arabic and English, for comparison
    ("بقلم أحمد علي", ["أحمد علي"]),
    ("(By Jane Doe)", ["Jane Doe"]),
])
def test_by_words_and_labels_of_more_languages_are_no_part_of_the_name(line: str, expected: list[str]) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Por Maria Silva e João Souza, da Folha", ["Maria Silva", "João Souza"]),
    ("Por Maria Silva, do G1", ["Maria Silva"]),
    ("Par Jean Dupont, du Monde", ["Jean Dupont"]),
    ("By Jane Doe, of the Guardian", ["Jane Doe"]),
    # an agency named on its own is the byline's, as the page gives it
    ("Von Max Muster, dpa", ["Max Muster", "dpa"]),
    ("بقلم أحمد علي، رويترز", ["أحمد علي", "رويترز"]),
])
def test_the_outlet_a_writer_is_from_is_no_author(line: str, expected: list[str]) -> None:
    """"Name, da Folha" says where the writer works, as "Name for The Guardian" does."""
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    # who took the pictures or edited the story wrote none of it
    ("Text: Jane Roe, Photos: John Doe", ["Jane Roe"]),
    ("Reporting by Jane Roe; Editing by John Doe", ["Jane Roe"]),
    ("Additional reporting by Jane Roe", ["Jane Roe"]),
    ("بقلم أحمد علي، تصوير: محمد حسن", ["أحمد علي"]),
    ("Текст: Иван Петров, фото: Анна Смирнова", ["Иван Петров"]),
    # a social-media handle after the name
    ("By Jane Roe @janeroe", ["Jane Roe"]),
    ("بقلم أحمد علي @ahmedali", ["أحمد علي"]),
    # an outlet after a spaced dash is listed as a comma's would be
    ("By Jane Roe - Associated Press", ["Jane Roe", "Associated Press"]),
    ("Jane Roe – Staff Writer", ["Jane Roe"]),
])
def test_credits_handles_and_outlets_beside_the_writers(line: str, expected: list[str]) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Von Jane Roe, Berlin", ["Jane Roe"]),
    ("Jane Roe, Washington", ["Jane Roe"]),
    ("Иван Петров, Москва", ["Иван Петров"]),
    ("By Jane Roe and John Doe in London", ["Jane Roe", "John Doe"]),
    ("Jean Dupont à Paris", ["Jean Dupont"]),
    # an agency after the name is the byline's, as the page prints it
    ("Von Max Muster, dpa", ["Max Muster", "dpa"]),
    ("By Jane Roe, Reuters", ["Jane Roe", "Reuters"]),
    ("Иван Петров, ТАСС", ["Иван Петров", "ТАСС"]),
])
def test_the_place_a_story_was_filed_from_is_no_author(line: str, expected: list[str]) -> None:
    """One capitalised word after the names that is no news agency is the dateline's place.
    (A dev page's annotation lists such a place as an author: "Seb Dumitru, Lille".)"""
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("<div>Author: Jane Roe</div>", ["Jane Roe"]),
    ("<p>Autor: Max Muster</p>", ["Max Muster"]),
    ("<span>Auteur : Marie Dupont</span>", ["Marie Dupont"]),
    ("<div>Yazar: Ayşe Yılmaz</div>", ["Ayşe Yılmaz"]),
    ("<div>Penulis: Siti Rahma</div>", ["Siti Rahma"]),
    ("<div>Autora: Ana Beltrán</div>", ["Ana Beltrán"]),
    ("<div>Autori: Mario Rossi e Anna Bianchi</div>", ["Mario Rossi", "Anna Bianchi"]),
    ("<div>الكاتب: أيمن حنا</div>", ["أيمن حنا"]),
    ("<div>بواسطة أيمن حنا</div>", ["أيمن حنا"]),
    ("<div>نویسنده: علی رضایی</div>", ["علی رضایی"]),
    ("<div>تحریر: علی رضا</div>", ["علی رضا"]),
])
def test_an_unmarked_byline_labelled_with_a_colon(line: str, expected: list[str]) -> None:
    """Small sites print "Author: Name" under the headline in no marked element, in their own
    language (Persian and Urdu sites too); the label and its colon make it a byline."""
    body = f"""<div class="main"><h1>Headline of the story</h1>{line}{TEXT}</div>"""
    assert authors(body) == expected


@pytest.mark.parametrize("line", [
    "<div>Author: The Numbers Behind the Vote</div>",
    "<div>Autor: Redaktion</div>",
    "<div>نویسنده: ۲۲ مرداد ۱۴۰۳</div>",
])
def test_a_colon_label_before_no_name_is_no_byline(line: str) -> None:
    body = f"""<div class="main"><h1>Headline of the story</h1>{line}{TEXT}</div>"""
    assert authors(body) == []


@pytest.mark.parametrize("text, expected", [
    ("By Jane Roe, on August 12, 2024", ["Jane Roe"]),
    ("Par Jeanne Dupont, le 12 août 2024", ["Jeanne Dupont"]),
    ("By Jane Roe and John Doe, on Aug. 12, 2024 at 10:15", ["Jane Roe", "John Doe"]),
    ("بقلم أنس البار، في 12 أغسطس 2024", ["أنس البار"]),
    ("بقلم أنس البار، يوم 12 أغسطس 2024", ["أنس البار"]),
    ("نویسنده: علی رضایی، در ۲۲ مرداد ۱۴۰۳", ["علی رضایی"]),
])
def test_the_word_before_a_date_after_the_names_is_no_name(text: str, expected: list[str]) -> None:
    """After a comma the date comes with its own glue word ("on", "le", "في"); once the date
    is cut, that word is left and names nobody."""
    assert parse_byline(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("By JOSH ROE and JANE DOE Associated Press", ["JOSH ROE", "JANE DOE"]),
    ("By Jane Roe The Associated Press", ["Jane Roe"]),
    ("Von Max Muster DPA", ["Max Muster"]),
    ("بقلم أحمد علي وكالة الأنباء الفرنسية", ["أحمد علي"]),
    ("Автор: Иван Петров ТАСС", ["Иван Петров"]),
    ("Associated Press", ["Associated Press"]),
    ("By Anna Bloomfield", ["Anna Bloomfield"]),
])
def test_a_news_agency_after_the_last_name_is_not_part_of_it(text: str, expected: list[str]) -> None:
    """Wire copy prints the agency on the line under the names ("By JOSH ROE<br>Associated
    Press"); read as text, it is glued to the last name. An agency alone is the author."""
    assert parse_byline(text) == expected


def test_arabic_agency_word_is_not_split_as_and() -> None:
    """"و" glued to a word is "and", but "وكالة" (agency) and "وزير" (minister) begin with it."""
    assert parse_byline("بقلم أحمد علي ووليد خالد") == ["أحمد علي", "وليد خالد"]
    from crawler.extract.bylines import _split_names

    assert _split_names("أحمد علي وزير الإعلام السابق") == ["أحمد علي وزير الإعلام السابق"]
    assert _split_names("أحمد علي وكالة الأنباء الفرنسية") == ["أحمد علي وكالة الأنباء الفرنسية"]


STORY = ("<p>The council voted on Tuesday to approve the new harbour plan after a debate that "
         "lasted well into the night.</p><p>Residents had asked for the vote since the spring, "
         "when the old quay was closed for repairs.</p>")


def story_authors(ending: str, before: str = "") -> list[str]:
    html = (f"<html><body><article><h1>Council approves the new harbour plan</h1>{before}"
            f"{STORY}{ending}</article></body></html>")
    return extract(html.encode(), URL).authors


@pytest.mark.parametrize("ending, expected", [
    ("<p>(Reporting by Jane Roe in London and John Doe in Paris; Editing by Mark Smith)</p>",
     ["Jane Roe", "John Doe"]),
    ("<p>— Jane Roe</p>", ["Jane Roe"]),
    ("<p>(إعداد أنس البار للنشرة العربية - تحرير محمد حسن)</p>", ["أنس البار"]),
    ("<p>— أنس البار</p>", ["أنس البار"]),
    ("<p>(Reporte de Juana Pérez; Editado en español por Carlos Díaz)</p>", ["Juana Pérez"]),
    ("<p>(Подготовила Анна Иванова; редактор Иван Петров)</p>", ["Анна Иванова"]),
])
def test_the_closing_credit_names_the_writers_when_nothing_else_does(ending: str,
                                                                    expected: list[str]) -> None:
    """Wire copy republished by other sites, and many small sites, name the writers only in
    the text's last line ("(Reporting by …; Editing by …)", "— Jane Roe")."""
    assert story_authors(ending) == expected


@pytest.mark.parametrize("ending", [
    "<p>— The Associated Press contributed to this report.</p>",
    "<p>— AP</p>",
    "<p>(Reporting by the newsroom staff)</p>",
])
def test_a_closing_line_that_names_no_person_is_no_byline(ending: str) -> None:
    assert story_authors(ending) == []


def test_the_byline_under_the_headline_beats_the_closing_credit() -> None:
    ending = "<p>(Reporting by Jane Roe; Editing by Mark Smith)</p>"
    assert story_authors(ending, before='<div class="byline">By Max Muster</div>') == ["Max Muster"]


# A credit line that names each person by role, with a colon: the writers are the byline, the
# editor, photographer or video maker beside them are not (English, Indonesian, Arabic,
# Turkish; a line break between roles read as a space).
@pytest.mark.parametrize("line, expected", [
    ("Words: Jane Roe | Photos: John Doe", ["Jane Roe"]),
    ("Reporter: Jane Roe, Editor: John Doe", ["Jane Roe"]),
    ("Reporter: Budi Santoso | Editor: Rina Wijaya", ["Budi Santoso"]),
    ("Penulis: Budi Santoso Editor: Rina Wijaya", ["Budi Santoso"]),
    ("إعداد: أنس البار | تحرير: محمد حسن", ["أنس البار"]),
    ("إعداد: أنس البار تصوير: محمد حسن", ["أنس البار"]),
    ("Muhabir: Ali Yılmaz / Editör: Ayşe Demir", ["Ali Yılmaz"]),
])
def test_a_credit_line_of_roles_names_its_writers_only(line: str, expected: list[str]) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Laporan: Budi Santoso", ["Budi Santoso"]),
    ("Penulis: Budi Santoso, Kontributor Jakarta", ["Budi Santoso"]),
    ("Por Marcelo Camargo, repórter da Agência Brasil", ["Marcelo Camargo"]),
    ("Ali Yılmaz, muhabir", ["Ali Yılmaz"]),
    ("بقلم أنس البار، مراسل", ["أنس البار"]),
])
def test_a_writers_role_in_more_languages_is_no_name(line: str, expected: list[str]) -> None:
    """"Kontributor Jakarta", "repórter da …", "muhabir": the writer's role and post after the
    name, in Indonesian, Portuguese and Turkish as in English ("Jane Roe, contributor")."""
    assert parse_byline(line) == expected


def test_a_family_name_that_is_a_role_word_elsewhere_stays() -> None:
    """"Yazar" is "writer" in Turkish and a family name too."""
    assert parse_byline("Ali Veli ve Ayşe Yazar") == ["Ali Veli", "Ayşe Yazar"]


@pytest.mark.parametrize("line, expected", [
    # two writers, each labelled
    ("Penulis: Budi Santoso, Reporter: Andi Wijaya", ["Budi Santoso", "Andi Wijaya"]),
    ("إعداد: أنس البار | تقرير: محمد حسن", ["أنس البار", "محمد حسن"]),
    # the only person of the line stays, whatever the site calls the role
    ("Editor: Rina Wijaya", ["Rina Wijaya"]),
])
def test_every_writer_of_a_credit_line_of_roles_stays(line: str, expected: list[str]) -> None:
    assert parse_byline(line) == expected


def test_a_byline_of_roles_split_by_a_line_break_names_the_writer() -> None:
    """"Penulis: …<br>Editor: …" under an Indonesian story: the writer, not "… Editor: …"."""
    html = ('<html lang="id"><body><article><h1>Dewan kota setujui rute bus malam baru</h1>'
            "<p>Penulis: Budi Santoso<br>Editor: Rina Wijaya</p>"
            "<p>Dewan kota pada hari Selasa menyetujui perluasan jaringan bus malam dengan empat "
            "rute baru yang beroperasi hingga pukul tiga pagi.</p><p>Menurut pejabat kota, "
            "perubahan itu menelan biaya sekitar dua miliar rupiah per tahun.</p>"
            "</article></body></html>")
    assert extract(html.encode(), URL).authors == ["Budi Santoso"]


# The same story printed as many CMSs print their text: each paragraph a <div>, in English,
# Arabic and Russian (the closing line then a <div> too, or a <p> after the <div>s).
DIV_STORIES = {
    "en": ("Council approves the new harbour plan",
           ["The council voted on Tuesday to approve the new harbour plan after a debate that "
            "lasted well into the night.",
            "Residents had asked for the vote since the spring, when the old quay was closed "
            "for repairs."]),
    "ar": ("المجلس يوافق على خطة الميناء الجديدة",
           ["صوّت المجلس يوم الثلاثاء على الموافقة على خطة الميناء الجديدة بعد نقاش استمر حتى "
            "وقت متأخر من الليل.",
            "وكان السكان قد طالبوا بالتصويت منذ الربيع عندما أغلق الرصيف القديم للإصلاح."]),
    "ru": ("Совет одобрил новый план гавани",
           ["Во вторник совет проголосовал за новый план гавани после дебатов, которые "
            "продолжались до поздней ночи.",
            "Жители добивались голосования с весны, когда старый причал закрыли на ремонт."]),
}


def div_story_authors(lang: str, ending: str) -> list[str]:
    title, paragraphs = DIV_STORIES[lang]
    text = "".join(f'<div class="paragraph">{p}</div>' for p in paragraphs)
    html = (f'<html lang="{lang}"><body><article><h1>{title}</h1><div class="article-body">'
            f"{text}{ending}</div></article></body></html>")
    return extract(html.encode(), URL).authors


@pytest.mark.parametrize("lang, ending, expected", [
    ("en", '<div class="paragraph">(Reporting by Jane Roe and John Doe; Editing by Mark Smith)</div>',
     ["Jane Roe", "John Doe"]),
    ("en", "<p>— Jane Roe</p>", ["Jane Roe"]),
    ("en", '<div class="paragraph"><em>Jane Roe is a staff writer for the Daily Planet.</em></div>',
     ["Jane Roe"]),
    ("ar", '<div class="paragraph">(إعداد أنس البار للنشرة العربية - تحرير محمد حسن)</div>', ["أنس البار"]),
    ("ar", "<div>— أنس البار</div>", ["أنس البار"]),
    ("ru", '<div class="paragraph">(Подготовила Анна Иванова; редактор Иван Петров)</div>',
     ["Анна Иванова"]),
    ("ru", "<p>— Анна Иванова</p>", ["Анна Иванова"]),
    # a box of tools between the text and the sign-off is one line, not two
    ("en", '<div class="tools"><div>Share this story</div></div><div>— Jane Roe</div>', ["Jane Roe"]),
    ("ar", '<div class="tools"><div>شارك هذا الخبر</div></div><div>— أنس البار</div>', ["أنس البار"]),
])
def test_the_closing_credit_of_a_text_printed_in_divs_names_the_writers(
        lang: str, ending: str, expected: list[str]) -> None:
    """Many CMSs print every paragraph as a <div>: the closing credit is then found among the
    lines the text's box prints, not only among its <p>s."""
    assert div_story_authors(lang, ending) == expected


@pytest.mark.parametrize("lang, ending", [
    ("en", "<div>— AP</div>"),
    ("en", '<div class="paragraph">The mayor is a former journalist.</div>'),
    # a name printed well after the text's end (a comment's signature) is no closing credit
    ("en", "<div>Share this story</div><div>Comments</div><div>Great piece!</div><div>— Jane Roe</div>"),
    ("ar", "<div>شارك هذا الخبر</div><div>التعليقات</div><div>مقال رائع</div><div>— أنس البار</div>"),
    ("ru", "<div>Поделиться</div><div>Комментарии</div><div>Отличная статья</div><div>— Анна Иванова</div>"),
])
def test_a_line_after_a_text_in_divs_that_is_no_closing_credit_names_no_one(lang: str, ending: str) -> None:
    assert div_story_authors(lang, ending) == []


@pytest.mark.parametrize("ending, expected", [
    ("<p><em>Jane Roe is a staff writer for the Daily Planet.</em></p>", ["Jane Roe"]),
    ("<p><i>Jane Roe and John Doe are reporters for the Herald.</i></p>", ["Jane Roe", "John Doe"]),
    ("<p>Max Muster ist Redakteur im Ressort Politik.</p>", ["Max Muster"]),
    ("<p>Marie Dupont est journaliste indépendante.</p>", ["Marie Dupont"]),
    ("<p>Иван Петров — журналист, автор книги о Кавказе.</p>", ["Иван Петров"]),
])
def test_a_closing_note_on_the_writer_names_them(ending: str, expected: list[str]) -> None:
    """Op-eds and small sites close with a line on the writer ("Jane Roe is a staff writer
    for …") and print no byline above the text."""
    assert story_authors(ending) == expected


@pytest.mark.parametrize("ending", [
    "<p>The mayor is a former journalist.</p>",
    "<p>John Smith, the mayor, is a former reporter.</p>",
    "<p>وقال مصدر صحفي إن المجلس سيجتمع مجددا الأسبوع المقبل.</p>",
    "<p>Residents said the reporter was wrong.</p>",
])
def test_a_closing_sentence_about_someone_else_is_no_byline(ending: str) -> None:
    assert story_authors(ending) == []


@pytest.mark.parametrize("line, expected", [
    ("<div>מאת יוסי כהן</div>", ["יוסי כהן"]),
    ("<div>Της Μαρίας Παπαδοπούλου</div>", ["Μαρίας Παπαδοπούλου"]),
    ("<div>Γράφει ο Γιάννης Παπαδόπουλος</div>", ["Γιάννης Παπαδόπουλος"]),
    ("<div>Tác giả: Nguyễn Văn An</div>", ["Nguyễn Văn An"]),
    ("<div>Szerző: Kovács Anna</div>", ["Kovács Anna"]),
    ("<div>Kirjoittaja: Matti Virtanen</div>", ["Matti Virtanen"]),
    ("<div>Аутор: Марко Марковић</div>", ["Марко Марковић"]),
    ("<div>Հեղինակ՝ Արամ Պետրոսյան</div>", ["Արամ Պետրոսյան"]),
    ("<div>ავტორი: გიორგი ბერიძე</div>", ["გიორგი ბერიძე"]),
    ("<div>লেখক: রহিম উদ্দিন</div>", ["রহিম উদ্দিন"]),
    ("<div>द्वारा: राहुल शर्मा</div>", ["राहुल शर्मा"]),
    ("<div>مراسل: أحمد علي</div>", ["أحمد علي"]),
    ("<div>Muhabir: Ayşe Yılmaz</div>", ["Ayşe Yılmaz"]),
    ("<div><span>홍길동 기자 | </span></div>", ["홍길동"]),
    ("<div>By: Jane Roe</div>", ["Jane Roe"]),
    ("<div>Story by Jane Roe</div>", ["Jane Roe"]),
    ("<div>Words by Jane Roe</div>", ["Jane Roe"]),
    ("<div>Por: João Silva</div>", ["João Silva"]),
    ("<div>Skrevet af Mette Hansen</div>", ["Mette Hansen"]),
    ("<div>Skriven av Erik Nilsson</div>", ["Erik Nilsson"]),
    ("<div>Napisała Anna Nowak</div>", ["Anna Nowak"]),
    ("<div>Napsal Jan Novák</div>", ["Jan Novák"]),
    ("<div>Автор Иван Петров</div>", ["Иван Петров"]),
])
def test_an_unmarked_byline_in_more_languages(line: str, expected: list[str]) -> None:
    """The "by"-words and writer labels of Hebrew, Greek, Vietnamese, Hungarian, Finnish,
    Serbian, Armenian, Georgian, Bengali, Hindi, Arabic and Turkish sites, and a Korean
    name with its role, open a byline line that no class marks."""
    body = f"""<div class="main"><h1>Headline of the story</h1>{line}{TEXT}</div>"""
    assert authors(body) == expected


@pytest.mark.parametrize("line", [
    "<div>Της Κυριακής</div>",                     # "Sunday's": a genitive, no name
    "<div>Του Προέδρου της Δημοκρατίας</div>",     # "the President's of the Republic"
    "<div>사진 기자</div>",                          # "photo reporter": a desk
    "<div>조선일보 기자</div>",                       # a newspaper's name and "reporter"
    "<div>Автор статьи не указан</div>",            # "the article's author is not given"
])
def test_a_label_word_before_no_name_is_no_byline_in_more_languages(line: str) -> None:
    body = f"""<div class="main"><h1>Headline of the story</h1>{line}{TEXT}</div>"""
    assert authors(body) == []


@pytest.mark.parametrize("text, expected", [
    ("By Jane Roe Staff Writer", ["Jane Roe"]),
    ("By JANE ROE Senior Reporter", ["JANE ROE"]),
    ("Mary Ann Smith Sports Editor", ["Mary Ann Smith"]),
    ("Jane Roe Special to the Herald", ["Jane Roe"]),
    ("Von Max Muster Redakteur", ["Max Muster"]),
    ("Par Marie Dupont Envoyée spéciale", ["Marie Dupont"]),
    ("Иван Петров собственный корреспондент", ["Иван Петров"]),
    ("بقلم أنس البار صحفية مستقلة", ["أنس البار"]),
    # what is left must be a name of two words or more
    ("Guardian staff reporter", ["Guardian staff reporter"]),
    ("Jane Writer", ["Jane Writer"]),
    ("Jane Roe Senior", ["Jane Roe Senior"]),
])
def test_a_job_title_glued_after_the_name_is_cut(text: str, expected: list[str]) -> None:
    """A job title printed under the name (its own line, an unclassed element) reads as one
    text with it: "By Jane Roe<span>Staff Writer</span>" -> "Jane Roe Staff Writer"."""
    assert parse_byline(text) == expected


def test_a_job_title_in_an_unclassed_element_after_the_name() -> None:
    body = ('<div class="main"><h1>Headline of the story</h1><p class="byline">By Jane Roe '
            '<span>Senior Reporter</span></p>' + TEXT + '</div>')
    assert authors(body) == ["Jane Roe"]


CHINESE_TEXT = "<p>市议会周二投票批准了新的预算，此前经过了长时间的辩论，一直持续到深夜，吸引了许多居民。</p>"


@pytest.mark.parametrize("lang, line, expected", [
    ("zh-CN", "<div>记者 张小明 李大华</div>", ["张小明", "李大华"]),
    ("zh-TW", "<div>記者 王小明 李大華 報導</div>", ["王小明", "李大華"]),
    ("zh", "<div>本报记者 欧阳明 司马光 通讯员 李四海</div>", ["欧阳明", "司马光", "李四海"]),
    # a Japanese byline may space family and given name: one person
    ("ja", "<div>記者 山田 太郎</div>", ["山田 太郎"]),
    ("en", "<div>By Jane Roe and John Doe</div>", ["Jane Roe", "John Doe"]),
    ("ar", "<div>بقلم أنس البار</div>", ["أنس البار"]),
])
def test_chinese_names_listed_with_spaces_are_several_people(lang: str, line: str,
                                                             expected: list[str]) -> None:
    """A Chinese name has no space inside it, so "记者 张小明 李大华" names two reporters."""
    html = (f"<html lang='{lang}'><body><article><h1>市议会批准明年预算方案</h1>{line}"
            f"{CHINESE_TEXT * 3}</article></body></html>")
    assert extract(html.encode(), URL).authors == expected


@pytest.mark.parametrize("text, expected", [
    ("순천·광양 구현모 기자", ["구현모"]),
    ("순천, 광양 구현모 기자", ["구현모"]),
    ("세종 이용민 기자 | 2024.08.12", ["이용민"]),
    # names only: each is a reporter
    ("홍길동·김철수 기자", ["홍길동", "김철수"]),
    ("(대전=뉴스1) 홍길동 기자", ["홍길동"]),
])
def test_the_places_before_a_korean_reporters_name_are_no_names(text: str, expected: list[str]) -> None:
    """Korean regional bylines print the places a reporter covers before the name, with no
    "=" ("순천·광양 구현모 기자"): a Korean name has no space inside it."""
    assert parse_byline(text) == expected


def under_headline(meta_line: str) -> list[str]:
    """The authors of a story whose headline has `meta_line` under it and nothing else names."""
    return authors(f'<article><h1>Headline of the story</h1>{meta_line}{TEXT}</article>')


@pytest.mark.parametrize("meta_line, expected", [
    ('<div class="flex"><span class="text-base">Jane Roe</span></div>'
     '<div class="flex"><span class="text-sm">August 12, 2024</span></div>', ["Jane Roe"]),
    ('<div class="mt-2"><span class="font-medium">أنس البار</span>'
     '<span class="text-gray">12 أغسطس 2024</span></div>', ["أنس البار"]),
    ('<div class="flex items-center gap-2"><span class="caustenMedium">Ayşe Yılmaz</span></div>'
     '<div class="flex"><span class="text-sm">20 Nisan 2026</span><span>•</span></div>', ["Ayşe Yılmaz"]),
])
def test_a_name_alone_over_the_date_line_is_the_byline(meta_line: str, expected: list[str]) -> None:
    """Utility-class layouts print the writer's name on a line of its own over the date, and
    mark neither with a class that says so."""
    assert under_headline(meta_line) == expected


@pytest.mark.parametrize("meta_line", [
    '<div><span>New York</span></div><div><span>August 12, 2024</span></div>',
    '<div><span>World News</span></div><div><span>August 12, 2024</span></div>',
    '<div><a href="/politics/">Local Politics</a></div><div><span>12 أغسطس 2024</span></div>',
    '<div><span>Jane Roe</span></div><div><span>Read more stories</span></div>',
])
def test_a_place_a_label_or_a_name_without_a_date_line_is_no_byline(meta_line: str) -> None:
    assert under_headline(meta_line) == []


@pytest.mark.parametrize("meta_line, expected", [
    ('<div class="meta">Jane Roe | August 12, 2024</div>', ["Jane Roe"]),
    ('<p><small>Jane Roe and John Doe · 12 August 2024 · 5 min read</small></p>', ["Jane Roe", "John Doe"]),
    ('<div class="meta">أنس البار | 12 أغسطس 2024</div>', ["أنس البار"]),
    ('<div class="row"><span>Иван Петров &nbsp;|</span> <span>12.08.2024 - Обновлено: 12.08.2024</span></div>',
     ["Иван Петров"]),
    ('<div><a href="/author/jane-roe">Jane Roe</a> – 12.08.2024</div>', ["Jane Roe"]),
])
def test_names_and_the_date_on_one_line_are_the_byline(meta_line: str, expected: list[str]) -> None:
    """Small sites' templates print the writer and the date on one line under the headline,
    set apart by a bar, a dot or a dash, with no "By" and no class naming either."""
    assert under_headline(meta_line) == expected


@pytest.mark.parametrize("meta_line", [
    '<div class="meta">New York | August 12, 2024</div>',
    '<div class="meta">World News | August 12, 2024</div>',
    '<div class="meta">Daily Staff | August 12, 2024</div>',
    '<div class="meta">أخبار محلية | 12 أغسطس 2024</div>',
    '<div class="meta">Новости Москвы | 12 августа 2024</div>',
    '<div class="meta">Guest Column | August 12, 2024</div>',
    '<div class="meta">رأي حر | 12 أغسطس 2024</div>',
    '<div><a href="/local-politics/">Local Politics</a> | 12.08.2024</div>',
    '<div class="meta">Jane Roe | 5 min read</div>',
])
def test_a_place_a_desk_a_section_or_no_date_on_the_line_is_no_byline(meta_line: str) -> None:
    assert under_headline(meta_line) == []


def test_a_chinese_signature_line_names_the_reporter_not_the_editor_or_the_text() -> None:
    """"（记者 王小明 编辑 李华）" closing the text: the reporter; neither the editor after his
    label nor the short paragraphs beside the line (their clauses are no names)."""
    html = ('<html lang="zh"><head><meta name="author" content="王小明"></head><body><article>'
            '<h1>夜间公交网络新增四条线路</h1><div><p>市议会周二投票决定扩大夜间公交网络，新增四条线路。</p>'
            '<p>官员表示，这项调整是为了回应医院和餐馆员工的投诉。</p><p>（记者 王小明 编辑 李华）</p>'
            '</div></article></body></html>')
    assert extract(html.encode(), URL).authors == ["王小明"]
    assert parse_byline("记者 张小明 李大华 摄影 王五") == ["张小明", "李大华"]


SHARE_SERVICES = ("Facebook", "X", "LinkedIn", "WhatsApp", "Telegram", "Pinterest", "Reddit",
                  "Email", "Print", "Copy link", "Flipboard", "Pocket")


@pytest.mark.parametrize("line, expected", [
    ('<span>By <a href="/people/jane-roe">Jane Roe</a></span>', ["Jane Roe"]),
    ('<span>بقلم <a href="/people/anas">أنس البار</a></span>', ["أنس البار"]),
    ('<span>Von <a href="/people/max">Max Muster</a></span>', ["Max Muster"]),
    ("<span>Автор: Иван Петров</span>", ["Иван Петров"]),
])
def test_a_by_line_under_a_long_share_bar_and_the_lead_picture(line: str, expected: list[str]) -> None:
    """A share bar of a dozen services between the headline and the byline, each service a
    link around a box around its label, and the lead picture with its caption: a scan that
    counted every element ran out inside the share bar. Only elements that print text of
    their own count (the class names are hashes, as CSS-in-JS writes them)."""
    bar = "".join(f'<div class="c7y8"><a href="/share/{n}"><div class="d8o1"><span class="s4y3">'
                  f"Share on {n}</span></div></a></div>" for n in SHARE_SERVICES)
    body = (f'<div class="x1b2"><h1>Headline of the story</h1><div class="q4y5">{bar}</div>'
            '<div class="m6i7"><img src="/lead.jpg" alt=""><span class="p1q2">The harbour at '
            'dawn. (Photo: Ann Lee)</span></div>'
            f'<div class="z4o8">{line}</div>{TEXT}</div>')
    assert authors(body) == expected


@pytest.mark.parametrize("line, expected", [
    ("<p>By Jane Roe, RTN Metro</p>", ["Jane Roe"]),
    ("<p>بقلم أنس البار، RTN</p>", ["أنس البار"]),
    ("<p>Von Max Muster, RTN SACHSEN</p>", ["Max Muster"]),
])
def test_the_sites_own_desk_after_an_unmarked_by_line_is_no_author(line: str, expected: list[str]) -> None:
    """"von David Straub, MDR THÜRINGEN" on mdr.de: the site's own desk that filed the story
    is no author, in an unmarked line under the headline as in a byline box."""
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{line}{TEXT}</div>'
    assert authors(body, url="https://www.rtn.de/2024/05/12/story") == expected


@pytest.mark.parametrize("head, logo, line, expected", [
    # the site's name in the author field, at the end of the <title> as well
    ('<title>Headline of the story - The Courier</title><meta name="author" content="The Courier">',
     "", "<p>By Jane Roe</p>", ["Jane Roe"]),
    # ... or as its logo link says it, the <title> naming no site
    ('<title>Headline of the story</title><meta name="author" content="Valley Post">',
     '<a href="/"><img src="/logo.svg" alt="Valley Post"></a>', "<p>By Jane Roe</p>", ["Jane Roe"]),
    ('<title>عنوان الخبر | بوابة الوادي</title><meta name="author" content="بوابة الوادي">',
     "", "<p>بقلم أنس البار</p>", ["أنس البار"]),
    # a JSON-LD Person that is the site
    ("<title>Заголовок новости — Новости Города</title>" + ld(person("Новости Города")),
     "", "<p>Автор: Иван Петров</p>", ["Иван Петров"]),
    # the site's name after the writers in the printed byline
    ("<title>Headline of the story | The Courier</title>", "",
     "<p>By Jane Roe and John Doe | The Courier</p>", ["Jane Roe", "John Doe"]),
])
def test_an_author_field_that_names_the_site_gives_way_to_the_byline(
        head: str, logo: str, line: str, expected: list[str]) -> None:
    """Sites that declare their name nowhere (no og:site_name, no publisher) still print it in
    their logo and their <title>; their CMS fills the author field with it, and the byline
    under the headline names the writer."""
    body = f'<header>{logo}</header><div class="x1b2"><h1>Headline of the story</h1>{line}{TEXT}</div>'
    assert authors(body, head) == expected


@pytest.mark.parametrize("head, line, expected", [
    # the author field names the <title>'s first part (a column's writer), not its last
    ('<title>Jane Roe | Why the buses matter | The Courier</title><meta name="author" content="Jane Roe">',
     "", ["Jane Roe"]),
    ('<title>أنس البار | لماذا تهم الحافلات | بوابة الوادي</title><meta name="author" content="أنس البار">',
     "", ["أنس البار"]),
    ('<title>Иван Петров — Почему автобусы важны — Новости Города</title>'
     '<meta name="author" content="Иван Петров">', "", ["Иван Петров"]),
])
def test_an_author_field_that_does_not_name_the_site_stays(head: str, line: str,
                                                          expected: list[str]) -> None:
    """The writer of a column named in its <title> stays the author, not a stand-in for one
    (authors_fallback: a closing credit in the text would replace it)."""
    body = f'<div class="x1b2"><h1>Why the buses matter</h1>{line}{TEXT}</div>'
    meta = read_metadata(lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>"), URL)
    assert (meta.authors, meta.authors_fallback) == (expected, False)


@pytest.mark.parametrize("byline, expected", [
    ('<div class="byline"><div>Jane Roe</div><div>John Doe</div></div>', ["Jane Roe", "John Doe"]),
    ('<ul class="authors"><li><a href="/people/jane-roe">Jane Roe</a></li>'
     '<li><a href="/people/john-doe">John Doe</a></li></ul>', ["Jane Roe", "John Doe"]),
    ('<div class="byline"><p>أنس البار</p><p>سارة محمود</p></div>', ["أنس البار", "سارة محمود"]),
    ('<div class="byline">By<div>Jane Roe</div><div>John Doe</div></div>', ["Jane Roe", "John Doe"]),
    ('<div class="byline"><div>Иван Петров</div><div>Мария Иванова</div></div>',
     ["Иван Петров", "Мария Иванова"]),
])
def test_a_byline_printed_as_rows_names_one_author_per_row(byline: str, expected: list[str]) -> None:
    """Each row of the byline is a line of its own on screen: no name runs from one into the
    next."""
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{byline}{TEXT}</div>'
    assert authors(body) == expected


@pytest.mark.parametrize("byline, expected", [
    # a name printed in two boxes of a line is one name
    ('<div class="byline">By <span>Jane</span> <span>Roe</span></div>', ["Jane Roe"]),
    ('<div class="byline">بقلم <span>أنس</span> <span>البار</span></div>', ["أنس البار"]),
    # rows of another kind than the first, or a long one, are no list of authors
    ('<div class="byline"><div>Jane Roe</div><p>John Doe</p></div>', ["Jane Roe John Doe"]),
    ('<div class="byline">Автор: <span>Иван</span> <span>Петров</span></div>', ["Иван Петров"]),
    # an author card: a heading row ("the writer of this article"), then a long one with the
    # name, desk and bio; read row by row, every line of it would pass for a name
    ('<div class="byline"><div>この記事を書いた人</div><div><dl><dt>佐藤花子</dt><dd>東京社会部</dd></dl>'
     '<p>2007年に入社し、前橋、長崎を経て東京社会部。交通と都市の取材を担当。</p></div></div>', []),
])
def test_rows_that_are_no_list_of_authors_are_read_as_one_line(byline: str, expected: list[str]) -> None:
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{byline}{TEXT}</div>'
    assert authors(body) == expected


@pytest.mark.parametrize("box", [
    '<div class="author-box"><div>About the author</div><div><dl><dt>Jane Roe</dt>'
    '<dd>City desk</dd></dl><button>Follow</button><p>Jane Roe has covered the city council '
    'since 2019 and writes about transport.</p></div></div>',
    '<div class="author-box"><div>عن الكاتب</div><div><dl><dt>أنس البار</dt><dd>قسم المدينة</dd>'
    '</dl><button>متابعة</button><p>يغطي أنس البار شؤون المجلس البلدي منذ عام 2019 ويكتب عن النقل.'
    '</p></div></div>',
    '<div class="author-box"><div>Об авторе</div><div><dl><dt>Иван Петров</dt><dd>Отдел города</dd>'
    '</dl><p>Иван Петров пишет о городском совете с 2019 года и о транспорте.</p></div></div>',
])
def test_a_clause_of_an_authors_bio_is_no_author(box: str) -> None:
    """An author box under the headline printed as one text: split at its "and", the bio's
    last clause ("writes about transport.") is no name, not even a desk's."""
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{box}{TEXT}</div>'
    assert not any(n.endswith(".") for n in authors(body))


@pytest.mark.parametrize("text, names", [
    ("By Jane Doe Tuesday, March 5, 2024", ["Jane Doe"]),
    ("بقلم أحمد سالم الثلاثاء 24 شعبان 1445 هـ - 5 مارس 2024 م", ["أحمد سالم"]),
    ("Von Anna Schmidt Dienstag, 05.03.2024", ["Anna Schmidt"]),
    ("Yazar: Ahmet Yılmaz Salı 05.03.2024", ["Ahmet Yılmaz"]),
    ("Oleh Budi Santoso Selasa, 05/03/2024", ["Budi Santoso"]),
    ("द्वारा राहुल शर्मा मंगलवार 5 मार्च 2024", ["राहुल शर्मा"]),
])
def test_the_weekday_that_opens_the_date_line_leaves_the_name(text: str, names: list[str]) -> None:
    """The date printed after the name is cut off it, and the weekday that opens the date line
    must go with it: capitalised, or in a script without case, it is no lower-case glue."""
    assert parse_byline(text) == names


@pytest.mark.parametrize("text, names", [
    # a family name that is a weekday, with no date after it
    ("By Joe Friday", ["Joe Friday"]),
    ("By Joe Friday and Jane Roe", ["Joe Friday", "Jane Roe"]),
    ("By Joe Friday, Jane Roe 5 March 2024", ["Joe Friday", "Jane Roe"]),
    # short weekdays and weekdays that are names are not taken
    ("By Jane Sun 5 March 2024", ["Jane Sun"]),
    ("Yazar: Ahmet Cuma 05.03.2024", ["Ahmet Cuma"]),
    ("بقلم أحمد الجمعةي 5 مارس 2024", ["أحمد الجمعةي"]),
])
def test_a_name_that_holds_a_weekday_stays_whole(text: str, names: list[str]) -> None:
    assert parse_byline(text) == names


KO_PARAGRAPHS = ("시의회는 화요일 심야버스 노선을 외곽 3개 지역으로 확대하는 안을 의결해 2년간 이어진 비용 "
                 "부담 논란을 마무리했다.",
                 "북구 주민들은 2022년 마지막 저녁 노선이 폐지된 뒤 운행 재개를 요구하는 청원을 냈다.",
                 "의장은 표결 후 “주민의 목소리를 듣고 재원을 찾았다”며 연내 첫차를 운행하겠다고 밝혔다.")


def ko_story(ending: str) -> Article:
    """A Korean story closed by `ending`: paragraphs in <p>s, or, when `ending` opens with
    <br>, lines between <br>s in one <div> (as Korean portals print a story)."""
    if ending.startswith("<br>"):
        text = "<br><br>".join(KO_PARAGRAPHS)
        box = f'<div id="articleBodyContents">{text}{ending}</div>'
    else:
        box = "".join(f"<p>{p}</p>" for p in KO_PARAGRAPHS) + ending
    html = (f'<html lang="ko"><body><article><h1>심야버스 3개 지역 확대</h1>{box}</article>'
            "</body></html>")
    return extract(html.encode(), URL)


# A Korean reporter's sign-off as the text's last line, printed as a paragraph or after <br>s:
# the name and the role, the e-mail after them, the outlet before them, in brackets or not.
@pytest.mark.parametrize("ending, expected", [
    ("<p>홍길동 기자 hong@example.co.kr</p>", ["홍길동"]),
    ("<p>[예시일보 김보겸 기자]</p>", ["김보겸"]),
    ("<p>뉴스1 홍길동 기자 (hong@news1.kr)</p>", ["홍길동"]),
    ("<p>/홍길동·김철수 기자</p>", ["홍길동", "김철수"]),
    ("<br><br>워싱턴 남궁민수 특파원 namgung@example.com", ["남궁민수"]),
])
def test_a_korean_reporters_sign_off_names_the_writer_and_is_not_body(ending: str,
                                                                     expected: list[str]) -> None:
    art = ko_story(ending)
    assert art.authors == expected
    assert not any(name in b.text for b in art.body for name in expected)
    assert len(art.body) == 3


@pytest.mark.parametrize("ending", [
    "<p>예시신문 기자</p>",                               # an outlet's name and "reporter"
    "<br><br>예시신문 기자 news@example.co.kr",
    "<p>기자회견은 오후 세 시에 시청에서 열릴 예정이다.</p>",  # a sentence on a press conference
])
def test_a_korean_closing_line_that_names_no_reporter_names_no_one(ending: str) -> None:
    assert ko_story(ending).authors == []


@pytest.mark.parametrize("text, expected", [
    ("[예시일보 김보겸 기자]", ["김보겸"]),
    ("［홍길동 기자］", ["홍길동"]),
    ("[Jane Doe]", ["Jane Doe"]),
    ("[Opinion] Jane Doe", ["Jane Doe"]),
])
def test_a_byline_wholly_in_square_brackets_is_read_inside_them(text: str, expected: list[str]) -> None:
    assert parse_byline(text) == expected


def test_a_line_of_the_texts_last_block_printed_after_a_br_is_no_closing_credit() -> None:
    """A list printed with <br>s closes the text; its last line ("- Removed Harbour Road")
    reads like a sign-off ("— Jane Roe"), but it is part of the text's last block."""
    story = "<br><br>".join(STORY.replace("<p>", "").split("</p>")[:2])
    html = ('<html><body><article><h1>Council approves the new harbour plan</h1><div class="post">'
            f"{story}<br><br>What changes for drivers from Monday, in short:<br>+ Added two lanes "
            "on the quay<br>+ Added a night route<br>- Removed Harbour Road</div></article></body></html>")
    art = extract(html.encode(), URL)
    assert art.authors == []
    assert "Removed Harbour Road" in art.body[-1].text


@pytest.mark.parametrize("text, expected", [
    ("More from Jane Doe", ["Jane Doe"]),
    ("All articles by Jane Doe", ["Jane Doe"]),
    ("Mehr von Anna Schmidt", ["Anna Schmidt"]),
    ("Plus d'articles de Jeanne Dupont", ["Jeanne Dupont"]),
    ("المزيد من أحمد سالم", ["أحمد سالم"]),
    ("Все материалы автора Иван Петров", ["Иван Петров"]),
    # names that open like those words
    ("Morena Baccarin", ["Morena Baccarin"]),
    ("Allen Smith", ["Allen Smith"]),
    ("Alle Bauer", ["Alle Bauer"]),
])
def test_an_author_pages_link_text_names_the_author(text: str, expected: list[str]) -> None:
    """The link to a writer's page reads "More from Jane Doe": the name is the author."""
    assert parse_byline(text) == expected


@pytest.mark.parametrize("link, expected", [
    ('<a href="/authors/jane-doe">More from Jane Doe</a>', ["Jane Doe"]),
    ('<a href="/author/ahmad-salem">المزيد من أحمد سالم</a>', ["أحمد سالم"]),
    ('<a href="/authors/ivan-petrov">Все материалы автора Иван Петров</a>', ["Иван Петров"]),
])
def test_an_author_card_after_the_text_links_the_author_by_name(link: str, expected: list[str]) -> None:
    html = (f"<html><body><article><h1>Council approves the new harbour plan</h1>{STORY}"
            f'<div class="author-card"><p>Transport correspondent since 2015.</p>{link}</div>'
            "</article></body></html>")
    assert extract(html.encode(), URL).authors == expected


@pytest.mark.parametrize("byline, expected", [
    ('<div class="byline"><span>Jane Doe</span><span>Omar Haddad</span></div>', ["Jane Doe", "Omar Haddad"]),
    ('<div class="byline">By <strong>Jane Doe</strong><strong>Omar Haddad</strong></div>',
     ["Jane Doe", "Omar Haddad"]),
    ('<div class="byline"><span>أنس البار</span><span>سارة محمود</span></div>', ["أنس البار", "سارة محمود"]),
    ('<div class="byline"><span>Иван Петров</span><span>Мария Иванова</span></div>',
     ["Иван Петров", "Мария Иванова"]),
])
def test_names_in_inline_boxes_with_nothing_between_them_are_two_authors(byline: str,
                                                                         expected: list[str]) -> None:
    """"<span>Jane Doe</span><span>Omar Haddad</span>": read as text, one name runs into the
    next ("Jane DoeOmar Haddad"); the page's style prints them apart."""
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{byline}{TEXT}</div>'
    assert authors(body) == expected


@pytest.mark.parametrize("byline, expected", [
    # a space between the boxes, before the second's text or after the first's: one line
    ('<div class="byline"><span>Jane</span> <span>Doe</span></div>', ["Jane Doe"]),
    ('<div class="byline"><span class="first">Jane</span><span class="last"> Doe</span></div>', ["Jane Doe"]),
    ('<div class="byline"><span>أنس </span><span>البار</span></div>', ["أنس البار"]),
])
def test_inline_boxes_with_a_space_between_them_are_one_line(byline: str, expected: list[str]) -> None:
    body = f'<div class="x1b2"><h1>Headline of the story</h1>{byline}{TEXT}</div>'
    assert authors(body) == expected


@pytest.mark.parametrize("line, expected", [
    ("Tuesday 5 March 2024 By Jane Doe", ["Jane Doe"]),
    ("Updated 5 March 2024, 18:30 GMT · By Jane Doe", ["Jane Doe"]),
    ("5. März 2024 | Von Max Muster", ["Max Muster"]),
    ("٥ مارس ٢٠٢٤ - بقلم أنس البار", ["أنس البار"]),
    ("5 марта 2024 · Автор: Иван Петров", ["Иван Петров"]),
])
def test_a_by_line_after_the_date_its_line_opens_with_names_the_author(line: str,
                                                                      expected: list[str]) -> None:
    """A meta line that prints the date first and the byline after it: the "By" opens no line,
    but it opens what follows the date."""
    body = f'<div class="x1b2"><h1>Headline of the story</h1><div class="meta">{line}</div>{TEXT}</div>'
    assert authors(body) == expected


@pytest.mark.parametrize("line", [
    # a sentence that holds a date, then "by"
    "Police said on 5 March 2024 by the river the body was found",
    # a section after the date, or a by-word that opens no byline
    "5 March 2024 | Politics",
    "5 March 2024 | Updated by the desk",
    # more than a weekday or a label before the date: a sentence about a report
    "The report first published on 5 March 2024 by Jane Doe",
])
def test_a_date_line_with_no_byline_after_the_date_names_no_author(line: str) -> None:
    body = f'<div class="x1b2"><h1>Headline of the story</h1><div class="meta">{line}</div>{TEXT}</div>'
    assert authors(body) == []


@pytest.mark.parametrize("meta, expected", [
    # WordPress themes: the author's hCard, bare in the entry's meta line
    ('<span class="author vcard"><a class="url fn n" href="/author/jane/">Jane Doe</a></span>', ["Jane Doe"]),
    ('<span class="vcard author"><span class="fn">أنس البار</span></span>', ["أنس البار"]),
    ('<span class="author h-card"><a class="p-name" href="/avtor/ivan/">Иван Петров</a></span>', ["Иван Петров"]),
    # a teaser card's author stays no byline
    ('<span class="author card">Max Muster</span>', []),
    ('<span class="author-card">Max Muster</span>', []),
])
def test_an_author_marked_with_the_hcard_microformat_is_a_byline(meta: str, expected: list[str]) -> None:
    """"vcard" and "h-card" name the author's contact card (the hCard microformat), not a
    teaser card: the byline element they mark is the article's."""
    body = (f'<div class="x1b2"><h1>Headline of the story</h1><div class="entry-meta">'
            f'<time datetime="2024-03-05">March 5, 2024</time> {meta}</div>{TEXT}</div>')
    assert authors(body) == expected


@pytest.mark.parametrize("headline, byline, expected, lang", [
    ('<font size="5"><b>Council approves the new harbour plan</b></font>',
     '<font size="2">By Jane Doe, Staff Writer<br>March 5, 2024</font>', ["Jane Doe"], "en"),
    ('<div class="ttl">المجلس يوافق على خطة الميناء الجديدة</div>',
     '<div class="inf">بقلم أنس البار</div>', ["أنس البار"], "ar"),
    ('<td class="t1">Совет одобрил новый план гавани</td>',
     '<td class="t2">Автор: Иван Петров</td>', ["Иван Петров"], "ru"),
])
def test_a_headline_printed_in_a_styled_element_anchors_the_byline_under_it(
        headline: str, byline: str, expected: list[str], lang: str) -> None:
    """Hand-made and older layouts print the headline in a styled element, no heading: the
    element whose text the <title> repeats is the headline, and the "By" line under it the
    byline."""
    title = lxml.html.fromstring(headline).text_content()
    rows = headline.startswith("<td")
    text = "<p>" + " ".join([STORY] * 2).replace("<p>", "").replace("</p>", " ") + "</p>"
    main = (f"<table><tr>{headline}</tr><tr>{byline}</tr></table>{text}" if rows
            else f"<div>{headline}<br>{byline}</div>{text}")
    html = f'<html lang="{lang}"><head><title>{title} - Example News</title></head><body>{main}</body></html>'
    assert extract(html.encode(), URL).authors == expected


def test_a_styled_element_that_holds_part_of_the_title_is_no_headline() -> None:
    """"Harbour" in bold, a word of the title, anchors nothing: "By" lines after it are not
    the article's."""
    html = ("<html><head><title>Council approves the new harbour plan after a long night of debate"
            "</title></head><body><div><b>Council approves</b></div><div>By Max Muster</div>"
            f"{STORY}</body></html>")
    assert extract(html.encode(), URL).authors == []
