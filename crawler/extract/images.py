"""Article images with their caption and credit kept apart.

Captions come from `<figure>/<figcaption>`, caption-like class tokens, schema.org microdata
(itemprop=caption), and ties a web standard or a common convention makes outside a caption
box: aria-describedby/aria-labelledby/aria-label, role="figure" boxes, a lightbox link's
data-caption, an emphasised line right under the picture, the alt text printed under it.
Credits come from credit-like elements ("credit", "copyright", "source", "photographer", a
closing <cite>, itemprop=creditText), bracketed trailers ("[Ayman Henna/AFP]", "（共同）"),
credit words before a colon in many languages ("Photo:", "Foto:", "صورة:", "Фото:", "写真："),
"Photo by X", and an agency after the last sentence. Page furniture printed in a caption box
(date lines, bylines, share bars, "Enlarge image", slide counters, video durations) is no
caption; so is a caption box that opens with "Read also:" or is a chart's legend. The
picture's address is the real one of a lazy-loaded image (data-src, the largest srcset
candidate, <picture><source>, <noscript>); an address that many pictures share is a stand-in,
so it never merges their captions. Galleries printed beside the article's box and a lead
picture above it count as the article's; images inside page furniture (related and "read
also" teasers, author and contributor boxes, podcast cards, navigation, footers) do not.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import replace
from itertools import islice
from typing import Any
from urllib.parse import urljoin

from lxml import etree, html as lxml_html

from . import body as _body
from .article import Image
from .text import ClassMatch, class_id, clean, is_inside, text_of

_CAPTION_CLASS = re.compile(
    r"caption|legend|bildunterschrift|unterschrift|leyenda|didascalia|legende|bijschrift|"
    r"onderschrift|pie-?de-?foto|piefoto|epigrafe|bildtext|bildetekst|billedtekst|kuvateksti|"
    r"image-?text|img-?text|photo-?text|figure-?text|fig-?desc|"
    # Czech/Slovak "popis(ek)", Polish "podpis", Indonesian/Malay "keterangan", Hungarian
    # "képaláírás"
    r"popis|podpis|keterangan|kepalairas|kepala-iras"
)
# weaker tokens that mean "caption" only next to an image/media token ("mediaSubtitle",
# "detail-img__description")
_CAPTION_WEAK = re.compile(r"subtitle|description|desc\b|desc_|text|info")
# the weak words as whole class tokens ("gallery__text", not "contextual_links")
_CAPTION_WEAK_TOKEN = re.compile(r"(?:^|[\s_-])(?:subtitle|description|desc|text|info)(?:$|[\s_-])")
_MEDIA_WORD = re.compile(r"image|img|photo|media|picture|foto|bild|figure|pic\b")
_CREDIT_CLASS = re.compile(
    r"credit|copyright|source|photographer|fotograf|quelle|byline|author|autor|rights|attribution|"
    r"courtesy|provider|agency|licen[cs]e|origin|nachweis|fuente|droits"
)
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "form", "a"})
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|recommend|recommended|recommendations|promo|newsletter|sidebar|"
    r"footer|nav|navigation|menu|outbrain|taboola|trending|popular|most-read|mostread|"
    r"more-stories|latest-stories|advert|advertisement|ad|ads|sponsor|sponsored|comment|comments|"
    r"author-box|authorbox|author|authors|logo|avatar|icon|social|share|"
    # author and contributor boxes; "read also" boxes in many languages; podcast cards
    r"byline|bio|profile|contributor|contributors|read-?also|also-?read|see-?also|lire-?aussi|"
    r"a-?lire|lesen-?sie-?auch|mehr-?zum-?thema|leia-?tambem|lee-?tambien|lea-?tambien|"
    r"further-?reading|podcast|podcasts)(?:$|[\s_-])"
)
_furniture_class = ClassMatch(_FURNITURE_CLASS)
# words that introduce a picture credit, in the languages of the sites we archive: "Photo:",
# "Foto:", "Bild:", "Crédit :", "صورة:", "تصوير:", "Фото:", "写真：", "图：" ...
_CREDIT_WORDS = (
    r"photo|photos|photograph|photography|foto|fotos|fotó|fotografía|fotografia|bildquelle|"
    r"bildnachweis|bildrechte|fotoquelle|bild|image|"
    r"credit|credits|source|quelle|copyright|crédit|crédits|imagen|picture|pic|illustration|"
    r"grafik|صورة|الصورة|صور|تصوير|المصدر|مصدر|фото|фотография|снимок|иллюстрация|источник|"
    r"джерело|写真|撮影|提供|画像|图片来源|圖片來源|图源|圖源|图|图片|圖|圖片|摄影|攝影|来源|來源|出典|"
    # Polish, Turkish, Finnish, Greek, Vietnamese, Persian, Thai, Hindi, Bengali, Korean
    r"zdjęcie|zdjęcia|fotoğraf|kuva|φωτογραφία|φωτ|πηγή|ảnh|nguồn|عکس|منبع|ภาพ|ที่มา|फोटो|चित्र|ছবি|সূত্র|사진"
)
# agencies named in other scripts; only trusted inside brackets at the end of a caption
# ("（共同）", "(أ ف ب)", "(ТАСС)"), where a bare name is the usual credit
_AGENCY_OTHER_SCRIPTS = re.compile(
    r"뉴스1|뉴시스|연합뉴스|أ\s?ف\s?ب|أ\.ف\.ب|فرانس برس|رويترز|أسوشيتد برس|الأناضول|غيتي|إي بي إيه|"
    r"ТАСС|РИА Новости|Интерфакс|Рейтер|"
    r"共同|時事|ロイター|新华社|新華社|路透|美联社|美聯社|法新社|中新社|连合|聯合")
# "[Ayman Henna/AFP]", "(Photo: X)", "（写真：共同）" at the end of a caption
_BRACKET_CREDIT = re.compile(r"\s*[\[(（［【]\s*([^\[\]()（）［］【】]{2,80})[\])）］】]\s*$")
_BRACKET_CREDIT_WORD = re.compile(rf"(?i)(?:{_CREDIT_WORDS}|©)")
# Japanese and Korean put the credit word after the name: "（潟沼義樹撮影）", "（代表撮影）", "고영권 기자"
_CREDIT_WORD_AFTER = re.compile(r"(?:撮影|提供|摄|攝)$")
_PREFIX_CREDIT = re.compile(
    r"(?:^|\s|(?<=[。．」）])|[|·•–—-]\s*)((?:" + _CREDIT_WORDS + r")\s*(?:credits?|photos?)?\s*[:：／=]"
    r"\s*.{2,120}|©\s*.{2,120}|\(c\)\s*.{2,120}|"
    # the Polish and Czech abbreviation, with its full stop: "Fot. PAP/Paweł Supernak"
    r"fot\.\s*\S.{1,118})$",
    re.IGNORECASE,
)
_AGENCY = re.compile(r"\b(?:AFP|AP|Reuters|REUTERS|dpa|Getty|EPA|Imago|IMAGO|Keystone|APA|ANP|Shutterstock|"
                     r"iStock|picture alliance|picture-alliance|Xinhua|Bloomberg|Associated Press|"
                     r"Canadian Press|Press Association|Alamy|ddp|ANSA|EFE|Anadolu|"
                     # national agencies that credit photos as "AGENCY/Name" or "Name/AGENCY":
                     # Indonesia, Brazil, Portugal, Poland, Turkey, Malaysia, India, Vietnam,
                     # Korea, Japan, Russia, Ukraine, the Czech Republic, Argentina, Mexico
                     r"ANTARA|Antara|Agência Brasil|Agencia Brasil|Folhapress|Estadão Conteúdo|"
                     # (not "AA", "DHA", "ANI" or "Sputnik": short captions name those as other
                     # things, and a caption of an agency's name alone is taken for a credit)
                     r"Agência Estado|Lusa|LUSA|PAP|İHA|Bernama|BERNAMA|PTI|IANS|VNA|TTXVN|"
                     r"Yonhap|Kyodo|Jiji|TASS|RIA Novosti|Ukrinform|Укрінформ|ČTK|CTK|Télam|"
                     r"Notimex|Cuartoscuro)\b")
# an unbracketed "Name/AGENCY" or "AGENCY/Name" after the caption's last sentence
# ("... on May 7, 2025. REUTERS/Issam Abdallah", "Niall Carson/PA Images via Getty Images"):
# a credit is a name or two and an agency; a longer run after the last full stop is caption
TRAILING_CREDIT_MAX_WORDS = 8
_TRAILING_AGENCY = re.compile(r"(?<=[.!?。])\s+([^.!?。]{0,60}/[^.!?。]{1,60})$")
# the same credit after a dash that closes a caption with no full stop: "Passageiros esperam o
# ônibus em São Paulo - Marcelo Camargo/Agência Brasil"
_DASH_AGENCY = re.compile(r"\s[-–—]\s+([^.!?。]{0,60}/[^.!?。]{1,60})$")
# "… said Daniel Theis. REUTERS", "… on Monday. AFP via Getty Images": an agency alone after
# the last sentence
_TRAILING_AGENCY_ONLY = re.compile(
    r"(?<=[.!?。])\s+((?:Pool via |Foto: |Photo: )?(?:AFP|AP|REUTERS|Reuters|dpa|DPA|Getty Images|EPA|"
    r"IMAGO|Imago|Keystone|ANP|Xinhua|Bloomberg|Associated Press|Anadolu|EFE|ANSA|PAP|Belga|BELGA)"
    r"(?:\s+(?:via|/)\s+[A-Z][\w-]*(?:\s+Images)?)?(?:\s+Photo)?)$")
# Korean captions end "…있다. 연합뉴스", "…있다. 인천=연합뉴스", "…있다. 고영권 기자" (reporter)
_TRAILING_AGENCY_KO = re.compile(r"(?<=[.!?。])\s+((?:\w{1,6}=)?(?:연합뉴스|뉴시스|뉴스1)|[가-힣]{2,4}\s?기자)$")
# "Photo by X", "Photograph by X", "Foto von X", "Photo courtesy of X", "Courtesy of X",
# Arabic "تصوير X" / "بعدسة X" ("photographed by", "through the lens of")
_BY_CREDIT = re.compile(
    r"(?:^|(?<=[.!?。|])\s*|\s+[|·•–—-]\s*)((?:(?:photo|photograph|picture|image|foto|bild)s?\s+"
    r"(?:by|von|door|av|par)|(?:(?:photo|image|picture|foto)\s+)?courtesy(?:\s+of)?|تصوير|بعدسة)"
    r"\s+[^.!?]{2,80})\.?$",   # the credit's own full stop closes the caption: "… Photo by Jane Doe."
    re.IGNORECASE)
# Chinese and Japanese captions close with the photographer after the last sentence, unbracketed:
# "…的人群。新华社记者 张明 摄", "…人たち。山田太郎撮影", "…。新华社发", "…。图/张明"
_HAN_CLOSING_CREDIT = re.compile(
    r"(?<=[。！？])\s*([^。！？\s][^。！？]*?(?:摄|攝|摄影|攝影|撮影|供图|供圖|提供|社发|社發)"
    r"|(?:图|圖|图片|圖片|摄影|攝影)\s*/\s*[^/。！？]+)\s*$")
HAN_CREDIT_MAX_CHARS = 30  # a name or two, an agency and the credit word; more is a sentence


def _han_closing_credit(text: str) -> re.Match[str] | None:
    """The credit a Chinese or Japanese caption closes with after its last sentence
    ("。新华社记者 张明 摄"): the credit word comes after the name, and no bracket marks it."""
    m = _HAN_CLOSING_CREDIT.search(text)
    return m if m and len(m.group(1)) <= HAN_CREDIT_MAX_CHARS else None


# Japanese captions close with the credit after "＝" (or the last "、"), unbracketed and with no
# full stop before it: "…（16日、首相官邸で）＝山田太郎撮影", "…＝首相官邸で16日、山田太郎撮影",
# "…＝共同", "…＝ロイター". The name is written without kana (a kana word before 撮影 is a
# sentence: "…、ドローンで富士山を撮影"); an agency stands alone after "＝".
_JA_CLOSING_CREDIT = re.compile(
    r"(?<=[＝、])([^\u3040-\u309f＝=、。！？（）()「」\s]{1,15}?(?:撮影|提供)"
    r"|(?<=＝)(?:共同|時事|ロイター|ＡＰ|AP|ＡＦＰ|AFP|EPA|新華社|聯合|ゲッティ|ブルームバーグ))\s*$")


def _japanese_closing_credit(text: str) -> re.Match[str] | None:
    """The credit a Japanese caption closes with after "＝" or "、" (_JA_CLOSING_CREDIT); the
    caption is what comes before its separator, and there must be one."""
    m = _JA_CLOSING_CREDIT.search(text)
    return m if m is not None and text[: m.start()].strip(" 　＝、") else None


def _spelled_credit(text: str) -> bool:
    """Does a line end with a credit spelled out rather than bracketed or labelled ("…
    Monday. Photo by Jane Roe", "…的人群。新华社记者 张明 摄")? Body text names no
    photographer, so a plain line under a picture that does is its caption."""
    return bool(_BY_CREDIT.search(text) or _han_closing_credit(text))


# a lazy-loading stand-in in src ("index-transparent_h-3.gif", "grey-placeholder.png")
_PLACEHOLDER_SRC = re.compile(r"(?:placeholder|transparent|spacer|blank|pixel|lazy|loading|1x1)"
                              r"[^/]*$|\.gif(?:$|\?)", re.IGNORECASE)


# lazy-loading scripts keep the real address in these attributes and put a stand-in in src
# (a grey tile, a spinner, the same "default.jpg" for every picture), so they come first
_LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url",
                   "data-srcset", "data-lazy-srcset", "srcset", "src")


def largest_candidate(srcset: str) -> tuple[str, float]:
    """The widest (or densest) candidate of a srcset ("a.jpg 320w, b.jpg 1280w" -> b.jpg; the
    crawl captures the same one as a page requisite, crawler/requisites.py):
    the picture as published, not a thumbnail, with its size (0 when none is written: the
    first candidate then).
    Parsed as the HTML standard says: a URL is a run of non-space characters and may hold
    commas ("width=1160,height=772"); only a comma after the descriptors separates."""
    best, best_size = "", -1.0
    rest = srcset
    while rest:
        m = _SRCSET_URL.match(rest)
        if m is None:
            break
        url, rest = m.group(1), rest[m.end():]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")  # "a.jpg," : a candidate without descriptor
        else:
            descriptor, _, rest = rest.partition(",")
        if not url:
            continue
        size = 0.0
        d = descriptor.split()
        if d and d[0][-1:] in ("w", "x"):
            try:
                size = float(d[0][:-1])
            except ValueError:
                size = 0.0
        if size > best_size:
            best, best_size = url, size
    return best, best_size


_SRCSET_URL = re.compile(r"[\s,]*(\S+)")


def attribute_src(get: Callable[[str], str | None]) -> tuple[str | None, str | None]:
    """The real address an <img>'s own attributes give (lazy-loading attributes before src,
    the largest srcset candidate), and the first stand-in met (a fallback). `get` reads one
    attribute: an lxml element's, or the start tag's the crawl's requisite scan reads, so that
    the crawl fetches the very address extraction names (crawler/requisites.py)."""
    fallback = None
    for attr in _LAZY_SRC_ATTRS:
        v = get(attr)
        if v:
            v = v.strip()
            if attr.endswith("srcset") and not v.startswith("data:"):
                v, size = largest_candidate(v)
                src = get("src") or ""
                if attr == "srcset" and size <= 1 and src.strip() and not src.startswith("data:") \
                        and not _PLACEHOLDER_SRC.search(src):
                    continue  # a lone "a-320.jpg" (1x): the src is the picture as shown
            if v and not v.startswith("data:"):
                if _PLACEHOLDER_SRC.search(v):
                    fallback = fallback or v
                    continue
                return v, fallback
    return None, fallback


# A picture's address: what a lazy-loading library's own attribute holds (data-splide-lazy,
# data-flickity-lazyload, data-echo, data-hi-res-src ...), read when no known attribute names one.
_PICTURE_ADDRESS = re.compile(r"(?:https?:)?[^\s\"'<>()]+\.(?:jpe?g|png|webp|gif|avif)(?:[?#]\S*)?",
                              re.IGNORECASE)


def data_attribute_src(attributes: Iterable[tuple[str, str]]) -> str | None:
    """The first data-* attribute whose whole value is a picture's address (not a stand-in):
    lazy-loading libraries each name their attribute, and no list of names is complete."""
    for name, value in attributes:
        if name.startswith("data-") and value:
            v = value.strip()
            if _PICTURE_ADDRESS.fullmatch(v) and not _PLACEHOLDER_SRC.search(v):
                return v
    return None


def source_src(srcset: str | None) -> str | None:
    """The address a <picture>'s <source srcset> gives: its largest candidate, unless a
    stand-in or inline data."""
    v = srcset or ""
    v = largest_candidate(v.strip())[0] if not v.startswith("data:") else ""
    return v if v and not _PLACEHOLDER_SRC.search(v) else None


def _src_of(img: Any) -> str | None:
    """The real address of an <img>: lazy-loading attributes before src, the largest srcset
    candidate, then a <picture>'s <source srcset> and an <img> in a <noscript> next to a
    stand-in; a stand-in only when nothing better exists."""
    found, fallback = attribute_src(img.get)
    if found:
        return found
    # the parser nests <img> inside unclosed <source>s: walk up to the <picture>
    node = img.getparent()
    for _ in range(4):
        if node is None or node.tag not in ("source", "picture"):
            break
        for source in node.iter("source"):
            v = source_src(source.get("srcset") or source.get("data-srcset"))
            if v:
                return v
        node = node.getparent()
    noscript = _noscript_img(img)
    if noscript is not None:
        v = (noscript.get("src") or "").strip()
        if v and not v.startswith("data:"):
            return v
    return data_attribute_src(img.attrib.items()) or fallback


def _noscript_img(img: Any) -> Any | None:
    """The real <img> that a lazy-loading page prints in a <noscript> beside its stand-in
    (same parent, or the parent's parent when the stand-in sits in a wrapper)."""
    node = img
    for _ in range(2):
        parent = node.getparent()
        if parent is None:
            return None
        for sib in parent:
            if sib.tag == "noscript":
                found = sib.find(".//img")
                if found is not None:
                    return found
        node = parent
    return None


# a link to the picture itself or to its viewer ("/image/…/287149", "big.jpg", "#gallery")
_IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:$|\?)|(?:^|[/#?=_-])(?:image|images|"
                         r"img|photo|photos|foto|fotos|bild|bilder|picture|gallery|galerie|"
                         r"media|zoom|lightbox)(?:$|[/#?=_.-])", re.IGNORECASE)


# a gallery is the article's pictures, wherever the page puts it (an <aside class="gallery">)
_GALLERY_WORD = re.compile(r"gallery|galerie|galeria|slideshow|slider|carousel|diaporama|swiper|fotorama")
# a wrapper holding this share of the article's text is the article, whatever its class says
ARTICLE_TEXT_SHARE = 0.5


def _wraps_article(node: Any, stop: Any) -> bool:
    """Does `node` hold most of the text under `stop` (the article scope)? Then a
    furniture-like class on it is a layout flag, not a sidebar or a teaser box."""
    if stop is None:
        return False
    total = len(text_of(stop))
    return total > 0 and len(text_of(node)) >= total * ARTICLE_TEXT_SHARE


# The most text an <aside> around one picture may hold for it to be the picture's own box: a
# caption and its credit.
PICTURE_ASIDE_MAX_CHARS = 400
_NOT_IN_PICTURE_ASIDE = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "form", "input", "button")


