"""Image captions and credits on small pages of our own making, one failure class per test:
lazy-loaded pictures, captions outside <figure>, credits written in many ways and languages,
and page furniture that is never a caption. Every page is checked in several languages and
scripts (English, Arabic, German, Russian, Japanese), since the extractor meets them all."""
from __future__ import annotations

import pytest

from crawler.extract import extract
from crawler.extract.images import split_credit

URL = "https://news.example.com/2026/05/16/story"

PARAS = {
    "en": ["The ministry said on Tuesday that the new measures would take effect next month, "
           "after weeks of debate in parliament over the cost.",
           "Officials in the capital told reporters that the plan had been revised twice and that "
           "the final text was agreed late on Monday night.",
           "Critics said the reform did not go far enough, while business groups welcomed what "
           "they called a long overdue step for the region."],
    "ar": ["قالت الوزارة يوم الثلاثاء إن الإجراءات الجديدة ستدخل حيز التنفيذ الشهر المقبل بعد "
           "أسابيع من النقاش في البرلمان حول التكلفة.",
           "وأبلغ مسؤولون في العاصمة الصحافيين أن الخطة عدلت مرتين وأن النص النهائي أقر في وقت "
           "متأخر من ليل الاثنين.",
           "وقال منتقدون إن الإصلاح لم يذهب بعيدا بما فيه الكفاية، فيما رحبت مجموعات الأعمال بما "
           "وصفته بخطوة طال انتظارها للمنطقة."],
    "de": ["Das Ministerium teilte am Dienstag mit, die neuen Maßnahmen würden im kommenden Monat "
           "in Kraft treten, nach wochenlanger Debatte im Parlament.",
           "Beamte in der Hauptstadt sagten Reportern, der Plan sei zweimal überarbeitet und der "
           "endgültige Text spät am Montagabend vereinbart worden.",
           "Kritiker sagten, die Reform gehe nicht weit genug, während Wirtschaftsverbände einen "
           "lange überfälligen Schritt für die Region begrüßten."],
    "ru": ["Министерство во вторник заявило, что новые меры вступят в силу в следующем месяце "
           "после нескольких недель дебатов в парламенте.",
           "Чиновники в столице сообщили журналистам, что план дважды пересматривался, а "
           "окончательный текст был согласован поздно вечером в понедельник.",
           "Критики заявили, что реформа недостаточно глубока, тогда как деловые круги "
           "приветствовали давно назревший шаг для региона."],
    "ja": ["同省は火曜日、議会での数週間にわたる費用をめぐる議論を経て、新たな措置が来月から施行されると発表した。",
           "首都の当局者は記者団に対し、計画は二度修正され、最終的な文言は月曜日の深夜に合意されたと語った。",
           "批判的な人々は改革が不十分だと述べる一方、経済団体は地域にとって長年の懸案だった一歩だと歓迎した。"],
}
TITLES = {
    "en": "Ministry announces new measures after long debate",
    "ar": "الوزارة تعلن إجراءات جديدة بعد نقاش طويل",
    "de": "Ministerium kündigt neue Maßnahmen nach langer Debatte an",
    "ru": "Министерство объявило о новых мерах после долгих дебатов",
    "ja": "同省、長い議論を経て新たな措置を発表",
}
# one caption sentence per language, for pages whose markup is the point
CAPTIONS = {
    "en": "Two soldiers clear rubble at the air base in the west of the country.",
    "ar": "جنديان يزيلان الأنقاض في القاعدة الجوية غرب البلاد.",
    "de": "Zwei Soldaten räumen Trümmer auf dem Luftwaffenstützpunkt im Westen des Landes.",
    "ru": "Двое военных разбирают завалы на авиабазе на западе страны.",
    "ja": "国の西部にある空軍基地でがれきを撤去する2人の兵士。",
}


def page(figures: str, lang: str = "en", after: str = "") -> str:
    """An article page with `figures` between the first and second body paragraphs."""
    p = PARAS[lang]
    rtl = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!doctype html><html lang="{lang}"{rtl}><head><meta charset="utf-8">'
            f"<title>{TITLES[lang]}</title></head><body>"
            '<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
            f"<main><article><h1>{TITLES[lang]}</h1><div class=\"article-body\"><p>{p[0]}</p>"
            f"{figures}<p>{p[1]}</p><p>{p[2]}</p><p>{p[0]}</p></div>{after}</article></main>"
            "<footer><p>Copyright 2026 Example News</p></footer></body></html>")


def images(html: str) -> list[tuple[str, str | None, str | None]]:
    return [(i.src, i.caption, i.credit) for i in extract(html, URL).images]


# ---------------------------------------------------------------- lazy-loaded pictures

LAZY = [
    # a stand-in in src, the real address in a lazy-loading attribute
    ('<img src="/static/grey.png" data-src="/img/real.jpg">', "/img/real.jpg"),
    ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="/img/real.jpg">',
     "/img/real.jpg"),
    ('<img src="/assets/loading.gif" data-original="/img/real.jpg">', "/img/real.jpg"),
    # srcset: the largest candidate, also when a URL holds commas
    ('<img src="/img/real-320.jpg" srcset="/img/real-320.jpg 320w, /img/real-1600.jpg 1600w, '
     '/img/real-800.jpg 800w">', "/img/real-1600.jpg"),
    ('<img data-srcset="/cdn/width=400,height=300/real.jpg 1x, /cdn/width=800,height=600/real.jpg 2x">',
     "/cdn/width=800,height=600/real.jpg"),
    # a lone 1x srcset candidate is no better than the src, but better than a stand-in
    ('<img src="/img/real.jpg" srcset="/img/real-320x214.jpg">', "/img/real.jpg"),
    ('<img src="/static/placeholder.gif" srcset="/img/real.jpg">', "/img/real.jpg"),
    # <picture>: the <source> holds the picture, the <img> only a stand-in
    ('<picture><source type="image/webp" srcset="/img/real-480.webp 480w, /img/real-1200.webp 1200w">'
     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></picture>', "/img/real-1200.webp"),
    # the real <img> in <noscript> beside a stand-in
    ('<img class="lazyload" src="/static/blank.gif"><noscript><img src="/img/real.jpg"></noscript>',
     "/img/real.jpg"),
    # a lazy-loading library's own attribute (Splide, Flickity, echo.js): no list of names
    # is complete, so any data-* attribute that holds a picture's address
    ('<img data-splide-lazy="/img/real.jpg" alt="">', "/img/real.jpg"),
    ('<img src="/static/blank.gif" data-flickity-lazyload="/img/real.webp?w=1200">',
     "/img/real.webp?w=1200"),
    ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-echo="https://news.example.com/img/real.png"'
     ' data-caption-id="c1">', "/img/real.png"),
]


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
@pytest.mark.parametrize("markup, src", LAZY)
def test_lazy_loaded_picture_gives_real_src(markup: str, src: str, lang: str) -> None:
    html = page(f"<figure>{markup}<figcaption>{CAPTIONS[lang]}</figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com" + src, CAPTIONS[lang], None)]


