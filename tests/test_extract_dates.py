"""Published dates on pages without structured data: which of many dates is the article's,
how dates are written in many languages, and None rather than a wrong date.

Every page here is a small page of our own making; none carries JSON-LD or date meta tags, so
the <time>, visible-text and last-resort stages decide. URLs carry no date unless said.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from crawler.extract import extract
from crawler.extract.dates import MONTH_FIRST, dates_in_text, find_date_in_text, parse_date
from crawler.extract.html import load
from crawler.extract.metadata import read_metadata

URL = "https://news.example.com/story-12345"


def published(html: str, url: str = URL) -> date | None:
    d = read_metadata(load(html), url).published
    return d.date() if d else None


def modified_and_published(html: str) -> tuple[datetime | None, datetime | None]:
    m = read_metadata(load(html), URL)
    return m.published, m.modified


# ---------------------------------------------------------------- parsing: many languages

@pytest.mark.parametrize("text, expected", [
    # Arabic: Egyptian spellings, Maghreb (Tunisia/Algeria) and Moroccan month names
    ("16 يونيه 2024", date(2024, 6, 16)),
    ("الأحد 16 جوان 2024", date(2024, 6, 16)),
    ("16 جويلية 2024", date(2024, 7, 16)),
    ("16 ماي 2024", date(2024, 5, 16)),
    ("16 غشت 2024", date(2024, 8, 16)),
    ("16 شتنبر 2024", date(2024, 9, 16)),
    ("16 نونبر 2024", date(2024, 11, 16)),
    ("16 فيفري 2024", date(2024, 2, 16)),
    ("16 إبريل 2024", date(2024, 4, 16)),
    # Levantine names typed without hamza/madda
    ("16 ايار 2024", date(2024, 5, 16)),
    ("16 اذار 2024", date(2024, 3, 16)),
    ("16 تشرين الاول 2024", date(2024, 10, 16)),
    # Arabic comma, bidi marks and Arabic-Indic digits around the date
    ("نشر في 16 مايو، 2024", date(2024, 5, 16)),
    ("الخميس \u200f١٦\u200f أيار ٢٠٢٤", date(2024, 5, 16)),
    # Ukrainian, Czech, Greek genitives; Hungarian year-first
    ("16 травня 2024 року", date(2024, 5, 16)),
    ("16. května 2024", date(2024, 5, 16)),
    ("16 Μαΐου 2024", date(2024, 5, 16)),
    ("16 μαΐου 2024", date(2024, 5, 16)),
    ("2024. május 16.", date(2024, 5, 16)),
    # US numeric order when the day-first reading is impossible
    ("05/16/2024", date(2024, 5, 16)),
    # German and Czech typography: (thin) spaces after the dots
    ("28.\u20094.\u20092023", date(2023, 4, 28)),
    ("Aktualisiert 28. 4. 2023, 10:15", date(2023, 4, 28)),
])
def test_parse_date_month_names_and_orders(text: str, expected: date) -> None:
    value = parse_date(text)
    assert value is not None and value.date() == expected


@pytest.mark.parametrize("text, expected", [
    # Month names of languages our own tables lack, from the CLDR (crawler.extract.cldr_months)
    ("Danmark - 10. marts 2020 kl. 20:00", date(2020, 3, 10)),
    ("Diterbitkan 17 Agustus 2024", date(2024, 8, 17)),
    ("julkaistu 12. maaliskuuta 2024", date(2024, 3, 12)),
    ("3 ianuarie 2024, 10:30", date(2024, 1, 3)),
    ("15. srpnja 2024.", date(2024, 7, 15)),
    ("5 मार्च 2024", date(2024, 3, 5)),
    ("۱۵ ژانویه ۲۰۲۴", date(2024, 1, 15)),
    # Hebrew writes the month with the preposition ב ("in")
    ("פורסם 3 באפריל 2024", date(2024, 4, 3)),
    # Hungarian: a space after each dot of a year-first date
    ("2020. 06. 04. 11:27", date(2020, 6, 4)),
])
def test_parse_date_cldr_month_names_and_spaced_year_first(text: str, expected: date) -> None:
    value = parse_date(text)
    assert value is not None and value.date() == expected


@pytest.mark.parametrize("text, expected", [
    # Arabic clock suffixes: ص morning, م evening; after a dash
    ("16 مايو 2024 - 11:26 م", datetime(2024, 5, 16, 23, 26)),
    ("١٦ مايو ٢٠٢٤ ١٢:٣٠ ص", datetime(2024, 5, 16, 0, 30)),
    # Japanese hour/minute marks, a bar before the time
    ("2024年5月16日 11時26分", datetime(2024, 5, 16, 11, 26)),
    ("May 16, 2024 | 3:45 pm", datetime(2024, 5, 16, 15, 45)),
])
def test_parse_date_times_in_other_scripts(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # two characters make a whole month name in Devanagari: Hindi मई, Marathi and Nepali मे (May)
    ("प्रकाशित: 3 मई 2024, 14:12", date(2024, 5, 3)),
    ("3 मे 2024", date(2024, 5, 3)),
    ("१६ मई २०२४", date(2024, 5, 16)),  # in Devanagari digits
])
def test_two_character_devanagari_month_names(text: str, expected: date) -> None:
    value = parse_date(text)
    assert value is not None and value.date() == expected


@pytest.mark.parametrize("text, expected", [
    # a month name between hyphens or slashes
    ("Updated: 03-May-2024 14:12 IST", datetime(2024, 5, 3, 14, 12)),
    ("الجمعة 03/مايو/2024 - 02:12 م", datetime(2024, 5, 3, 14, 12)),
    ("3-мая-2024", datetime(2024, 5, 3)),
    ("Publié le 03/mai/2024", datetime(2024, 5, 3)),
])
def test_a_month_name_between_hyphens_or_slashes(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Thai pages count years in the Buddhist era (common era + 543), with full or abbreviated
    # month names, sometimes naming the era ("พ.ศ.")
    ("3 พฤษภาคม 2567", datetime(2024, 5, 3)),
    ("เผยแพร่: 16 ธ.ค. 2566 09:30 น.", datetime(2023, 12, 16, 9, 30)),
    ("วันศุกร์ที่ 3 พฤษภาคม พ.ศ. 2567", datetime(2024, 5, 3)),
    ("3 พ.ค. 2024", datetime(2024, 5, 3)),  # a common-era year stays as it is
])
def test_thai_dates_in_the_buddhist_era(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


def test_a_thai_page_dated_only_in_its_text() -> None:
    body = "<p>" + "สภากรุงเทพมหานครลงมติขยายเครือข่ายรถโดยสารกลางคืน เพิ่มอีกสี่เส้นทาง " * 6 + "</p>"
    html = (f'<html lang="th"><head><title>รถเมล์กลางคืนเพิ่มสี่เส้นทาง</title></head><body><article>'
            f'<h1>รถเมล์กลางคืนเพิ่มสี่เส้นทาง</h1><div class="date">3 พ.ค. 2567 14:12 น.</div>{body}{body}'
            "</article></body></html>")
    published = extract(html.encode(), "https://news.example.co.th/story").published
    assert published is not None and published.date() == date(2024, 5, 3)


@pytest.mark.parametrize("text, expected", [
    # Iranian pages print the Solar Hijri (Jalali) calendar: Persian month names or numbers,
    # year first, in Persian or Latin digits, typed with the Persian or the Arabic yeh
    ("۱۴ اردیبهشت ۱۴۰۳ - ۱۰:۳۰", datetime(2024, 5, 3, 10, 30)),
    ("تاریخ انتشار: يکشنبه ۱۴ ارديبهشت ۱۴۰۳", datetime(2024, 5, 3)),
    ("۱۴۰۳/۰۲/۱۴", datetime(2024, 5, 3)),
    ("1402-10-11 08:15", datetime(2024, 1, 1, 8, 15)),
    ("۱۰ دی ۱۴۰۲", datetime(2023, 12, 31)),  # the year turns in March: Dey is in December
    # Afghan pages name the same months after the zodiac, in Dari
    ("۱۴ ثور ۱۴۰۳", datetime(2024, 5, 3)),
    ("۲۵ حوت ۱۴۰۲", datetime(2024, 3, 15)),
])
def test_solar_hijri_dates(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "The 1400 workers of the plant went on strike.",
    "Constantinople fell on 1453-05-29.",  # a past Gregorian date, not a Solar Hijri one
    "۱۴ اردیبهشت",  # no year
    "٣٠ مهر ٢٠٢٤",  # a Solar Hijri month with a Gregorian year is no date we can tell
])
def test_numbers_that_are_no_solar_hijri_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("lang, date_line, headline", [
    ("fa", "۱۴ اردیبهشت ۱۴۰۳ - ۱۰:۳۰", "گسترش شبکه اتوبوس‌های شبانه"),
    ("fa-AF", "۱۴ ثور ۱۴۰۳", "گسترش شبکه بس‌های شبانه"),
    ("en", "1403/02/14", "Night bus network to grow by four routes"),
])
def test_a_page_dated_only_in_the_solar_hijri_calendar(lang: str, date_line: str, headline: str) -> None:
    body = "<p>" + "شورای شهر تهران به گسترش شبکه اتوبوس‌های شبانه با چهار مسیر تازه رأی داد. " * 6 + "</p>"
    html = (f'<html lang="{lang}"><head><title>{headline}</title></head><body><article>'
            f'<h1>{headline}</h1><div class="date">{date_line}</div>{body}{body}'
            "</article></body></html>")
    published = extract(html.encode(), "https://news.example.ir/story").published
    assert published is not None and published.date() == date(2024, 5, 3)


def test_dates_in_text_gives_positions_in_the_original_text() -> None:
    text = "Nachrichten \u200f١٦ مايو ٢٠٢٤ und am 9. November 1989"
    found = dates_in_text(text)
    assert [d.date() for _, _, d in found] == [date(2024, 5, 16), date(1989, 11, 9)]
    start, end, _ = found[1]
    assert text[start:end] == "9. November 1989"
    assert find_date_in_text(text) == found[0][2]


def test_the_cldr_table_is_what_babel_generates() -> None:
    pytest.importorskip("babel")
    from crawler.extract import cldr_months

    assert cldr_months.main([]) == 0, "run: python -m crawler.extract.cldr_months --write"
    # a word two languages give different months is no month: Croatian listopad is October,
    # Czech and Polish November
    assert "listopad" not in cldr_months.MONTHS


def test_a_two_digit_year_counts_in_a_time_element_and_after_a_label_only() -> None:
    page = """<html lang="nb"><body><article><h1>Regjeringen legger fram ny plan</h1>
    <p>Regjeringen la i dag fram en ny plan for kollektivtrafikken i hovedstaden.</p>
    {date}</article></body></html>"""
    assert published(page.format(date="<time>Publisert: 05.08.24 kl. 14:47</time>")) == date(2024, 8, 5)
    assert published(page.format(date='<p class="meta-date">Veröffentlicht: 05.08.24</p>')) == date(2024, 8, 5)
    # unlabelled, outside a <time>: the US order (11.03.17 for November 3) is as likely
    assert published(page.format(date='<p class="meta-date">Jane Doe, 11.03.17 in Gadgets</p>')) is None
    assert parse_date("Version 1.5.24.3") is None


@pytest.mark.parametrize("lang, headline, label", [
    ("en", "Storms escalate, residents urged to avoid flood risks", "By"),
    ("ar", "العواصف تشتد والسكان مدعوون لتجنب مخاطر الفيضانات", "بقلم"),
    ("de", "Unwetter nehmen zu, Bewohner sollen Überflutungen meiden", "Von"),
])
def test_the_sole_publication_date_box_in_a_sidebar_column_counts(lang: str, headline: str, label: str) -> None:
    # The byline and date live in a column named "sidebar" beside the text; the page's
    # other-stories list repeats its own date boxes, which must not win.
    page = f"""<html lang="{lang}"><body><div class="single-title"><h1>{headline}</h1></div>
    <div class="single-sidebar-left"><p class="author-name">{label} <a href="/author/es/">Enkosi Selane</a></p>
      <p class="single-published-date">28 November 2025</p><p class="single-published-time">03:26 pm</p></div>
    <div class="single-content"><p>{headline}. {headline}. {headline}.</p></div>
    {{related}}</body></html>"""
    related = """<div class="sidebar-related"><ul>
      <li><a href="/a">Other story</a><span class="published-date">27 November 2025</span></li>
      <li><a href="/b">Another story</a><span class="published-date">26 November 2025</span></li></ul></div>"""
    assert published(page.format(related="")) == date(2025, 11, 28)
    # a box inside another, both named for the publication, is one date
    nested = page.replace('<p class="single-published-date">28 November 2025</p>',
                          '<div class="post-published"><p class="published-date">28 November 2025</p></div>')
    assert published(nested.format(related="")) == date(2025, 11, 28)
    # two dated publication boxes in side content: no telling which is the article's
    assert published(page.replace('<p class="single-published-date">28 November 2025</p>', "")
                     .format(related=related)) is None


# ---------------------------------------------------------------- the article's own <time>

def test_site_header_today_and_sidebar_times_do_not_win_en() -> None:
    html = """<html><body>
    <header class="site"><time datetime="2024-06-01">Saturday, June 1, 2024</time>
      <nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
    <aside class="most-read"><ol><li><a href="/a">Other story</a> <time datetime="2024-05-30">May 30</time></li></ol></aside>
    <main><article><h1>Council approves the new bridge</h1>
      <p class="byline">By Jane Doe</p><time datetime="2024-05-16T11:26:00+01:00">May 16, 2024</time>
      <p>The council voted on Thursday to approve the bridge after a long debate.</p></article></main>
    </body></html>"""
    assert published(html) == date(2024, 5, 16)


def test_news_ticker_before_the_article_does_not_win_ar() -> None:
    html = """<html lang="ar" dir="rtl"><body>
    <div class="news-ticker"><a href="/x">عاجل: خبر آخر</a><time datetime="2024-06-02T08:00:00+03:00">٠٨:٠٠</time></div>
    <div class="breaking-bar"><time datetime="2024-06-02T07:00:00+03:00">٠٧:٠٠</time></div>
    <article><header><h1>الحكومة تعلن خطة جديدة للنقل</h1>
      <span>نشر في <time datetime="2024-05-16T11:26:00+03:00">16 مايو 2024</time></span></header>
      <p>أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة.</p></article>
    </body></html>"""
    assert published(html) == date(2024, 5, 16)


def test_cards_of_other_stories_inside_the_article_rank_below_its_own_time_ja() -> None:
    # Other stories' cards are <article>s nested in the article, before its footer's <time>.
    html = """<html lang="ja"><body><article class="story"><h1>新しい橋の建設が承認された</h1>
    <p>市議会は木曜日、長い議論の末に橋の建設を承認した。</p>
    <section><article><a href="/b">別の記事</a><time datetime="2024-04-01">4月1日</time></article>
    <article><a href="/c">もう一つの記事</a><time datetime="2024-04-02">4月2日</time></article></section>
    <footer>公開 <time datetime="2024-05-16T11:26:00+09:00">2024年5月16日</time></footer></article>
    </body></html>"""
    assert published(html) == date(2024, 5, 16)


def test_article_footer_time_counts_but_the_page_footer_does_not_fr() -> None:
    html = """<html lang="fr"><body>
    <div class="header"><h1>Le pont est approuvé</h1></div>
    <div class="content"><p>Le conseil a voté jeudi pour approuver le pont après un long débat.</p></div>
    <footer><p>Mis en ligne le <time datetime="2024-06-03">3 juin 2024</time></p><nav><a href="/">Accueil</a></nav></footer>
    </body></html>"""
    # the page's footer (the site's, here with its navigation): no article date at all
    assert published(html) is None
    html = """<html lang="fr"><body><article><h1>Le pont est approuvé</h1>
    <p>Le conseil a voté jeudi pour approuver le pont après un long débat.</p>
    <footer>Publié le <time datetime="2024-05-16T11:26:00+02:00">16 mai 2024</time></footer></article>
    <footer class="site-footer">Mise à jour du site : <time datetime="2024-06-03">3 juin 2024</time></footer>
    </body></html>"""
    assert published(html) == date(2024, 5, 16)


@pytest.mark.parametrize("html", [
    # German: "Aktualisiert" label in front of the first <time>
    """<html lang="de"><body><article><h1>Gemeinderat genehmigt die neue Brücke</h1>
    <p class="info">Aktualisiert am <time datetime="2024-05-17T09:00:00+02:00">17.05.2024</time>
    · Veröffentlicht am <time datetime="2024-05-16T11:26:00+02:00">16.05.2024, 11:26 Uhr</time></p>
    <p>Der Gemeinderat hat am Donnerstag nach langer Debatte die Brücke genehmigt.</p></article></body></html>""",
    # English: class names say which is which
    """<html><body><article><h1>Council approves the new bridge</h1>
    <time class="entry-modified" datetime="2024-05-17T09:00:00Z">May 17</time>
    <time class="entry-published" datetime="2024-05-16T11:26:00Z">May 16</time>
    <p>The council voted on Thursday to approve the bridge after a long debate.</p></article></body></html>""",
    # Arabic: "آخر تحديث" first, then "نشر"
    """<html lang="ar"><body><article><h1>الحكومة تعلن خطة جديدة للنقل</h1>
    <div>آخر تحديث: <time datetime="2024-05-17T09:00:00+03:00">17 مايو 2024</time></div>
    <div>نُشر: <time datetime="2024-05-16T11:26:00+03:00">16 مايو 2024</time></div>
    <p>أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة.</p></article></body></html>""",
    # HTML5 pubdate attribute
    """<html><body><article><h1>Council approves the new bridge</h1>
    <time datetime="2024-05-17T09:00:00Z">May 17</time> <time pubdate datetime="2024-05-16T11:26:00Z">May 16</time>
    <p>The council voted on Thursday to approve the bridge after a long debate.</p></article></body></html>""",
])
def test_publication_time_beats_update_time(html: str) -> None:
    assert published(html) == date(2024, 5, 16)


@pytest.mark.parametrize("html", [
    """<html><body><article><h1>Council approves the new bridge</h1>
    <p>The old bridge was closed on <time datetime="2019-03-01">1 March 2019</time> after an inspection found
    cracks in two of its piers, and the council has argued about a new one ever since.</p>
    <footer><time datetime="2024-05-16T11:26:00Z">16 May 2024</time></footer></article></body></html>""",
    """<html lang="ar"><body><article><h1>الحكومة تعلن خطة جديدة للنقل</h1>
    <p>كانت الحكومة قد أعلنت في <time datetime="2019-03-01">1 آذار 2019</time> عن دراسة أولى للنقل العام في
    العاصمة، لكنها توقفت بعد أشهر بسبب نقص التمويل وخلافات بين البلديات.</p>
    <div class="info"><time datetime="2024-05-16T11:26:00+03:00">16 أيار 2024</time></div></article></body></html>""",
    """<html lang="ja"><body><article><h1>新しい橋の建設が承認された</h1>
    <p>古い橋は<time datetime="2019-03-01">2019年3月1日</time>の点検で橋脚にひびが見つかって閉鎖され、それ以来、市議会では新しい橋の建設について長い議論が続いてきたが、今週ついに各会派が合意し、正式に建設が承認された。</p>
    <div><time datetime="2024-05-16T11:26:00+09:00">2024年5月16日</time></div></article></body></html>""",
])
def test_time_in_a_sentence_of_the_text_is_not_the_publication(html: str) -> None:
    assert published(html) == date(2024, 5, 16)


def test_date_in_a_teaser_named_wrapper_under_the_headline_counts_ru() -> None:
    # Inside the headline's own <header> a wrapper's name ("teaser") does not make it side content;
    # the ticker's time (first on the page) and the event's time in the text do not win.
    html = """<html lang="ru"><body><div class="ticker"><time datetime="2024-06-02T08:00:00+03:00">08:00</time></div>
    <main><article><header><h1>Совет одобрил строительство моста</h1>
    <div class="ArticleTeaser_meta"><time datetime="2024-05-16T11:26:00+03:00">16 мая 2024</time></div></header>
    <p>Совет в четверг одобрил строительство моста после долгих споров, начатых
    <time datetime="2019-03-01">1 марта 2019</time>.</p></article></main></body></html>"""
    assert published(html) == date(2024, 5, 16)


def test_time_with_inline_parts_is_read_with_spaces_it() -> None:
    # The <time> decides before the URL's day (the day the story was created).
    html = """<html lang="it"><body><article><h1>Il consiglio approva il nuovo ponte</h1>
    <div class="news-info"><time><strong>16 maggio 2024</strong><span>11:26</span></time></div>
    <p>Il consiglio ha approvato giovedì il ponte dopo un lungo dibattito.</p></article></body></html>"""
    assert published(html, "https://news.example.com/2024/05/15/ponte") == date(2024, 5, 16)


@pytest.mark.parametrize("html", [
    # a list of other stories the page does not name, with <time>s, before the article whose
    # own date is printed as text only
    """<html lang="de"><body><div class="swiper"><div class="slide"><a href="/a">Andere Meldung</a>
    <time datetime="2024-06-02T08:00:00+02:00">08:00</time></div></div>
    <article><h1>Gemeinderat genehmigt die neue Brücke</h1><div class="article-meta">16.05.2024, 11:26 Uhr</div>
    <p>Der Gemeinderat hat am Donnerstag nach langer Debatte die Brücke genehmigt.</p></article></body></html>""",
    """<html lang="ar"><body><ul class="list-unstyled"><li><a href="/a">خبر آخر</a>
    <time datetime="2024-06-02T08:00:00+03:00">٠٨:٠٠</time></li></ul>
    <main><h1>الحكومة تعلن خطة جديدة للنقل</h1><span class="post-date">نشر في ١٦ أيار ٢٠٢٤</span>
    <p>أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة.</p></main></body></html>""",
    """<html><body><article><h1>Council approves the new bridge</h1><p class="dateline">May 16, 2024</p>
    <p>The council voted on Thursday to approve the bridge after a long debate.</p></article>
    <div class="grid"><div><a href="/a">Another story</a> <time datetime="2024-06-02">June 2</time></div></div>
    </body></html>""",
])
def test_article_date_as_text_beats_a_time_outside_the_article(html: str) -> None:
    assert published(html) == date(2024, 5, 16)


# ---------------------------------------------------------------- dates only in visible text

def test_site_header_date_line_does_not_win_en() -> None:
    html = """<html><body><header><div class="date">Saturday, 1 June 2024</div>
    <nav><a href="/">Home</a></nav></header>
    <div class="story"><h1>Council approves the new bridge</h1>
    <div class="byline">By Jane Doe <span class="post-date">May 16, 2024</span></div>
    <p>The council voted on Thursday to approve the bridge after a long debate.</p></div></body></html>"""
    assert published(html) == date(2024, 5, 16)


@pytest.mark.parametrize("html", [
    """<html><body><div id="header"><span class="date">Saturday, June 1, 2024</span>
    <ul class="menu"><li><a href="/">Home</a></li></ul></div>
    <div class="post"><h1>Council approves the new bridge</h1><span class="post-date">May 16, 2024</span>
    <p>The council voted on Thursday to approve the bridge after a long debate.</p></div></body></html>""",
    """<html lang="ar"><body><div class="top-header"><div class="today-date">السبت 1 حزيران 2024</div>
    <div role="navigation"><a href="/">الرئيسية</a></div></div>
    <div class="content"><h1>الحكومة تعلن خطة جديدة للنقل</h1><div class="date">16 أيار 2024</div>
    <p>أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة.</p></div></body></html>""",
    """<html lang="es"><body><div class="site-banner"><p class="fecha">Sábado, 1 de junio de 2024</p>
    <ul id="main-nav"><li><a href="/">Portada</a></li></ul></div>
    <div class="nota"><h1>El consejo aprueba el nuevo puente</h1><p class="fecha">16 de mayo de 2024</p>
    <p>El consejo votó el jueves para aprobar el puente tras un largo debate.</p></div></body></html>""",
])
def test_site_banner_without_header_tag_does_not_win(html: str) -> None:
    assert published(html) == date(2024, 5, 16)


def test_related_list_dates_do_not_win_ru() -> None:
    html = """<html lang="ru"><body><div class="page">
    <div class="latest-news"><a href="/a">Другая новость</a><span class="date">1 июня 2024</span></div>
    <div class="article"><h1>Совет одобрил строительство моста</h1>
    <div class="article-date">16 мая 2024, 11:26</div>
    <p>Совет в четверг одобрил строительство моста после долгих споров.</p></div></div></body></html>"""
    assert published(html) == date(2024, 5, 16)


@pytest.mark.parametrize("html, expected", [
    # one element: "Published ... | Updated ..." and "Updated ... | Published ..."
    ("""<html><body><h1>Council approves the new bridge</h1>
     <div class="meta">Updated: June 1, 2024 | Published: May 16, 2024</div>
     <p>The council voted on Thursday to approve the bridge after a long debate.</p></body></html>""",
     date(2024, 5, 16)),
    # Arabic: "آخر تحديث" then "نشر في", Levantine month, Arabic-Indic digits
    ("""<html lang="ar"><body><h1>الحكومة تعلن خطة جديدة للنقل</h1>
     <div class="post-meta">آخر تحديث: ١ حزيران ٢٠٢٤ | نشر في: ١٦ أيار ٢٠٢٤</div>
     <p>أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة.</p></body></html>""",
     date(2024, 5, 16)),
    # German: an "Aktualisiert" element before the publication element
    ("""<html lang="de"><body><h1>Gemeinderat genehmigt die neue Brücke</h1>
     <div class="meta">Aktualisiert: 01.06.2024, 09:00 Uhr</div><div class="meta">16.05.2024, 11:26 Uhr</div>
     <p>Der Gemeinderat hat am Donnerstag nach langer Debatte die Brücke genehmigt.</p></body></html>""",
     date(2024, 5, 16)),
    # Spanish: class says "updated" on the first, unlabelled text
    ("""<html lang="es"><body><h1>El consejo aprueba el nuevo puente</h1>
     <span class="date updated">1 de junio de 2024</span><span class="date">16 de mayo de 2024</span>
     <p>El consejo votó el jueves para aprobar el puente tras un largo debate.</p></body></html>""",
     date(2024, 5, 16)),
    # French: "publié le ... à 11h26, mis à jour le ..."
    ("""<html lang="fr"><body><h1>Le pont est approuvé</h1>
     <p class="article-datetime">Mis à jour le 1 juin 2024 à 09h00, publié le 16 mai 2024 à 11h26</p>
     <p>Le conseil a voté jeudi pour approuver le pont après un long débat.</p></body></html>""",
     date(2024, 5, 16)),
])
def test_published_label_beats_updated_label_in_text(html: str, expected: date) -> None:
    assert published(html) == expected


@pytest.mark.parametrize("html, expected", [
    # a lead sentence with an earlier event date comes first; the dateline line is the date
    ("""<html lang="zh"><body><h1>市议会批准新桥</h1>
     <p>旧桥于2019年3月1日因安全检查发现桥墩裂缝而关闭，此后市议会多次讨论重建方案，直到本周才最终达成一致意见并正式投票批准。
     议员们表示，新桥将在两年内建成，届时将大大缓解城市东西两岸之间的交通压力，也将为沿岸居民提供新的步行和自行车通道。</p>
     <div>来源：新华社 本报记者 张三 李四 王五 北京报道 发布时间 2024年5月16日 11:26</div></body></html>""", date(2024, 5, 16)),
    ("""<html lang="ar"><body><h1>الحكومة تعلن خطة جديدة للنقل</h1>
     <p>كانت الحكومة قد أعلنت في 1 آذار 2019 عن دراسة أولى للنقل العام في العاصمة، لكنها توقفت بعد أشهر
     بسبب نقص التمويل وخلافات بين البلديات حول مسار الخطوط الجديدة.</p>
     <div>الرباط - مراسل الشؤون المحلية أنس البار - 16 ماي 2024</div></body></html>""",
     date(2024, 5, 16)),
    ("""<html lang="de"><body><h1>Gemeinderat genehmigt die neue Brücke</h1>
     <p>Die alte Brücke war am 1. März 2019 nach einer Prüfung gesperrt worden, seither wurde im Rat
     über einen Neubau gestritten, bis sich die Fraktionen in dieser Woche einigten.</p>
     <div><b>Max Muster</b>, Korrespondent in Berlin | 16.05.2024, 11:26 Uhr</div></body></html>""",
     date(2024, 5, 16)),
])
def test_dateline_on_its_own_line_is_found(html: str, expected: date) -> None:
    assert published(html) == expected


@pytest.mark.parametrize("html", [
    """<html><body><h1>Council approves the new bridge</h1><p class="reviewer">Reviewed by Jane Doe, MD</p>
    <p>WASHINGTON, May 16, 2024 -- The council voted on Thursday to approve the bridge after a long debate
    that began when the old one was closed on March 3, 2020.</p></body></html>""",
    """<html lang="ar"><body><h1>الحكومة تعلن خطة جديدة للنقل</h1>
    <p>الرباط، 16 مايو 2024 - أعلنت الحكومة اليوم خطة جديدة للنقل العام في العاصمة بعد أشهر من الدراسة
    التي بدأت في 1 آذار 2019 وتوقفت بسبب نقص التمويل.</p></body></html>""",
    """<html lang="de"><body><h1>Gemeinderat genehmigt die neue Brücke</h1>
    <p>Berlin, 16.05.2024 – Der Gemeinderat hat am Donnerstag nach langer Debatte die Brücke genehmigt,
    die seit dem 1. März 2019 gesperrt war.</p></body></html>""",
])
def test_wire_dateline_opening_the_text_is_found(html: str) -> None:
    assert published(html) == date(2024, 5, 16)


# ---------------------------------------------------------------- no date: None, not a wrong one

@pytest.mark.parametrize("html", [
    # a date inside a sentence of the text, a copyright year
    """<html><body><h1>Council approves the new bridge</h1>
    <p>The council first discussed the bridge on March 3, 2020, when the old one was closed
    after an inspection found cracks in two of its piers.</p>
    <div class="footer">© 2024 Example News. All rights reserved.</div></body></html>""",
    # German: "am 9. November 1989" in the text
    """<html lang="de"><body><h1>Die Mauer und die Brücke</h1>
    <p>Als am 9. November 1989 die Mauer fiel, stand die alte Brücke schon seit Jahrzehnten
    an dieser Stelle, und niemand dachte damals an einen Neubau.</p></body></html>""",
    # Arabic: an event date in a sentence
    """<html lang="ar"><body><h1>الحكومة تعلن خطة جديدة للنقل</h1>
    <p>وكانت الحكومة قد أعلنت في 16 أيار 2019 عن دراسة أولى للنقل العام في العاصمة، لكنها
    توقفت بعد أشهر بسبب نقص التمويل.</p></body></html>""",
    # Chinese: a sentence of 60 characters is a long one (wide characters count twice)
    """<html lang="zh"><body><h1>市议会批准新桥</h1>
    <p>旧桥于2019年3月1日因安全检查发现桥墩裂缝而关闭，此后市议会多次讨论重建方案，直到本周才最终达成一致意见。</p></body></html>""",
    # Hungarian: an anniversary in the lead
    """<html lang="hu"><body><h1>Száz éve történt</h1>
    <p>Száz évvel ezelőtt, 1920. június 4-én írták alá a békeszerződést, amelynek következményei
    ma is meghatározzák a térség politikáját.</p></body></html>""",
])
def test_date_in_a_sentence_is_not_the_publication_date(html: str) -> None:
    assert published(html) is None


@pytest.mark.parametrize("html", [
    """<html><body><h1>Unemployment falls again</h1><p>The rate fell for the third month in a row.</p>
    <table><tr><th>Region</th><th>Rate</th></tr><tr><td>North</td><td>4.1%</td></tr></table>
    <p>As of 31 March 2024</p></body></html>""",
    """<html lang="ru"><body><h1>Безработица снова снизилась</h1><p>Уровень снизился третий месяц подряд.</p>
    <p>Данные по состоянию на 31.03.2024</p></body></html>""",
    """<html lang="zh"><body><h1>失业率再次下降</h1><p>失业率连续第三个月下降。</p>
    <p>截至2024年3月31日</p></body></html>""",
])
def test_as_of_date_is_not_the_publication_date(html: str) -> None:
    assert published(html) is None


def test_structured_and_url_dates_still_come_first() -> None:
    # the visible-text rules only decide when nothing structured is there
    html = """<html><body><h1>Council approves the new bridge</h1>
    <p>The council first discussed the bridge on March 3, 2020, when the old one was closed.</p></body></html>"""
    assert published(html, "https://news.example.com/2024/05/16/bridge") == date(2024, 5, 16)
    p, m = modified_and_published(
        """<html><head><meta property="article:published_time" content="2024-05-16T11:26:00+03:00">
        </head><body><h1>H</h1><time datetime="2024-06-01">June 1</time></body></html>""")
    assert p == datetime(2024, 5, 16, 11, 26, tzinfo=timezone(timedelta(hours=3)))


# ---------------------------------------------------------------- unclassed lists of other stories' dates

OWN = {"en": ("Council approves the harbour plan", "The council met on Tuesday and approved the plan "
              "after a debate that lasted most of the night, its members said afterwards."),
       "ar": ("مجلس المدينة يوافق على خطة الميناء", "اجتمع المجلس يوم الثلاثاء ووافق على الخطة بعد نقاش "
              "استمر معظم الليل كما قال أعضاؤه بعد ذلك في بيان رسمي."),
       "ru": ("Городской совет одобрил план порта", "Совет собрался во вторник и одобрил план после "
              "обсуждения, которое длилось большую часть ночи, сообщили его члены.")}


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("items", [
    '<li><a href="/s/1">{t}</a><time datetime="2019-03-04T08:15:00Z">2019-03-04</time></li>'
    '<li><a href="/s/2">{t}</a><time datetime="2019-03-05T11:40:00Z">2019-03-05</time></li>',
    '<li><div><a href="/s/1">{t}</a></div><div><time datetime="2019-03-04">4.3.2019</time></div></li>'
    '<li><div><a href="/s/2">{t}</a></div><div><time datetime="2019-03-05">5.3.2019</time></div></li>',
])
def test_unclassed_list_of_dated_links_after_the_text_does_not_win(lang: str, items: str) -> None:
    """The article's own date is printed as text only; the list after the text, unnamed,
    holds other stories' <time>s."""
    head, text = OWN[lang]
    html = (f"<html><body><article><h1>{head}</h1><p>16.05.2024</p><p>{text}</p><p>{text}</p>"
            f"<div><ul>{items.format(t=head)}</ul></div></article></body></html>")
    assert published(html) == date(2024, 5, 16)