def _picture_over_its_text(box: Any, max_chars: int) -> Any | None:
    """The one picture of `box` when the box holds that picture and a short text under it (at
    most `max_chars`) and nothing a sidebar or a teaser holds: no heading, list or form, no link
    but one around the picture. The shape of a picture's own box with its caption, whatever
    the box is (an <aside>, a <table>, a slide of a row)."""
    imgs = [img for img in box.iter("img") if not _noscript_twin(img)]
    if len(imgs) != 1 or next(box.iter(*_NOT_IN_PICTURE_ASIDE), None) is not None:
        return None
    text = clean(text_of(box))
    if not text or len(text) > max_chars or _printed_before(imgs[0], box):
        return None  # (text above the picture: a box with a title, not a picture's)
    if any(a.find(".//img") is None for a in box.iter("a")):
        return None
    return imgs[0]


def _links_to_pictures(box: Any) -> bool:
    """Does every link of `box` lead to a picture (its large copy, a lightbox), not to another
    page? A picture that links to a story is a teaser or a promotion, whatever the link's class
    says."""
    return all(_IMAGE_LINK.search(a.get("href")) for a in box.iter("a") if a.get("href") is not None)


def _captioned_picture_aside(aside: Any) -> bool:
    """An <aside> that holds one picture and a short text under it, and nothing a sidebar
    holds (_picture_over_its_text): a picture pulled out of the text column with its caption
    ("<aside><a href=big.jpg><img></a><p>Name. (Photo by …)</p></aside>"), whatever its class
    says. (A link around the picture to another page is a promotion: _in_furniture tells.)"""
    return _picture_over_its_text(aside, PICTURE_ASIDE_MAX_CHARS) is not None


def _aside_picture_box(box: Any) -> bool:
    """Is `box` an <aside> around one picture and the short text under it
    (_captioned_picture_aside)? Then it is that picture's own box, and its text the caption,
    whatever the names of the aside and of its paragraph say (a class "caption" is what found
    it before; hashed names say nothing). Not when the picture links to another page than a
    picture's: that is a promotion with its blurb."""
    return box.tag == "aside" and _captioned_picture_aside(box) and _links_to_pictures(box)


SLIDES_MIN = 2  # items in a row of slides that name nothing: one alone is no gallery


def _slide_by_shape(item: Any, rows: dict[Any, bool]) -> bool:
    """Is `item` (an <li> or a <div>) one of a row of slides whose names say nothing: SLIDES_MIN
    or more siblings of its tag and nothing else, each one picture and a short text under it
    (_picture_over_its_text) whose links lead to pictures only? A carousel built with CSS-in-JS
    names no gallery; a row of teasers links each picture to its story. `rows` keeps the
    verdict per row (each slide asks for its row)."""
    row = item.getparent()
    if row is None or item.tag not in ("li", "div"):
        return False
    verdict = rows.get(row)
    if verdict is None:
        items = [c for c in row if isinstance(c.tag, str)]
        verdict = rows[row] = (
            len(items) >= SLIDES_MIN and all(c.tag == item.tag for c in items)
            and _names_say_nothing(row)
            and all(_picture_over_its_text(c, UNMARKED_BOX_MAX_CHARS) is not None
                    and _links_to_pictures(c) for c in items))
    return verdict


CAPTION_TABLE_MAX_ROWS = 3  # the picture's row, the caption's, perhaps the credit's


def _caption_table(box: Any) -> bool:
    """A <table> of at most CAPTION_TABLE_MAX_ROWS rows and no table inside, laid out around
    one picture that is no icon and a short text under it (_picture_over_its_text): the
    captioned picture of Blogger ("tr-caption-container") and of older CMSs, whatever its
    cells are named. (A sponsor's logo over its line is laid out so too.)"""
    if box.tag != "table" or box.find(".//table") is not None \
            or len(box.findall(".//tr")) > CAPTION_TABLE_MAX_ROWS:
        return False
    img = _picture_over_its_text(box, UNMARKED_BOX_MAX_CHARS)
    return img is not None and not _icon(img)


def _picture_aside(aside: Any) -> bool:
    """An unclassed <aside> that holds a picture and no text besides its <figure>s is a
    picture pulled out of the text column, not a sidebar (a sidebar has headings, links,
    text of its own)."""
    figures = aside.findall(".//figure")
    if not figures or aside.find(".//img") is None:
        return False
    return not _text_without(aside, figures) and _link_share(aside) <= TEASER_LINK_SHARE


# the text of the body's blocks, as the body walker kept them, while extract_images() runs
_BODY_TEXTS: ContextVar[frozenset[str]] = ContextVar("body_texts", default=frozenset())
_TEXT_TAGS = ("p", "h2", "h3", "blockquote", "li")


def _body_box(node: Any) -> bool:
    """Does `node` hold paragraphs the body walker kept as the article's text? Then a class
    that sounds like furniture on it names the layout ("sidebar-grid__content", a column
    "with-related-rail"), and a picture in it is the article's, not a sidebar's."""
    texts = _BODY_TEXTS.get()
    if not texts:
        return False
    return any(clean(text_of(el)) in texts for el in node.iter(_TEXT_TAGS))


def _site_banner(node: Any) -> bool:
    """Is `node` the site's masthead, the ARIA banner landmark (role="banner")? Its logos,
    tagline ("Herausgegeben von …", classed a caption) and buttons are the site's, on every
    page; the article's own pictures are never in it."""
    return node.get("role") == "banner"


def _in_furniture(el: Any, stop: Any, memo: dict[Any, bool] | None = None) -> bool:
    """Is `el` inside page furniture (a teaser, a sidebar, a banner, navigation) below `stop`?
    `memo` keeps each ancestor's verdict for calls with the same `stop`: the boxes around one
    picture share their ancestors."""
    node = el.getparent()
    while node is not None and node is not stop:
        if memo is None:
            hit = _furniture(node, stop)
        else:
            hit = memo.get(node)
            if hit is None:
                hit = memo[node] = _furniture(node, stop)
        if hit:
            return True
        node = node.getparent()
    return False


def _furniture(node: Any, stop: Any) -> bool:
    """Is `node` itself furniture (by its tag, role or class) inside `stop`?"""
    tag = node.tag
    ci = class_id(node)
    if _site_banner(node):
        return True
    if tag in _FURNITURE_TAGS:
        # an <aside class="image ..."> is a pulled-out picture, not a sidebar; a link
        # around picture and caption that opens the picture is no teaser
        href = node.get("href") if tag == "a" else None
        if tag == "a" and (not href or _IMAGE_LINK.search(href)
                           or (ci and _MEDIA_WORD.search(ci.lower()))):
            return False
        return not (tag == "aside" and ((ci and (_MEDIA_WORD.search(ci) or _GALLERY_WORD.search(ci)))
                                        or _picture_aside(node) or _captioned_picture_aside(node)))
    if ci and _furniture_class(ci):
        # a BEM layout name ("sidebar-grid__header") on the article's own header, a media
        # block floated into the sidebar column ("mediaBlock ps-sidebar"), a state flag on
        # the article's own text column ("content has-share-bar", "main-with-sidebar")
        return node.find(".//h1") is None and not _MEDIA_WORD.search(ci.lower()) \
            and not _GALLERY_WORD.search(ci) and not _wraps_article(node, stop) \
            and not _body_box(node)
    return False


_VIDEO = re.compile(r"(?:^|[\s_-])(?:video|player|videoplayer|video-player|jwplayer|vjs)(?:$|[\s_-])")
_DURATION = re.compile(r"\b\d{1,2}:\d{2}\s*min\b|verfügbar bis|\bavailable until\b", re.IGNORECASE)
_CREDIT_ONLY = re.compile(
    r"^(?:[/|©]|(?:bron|fotoğraf|foto|fotos|photo|kuva|zdjęcie|źródło|crédito|credito|quelle|"
    r"source|credit|bild|image|صورة|الصورة|تصوير|المصدر|фото|источник|写真|撮影|提供|图片|图|摄影)"
    r"\s*[:：])", re.IGNORECASE)


def _is_video(holder: Any) -> bool:
    if holder.find(".//video") is not None:
        return True
    node = holder
    for _ in range(3):
        if node is None:
            break
        ci = class_id(node)
        if ci and _VIDEO.search(ci) and not (node is not holder and _column_flag(node, holder)):
            return True
        node = node.getparent()
    return False


def _column_flag(node: Any, holder: Any) -> bool:
    """Is a video word on a box around the picture a state flag of the article's text column
    ("article-body has-video", "content video-enabled", "js-player-init") rather than a
    player's box? A player holds no column of paragraphs besides the picture."""
    return _text_column(node, holder)


def _video_between(cap_el: Any, holder: Any) -> bool:
    """Is the caption inside a video block below the box that holds a picture (an inline
    video's caption box, whose nearest <img> is someone else's)? Only the boxes between the
    caption and the box that holds the picture's box too count: when the caption's box holds
    the picture (a caption-classed table or box around both) none lies between, and a
    page-wide "video" class above both says nothing of this picture."""
    if holder is cap_el or is_inside(holder, cap_el):
        return False
    node = cap_el.getparent()
    while node is not None and not is_inside(holder, node):
        ci = class_id(node)
        if ci and _VIDEO.search(ci):
            return True
        node = node.getparent()
    return False


_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")


def _credit_only(caption: str) -> bool:
    """"/ Getty Images/iStockphoto", "Bron: Belga", "Google": a credit where a caption would be."""
    if _CREDIT_ONLY.match(caption):
        return True
    words = caption.split()
    if len(words) == 1 and not _UNSPACED.search(caption):
        return True  # "Google", "Privat", "freeimages", "IMG_2012.jpg": a source, not a caption
    if len(words) <= 6 and not caption.endswith((".", "!", "?")) and _AGENCY.search(caption) \
            and ("/" in caption or len(words) <= 3 or _VIA_AGENCY.search(caption)):
        return True
    if len(caption.replace("/", " ").split()) <= NAME_CREDIT_MAX_WORDS and caption.count("/") == 1 \
            and not caption.endswith((".", "!", "?")) and not any(c.isdigit() for c in caption):
        # "Devindra Hardawar/AOL", "Jane Roe / Vox": a name and its outlet
        left, right = (part.strip() for part in caption.split("/"))
        if len(left.split()) >= 2 and right[:1].isupper() \
                and all(w[:1].isupper() or not w[:1].isalpha() for w in left.split()):
            return True
    return False


