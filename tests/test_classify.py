"""Article or listing, told from the page's content, never from its URL (crawler.extract.classify).

Every page here is small and of our own making: articles and listings in English, Arabic,
German and Japanese, with several markups per kind (teasers as <article> cards, as list items,
as links wrapping a heading; structured data as JSON-LD or microdata; only Open Graph). Each page
is served at a URL that would mislead a URL heuristic: articles at `/news/7` or `/p/9f3a`,
listings at dated paths such as `/2024/05/16/`.
"""
from __future__ import annotations

import json

import pytest

from crawler.extract import extract, extract_page
from crawler.extract.classify import PROSE_WORDS, classify, word_count
from crawler.pipelines.validate import verdict

MIN_WORDS = 40  # crawler.settings.NEWS_MIN_ARTICLE_WORDS

EN_PARAS = [
    "The city council voted on Tuesday evening to close the old river bridge to heavy traffic "
    "after engineers found that two of its steel supports had corroded far faster than the last "
    "inspection had predicted in its report.",
    "Residents who live on the eastern bank said the closure would add up to forty minutes to "
    "their daily journeys, and several shop owners warned that deliveries would become slower "
    "and more expensive for everyone in the district.",
    "The mayor said that the repairs would begin in the spring and that a temporary ferry "
    "service would carry pedestrians and cyclists across the river while the work on the "
    "supports and the deck went on through the summer.",
    "Opposition members asked why the problem had not been found earlier, and called for an "
    "independent review of how the city inspects its bridges, tunnels and other ageing "
    "structures before another one has to be closed.",
]
AR_PARAS = [
    "أعلنت وزارة الصحة يوم الثلاثاء عن افتتاح مستشفى جديد في شمال المدينة يضم أكثر من مئتي "
    "سرير وقسما متخصصا لعلاج الأطفال، وذلك بعد سنوات من العمل والتأخير بسبب نقص التمويل "
    "وارتفاع تكاليف البناء والمعدات الطبية.",
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من نصف مليون نسمة يعيشون في المناطق "
    "الشمالية، وإن الوزارة ستوظف مئات الأطباء والممرضين الجدد خلال الأشهر المقبلة لتشغيل "
    "الأقسام كلها بكامل طاقتها.",
    "ورحب السكان بالخطوة، لكن بعضهم أشار إلى أن الطرق المؤدية إلى المستشفى ما زالت ضيقة "
    "ومزدحمة، وطالبوا البلدية بتوسيعها قبل فصل الشتاء حتى تتمكن سيارات الإسعاف من الوصول "
    "بسرعة إلى المرضى.",
]
DE_PARAS = [
    "Der Stadtrat hat am Dienstagabend beschlossen, die alte Brücke über den Fluss für den "
    "Schwerverkehr zu sperren, nachdem Ingenieure an zwei Stahlträgern deutlich mehr Rost "
    "gefunden hatten als bei der letzten Prüfung erwartet worden war.",
    "Anwohner auf der östlichen Seite sagten, die Sperrung verlängere ihre täglichen Wege um "
    "bis zu vierzig Minuten, und mehrere Ladenbesitzer warnten, dass Lieferungen langsamer und "
    "für alle im Viertel deutlich teurer würden.",
    "Die Bürgermeisterin kündigte an, die Reparaturen würden im Frühjahr beginnen und eine "
    "Fähre werde Fußgänger und Radfahrer über den Fluss bringen, solange an den Trägern und an "
    "der Fahrbahn gearbeitet werde.",
]
JA_PARAS = [
    "市議会は火曜日の夜、老朽化した川の橋について、技術者が二本の鋼製の支柱で予想よりはるかに速く"
    "腐食が進んでいることを確認したことを受け、大型車両の通行を禁止することを決めた。",
    "東側の住民からは、通行止めによって毎日の移動に最大で四十分余計にかかるとの声が上がり、"
    "商店主らは配送が遅くなり費用もかさむと懸念を示した。",
    "市長は春に補修工事を始めると述べ、工事の間は歩行者と自転車のために臨時の渡し船を運航する"
    "考えを明らかにした。",
]
TEASERS = {
    "en": [("Bridge closed to lorries after corrosion found", "Engineers found rust on two supports."),
           ("New ferry to carry cyclists across the river", "The service starts next month."),
           ("Council approves budget for school repairs", "Roofs and heating come first."),
           ("Library to open on Sundays from March", "A trial of six months is planned."),
           ("Flood defences tested before the winter", "Pumps and barriers worked as hoped."),
           ("Bus fares frozen for another year", "The mayor says prices stay the same."),
           ("Market hall reopens after fire", "Traders return after eight months away.")],
    "ar": [("افتتاح مستشفى جديد في شمال المدينة", "يضم المستشفى مئتي سرير وقسما للأطفال."),
           ("البلدية توسع الطرق قبل الشتاء", "تبدأ الأعمال في الأسبوع المقبل."),
           ("ارتفاع أسعار الخبز في الأسواق", "التجار يعزون الزيادة إلى كلفة الطحين."),
           ("مهرجان الكتاب يعود بعد غياب", "يشارك فيه أكثر من مئة ناشر."),
           ("انقطاع الكهرباء عن عدة أحياء", "الشركة تعد بإصلاح الأعطال سريعا."),
           ("فوز المنتخب في مباراة ودية", "سجل اللاعبون ثلاثة أهداف نظيفة.")],
    "de": [("Brücke für Lastwagen gesperrt", "Ingenieure fanden Rost an zwei Trägern."),
           ("Neue Fähre für Radfahrer", "Der Betrieb beginnt im nächsten Monat."),
           ("Stadtrat beschließt Schulsanierung", "Dächer und Heizungen zuerst."),
           ("Bibliothek öffnet sonntags", "Ein Versuch über sechs Monate."),
           ("Hochwasserschutz getestet", "Pumpen und Sperren funktionierten.")],
    "ja": [("老朽化した橋で大型車の通行止め", "技術者が二本の鋼製の支柱で予想より速く腐食が進んでいるのを見つけた。"),
           ("自転車向けの渡し船が運航へ", "市は来月から歩行者と自転車のための臨時の渡し船を運航すると発表した。"),
           ("学校の改修予算を可決", "市議会は老朽化した校舎の屋根と暖房の改修を優先する予算案を可決した。"),
           ("図書館が日曜も開館へ", "中央図書館は三月から半年間、日曜日も開館する試みを始めると明らかにした。"),
           ("冬を前に洪水対策を点検", "川沿いのポンプと防潮扉を点検したところ、すべて正常に作動したという。")],
}
NAV = ('<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a> '
       '<a href="/culture/">Culture</a> <a href="/about/">About</a></nav></header>')