@pytest.mark.parametrize("line", [
    # the article's own date line: published and updated times with the author's link beside
    '<div class="meta"><a href="/authors/jane-doe">Jane Doe</a> <time datetime="2024-05-16T09:00:00Z">'
    '16 May</time> <span>updated <time datetime="2024-05-17T10:00:00Z">17 May</time></span></div>',
    '<div><span><a href="/autor/max">Max Muster</a></span><span><time datetime="2024-05-16">16.05.2024'
    '</time></span><span><time datetime="2024-05-17">17.05.2024</time></span></div>',
])
def test_the_articles_own_date_line_with_two_times_still_counts(line: str) -> None:
    head, text = OWN["en"]
    html = f"<html><body><article><h1>{head}</h1>{line}<p>{text}</p></article></body></html>"
    assert published(html) == date(2024, 5, 16)


def test_an_author_link_beside_the_published_time_and_an_updated_time_still_counts() -> None:
    head, text = OWN["en"]
    line = ('<p><span><a href="/authors/jane-doe">Jane Doe</a> <time datetime="2024-05-16T09:00:00Z">16 May'
            '</time></span><span>Updated <time datetime="2024-05-17T10:00:00Z">17 May</time></span></p>')
    html = f"<html><body><article><h1>{head}</h1>{line}<p>{text}</p></article></body></html>"
    assert published(html) == date(2024, 5, 16)