def test_same_stand_in_on_every_picture_keeps_every_caption() -> None:
    """A lazy-loading page gives every picture the same stand-in src; the pictures are not
    duplicates of each other."""
    figs = "".join(f'<figure><img src="/static/default-image.jpg" data-src="/img/p{i}.jpg">'
                   f"<figcaption>{CAPTIONS[lang]} ({i})</figcaption></figure>"
                   for i, lang in enumerate(["en", "ar", "de", "ru"]))
    got = images(page(figs))
    assert [src for src, _, _ in got] == [f"https://news.example.com/img/p{i}.jpg" for i in range(4)]


# ---------------------------------------------------------------- credits

@pytest.mark.parametrize("text, caption, credit", [
    # bracketed at the end
    ("Two US soldiers clear rubble at Ain al-Asad air base. [Ayman Henna/AFP]",
     "Two US soldiers clear rubble at Ain al-Asad air base.", "Ayman Henna/AFP"),
    ("جنديان يزيلان الأنقاض في القاعدة الجوية. (أ ف ب)", "جنديان يزيلان الأنقاض في القاعدة الجوية.", "أ ف ب"),
    ("基地でがれきを撤去する兵士たち（共同）", "基地でがれきを撤去する兵士たち", "共同"),
    ("Военные разбирают завалы на базе (Фото: ТАСС)", "Военные разбирают завалы на базе", "Фото: ТАСС"),
    # after a credit word and a colon, in many languages
    ("Soldiers clear rubble at the base. Photograph: Jane Roe/Reuters",
     "Soldiers clear rubble at the base.", "Photograph: Jane Roe/Reuters"),
    ("Des soldats déblaient les décombres. Crédit : Jean Dupont",
     "Des soldats déblaient les décombres.", "Crédit : Jean Dupont"),
    ("جنديان يزيلان الأنقاض في القاعدة الجوية. صورة: أحمد علي",
     "جنديان يزيلان الأنقاض في القاعدة الجوية.", "صورة: أحمد علي"),
    ("جنديان يزيلان الأنقاض في القاعدة الجوية. تصوير: أحمد علي",
     "جنديان يزيلان الأنقاض في القاعدة الجوية.", "تصوير: أحمد علي"),
    ("Военные разбирают завалы на базе. Фото: Иван Петров",
     "Военные разбирают завалы на базе.", "Фото: Иван Петров"),
    ("基地でがれきを撤去する兵士たち。写真：ロイター", "基地でがれきを撤去する兵士たち。", "写真：ロイター"),
    ("Soldaten räumen Trümmer. Bild: dpa", "Soldaten räumen Trümmer.", "Bild: dpa"),
    # an unbracketed agency credit after the last sentence
    ("A flag flies over a refinery in Carson, California. REUTERS/Jane Roe",
     "A flag flies over a refinery in Carson, California.", "REUTERS/Jane Roe"),
    # not credits: a bracket without agency or credit word, a slash inside the sentence
    ("Ministers met in the capital (on Monday)", "Ministers met in the capital (on Monday)", None),
    ("The 24/7 service reopened. It serves the whole region", "The 24/7 service reopened. It serves the whole region", None),
    ("Das Treffen der Minister. Die Lage bleibt 50/50", "Das Treffen der Minister. Die Lage bleibt 50/50", None),
])
def test_split_credit(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


CREDITED = [
    ("en", f'<figcaption>{CAPTIONS["en"]} [Ayman Henna/AFP]</figcaption>', "Ayman Henna/AFP"),
    ("en", f'<figcaption>{CAPTIONS["en"]} <span class="photographer">Jane Roe</span></figcaption>',
     "Jane Roe"),
    ("en", f'<figcaption>{CAPTIONS["en"]}</figcaption><small class="copyright">© Jane Roe</small>',
     "Jane Roe"),
    ("ar", f'<figcaption>{CAPTIONS["ar"]} صورة: أ ف ب</figcaption>', "أ ف ب"),
    ("ar", f'<figcaption>{CAPTIONS["ar"]} <span class="source">تصوير: أحمد علي</span></figcaption>',
     "أحمد علي"),
    ("ru", f'<figcaption>{CAPTIONS["ru"]} Фото: Иван Петров</figcaption>', "Иван Петров"),
    ("ja", f'<figcaption>{CAPTIONS["ja"]}写真：ロイター</figcaption>', "ロイター"),
    ("de", f'<figcaption>{CAPTIONS["de"]} Foto: Max Muster/dpa</figcaption>', "Max Muster/dpa"),
    # a credit element and a written agency are halves of one credit
    ("en", f'<figcaption>{CAPTIONS["en"]} / AFP via Getty Images <span class="credit">Jane Roe'
           "</span></figcaption>", "Jane Roe; AFP via Getty Images"),
    # a credit element that only says "Photo by" names nobody
    ("en", f'<figcaption>{CAPTIONS["en"]} <span class="credit">Photo by</span></figcaption>', None),
]


@pytest.mark.parametrize("lang, figcaption, credit", CREDITED)
def test_credit_kept_apart_from_caption(lang: str, figcaption: str, credit: str | None) -> None:
    html = page(f'<figure><img src="/img/a.jpg">{figcaption}</figure>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], credit)]


# ---------------------------------------------------------------- furniture is never a caption

NOT_CAPTIONS = [
    ("de", "16.05.2024, 11:26 Uhr • Lesezeit: 5 Minuten"),
    ("en", "4 min read"),
    ("ar", "وقت القراءة: 3 دقائق"),
    ("ru", "Время чтения: 4 минуты"),
    ("en", "By Anas al-Bar |"),
    ("ar", "بقلم أنس البار"),
    ("de", "Von Max Muster"),
    ("en", "Share Facebook Twitter WhatsApp Copy link"),
    ("ar", "شارك فيسبوك تويتر واتساب"),
    ("ja", "シェア ツイート"),
    ("en", "Enlarge image"),
    ("de", "Bild vergrößern"),
    ("ar", "تكبير الصورة"),
    ("ru", "Увеличить фото"),
    ("de", "Alle 8 Bilder ansehen"),
    ("ar", "عرض 12 صورة"),
    ("ru", "Смотреть 15 фото"),
    ("en", "1 / 12"),
    ("ar", "3 من 12"),
    ("en", "02:34"),
    ("ar", "فيديو 01:15"),
]


@pytest.mark.parametrize("lang, text", NOT_CAPTIONS)
def test_furniture_in_a_caption_box_is_no_caption(lang: str, text: str) -> None:
    for markup in (f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>',
                   f'<div class="article-image"><img src="/img/a.jpg">'
                   f'<div class="image-caption">{text}</div></div>'):
        assert images(page(markup, lang)) == []


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_caption_that_looks_like_furniture_is_kept(lang: str) -> None:
    """Captions that open like a byline or hold a number are still captions."""
    texts = {"en": ["By the river, children play in the shallow water on Sunday.",
                    "9/11 memorial visitors lay flowers at the north pool."],
             "ar": ["أطفال يلعبون قرب النهر يوم الأحد بعد انحسار المياه.",
                    "زوار يضعون الزهور عند النصب التذكاري في 11 سبتمبر."],
             "ru": ["От станции до берега дети идут пешком около часа.",
                    "Посетители у мемориала 9/11 возлагают цветы."]}[lang]
    figs = "".join(f'<figure><img src="/img/k{i}.jpg"><figcaption>{t}</figcaption></figure>'
                   for i, t in enumerate(texts))
    assert [c for _, c, _ in images(page(figs, lang))] == texts


@pytest.mark.parametrize("lang", ["en", "ar", "de"])
def test_slide_counter_is_not_part_of_the_caption(lang: str) -> None:
    slides = "".join(f'<li class="slide"><img src="/img/g{i}.jpg"><div class="slide-caption">'
                     f"{i} / 3 {CAPTIONS[lang]} ({i})</div></li>" for i in range(1, 4))
    html = page(f'<div class="gallery"><ul class="slides">{slides}</ul></div>', lang)
    assert [c for _, c, _ in images(html)] == [f"{CAPTIONS[lang]} ({i})" for i in range(1, 4)]


# ---------------------------------------------------------------- captions outside <figure>

def outside(lang: str) -> list[str]:
    cap = CAPTIONS[lang]
    return [
        # caption-classed element after the picture's box
        f'<div class="image"><img src="/img/a.jpg"></div><div class="caption">{cap}</div>',
        f'<div class="wp-caption"><img src="/img/a.jpg"><p class="wp-caption-text">{cap}</p></div>',
        # the element named by aria-describedby
        f'<div class="media"><img src="/img/a.jpg" aria-describedby="cap-1"></div><p id="cap-1">{cap}</p>',
        # a role="figure" box: its figcaption, its aria-labelledby, its aria-label, its only text
        f'<div role="figure"><img src="/img/a.jpg"><figcaption>{cap}</figcaption></div>',
        f'<div role="figure" aria-labelledby="c9"><img src="/img/a.jpg"></div><span id="c9">{cap}</span>',
        f'<div role="figure" aria-label="{cap}"><img src="/img/a.jpg"></div>',
        f'<div role="figure"><img src="/img/a.jpg"><div>{cap}</div></div>',
        # a <figure> without <figcaption> whose only text is a paragraph
        f'<figure><img src="/img/a.jpg"><p>{cap}</p></figure>',
        # an emphasised paragraph right after the picture (the CMS editor's caption)
        f'<p><img src="/img/a.jpg"></p><p><em>{cap}</em></p>',
        f'<div class="wrap"><img src="/img/a.jpg"></div><p><strong>{cap}</strong></p>',
        # the caption a lightbox link carries
        f'<a href="/img/a-big.jpg" data-fancybox="g" data-caption="{cap}"><img src="/img/a.jpg"></a>',
        f'<a href="/img/a-big.jpg" data-lightbox="g" data-title="{cap}"><img src="/img/a.jpg"></a>',
        # the alt text printed under the picture, the CMS having appended the site name
        f'<div><img src="/img/a.jpg" alt="{cap} - Example News"></div><div><span>{cap}</span></div>',
    ]


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "ja"])
@pytest.mark.parametrize("index", range(13))
def test_caption_outside_figure(lang: str, index: int) -> None:
    html = page(outside(lang)[index], lang)
    assert [c for _, c, _ in images(html)] == [CAPTIONS[lang]]