FOOTER = '<footer><p>© Example News</p><a href="/privacy/">Privacy</a></footer>'


def page(lang: str, title: str, main: str, *, head: str = "") -> str:
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!doctype html><html lang="{lang}"{direction}><head><meta charset="utf-8">'
            f"<title>{title} | Example News</title>{head}</head><body>{NAV}"
            f"<main>{main}</main>{FOOTER}</body></html>")


def article_main(title: str, paras: list[str], *, related: str = "", when: str = "2024-05-16") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<article><h1>{title}</h1><p class="byline">By Ann Example</p>'
            f'<time datetime="{when}T09:00:00Z">{when}</time>'
            f'<div class="article-body">{body}</div>{related}</article>')


def teaser_cards(lang: str, style: str) -> str:
    """A list of teasers as listings show them: 10 to 14 stories a page."""
    items = []
    teasers = TEASERS[lang]
    for i in range(2 * len(teasers)):
        head, dek = teasers[i % len(teasers)]
        # a dek of two sentences, no two alike
        dek = f"{dek} {teasers[(i + 1 + i // len(teasers)) % len(teasers)][1]}"
        href = f"/news/{100 + i}"
        if style == "article":
            items.append(f'<article class="card"><h2><a href="{href}">{head}</a></h2><p>{dek}</p>'
                         f'<time datetime="2024-05-16">16.05.2024</time></article>')
        elif style == "li":
            items.append(f'<li><h3><a href="{href}">{head}</a></h3><p>{dek}</p></li>')
        else:  # a link wrapping the whole card, heading inside
            items.append(f'<div class="item"><a href="{href}"><img src="/i/{i}.jpg" alt="">'
                         f'<h3>{head}</h3></a><span>{dek}</span></div>')
    inner = "".join(items)
    return f"<ul>{inner}</ul>" if style == "li" else f'<div class="list">{inner}</div>'