def test_the_own_date_line_beside_a_box_of_dated_teasers_still_counts() -> None:
    """The article's date line and, further down the same <article>, a box of related stories
    with their times: the box is a list of its own, the date line no item of it."""
    head, text = OWN["ru"]
    teasers = "".join(f'<article class="teaser"><h3><a href="/s/{i}">{head}</a></h3><div>'
                      f'<time datetime="2024-05-1{i}T10:00:00+03:00">1{i} мая</time></div></article>'
                      for i in (3, 4))
    html = (f'<html><body><article><h1>{head}</h1><div class="meta"><span>Автор: Иван Петров</span>'
            f'<span><time datetime="2024-05-16T06:53:00+03:00">16 мая 2024</time></span></div>'
            f"<p>{text}</p><p>{text}</p><section>{teasers}</section></article></body></html>")
    assert published(html) == date(2024, 5, 16)


# ---------------------------------------------------------------- numeric dates: month or day first

def _dated_page(lang: str, line: str, head: str = "", listed: str = "") -> str:
    """A page dated `line`; `listed`, when given, is the date of another story in a list
    beside the article."""
    aside = (f'<aside><ul><li><a href="/other">Other story</a> {listed}</li></ul></aside>'
             if listed else "")
    return (f'<html lang="{lang}"><head><title>Harbour works</title>{head}</head><body><article>'
            f'<h1>Harbour works agreed</h1><p class="date">{line}</p>'
            + "<p>The council met on Tuesday to agree the budget for the harbour works.</p>" * 6
            + f"</article>{aside}</body></html>")