NO_CAPTION_NEAR = [
    # a bold sub-heading after a picture is no caption
    '<p><img src="/img/a.jpg"></p><p><strong>The reckless actions</strong></p>',
    # an ordinary paragraph after a picture
    '<div class="wrap"><img src="/img/a.jpg"></div><p>The government said it would review the '
    'rules again next year, after the consultation ends.</p>',
    # a data attribute on the <img> of a thumbnail strip is a script's, not a lightbox caption
    '<ul class="thumbs"><li><img src="/img/t.jpg" data-caption="Officials meet reporters at the ministry"></li></ul>',
    # aria-describedby naming a long description that holds a picture
    '<img src="/img/a.jpg" aria-describedby="d1"><div id="d1"><img src="/img/b.jpg"></div>',
]


@pytest.mark.parametrize("markup", NO_CAPTION_NEAR)
def test_no_caption_guessed_next_to_a_picture(markup: str) -> None:
    assert images(page(markup)) == []


def test_gallery_of_many_captioned_photos() -> None:
    """Every slide of a gallery after the body's first screen counts."""
    slides = "".join(
        f'<div class="swiper-slide"><img src="/static/blank.gif" data-src="/img/s{i}.jpg">'
        f'<div class="slide-caption">{i} / 15 {CAPTIONS[lang]} ({i})</div></div>'
        for i, lang in zip(range(1, 16), ["en", "ar", "de", "ru", "ja"] * 3))
    html = page("", after=f'<section class="gallery"><div class="swiper-wrapper">{slides}</div></section>')
    got = images(html)
    assert len(got) == 15
    assert got[0] == ("https://news.example.com/img/s1.jpg", f"{CAPTIONS['en']} (1)", None)


# ---------------------------------------------------------------- every figure in the article

@pytest.mark.parametrize("wrapper", ["content has-share-bar", "main-with-sidebar", "article-text with-ads",
                                     "post social-enabled"])
@pytest.mark.parametrize("lang", ["en", "ar", "de"])
def test_layout_flag_on_the_text_column_is_no_furniture(wrapper: str, lang: str) -> None:
    """A furniture word in the class of the column that holds the article's text is a layout
    flag: the dozen captioned photos in it are the article's."""
    p = PARAS[lang]
    figs = "".join(f'<figure><img src="/img/f{i}.jpg"><figcaption>{CAPTIONS[lang]} ({i})</figcaption>'
                   f"</figure><p>{p[i % 3]}</p>" for i in range(12))
    got = images(page(f'<div class="{wrapper}">{figs}</div>', lang))
    assert [c for _, c, _ in got] == [f"{CAPTIONS[lang]} ({i})" for i in range(12)]


