"""Captions in markups the dev pages hardly show but unseen news sites use, on small pages of
our own making (English, Arabic, Russian, German; the helpers come from
test_extract_captions): galleries whose pictures share one stand-in address, gallery slides
and lead pictures outside the article's box, caption class names in more languages, a video
flag on the article's text column, a picture in an unclassed <aside>, agency captions
that open with the day the picture was taken, and boxes whose names say nothing (lead
pictures, asides, tables, rows of slides, credits in a box of their own)."""
from __future__ import annotations

import pytest

from crawler.extract import extract
from tests.test_extract_captions import CAPTIONS, PARAS, TITLES, URL, images, page

LANGS = ["en", "ar", "ru"]


def captions_of(html: str) -> list[str]:
    return [c for _, c, _ in images(html)]


def numbered(lang: str, n: int) -> list[str]:
    return [f"{CAPTIONS[lang]} ({i})" for i in range(1, n + 1)]


def bare(inner: str, lang: str = "en") -> str:
    """A page whose article box is given whole (for pictures printed beside it)."""
    rtl = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!doctype html><html lang="{lang}"{rtl}><head><meta charset="utf-8">'
            f"<title>{TITLES[lang]}</title></head><body>"
            '<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
            f"{inner}<footer><p>Copyright 2026 Example News</p></footer></body></html>")


def article(lang: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS[lang] * 2)
    return f'<article><h1>{TITLES[lang]}</h1><div class="article-body">{body}</div></article>'


# ---------------------------------------------------------------- one stand-in for every picture

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markup", [
    '<figure><img src="/static/img/default.jpg"><figcaption>{cap}</figcaption></figure>',
    '<div class="photo"><img src="/i/no-image.png" alt=""><div class="caption">{cap}</div></div>',
])
def test_gallery_sharing_one_stand_in_keeps_every_caption(lang: str, markup: str) -> None:
    """A gallery whose script fills in the pictures prints the same address on every slide;
    twelve captions are twelve pictures, not one picture captioned twelve times."""
    want = numbered(lang, 12)
    assert captions_of(page("".join(markup.format(cap=c) for c in want), lang)) == want


def test_one_picture_shown_twice_is_still_one() -> None:
    """A picture printed twice (a desktop and a mobile copy, its caption shortened in one) is
    one picture: only an address on many pictures is a stand-in."""
    figs = ('<figure><img src="/img/a.jpg"><figcaption>{}</figcaption></figure>' * 2).format(
        CAPTIONS["en"], "Two soldiers clear rubble at the air base.")
    assert captions_of(page(figs)) == [CAPTIONS["en"]]


# ---------------------------------------------------------------- caption class names

@pytest.mark.parametrize("cls, lang", [("popisek", "ru"), ("podpis-zdjecia", "ru"), ("keterangan-foto", "en"),
                                       ("kepalairas", "de"), ("gallery__text", "ar"),
                                       ("gallery-item-description", "en")])
def test_caption_class_names_of_more_languages_and_galleries(cls: str, lang: str) -> None:
    html = page(f'<div class="gallery-item"><div class="foto"><img src="/img/a.jpg"></div>'
                f'<p class="{cls}">{CAPTIONS[lang]}</p></div>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


def test_text_class_without_picture_or_gallery_context_is_no_caption() -> None:
    html = page('<div class="box"><img src="/img/a.jpg"><p class="box-text">Read more from our '
                "archive about the ministry and its plans.</p></div>")
    assert captions_of(html) == []


# ---------------------------------------------------------------- gallery slides as list items

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markup", [
    '<ul class="gallery">{items}</ul>',
    '<div class="slideshow"><ol>{items}</ol></div>',
])
def test_gallery_list_items_with_unclassed_text(lang: str, markup: str) -> None:
    want = numbered(lang, 10)
    items = "".join(f'<li><img src="/img/g{i}.jpg"><p>{c}</p></li>' for i, c in enumerate(want))
    assert captions_of(page(markup.format(items=items), lang)) == want


def test_list_items_outside_a_gallery_give_no_caption() -> None:
    items = "".join(f'<li><img src="/img/i{i}.png"><span>Officials at the ministry, part {i} of the '
                    "series</span></li>" for i in range(4))
    assert captions_of(page(f'<ul class="topics">{items}</ul>')) == []


# ---------------------------------------------------------------- pictures beside the article's box

@pytest.mark.parametrize("lang", LANGS)
def test_gallery_printed_after_the_article(lang: str) -> None:
    want = numbered(lang, 12)
    figs = "".join(f'<figure><img src="/img/g{i}.jpg"><figcaption>{c}</figcaption></figure>'
                   for i, c in enumerate(want))
    html = bare(f'<main>{article(lang)}<section class="article-gallery">{figs}</section></main>', lang)
    assert captions_of(html) == want


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markup", [
    '<main><div class="hero">{fig}</div><div class="container">{article}</div></main>',
    '<main><div class="lead-media">{fig}</div>{article}</main>',
    '<main>{fig}<div class="wrap">{article}</div></main>',
])
def test_lead_picture_above_the_article(lang: str, markup: str) -> None:
    fig = f'<figure><img src="/img/lead.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure>'
    html = bare(markup.format(fig=fig, article=article(lang)), lang)
    assert images(html) == [("https://news.example.com/img/lead.jpg", CAPTIONS[lang], None)]


@pytest.mark.parametrize("lang", LANGS)
def test_pictures_after_the_article_that_are_no_gallery_stay_out(lang: str) -> None:
    """After the article come other stories: a lone figure, a gallery of links to other
    galleries, a related box."""
    teasers = "".join(f'<figure><a href="/gallery/{i}"><img src="/img/t{i}.jpg"></a><figcaption>'
                      f'<a href="/gallery/{i}">{TITLES[lang]} {i}</a></figcaption></figure>' for i in range(4))
    html = bare(f"<main>{article(lang)}"
                f'<div class="next"><figure><img src="/img/n.jpg"><figcaption>{CAPTIONS[lang]} (n)'
                f'</figcaption></figure></div>'
                f'<section class="more-galleries">{teasers}</section>'
                f'<div class="related-gallery"><figure><img src="/img/r1.jpg"><figcaption>{CAPTIONS[lang]} (r1)'
                f'</figcaption></figure><figure><img src="/img/r2.jpg"><figcaption>{CAPTIONS[lang]} (r2)'
                f"</figcaption></figure></div></main>", lang)
    assert captions_of(html) == []