@pytest.mark.parametrize("lang, line, head, expected", [
    # the United States and the Philippines write the month first
    ("en-US", "Posted 05/03/2024 10:15 AM", "", date(2024, 5, 3)),
    ("en", "05/03/2024", '<meta property="og:locale" content="en_US">', date(2024, 5, 3)),
    ("en-PH", "05/03/2024", "", date(2024, 5, 3)),
    # everyone else the day first; a bare "en" names no region
    ("en-GB", "Posted 05/03/2024 10:15", "", date(2024, 3, 5)),
    ("en", "05/03/2024", "", date(2024, 3, 5)),
    ("ar", "نشر في 05/03/2024", "", date(2024, 3, 5)),
    ("ru-RU", "Опубликовано 05/03/2024", "", date(2024, 3, 5)),
    # a dotted date is day first even on a US page; an impossible month settles the order
    ("en-US", "05.03.2024", "", date(2024, 3, 5)),
    ("en-US", "13/03/2024", "", date(2024, 3, 13)),
    ("en-GB", "03/13/2024", "", date(2024, 3, 13)),
])
def test_an_ambiguous_numeric_date_is_read_in_the_pages_locale(lang: str, line: str, head: str,
                                                               expected: date) -> None:
    assert published(_dated_page(lang, line, head)) == expected