def decide(html: str, url: str) -> tuple[str, str] | None:
    article, signals = extract_page(html, url)
    return verdict(article, signals, min_words=MIN_WORDS)


# --- articles, whatever their URL ---------------------------------------------------------------
ARTICLES = {
    "en-short-numeric-url": (page("en", "Bridge closed", article_main("Bridge closed to lorries", EN_PARAS)),
                             "https://news.example/news/7"),
    "en-short-hash-url": (page("en", "Bridge closed", article_main("Bridge closed to lorries", EN_PARAS[:3])),
                          "https://news.example/p/9f3a"),
    "ar-article": (page("ar", "مستشفى جديد", article_main("افتتاح مستشفى جديد", AR_PARAS)),
                   "https://news.example/ar/news/12"),
    "de-article": (page("de", "Brücke gesperrt", article_main("Brücke gesperrt", DE_PARAS)),
                   "https://news.example/de/a/77"),
    "ja-article": (page("ja", "橋の通行止め", article_main("老朽化した橋で大型車の通行止め", JA_PARAS)),
                   "https://news.example/ja/n/5"),
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_articles_are_articles_at_any_url(name: str) -> None:
    html, url = ARTICLES[name]
    assert decide(html, url) is None


def test_an_article_with_a_rail_of_headline_links_in_its_main_column_is_an_article() -> None:
    rail = '<section class="more"><h2>More news</h2>' + teaser_cards("en", "article") + "</section>"
    html = page("en", "Bridge closed", article_main("Bridge closed to lorries", EN_PARAS, related=rail))
    assert decide(html, "https://news.example/news/8") is None


def topic_main(lang: str, paras: list[str]) -> str:
    """Two paragraphs of text, then a long list of links in the same column."""
    links = "".join(f'<li><a href="/news/{i}">{head}: {dek}</a></li>'
                    for i, (head, dek) in enumerate(TEASERS[lang] * 3))
    return (f"<h1>{paras[0][:30]}</h1><div class='col'><p>{paras[0]}</p><p>{paras[1][:80]}</p>"
            f"<ul>{links}</ul></div>")


@pytest.mark.parametrize("lang,paras", [("en", EN_PARAS), ("ar", AR_PARAS), ("de", DE_PARAS)])
def test_prose_with_teasers_in_the_same_column_is_an_article(lang: str, paras: list[str]) -> None:
    """Paragraphs of prose, then "more news" teasers in the very same column (no wrapper to
    tell them apart): the prose makes it an article."""
    prose = "".join(f"<p>{p}</p>" for p in paras)
    teasers = "".join(f'<h3><a href="/news/{i}">{head}</a></h3><p>{dek}</p>'
                      for i, (head, dek) in enumerate(TEASERS[lang]))
    html = page(lang, "Story", f"<h1>{paras[0][:30]}</h1><div class='col'>{prose}{teasers}</div>")
    assert decide(html, "https://news.example/2024/05/16/") is None


@pytest.mark.parametrize("lang,paras", [("en", EN_PARAS), ("ar", AR_PARAS), ("de", DE_PARAS)])
def test_a_topic_page_of_links_is_a_listing_and_og_type_article_makes_it_an_article(
        lang: str, paras: list[str]) -> None:
    """A column that is mostly links (a topic page: an introduction, then its stories) is a
    listing; the same column declared an article by Open Graph alone (a short story with a
    long link block under it) is an article."""
    found = decide(page(lang, "Topic", topic_main(lang, paras)), "https://news.example/t/bridges")
    assert found is not None and found[0] == "listing" and "links" in found[1], found
    for og in ('<meta property="og:type" content="article">',
               '<meta property="article:published_time" content="2024-05-16T09:00:00Z">'):
        html = page(lang, "Story", topic_main(lang, paras), head=og)
        assert decide(html, "https://news.example/2024/05/16/") is None


def roundup_main(lang: str, micro: str = "") -> str:
    """A briefing article: each item a linked heading and a sentence, the shape of a listing."""
    items = "".join(f'<h2><a href="/news/{i}">{head}</a></h2><p>{dek} {dek}</p>'
                    for i, (head, dek) in enumerate(TEASERS[lang]))
    return (f"<article{micro}><h1>{TEASERS[lang][0][0]}</h1>"
            f'<div class="article-body">{items}</div></article>')


@pytest.mark.parametrize("itemtype", ["NewsArticle", "BlogPosting", "ReportageNewsArticle"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_declared_article_types_make_a_briefing_an_article(itemtype: str, lang: str) -> None:
    """Schema.org types by JSON-LD, and by microdata on the element that holds the body,
    outweigh a teaser-shaped body (a briefing of linked items)."""
    data = {"@context": "https://schema.org", "@type": itemtype, "headline": "Briefing"}
    ld = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    url = "https://news.example/2024/05/16/"
    assert decide(page(lang, "Briefing", roundup_main(lang), head=ld), url) is None
    micro = f' itemscope itemtype="https://schema.org/{itemtype}"'
    assert decide(page(lang, "Briefing", roundup_main(lang, micro)), url) is None
    without = decide(page(lang, "Briefing", roundup_main(lang)), url)
    assert without is not None and without[0] == "listing", without


# --- listings, whatever their URL -------------------------------------------------------------------
def listing(lang: str, heading: str, style: str, *, intro: str = "", head: str = "") -> str:
    return page(lang, heading, f"<h1>{heading}</h1>{intro}{teaser_cards(lang, style)}", head=head)


LISTINGS = {
    "en-dated-url-cards": (listing("en", "News of 16 May 2024", "article"),
                           "https://news.example/2024/05/16/"),
    "en-section-page-5": (listing("en", "Culture - page 5", "li"),
                          "https://news.example/culture/page/5/"),
    "en-linked-cards": (listing("en", "Latest", "linked"), "https://news.example/latest/2024/05/16/"),
    "en-author-page": (listing("en", "Ann Example", "article",
                               intro="<p>Ann Example covers transport and city hall for Example "
                                     "News. She joined the paper in 2015.</p>"),
                       "https://news.example/people/ann-example-3f9"),
    "ar-listing": (listing("ar", "أخبار المدينة", "article"), "https://news.example/ar/2024/05/16/"),
    "ar-listing-li": (listing("ar", "أخبار المدينة - الصفحة 5", "li"), "https://news.example/ar/p/5"),
    "de-listing": (listing("de", "Lokales", "linked"), "https://news.example/de/lokales/2024/05/16/"),
    "ja-listing": (listing("ja", "地域ニュース", "article"), "https://news.example/ja/2024/05/16/"),
}


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_listing_pages_are_listings_at_any_url(name: str) -> None:
    html, url = LISTINGS[name]
    article = extract(html, url)
    # the body finder reads the teasers' deks: word count alone would store this page
    assert article.title
    found = decide(html, url)
    assert found is not None and found[0] == "listing", found


@pytest.mark.parametrize("lang", ["en", "ar", "de"])
def test_a_tag_page_of_plain_links_is_not_an_article(lang: str) -> None:
    """A tag page that is a list of links and nothing else has no body at all."""
    links = "".join(f'<li><a href="/news/{i}">{head}: {dek}</a> <span>16.05.2024</span></li>'
                    for i, (head, dek) in enumerate(TEASERS[lang] * 2))
    html = page(lang, "Tag: transport", f"<h1>Tag: transport</h1><ul class='tag-list'>{links}</ul>")
    found = decide(html, "https://news.example/2024/05/16/transport-bridges-and-ferries")
    assert found is not None and found[0] == "non-article", found


@pytest.mark.parametrize("schema_type", ["CollectionPage", "ItemList", "ProfilePage"])
def test_declared_listing_types_are_listings(schema_type: str) -> None:
    """Even with a prose introduction; an ItemList's NewsArticle items do not make it one."""
    data = {"@context": "https://schema.org", "@type": schema_type, "name": "Transport",
            "itemListElement": [{"@type": "NewsArticle", "headline": h} for h, _ in TEASERS["en"]]}
    ld = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    intro = "".join(f"<p>{p}</p>" for p in EN_PARAS)
    html = page("en", "Transport", f"<h1>Transport</h1>{intro}", head=ld)
    found = decide(html, "https://news.example/news/9")
    assert found == ("listing", f"structured data declares {schema_type}")


@pytest.mark.parametrize("lang,paras", [("en", EN_PARAS), ("ar", AR_PARAS)])
def test_about_and_contact_pages_declared_in_a_type_list_are_non_articles(lang: str,
                                                                         paras: list[str]) -> None:
    """A prose "About us" page: its schema.org type (in a type list) says what it is."""
    data = {"@context": "https://schema.org", "@type": ["WebPage", "AboutPage"], "name": "About"}
    ld = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    html = page(lang, "About", f"<h1>About</h1>{''.join(f'<p>{p}</p>' for p in paras)}", head=ld)
    assert decide(html, "https://news.example/about") == (
        "non-article", "structured data declares AboutPage")
    assert decide(html.replace(ld, ""), "https://news.example/about") is None


def test_a_graph_with_a_collection_page_and_an_article_is_an_article() -> None:
    """Yoast-style @graph: the WebPage entity beside the Article does not make a listing."""
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Bridge"}, {"@type": "NewsArticle", "headline": "Bridge"},
        {"@type": "BreadcrumbList"}, {"@type": "WebSite"}]}
    ld = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    html = page("en", "Bridge", article_main("Bridge closed to lorries", EN_PARAS), head=ld)
    assert decide(html, "https://news.example/x") is None


def test_og_type_profile_is_a_listing() -> None:
    html = page("en", "Ann Example", article_main("Ann Example", EN_PARAS),
                head='<meta property="og:type" content="profile">')
    assert decide(html, "https://news.example/ann") == ("listing", "og:type is profile")


def test_short_and_untitled_pages_are_non_articles() -> None:
    stub = page("en", "Stub", "<h1>Stub</h1><p>Nothing here yet.</p>")
    found = decide(stub, "https://news.example/news/1")
    assert found is not None and found[0] == "non-article" and "words" in found[1]
    untitled = "<html><body><p>" + " ".join(EN_PARAS) + "</p></body></html>"
    assert decide(untitled, "https://news.example/news/2") == ("non-article", "no title")


def test_unspaced_scripts_are_counted_in_words() -> None:
    """A Japanese paragraph has no spaces: counted as one word it would fail every body test."""
    assert word_count(JA_PARAS[0]) >= 20 * len(JA_PARAS[0].split())
    assert word_count(JA_PARAS[0] * 2) >= PROSE_WORDS
    assert word_count("The bridge is closed.") == 4
    assert word_count(AR_PARAS[0]) == len(AR_PARAS[0].split())


def test_classify_reads_no_url() -> None:
    """The same page gets the same verdict at any URL (a URL heuristic would not)."""
    html, _ = LISTINGS["en-dated-url-cards"]
    article, signals = extract_page(html, "https://news.example/2024/05/16/a-long-story-slug-here")
    assert classify(article, signals, min_words=MIN_WORDS) == decide(html, "https://news.example/")


def test_only_pages_declaring_an_article_count_as_candidates_without_a_profile() -> None:
    """Health fill rates: a profile-less crawl extracts every page; a stub that declares itself
    an article is a broken article (counted), a bare "About us" page is not."""
    from crawler.pipelines.pages import candidate

    about = page("en", "About us", "<h1>About us</h1><p>We are a small newsroom.</p>")
    stub = page("en", "Stub", "<h1>Stub</h1><p>Nothing here yet.</p>",
                head='<meta property="og:type" content="article">')
    for html, declared in ((about, False), (stub, True)):
        article, signals = extract_page(html, "https://news.example/x")
        rejected = verdict(article, signals, min_words=MIN_WORDS)
        assert rejected is not None and rejected[0] == "non-article"
        assert candidate(signals, profiled=False) is declared
        assert candidate(signals, profiled=True)


# A photo story: a line of text, then captioned pictures that tell the story
PHOTO_CAPTIONS = {
    "en": ["Engineers inspect the corroded steel supports under the old river bridge at dawn.",
           "A lorry driver turns back at the barrier on the eastern bank of the river.",
           "Cyclists queue for the temporary ferry that now carries them across the river.",
           "Shop owners on the eastern bank count the customers they say they have lost."],
    "ar": ["مهندسون يفحصون الدعامات الفولاذية المتآكلة تحت الجسر القديم عند الفجر.",
           "سائق شاحنة يعود أدراجه عند الحاجز على الضفة الشرقية للنهر.",
           "راكبو دراجات ينتظرون العبارة المؤقتة التي تنقلهم الآن عبر النهر.",
           "أصحاب المتاجر على الضفة الشرقية يحصون الزبائن الذين يقولون إنهم خسروهم."],
    "ja": ["夜明け前から古い橋の下に入り、予想より速く腐食が進んだ鋼製の支柱を一本ずつ点検する市の技術者たち。",
           "通行止めを知らずに橋へ向かい、川の東岸に設けられた遮断機の前で引き返すことになったトラックの運転手。",
           "橋の工事が続く間、歩行者と自転車を対岸へ運ぶために市が用意した臨時の渡し船の乗り場に並ぶ人たち。",
           "通行止めが始まってから客が目に見えて減ったと話し、市に早い工事の完了を求める東岸の商店主たち。"],
}
PHOTO_LEADS = {"en": "The old river bridge closed to lorries this week.",
               "ar": "أغلق الجسر القديم أمام الشاحنات هذا الأسبوع.",
               "ja": "古い橋が今週、大型車の通行止めになった。"}


def photo_story(lang: str, captions: list[str]) -> str:
    figures = "".join(f'<figure><img src="/img/bridge-{i}.jpg"><figcaption>{c}</figcaption></figure>'
                      for i, c in enumerate(captions))
    return page(lang, "In pictures", f"<article><h1>In pictures: the bridge closes</h1>"
                f"<p>{PHOTO_LEADS[lang]}</p>{figures}</article>")


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
def test_a_photo_story_told_in_its_captions_is_an_article(lang: str) -> None:
    """"In pictures: …": a line of text and captioned pictures. Its words are in its captions,
    and a news archive keeps it as the article it is."""
    assert decide(photo_story(lang, PHOTO_CAPTIONS[lang]), "https://news.example/p/9f3a") is None


def test_two_captioned_pictures_under_a_line_are_no_photo_story() -> None:
    """Two pictures, however long their captions, are a stub's illustrations."""
    long_captions = [f"{a} {b}" for a, b in zip(PHOTO_CAPTIONS["en"][:2], PHOTO_CAPTIONS["en"][2:])]
    found = decide(photo_story("en", long_captions), "https://news.example/p/9f3a")
    assert found is not None and found[0] == "non-article" and "words" in found[1]


def test_a_listing_of_photo_stories_is_no_article() -> None:
    """An index of photo stories: each picture's text is a link to its story, no caption."""
    cards = "".join(f'<figure class="card"><a href="/p/{i}"><img src="/t{i}.jpg"></a><figcaption>'
                    f'<a href="/p/{i}">{c}</a></figcaption></figure>'
                    for i, c in enumerate(PHOTO_CAPTIONS["en"] * 3))
    found = decide(page("en", "Photos", f"<h1>Photos</h1>{cards}"), "https://news.example/photos/")
    assert found is not None and found[0] != "article"