# "Ben Gabbe via Getty Images": a photographer through an agency
_VIA_AGENCY = re.compile(r"\bvia\s+\S+(?:\s+Images)?$")
NAME_CREDIT_MAX_WORDS = 4  # "First Last/Outlet": longer texts with a slash may be captions


# the end of a credit that opens a caption: a full stop, dash or bar within its first words
_LEAD_CREDIT_END = re.compile(r"^(.{2,60}?)(?:\.\s+|\s+[-–—|]\s+)(.+)$")
LEAD_CREDIT_MIN_CAPTION_WORDS = 3  # "Photo: AP Photo/J. Doe": a name's initial is no caption


def _credit_may_follow(before: str, credit: str) -> bool:
    """A credit written after the caption follows a sentence end or a separator, or opens
    with a capital ("… Rubble. Photo: X", "… rubble | photo: X", "… rubble Photo: X");
    "… seen in this image: …" is the sentence going on."""
    if before[-1:] in ".!?。)]|·•–—-,;\"”»":
        return True
    first = credit[:1]
    return not first.isalpha() or not first.islower()


SQUARE_CREDIT_MAX_WORDS = 8  # "[Iraqi Ministry of Defence]", "[Courtesy of Jane Roe]"


def _square_bracket_credit(text: str, m: re.Match[str]) -> bool:
    """Is the square-bracketed end of a caption its credit, whatever it names ("… base.
    [File]", "[Social media]", "[Iraqi Ministry of Defence]", "[أرشيف]")? Captions close with
    their credit in square brackets on many sites (the seed site's "[Ayman Henna/AFP]"); a
    caption's own words are not bracketed that way. Parentheses are not enough: "(left)",
    "(2019)", "(file photo)" are the caption's."""
    if not m.group(0).rstrip().endswith(("]", "］")):
        return False
    inner = m.group(1).strip()
    before = text[: m.start()].split()
    return (any(ch.isalpha() for ch in inner) and len(inner.split()) <= SQUARE_CREDIT_MAX_WORDS
            and len(before) >= 3 and not _FIGURE_LABEL.match(inner))


# who lent the picture, opening a bracket: "(Courtesy of Jane Roe)", "(Mit freundlicher Genehmigung
# von …)", "(Avec l'aimable autorisation de …)", "(Cortesía de …)", "(بإذن من …)", "(Предоставлено …)"
_COURTESY = re.compile(r"(?i)(?:courtesy|mit freundlicher genehmigung|avec l['’]aimable autorisation|"
                       r"cortes[ií]a|per gentile concessione|بإذن|مقدمة من|предоставлен[оаы]?|"
                       r"любезно предоставлен[оаы]?)\b")


def _courtesy_credit(inner: str) -> bool:
    """Does the bracketed end of a caption say who lent the picture ("(Courtesy of the
    family)")? That is its credit, though no credit word ("photo", "©") opens it."""
    return _COURTESY.match(inner.strip()) is not None


# "[Fig 1]", "[Figure 2]", "[Video]", "[Abb. 3]": the picture's label or kind, not its credit
_FIGURE_LABEL = re.compile(r"(?i)^(?:fig(?:ure)?|abb(?:ildung)?|chart|table|tab|graph|map|diagram|"
                           r"schema|video|gallery|photos?|images?|pic(?:ture)?|infographic|grafik)\.?\s*\d*$")


def _dash_agency(text: str) -> re.Match[str] | None:
    """A "Name/AGENCY" credit after a dash at the caption's end (_DASH_AGENCY), as Brazilian
    and Portuguese sites print it; split_credit() still asks for an agency's name in it."""
    return _DASH_AGENCY.search(text)