def test_the_locale_of_one_page_does_not_carry_over_to_the_next() -> None:
    assert published(_dated_page("en-US", "05/03/2024")) == date(2024, 5, 3)
    assert find_date_in_text("05/03/2024") == datetime(2024, 3, 5)


@pytest.mark.parametrize("text", [
    "৩ মে ২০২৪",        # Bengali, in Bengali digits
    "3 মে, 2024",
    "3 மே 2024",        # Tamil
    "3 మే 2024",        # Telugu
    "3 મે 2024",        # Gujarati
    "3 ಮೇ 2024",        # Kannada
    "3 മേയ് 2024",      # Malayalam
    "3 ਮਈ 2024",        # Punjabi
    "3 ພຶດສະພາ 2024",   # Lao
    "3 ឧសភា 2024",      # Khmer
    "3 مايو 2024",      # and Arabic and English, as before
    "3 May 2024",
])
def test_month_names_of_south_and_southeast_asian_scripts_are_read(text: str) -> None:
    """Two characters make a whole month name in the scripts of South Asia (মে, மே: May)."""
    assert find_date_in_text(text) == datetime(2024, 5, 3)


def test_a_latin_two_letter_word_is_still_no_month() -> None:
    assert find_date_in_text("3 ma 2024") is None


@pytest.mark.parametrize("text", ["ngày 3 tháng 5 năm 2024", "Cập nhật 03 tháng 05 năm 2024", "3 tháng 5, 2024"])
def test_vietnamese_month_numbers_are_read(text: str) -> None:
    """"tháng 5" is the fifth month: Vietnamese names months by number."""
    assert find_date_in_text(text) == datetime(2024, 5, 3)