# ---------------------------------------------------------------- a video flag on the text column

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("wrapper", ["article-body has-video", "content video-enabled", "article__body js-player-init"])
def test_video_flag_on_the_text_column_is_no_player(lang: str, wrapper: str) -> None:
    p = PARAS[lang]
    fig = f'<div class="media"><figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure></div>'
    html = bare(f'<main><article><h1>{TITLES[lang]}</h1><div class="{wrapper}"><p>{p[0]}</p>{fig}'
                f"<p>{p[1]}</p><p>{p[2]}</p></div></article></main>", lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("wrapper", ["article-body has-video", "content video-enabled"])
@pytest.mark.parametrize("box", [
    '<table class="tr-caption-container"><tr><td><img src="/img/a.jpg"></td></tr>'
    '<tr><td class="tr-caption">{cap}</td></tr></table>',
    '<div class="image-caption-box"><img src="/img/a.jpg"><p>{cap}</p></div>',
])
def test_video_flag_above_a_caption_box_that_holds_its_picture_is_no_player(lang: str, wrapper: str,
                                                                           box: str) -> None:
    """A caption-classed box around both picture and caption (Blogger's caption table) has no
    box between the two: a "video" class further up, on the text column, is no player's."""
    p = PARAS[lang]
    html = bare(f'<main><article><h1>{TITLES[lang]}</h1><div class="{wrapper}"><p>{p[0]}</p>'
                f'{box.format(cap=CAPTIONS[lang])}<p>{p[1]}</p><p>{p[2]}</p></div></article></main>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


def test_video_player_box_is_still_no_picture() -> None:
    html = page('<div class="video-player"><div class="wrap"><figure><img src="/img/poster.jpg">'
                "<figcaption>The minister speaks to reporters after the vote.</figcaption></figure></div></div>")
    assert captions_of(html) == []


# ---------------------------------------------------------------- a picture in an unclassed <aside>

@pytest.mark.parametrize("lang", LANGS)
def test_picture_pulled_out_into_an_aside(lang: str) -> None:
    html = page(f'<aside><figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption>'
                "</figure></aside>", lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_aside_with_its_own_text_stays_a_sidebar(lang: str) -> None:
    html = page(f'<aside><h3>{TITLES[lang]}</h3><figure><img src="/img/a.jpg"><figcaption>'
                f'{CAPTIONS[lang]}</figcaption></figure><p><a href="/other">{TITLES[lang]}</a></p></aside>', lang)
    assert captions_of(html) == []


# ---------------------------------------------------------------- agency captions opening with a date

@pytest.mark.parametrize("lang, text", [
    ("de", "16.05.2024, Berlin: Olaf Scholz (SPD) spricht im Bundestag."),
    ("en", "2024-05-16: Protesters gather in Tbilisi."),
    ("ar", "16/05/2024 - متظاهرون يتجمعون أمام البرلمان"),
    ("ru", "16.05.2024, Москва: участники акции у здания суда."),
])
def test_caption_opening_with_the_day_of_the_picture(lang: str, text: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>', lang)
    assert captions_of(html) == [text]


@pytest.mark.parametrize("lang, text", [
    ("de", "16.05.2024, 11:26 Uhr"),
    ("de", "16.05.2024 | Aktualisiert am 17.05.2024"),
    ("en", "2024-05-16 updated at noon today"),
    ("ar", "16/05/2024 - 11:26 ص"),
])
def test_date_line_in_a_caption_box_is_still_no_caption(lang: str, text: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{text}</figcaption></figure>', lang)
    assert captions_of(html) == []


# ---------------------------------------------------------------- pictures that are not the article's

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("box", [
    # author and contributor boxes
    '<div class="article-meta"><figure class="profile"><img src="/img/au.jpg"><figcaption>{text}</figcaption></figure></div>',
    '<div class="byline-block"><img src="/img/au.jpg"><div class="caption">{text}</div></div>',
    '<figure class="contributor"><img src="/img/au.jpg"><figcaption>{text}</figcaption></figure>',
    # "read also" boxes and podcast cards
    '<div class="read-also"><figure><img src="/img/n.jpg"><figcaption>{text}</figcaption></figure></div>',
    '<div class="lire-aussi"><figure><img src="/img/n.jpg"><figcaption>{text}</figcaption></figure></div>',
    '<div class="podcast-card"><figure><img src="/img/n.jpg"><figcaption>{text}</figcaption></figure></div>',
    # a chart's key under a chart picture
    '<div class="chart"><img src="/img/c.png"><div class="chart-legend">{text}</div></div>',
])
def test_boxes_of_other_things_than_the_articles_pictures(lang: str, box: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure>'
                + box.format(text=PARAS[lang][1][:90]), lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang, text", [
    ("en", "Read also: Ministry announces new measures after long debate"),
    ("de", "Lesen Sie auch: Ministerium kündigt neue Maßnahmen an"),
    ("ar", "اقرأ أيضا: الوزارة تعلن إجراءات جديدة بعد نقاش طويل"),
    ("ru", "Читайте также: Министерство объявило о новых мерах"),
])
def test_read_also_link_in_a_picture_box_is_no_caption(lang: str, text: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure>'
                f'<figure><img src="/img/b.jpg"><figcaption>{text}</figcaption></figure>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


# ---------------------------------------------------------------- more ways to print a caption

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markup", [
    "<p><img src=\"/img/a.jpg\"><br><em>{cap}</em></p>",
    "<p><a href=\"/img/a-big.jpg\"><img src=\"/img/a.jpg\"></a><br><small>{cap}</small></p>",
    "<center><img src=\"/img/a.jpg\"><br><i>{cap}</i></center>",
])
def test_emphasised_line_closing_the_pictures_block(lang: str, markup: str) -> None:
    assert captions_of(page(markup.format(cap=CAPTIONS[lang]), lang)) == [CAPTIONS[lang]]


@pytest.mark.parametrize("markup", [
    # an inline picture inside a sentence, with emphasis in the sentence
    '<p>The ministry <img src="/img/flag.png"> said <em>nothing new</em> about the plan today.</p>',
    # emphasis in the same paragraph without a line break
    '<p><img src="/img/a.jpg"> <em>The ministry said nothing new about the plan today.</em> More text follows.</p>',
])
def test_emphasis_in_a_paragraph_with_a_picture_is_no_caption(markup: str) -> None:
    assert captions_of(page(markup)) == []


@pytest.mark.parametrize("lang, credit", [("en", "Photo: AP"), ("ar", "صورة: رويترز"), ("ru", "Фото: ТАСС")])
@pytest.mark.parametrize("markup", [
    '<div class="media"><img src="/img/a.jpg"></div><div class="media-caption-credit"><span>{cap}</span>'
    "<span>{credit}</span></div>",
    '<figure><img src="/img/a.jpg"><div class="image-caption-and-credit"><p>{cap}</p><p>{credit}</p></div></figure>',
])
def test_box_named_for_caption_and_credit(lang: str, credit: str, markup: str) -> None:
    html = page(markup.format(cap=CAPTIONS[lang], credit=credit), lang)
    assert [(c, cr is not None) for _, c, cr in images(html)] == [(CAPTIONS[lang], True)]


def test_credit_span_named_after_the_caption_is_still_a_credit() -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS["en"]} <span class="caption-credit">'
                "Jane Roe/AP</span></figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS["en"], "Jane Roe/AP")]


# ---------------------------------------------------------------- what a gallery box is not

@pytest.mark.parametrize("lang", LANGS)
def test_slideshow_title_cards_are_no_captions(lang: str) -> None:
    """A slideshow of other stories: each slide has a heading (a title card), not a caption."""
    slides = "".join(f'<li class="slide"><div class="mainImage"><img src="/img/s{i}.jpg"></div>'
                     f'<div class="content"><h4>{TITLES[lang]} {i}</h4></div></li>' for i in range(4))
    html = page(f'<div class="slideShow"><ul class="slides">{slides}</ul></div>', lang)
    assert captions_of(html) == []


@pytest.mark.parametrize("lang", LANGS)
def test_links_box_named_with_text_inside_a_word_is_no_caption(lang: str) -> None:
    """"contextual_links" holds the letters "text" but is no text box of a slideshow."""
    html = page(f'<div class="slideshow_links contextual_links"><img src="/img/s.jpg"><p>{TITLES[lang]}</p></div>', lang)
    assert captions_of(html) == []


@pytest.mark.parametrize("lang", LANGS)
def test_gallery_copy_with_a_counter_repeats_no_caption(lang: str) -> None:
    """The gallery viewer's copy of the article's picture prints "1 / 1" inside the caption."""
    words = CAPTIONS[lang].split()
    head, tail = " ".join(words[:2]), " ".join(words[2:])
    html = page(f'<div class="media-block"><img src="/img/a.jpg"><div class="media-block__description">'
                f"{head} / {tail}</div></div>"
                f'<div class="gallery-block"><div class="swiper-slide"><img src="/img/a-big.jpg">'
                f'<div class="gallery-block__description">{head} 1 / 1 {tail}</div></div></div>', lang)
    assert captions_of(html) == [f"{head} / {tail}"]


# ---------------------------------------------------------------- slide numbers and caption buttons

SLIDE_NUMBERS = {"en": "Image 2 of 5", "ar": "صورة 2 من 5", "ru": "Фото 2 из 5", "de": "Bild 2 von 5"}


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "de"])
def test_a_worded_slide_number_is_no_part_of_the_caption(lang: str) -> None:
    """A gallery prints the slide's number in words before the caption ("Image 2 of 5")."""
    html = page(f'<figure><img src="/img/a.jpg"><figcaption><span class="count">{SLIDE_NUMBERS[lang]}'
                f"</span> {CAPTIONS[lang]} (Jane Roe/AP)</figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe/AP")]


CAPTION_BUTTONS = {"en": ("hide caption", "toggle caption"), "ar": ("إخفاء التعليق", "إظهار التعليق"),
                   "ru": ("скрыть подпись", "показать подпись"),
                   "de": ("Bildunterschrift ausblenden", "Bildunterschrift einblenden")}


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "de"])
def test_the_buttons_that_show_or_hide_a_caption_are_no_part_of_it(lang: str) -> None:
    """The caption box holds the labels of its show/hide buttons, inside the caption's
    paragraph and beside it; neither is caption text, and the button beside it no caption."""
    hide, toggle = CAPTION_BUTTONS[lang]
    html = page('<div class="bucketwrap image"><div class="imagewrap"><img src="/img/a.jpg" alt=""></div>'
                f'<div class="credit-caption"><div class="caption-wrap"><div class="caption"><p>{CAPTIONS[lang]}'
                f'<b class="hide-caption"><b>{hide}</b></b></p></div>'
                '<span class="credit">Jane Roe/AP</span></div>'
                f'<b class="toggle-caption"><b>{toggle}</b></b></div></div>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe/AP")]


PICTURE_ACTIONS = {
    "en": ('<a href="/licensing">Purchase Licensing Rights</a>', '<a href="/g">View gallery</a>',
           '<a href="https://facebook.com/sharer">Share</a> <a href="https://x.com/share">Tweet</a>'),
    "ar": ('<a href="/g">عرض الصور</a>', '<a href="https://facebook.com/sharer">مشاركة</a>'),
    "ru": ('<a href="/g">Смотреть галерею</a>', '<a href="https://vk.com/share">Поделиться</a>'),
    "de": ('<a href="/lizenz">Nutzungsrechte erwerben</a>', '<a href="/g">Zur Bildergalerie</a>',
           '<a href="https://facebook.com/sharer">Teilen</a>'),
}


@pytest.mark.parametrize("lang", ["en", "ar", "ru", "de"])
def test_links_that_act_on_the_picture_are_no_part_of_caption_or_credit(lang: str) -> None:
    """Share, license and gallery links printed after the caption, or after its credit."""
    for action in PICTURE_ACTIONS[lang]:
        after_caption = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]} {action}'
                             "</figcaption></figure>", lang)
        assert images(after_caption) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], None)], action
        after_credit = page(f'<figure><img src="/img/a.jpg"><figcaption><span>{CAPTIONS[lang]}</span> '
                            f'<span class="credit">Jane Roe/Reuters</span> {action}</figcaption></figure>', lang)
        assert images(after_credit) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang],
                                         "Jane Roe/Reuters")], action


def test_a_sentence_ending_in_a_share_word_keeps_it() -> None:
    """Only a label after a finished sentence or a credit is a link's: a caption's own last
    word stays."""
    caption = "Farmers wait for their turn to share"
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>{caption}</figcaption></figure>')
    assert captions_of(html) == [caption]