def _by_credit(text: str) -> re.Match[str] | None:
    """A "Photo by X" credit closing the caption (_BY_CREDIT), with or without its own full
    stop ("… on Tuesday. Photo by Jane Roe."); a whole caption that opens so and ends with a full
    stop is a sentence ("Photo by the river.")."""
    m = _BY_CREDIT.search(text)
    if m is not None and text.endswith(".") and not text[: m.start()].strip():
        return None
    return m


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption text into (caption, credit) when the credit is written into it."""
    text = clean(text)
    m = _BRACKET_CREDIT.search(text)
    if m and m.start() > 0:
        inner = m.group(1)
        if "/" in inner or _AGENCY.search(inner) or _AGENCY_OTHER_SCRIPTS.fullmatch(inner.strip()) \
                or _BRACKET_CREDIT_WORD.match(inner) or _CREDIT_WORD_AFTER.search(inner) \
                or _square_bracket_credit(text, m) or _courtesy_credit(inner):
            return text[: m.start()].strip(), clean(inner)
    for m in _PREFIX_CREDIT.finditer(text):
        cap = text[: m.start()].strip(" |·•–—-")
        credit = m.group(1)
        if cap and not _credit_may_follow(cap, credit):
            continue  # "… seen in this image: …" is the sentence going on
        if len(cap) < 12 and re.fullmatch(r"(?i)[\W]*(?:image|photo|foto|bild|picture)?[\W]*", cap):
            cap = ""  # "Image Credits: X" is all credit
        if not cap:
            # a credit that opens the caption: "Foto: dpa. Zwei Soldaten …", "Photo: AFP - …"
            lead = _LEAD_CREDIT_END.match(credit)
            if lead and len(lead.group(2).split()) >= LEAD_CREDIT_MIN_CAPTION_WORDS \
                    and not lead.group(2)[:1].islower():
                # (a lower-case word after "Natl Inst. for …" is an abbreviation going on)
                return clean(lead.group(2)), clean(lead.group(1))
        return cap, clean(credit)
    m = re.match(r"(?i)^((?:photo|foto|bild|credit|copyright)\s*:\s*[^|]{2,80}?)\s*[|]\s*(.+)$", text)
    if m:
        return clean(m.group(2)), clean(m.group(1))
    m = _TRAILING_AGENCY.search(text) or _dash_agency(text)
    if m and len(m.group(1).split()) <= TRAILING_CREDIT_MAX_WORDS \
            and (_AGENCY.search(m.group(1)) or _AGENCY_OTHER_SCRIPTS.search(m.group(1))):
        return text[: m.start()].strip(), clean(m.group(1))
    m = _TRAILING_AGENCY_ONLY.search(text) or _by_credit(text) or _TRAILING_AGENCY_KO.search(text) \
        or _han_closing_credit(text) or _japanese_closing_credit(text)
    if m:
        return text[: m.start()].strip(" |·•–—-＝、"), clean(m.group(1))
    return text, None


def _text_without(el: Any, exclude: list[Any]) -> str:
    """Text of `el` without the subtrees in `exclude` (credit spans inside a caption)."""
    parts: list[str] = []
    _collect_text(el, exclude, parts)
    return clean(" ".join(parts))


def _collect_text(node: Any, exclude: list[Any], parts: list[str]) -> None:
    # a module-level function, not a closure: a recursive closure is a reference cycle that
    # would keep the page's whole lxml document alive until the next garbage collection
    if node in exclude or _visually_hidden(node):
        return
    if not isinstance(node.tag, str) or node.tag in ("script", "style", "button", "svg"):
        return
    if node.text:
        parts.append(node.text)
    for child in node:
        _collect_text(child, exclude, parts)
        if child.tail:
            parts.append(child.tail)


# The class names of the CSS frameworks' and CMSs' "visually hidden" rule (Bootstrap and
# Tailwind sr-only, Bootstrap 5/Drupal/BBC visually-hidden, HTML5 Boilerplate visuallyhidden,
# WordPress screen-reader-text, Drupal 7 element-invisible, Foundation show-for-sr, GOV.UK):
# labels for screen readers that no reader sees ("Image caption, ", "Image source, ").
_VISUALLY_HIDDEN = frozenset((
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
    "element-invisible", "show-for-sr", "govuk-visually-hidden", "u-visually-hidden",
    "is-visually-hidden", "a11y-visually-hidden", "hidden-visually"))
HIDDEN_LABEL_MAX_CHARS = 80   # a label; a longer hidden text may be one that script shows


def _visually_hidden(el: Any) -> bool:
    """Is this a screen-reader-only label inside a caption (no part of what is shown)?"""
    cls = el.get("class") if isinstance(el.tag, str) else None
    if not cls or _VISUALLY_HIDDEN.isdisjoint(cls.lower().split()):
        return False
    return len(text_of(el)) <= HIDDEN_LABEL_MAX_CHARS


_CREDIT_PREFIX = re.compile(
    r"^(?:(?:photos?|photograph|fotos?|bilder|bild|bildrechte|bildquelle|images?|pictures?|credits?|"
    r"copyright|quelle|source|crédits?|fotografía|imagen|bron|fotoğraf|kuva|zdjęcie|źródło|"
    r"crédito|credito|صورة|الصورة|تصوير|بعدسة|المصدر|фото|фотография|снимок|источник|джерело|"
    r"写真|撮影|提供|画像|图片来源|圖片來源|图片|图|圖片|圖|摄影|攝影|来源|來源|出典|"
    # (?!\w), not \b: "फोटो" and "ছবি" end in a vowel sign, which is no word character
    r"zdjęcia|φωτογραφία|πηγή|ảnh|nguồn|عکس|منبع|फोटो|ছবি|사진)(?!\w)(?:\s+credits?)?\s*(?:by|von|de|:|：)?\s*[:：=]?"
    r"(?:\.{3}|…)?\s*"
    r"|(?:(?:photo|image|picture|foto)\s+)?courtesy(?:\s+of)?\s+|©\s*|\(c\)\s*|fot\.\s*)",
    re.IGNORECASE,
)
_CREDITISH = re.compile(r"/|©|\b(?:photo|foto|bild|getty|images?|credit|copyright)\b", re.IGNORECASE)


_CREDIT_SUFFIX = re.compile(r"(?:\s?기자|撮影|提供)$")


def _unwrapped_credit(text: str) -> str:
    """A credit's text without the separators around it and the brackets that enclose it:
    "(Foto: X)" -> "Foto: X"."""
    text = clean(text).strip(" |·•–—-/")
    if len(text) > 2 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    return text


def clean_credit(text: str) -> str:
    """"Photo by X" / "(Foto: X)" / "Image Credits: X" / "© X" -> "X"."""
    text = _unwrapped_credit(text)
    out = text
    for _ in range(2):
        out = _CREDIT_PREFIX.sub("", out, count=1).strip(" |·•–—-:")
    out = _CREDIT_SUFFIX.sub("", out).strip()  # "潟沼義樹撮影" -> "潟沼義樹", "고영권 기자" -> "고영권"
    return out or text


# schema.org ImageObject microdata: who made or owns the picture
_CREDIT_ITEMPROPS = frozenset({"creditText", "copyrightHolder", "copyrightNotice"})


def _is_credit_el(el: Any) -> bool:
    if el.get("itemprop") in _CREDIT_ITEMPROPS:
        return el.tag != "meta"  # a <meta> prints nothing; the visible credit is elsewhere
    if el.tag == "cite":
        # a <cite> closing a figure's text names the picture's source ("<cite>Jane Roe/Vox
        # </cite>"); one inside the sentence is a work's title ("a scene from <cite>Hamlet")
        return el.getnext() is None and not (el.tail or "").strip()
    ci = class_id(el)
    if ci and _CREDIT_CLASS.search(ci):
        return not _caption_credit_box(el, ci)
    return len(el) > 0 and _labelled_credit(el)


# what a screen-reader label before a picture's credit says ("Credit", "Image source, ")
_HIDDEN_CREDIT_LABEL = re.compile(
    r"(?i)^\W*(?:(?:image|photo|picture|video|foto|bild)\s*(?:source|credits?|quelle|nachweis)|"
    r"credits?|copyright|source|bildquelle|quelle|crédits?|crédito|fuente|fonte|bron|"
    r"(?:ال)?مصدر(?:\s+الصورة)?|источник(?:\s+фото)?|来源|來源|图片来源|圖片來源|出典)\W*$")
# a label that only says "photo": before a credit ("Photo: AP") or before a caption
_HIDDEN_PHOTO_LABEL = re.compile(r"(?i)^\W*(?:photo(?:graph)?s?|fotos?|фото|صورة|الصورة|写真|图片)\W*$")
# after a label that only says "photo", a credit is short, ends no sentence, and is a few
# words or names an agency or an outlet after a slash
LABELLED_CREDIT_MAX_CHARS = 60
LABELLED_CREDIT_MAX_WORDS = 6


def _labelled_credit(el: Any) -> bool:
    """An element that opens with a screen-reader label naming what follows as the picture's
    credit ("<span><span class=visually-hidden>Credit</span>Jane Roe</span>", "Image source,
    Getty Images"): the label stands in for the place a sighted reader sees the credit in,
    so the element is the credit whatever its class (often a generated hash). After a label
    that only says "Photo", only a text shaped like a credit is one: a caption may open so too."""
    first = el[0]
    if not isinstance(first.tag, str) or (el.text or "").strip() or not _visually_hidden(first):
        return False
    if not ((first.tail or "").strip() or len(el) > 1):
        return False
    label = text_of(first)
    if _HIDDEN_CREDIT_LABEL.match(label):
        return True
    if not _HIDDEN_PHOTO_LABEL.match(label):
        return False
    shown = _text_without(el, [])  # without the hidden label
    return len(shown) <= LABELLED_CREDIT_MAX_CHARS and not shown.endswith((".", "!", "?", "。")) \
        and (len(shown.split()) <= LABELLED_CREDIT_MAX_WORDS or "/" in shown or bool(_AGENCY.search(shown)))


def _caption_credit_box(el: Any, ci: str) -> bool:
    """A box named for both caption and credit ("media-caption-credit",
    "image-caption-and-credit") that holds the two as separate lines is the caption box
    (its credit line is split off later), not a credit."""
    if not _CAPTION_CLASS.search(ci):
        return False
    return sum(1 for k in el if isinstance(k.tag, str) and _has_text(k)) >= 2


# text besides the caption in a picture's box (credit, counters, buttons); more is a column
CREDIT_BOX_MAX_CHARS = 1000


_BYLINE_CLASS = re.compile(r"author|autor|byline")
COLUMN_MIN_PARAGRAPHS = 3  # a picture's box holds a caption and a credit line, not paragraphs


def _text_column(box: Any, cap_el: Any) -> bool:
    """Is the box found around a caption and its picture a column of the page rather than
    the picture's own box: a heading in it, paragraphs besides the caption, or much text?"""
    if box.tag in ("article", "main", "body") or box.find(".//h1") is not None \
            or box.find(".//h2") is not None:
        return True
    if sum(1 for p in box.iter("p") if not is_inside(p, cap_el)) >= COLUMN_MIN_PARAGRAPHS:
        return True
    return len(text_of(box)) - len(text_of(cap_el)) > CREDIT_BOX_MAX_CHARS


def _caption_and_credit(cap_el: Any, figure: Any | None) -> tuple[str, str | None]:
    """Caption text and credit of one caption element (credit elements kept apart)."""
    scope = figure if figure is not None else cap_el
    credits = [el for el in scope.iter() if el is not scope and isinstance(el.tag, str)
               and _is_credit_el(el)]
    if scope is not cap_el and credits and _text_column(scope, cap_el):
        # the box found around caption and picture is a column of the page: its byline or
        # author box is the article's, not the picture's credit
        credits = [c for c in credits if is_inside(c, cap_el) or not _BYLINE_CLASS.search(class_id(c))]
    # drop nested credit matches (keep outermost)
    credits = [c for c in credits if not any(o is not c and is_inside(c, o) for o in credits)]
    if _is_credit_el(cap_el) and not credits and figure is not None:
        pass
    # an inner caption-text element, when the caption element also holds other things
    inner = None
    total = len(clean(text_of(cap_el)))
    best_len = 0
    for el in cap_el.iter():
        if el is cap_el or not isinstance(el.tag, str) or _is_credit_el(el):
            continue
        ci = class_id(el)
        if ci and _CAPTION_CLASS.search(ci):
            text = clean(text_of(el))
            # "(Image: Getty)" in a span classed "caption" is the credit, not the caption
            if len(text) > best_len and len(text) * 10 >= total * 9 and split_credit(text)[0]:
                inner, best_len = el, len(text)
    text_el = inner if inner is not None else cap_el
    inside = [c for c in credits if is_inside(c, text_el)]
    caption = _text_without(text_el, inside)
    credit_text = clean(" ".join(_text_without(c, []) for c in credits[:1])) or None
    if not credit_text and inner is None:
        # an unmarked trailing credit: "<span>Caption.</span><span>Name/Agency</span>"
        kids = [k for k in cap_el if isinstance(k.tag, str)]
        if len(kids) >= 2:
            last = clean(" ".join(kids[-1].itertext()))
            if last and len(last) < 90 and not last.endswith((".", "!", "?")) \
                    and (_CREDITISH.search(last) or (_BRACKET_CREDIT.search(last) and split_credit(last)[1])) \
                    and caption.endswith(last):
                credit_text = last
                caption = caption[: -len(last)].strip()
            first = None if credit_text else _leading_credit(kids[0])
            # ...and the caption after it is text, not only a link ("Click to enlarge")
            if first and caption.startswith(first) and any(
                    _text_without(k, list(k.iter("a"))) for k in kids[1:]):
                credit_text = first  # "<div>BILD: SN/APA</div><div>Caption</div>"
                caption = caption[len(first):].strip()
    caption, written = split_credit(caption)
    # a credit element and a credit written into the caption are two halves of one credit
    # ("<span>GHULAM RASOOL</span>" + "… / AFP via Getty Images"): both are kept
    parts: list[str] = []
    for part in (credit_text, written):
        part = _bare_credit(part) if part else ""
        if not part or any(part.casefold() in p.casefold() for p in parts):
            continue
        parts = [p for p in parts if p.casefold() not in part.casefold()] + [part]
    credit = "; ".join(parts)
    if credit and caption and (caption == credit or clean_credit(caption) == credit):
        caption = ""  # a credit-only caption box
    return caption, credit or None


LEADING_CREDIT_MAX_CHARS = 90


def _leading_credit(box: Any) -> str | None:
    """The text of the first box in a caption when it is nothing but a labelled credit ("BILD:
    SN/APA/Georg Hochmuth", "Foto: dpa", "© Reuters"), printed above the caption's text in a
    box of its own: the credit, whatever the box's class says."""
    text = clean(" ".join(box.itertext()))
    if not text or len(text) > LEADING_CREDIT_MAX_CHARS or _PREFIX_CREDIT.match(text) is None:
        return None
    return text


def _credit_box_after(cap_el: Any) -> str | None:
    """The credit in the box right after the caption's, when that box holds nothing but a
    labelled credit ("<div>Caption</div><div>Photo: Jane Roe/AP</div>", as _leading_credit
    reads one above it): the picture's credit, whatever the boxes are named."""
    sib = cap_el.getnext()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext()
    if sib is None or sib.find(".//img") is not None:
        return None
    text = _leading_credit(sib)
    return (_bare_credit(text) or None) if text else None


def _bare_credit(text: str) -> str:
    """clean_credit(), and nothing for a lone prefix ("Photo by", "©") with no name."""
    out = clean_credit(text)
    if not _CREDIT_PREFIX.sub("", out).strip(" |·•–—-:/"):
        return ""
    return out


_CHART_LEGEND = re.compile(r"(?:chart|graph|graphic|diagram|map|karte|grafik|carte|mapa)[-_]{0,2}legend")
_CAPTION_STATE = re.compile(r"(?:has|with|without|no)[-_]?captions?(?:[-_]\w+)?")


@functools.lru_cache(maxsize=8192)
def _class_kind(ci: str) -> tuple[bool, bool]:
    """(credit-classed, caption-classed) for a class/id string. Pages repeat a few class
    strings on thousands of elements: the regex verdict is read once per string."""
    credit = bool(_CREDIT_CLASS.search(ci))
    if "caption" in ci:
        ci = _CAPTION_STATE.sub(" ", ci)  # "hasCaption": a state flag on a layout box
    if "legend" in ci and _CHART_LEGEND.search(ci):
        return credit, False  # a chart's key ("chart-legend"), not a picture's caption
    caption = bool(_CAPTION_CLASS.search(ci) or (_CAPTION_WEAK.search(ci) and _MEDIA_WORD.search(ci))
                   or (_GALLERY_WORD.search(ci) and _CAPTION_WEAK_TOKEN.search(ci)))  # "gallery__text"
    return credit, caption


def _caption_elements(scope: Any) -> list[Any]:
    """figcaption and caption-classed elements, outermost only, in document order."""
    found: list[Any] = []
    for el in scope.iter(etree.Element):  # elements only, filtered in C
        tag = el.tag
        prop = el.get("itemprop")
        if tag == "figcaption" or prop == "caption" or (prop == "description" and _image_item(el)):
            found.append(el)  # schema.org ImageObject's caption, or its description
            continue
        ci = class_id(el)
        if not ci:
            continue
        credit, caption = _class_kind(ci)
        if credit and not _caption_credit_box(el, ci):
            continue  # _is_credit_el(el), with the class already read
        if caption:
            found.append(el)
    out: list[Any] = []
    for i, el in enumerate(found):
        if out and is_inside(el, out[-1]):
            continue
        if el.tag != "figcaption" and len(text_of(el)) > 1000:
            continue  # a layout column ("post_img_text") whose figcaptions are the captions
        if el.tag != "figcaption" and _inner_captions(found, i) >= 2:
            continue  # a slideshow's list of captions ("captions" > "caption" x N): each counts
        out.append(el)
    return out


def _image_item(el: Any) -> bool:
    """Is the microdata item `el` describes (its nearest `itemscope` above) a picture
    (schema.org ImageObject, Photograph)? An article's own `description` is its standfirst."""
    for node in el.iterancestors():
        if node.get("itemscope") is not None:
            kind = node.get("itemtype") or ""
            return kind.rstrip("/").rsplit("/", 1)[-1] in ("ImageObject", "Photograph")
    return False


def _inner_captions(found: list[Any], i: int) -> int:
    """How many caption elements, not nested in each other, `found[i]` holds (they follow
    it in document order)."""
    outer, count, last = found[i], 0, None
    for el in found[i + 1:]:
        if not is_inside(el, outer):
            break
        if last is None or not is_inside(el, last):
            count, last = count + 1, el
    return count


def _paired_img(holder: Any, cap_el: Any, img: Any, captions: list[Any]) -> Any:
    """The picture a caption belongs to when its box holds several: a slideshow that lists
    its pictures and then its captions pairs them in order."""
    imgs = holder.findall(".//img")
    if len(imgs) < 2:
        return img
    mine = [c for c in captions if is_inside(c, holder)]
    if len(mine) == len(imgs):
        return imgs[mine.index(cap_el)]
    return img  # one caption for the main picture and thumbnails, or a box that is no slideshow


def _image_holder(cap_el: Any, stop: Any) -> tuple[Any | None, Any | None]:
    """The figure-like ancestor of a caption and its <img> (searching a few levels up)."""
    if cap_el.tag != "figcaption":
        img = cap_el.find(".//img")
        if img is not None:
            return cap_el, img  # a caption-classed wrapper ("wp-caption") around its picture
        parent = cap_el.getparent()
        if parent is not None and len(parent.findall(".//img")) > 1:
            found = _picture_before(cap_el)  # the climb would take the box's first picture
            if found is not None:
                return found
        painted = _painted_before(cap_el)
        if painted is not None:
            return painted, None  # the climb would take another picture of the column
    elif (figure := cap_el.getparent()) is not None and figure.tag == "figure" \
            and figure.find(".//blockquote") is not None and figure.find(".//img") is None:
        return None, None  # HTML's markup of a quotation and its source: no picture's caption
    elif _quote_attribution(cap_el):
        return None, None  # a pull quote's attribution ("Name, role"), not a picture's caption
    node = cap_el
    for _ in range(4):
        parent = node.getparent()
        if parent is None or parent is stop:
            break
        child, node = node, parent
        img = node.find(".//img")
        if img is not None:
            if _climbed_to_column(node, cap_el):
                # the column's first picture is anyone's: only the picture box printed just
                # before the caption's own box is its picture
                return _picture_before(child, SIDE_PICTURE_BOX_MAX_TEXT) or (None, None)
            return node, img
        if node.tag == "figure":
            return node, None
        if node.find(".//picture") is not None or node.find(".//source") is not None:
            return node, None
        if _background_src(node) is not None:
            return node, None  # a picture painted as a CSS background ("photo__img")
    return None, None


_QUOTE_BOX = re.compile(r"quote|zitat|citation|(?:^|[\s_-])cita(?:$|[\s_-])", re.I)


def _quote_attribution(cap_el: Any) -> bool:
    """Is this <figcaption> a pull quote's attribution: its box (not a <figure>, whose
    <blockquote> the caller reads) holds no picture but a <blockquote>, or is named a quote
    ("<div class=pull-quote><p>…</p><figcaption>Name")?"""
    box = cap_el.getparent()
    if box is None or box.find(".//img") is not None:
        return False
    return box.find(".//blockquote") is not None or bool(_QUOTE_BOX.search(class_id(box) or ""))


PICTURE_BOX_MAX_TEXT = 20  # a picture's own box holds no text beyond a label or an icon's name
# ... or, beside its caption's box, a zoom button or a short label ("Bild vergrößern")
SIDE_PICTURE_BOX_MAX_TEXT = 60


def _climbed_to_column(node: Any, cap_el: Any) -> bool:
    """Has the climb from a caption to a picture reached a column of the text rather than
    the picture's own box: a heading in it, or paragraphs besides captions (a slideshow's
    list of captions is no column)?"""
    if node.tag in ("article", "main", "body") or node.find(".//h1") is not None \
            or node.find(".//h2") is not None:
        return True
    paragraphs = [p for p in node.iter("p")
                  if not is_inside(p, cap_el) and not _CAPTION_CLASS.search(class_id(p) or "")]
    return len(paragraphs) >= COLUMN_MIN_PARAGRAPHS


def _element_before(el: Any) -> Any | None:
    """The element printed right before `el`, past comments."""
    sibling = el.getprevious()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getprevious()
    return sibling


def _picture_before(cap_el: Any, max_text: int | None = None) -> tuple[Any, Any] | None:
    """(box, img) for the picture printed right before a caption (or the caption's box) that
    sits outside the picture's box ("<figure><img></figure><p class=caption>", "<img><span
    class=caption>"): one <img>, no caption of its own, at most `max_text` characters
    (PICTURE_BOX_MAX_TEXT, read at call time so that cross-validation can move it). Without
    it the caption climbs to the column and takes the column's first picture, someone else's."""
    sibling = _element_before(cap_el)
    if sibling is None or (sibling.tail and sibling.tail.strip()):
        return None  # text between the picture and the caption: they are not one unit
    if sibling.tag == "img":
        return sibling, sibling
    imgs = sibling.findall(".//img")
    if len(imgs) != 1 or sibling.find(".//figcaption") is not None:
        return None
    if len(clean(text_of(sibling))) > (PICTURE_BOX_MAX_TEXT if max_text is None else max_text):
        return None
    return sibling, imgs[0]


def _painted_before(cap_el: Any) -> Any | None:
    """The box printed right before a caption that shows a photo as its CSS background
    ("<div class=image style='background-image:url(…)'></div><div class=caption>…"): no <img>
    to climb to, so the climb would reach the column and take another picture."""
    sibling = _element_before(cap_el)
    if sibling is None or (sibling.tail and sibling.tail.strip()) or sibling.find(".//img") is not None:
        return None
    if len(clean(text_of(sibling))) > PICTURE_BOX_MAX_TEXT or _background_src(sibling) is None:
        return None
    return sibling


# a photo painted as a CSS background, or named in a lazy background attribute
_BG_URL = re.compile(r"background(?:-image)?\s*:[^;]*url\(\s*['\"]?([^'\")]+\.(?:jpe?g|png|webp|avif)"
                     r"(?:\?[^'\")]*)?)['\"]?\s*\)", re.IGNORECASE)
_BG_ATTRS = ("data-bg", "data-background", "data-background-image", "data-bg-src")


def _background_src(node: Any) -> str | None:
    """The address of a photo shown as a background of `node` or an element in it."""
    for el in node.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _BG_ATTRS:
            v = el.get(attr)
            if v and not v.startswith("data:"):
                m = _BG_URL.search(f"background:url({v})")
                if m:
                    return m.group(1)
        style = el.get("style")
        if style and "url(" in style:
            m = _BG_URL.search(style)
            if m:
                return m.group(1)
    return None


def extract_images(root: Any, base_url: str, *, scope: Any | None = None,
                   body: Sequence[str] = (), authors: Sequence[str] = (),
                   caption_lines: list[tuple[str, Any]] | None = None) -> list[Image]:
    """Images of the article with their captions, in document order, then the pictures whose
    caption box holds only a credit (caption None, the credit kept: _with_credited). `body` is
    the text of the body's blocks (what tells the article's text column from a sidebar);
    `authors` are the article's authors (whose portraits are no photos of the story).
    `caption_lines`, when given, receives (text, element) for each printed caption found: the
    element that prints it (a caption box, a paragraph under the picture, the picture's own
    block) and its whole text; a caption read from an attribute prints nowhere and is not
    given."""
    token = _BODY_TEXTS.set(frozenset(body))
    names = _AUTHORS.set(frozenset(" ".join(a.casefold().split()) for a in authors if len(a) >= 2))
    walks = _WALKS.set(_Walks())
    credited = _CREDITED.set({})
    try:
        return _extract_images(root, base_url, scope, caption_lines)
    finally:
        _BODY_TEXTS.reset(token)
        _AUTHORS.reset(names)
        _WALKS.reset(walks)
        _CREDITED.reset(credited)


class _Walks:
    """What one extract_images() call finds by walking the tree, kept for its next question:
    many pictures ask the same (a row of pictures without text asked, each, for the printed
    element beside it, walking over all the others; each `aria-describedby` searched the
    whole document for its id)."""

    def __init__(self) -> None:
        self.printed: dict[tuple[Any, int], Any] = {}   # (element, step) -> _printed_sibling
        self.ids: dict[str, Any] | None = None          # id -> first element with it

    def element_by_id(self, node: Any, ref: str) -> Any | None:
        """The first element of `node`'s document whose id is `ref` (XPath //*[@id=$ref])."""
        if self.ids is None:
            self.ids = {}
            for el in node.getroottree().iter(etree.Element):
                key = el.get("id")
                if key is not None and key not in self.ids:
                    self.ids[key] = el
        return self.ids.get(ref)


_WALKS: ContextVar[_Walks | None] = ContextVar("walks", default=None)


_AUTHORS: ContextVar[frozenset[str]] = ContextVar("authors", default=frozenset())
# Boxes of an author's portrait: author cards, bylines with a photo, avatars.
_PORTRAIT_BOX = re.compile(r"author|autor|auteur|byline|avatar|profile|contributor|writer|columnist", re.I)


def _story_photo_box(img: Any) -> bool:
    """Is the picture in a box the page gives its story photos (a <figure>, a "media-block"),
    not one named for its author? An opinion piece may lead with its author's photo as the
    story's picture, captioned with the name and the photographer."""
    if img is None:
        return False
    photo = False
    node = img.getparent()
    for _ in range(3):
        if node is None or node.tag in ("article", "main", "section", "body"):
            break  # the story's own box: its classes name the story ("tag-social-media")
        ci = class_id(node)
        if ci and _PORTRAIT_BOX.search(ci):
            return False
        if node.tag == "figure" or (ci and _media_box_class(ci)):
            photo = True
        node = node.getparent()
    return photo


# Words an author's portrait may print after the name: a job title or a place ("Jane Doe,
# Political Correspondent", "أنس البار مراسل الشؤون السياسية"); a sentence is longer.
PORTRAIT_ROLE_MAX_WORDS = 5


def _author_portrait(img: Any, caption: str) -> bool:
    """Is this picture a portrait of one of the article's authors (an author card or a byline
    with a photo): its alt text is the author's name, or its caption is the name alone or with
    a short job title? Such a picture shows who wrote the story, not the story."""
    names = _AUTHORS.get()
    if not names or _story_photo_box(img):
        return False
    alt = " ".join(clean(img.get("alt") if img is not None else "").casefold().split())
    if alt in names:
        return True
    text = " ".join(caption.casefold().split())
    return any(text == n or (text.startswith(n + " ") or text.startswith(n + ","))
               and len(text.split()) <= len(n.split()) + PORTRAIT_ROLE_MAX_WORDS for n in names)


def _extract_images(root: Any, base_url: str, scope: Any | None,
                    caption_lines: list[tuple[str, Any]] | None = None) -> list[Image]:
    body = root.find("body")
    if body is None:
        body = root
    if scope is None:
        scope = body
    galleries = _galleries_beside(scope, body) or []
    parts = sorted([scope, *galleries], key=_doc_position)
    for part in parts:
        for el in _PICTURE_ELEMENTS(part):
            if _picture_element(el):
                el.tag = "img"
    images: list[Image] = []
    seen_caps: set[str] = set()
    seen_src = _SeenSources(set().union(*(_stand_ins(p, base_url) for p in parts)))
    handled = _Handled()
    for part in parts:
        _boxed_captions(part, body, handled, images, seen_caps, seen_src, base_url, caption_lines)
        _media_box_captions(part, body, handled, images, seen_caps, seen_src, base_url, caption_lines)
    _alt_echo_captions(scope, handled, images, seen_caps, seen_src, base_url)
    _adjacent_captions(scope, handled, images, seen_caps, seen_src, base_url, caption_lines)
    return _with_credited(images, seen_src)


def _credit_of_uncaptioned(img: Any, caption: str, credit: str | None,
                           box: Any | None = None) -> str | None:
    """The credit of a picture whose caption box holds nothing but its credit ("Foto: dpa",
    "Getty Images", a credit element alone): the credit element's text and the credit written
    in the box, joined as _caption_and_credit joins them, without the box's script links ("+
    CLICCA PER INGRANDIRE"). None when there is no picture or no credit, or when the picture is
    a portrait of the article's author."""
    if img is None:
        return None
    parts: list[str] = []
    for part in (credit, _bare_credit(caption) if caption and _names_a_source(caption) else None):
        if part and not any(part.casefold() in p.casefold() for p in parts):
            parts = [p for p in parts if p.casefold() not in part.casefold()] + [part]
    found = _without_caption_controls(_without_script_links("; ".join(parts), box))
    if not found or not any(char.isalpha() for char in found) or _author_portrait(img, ""):
        return None  # "2012", "1 / 12": a label or a slide counter, no one's name
    return found


def _without_script_links(text: str, box: Any | None) -> str:
    """`text` without the words of the links in `box` that run a script rather than lead
    anywhere (`href="javascript:…"`, `href="#"`): a caption box's controls, whatever their
    words, never a credit's."""
    if box is None or not text:
        return text
    for link in box.iter("a"):
        href = (link.get("href") or "").strip()
        if href and href != "#" and not href.lower().startswith("javascript:"):
            continue
        words = " ".join(link.itertext()).split()
        if not words:
            continue
        for label in (" ".join(words), "".join(words)):
            if label in text:
                text = text.replace(label, " ")
                break
    return clean(text).strip(" +|·•–—-;")


def _names_a_source(text: str) -> bool:
    """Does a caption box's lone text say it is a credit: a credit label ("Foto: …", "©"),
    an agency, or a name and its outlet ("Jane Roe/AP")? A word alone is as often the box's
    control or kind ("Advertisement", "Zoom", "Symbolbild", "Реклама") as a source."""
    text = _unwrapped_credit(text)
    return bool(_CREDIT_PREFIX.match(text) or "/" in text
                or _AGENCY.search(text) or _AGENCY_OTHER_SCRIPTS.search(text) or _VIA_AGENCY.search(text))


# The pictures of one extract_images() call whose caption box held only a credit: their
# address and credit, in the order found (see _note_credit).
_CREDITED: ContextVar[dict[str, str] | None] = ContextVar("credited", default=None)


def _note_credit(credit: str | None, img: Any, base_url: str) -> None:
    """Remember a credited picture without a caption (_credit_of_uncaptioned) until every
    caption pass has run: one of them may still find its caption."""
    credited = _CREDITED.get()
    if credit is None or credited is None:
        return
    src = _src_of(img)
    if not src:
        return
    src = urljoin(base_url, src)
    if not _PLACEHOLDER_SRC.search(src):
        credited.setdefault(src, credit)


def _with_credited(images: list[Image], seen_src: _SeenSources) -> list[Image]:
    """The captioned pictures, then the credited pictures no pass found a caption for (with
    no caption): a picture's credit is its rights holder, which an archive keeps whether or
    not the page captions it. A captioned picture without a credit of its own takes the one
    its credit-only box gave it."""
    # a stand-in address shared by many pictures names none of them
    credited = {src: credit for src, credit in (_CREDITED.get() or {}).items()
                if src not in seen_src.stand_ins}
    if not credited:
        return images
    out = [replace(image, credit=credited[image.src]) if image.credit is None and image.src in credited
           else image for image in images]
    shown = {image.src for image in images}
    return out + [Image(src, None, credit) for src, credit in credited.items() if src not in shown]


# Custom elements (a hyphen in the tag name, as the HTML standard requires of them) that carry
# a picture's address themselves: <storefront-image src=…>, <lazy-img data-src=…>. (AMP's
# <amp-img> is an <img> from the start: crawler.extract._strip_invisible.) Looked for in the
# article's parts only: a walk over the whole page costs a twentieth of the extraction.
_PICTURE_ELEMENTS = etree.XPath(".//*[contains(local-name(), '-') and not(starts-with(local-name(), 'amp-'))]"
                                "[@src or @data-src or @srcset]")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|webp|avif|gif)$", re.I)