@pytest.mark.parametrize("text", [
    "2024-yil 3-may",            # Uzbek (Latin)
    "2024-йил 3 май",            # Uzbek (Cyrillic)
    "2024 жылғы 3 мамыр",        # Kazakh
    "2024-жылдын 3-майы",        # Kyrgyz, the month with its case suffix
    "2024-cü il 3 may",          # Azerbaijani
    "Yangilangan: 2024-yil 3-may, 10:35",
    "2024. gada 3. maijs",       # Latvian
    "2024 m. gegužės 3 d.",      # Lithuanian: year, "m.", month, day
])
def test_year_first_dates_of_turkic_and_baltic_languages_are_read(text: str) -> None:
    """The year with its own word first, then the day and the month."""
    assert find_date_in_text(text).date() == datetime(2024, 5, 3).date()


def test_a_year_then_a_number_and_a_month_in_a_sentence_needs_the_year_word() -> None:
    assert find_date_in_text("In 2024 12 May events were held") is None


@pytest.mark.parametrize("text", [
    "3 أيار/مايو 2024", "3 مايو/أيار 2024", "الجمعة 3 أيار/مايو 2024 - 14:12",
    "3 май/мая 2024",
])
def test_a_month_named_twice_with_a_slash(text: str) -> None:
    """Arabic news prints the Levantine and the Gregorian name of the month together."""
    assert find_date_in_text(text).date() == datetime(2024, 5, 3).date()


@pytest.mark.parametrize("text", ["03-05-2024", "Gepubliceerd: 03-05-2024 14:12", "نشر في 03-05-2024",
                                  "Опубликовано 03-05-2024"])
def test_a_day_first_date_with_hyphens(text: str) -> None:
    assert find_date_in_text(text).date() == datetime(2024, 5, 3).date()


@pytest.mark.parametrize("text", ["Tel. 030-12-2024", "ISBN 978-3-16-148410-0", "1-2-3-2024"])
def test_hyphenated_numbers_that_are_no_date(text: str) -> None:
    assert find_date_in_text(text) is None


def test_a_hyphenated_date_is_month_first_on_a_us_page() -> None:
    token = MONTH_FIRST.set(True)
    try:
        assert find_date_in_text("05-03-2024") == datetime(2024, 5, 3)
    finally:
        MONTH_FIRST.reset(token)


@pytest.mark.parametrize("text", ["3rd of May, 2024", "the 3rd of May 2024", "3 of May 2024"])
def test_the_day_of_the_month_in_english(text: str) -> None:
    assert find_date_in_text(text) == datetime(2024, 5, 3)


@pytest.mark.parametrize("lang, line", [
    ("en", "Updated 5 May 2024 · Published 3 May 2024"),
    ("ar", "آخر تحديث: 5 مايو 2024 - نشر في: 3 مايو 2024"),
    ("pl", "Aktualizacja: 05.05.2024, Publikacja: 03.05.2024"),
    ("el", "Ενημερώθηκε 5 Μαΐου 2024, δημοσιεύθηκε 3 Μαΐου 2024"),
    ("vi", "Cập nhật 05/05/2024, đăng 03/05/2024"),
    ("fa", "به‌روزرسانی: ۱۶ اردیبهشت ۱۴۰۳ - انتشار: ۱۴ اردیبهشت ۱۴۰۳"),
    ("uk", "Оновлено 5 травня 2024, опубліковано 3 травня 2024"),
    ("fi", "Päivitetty 5.5.2024, julkaistu 3.5.2024"),
    ("th", "อัปเดต 5 พฤษภาคม 2567 เผยแพร่ 3 พฤษภาคม 2567"),
])
def test_the_published_date_is_told_from_the_updated_one_by_its_label(lang: str, line: str) -> None:
    """The update printed first does not pass for the publication."""
    assert published(_dated_page(lang, line)) == date(2024, 5, 3)