@pytest.mark.parametrize("label", ["Credit...", "Credit…", "Photo:"])
def test_a_credit_label_with_dots_is_no_part_of_the_credit(label: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption><span>{CAPTIONS["en"]}</span>'
                f"<span><span>{label}</span>Jane Roe for The Example Times</span></figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS["en"],
                             "Jane Roe for The Example Times")]


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_an_unmarked_credit_naming_its_agency_in_brackets(lang: str) -> None:
    """"<span>Caption.</span><span>JANE ROE (EFE)</span>": the last box is the credit."""
    html = page(f'<figure><img src="/img/a.jpg"><figcaption><span>{CAPTIONS[lang]}</span>'
                "<span>JANE ROE (EFE)</span></figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "JANE ROE (EFE)")]


@pytest.mark.parametrize("lang", LANGS)
def test_a_description_list_pairing_pictures_with_captions(lang: str) -> None:
    """"<dl><dt><img></dt><dd>caption</dd></dl>": each description is its term's picture's
    caption, and no paragraph of the text."""
    caps = numbered(lang, 3)
    dls = "".join(f'<dl><dt><img src="/img/d{i}.jpg" alt=""></dt><dd>{c} (Jane Roe/AP)</dd></dl>'
                  for i, c in enumerate(caps))
    html = page(dls, lang)
    assert images(html) == [(f"https://news.example.com/img/d{i}.jpg", c, "Jane Roe/AP")
                            for i, c in enumerate(caps)]
    assert not any(c in extract(html, URL).body_text for c in caps)


def test_a_term_printed_beside_its_picture_has_no_picture_caption() -> None:
    """A glossary entry whose term holds a picture and a word: the description is the word's."""
    html = page('<dl><dt><img src="/img/icon.png" alt=""> Ferry</dt><dd>A boat that carries passengers.</dd></dl>')
    assert captions_of(html) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_emphasised_line_in_the_box_after_the_pictures_box(lang: str) -> None:
    """"<div><img></div><div><em>caption</em></div>": as the emphasised paragraph under it."""
    html = page(f'<div class="image"><img src="/img/a.jpg" alt=""></div><div><em>{CAPTIONS[lang]} '
                "(Jane Roe/AP)</em></div>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], "Jane Roe/AP")]
    assert CAPTIONS[lang] not in extract(html, URL).body_text


def test_a_box_after_the_pictures_box_with_a_credit_but_no_emphasis_is_no_caption() -> None:
    """A player's or a card's box after a picture may hold a credit-like line; only a line of
    emphasis makes a <div> the caption (a paragraph may also carry a credit)."""
    html = page('<div class="image"><img src="/img/a.jpg" alt=""></div><div><span>Listen</span> '
                "<span>Bus strike: what commuters need to know (Photo: dpa)</span></div>")
    assert captions_of(html) == []


GALLERY_LIBRARIES = {
    # Fotorama: the caption in the picture's own data-caption, in the gallery's box
    "fotorama": '<div class="fotorama" data-nav="thumbs">{}</div>',
    # Glide: a list of slides, each a picture and an unclassed paragraph
    "glide": '<div class="glide"><div class="glide__track"><ul class="glide__slides">{}</ul></div></div>',
    # lightGallery: the caption in the link's data-sub-html, as markup, with no other mark
    "lightgallery": '<div id="lightgallery">{}</div>',
}
GALLERY_ITEMS = {
    "fotorama": '<img src="/img/g{i}.jpg" data-caption="{cap}">',
    "glide": '<li class="glide__slide"><img src="/img/g{i}.jpg" alt=""><p>{cap}</p></li>',
    "lightgallery": '<a href="/img/g{i}.jpg" data-sub-html="<h4>{cap}</h4>"><img src="/img/g{i}-thumb.jpg"></a>',
}


@pytest.mark.parametrize("library", list(GALLERY_LIBRARIES))
@pytest.mark.parametrize("lang", LANGS)
def test_gallery_libraries_default_markup_keeps_every_caption(lang: str, library: str) -> None:
    """A gallery of twelve captioned photos in the markup each library documents."""
    caps = numbered(lang, 12)
    items = "".join(GALLERY_ITEMS[library].format(i=i, cap=c) for i, c in enumerate(caps))
    html = page(GALLERY_LIBRARIES[library].format(items), lang)
    assert captions_of(html) == caps


SQUARE_CREDITS = {
    "en": ["File", "Social media", "Iraqi Ministry of Defence", "Courtesy of Jane Roe", "Handout"],
    "ar": ["أرشيف", "مواقع التواصل الاجتماعي", "وزارة الدفاع العراقية"],
    "ru": ["Архив", "Пресс-служба Минобороны"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_whatever_a_caption_closes_with_in_square_brackets_is_its_credit(lang: str) -> None:
    """The seed site's captions end with "[Ayman Henna/AFP]"; the same sites write "[File]",
    "[Social media]" or an institution there, with no slash or agency."""
    for printed in SQUARE_CREDITS[lang]:
        html = page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]} [{printed}]'
                    "</figcaption></figure>", lang)
        credit = printed.removeprefix("Courtesy of ")  # as "Photo courtesy of …" is cleaned
        assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], credit)], printed


@pytest.mark.parametrize("tail", ["[Fig 1]", "[Video]", "(left)", "(2019)"])
def test_a_figure_label_or_a_note_in_parentheses_stays_in_the_caption(tail: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg"><figcaption>The ferry leaves the port {tail}'
                "</figcaption></figure>")
    assert images(html) == [("https://news.example.com/img/a.jpg", f"The ferry leaves the port {tail}", None)]


# ---------------------------------------------------------------- screen-reader-only labels

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("hidden", ["visually-hidden", "sr-only", "screen-reader-text"])
def test_screen_reader_labels_are_no_part_of_caption_or_credit(lang: str, hidden: str) -> None:
    """Pages label a caption and its credit for screen readers with text no reader sees
    ("Image caption, ", "Image source, "): the caption and credit are what is shown."""
    fig = (f'<figure><img src="/img/a.jpg"><figcaption><span class="{hidden}">Image caption, '
           f'</span>{CAPTIONS[lang]}<span class="credit"><span class="{hidden}">Image source, '
           '</span>Reuters</span></figcaption></figure>')
    assert images(page(fig, lang)) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang],
                                        "Reuters")]


def test_a_long_hidden_text_is_kept() -> None:
    """Only a label is dropped: a longer hidden text may be one that script shows."""
    text = ("The council will publish the full list of the schools that get new roofs and "
            "heating before the end of the month, officials said.")
    fig = f'<figure><img src="/img/a.jpg"><figcaption><span class="sr-only">{text}</span>' \
          '</figcaption></figure>'
    assert [caption for _, caption, _ in images(page(fig))] == [text]


# ---------------------------------------------------------------- AMP pages

@pytest.mark.parametrize("lang", LANGS)
def test_amp_pictures_are_pictures(lang: str) -> None:
    """An AMP page prints its pictures as <amp-img> (its no-script copy inside): each is
    one picture with its address and caption."""
    figs = ('<figure><amp-img src="/img/a.jpg" width="800" height="450" layout="responsive">'
            '<noscript><img src="/img/a.jpg"></noscript></amp-img>'
            f'<figcaption>{CAPTIONS[lang]}</figcaption></figure>'
            '<figure><amp-anim src="/img/b.gif" width="400" height="300"></amp-anim>'
            f'<figcaption>{CAPTIONS[lang]} (2)</figcaption></figure>')
    assert images(page(figs, lang)) == [
        ("https://news.example.com/img/a.jpg", CAPTIONS[lang], None),
        ("https://news.example.com/img/b.gif", f"{CAPTIONS[lang]} (2)", None)]


# ---------------------------------------------------------------- custom elements as pictures

@pytest.mark.parametrize("lang", LANGS)
def test_custom_elements_that_name_a_picture_are_pictures(lang: str) -> None:
    """Component frameworks print a picture as an element of their own (<storefront-image
    src=…>, <lazy-img data-src=…>): one picture each, with its address and caption."""
    figs = ('<figure><storefront-image src="/img/a.jpg" alt=""></storefront-image>'
            f'<figcaption>{CAPTIONS[lang]}</figcaption></figure>'
            '<div class="photo"><lazy-img data-src="/img/b.webp?w=800"></lazy-img>'
            f'<p class="caption">{CAPTIONS[lang]} (2)</p></div>')
    assert images(page(figs, lang)) == [
        ("https://news.example.com/img/a.jpg", CAPTIONS[lang], None),
        ("https://news.example.com/img/b.webp?w=800", f"{CAPTIONS[lang]} (2)", None)]


def test_custom_elements_that_wrap_a_picture_or_name_no_picture_are_not_pictures() -> None:
    figs = ('<figure><picture-frame src="/img/a.jpg"><img src="/img/a-small.jpg"></picture-frame>'
            f'<figcaption>{CAPTIONS["en"]}</figcaption></figure>'
            '<figure><lottie-player src="/anim/intro.json"></lottie-player>'
            f'<figcaption>{CAPTIONS["en"]} (2)</figcaption></figure>')
    srcs = [src for src, _, _ in images(page(figs, "en"))]
    assert "https://news.example.com/img/a-small.jpg" in srcs
    assert "https://news.example.com/img/a.jpg" not in srcs
    assert not any(src and src.endswith(".json") for src in srcs)