def _picture_element(el: Any) -> bool:
    """Does this custom element stand in for an <img>: it names a picture file and holds no
    <img> of its own (a wrapper around one is no picture twice)?"""
    src = el.get("src") or el.get("data-src") or (el.get("srcset") or "").split(" ")[0]
    return bool(_IMAGE_FILE.search(src.split("?")[0])) and el.find(".//img") is None


def _doc_position(el: Any) -> list[int]:
    """Where `el` stands in the document: its index under each ancestor, from the root."""
    path: list[int] = []
    node = el
    while (parent := node.getparent()) is not None:
        path.append(parent.index(node))
        node = parent
    return path[::-1]


class _Handled:
    """The boxes whose picture a caption pass took, asked about by the passes after it: is an
    element inside one of them (`covers`), or either inside the other (`overlaps`)? Each box's
    ancestors are kept as it is added, so a question costs the depth of the element asked
    about, not the number of boxes: a gallery of N slides asked N questions of N boxes each."""

    def __init__(self) -> None:
        self._boxes: set[Any] = set()
        self._around: set[Any] = set()   # every handled box and each element above one

    def add(self, box: Any) -> None:
        if box is None:
            return
        self._boxes.add(box)
        node = box
        while node is not None and node not in self._around:
            self._around.add(node)
            node = node.getparent()

    def covers(self, el: Any) -> bool:
        """Is `el` a handled box or inside one (is_inside(el, box) for some box)?"""
        node = el
        while node is not None:
            if node in self._boxes:
                return True
            node = node.getparent()
        return False

    def overlaps(self, el: Any) -> bool:
        """Is `el` inside a handled box, or a handled box inside `el`?"""
        return el in self._around or self.covers(el)


def _boxed_captions(scope: Any, body: Any, handled: _Handled, images: list[Image],
                    seen_caps: set[str], seen_src: set[str], base_url: str,
                    lines: list[tuple[str, Any]] | None = None) -> None:
    """Captions in caption boxes (<figcaption>, caption-classed elements, itemprop=caption)
    and the picture each belongs to."""
    captions = _caption_elements(scope)
    for cap_el in captions:
        if _in_furniture(cap_el, scope):
            continue
        holder, img = _image_holder(cap_el, scope.getparent() if scope is not body else body)
        if holder is None:
            continue
        if img is not None and holder is not cap_el:
            img = _paired_img(holder, cap_el, img, captions)
        text_len = len(text_of(cap_el))
        if text_len > 1000:
            continue  # a layout box, not a caption
        if text_len and _link_share(cap_el) > 0.6:
            continue  # a teaser: headline links next to a picture
        if _is_video(holder) or _video_between(cap_el, holder):
            continue  # a video player's title card
        caption, credit = _caption_and_credit(cap_el, holder)
        if not caption or _credit_only(caption):
            # "Bron: Belga", "/ Getty Images": a credit where a caption would be. The picture
            # is listed with its credit unless another pass finds its caption.
            _note_credit(_credit_of_uncaptioned(img, caption, credit, cap_el), img, base_url)
            continue
        if len(caption) < 4 or _DURATION.search(caption) or _TRAILER_CAPTION.match(caption):
            continue
        src = _src_of(img) if img is not None else _background_src(holder)
        count = len(images)
        _add(images, seen_caps, seen_src, base_url, src, caption, credit, img)
        if lines is not None and len(images) > count:
            lines.append((clean(text_of(cap_el)), cap_el))
        handled.add(holder)


GALLERY_MIN_PICTURES = 2  # a gallery shows pictures; one picture in a "slider" box is a banner
# a box above the article that holds its lead picture ("hero", "lead-media", "featured-image")
_LEAD_MEDIA = re.compile(r"(?:^|[\s_-])(?:hero|lead|featured|opener|cover)"
                         r"(?:$|[\s_-])|(?:^|[\s_-])(?:image|img|photo|picture|media|figure|foto|bild|pic)"
                         r"(?:$|[\s_-])")


def _galleries_beside(scope: Any, body: Any) -> list[Any]:
    """Pictures that the page prints next to the article's box rather than in it: a photo
    gallery on either side (`<section class="article-gallery">` after `</article>`), and a
    lead picture above it (`<div class="hero"><figure>…` before the headline's column).
    Only siblings of the article's box or of its parent, never furniture; a box after the
    article must be a gallery, since the pictures after an article are mostly other
    stories' (and those are related boxes or lists of links)."""
    found: list[Any] = []
    node = scope
    for _ in range(2):
        parent = node.getparent()
        if node is body or parent is None:
            break
        before = True
        for sib in parent:
            if sib is node:
                before = False
                continue
            if not isinstance(sib.tag, str) or sib.tag in _FURNITURE_TAGS:
                continue
            ci = class_id(sib)
            gallery = bool(ci) and bool(_GALLERY_WORD.search(ci))
            lead = before and (sib.tag == "figure" or (bool(ci) and bool(_LEAD_MEDIA.search(ci))))
            if not (gallery or lead) or (ci and _FURNITURE_CLASS.search(ci)):
                continue  # (class and tag first: the siblings of an article can be large)
            n_imgs = len(sib.findall(".//img"))
            gallery = gallery and n_imgs >= GALLERY_MIN_PICTURES
            lead = lead and n_imgs == 1
            if (gallery or lead) and _link_share(sib) <= TEASER_LINK_SHARE:
                found.append(sib)
        node = parent
    return found


# a picture address on this many <img>s of the article is a stand-in, not a picture
STAND_IN_MIN_USES = 3


def _stand_ins(scope: Any, base_url: str) -> set[str]:
    """Addresses that several pictures of the article share ("/static/default.jpg" on every
    slide of a gallery whose script fills in the real pictures): such an address says
    nothing about which picture it is, so two captions with it are two pictures, not one
    picture captioned twice. A picture shown twice (a carousel's cloned slide, a desktop and
    a mobile copy) stays below STAND_IN_MIN_USES."""
    uses: dict[str, int] = {}
    for img in scope.iter("img"):
        src = img.get("src")  # the attribute, not _src_of(): a stand-in is what src says
        if src:
            uses[src] = uses.get(src, 0) + 1
    return {urljoin(base_url, src.strip()) for src, n in uses.items() if n >= STAND_IN_MIN_USES}


class _SeenSources(set):  # type: ignore[type-arg]
    """The addresses of the pictures already captioned; a shared stand-in is never one."""

    def __init__(self, stand_ins: set[str]) -> None:
        super().__init__()
        self.stand_ins = stand_ins

    def add(self, src: str) -> None:
        if src not in self.stand_ins:
            super().add(src)