@pytest.mark.parametrize("lang, line, listed, expected", [
    # a CMS's default "en-US", but the page prints "25/07/2024": day first
    ("en-US", "Posted 05/03/2024", "25/07/2024", date(2024, 3, 5)),
    # no region, but the page prints "07/25/2024": month first
    ("en", "05/03/2024", "07/25/2024", date(2024, 5, 3)),
    ("", "05-03-2024", "07-25-2024", date(2024, 5, 3)),
    # Arabic and Russian pages write the day first whatever the page prints
    ("ar", "نشر في 05/03/2024", "07/25/2024", date(2024, 3, 5)),
    ("ru", "Опубликовано 05/03/2024", "07/25/2024", date(2024, 3, 5)),
    # the printed dates disagree: the locale decides
    ("en-US", "05/03/2024", "25/07/2024 07/25/2024", date(2024, 5, 3)),
])
def test_the_order_of_the_dates_a_page_prints_settles_an_ambiguous_one(
        lang: str, line: str, listed: str, expected: date) -> None:
    """A date with a number over 12 shows the order the page writes its dates in; sites keep a
    CMS's default locale ("en-US") while printing day first."""
    assert published(_dated_page(lang, line, listed=listed)) == expected


@pytest.mark.parametrize("lang, line, expected", [
    # Drupal's default "Tue, 03/05/2024 - 18:30" on a page that names no region: March 5th
    # was a Tuesday, May 3rd a Friday
    ("en", "Tue, 03/05/2024 - 18:30", date(2024, 3, 5)),
    ("en-GB", "Tuesday 03/05/2024", date(2024, 3, 5)),
    ("en", "Thursday, 03-07-2024", date(2024, 3, 7)),
    # and the other way round on a page that says it is American
    ("en-US", "Tuesday, 05/03/2024", date(2024, 3, 5)),
    ("en-US", "Fri 03/05/2024", date(2024, 5, 3)),
])
def test_the_weekday_printed_before_an_ambiguous_date_settles_its_order(
        lang: str, line: str, expected: date) -> None:
    """A weekday names one of the two readings of "03/05/2024"; it outweighs the locale, which
    many sites leave at their CMS's default."""
    assert published(_dated_page(lang, line)) == expected


@pytest.mark.parametrize("lang, line, expected", [
    # a weekday that fits neither reading (a typo, another date's) settles nothing: the locale does
    ("en", "Mon, 03/05/2024", date(2024, 5, 3)),
    ("en-US", "Mon, 03/05/2024", date(2024, 3, 5)),
    # a weekday further back belongs to other words
    ("en", "Tuesday's council meeting, reported on 03/05/2024", date(2024, 5, 3)),
    # Arabic and Russian pages write the day first, whatever weekday they print
    ("ar", "الثلاثاء 03/05/2024", date(2024, 5, 3)),
    ("ru", "вторник, 03/05/2024", date(2024, 5, 3)),
])
def test_a_weekday_that_settles_nothing_leaves_the_locales_order(
        lang: str, line: str, expected: date) -> None:
    assert published(_dated_page(lang, line)) == expected


# ---------------------------------------------------------------- dates of other facts in description lists

# (language, headline, the member box's "joined" group, the article's own dateline, its day)
FACT_GROUPS = [
    ("en", "Council approves the harbour plan", "<dt>Joined</dt><dd>May 11, 2017</dd>",
     "March 18, 2020", date(2020, 3, 18)),
    ("ar", "مجلس المدينة يوافق على خطة الميناء", "<dt>تاريخ الانضمام</dt><dd>11 مايو 2017</dd>",
     "18 مارس 2020", date(2020, 3, 18)),
    ("de", "Stadtrat billigt den Hafenplan", "<dt>Mitglied seit</dt><dd>11.05.2017</dd>",
     "18.03.2020", date(2020, 3, 18)),
    ("ru", "Городской совет одобрил план порта", "<dt>Регистрация</dt><dd>11 мая 2017</dd>",
     "18 марта 2020", date(2020, 3, 18)),
]


def _member_box_page(lang: str, headline: str, group: str, dateline: str | None) -> str:
    text = OWN.get(lang, OWN["en"])[1]
    own = f"<p>{dateline}</p>" if dateline else ""
    return f"""<html lang="{lang}"><body><h1>{headline}</h1>
    <div class="message-user"><a href="/members/ab.1482">ab</a>
    <dl class="pairs">{group}</dl><dl class="pairs"><dt>Posts</dt><dd>3,066</dd></dl></div>
    <p>{text}</p>{own}</body></html>"""


@pytest.mark.parametrize("lang, headline, group, dateline, day", FACT_GROUPS)
def test_a_member_box_joined_date_is_not_the_publication_date(
        lang: str, headline: str, group: str, dateline: str, day: date) -> None:
    # a forum-style member box under the headline ("Joined" / "May 11, 2017") comes before the
    # article's own dateline: the description list names its date another fact
    assert published(_member_box_page(lang, headline, group, dateline)) == day
    assert published(_member_box_page(lang, headline, group, None)) is None


@pytest.mark.parametrize("group, day", [
    ("<dt>Born</dt><dd>3 May 1950</dd>", None),
    ("<dt>Release date</dt><dd>3 May 2024</dd>", None),
    ("<dt>Published</dt><dd>March 18, 2020</dd>", date(2020, 3, 18)),
    ("<dt>Date:</dt><dd>March 18, 2020</dd>", date(2020, 3, 18)),
    ("<dt>Veröffentlicht</dt><dd>18.03.2020</dd>", date(2020, 3, 18)),
    ("<dt>تاريخ النشر</dt><dd>18 مارس 2020</dd>", date(2020, 3, 18)),
    ("<dt>Дата</dt><dd>18 марта 2020</dd>", date(2020, 3, 18)),
    ("<dt>Updated</dt><dd>March 18, 2020</dd>", date(2020, 3, 18)),
])
def test_a_description_list_date_counts_when_its_name_says_publication(group: str, day: date | None) -> None:
    html = f"""<html><body><h1>Council approves the harbour plan</h1>
    <dl class="facts">{group}</dl><p>{OWN["en"][1]}</p></body></html>"""
    assert published(html) == day


def test_a_date_box_of_other_facts_is_not_read() -> None:
    # a box named for dates ("user-dates") whose groups are all other facts
    html = f"""<html><body><h1>Council approves the harbour plan</h1>
    <div class="user-dates"><dl><dt>Joined</dt><dd>May 11, 2017</dd><dt>Last seen</dt>
    <dd>March 2, 2020</dd></dl></div><p>{OWN["en"][1]}</p></body></html>"""
    assert published(html) is None


# ---------------------------------------------------------------- teaser lists known by their date's class

# (language, "you might also like", the three teasers' headlines, the article's dateline, its day)
TEASER_LISTS = [
    ("en", "You might also like", ("Taiwan on alert over carrier", "Station renovations to begin",
                                   "Most willing to defend the island"),
     "Wed, Oct 16, 2024", date(2024, 10, 16)),
    ("ar", "قد يعجبك أيضا", ("تأهب بعد رصد حاملة طائرات", "بدء أعمال تجديد المحطة", "استطلاع جديد للرأي"),
     "الأربعاء 16 أكتوبر 2024", date(2024, 10, 16)),
    ("ru", "Читайте также", ("Тревога из-за авианосца", "Ремонт вокзала начнётся в ноябре",
                             "Новый опрос общественного мнения"),
     "16 октября 2024", date(2024, 10, 16)),
]