def test_related_box_inside_the_article_stays_furniture() -> None:
    teasers = "".join(f'<figure><img src="/img/r{i}.jpg"><figcaption>Teaser picture {i} of another '
                      f"story</figcaption></figure>" for i in range(3))
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS["en"]}</figcaption></figure>',
                after=f'<div class="related-stories">{teasers}</div>')
    assert [c for _, c, _ in images(html)] == [CAPTIONS["en"]]


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_gallery_in_an_aside(lang: str) -> None:
    figs = "".join(f'<figure><img src="/img/g{i}.jpg"><figcaption>{CAPTIONS[lang]} ({i})</figcaption></figure>'
                   for i in range(5))
    html = page("", lang, after=f'<aside class="photo-gallery">{figs}</aside>'
                                f'<aside class="gallery">{figs.replace("/g", "/h").replace(")<", "!)<")}</aside>')
    assert len(images(html)) == 10


def test_caption_starting_with_gallery_is_a_caption() -> None:
    cap = "Gallery owner Jane Roe hangs the last painting before the opening on Friday."
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{cap}</figcaption></figure>')
    assert [c for _, c, _ in images(html)] == [cap]


@pytest.mark.parametrize("lang", ["en", "ar", "de"])
def test_closing_cite_is_the_credit(lang: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]} <cite>Jane Roe/Vox</cite>'
                f'</figcaption></figure><figure><img src="/img/b.jpg"><span><cite>Max Muster/Vox</cite>'
                f"</span></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe/Vox")]


def test_cite_inside_the_sentence_is_a_title() -> None:
    cap = "Actors rehearse a scene from <cite>Hamlet</cite> at the old theatre on Monday."
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{cap}</figcaption></figure>')
    assert images(html) == [("https://news.example.com/img/a.jpg",
                             "Actors rehearse a scene from Hamlet at the old theatre on Monday.", None)]


@pytest.mark.parametrize("text, caption, credit", [
    # an agency alone after the last sentence
    ("'We can beat anyone', says the coach. REUTERS", "'We can beat anyone', says the coach.", "REUTERS"),
    ("Kim Jong-un at a party meeting. AFP via Getty Images", "Kim Jong-un at a party meeting.",
     "AFP via Getty Images"),
    ("Pakete aus China sind beliebt, bergen aber Risiken. dpa", "Pakete aus China sind beliebt, bergen aber Risiken.",
     "dpa"),
    # "Photo by X", "Foto von X", "Courtesy of X"
    ("A crowd at the market on Sunday. Photo by Jane Roe", "A crowd at the market on Sunday.", "Photo by Jane Roe"),
    ("Die Menge auf dem Markt. Foto von Max Muster", "Die Menge auf dem Markt.", "Foto von Max Muster"),
    ("The old bridge before the flood | Courtesy of the city archive", "The old bridge before the flood",
     "Courtesy of the city archive"),
    # not credits: "Foto de familia" is a family photo, an agency inside the sentence
    ("Foto de familia de la reunión del grupo en Madrid", "Foto de familia de la reunión del grupo en Madrid", None),
    ("He met the Reuters team in the capital.", "He met the Reuters team in the capital.", None),
    ("Photo by the river.", "Photo by the river.", None),
])
def test_split_unbracketed_credit(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_schema_org_image_object_microdata(lang: str) -> None:
    html = page(f'<div itemscope itemtype="https://schema.org/ImageObject"><img src="/img/a.jpg">'
                f'<div itemprop="caption">{CAPTIONS[lang]}</div>'
                f'<meta itemprop="copyrightHolder" content="Hidden Owner">'
                f'<span itemprop="creditText">Jane Roe</span></div>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe")]


@pytest.mark.parametrize("cls", ["pie-de-foto", "epigrafe", "bildtext", "fotoonderschrift", "kuvateksti"])
def test_caption_class_names_in_other_languages(cls: str) -> None:
    html = page(f'<div class="foto"><img src="/img/a.jpg"></div><p class="{cls}">{CAPTIONS["de"]}</p>', "de")
    assert [c for _, c, _ in images(html)] == [CAPTIONS["de"]]


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
def test_slideshow_lists_pictures_then_captions(lang: str) -> None:
    """A slideshow that prints its pictures, then its captions: each caption is one, paired
    with its picture in order (not one caption made of all, nor one picture for all)."""
    pics = "".join(f'<div class="slide"><img src="/img/s{i}.jpg"></div>' for i in range(4))
    caps = "".join(f'<p class="caption">{CAPTIONS[lang]} ({i})</p>' for i in range(4))
    html = page(f'<div class="slideshow"><div class="slides">{pics}</div>'
                f'<div class="captions">{caps}</div></div>', lang)
    assert images(html) == [(f"https://news.example.com/img/s{i}.jpg", f"{CAPTIONS[lang]} ({i})", None)
                            for i in range(4)]


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_picture_painted_as_background(lang: str) -> None:
    html = page('<div class="photo"><div class="photo__img" style="background-image: url(\'/img/bg.jpg\')">'
                f'</div><div class="photo__caption">{CAPTIONS[lang]}</div></div>'
                '<div class="photo"><div class="photo__img" data-bg="/img/bg2.webp"></div>'
                f'<div class="photo__caption">{CAPTIONS[lang]} (2)</div></div>', lang)
    assert images(html) == [("https://news.example.com/img/bg.jpg", CAPTIONS[lang], None),
                            ("https://news.example.com/img/bg2.webp", f"{CAPTIONS[lang]} (2)", None)]


def test_inline_video_caption_is_not_a_nearby_pictures() -> None:
    html = page('<div class="story"><img src="/img/avatar.jpg" alt="">'
                '<div class="inline-video"><div class="video-caption"><span class="caption">The minister '
                "speaks to reporters after the vote on Monday.</span></div></div></div>")
    assert images(html) == []


@pytest.mark.parametrize("text", [
    "Devindra Hardawar/AOL",
    "Jane Roe / The Verge",
    "Ben Gabbe via Getty Images",
])
def test_a_credit_is_no_caption(text: str) -> None:
    """A photographer and an outlet alone in the caption box: the picture's credit, no
    caption."""
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>')
    assert images(html) == [("https://news.example.com/img/a.jpg", None, text)]


@pytest.mark.parametrize("lang, text", [
    ("de", "30. März 2024 Samstag 18:28"),
    ("en", "March 5, 2019 10:30"),
    ("ru", "Полиция направила дело в суд 20.09.2020 23:32 Укринформ"),
    ("de", "Dodik will die Investoren beruhigen 21.06.2019 um 08:10"),
])
def test_a_listing_stamp_is_no_caption(lang: str, text: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>', lang)
    assert images(html) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "June 4, 1989: Tanks roll into the square as crowds watch."),
    ("en", "Paris/Berlin Express"),
    ("ar", "ناشطون يرفعون لافتات في 20.09.2020 أمام البرلمان"),
    ("de", "Die Menge am 20.09.2020 auf dem Marktplatz"),
])
def test_caption_with_a_date_or_slash_is_kept(lang: str, text: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>', lang)
    assert [c for _, c, _ in images(html)] == [text]


def test_slide_counter_is_no_credit() -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS["en"]}<span class="credit">1 / 22'
                "</span></figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS["en"], None)]