def _alt_echo_captions(scope: Any, handled: _Handled, images: list[Image], seen_caps: set[str],
                       seen_src: set[str], base_url: str) -> None:
    """A picture with no caption element, followed closely by an unclassed element that
    prints the picture's alt text ("<div><img alt=X></div><div><span>X</span></div>"): that
    element is the visible caption (the page writes it twice, so it is no guess)."""
    for img in scope.iter("img"):
        alt = clean(img.get("alt"))
        if len(alt) < 8 or _caption_key(alt) in seen_caps:
            continue
        src = _src_of(img)
        if src and urljoin(base_url, src) in seen_src:
            continue
        if handled.covers(img) or _in_furniture(img, scope):
            continue
        cap_el = _echo_of(img, alt.casefold(), scope)
        if cap_el is None:
            continue
        caption, credit = _caption_and_credit(cap_el, None)
        if not caption or _credit_only(caption):
            continue
        _add(images, seen_caps, seen_src, base_url, src, caption, credit, img)


def _echo_of(img: Any, alt: str, scope: Any) -> Any | None:
    """The element right after the picture (up to three levels up) whose text starts with
    the alt text, if any."""
    node = img
    levels = 0
    while levels < 3:
        parent = node.getparent()
        if parent is None or node is scope:
            return None
        if parent.tag not in ("source", "picture", "a", "noscript"):
            levels += 1  # the parser nests <img> in unclosed <source>s: not a real level
        for sib in node.itersiblings():
            if not isinstance(sib.tag, str) or sib.tag in ("script", "style", "button", "svg"):
                continue
            text = clean(text_of(sib))
            if not text:
                continue  # an empty spacer or an icon button between picture and caption
            if sib.tag in ("p", "div", "span", "small") and len(text) <= 400 \
                    and _echoes(text.casefold(), alt) and sib.find(".//img") is None \
                    and _link_share(sib) < 0.3:
                return sib
            return None
        node = parent
    return None


ALT_SUFFIX_MAX_CHARS = 40  # "<caption> - Site Name": what a CMS appends to the alt text


def _echoes(text: str, alt: str) -> bool:
    """Does the visible text print the alt text: all of it, or all but a site name the CMS
    appended to the alt ("<caption> - Daily News")?"""
    if text.startswith(alt):
        return True
    if len(text) >= 20 and alt.startswith(text):
        rest = alt[len(text):].strip()
        return bool(rest) and rest[0] in "-|–—:·" and len(rest) <= ALT_SUFFIX_MAX_CHARS
    return False


_TRAILER_CAPTION = re.compile(
    r"^(?:\d+\s*min\.?(?:\s*read)?|lesezeit.*|mehr|more|zoom|vergrößern|enlarge|expand|"
    r"open gallery|(?:galerie|gallery)(?:\s*[:(–-]?\s*\d+.*)?|.*\bvideo\b.{0,30}\b(?:start|starten|play|abspielen|escape)\b.*|"
    r"(?:today|yesterday|heute|gestern|vandaag|gisteren|aujourd'hui|hoy|ayer)\b.{0,20}\d{1,2}[:.h]\d{2})$",
    re.IGNORECASE)
_MEDIA_BOX = re.compile(r"(?:^|[\s_-])(?:image|img|photo|picture|media|figure|foto|bild|pic)"
                        r"(?:$|[\s_-])")
_media_box_class = ClassMatch(_MEDIA_BOX)


# a media box whose text is more than this share link text is a teaser card (headline links)
TEASER_LINK_SHARE = 0.3
_EMBED_CLASS = re.compile(r"embed|tweet|twitter|instagram|facebook|tiktok|youtube|oembed")


def _media_box_captions(scope: Any, body: Any, handled: _Handled, images: list[Image],
                        seen_caps: set[str], seen_src: set[str], base_url: str,
                        lines: list[tuple[str, Any]] | None = None) -> None:
    """Pictures in a classed box ("article__picture"), a `role="figure"` box or a <figure>
    without <figcaption>, whose only text is an unclassed paragraph under the image: that
    paragraph is the caption. Boxes whose names say nothing count by their shape: a gallery's
    slide, an unmarked picture box in or before the text, an <aside> or a <table> around one
    picture. `lines`, when given, receives (text, element) of each caption added."""
    # only a box around one picture may be one: the pictures' ancestors are few, the boxes
    # many, so each picture counts itself into its ancestors once
    furniture: dict[Any, bool] = {}
    rows: dict[Any, bool] = {}  # _slide_by_shape's verdict per row of slides
    for box, img in _one_picture_boxes(scope):
        ci = class_id(box)
        if box.tag == "li":
            if not (_gallery_item(box) or _slide_by_shape(box, rows)):
                continue
        elif not ((ci and _media_box_class(ci)) or box.tag == "figure" or box.get("role") == "figure"
                  or (box.tag == "div" and (_gallery_item(box) or _slide_by_shape(box, rows)))
                  or _unmarked_picture_box(box, img) or _aside_picture_box(box) or _caption_table(box)):
            continue
        if handled.overlaps(box) \
                or _in_furniture(box, scope, furniture):
            continue
        if box.find(".//blockquote") is not None or box.find(".//iframe") is not None \
                or (ci and _EMBED_CLASS.search(ci)):
            continue  # an embedded post (avatar + text) or a pull quote, not a captioned photo
        texts = [el for el in box.iter("p", "span", "div", "td") if el is not box
                 and el.find(".//img") is None and clean(text_of(el))]
        if not texts or texts[0].find(".//h1") is not None:
            continue
        cap_el = texts[0]
        while cap_el.getparent() is not None and cap_el.getparent() is not box \
                and cap_el.getparent().find(".//img") is None:
            cap_el = cap_el.getparent()
        text = clean(text_of(cap_el))
        if not 15 <= len(text) <= 400 or _link_share(cap_el) > 0.3 or _link_share(box) > TEASER_LINK_SHARE \
                or _is_video(box) \
                or _VIDEO.search(class_id(cap_el)):
            continue  # a video's heading ("video-heading") is a title card, not a caption
        if _in_furniture(cap_el, box):
            continue  # a teaser: the text is a link to another article
        caption, credit = _caption_and_credit(cap_el, box)
        if caption and credit is None:
            credit = _credit_box_after(cap_el)
        if not caption or _credit_only(caption) or _TRAILER_CAPTION.match(caption) \
                or (len(caption.split()) < 2 and not _UNSPACED.search(caption)):
            continue  # one word is a label; Chinese and Japanese write a caption unspaced
        handled.add(box)
        count = len(images)
        _add(images, seen_caps, seen_src, base_url, _src_of(img), caption, credit, img)
        if lines is not None and len(images) > count:
            _media_box_line(lines, text, cap_el)


# The text of a picture's own box: a caption, perhaps with its credit; a box with more is a
# column of text that happens to hold one picture.
UNMARKED_BOX_MAX_CHARS = 400
_NOT_IN_PICTURE_BOX = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "form", "input")


def _media_box_line(lines: list[tuple[str, Any]], text: str, cap_el: Any) -> None:
    """Note the caption a picture's box printed (its text and element) among the caption lines,
    as the caption passes that read boxes by name do: a box the text's container holds has its
    caption read as a paragraph there too (a box whose names say nothing looks like one), and
    the body drops what is a picture's caption (_without_caption_lines)."""
    lines.append((text, cap_el))


def _unmarked_picture_box(box: Any, img: Any) -> bool:
    """A box whose names say nothing (no class, or hashed CSS names such as "css-1x2y3z" or
    "sc-bdVaJa"), standing between the article's paragraphs and holding its one picture first
    and then a short text: the picture's own box, with its caption under it. Sites that build
    their pages with CSS-in-JS mark no caption by name; the shape is all there is."""
    if box.tag not in ("div", "span", "section"):
        return False
    # (the names first: most boxes are named, and reading a name is cheaper than finding the
    # neighbouring paragraphs)
    if not _names_say_nothing(box):
        return False  # named after all ("chart", "links", "author"): the names decide, not the shape
    if not (_among_paragraphs(box) or _under_headline(box) or _before_the_text(box)):
        return False
    text = clean(text_of(box))
    if not text or len(text) > UNMARKED_BOX_MAX_CHARS \
            or next(box.iter(*_NOT_IN_PICTURE_BOX), None) is not None:
        return False  # a teaser's or a promotion's title, list or form: no caption
    if _body._promo_line(text) or _body.MEDIA_LABEL.match(text) or _body._media_teaser(text):
        return False  # a call to sign up, a player's title ("Video: …", "… 3:18 min")
    folded = text.casefold()
    if any(folded.startswith(name) for name in _AUTHORS.get()):
        return False  # "Jane Roe covers the White House…": the writer's portrait and biography
    return not _printed_before(img, box)


# A word in a class or id name: a part without digits holding a run of four letters or more
# ("chart", "links", "Subtitle" in "mediaSubtitleText"). Hashed names hold none: their parts
# mix letters and digits ("css-1x2y3z", "e1q3nk1v4", "ssqw5rh") or are short runs ("sc-bdVaJa").
_NAME_WORD = re.compile(r"[A-Z]?[a-z]{3,}[a-z]|[A-Z]{4,}")
_NAME_PARTS = re.compile(r"[\s_-]+")


def _names_say_nothing(box: Any) -> bool:
    """Do the class and id names of `box` and of everything in it but its pictures say nothing
    (none, or hashed ones)? A picture's own class ("lazyload", "wp-image-12") names the
    picture, not the box."""
    for el in box.iter(etree.Element):
        if el.tag in ("img", "picture", "source"):
            continue
        for name in (el.get("class"), el.get("id")):
            if name and any(part.isalpha() and _NAME_WORD.search(part) for part in _NAME_PARTS.split(name)):
                return False
    return True


def _printed_before(img: Any, box: Any) -> bool:
    """Is any text of `box` printed before `img`? A caption goes under (or beside) its
    picture; a text above it is a heading or the end of a paragraph."""
    around = set(img.iterancestors())
    for el in box.iter():
        if el is img:
            return False
        if isinstance(el.tag, str) and el.text and el.text.strip():
            return True
        if el not in around and el.tail and el.tail.strip():
            return True  # the tail of an ancestor of the picture comes after it
    return False


PARAGRAPH_MIN_CHARS = 80  # a paragraph of the article's text, not a label or a teaser's line


def _among_paragraphs(box: Any) -> bool:
    """Does `box` stand between the article's paragraphs: is the nearest printed element
    before or after it running text? Teasers and rails come in lists of their own; a picture
    the story shows stands in its text."""
    return any(sib is not None and _running_text(sib)
               for sib in (_printed_sibling(box, -1), _printed_sibling(box, 1)))


def _under_headline(box: Any) -> bool:
    """Does `box` stand right under the page's headline (the nearest printed element before
    it is an <h1>), around a picture that is no icon? There the lead picture stands, with no
    paragraph beside it yet; a flag or a logo before a line of text (a language switch, a
    sponsor) stands there too."""
    before = _printed_sibling(box, -1)
    if before is None or before.tag != "h1":
        return False
    img = box.find(".//img")
    return img is not None and not _icon(img)


def _before_the_text(box: Any) -> bool:
    """Does `box` stand right before the article's text (the nearest printed element after it
    holds the paragraphs the body walker kept), around a picture that is no icon? There, under
    the headline, the byline, the date line and the share buttons, whichever a site prints and
    in whichever order, stands the lead picture."""
    after = _printed_sibling(box, 1)
    if after is None or not _body_box(after):
        return False
    img = box.find(".//img")
    return img is not None and not _icon(img)


# A picture file named as an icon, logo, flag, avatar or sprite, or a vector drawing
_ICON_SRC = re.compile(r"\.svg(?:$|[?#])|(?:^|[/_.-])(?:icons?|logos?|flags?|avatars?|sprites?|badges?)"
                       r"(?:$|[/_.-])", re.IGNORECASE)
# The same words closing a camel-cased file name ("appIcon.png", "siteLogo2x.png")
_ICON_SRC_CAMEL = re.compile(r"[a-z](?:Icon|Logo|Flag|Avatar|Sprite|Badge)s?(?:$|[/_.0-9A-Z-])")
# Pictures drawn smaller than this (width or height attribute, CSS pixels) are icons
ICON_MAX_PX = 100