# ---------------------------------------------------------------- slides of a slider

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("box", ["slider", "carousel", "gallery"])
def test_slides_in_a_gallery_box_keep_their_captions(lang: str, box: str) -> None:
    """A slider's slides are unclassed boxes (or classed "slide"), each a picture and a line
    of text under it: twelve slides, twelve captions."""
    want = numbered(lang, 12)
    slides = "".join(f'<div class="slide"><img src="/g/{n}.jpg"><p>{cap}</p></div>'
                     for n, cap in enumerate(want))
    assert captions_of(page(f'<div class="{box}">{slides}</div>', lang)) == want


@pytest.mark.parametrize("slide", [
    '<div class="slide"><img src="/t/{n}.jpg"><p><a href="/news/{n}">{text}</a></p></div>',
    '<div class="item"><a href="/news/{n}"><img src="/t/{n}.jpg"><p>{text}</p></a></div>',
    '<div class="slide"><img src="/t/{n}.jpg"><h3>{text}</h3></div>',
])
def test_a_slider_of_other_stories_gives_no_caption(slide: str) -> None:
    """A carousel of other stories: a picture and a headline (a link, or a heading) each."""
    slides = "".join(slide.format(n=n, text=f"{TITLES['en']} ({n})") for n in range(6))
    assert captions_of(page(f'<div class="slider">{slides}</div>')) == []


# ---------------------------------------------------------------- a caption printed after its picture's box

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("markup", [
    '<figure class="image"><img src="/img/harbour.jpg" alt=""></figure><p class="caption">{cap}</p>',
    '<div class="photo"><img src="/img/harbour.jpg" alt=""></div>'
    '<!-- caption --><div class="image-caption">{cap}</div>',
    '<img src="/img/harbour.jpg" alt=""><span class="caption">{cap}</span>',
])
def test_caption_after_its_pictures_box_takes_that_picture(lang: str, markup: str) -> None:
    """The column's first picture (a logo, a stand-in) is not the one the caption names."""
    column_first = '<p><img src="/static/placeholder-16x9.png" alt=""></p>'
    html = page(column_first + markup.format(cap=CAPTIONS[lang]), lang)
    assert [(src.rsplit("/", 1)[-1], cap) for src, cap, _ in images(html)] == \
        [("harbour.jpg", CAPTIONS[lang])]