@pytest.mark.parametrize("lang", ["en", "ar", "de"])
def test_teaser_card_with_a_picture_is_no_caption(lang: str) -> None:
    """A teaser card in the article (a media-classed box whose text is a headline link to
    another story) gives no caption."""
    cards = "".join(f'<div class="teaser block_img"><div class="headline"><a class="teaser-image-link" '
                    f'href="/news/story-{i}">'
                    f'<div class="title">{TITLES[lang]} {i}</div><span class="label"><img src="/img/icon{i}.png">'
                    "</span></a></div></div>" for i in range(3))
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure>',
                lang, after=cards)
    assert [c for _, c, _ in images(html)] == [CAPTIONS[lang]]


@pytest.mark.parametrize("text, caption, credit", [
    # a credit that opens the caption
    ("Foto: dpa. Zwei Soldaten räumen Trümmer auf dem Stützpunkt.",
     "Zwei Soldaten räumen Trümmer auf dem Stützpunkt.", "Foto: dpa"),
    ("Photo: AFP - Two soldiers clear rubble at the base.", "Two soldiers clear rubble at the base.", "Photo: AFP"),
    ("صورة: أ ف ب - جنديان يزيلان الأنقاض في القاعدة.", "جنديان يزيلان الأنقاض في القاعدة.", "صورة: أ ف ب"),
    ("Фото: ТАСС | Военные разбирают завалы на базе", "Военные разбирают завалы на базе", "Фото: ТАСС"),
    # an abbreviation inside the credit does not end it
    ("Source: Natl Inst. for Space Research (INPE), Brazil", "",
     "Source: Natl Inst. for Space Research (INPE), Brazil"),
    ("Photo: AP Photo/J. Doe", "", "Photo: AP Photo/J. Doe"),
    # a credit word inside the sentence is no credit
    ("Soldiers, seen in this image: clearing rubble", "Soldiers, seen in this image: clearing rubble", None),
    ("Two soldiers clear rubble. Image courtesy of NASA", "Two soldiers clear rubble.", "Image courtesy of NASA"),
])
def test_split_credit_that_opens_or_sits_inside(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


SEED_CREDITS = {"en": "[Ayman Henna/AFP]", "ar": "[أيمن حنا/أ ف ب]", "ru": "(Фото: ТАСС)"}


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("holder", ['<div class="image">{img}</div>', "<p>{img}</p>", "{img}",
                                    '<div class="wrap"><a href="/img/a-big.jpg">{img}</a></div>'])
def test_plain_paragraph_with_credit_under_the_picture(lang: str, holder: str) -> None:
    """The seed page's markup class: a plain paragraph under the picture that ends with the
    picture's credit is its caption."""
    pic = holder.format(img='<img src="/img/a.jpg">')
    html = page(f"{pic}<p>{CAPTIONS[lang]} {SEED_CREDITS[lang]}</p>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang],
                             SEED_CREDITS[lang].strip("[]()").replace("Фото: ", ""))]


def test_body_paragraph_under_a_picture_stays_body() -> None:
    html = page('<div class="image"><img src="/img/a.jpg"></div><p>The Iraqi government has been swift '
                "to denounce recent attacks carried out on its soil, stressing that Iraq favors dialogue "
                "and peace (which its neighbours doubt).</p>")
    assert images(html) == []


@pytest.mark.parametrize("lang, cls", [("de", "bildnachweis"), ("en", "fuente-foto"), ("en", "droits-photo"),
                                       ("ar", "image-credit"), ("ru", "photo__copyright")])
def test_credit_element_classes(lang: str, cls: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]} <span class="{cls}">Jane Roe'
                "</span></figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe")]