def _icon(img: Any) -> bool:
    """Is the picture an icon: its file named so (_ICON_SRC, _ICON_SRC_CAMEL) or its size under
    ICON_MAX_PX?"""
    src = _src_of(img) or ""
    if _ICON_SRC.search(src) or _ICON_SRC_CAMEL.search(src):
        return True
    for dim in ("width", "height"):
        value = (img.get(dim) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < ICON_MAX_PX:
            return True
    return False


def _printed_sibling(node: Any, step: int) -> Any | None:
    """The nearest element before (step -1) or after (+1) `node` that prints some text.
    Within extract_images(), the answer is kept for `node` and for every silent sibling walked
    over, which share it (_Walks)."""
    walks = _WALKS.get()
    known = walks.printed if walks is not None else None
    if known is not None and (node, step) in known:
        return known[(node, step)]
    passed = [node]
    sib = node.getprevious() if step < 0 else node.getnext()
    while sib is not None and not (isinstance(sib.tag, str) and _prints(sib)):
        if known is not None:
            if (sib, step) in known:
                sib = known[(sib, step)]
                break
            passed.append(sib)
        sib = sib.getprevious() if step < 0 else sib.getnext()
    if known is not None:
        for walked in passed:
            known[(walked, step)] = sib
    return sib


def _prints(el: Any) -> bool:
    """Does `el` print any text? (It stops at the first word: a sibling may be the whole
    rest of the article.)"""
    return any(not t.isspace() for t in el.itertext())


def _running_text(el: Any) -> bool:
    """A paragraph of the article's text, or a box that opens with one."""
    if el.tag != "p":
        el = next((c for c in el if isinstance(c.tag, str) and _prints(c)), None)
        if el is None or el.tag != "p":
            return False
    text = clean(text_of(el))
    # Han, kana and Thai print no spaces and say as much in about half the characters
    return len(text) >= (PARAGRAPH_MIN_CHARS // 2 if _UNSPACED.search(text) else PARAGRAPH_MIN_CHARS)


_MEDIA_BOX_TAGS = frozenset({"div", "span", "aside", "section", "figure", "li", "table"})


def _one_picture_boxes(scope: Any) -> list[tuple[Any, Any]]:
    """(box, its picture) for every box of `scope` (itself included) that holds exactly one
    <img>, in document order: the pictures' ancestors are few and the page's boxes many, so
    each picture counts itself into its ancestors instead of every box searching for pictures.
    Boxes of one picture each are disjoint, so the pictures' order is the boxes' order, the
    outer box of a picture before the inner."""
    pictures = [img for img in scope.iter("img") if not _noscript_twin(img)]
    count: dict[Any, int] = {}
    for img in pictures:
        for anc in img.iterancestors():
            count[anc] = count.get(anc, 0) + 1
            if anc is scope:
                break
    out: list[tuple[Any, Any]] = []
    for img in pictures:
        chain: list[Any] = []
        for anc in img.iterancestors():
            if count[anc] != 1:
                break
            if anc.tag in _MEDIA_BOX_TAGS:
                chain.append(anc)
            if anc is scope:
                break
        out.extend((box, img) for box in reversed(chain))
    return out


def _noscript_twin(img: Any) -> bool:
    """Is `img` the <noscript> copy of a lazy-loaded picture printed right beside it? It is
    the same picture, not a second one in the box."""
    # <noscript><img></noscript>, or <noscript><picture>…<img></picture></noscript>
    holder = next((a for a in islice(img.iterancestors(), 2) if a.tag == "noscript"), None)
    if holder is None:
        return False
    parent = holder.getparent()
    return parent is not None and any(
        el is not img and el.tag == "img" and not any(a.tag == "noscript" for a in el.iterancestors())
        for el in parent.iter("img"))


def _gallery_item(li: Any) -> bool:
    """Is this list item (or box) a slide of a photo gallery (`<ul class="gallery"><li><img>
    <p>…`, `<div class="slider"><div class="slide"><img><p>…`)? Its list or box, or the box
    around that, is classed as a gallery; the item's own class rarely is.
    A slide with a heading is a title card (a slideshow's or another story's), not a photo
    with its caption."""
    node = li.getparent()
    for _ in range(2):
        if node is None:
            return False
        ci = class_id(node)
        if ci and (_GALLERY_WORD.search(ci) or _SLIDES.search(ci) or _photo_list(ci)):
            return not any(True for _ in li.iter("h1", "h2", "h3", "h4", "h5", "h6"))
        node = node.getparent()
    return False


# a list of slides ("glide__slides", "slides"): a gallery's, here where its items hold pictures
_SLIDES = re.compile(r"(?:^|[\s_-])slides?(?:$|[\s_-])")
# a list named for the photos it holds ("photos", "article-images", "album", "bilder"): a
# gallery by another name
_PHOTO_LIST = re.compile(r"(?:^|[\s_-])(?:photos|fotos|images|pictures|pics|bilder|album|albums|"
                         r"photoset|photo-?list|image-?list)(?:$|[\s_-])", re.IGNORECASE)


def _photo_list(class_and_id: str) -> bool:
    """Is a list or box named for the photos it holds (_PHOTO_LIST)?"""
    return _PHOTO_LIST.search(class_and_id) is not None


def _tied_pictures(scope: Any) -> list[tuple[Any, tuple[Any | None, str]]]:
    """(img, (caption element or None, caption text)) for every picture tied to a caption
    outside a caption box. Each look is a few attribute reads around the <img>: pages hold
    far fewer pictures than elements, so this is cheaper than searching the tree for ties."""
    out: list[tuple[Any, tuple[Any | None, str]]] = []
    for img in scope.iter("img"):
        tie = _aria_caption(img) or _lightbox_caption(img) or _emphasis_after(img, scope) \
            or _emphasis_beside(img, scope) or _term_description(img)
        if tie is not None:
            out.append((img, tie))
    return out


# a lightbox link's caption attribute (fancybox, lightbox2, PhotoSwipe, baguetteBox ...)
_LIGHTBOX_ATTRS = ("data-lightbox", "data-fancybox", "data-gallery", "data-pswp-width", "data-size")
ADJACENT_CAPTION_CHARS = (10, 400)  # a caption under a picture: a phrase, at most a paragraph


def _adjacent_captions(scope: Any, handled: _Handled, images: list[Image], seen_caps: set[str],
                       seen_src: set[str], base_url: str,
                       lines: list[tuple[str, Any]] | None = None) -> None:
    """Captions that sit outside any caption box, tied to the picture by a web standard or
    a widespread convention: the element named by `aria-describedby` (on the <img> or its
    figure-like box) or by `aria-labelledby` on a `role="figure"` box; a lightbox link's
    `data-caption`; a paragraph right after the element that holds the picture when it only
    holds emphasised text or ends with a picture credit (the classic CMS editor's caption)."""
    for img, found in _tied_pictures(scope):
        if handled.covers(img) or _in_furniture(img, scope):
            continue
        src = _src_of(img)
        if src and urljoin(base_url, src) in seen_src:
            continue
        cap_el, text = found
        if cap_el is not None:
            if handled.covers(cap_el) or _in_furniture(cap_el, scope) \
                    or _link_share(cap_el) > 0.3:
                continue
            caption, credit = _caption_and_credit(cap_el, None)
        else:
            caption, credit = split_credit(text)
            credit = _bare_credit(credit) if credit else None
        lo, hi = ADJACENT_CAPTION_CHARS
        if not lo <= len(caption) <= hi or _credit_only(caption) or _TRAILER_CAPTION.match(caption):
            continue
        count = len(images)
        _add(images, seen_caps, seen_src, base_url, src, caption, credit, img)
        if lines is not None and len(images) > count and cap_el is not None:
            lines.append((clean(text_of(cap_el)), cap_el))  # printed: an attribute's is in no block


def _aria_caption(img: Any) -> tuple[Any | None, str] | None:
    """The element that ARIA names as the description of the picture or of its figure-like
    box (up to four levels up), or the figure's own accessible name."""
    node = img
    for _ in range(4):
        if node is None:
            break
        ids = node.get("aria-describedby")
        if not ids and (node.get("role") == "figure" or node.tag == "figure"):
            ids = node.get("aria-labelledby")
            if not ids and node.get("aria-label"):
                return None, clean(node.get("aria-label"))  # the figure's accessible name
        if ids:
            walks = _WALKS.get() or _Walks()  # (a call outside extract_images keeps nothing)
            for ref in ids.split():
                hit = walks.element_by_id(node, ref)
                if hit is not None and hit.find(".//img") is None:
                    return hit, ""
        node = node.getparent()
    return None


def _lightbox_caption(img: Any) -> tuple[None, str] | None:
    """The caption a lightbox shows for a picture: the libraries (fancybox, lightbox2,
    lightGallery, baguetteBox, PhotoSwipe) read it from the link that opens the picture.
    A data attribute on the <img> itself is a site script's business (often a thumbnail
    strip's hidden text), so it is not read."""
    link = next((a for a in img.iterancestors("a")), None)
    if link is None or not is_inside(img, link) or link not in (img.getparent(),
                                                               img.getparent().getparent()):
        # only the link that wraps the picture (through at most one wrapper) is the lightbox's
        return _gallery_data_caption(img)
    # lightGallery's own attribute (data-sub-html) needs no other mark
    text = link.get("data-caption") or link.get("data-sub-html")
    if not text and any(link.get(a) is not None for a in _LIGHTBOX_ATTRS):
        text = link.get("data-title")
    if not text:
        text = _link_title_caption(link)
    if text and "<" in text:  # lightGallery's data-sub-html holds markup
        try:
            text = text_of(lxml_html.fragment_fromstring(text, create_parent="div"))
        except (etree.ParserError, ValueError):
            return None
    text = clean(text)
    return (None, text) if text else None


# rel values of the older lightbox scripts (Lightbox, prettyPhoto, Colorbox, Fancybox 1-2)
_LIGHTBOX_REL = re.compile(r"lightbox|prettyphoto|colorbox|fancybox|gallery|shadowbox", re.IGNORECASE)


def _link_title_caption(link: Any) -> str | None:
    """The title attribute of the link that opens a picture in a lightbox: the older scripts
    (Lightbox's rel="lightbox", prettyPhoto, Colorbox, Magnific Popup) show it as the caption.
    Only on a link marked for one (rel), or on a link to the picture file in a gallery's box;
    a phrase of two words or more that is no button label ("Enlarge", "Zoom")."""
    title = link.get("title")
    if not title:
        return None
    marked = _LIGHTBOX_REL.search(link.get("rel") or "") is not None
    if not marked:
        if not _IMAGE_FILE.search((link.get("href") or "").split("?", 1)[0]):
            return None
        box = link.getparent()
        marked = any(_GALLERY_WORD.search(class_id(node) or "") for node in (box, box.getparent())
                     if node is not None)
    title = clean(title)
    if not marked or len(title.split()) < 2 or _TRAILER_CAPTION.match(title):
        return None
    return title


def _gallery_data_caption(img: Any) -> tuple[None, str] | None:
    """The `data-caption` of a picture in a gallery's box (its parent or grandparent named as
    one: "fotorama", "gallery", "slider"): gallery libraries (Fotorama, Galleria) print it
    under the shown picture. Outside a gallery such an attribute stays a site script's."""
    text = img.get("data-caption")
    if not text:
        return None
    node = img.getparent()
    for _ in range(2):
        if node is None:
            return None
        ci = class_id(node)
        if ci and _GALLERY_WORD.search(ci):
            text = clean(text)
            return (None, text) if text else None
        node = node.getparent()
    return None


def _has_text(el: Any) -> bool:
    """Any visible character under `el`; stops at the first (the body's text is long)."""
    return any(t.strip() for t in el.itertext())


_EMPHASIS = frozenset({"em", "i", "small"})
# bold is also how sub-headings are typed; a bold line is a caption only as a sentence
_BOLD = frozenset({"strong", "b"})


def _emphasis_after(img: Any, scope: Any) -> tuple[Any, str] | None:
    """The <p> (or <div>) right after the element that holds only the picture, when all its text is
    in one <em>/<i>/<small> (or a bold sentence), or when it carries a picture credit
    ("… [Ayman Henna/AFP]", "… (Photo: AP)"): a caption typed under the picture, not a body
    paragraph."""
    holder = img
    while True:
        parent = holder.getparent()
        # a wrapper that holds only the picture has it as its one child
        if parent is None or parent is scope or not _only_child(holder) or parent.tag in ("body", "article"):
            break
        holder = parent
    nxt = holder.getnext()
    if nxt is None or (holder.tail or "").strip():
        return None
    if nxt.tag == "span":
        return _credited_span(nxt, holder)
    if nxt.tag not in ("p", "div"):
        return None
    if len(nxt) != 1 or (nxt[0].tag not in _EMPHASIS and nxt[0].tag not in _BOLD):
        # a credited line typed as a paragraph; a <div> is a caption here only as a line of
        # emphasis (a box holding a credit-like line is as often a player's or a card's)
        if nxt.tag != "p":
            return None
        return _credited_paragraph(nxt, holder) or _centred_paragraph(nxt, holder)
    kid = nxt[0]
    if (nxt.text or "").strip() or (kid.tail or "").strip() or _has_text(holder):
        return None
    if kid.tag in _BOLD and not clean(text_of(nxt)).endswith((".", "!", "?", "。", "।")):
        return None
    return nxt, ""


def _only_child(el: Any) -> bool:
    """Is `el` its parent's one child, comments and processing instructions counted (as len()
    counts them)? Asked of the element rather than with len(parent), which walks every child:
    each picture of a box holding thousands asked it."""
    return el.getprevious() is None and el.getnext() is None


def _term_description(img: Any) -> tuple[Any, str] | None:
    """The <dd> after a <dt> that holds only the picture ("<dl><dt><img></dt><dd>caption</dd>
    </dl>"): HTML's description list pairs a term with its description, and older CMSs print
    a picture and its caption as one."""
    holder = img
    while holder.tag != "dt":
        parent = holder.getparent()
        if parent is None or not _only_child(holder) or (parent.text or "").strip():
            return None
        holder = parent
    nxt = holder.getnext()
    if nxt is None or nxt.tag != "dd" or not _has_text(nxt) or _has_text(holder):
        return None
    return nxt, ""


def _emphasis_beside(img: Any, scope: Any) -> tuple[Any, str] | None:
    """The emphasised line that closes the picture's own block, after a line break
    ("<p><img><br><em>caption</em></p>", "<center><img><br><i>…</i></center>"): the block
    holds nothing else, so the line is the picture's, not the text's."""
    node = img
    if node.getparent() is not None and node.getparent().tag == "a" and _only_child(node):
        node = node.getparent()  # a picture wrapped in its link
    block = node.getparent()
    if block is None or block is scope or (block.text or "").strip() or (node.tail or "").strip():
        return None
    rest = list(node.itersiblings())
    while rest and rest[0].tag == "br" and not (rest[0].tail or "").strip():
        rest = rest[1:]
    if any(sib is not node and sib.tag != "br" for sib in node.itersiblings(preceding=True)):
        return None
    if len(rest) == 1 and rest[0].tag == "br":
        return _credited_line(block, rest[0].tail)  # "<p><img><br>Caption (Photo: AP)</p>"
    if len(rest) != 1 or len(rest) == len(list(node.itersiblings())) or (rest[0].tail or "").strip():
        return None  # no line break: an inline picture in a sentence
    kid = rest[0]
    if kid.tag not in _EMPHASIS:
        return None
    return kid, ""


CREDITED_PARAGRAPH_MAX_CHARS = 300  # a caption with its credit; a body paragraph runs longer


def _credited_line(block: Any, text: str | None) -> tuple[Any, str] | None:
    """The picture's own block (which holds only it and this line) as the caption, when the
    plain line under the picture ends with a picture credit as a caption does ("… [Ayman
    Henna/AFP]", "… (Foto: dpa)"): a line of the text would not credit a photographer."""
    text = clean(text or "")
    if not text or len(text) > CREDITED_PARAGRAPH_MAX_CHARS:
        return None
    if not (_BRACKET_CREDIT.search(text) or _PREFIX_CREDIT.search(text) or _spelled_credit(text)):
        return None
    caption, credit = split_credit(text)
    return (block, "") if caption and credit else None


def _credited_paragraph(para: Any, holder: Any) -> tuple[Any, str] | None:
    """A plain paragraph under the picture is its caption when it ends with a credit in
    brackets or after a credit word ("… [Ayman Henna/AFP]", "… (Photo: AP)", "… Фото: ТАСС"):
    body paragraphs do not credit photographers."""
    text = clean(text_of(para))
    if not text or len(text) > CREDITED_PARAGRAPH_MAX_CHARS or _has_text(holder):
        return None
    if not (_BRACKET_CREDIT.search(text) or _PREFIX_CREDIT.search(text) or _spelled_credit(text)):
        return None
    caption, credit = split_credit(text)
    if not caption or not credit:
        return None
    return para, ""


# A caption centred under its centred picture ("<p style="text-align: center"><img></p><p
# style="text-align: center">caption</p>", or align="center"), as Chinese news CMSs print it:
# at most CENTRED_CAPTION_MAX_CHARS, and the paragraph after it is not centred (on a page that
# centres all its text, a centred line is no caption's).
CENTRED_CAPTION_MAX_CHARS = 200
_TEXT_ALIGN_CENTER = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def _centred(el: Any) -> bool:
    """Does `el` centre its lines, by its style or its (older) align attribute?"""
    return (el.get("align") or "").lower() == "center" or \
        _TEXT_ALIGN_CENTER.search(el.get("style") or "") is not None


def _centred_paragraph(para: Any, holder: Any) -> tuple[Any, str] | None:
    """The short paragraph under the picture that is centred as the picture's own paragraph
    is, while the text goes on uncentred: its caption (CENTRED_CAPTION_MAX_CHARS)."""
    if not (_centred(holder) and _centred(para)) or _has_text(holder):
        return None
    text = clean(text_of(para))
    if not text or len(text) > CENTRED_CAPTION_MAX_CHARS or next(para.iter("img"), None) is not None:
        return None
    after = para.getnext()
    if after is not None and _centred(after) and next(after.iter("img"), None) is None:
        return None  # the text is centred too
    return para, ""


def _credited_span(span: Any, holder: Any) -> tuple[Any, str] | None:
    """A <span> right after the element that holds only the picture, ending with a picture
    credit ("<p><picture>…</picture></p><span>Caption <span>(Image: Getty)</span></span>"):
    the caption, set as a line of its own under the picture, as _credited_paragraph reads a
    <p> there. Only with the credit: a bare <span> after a picture is as often a label."""
    return _credited_paragraph(span, holder)


def _link_share(el: Any) -> float:
    """The share of the text of `el` printed inside links, white space not counted: the
    indentation inside a link around a picture is no link text."""
    total = len(clean(text_of(el)))
    links = sum(len(clean(text_of(a))) for a in el.iter("a"))
    return links / total if total else 0.0


# a slide counter printed with the caption: "1 / 12", "[3/5]", "2 of 9", "٣ من ١٢"
_COUNTER = re.compile(r"^\s*(?:\[\s*(\d{1,3})\s*/\s*(\d{1,3})\s*\]|\(\s*(\d{1,3})\s*/\s*(\d{1,3})\s*\)|"
                      # "Image 3 of 12", "Foto 2 von 5", "صورة 1 من 4": a gallery's slide number
                      r"(?:(?:image|photo|picture|slide|foto|bild|imagen|immagine|diapositiva|"
                      r"صورة|фото|снимок|слайд)\s+)?"
                      r"(\d{1,3})\s+(?:/|of|von|sur|de|di|van|из|من)\s+(\d{1,3})(?=\s|$)|(\d{1,3})/(\d{1,3})$)"
                      r"\s*(?:[:|–—-]\s+)?",
                      re.IGNORECASE)
# a date line or reading time where a caption would be ("16.05.2024, 11:26 Uhr • Lesezeit: 5
# Minuten"): a caption never opens with a numeric date, and reading time is page furniture
_DATELINE = re.compile(r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b")
# "30 Ekim 2020 Cuma 18:28", "March 5, 2019 10:30": a written date, then at most a weekday and
# a time (a caption may open with a date, but then says what the picture shows)
_WORDY_DATELINE = re.compile(r"^\s*(?:\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})"
                             r"(?:[\s,|•·-]+\w+)?(?:[\s,|•·-]+\d{1,2}[:.h]\d{2}\w*)?\s*$")
# "… 20.09.2020 23:32 Source": a date and time stamp is a listing's, not a picture's
_DATE_TIME_STAMP = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+(?:u\s+|um\s+|at\s+|à\s+)?\d{1,2}:\d{2}\b")
_READING_TIME = re.compile(
    r"lesezeit|reading time|read time|min(?:ute)?s? read|temps de lecture|tiempo de lectura|"
    r"leestijd|czas czytania|время чтения|وقت القراءة|دقائق للقراءة|دقيقة للقراءة|分で読め|阅读时间",
    re.IGNORECASE)
# a byline in a caption box: "By Anas al-Bar |", "Von Max Muster", "بقلم أنس البار"
_BYLINE = re.compile(r"^(?:by|von|par|por|door|av|af|от|автор:?|بقلم|كتب|إعداد|文[:：/]|記者[:：])\s*(.+)$",
                     re.IGNORECASE)
# a share bar's words: when they make up most of a "caption", it is the share bar
_SHARE_WORD = re.compile(
    r"^(?:share|shares|sharing|teilen|partager|compartir|condividi|delen|dela|del|udostępnij|"
    r"paylaş|facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|mail|copy|link|url|kopieren|"
    r"print|drucken|imprimer|pinterest|reddit|messenger|flipboard|mastodon|bluesky|threads|xing|"
    r"tumblr|vk|viber|line|weibo|wechat|شارك|مشاركة|فيسبوك|تويتر|واتساب|تلغرام|طباعة|поделиться|"
    r"вконтакте|телеграм|одноклассники|печать|シェア|ツイート|共有|分享|微信|微博|打印)$", re.IGNORECASE)
_VIEW_CONTROL = re.compile(
    r"^(?:(?:click|tap) (?:here )?to )?(?:enlarge|expand|view|open|zoom|show|see)(?: the)? "
    r"(?:image|photo|picture|gallery|slideshow|full ?screen|larger|all(?: \d+)? (?:photos|images|pictures))"
    r"|^(?:bild|foto|galerie) (?:vergrößern|öffnen|anzeigen)|^(?:zum )?vergrößern(?: klicken)?"
    r"|^agrandir(?: l'image| la photo)?|^ampliar(?: imagen| foto)?|^تكبير(?: الصورة)?|^عرض الصور"
    r"|^увеличить(?: фото| изображение)?|^拡大(?:する|表示)?|^点击(?:查看)?大图"
    r"|^\d+ (?:photos|fotos|bilder|images|pictures|صور|фото)$"
    # "Prohlédnout si 19 fotografií", "Zobacz 12 zdjęć", "Alle 8 Bilder ansehen": a gallery button
    r"|^(?:\w+\s+){0,3}\d+\s+(?:photos|fotos|fotografií|fotografie|fotografias|zdjęć|zdjęcia|bilder|"
    r"billeder|images|pictures|photographs|صور|صورة|фото|фотографий|снимков|枚)(?:\s+\w+)?$",
    re.IGNORECASE)
_DURATION_ONLY = re.compile(r"^(?:video|видео|فيديو)?\s*\(?\d{1,2}:\d{2}(?::\d{2})?\)?(?:\s*min\.?)?$",
                            re.IGNORECASE)
NON_CAPTION_MAX_CHARS = 80  # a date line, byline or control label is short; a caption may not be
# a video's date and running time printed after its description ("… 26.10.2025 | 2:43 min")
_TRAILING_DURATION = re.compile(r"\s*(?:[|•·]\s*)?(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*[|•·]?\s*)?"
                                r"\(?\d{1,2}:\d{2}(?::\d{2})?\s*min\.?\)?$", re.IGNORECASE)


# "Read also: …" in a picture box is a teaser for another story, in any language
_READ_ALSO = re.compile(
    r"^(?:read also|also read|read more|see also|lesen sie auch|lesen sie mehr|mehr zum thema|"
    r"(?:à |a )?lire aussi|leia também|lea también|lee también|vea también|ver también|leggi anche|"
    r"zie ook|lees ook|czytaj (?:też|także)|читайте также|также читайте|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|"
    r"اقرأ ايضا|あわせて読みたい|関連記事|相关阅读|延伸阅读|延伸閱讀)\b", re.IGNORECASE)
# what a date line says besides the date: an update stamp, a clock time
_STAMP_WORDS = re.compile(
    r"\d{1,2}[:.h]\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|aktualisiert|updated?|stand\b|mis à jour|"
    r"actualizado|aggiornato|bijgewerkt|обновлено|تحديث|更新|uhr\b", re.IGNORECASE)
DATED_CAPTION_MIN_WORDS = 3  # "16.05.2024, Berlin: Olaf Scholz spricht." says what is shown
# The label that opens a publication or update stamp ("Updated 5 March 2024, 18:30",
# "Veröffentlicht: 16.05.2024", "Опубликовано 5 марта 2024", "تاريخ النشر: 5 مارس 2024")
_STAMP_LABEL = re.compile(
    r"^\s*(?:(?:last\s+)?updated?|published|posted|aktualisiert|veröffentlicht|stand|publié(?:\s+le)?|"
    r"mis à jour(?:\s+le)?|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|"
    r"обновлено|опубликовано|güncelleme|güncellendi|yayınlanma|تحديث|نشر|تاريخ النشر|更新|发布|입력|수정)"
    r"(?:\s*(?:on|am|el|em|op)\b)?\s*[:：]?\s*(?=\d|\w)", re.IGNORECASE)


def _without_stamp_label(text: str) -> str:
    """`text` without the label of a publication or update stamp it opens with."""
    return _STAMP_LABEL.sub("", text, count=1)



def _dated_caption(caption: str) -> bool:
    """A caption that opens with the day the picture was taken, as agency captions do
    ("16.05.2024, Berlin: Olaf Scholz spricht.", "2024-05-16: Protesters gather in
    Tbilisi."): after the date it says what the picture shows, where a date line has a
    clock time, an update stamp or nothing."""
    m = _DATELINE.match(caption)
    if m is None:
        return False
    rest = caption[m.end():].strip(" ,;:|•·–—-")
    if _STAMP_WORDS.search(rest):
        return False
    return sum(1 for w in rest.split() if any(c.isalpha() for c in w)) >= DATED_CAPTION_MIN_WORDS


def _caption_text(caption: str) -> str:
    """The caption without a slide counter; "" when the text is page furniture printed
    where a caption would be (a date line, a byline, a share bar, "Enlarge image", "1 / 12",
    a video duration)."""
    m = _COUNTER.match(caption)
    if m:
        numbers = [int(n) for n in m.groups() if n is not None]
        if numbers[0] <= numbers[1]:
            caption = caption[m.end():].strip()
    caption = _without_caption_controls(caption)
    caption = _TRAILING_DURATION.sub("", caption)
    if not caption or _DATE_TIME_STAMP.search(caption):
        return ""
    if _READ_ALSO.match(caption):
        return ""  # a link to another story printed in a picture box
    if len(caption) <= NON_CAPTION_MAX_CHARS:
        dated = _without_stamp_label(caption)  # "Updated 5 March 2024, 18:30": a date line too
        if (_DATELINE.match(dated) and not _dated_caption(dated)) or _WORDY_DATELINE.match(dated) \
                or _READING_TIME.search(caption) \
                or _VIEW_CONTROL.match(caption) \
                or _DURATION_ONLY.match(caption):
            return ""
        m = _BYLINE.match(caption)
        if m:
            rest = m.group(1).strip(" |·•–—-,")
            words = rest.split()
            if 0 < len(words) <= 5 and not rest.endswith((".", "!", "?", "。")) \
                    and not words[0][:1].islower():  # "By the river, …" is a caption
                return ""
        words = [w.strip(".,:;|·•") for w in caption.split()]
        words = [w for w in words if w]
        if len(words) >= 2 and sum(1 for w in words if _SHARE_WORD.match(w)) * 10 >= len(words) * 6:
            return ""
    return caption


# The label of a button that shows or hides the caption, printed inside the caption box
# ("… arrives. hide caption", "toggle caption", "Bildunterschrift ausblenden").
_CAPTION_CONTROL = re.compile(
    r"(?:^|\s+)[\[(]?(?:(?:hide|show|toggle|close|open|expand|collapse|view)(?: the)? caption|"
    r"bildunterschrift (?:ein|aus)?blenden|bildtext (?:anzeigen|ausblenden)|"
    r"(?:masquer|afficher) la légende|(?:ocultar|mostrar|ver) (?:el )?pie de (?:foto|imagen)|"
    r"(?:ocultar|mostrar|exibir) (?:a )?legenda|(?:nascondi|mostra) (?:la )?didascalia|"
    r"(?:إخفاء|إظهار|عرض) (?:التعليق|الوصف|الشرح)|(?:скрыть|показать) подпись)[\])]?$",
    re.IGNORECASE)


# What the links and buttons of a picture's box do, printed after its caption or credit:
# share it, buy or license it, open the gallery ("… arrives. Share Tweet", "REUTERS/Jane Doe
# Purchase Licensing Rights", "… View gallery").
_SHARE_LABEL = (r"(?:share|tweet|pin(?: it)?|e-?mail|print|save|facebook|twitter|whatsapp|linkedin|"
                r"teilen|twittern|drucken|partager|imprimer|compartir|imprimir|condividi|stampa|"
                r"مشاركة|شارك|طباعة|поделиться|печать)")
_PICTURE_ACTION = re.compile(
    r"\s+(?:(?:purchase|buy) licen[cs]ing rights|licen[cs]e this (?:photo|image|picture)|"
    r"buy (?:this )?(?:photo|image|picture|print)|"
    r"(?:view|open|see|show) (?:the )?(?:full )?(?:gallery|slideshow|photo gallery|all photos)|"
    r"nutzungsrechte erwerben|(?:bild|foto) kaufen|(?:zur )?(?:bilder|foto)galerie|"
    r"acheter (?:cette )?(?:photo|image)|voir (?:la )?galerie|ver (?:la )?galer[ií]a|ver fotos|"
    r"عرض (?:الصور|المعرض)|смотреть (?:галерею|фото)|"
    rf"{_SHARE_LABEL}(?:\s*[|·•,]?\s*{_SHARE_LABEL})*)$",
    re.IGNORECASE)
_FINISHED = (".", "!", "?", "。", ")", "]", "»", "”", '"', "؟")


def _without_caption_controls(caption: str) -> str:
    """The caption (or credit) without the labels of the buttons and links in its box: those
    that show or hide it, at its end (one or two: "hide caption", then "toggle caption" in the
    box around it), and those that act on the picture, after a finished sentence or a credit
    (share, license, open the gallery). "" when the text is only such a label."""
    for _ in range(2):
        caption = _CAPTION_CONTROL.sub("", caption).rstrip()
    m = _PICTURE_ACTION.search(caption)
    if m and (caption[:m.start()].endswith(_FINISHED) or _CREDITISH.search(caption[:m.start()])):
        caption = caption[:m.start()].rstrip()
    return caption


_INNER_COUNTER = re.compile(r"\b\d{1,3}\s*/\s*\d{1,3}\b")


def _caption_key(caption: str) -> str:
    """What makes two captions the same: their words, without a slide counter or a lone
    separator ("Euras 1 / 1 E. Roe/LRT" in a gallery's copy of "Euras / E. Roe/LRT")."""
    return " ".join(w for w in _INNER_COUNTER.sub(" ", caption).casefold().split()
                    if w not in _LONE_SEPARATORS)


_LONE_SEPARATORS = frozenset({"/", "|", "·", "•", "-", "–", "—"})


def _add(images: list[Image], seen_caps: set[str], seen_src: set[str], base_url: str,
         src: str | None, caption: str, credit: str | None, img: Any) -> None:
    caption = _caption_text(caption) if caption else ""
    if not caption:
        return  # a credit-only or empty caption box; the picture may have a real one elsewhere
    if credit and _COUNTER.fullmatch(credit):
        credit = None  # "1 / 22": a slide counter next to the caption, not a credit
    if credit:
        credit = _without_caption_controls(credit) or None
    if _author_portrait(img, caption):
        return
    abs_src = urljoin(base_url, src) if src else ""
    key = _caption_key(caption)
    if key in seen_caps:
        return
    real = bool(abs_src) and not _PLACEHOLDER_SRC.search(abs_src)
    if real and abs_src in seen_src:
        return
    seen_caps.add(key)
    if real:
        seen_src.add(abs_src)
    images.append(Image(abs_src, caption, credit or None))