def _teaser_page(lang: str, head: str, titles: tuple[str, ...], dateline: str, card: str) -> str:
    days = ("2024-10-14", "2024-10-10", "2024-10-12")
    if card == "li":
        items = "".join(f'<li><a href="/news/{n}"><img src="/t/{n}.jpg"><h4>{t}</h4>'
                        f'<div class="date_list">{d}</div></a></li>'
                        for n, (t, d) in enumerate(zip(titles, days)))
        teasers = f"<div><h3>{head}</h3><ul>{items}</ul></div>"
    else:  # unclassed cards: the date beside the link, not inside it
        items = "".join(f'<div><a href="/news/{n}">{t}</a><span class="item-date">{d}</span></div>'
                        for n, (t, d) in enumerate(zip(titles, days)))
        teasers = f"<div><h3>{head}</h3><div>{items}</div></div>"
    headline, text = OWN[lang]
    return f"""<html lang="{lang}"><body><h1>{headline}</h1>{teasers}
    <p>{text}</p><p>{dateline}</p></body></html>"""


@pytest.mark.parametrize("card", ["li", "div"])
@pytest.mark.parametrize("lang, head, titles, dateline, day", TEASER_LISTS)
def test_dates_of_a_teaser_list_known_by_class_are_other_stories(
        lang: str, head: str, titles: tuple[str, ...], dateline: str, day: date, card: str) -> None:
    # the list's items repeat one template, each with a date element of one class and a link
    # to another story: the article's own dateline, unclassed further down, is the date
    assert published(_teaser_page(lang, head, titles, dateline, card)) == day


@pytest.mark.parametrize("items", [
    # the article's own meta line: one item holds a date, the other the author's link
    '<ul class="meta"><li><a href="/author/jane">Jane Doe</a></li><li><span class="date">16 October 2024</span></li></ul>',
    # a list of one story's stamps on one day (published, then updated) that link to it
    '<ul><li><a href="#top">Published</a> <span class="date">16 October 2024 09:00</span></li>'
    '<li><a href="#top">Updated</a> <span class="date">16 October 2024 11:30</span></li></ul>',
])
def test_an_own_date_in_a_list_still_counts(items: str) -> None:
    html = f"""<html><body><h1>{OWN["en"][0]}</h1>{items}<p>{OWN["en"][1]}</p></body></html>"""
    assert published(html) == date(2024, 10, 16)
    # and the rule itself says so (the page's later fallbacks would find the day regardless)
    from crawler.extract import metadata
    stamps = load(html).xpath("//span[@class='date']")
    assert stamps and not any(metadata._in_dated_teasers(stamp) for stamp in stamps)


# ---------------------------------------------------------------- the masthead's "today" line

# (language, the masthead's day of the visit, the article's own dateline, its day)
MASTHEAD_DAYS = [
    ("en", "Wednesday, September 30, 2020 02:45 PM", "Ashley Coutinho / Mumbai September 29, 2020", date(2020, 9, 29)),
    ("ar", "الأربعاء 30 سبتمبر 2020", "القاهرة - أحمد علي - 29 سبتمبر 2020", date(2020, 9, 29)),
    ("es", "Miércoles, 30 de septiembre de 2020", "Ana Beltrán / Córdoba, 29 de septiembre de 2020", date(2020, 9, 29)),
]


def _masthead_page(lang: str, today: str, dateline: str, layout: str) -> str:
    headline, text = OWN.get(lang, OWN["en"])
    if layout == "table":  # a page laid out in tables: logo and today's line in rows of one
        top = (f'<table><tr><td class="txtDate"><a href="/"><img src="/images/logo.png" alt="Site"></a></td></tr>'
               f'<tr><td class="txtDate">{today}</td></tr></table>')
    else:  # boxes named by hashes (CSS-in-JS), none a <header>
        top = (f'<div class="c-1f2a"><div class="c-9b7e"><a href="https://news.example.com/">'
               f'<img src="/logo.svg" alt="Site"></a></div><div class="c-4d0c-date">{today}</div></div>')
    return f"""<html lang="{lang}"><body>{top}<div class="main"><h1>{headline}</h1>
    <p>{dateline}</p><p>{text}</p></div></body></html>"""


@pytest.mark.parametrize("layout", ["table", "div"])
@pytest.mark.parametrize("lang, today, dateline, day", MASTHEAD_DAYS)
def test_the_mastheads_day_of_the_visit_is_not_the_publication_date(
        lang: str, today: str, dateline: str, day: date, layout: str) -> None:
    assert published(_masthead_page(lang, today, dateline, layout)) == day


@pytest.mark.parametrize("html", [
    # the home logo beside the article's own date line, under the headline
    f"""<html><body><h1>{OWN["en"][0]}</h1><div class="meta"><a href="/"><img src="/logo.png"></a>
    <span class="date">September 29, 2020</span></div><p>{OWN["en"][1]}</p></body></html>""",
    # one box holds the logo, the headline and the article's date
    f"""<html><body><div class="story-top"><a href="/"><img src="/logo.png"></a><h1>{OWN["en"][0]}</h1>
    <span class="date">September 29, 2020</span></div><p>{OWN["en"][1]}</p></body></html>""",
])
def test_a_date_beside_the_home_logo_is_the_articles_when_it_is_not_before_the_headline(html: str) -> None:
    assert published(html) == date(2020, 9, 29)
    from crawler.extract import metadata
    tree = load(html)
    page = metadata._Page(tree, URL)
    stamps = tree.xpath("//span[@class='date']")
    assert stamps and not any(metadata._in_masthead(stamp, page) for stamp in stamps)


def _story_with_stamp(stamp: str, lang: str = "en") -> str:
    return (f'<html lang="{lang}"><body><article><h1>Night buses to reach three more districts</h1>'
            f'<div class="meta">{stamp}</div><p>The council voted on Tuesday to extend the night '
            "bus network to three outlying districts, ending a two-year dispute.</p></article>"
            "</body></html>")


@pytest.mark.parametrize("stamp, lang", [
    ('<span class="date" title="2024-03-05 18:30">2 hours ago</span>', "en"),
    ('<abbr class="timeago" title="2024-03-05T18:30:00Z">yesterday</abbr>', "en"),
    ('<span class="post-date" title="Tuesday, March 5, 2024 at 6:30 PM">Tuesday</span>', "en"),
    ('<span class="date" title="05.03.2024 18:30">vor 3 Stunden</span>', "de"),
    ('<span class="date" title="2024-03-05 18:30">منذ ساعتين</span>', "ar"),
    ('<span class="time" title="2024年3月5日 18:30">2時間前</span>', "ja"),
])
def test_a_relative_date_gives_the_absolute_one_its_tooltip_holds(stamp: str, lang: str) -> None:
    """"2 hours ago" is printed for the reader; the title attribute keeps the date ("timeago"
    scripts, many CMSs)."""
    assert published(_story_with_stamp(stamp, lang)) == date(2024, 3, 5)


@pytest.mark.parametrize("stamp, expected", [
    # the printed date comes before its tooltip
    ('<span class="date" title="2024-03-07T09:00:00Z">March 5, 2024</span>', date(2024, 3, 5)),
    # a tooltip that holds no date gives none
    ('<span class="date" title="Show the exact time">2 hours ago</span>', None),
])
def test_a_date_elements_tooltip_comes_after_its_text(stamp: str, expected: date | None) -> None:
    assert published(_story_with_stamp(stamp)) == expected