# ---------------------------------------------------------------- the text column named like furniture

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("column", ["article-body with-sidebar", "content has-share-bar", "story main-with-sidebar"])
def test_picture_in_a_text_column_of_div_lines_named_like_furniture(lang: str, column: str) -> None:
    """The text written as <div> lines, not paragraphs, in one column whose class names the
    layout ("with-sidebar"): no paragraph tells the column is the text's, but it holds most of
    the article's text, so its picture is the article's."""
    p = PARAS[lang]
    text = (f'<div class="{column}"><div>{p[0]}</div><figure><img src="/img/harbour.jpg">'
            f"<figcaption>{CAPTIONS[lang]}</figcaption></figure>"
            f"<div>{p[1]}</div><div>{p[2]}</div><div>{p[0]}</div></div>")
    html = bare(f"<article><h1>{TITLES[lang]}</h1>{text}</article>", lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("column", ["sidebar-grid__content article__content", "main-related-rail",
                                    "content-with-share-tools share"])
def test_picture_in_a_text_column_named_like_furniture(lang: str, column: str) -> None:
    """The article's text split into several boxes between ads, each named after the page's
    layout ("sidebar-grid__content"): a picture in one of them is the article's."""
    p = PARAS[lang]
    chunks = [f'<div class="{column}"><p>{p[0]}</p><p>{p[1]}</p></div>',
              '<div class="ad-slot">Advertisement</div>',
              f'<div class="{column}"><p>{p[2]}</p><figure><img src="/img/harbour.jpg" alt="">'
              f"<figcaption>{CAPTIONS[lang]}</figcaption></figure><p>{p[0]} {p[1]}</p></div>",
              '<div class="ad-slot">Advertisement</div>',
              f'<div class="{column}"><p>{p[1]}</p><p>{p[2]}</p></div>']
    html = bare(f'<article><h1>{TITLES[lang]}</h1><div class="grid">{"".join(chunks)}</div></article>',
                lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_a_real_sidebar_in_the_article_still_gives_no_caption(lang: str) -> None:
    """A sidebar holds teasers, not the article's paragraphs: its pictures stay out."""
    teaser = '<div class="sidebar"><figure><img src="/img/other.jpg" alt=""><figcaption>' \
             '<a href="/other-story">Another story entirely, told elsewhere</a></figcaption>' \
             '</figure><p>More from the region</p></div>'
    html = page(teaser, lang)
    assert captions_of(html) == []


# ---------------------------------------------------------------- the authors' portraits

AUTHOR = {"en": "Jane Doe", "ar": "أنس البار", "ru": "Иван Петров"}
ROLE = {"en": "Political Correspondent", "ar": "مراسل الشؤون السياسية", "ru": "политический обозреватель"}


def with_author(html: str, lang: str) -> str:
    """The page with its author named in the metadata, as most pages name them."""
    return html.replace("</head>", f'<meta name="author" content="{AUTHOR[lang]}"></head>', 1)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("card", [
    # an unclassed box: the portrait, then the name and job title the page prints again
    '<div><div><img src="/people/a.jpg" alt="{name}"></div><div><span>{name}</span><span>{role}</span></div></div>',
    # a picture followed by the name and job title in italics, as captions are printed
    '<p><img src="/people/b.jpg" alt="{name}"></p><p><em>{name}, {role}</em></p>',
])
def test_the_authors_portrait_is_no_caption(lang: str, card: str) -> None:
    """An author card or a byline with a photo shows who wrote the story: the picture is the
    author's portrait (its alt text or its caption is the author's name, with a job title at
    most), not a photo of the story. The story's own photo keeps its caption."""
    box = card.format(name=AUTHOR[lang], role=ROLE[lang])
    html = with_author(page(f'<figure><img src="/img/a.jpg"><figcaption>{CAPTIONS[lang]}</figcaption></figure>',
                            lang, after=box), lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_a_story_photo_of_the_author_keeps_its_caption(lang: str) -> None:
    """An opinion piece may lead with its author's photo as the story's picture, in the box the
    page gives its photos, captioned with the name: a photo of the story."""
    fig = (f'<div class="media-block"><div class="media-block__wrapper"><img src="/img/p.jpg" '
           f'alt="{AUTHOR[lang]}"></div><div class="media-block__description">{AUTHOR[lang]}</div></div>')
    assert captions_of(with_author(page(fig, lang), lang)) == [AUTHOR[lang]]


BIO = {"en": "Jane Doe has reported on politics and the economy from the capital since 2015.",
       "ar": "يغطي أنس البار الشؤون السياسية والاقتصادية من العاصمة منذ عام 2015.",
       "ru": "Иван Петров пишет о политике и экономике из столицы с 2015 года."}


@pytest.mark.parametrize("lang", LANGS)
def test_an_author_card_after_the_text_is_not_body(lang: str) -> None:
    from crawler.extract import extract
    from tests.test_extract_captions import URL

    """An author card after the last paragraph, inside the text's box: a portrait, the name and
    a biography in a paragraph. Neither the biography is text of the story nor the portrait a
    photo of it."""
    card = (f'<div class="author-card"><img src="/authors/a.jpg" alt="{AUTHOR[lang]}"><div>'
            f'<a href="/author/a">{AUTHOR[lang]}</a><p>{BIO[lang]}</p></div></div>')
    # a story of a dozen paragraphs (a box of a tenth of the text or more is kept as text)
    text = "".join(f"<p>{p}</p>" for p in PARAS[lang] * 4)
    html = with_author(bare(f'<article><h1>{TITLES[lang]}</h1><div class="article-body">{text}{card}'
                            f'</div></article>', lang), lang)
    article = extract(html, URL)
    assert not any(AUTHOR[lang] in b.text for b in article.body)
    assert article.images == []


# ---------------------------------------------------------------- captions typed in the text flow

CREDIT_WORD = {"en": "Photo", "ar": "تصوير", "ru": "Фото"}
SECOND = {"en": "Residents gather on the harbour wall as the first ferry arrives.",
          "ar": "سكان يتجمعون على جدار الميناء مع وصول أول عبارة.",
          "ru": "Жители собираются на причале, когда прибывает первый паром."}


@pytest.mark.parametrize("lang", LANGS)
def test_a_caption_line_under_the_picture_in_its_own_paragraph(lang: str) -> None:
    """"<p><img><br>Caption (Photo: Name)</p>": the credited line in the picture's own block is
    its caption, and is not a paragraph of the text."""
    line = f"{CAPTIONS[lang]} ({CREDIT_WORD[lang]}: Jane Roe)"
    html = page(f'<p><img src="/img/base.jpg" alt=""><br>{line}</p>', lang)
    assert images(html) == [("https://news.example.com/img/base.jpg", CAPTIONS[lang], "Jane Roe")]
    assert CAPTIONS[lang] not in extract(html, URL).body_text


@pytest.mark.parametrize("lang", LANGS)
def test_an_uncredited_line_beside_a_picture_stays_text(lang: str) -> None:
    """Without a credit, a line after an inline picture is the text's (an icon, a drop cap)."""
    html = page(f'<p><img src="/img/base.jpg" alt=""><br>{PARAS[lang][2]}</p>', lang)
    assert captions_of(html) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_caption_paragraph_is_the_pictures_not_the_texts(lang: str) -> None:
    """A caption typed as an emphasised paragraph under the picture is given as its caption
    and taken out of the text, as a <figcaption> is."""
    html = page(f'<p><img src="/img/base.jpg" alt=""></p><p><em>{CAPTIONS[lang]}</em></p>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]
    assert CAPTIONS[lang] not in extract(html, URL).body_text
    assert PARAS[lang][1] in extract(html, URL).body_text


@pytest.mark.parametrize("lang", LANGS)
def test_a_lead_picture_captioned_with_the_first_sentence_leaves_the_text_whole(lang: str) -> None:
    """A caption outside the text's box that repeats a paragraph of the text takes nothing
    from the text."""
    lead = f'<figure class="lead"><img src="/img/lead.jpg"><figcaption>{PARAS[lang][1]}</figcaption></figure>'
    body = "".join(f"<p>{p}</p>" for p in [*PARAS[lang], SECOND[lang], CAPTIONS[lang]])
    html = bare(f'<article><h1>{TITLES[lang]}</h1>{lead}<div class="article-body">{body}</div></article>', lang)
    assert captions_of(html) == [PARAS[lang][1]]
    assert PARAS[lang][1] in extract(html, URL).body_text


@pytest.mark.parametrize("lang", LANGS)
def test_a_caption_beside_a_picture_in_the_text_column_leaves_the_columns_other_pictures(lang: str) -> None:
    """A caption box that shares no box with its picture is found by climbing to the text's
    column; the column's other pictures (here one captioned by the paragraph under it) keep
    their own captions."""
    p = PARAS[lang]
    column = ('<div class="story-column"><div class="lead-pic"><img src="/img/a.jpg"></div>'
              f'<div class="intro"><div class="image-description">{CAPTIONS[lang]}</div></div>'
              f'<div class="story-text"><p>{p[0]}</p><p>{p[1]}</p><p><img src="/img/b.jpg" alt=""></p>'
              f'<p><em>{SECOND[lang]}</em></p><p>{p[2]}</p></div></div>')
    html = bare(f'<article><h1>{TITLES[lang]}</h1>{column}</article>', lang)
    assert captions_of(html) == [CAPTIONS[lang], SECOND[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sites_masthead_gives_no_caption(lang: str) -> None:
    """The ARIA banner landmark is the site's masthead: its button pictures and its tagline,
    even one classed as a caption, are no picture of the story."""
    masthead = ('<div role="banner"><div class="center-bar"><div class="col"><a href="/quiz">'
                '<img src="/img/quiz-button.png" alt="Quiz"></a></div><div class="col"><a href="/">'
                f'Example News</a><p class="center-bar-caption">{SECOND[lang]}</p></div></div></div>')
    body = "".join(f"<p>{p}</p>" for p in PARAS[lang])
    # the headline and the text in boxes of their own: the article's scope is the page's box,
    # which holds the masthead too
    html = bare(f'<div class="page">{masthead}<div class="head"><h1>{TITLES[lang]}</h1></div>'
                f'<div class="content"><div class="text">{body}</div></div></div>', lang)
    assert captions_of(html) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_caption_under_a_photo_painted_as_a_background_names_that_photo(lang: str) -> None:
    """A photo shown as a box's CSS background, its caption in the next box: the caption is
    that photo's, not the first <img> of the text column."""
    figures = (f'<figure><img src="/img/first.jpg"><figcaption>{SECOND[lang]}</figcaption></figure>'
               f'<p>{PARAS[lang][2]}</p>'
               '<div class="photo-bg" style="background-image: url(\'/img/painted.jpg\')"></div>'
               f'<div class="caption">{CAPTIONS[lang]}</div>')
    found = {c: src for src, c, _ in images(page(figures, lang))}
    assert found.get(CAPTIONS[lang]) == "https://news.example.com/img/painted.jpg"
    assert found.get(SECOND[lang]) == "https://news.example.com/img/first.jpg"


@pytest.mark.parametrize("lang", LANGS)
def test_a_caption_box_far_from_any_picture_takes_no_picture_of_the_column(lang: str) -> None:
    """A caption-classed line with no picture of its own (a note, a newsletter's small print)
    climbs to the text's column, whose first picture is someone else's: no caption."""
    p = PARAS[lang]
    column = (f'<div class="story-text"><p><img src="/img/first.jpg" alt=""></p><p>{p[0]}</p><p>{p[1]}</p>'
              f'<div class="note"><div class="note-inner"><span class="caption">{SECOND[lang]}</span></div></div>'
              f'<p>{p[2]}</p></div>')
    html = bare(f'<article><h1>{TITLES[lang]}</h1>{column}</article>', lang)
    assert captions_of(html) == []


QUOTES = {"en": "“We will rebuild the harbour before the winter,” the mayor said.",
          "ar": "«سنعيد بناء الميناء قبل الشتاء»، قال رئيس البلدية.",
          "ru": "«Мы восстановим порт до зимы», — сказал мэр."}


@pytest.mark.parametrize("lang", LANGS)
def test_a_pull_quotes_attribution_is_no_caption(lang: str) -> None:
    """A pull quote marked up as a quote box with a <figcaption> for its speaker names a
    person, not a picture: no caption, even with a picture in the text."""
    quote = (f'<div class="pull-quote"><div class="pull-quote__text">{QUOTES[lang]}</div>'
             "<figcaption>Jane Roe</figcaption></div>")
    html = page(f'<div class="photo"><img src="/img/harbour.jpg" alt=""></div>{quote}', lang)
    assert "Jane Roe" not in captions_of(html)


# Where a picture item prints its description: after the picture, above it, or in a box of
# its own beside it with a credit line (the last two only the microdata tells)
MICRODATA_LAYOUTS = [
    '<img itemprop="url" src="/img/harbour.jpg"><span itemprop="description">{caption}</span>',
    '<span itemprop="description">{caption}</span><img itemprop="url" src="/img/harbour.jpg">',
    '<div class="pic"><img itemprop="url" src="/img/harbour.jpg"></div>'
    '<div class="meta"><p itemprop="description">{caption}</p><p>Photo: Jane Roe</p></div>',
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("itemtype", ["https://schema.org/ImageObject", "http://schema.org/Photograph"])
@pytest.mark.parametrize("layout", MICRODATA_LAYOUTS)
def test_a_pictures_microdata_description_is_its_caption(lang: str, itemtype: str, layout: str) -> None:
    """schema.org microdata names a picture's caption `caption` or `description`; the
    article's own `description` (its standfirst) is no caption."""
    figures = (f'<div itemprop="image" itemscope itemtype="{itemtype}">'
               f'{layout.format(caption=CAPTIONS[lang])}</div>')
    html = page(figures, lang).replace(
        "<article>", f'<article itemscope itemtype="https://schema.org/NewsArticle"><p itemprop="description">'
                     f"{SECOND[lang]}</p>")
    found = {c: src for src, c, _ in images(html)}
    assert found == {CAPTIONS[lang]: "https://news.example.com/img/harbour.jpg"}


# a credit spelled out after the caption's last sentence, not bracketed and with no colon
SPELLED_CREDITS = {"en": ("Photo by Jane Roe", "Jane Roe"),
                   "ar": ("تصوير أنس البار", "أنس البار"),
                   "ja": ("山田太郎撮影", "山田太郎")}


@pytest.mark.parametrize("lang", ["en", "ar", "ja"])
@pytest.mark.parametrize("markup", [
    '<p><img src="/img/harbour.jpg" alt=""></p><p>{caption} {credit}</p>',
    '<p style="text-align: center;"><img src="/img/harbour.jpg"></p><p style="text-align: center;">{caption} {credit}</p>',
    '<p><img src="/img/harbour.jpg" alt=""><br>{caption} {credit}</p>',
])
def test_a_plain_line_under_the_picture_closing_with_a_spelled_out_credit_is_its_caption(
        lang: str, markup: str) -> None:
    """The classic editor's caption is a plain line under the picture; one that ends by
    naming the photographer ("… Photo by Jane Roe", "… تصوير …", "…山田太郎撮影") is no line of
    the text, which never credits a photographer."""
    credit, name = SPELLED_CREDITS[lang]
    html = page(markup.format(caption=CAPTIONS[lang], credit=credit), lang)
    assert images(html) == [("https://news.example.com/img/harbour.jpg", CAPTIONS[lang], name)]


@pytest.mark.parametrize("text, caption, credit", [
    ("图为周一聚集在市政厅外的人群。新华社记者 张明 摄", "图为周一聚集在市政厅外的人群。", "新华社记者 张明 摄"),
    ("图为周一聚集在市政厅外的人群。新华社发", "图为周一聚集在市政厅外的人群。", "新华社发"),
    ("图为周一聚集在市政厅外的人群。图/张明", "图为周一聚集在市政厅外的人群。", "图/张明"),
    ("市役所前に集まった人たち。山田太郎撮影", "市役所前に集まった人たち。", "山田太郎撮影"),
    # a sentence going on after the last full stop is no credit, even if it ends in 提供
    ("这是会议的现场。他说这个项目已经进行了很多年今年终于完成了大家都很高兴并且愿意提供",
     "这是会议的现场。他说这个项目已经进行了很多年今年终于完成了大家都很高兴并且愿意提供", None),
])
def test_a_han_captions_closing_credit_comes_after_its_last_sentence(text: str, caption: str,
                                                                     credit: str | None) -> None:
    """Chinese and Japanese captions name the photographer after the last sentence, the credit
    word after the name and no bracket around it."""
    from crawler.extract.images import split_credit
    assert split_credit(text) == (caption, credit)


def test_a_chinese_caption_line_under_a_centred_picture_is_its_caption() -> None:
    figures = ('<p style="text-align: center;"><img src="/img/harbour.jpg"></p>'
               '<p style="text-align: center;">国の西部にある空軍基地でがれきを撤去する2人の兵士。新华社记者 张明 摄</p>')
    assert images(page(figures, "ja")) == [("https://news.example.com/img/harbour.jpg",
                                            "国の西部にある空軍基地でがれきを撤去する2人の兵士。", "新华社记者 张明 摄")]


HIDDEN_CREDIT_LABELS = {"en": ("Credit", "Image source, "), "ar": ("المصدر", "مصدر الصورة، "),
                        "ru": ("Фото", "Источник: ")}


@pytest.mark.parametrize("lang", LANGS)
def test_a_credit_labelled_for_screen_readers_is_the_credit(lang: str) -> None:
    """Sites whose classes are generated hashes mark the credit only by a screen-reader label
    ("<span class=visually-hidden>Credit</span>Jane Roe"), inside the figcaption after the
    caption or over the picture outside it: the labelled element is the credit."""
    inside, over = HIDDEN_CREDIT_LABELS[lang]
    nyt = ('<figure><div><picture><img src="/img/harbour.jpg"></picture></div><figcaption>'
           f'<span class="css-1a2b">{CAPTIONS[lang]}</span><span class="css-3c4d">'
           f'<span class="visually-hidden">{inside}</span><span>Jane Roe for Example News</span></span>'
           '</figcaption></figure>')
    bbc = ('<figure><div><span><img src="/img/harbour.jpg"></span><span role="text">'
           f'<span class="visually-hidden">{over}</span>Getty Images</span></div><figcaption>'
           f'<span class="visually-hidden">Image caption, </span><p>{CAPTIONS[lang]}</p></figcaption></figure>')
    src = "https://news.example.com/img/harbour.jpg"
    assert images(page(nyt, lang)) == [(src, CAPTIONS[lang], "Jane Roe for Example News")]
    assert images(page(bbc, lang)) == [(src, CAPTIONS[lang], "Getty Images")]


def test_a_hidden_caption_label_marks_no_credit() -> None:
    """"Image caption, " read to screen readers opens the caption: it makes no credit of it."""
    figures = ('<figure><img src="/img/harbour.jpg"><figcaption><span>'
               '<span class="visually-hidden">Image caption, </span>'
               f'{CAPTIONS["en"]}</span></figcaption></figure>')
    assert images(page(figures)) == [("https://news.example.com/img/harbour.jpg", CAPTIONS["en"], None)]


@pytest.mark.parametrize("lang, label", [("en", "Photo: "), ("ar", "صورة: "), ("ru", "Фото: ")])
def test_a_hidden_photo_label_before_the_caption_text_marks_no_credit(lang: str, label: str) -> None:
    """"Photo:" read to screen readers may open the caption itself: only a short text after it
    is a credit."""
    figures = ('<figure><img src="/img/harbour.jpg"><figcaption>'
               f'<span class="sr-only">{label}</span>{CAPTIONS[lang]}</figcaption></figure>')
    assert images(page(figures, lang)) == [("https://news.example.com/img/harbour.jpg", CAPTIONS[lang], None)]


# ---------------------------------------------------------------- boxes no name marks

# The names CSS-in-JS and CSS modules give boxes: they say nothing of what a box holds.
UNMARKED = [
    '<div class="css-1x2y3z"><div class="css-9q8w7e"><img src="/img/harbour.jpg" alt=""></div>'
    '<p class="css-4r5t6y">{cap}</p></div>',
    '<div class="sc-bdVaJa kQmRtz"><picture><source srcset="/img/harbour.webp"><img src="/img/harbour.jpg">'
    '</picture><span class="sc-htpNat">{cap}</span></div>',
    '<section><img src="/img/harbour.jpg"><div><div>{cap}</div></div></section>',
    # the picture's own zoom button: a control of the picture, not a promotion's
    '<div class="k1q2"><div class="k3w4"><img src="/img/harbour.jpg"><button type="button">+</button></div>'
    '<div class="k5e6"><p>{cap}</p></div></div>',
]
UNMARKED_LANGS = ["en", "ar", "ru", "ja"]


@pytest.mark.parametrize("lang", UNMARKED_LANGS)
@pytest.mark.parametrize("markup", UNMARKED)
def test_a_picture_box_no_name_marks_gives_the_line_under_the_picture_as_caption(lang: str,
                                                                                markup: str) -> None:
    """A box between two paragraphs of the text, holding one picture and then one short line,
    is the picture's box and the line its caption, whatever the box is called."""
    assert captions_of(page(markup.format(cap=CAPTIONS[lang]), lang)) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
def test_a_lazy_pictures_noscript_copy_is_the_same_picture(lang: str) -> None:
    """A lazy-loading page prints the picture twice, the stand-in and its <noscript> copy: the
    box still holds one picture, and the line under it is its caption."""
    markup = ('<div class="x7f3a"><div class="x1b2c"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
              'data-src="/img/harbour.jpg"><noscript><img src="/img/harbour.jpg"></noscript></div>'
              f'<div class="x9d8e"><span>{CAPTIONS[lang]}</span></div></div>')
    assert images(page(markup, lang)) == [("https://news.example.com/img/harbour.jpg", CAPTIONS[lang], None)]


NOT_CAPTIONS = {
    # a call to sign up, a player's title, a teaser with its heading, a list, text above
    "en": ["Sign up for our morning newsletter and get the day's news in your inbox",
           "Video: Watch the council debate the harbour plan"],
    "ar": ["حمّل تطبيقنا لتصلك آخر الأخبار العاجلة من المنطقة",
           "فيديو: شاهد نقاش المجلس حول خطة الميناء الجديدة"],
    "ru": ["Подписывайтесь на наш телеграм-канал, чтобы не пропустить новости",
           "Видео: совет обсуждает план реконструкции порта"],
}


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_promotion_or_a_players_title_under_a_picture_is_no_caption(lang: str, which: int) -> None:
    line = NOT_CAPTIONS[lang][which]
    markup = f'<div class="c5e6f7"><img src="/img/promo.png" alt=""><p class="c0a1b2">{line}</p></div>'
    assert captions_of(page(markup, lang)) == []


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("markup", [
    # another story's teaser: its heading under the picture
    '<div class="c1"><img src="/img/other.jpg"><h3 class="c2">{title}</h3><p>{cap}</p></div>',
    # a list of points beside a picture (an app's promotion, a fact box), a form
    '<div class="c1"><img src="/img/nl.png"><p>{cap}</p><form><input type="email"></form></div>',
    '<div class="c1"><img src="/img/app.png"><ul><li>{cap}</li><li>{title}</li></ul></div>',
    # a line above the picture: the box's title, not a caption under it
    '<div class="c1"><p>{cap}</p><img src="/img/map.png"></div>',
    # the text is a link to another story
    '<div class="c1"><img src="/img/other.jpg"><p><a href="/2026/05/other-story">{cap}</a></p></div>',
])
def test_a_picture_box_with_a_heading_list_link_or_text_above_gives_no_caption(lang: str, markup: str) -> None:
    html = page(markup.format(cap=CAPTIONS[lang], title=TITLES[lang]), lang)
    assert captions_of(html) == []


@pytest.mark.parametrize("lang, name, bio", [
    ("en", "Jane Roe", "Jane Roe covers the ministry and the economy from the capital for Example News."),
    ("ar", "أنس البار", "أنس البار يغطي شؤون الوزارة والاقتصاد من العاصمة لموقع أخبار المثال."),
    ("ru", "Анна Иванова", "Анна Иванова пишет о министерстве и экономике из столицы для Example News."),
])
def test_the_writers_portrait_and_biography_in_the_text_is_no_caption(lang: str, name: str, bio: str) -> None:
    """A box with the writer's photo and a line about the writer, set in the text, shows who
    wrote the story, not the story."""
    byline = f'<p class="byline">{ {"en": "By", "ar": "بقلم", "ru": "Автор:"}[lang] } {name}</p>'
    markup = f'<div class="c3"><img src="/img/people/portrait.jpg"><p class="c4">{bio}</p></div>'
    html = page(byline + markup, lang)
    assert extract(html, URL).authors == [name]
    assert captions_of(html) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Live-Musik auf dem Marktplatz zog am Samstag Tausende Besucher in die Altstadt."),
    ("en", "Live music on the market square drew thousands of visitors to the old town on Saturday."),
])
def test_a_caption_opening_with_a_media_word_is_still_a_caption(lang: str, line: str) -> None:
    """"Live-Musik …" opens with "Live" but no label: a player's title sets its label off
    ("Video: …", "WATCH | …")."""
    markup = f'<div class="k1q2"><img src="/img/market.jpg"><p class="k3w4">{line}</p></div>'
    assert captions_of(page(markup, lang)) == [line]


@pytest.mark.parametrize("lang, credit", [("en", "(Image: Getty)"), ("ar", "(صورة: رويترز)"),
                                          ("ru", "(Фото: ТАСС)")])
def test_a_credited_line_of_its_own_after_the_pictures_block(lang: str, credit: str) -> None:
    """"<p><picture><img></picture></p><span>Caption <span>(Image: Getty)</span></span>": the
    caption set as a <span> under the paragraph that holds the picture, its class a hash that
    says nothing; its credit makes it the picture's."""
    html = page('<p class="k2j2"><picture><source srcset="/img/a.webp" type="image/webp">'
                '<img src="/img/a.jpg" alt=""></picture></p>'
                f'<span class="w4w5">{CAPTIONS[lang]} <span class="v0p2">{credit}</span></span>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]
    assert CAPTIONS[lang] not in extract(html, URL).body_text


def test_a_line_of_its_own_after_a_picture_without_a_credit_is_no_caption() -> None:
    """A <span> after a picture with no credit in it (a label, a counter, a player's title) is
    not taken for the caption."""
    html = page('<p><img src="/img/a.jpg" alt=""></p><span>Bus strike: what commuters need to '
                "know about the new timetable</span>")
    assert captions_of(html) == []


@pytest.mark.parametrize("lang, credit, name", [("en", "Photo: Jane Roe/AP", "Jane Roe/AP"),
                                                ("ar", "تصوير: أنس البار/رويترز", "أنس البار/رويترز"),
                                                ("ru", "Фото: Иван Петров/ТАСС", "Иван Петров/ТАСС")])
def test_a_labelled_credit_in_the_captions_first_box(lang: str, credit: str, name: str) -> None:
    """"<figcaption><div>BILD: SN/APA</div><div>Caption</div></figcaption>": the credit printed
    above the caption in a box of its own, the boxes' class names hashes that say nothing."""
    html = page(f'<figure class="l1c5"><img src="/img/a.jpg" alt=""><figcaption>'
                f'<div class="k6a6">{credit}</div> <div class="i3e6">{CAPTIONS[lang]}</div>'
                "</figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], name)]


def test_a_labelled_credit_over_a_link_that_enlarges_the_picture_gives_no_caption() -> None:
    """A caption box that holds the credit and a "click to enlarge" link: the link is a
    control, not the caption (whatever its words: here Italian, "click to enlarge"). The
    picture is listed with its credit and no caption (extractor 0.7.0)."""
    html = page('<div class="news-img"><div class="img-photo"><img src="/img/a.jpg" alt=""></div>'
                '<div class="news-caption"><em>© ANSA/Mario Rossi</em><div class="link-gallery">'
                '<a href="javascript:void(0);"><span>+</span>CLICCA PER INGRANDIRE</a></div></div></div>')
    assert images(html) == [("https://news.example.com/img/a.jpg", None, "ANSA/Mario Rossi")]


@pytest.mark.parametrize("lang", LANGS)
def test_indentation_inside_the_link_around_a_picture_is_no_link_text(lang: str) -> None:
    """A picture box whose names say nothing: a link to the large picture around the picture,
    indented over many lines as templates print it, and the caption under it. The link holds
    no text but white space; the box is no teaser of links."""
    pad = "\n" + " " * 40
    html = page(f'<div><div class="k4s1"><a class="w4a0" href="/img/a-big.jpg">{pad * 8}'
                f'<div class="m1s1">{pad}<img src="/img/a.jpg" alt="">{pad}</div>{pad * 8}</a>'
                f'<span class="v0p2">{CAPTIONS[lang]}</span></div></div>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("lang, credit", [("en", "(Photo by Jane Roe)"), ("ar", "(تصوير أنس البار)"),
                                          ("ru", "(Фото: Иван Петров)")])
def test_an_aside_around_one_picture_and_its_caption(lang: str, credit: str) -> None:
    """"<aside><a href=big.jpg><img></a><p>Caption (Photo by …)</p></aside>": a picture pulled out
    of the text column with its caption, the aside's class a hash; no sidebar."""
    html = page(f'<aside class="s2h1" aria-hidden="true"><a href="/img/a-big.jpg"><img src="/img/a.jpg" '
                f'alt=""></a><p class="v0p2">{CAPTIONS[lang]} <span class="y4v3">{credit}</span></p>'
                "</aside>", lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("box", [
    # a promotion: the picture links to another page
    '<aside class="q1w2"><a href="/2026-in-review"><img src="/img/review.png" alt=""></a>'
    "<p>The best features and biggest stories of the year in one place. (Photo: Example News)</p></aside>",
    # a sidebar: a picture with its text, then a heading over more
    '<aside class="q1w2"><a href="/img/b-big.jpg"><img src="/img/b.jpg" alt=""></a>'
    "<p>The harbour was built in 1890 and rebuilt twice. (Photo: Jane Roe)</p><h3>Ferries</h3></aside>",
    # a sidebar: a list of links beside the picture
    '<aside class="q1w2"><a href="/img/b-big.jpg"><img src="/img/b.jpg" alt=""></a>'
    "<p>The harbour was built in 1890. (Photo: Jane Roe)</p><ul><li>Ferries</li><li>Tides</li></ul></aside>",
])
def test_an_aside_that_is_a_promotion_or_a_sidebar_gives_no_caption(box: str) -> None:
    """A picture that links to another page with a blurb (a promotion), or a picture with a
    heading or a list beside it (a sidebar), is no picture pulled out of the text."""
    assert captions_of(page(box)) == []


def _under_headline_page(box: str, lang: str) -> str:
    """The headline, `box`, a byline line, then the text, in boxes whose names are hashes."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[lang] * 2)
    return bare(f'<div class="a1b2"><h1>{TITLES[lang]}</h1>{box}<div class="x9y8">Jane Roe</div>'
                f'<div class="k3m9">{body}</div></div>', lang)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unmarked_lead_picture_box_right_under_the_headline(lang: str) -> None:
    """The lead picture in a box whose names say nothing, right under the <h1>, its caption in
    a box of its own under it: no paragraph stands beside it yet (a byline line follows)."""
    box = ('<div class="d4d4"><div class="o8p9"><a href="/img/a-big.jpg"><img src="/img/a.jpg" alt="">'
           f'</a></div><div class="l9k3"><span class="v0p2">{CAPTIONS[lang]}</span></div></div>')
    assert captions_of(_under_headline_page(box, lang)) == [CAPTIONS[lang]]


@pytest.mark.parametrize("picture", [
    '<img src="/static/flags/ar.png" alt="">',             # named as a flag
    '<img src="/static/x.svg" alt="">',                    # a vector drawing
    '<img src="/static/x.png" width="24" height="16" alt="">',  # drawn icon-sized
])
def test_an_icon_before_a_line_under_the_headline_is_no_lead_picture(picture: str) -> None:
    """A flag or a logo before a line of text under the headline (a language switch, a
    sponsor) is no lead picture with its caption."""
    box = f'<div class="q1w2">{picture}<span>Read this article in Arabic</span></div>'
    assert captions_of(_under_headline_page(box, "en")) == []


def _before_the_text_page(box: str, lang: str) -> str:
    """The headline and byline in a header box, a share bar, `box`, then the text in a box of
    its own (a hidden counter and a wrapper before the paragraphs), every name a hash."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[lang] * 2)
    return bare(f'<div class="a1b2"><div class="h5j6"><h1>{TITLES[lang]}</h1>'
                '<div class="x9y8"><span>Jane Roe</span> <time datetime="2026-03-02">2 March 2026'
                '</time></div></div><div class="s4t5"><span>Share</span><a href="#">+</a></div>'
                f'{box}<div class="k3m9"><i style="display:none">13</i><div class="w2e4">{body}'
                "</div></div></div>", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unmarked_lead_picture_box_right_before_the_text(lang: str) -> None:
    """The lead picture in a box whose names say nothing, after the headline's box and a share
    bar and right before the box that holds the text: neither a paragraph nor the <h1> stands
    beside it, the box of the text does."""
    box = ('<div class="d4d4"><a href="/img/a-big.jpg"><img src="/img/a.jpg" alt=""></a>'
           f'<div class="l9k3">{CAPTIONS[lang]}</div></div>')
    assert captions_of(_before_the_text_page(box, lang)) == [CAPTIONS[lang]]


@pytest.mark.parametrize("picture", [
    '<img src="/static/appIcon.png" alt="">',              # named as an icon, camel-cased
    '<img src="/static/site-logo.png" alt="">',            # named as a logo
    '<img src="/static/x.png" width="40" height="40" alt="">',  # drawn icon-sized
])
def test_an_icon_before_the_text_is_no_lead_picture(picture: str) -> None:
    """An app's icon or a sponsor's logo over a line of text right before the article's text is
    no lead picture with its caption."""
    box = f'<div class="q1w2">{picture}<div class="l9k3">Supported by the Harbour Foundation</div></div>'
    assert captions_of(_before_the_text_page(box, "en")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_aside_around_one_picture_is_its_box_and_its_paragraph_the_caption(lang: str) -> None:
    """"<aside><a href=big.jpg><img></a><p>Caption</p></aside>" between the paragraphs, every
    name a hash and no credit in the text: the aside is the picture's own box (as a <figure>
    would be), and the paragraph under the picture its caption."""
    html = page(f'<aside class="s2h1"><a class="g7h8" href="/img/a-big.jpg"><img src="/img/a.jpg" '
                f'alt=""></a><p class="v0p2">{CAPTIONS[lang]}</p></aside>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


def test_an_aside_whose_picture_links_to_another_page_gives_no_caption_whatever_the_links_name() -> None:
    """A promotion: the picture links to another page, with a blurb under it. The link's class
    says "image", as a picture's link may; where it leads decides."""
    html = page('<aside class="c-group-description"><a class="c-group-description__image" '
                'href="https://news.example.com/2026-in-review"><img src="/img/review.png" alt=""></a>'
                "<p>The best features, biggest stories and news making moments of 2026 in one place.</p>"
                "</aside>")
    assert captions_of(html) == []


@pytest.mark.parametrize("lang, courtesy, credit", [
    ("en", "Courtesy of Jane Roe", "Jane Roe"),   # (the English credit words go, as "Photo:" does)
    ("ar", "بإذن من عائلة البار", "بإذن من عائلة البار"),
    ("ru", "Предоставлено Иваном Петровым", "Предоставлено Иваном Петровым"),
    ("de", "Mit freundlicher Genehmigung von Jane Roe", "Mit freundlicher Genehmigung von Jane Roe"),
])
def test_a_bracketed_courtesy_line_is_the_credit(lang: str, courtesy: str, credit: str) -> None:
    """"Caption. (Courtesy of Jane Roe)": who lent the picture, in brackets at the caption's end,
    is its credit, though no credit word ("photo", "©") opens the bracket."""
    html = page(f'<figure><img src="/img/a.jpg" alt=""><figcaption>{CAPTIONS[lang]} ({courtesy})'
                "</figcaption></figure>", lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], credit)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_caption_of_an_unmarked_picture_box_in_the_text_is_not_body_text(lang: str) -> None:
    """A picture box whose names say nothing, between the paragraphs: the body walker reads
    its caption as one more paragraph (nothing names it a caption). Found as the picture's
    caption, it is the picture's and leaves the body, as a named caption's line does."""
    html = page(f'<div class="d4d4"><div class="o8p9"><img src="/img/a.jpg" alt=""></div>'
                f'<p class="v0p2">{CAPTIONS[lang]} (Foto: Jane Roe)</p></div>', lang)
    found = extract(html, URL)
    assert [i.caption for i in found.images] == [CAPTIONS[lang]]
    assert [b.text for b in found.body] == PARAS[lang][:3]  # (the repeated first one goes)


@pytest.mark.parametrize("lang", LANGS + ["de"])
def test_a_table_laid_out_around_one_picture_and_its_caption(lang: str) -> None:
    """Blogger's captioned picture: a table whose first row holds the picture (linked to its
    large copy) and whose second row holds the caption, every name a hash."""
    html = page(f'<table class="t8r2"><tr><td><a href="/img/a-big.jpg"><img src="/img/a.jpg"></a>'
                f'</td></tr><tr><td class="c4p1">{CAPTIONS[lang]}</td></tr></table>', lang)
    assert captions_of(html) == [CAPTIONS[lang]]


@pytest.mark.parametrize("table", [
    # a table of data: more rows than a picture, its caption and its credit
    '<table class="t8r2"><tr><td><img src="/img/chart.png" alt=""></td></tr>'
    "<tr><td>Turnout rose in all four districts</td></tr><tr><td>North: 61 per cent</td></tr>"
    "<tr><td>South: 58 per cent</td></tr></table>",
    # a sponsor's logo over its line
    '<table class="t8r2"><tr><td><img src="/static/sponsor-logo.png" alt=""></td></tr>'
    "<tr><td>Supported by the Harbour Foundation</td></tr></table>",
    # a heading under the picture: a box of its own (a teaser), not a captioned picture
    '<table class="t8r2"><tr><td><img src="/img/b.jpg" alt=""></td></tr>'
    "<tr><td><h3>Ferries</h3> The harbour was built in 1890 and rebuilt twice.</td></tr></table>",
])
def test_a_table_that_is_data_a_logo_or_a_box_gives_no_caption(table: str) -> None:
    """A table of several rows, a logo's table and a table with a heading are no captioned
    picture."""
    assert captions_of(page(table)) == []


def _slides(lang: str, tag: str, n: int = 3) -> str:
    item = "li" if tag == "ul" else "div"
    return (f'<{tag} class="r5t6">' + "".join(
        f'<{item} class="s1d2"><img data-lazy="/img/s{i}.jpg" src="/img/s{i}.jpg" alt="">'
        f'<div class="c3v4">{CAPTIONS[lang]} ({i})</div></{item}>' for i in range(1, n + 1))
        + f"</{tag}>")


@pytest.mark.parametrize("tag", ["ul", "div"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_row_of_slides_whose_names_say_nothing_is_a_gallery(lang: str, tag: str) -> None:
    """A carousel built with CSS-in-JS: a list (or a box) of items, each one picture and its
    caption under it, no name saying gallery or slide. Each picture keeps its caption."""
    assert captions_of(page(_slides(lang, tag), lang)) == numbered(lang, 3)


@pytest.mark.parametrize("row", [
    # teasers: each picture links to another story
    '<ul class="r5t6">' + "".join(
        f'<li><a href="/2026/03/0{i}/story.html"><img src="/img/t{i}.jpg" alt=""></a>'
        f"<div>Ferry fares rise again in the spring, part {i}</div></li>" for i in (1, 2, 3)) + "</ul>",
    # a row whose items are not all pictures with a line
    '<ul class="r5t6"><li><img src="/img/t1.jpg" alt=""><div>Ferry fares rise again in the spring</div>'
    "</li><li>Tides and timetables for the whole coast, updated every morning</li></ul>",
    # one item alone: no row of slides
    '<ul class="r5t6"><li><img src="/img/t1.jpg" alt=""><div>Ferry fares rise again in the spring'
    "</div></li></ul>",
    # named: a weather strip, each day's picture over its forecast (the names decide)
    '<ul class="weather-strip">' + "".join(
        f'<li><img src="/img/w{i}.jpg" alt=""><div>{day}: sunny spells, 24 degrees</div></li>'
        for i, day in enumerate(("Monday", "Tuesday", "Wednesday"))) + "</ul>",
])
def test_a_row_of_teasers_a_mixed_row_or_a_named_row_is_no_gallery(row: str) -> None:
    """Only a row of pictures each with a line, no link elsewhere, no name saying otherwise
    is a gallery by its shape."""
    assert captions_of(page(row)) == []


@pytest.mark.parametrize("lang, credit, name", [("en", "Photo: Jane Roe/AP", "Jane Roe/AP"),
                                                ("ar", "تصوير: أنس البار/رويترز", "أنس البار/رويترز"),
                                                ("ru", "Фото: Иван Петров/ТАСС", "Иван Петров/ТАСС")])
def test_a_labelled_credit_in_the_box_after_the_captions(lang: str, credit: str, name: str) -> None:
    """"<div><img><div>Caption</div><div>Photo: Jane Roe/AP</div></div>": the credit in a box of
    its own under the caption's, every name a hash."""
    html = page(f'<div class="d4d4"><img src="/img/a.jpg" alt=""><div class="l9k3">{CAPTIONS[lang]}</div>'
                f'<div class="k6a6">{credit}</div></div>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", CAPTIONS[lang], name)]


def test_a_line_after_the_caption_that_is_no_credit_is_not_taken_for_one() -> None:
    """A box after the caption's that holds no labelled credit (a link's label, a note) is no
    credit."""
    html = page(f'<div class="d4d4"><img src="/img/a.jpg" alt=""><div class="l9k3">{CAPTIONS["en"]}</div>'
                '<div class="k6a6">Jane Roe, harbour correspondent</div></div>')
    assert [credit for _, _, credit in images(html)] == [None]


# ---------------------------------------------------------------- credits of national agencies

@pytest.mark.parametrize("lang, caption, credit", [
    # a national agency's "AGENCY FOTO/Name" after the last sentence (Indonesia)
    ("en", "Commuters wait at the Sudirman bus stop in Jakarta.", "ANTARA FOTO/Budi Santoso"),
    # "Name/Agency" after a dash that closes the caption (Brazil and Portugal print it so)
    ("en", "Passengers wait for the night bus in São Paulo", "Marcelo Camargo/Agência Brasil"),
    ("ar", "ركاب ينتظرون الحافلة في القاهرة", "رويترز/محمد عبد الغني"),
    ("ru", "Пассажиры ждут автобус в Киеве", "Укрінформ/Іван Петренко"),
])
def test_an_agency_credit_closing_the_caption(lang: str, caption: str, credit: str) -> None:
    text = f"{caption} {credit}" if caption.endswith(".") else f"{caption} - {credit}"
    html = page(f'<figure><img src="/img/a.jpg" alt=""><figcaption>{text}</figcaption></figure>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", caption, credit)]


@pytest.mark.parametrize("lang, text, credit", [
    ("ru", "Пассажиры ждут автобус в Варшаве. Fot. PAP/Paweł Supernak", "PAP/Paweł Supernak"),
    ("en", "Passengers wait for the night bus in Warsaw. fot. Shutterstock", "Shutterstock"),
])
def test_the_polish_abbreviated_photo_label_opens_a_credit(lang: str, text: str, credit: str) -> None:
    html = page(f'<figure><img src="/img/a.jpg" alt=""><figcaption>{text}</figcaption></figure>', lang)
    assert [c for _, _, c in images(html)] == [credit]


@pytest.mark.parametrize("text", [
    "The match ended in a draw - highlights on TV/online",
    "The mayor and her deputy - and/or their staff",
    "تأجيل المباراة - التذاكر صالحة/قابلة للاسترداد",
])
def test_a_slash_after_a_dash_that_names_no_agency_is_caption(text: str) -> None:
    lang = "ar" if text[0] > "\u0600" else "en"
    html = page(f'<figure><img src="/img/a.jpg" alt=""><figcaption>{text}</figcaption></figure>', lang)
    assert images(html) == [("https://news.example.com/img/a.jpg", text, None)]


@pytest.mark.parametrize("text", ["Sputnik V vaccine", "AA battery pack", "DHA supplements"])
def test_a_short_caption_that_names_something_else_than_an_agency_stays(text: str) -> None:
    """Short names shared by an agency and other things are not in the agencies' list: a
    caption of an agency's name alone is taken for a credit."""
    html = page(f'<figure><img src="/img/a.jpg" alt=""><figcaption>{text}</figcaption></figure>')
    assert captions_of(html) == [text]