SEED = {
    "en": ("Security", "Iran-linked attacks on coalition base in Iraq undermine Iraqi government",
           "Two US soldiers clear rubble at Ain al-Asad air base in western Iraq on January 13, 2020, "
           "days after an Iran attack on the base.", "Ayman Henna/AFP", "By Anas al-Bar |",
           "Do you like this article?"),
    "ar": ("أمن", "هجمات مرتبطة بإيران على قاعدة للتحالف في العراق تقوض الحكومة العراقية",
           "جنديان أميركيان يزيلان الأنقاض في قاعدة عين الأسد الجوية غرب العراق يوم 13 كانون الثاني/يناير "
           "2020، بعد أيام من هجوم إيراني على القاعدة.", "أيمن حنا/وكالة الصحافة الفرنسية", "بقلم أنس البار |",
           "هل أعجبك هذا المقال؟"),
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("variant", ["figure", "div", "lazy-gallery"])
def test_seed_like_page(lang: str, variant: str) -> None:
    """A page shaped like the seed article: section, title, dek, one photo whose caption ends
    with a bracketed credit (printed twice: under the photo and in a lightbox link), a byline
    with a trailing bar, body, and trailing boilerplate."""
    section, title, caption, credit, byline, trailer = SEED[lang]
    text = f"{caption} [{credit}]"
    photo = {
        "figure": f'<figure class="article-photo"><img src="/img/ain-al-asad.jpg" alt="{text}">'
                  f"<figcaption>{text}</figcaption></figure>",
        "div": f'<div class="photo"><a href="/img/ain-al-asad-big.jpg" data-caption="{text}">'
               f'<img src="/img/ain-al-asad.jpg"></a></div><p class="photo-caption">{text}</p>',
        "lazy-gallery": f'<div class="gallery"><div class="swiper-slide"><img src="/static/placeholder.png" '
                        f'data-src="/img/ain-al-asad.jpg"><div class="slide-caption">1 / 1 {text}</div></div></div>',
    }[variant]
    p = PARAS[lang]
    rtl = ' dir="rtl"' if lang == "ar" else ""
    html = (f'<html lang="{lang}"{rtl}><head><title>{title}</title></head><body><nav><a href="/">Home</a></nav>'
            f'<article><a class="section" href="/security">{section}</a><h1>{title}</h1>'
            f'<p class="dek">{p[2]}</p>{photo}<div class="byline">{byline}</div>'
            f'<div class="body"><p>{p[0]}</p><p>{p[1]}</p><h2>Reckless actions</h2><p>{p[2]}</p></div>'
            f'<div class="feedback"><p>{trailer}</p><form><label>Captcha *</label><input></form></div>'
            "</article></body></html>")
    assert images(html) == [("https://news.example.com/img/ain-al-asad.jpg", caption, credit)]


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_embedded_post_in_a_figure_is_no_caption(lang: str) -> None:
    embeds = (f'<figure class="embed-twitter"><img src="/img/avatar.jpg"><p>{PARAS[lang][1]}</p></figure>'
              f'<figure><img src="/img/avatar2.jpg"><blockquote><p>{PARAS[lang][2]}</p></blockquote></figure>')
    assert images(page(embeds, lang)) == []


@pytest.mark.parametrize("text, caption, credit", [
    # Korean: an agency or "<name> 기자" (reporter) after the last sentence
    ("후보가 15일 유세에서 연설하고 있다. 연합뉴스", "후보가 15일 유세에서 연설하고 있다.", "연합뉴스"),
    ("직원들이 안내 책자를 점검하고 있다. 인천=연합뉴스", "직원들이 안내 책자를 점검하고 있다.", "인천=연합뉴스"),
    ("시민들에게 큰절을 올리고 있다. 고영권 기자", "시민들에게 큰절을 올리고 있다.", "고영권 기자"),
    # Japanese: the name before 撮影 in brackets
    ("警視庁を出る容疑者＝13日、東京・霞ケ関で（潟沼義樹撮影）", "警視庁を出る容疑者＝13日、東京・霞ケ関で", "潟沼義樹撮影"),
    # German compound credit words
    ("Die Außenminister beim Treffen | Bildquelle: EU-Kommission", "Die Außenminister beim Treffen",
     "Bildquelle: EU-Kommission"),
    # Korean text without a credit stays whole
    ("시민들이 광장에서 기자회견을 지켜보고 있다.", "시민들이 광장에서 기자회견을 지켜보고 있다.", None),
])
def test_split_credit_written_after_the_name(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("raw, clean", [("고영권 기자", "고영권"), ("潟沼義樹撮影", "潟沼義樹"),
                                        ("Courtesy of Tanner Fischer", "Tanner Fischer"),
                                        ("Photo courtesy of the city", "the city"),
                                        # a credit word ending in a vowel sign (Hindi, Bengali)
                                        ("(फोटो: पीटीआई)", "पीटीआई"), ("ছবি: রয়টার্স", "রয়টার্স")])
def test_clean_credit_keeps_the_name(raw: str, clean: str) -> None:
    from crawler.extract.images import clean_credit

    assert clean_credit(raw) == clean


@pytest.mark.parametrize("text, caption, credit", [
    ("Mieszkańcy na nabrzeżu. Zdjęcie: Jan Kowalski", "Mieszkańcy na nabrzeżu.", "Zdjęcie: Jan Kowalski"),
    ("Người dân tại bến cảng. Ảnh: Nguyễn Văn A", "Người dân tại bến cảng.", "Ảnh: Nguyễn Văn A"),
    ("ساکنان در اسکله. عکس: علی رضایی", "ساکنان در اسکله.", "عکس: علی رضایی"),
    ("Asukkaat satamassa. Kuva: Matti Meikäläinen", "Asukkaat satamassa.", "Kuva: Matti Meikäläinen"),
    ("Οι κάτοικοι στο λιμάνι. Φωτογραφία: Γιάννης Παπαδόπουλος", "Οι κάτοικοι στο λιμάνι.",
     "Φωτογραφία: Γιάννης Παπαδόπουλος"),
    ("居民聚集在港口。图片来源：新华社", "居民聚集在港口。", "图片来源：新华社"),
    ("주민들이 항구에 모여 있다. 사진=홍길동 기자", "주민들이 항구에 모여 있다.", "사진=홍길동 기자"),
    ("Sakinler limanda. Fotoğraf: AA", "Sakinler limanda.", "Fotoğraf: AA"),
    ("ชาวบ้านรวมตัวที่ท่าเรือ ภาพ: รอยเตอร์", "ชาวบ้านรวมตัวที่ท่าเรือ", "ภาพ: รอยเตอร์"),
    ("निवासी बंदरगाह पर। फोटो: पीटीआई", "निवासी बंदरगाह पर।", "फोटो: पीटीआई"),
    ("বাসিন্দারা বন্দরে। ছবি: সংগৃহীত", "বাসিন্দারা বন্দরে।", "ছবি: সংগৃহীত"),
    # a word of the caption that begins like a credit word is no credit
    ("Kuva-arkisto näyttää sataman vuonna 1950.", "Kuva-arkisto näyttää sataman vuonna 1950.", None),
])
def test_credit_words_of_more_languages_split_the_credit(text: str, caption: str, credit: str | None) -> None:
    """"Photo:" in Polish, Vietnamese, Persian, Finnish, Greek, Chinese, Korean ("사진="), Turkish,
    Thai, Hindi and Bengali."""
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("text, caption, credit", [
    # the credit's own full stop closes the caption
    ("Residents fill the chamber on Tuesday. Photo by Jane Roe.", "Residents fill the chamber on Tuesday.",
     "Photo by Jane Roe"),
    ("Die Menge auf dem Markt. Foto von Max Muster.", "Die Menge auf dem Markt.", "Foto von Max Muster"),
    ("سكان يملؤون القاعة. تصوير محمد علي.", "سكان يملؤون القاعة.", "تصوير محمد علي"),
    # French: "Crédit photo :", "Crédits photos :"
    ("Des habitants dans la salle. Crédit photo : Jean Dupont", "Des habitants dans la salle.",
     "Crédit photo : Jean Dupont"),
    ("Des habitants dans la salle. Crédits photos : AFP", "Des habitants dans la salle.", "Crédits photos : AFP"),
    # a caption that is one sentence opening so stays whole
    ("Photo by the river.", "Photo by the river.", None),
    ("Photos by the river at dawn.", "Photos by the river at dawn.", None),
])
def test_a_credit_with_its_full_stop_or_a_two_word_label(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


# ---------------------------------------------------------------- a caption centred under its picture

@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
@pytest.mark.parametrize("centre", ['style="text-align: center;"', 'align="center"'])
def test_a_line_centred_under_its_centred_picture_is_its_caption(lang: str, centre: str) -> None:
    """Chinese news CMSs, and many older ones, centre the picture's paragraph and the caption
    under it, while the text goes on uncentred: the caption is the picture's, not body."""
    html = page(f'<p {centre}><img src="/img/a.jpg"></p><p {centre}>{CAPTIONS[lang]}</p>', lang)
    art = extract(html, URL)
    assert [(i.src, i.caption) for i in art.images] == [("https://news.example.com/img/a.jpg", CAPTIONS[lang])]
    assert CAPTIONS[lang] not in art.body_text


CENTRE = 'style="text-align:center"'


@pytest.mark.parametrize("html, line", [
    # a page that centres all its text: the line under the picture is text
    (page(f'<p {CENTRE}><img src="/img/a.jpg"></p><p {CENTRE}>{CAPTIONS["en"]}</p>').replace(
        "<p>", f"<p {CENTRE}>"), CAPTIONS["en"]),
    # the picture is not centred with it
    (page(f'<p><img src="/img/a.jpg"></p><p {CENTRE}>{CAPTIONS["en"]}</p>'), CAPTIONS["en"]),
    # a centred paragraph longer than a caption
    (page(f'<p {CENTRE}><img src="/img/a.jpg"></p><p {CENTRE}>{" ".join(PARAS["ar"])}</p>', "ar"),
     " ".join(PARAS["ar"])),
])
def test_a_centred_line_that_is_no_caption_stays_text(html: str, line: str) -> None:
    art = extract(html, URL)
    assert not any(i.caption for i in art.images)
    assert line in art.body_text


# ---------------------------------------------------------------- a list of slides named for its photos

def _photo_list(cls: str, lang: str, item: str) -> str:
    """A list named `cls` of four pictures, each with `item` (formatted with its number) under it."""
    return (f'<ul class="{cls}">' + "".join(
        f'<li><a href="/img/g{i}-big.jpg"><img src="/img/g{i}.jpg"></a>{item.format(i=i, cap=CAPTIONS[lang])}</li>'
        for i in range(1, 5)) + "</ul>")


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("cls", ["photos", "article-images", "album", "photo-list"])
def test_a_list_of_slides_named_for_its_photos_is_a_gallery(lang: str, cls: str) -> None:
    """"<ul class="photos"><li><img><p>caption</p></li>…": a name that says the list holds
    photos (not "gallery") makes it a gallery all the same; its captions are no body text."""
    art = extract(page(_photo_list(cls, lang, "<p>{cap} ({i})</p>"), lang), URL)
    assert [i.caption for i in art.images] == [f"{CAPTIONS[lang]} ({i})" for i in range(1, 5)]
    assert CAPTIONS[lang] not in art.body_text


@pytest.mark.parametrize("cls", ["photos", "images"])
def test_a_list_named_for_photos_of_story_teasers_has_no_captions(cls: str) -> None:
    """Teasers under a photo-list name: each text is a link to another story, or a heading."""
    linked = _photo_list(cls, "en", '<p><a href="/2026/05/{i}/other-story">{cap}</a></p>')
    headed = _photo_list(cls, "en", "<h3>{cap}</h3>")
    for markup in (linked, headed):
        assert not any(i.caption for i in extract(page(markup), URL).images)


# ---------------------------------------------------------------- the title of a lightbox link

@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("link", [
    '<a href="/img/a-big.jpg" rel="lightbox[story]" title="{cap}"><img src="/img/a.jpg"></a>',
    '<a href="/img/a-big.jpg" rel="prettyPhoto" title="{cap}"><img src="/img/a.jpg"></a>',
    '<div class="gallery"><a href="/img/a-big.jpg" title="{cap}"><img src="/img/a.jpg"></a></div>',
])
def test_the_title_of_a_link_that_opens_the_picture_in_a_lightbox_is_its_caption(lang: str, link: str) -> None:
    """Lightbox (rel="lightbox"), prettyPhoto, Colorbox and Magnific Popup show the opening
    link's title attribute as the picture's caption."""
    html = page(link.format(cap=CAPTIONS[lang]), lang)
    assert [c for _, c, _ in images(html)] == [CAPTIONS[lang]]


@pytest.mark.parametrize("link", [
    # a button label, one word or a known one
    '<a href="/img/a-big.jpg" rel="lightbox" title="Enlarge"><img src="/img/a.jpg"></a>',
    '<a href="/img/a-big.jpg" rel="lightbox" title="Zoom"><img src="/img/a.jpg"></a>',
    # a link to a story, not to the picture, in a gallery box
    f'<div class="gallery"><a href="/2026/05/16/other-story" title="{CAPTIONS["en"]}"><img src="/img/a.jpg"></a></div>',
    # a link to the picture with a title but no lightbox and no gallery
    f'<div class="wrap"><a href="/img/a-big.jpg" title="{CAPTIONS["en"]}"><img src="/img/a.jpg"></a></div>',
])
def test_a_link_title_that_is_no_lightbox_caption_gives_none(link: str) -> None:
    assert not any(c for _, c, _ in images(page(link)))


# ---------------------------------------------------------------- a stamp where a caption would be

@pytest.mark.parametrize("stamp, lang", [
    ("Updated 16 May 2026, 18:30", "en"),
    ("Published on May 16, 2026", "en"),
    ("Veröffentlicht: 16.05.2026, 11:26 Uhr", "de"),
    ("تاريخ النشر: 16 مايو 2026", "ar"),
    ("Опубликовано 16 мая 2026", "ru"),
])
def test_a_publication_stamp_under_a_picture_is_no_caption(stamp: str, lang: str) -> None:
    """The page's "Updated …" line printed in the lead picture's caption box is a date line,
    with its label: no caption."""
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{stamp}</figcaption></figure>', lang)
    assert not any(c for _, c, _ in images(html))


@pytest.mark.parametrize("caption", [
    "Updated plans for the depot, shown to residents on May 16, 2026",
    "Posted guards stand at the gate of the air base on May 16, 2026",
])
def test_a_caption_that_opens_with_a_stamp_word_stays(caption: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{caption}</figcaption></figure>')
    assert [c for _, c, _ in images(html)] == [caption]


# ---------------------------------------------------------------- a credit and no caption

@pytest.mark.parametrize("lang, box, credit", [
    ("de", "<figcaption>Foto: dpa</figcaption>", "dpa"),
    ("en", "<figcaption>Getty Images</figcaption>", "Getty Images"),
    ("en", '<figcaption><span class="credit">Jane Doe/AP</span></figcaption>', "Jane Doe/AP"),
    ("ar", "<figcaption>تصوير: أحمد علي</figcaption>", "أحمد علي"),
    ("ru", "<figcaption>Фото: РИА Новости</figcaption>", "РИА Новости"),
    ("ja", "<figcaption>写真：ロイター</figcaption>", "ロイター"),
])
def test_a_picture_with_only_a_credit_is_listed_with_it(lang: str, box: str, credit: str) -> None:
    """A caption box that holds only the picture's credit: the picture is listed, without a
    caption, with its credit (the rights holder an archive keeps)."""
    html = page(f'<figure><img src="/img/a.jpg">{box}</figure>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", None, credit)]


def test_a_credit_box_beside_the_caption_box_gives_the_captioned_picture_its_credit() -> None:
    """Two boxes under one picture, the caption and then "Image Credits: X" (WordPress
    blocks): one picture, captioned and credited."""
    html = page('<figure><img src="/img/a.jpg"><figcaption>' + CAPTIONS["en"] + "</figcaption>"
                "<figcaption><strong>Image Credits:</strong> Jane Doe</figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS["en"], "Jane Doe")]


def test_credited_pictures_come_after_the_captioned_ones_and_each_once() -> None:
    html = page('<figure><img src="/img/a.jpg"><figcaption>© Reuters</figcaption></figure>'
                f'<p>{PARAS["en"][1]}</p>'
                f'<figure><img src="/img/b.jpg"><figcaption>{CAPTIONS["en"]} (Jane Doe/AP)</figcaption></figure>'
                '<figure><img src="/img/a.jpg"><figcaption>© Reuters</figcaption></figure>')
    assert images(html) == [("https://news.example.com/img/b.jpg", CAPTIONS["en"], "Jane Doe/AP"),
                            ("https://news.example.com/img/a.jpg", None, "Reuters")]


@pytest.mark.parametrize("box", [
    "<figcaption>1 / 12</figcaption>",   # a slide counter
    "<figcaption>2012</figcaption>",     # a year, a label: no one's name
])
def test_a_box_without_a_name_gives_no_credited_picture(box: str) -> None:
    assert images(page(f'<figure><img src="/img/a.jpg">{box}</figure>')) == []


@pytest.mark.parametrize("lang, word", [
    ("en", "Advertisement"), ("en", "Zoom"), ("de", "Symbolbild"), ("de", "Vergrößern"),
    ("ar", "إعلان"), ("ru", "Реклама"), ("en", "Infographic"),
    # brackets or a colon around the word make no credit of it
    ("en", "(Archive)"), ("de", "[Symbolbild]"), ("de", "Anzeige:"), ("ar", "(إعلان)"),
])
def test_a_word_alone_in_the_caption_box_is_no_credit(lang: str, word: str) -> None:
    """A lone word is as often the box's control or kind as a source: a credit needs a label,
    an agency or a name with its outlet (or a credit element) to be listed."""
    assert images(page(f'<figure><img src="/img/a.jpg"><figcaption>{word}</figcaption></figure>',
                       lang)) == []


def test_a_lone_name_in_a_credit_element_is_the_credit() -> None:
    html = page('<figure><img src="/img/a.jpg"><figcaption><span class="credit">Strava</span>'
                "</figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", None, "Strava")]


def test_a_stand_in_address_that_several_pictures_share_takes_no_credit() -> None:
    """Slides whose script fills in the real pictures all show "/static/default.jpg": a credit
    under one of them names none of the others, nor the captioned one."""
    html = page(f'<figure><img src="/static/default.jpg"><figcaption>{CAPTIONS["de"]}</figcaption></figure>'
                '<figure><img src="/static/default.jpg"><figcaption>Foto: dpa</figcaption></figure>'
                '<figure><img src="/static/default.jpg"><figcaption>Foto: AP</figcaption></figure>', "de")
    assert images(html) == [("https://news.example.com/static/default.jpg", CAPTIONS["de"], None)]


@pytest.mark.parametrize("lang, label, name, outlet", [
    ("en", "Photo:", "Jane Doe", ""),
    ("ar", "تصوير:", "أحمد علي", ""),
    ("ru", "Фото:", "Анна Петрова", " / ТАСС"),
])
def test_a_credit_that_links_to_the_photographer_keeps_the_name(lang: str, label: str, name: str,
                                                                 outlet: str) -> None:
    """A script link in the box is a control ("+ click to enlarge"); a link to the
    photographer's page is the credit itself."""
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{label} <a href="https://photos.example/p">'
                f'{name}</a>{outlet} <a href="javascript:void(0)">⤢</a></figcaption></figure>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", None, name + outlet)]


def test_the_credit_of_a_stand_in_picture_lists_nothing() -> None:
    html = page('<figure><img src="/static/lazy-placeholder.gif"><figcaption>Foto: dpa</figcaption>'
                "</figure>", "de")
    assert images(html) == []


@pytest.mark.parametrize("lang, name, credit", [
    ("en", "Jane Roe", "Photo: Private"),
    ("ar", "أحمد علي", "تصوير: خاص"),
    ("ru", "Анна Петрова", "Фото: из личного архива"),
])
def test_the_credited_portrait_of_the_author_is_no_picture_of_the_story(lang: str, name: str,
                                                                         credit: str) -> None:
    by = {"en": "By", "ar": "بقلم", "ru": "Автор:"}[lang]
    html = page(f'<div class="columnist"><figure><img src="/img/face.jpg" alt="{name}">'
                f'<figcaption>{credit}</figcaption></figure></div><p class="byline">{by} {name}</p>',
                lang)
    assert name in extract(html, URL).authors
    assert images(html) == []


# ---------------------------------------------------------------- Japanese credits after "＝"

@pytest.mark.parametrize("text, caption, credit, bare", [
    ("記者会見する首相（16日、首相官邸で）＝山田太郎撮影", "記者会見する首相（16日、首相官邸で）", "山田太郎撮影", "山田太郎"),
    ("記者会見する首相＝首相官邸で2024年5月16日午後3時、山田太郎撮影",
     "記者会見する首相＝首相官邸で2024年5月16日午後3時", "山田太郎撮影", "山田太郎"),
    ("記者会見する首相、16日、東京都千代田区、山田太郎撮影", "記者会見する首相、16日、東京都千代田区", "山田太郎撮影",
     "山田太郎"),
    ("記者会見する首相＝共同", "記者会見する首相", "共同", "共同"),
    ("記者会見する首相＝ロイター", "記者会見する首相", "ロイター", "ロイター"),
    ("首相官邸に入る首相＝代表撮影", "首相官邸に入る首相", "代表撮影", "代表"),
    ("新製品の発表会、同社提供", "新製品の発表会", "同社提供", "同社"),
])
def test_a_japanese_caption_closes_with_its_credit_after_an_equals_sign(text: str, caption: str,
                                                                         credit: str, bare: str) -> None:
    """Japanese papers write the credit last, after "＝" (or the last "、"), with no bracket
    and no full stop before it. The picture's credit is the name without its credit word
    ("撮影", "photographed by"), as "Photo:" goes from "Photo: Jane Roe"."""
    assert split_credit(text) == (caption, credit)
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>', "ja")
    assert images(html) == [("https://news.example.com/img/a.jpg", caption, bare)]


@pytest.mark.parametrize("text", [
    "記者会見する首相＝16日、首相官邸",      # a place and a time after "＝", no credit
    "晴れた朝、ドローンで富士山を撮影",      # "…を撮影" is the sentence's verb
    "首相、共同",                           # an agency's name only after "＝"
    "＝山田太郎撮影",                        # a credit with no caption before it
])
def test_a_japanese_caption_without_a_closing_credit_stays_whole(text: str) -> None:
    assert split_credit(text) == (text, None)
