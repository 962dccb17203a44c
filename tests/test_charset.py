"""Pages whose declared charset lies, or that declare none, are decoded correctly
(crawler/extract/html.py: declarations checked against the bytes, bs4's UnicodeDammit detects
what no declaration gives). Small pages of our own making, in Arabic, Russian, Japanese and
French."""
from __future__ import annotations

import pytest

from crawler.extract import extract
from crawler.extract.html import decode_html
from crawler.pipelines.pages import PageJob, decode_page
from crawler.reextract import decode_page as decode_archived

AR_TITLE = "افتتاح مستشفى جديد في شمال المدينة"
AR_TEXT = ("أعلنت وزارة الصحة يوم الثلاثاء عن افتتاح مستشفى جديد في شمال المدينة يضم أكثر من "
           "مئتي سرير وقسما متخصصا لعلاج الأطفال، وذلك بعد سنوات من العمل والتأخير.")
RU_TITLE = "Старый мост закрыт для грузовиков"
RU_TEXT = ("Городской совет во вторник вечером проголосовал за закрытие старого моста для "
           "грузовиков после того, как инженеры обнаружили коррозию двух стальных опор.")
JA_TITLE = "老朽化した橋で大型車の通行止め"
JA_TEXT = ("市議会は火曜日の夜、老朽化した川の橋について、技術者が二本の鋼製の支柱で予想より"
           "はるかに速く腐食が進んでいることを確認したことを受け、大型車両の通行を禁止した。")
FR_TITLE = "Le pont fermé aux poids lourds après la découverte de corrosion"
FR_TEXT = ("Le conseil municipal a voté mardi soir la fermeture du vieux pont aux camions, après "
           "que des ingénieurs ont découvert une corrosion avancée sur deux piliers d’acier « très "
           "préoccupante », a précisé l’adjointe chargée des travaux.")


def page(lang: str, title: str, text: str, meta: str = "") -> str:
    paras = "".join(f"<p>{text}</p>" for _ in range(4))
    return (f'<!doctype html><html lang="{lang}"><head>{meta}<title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{paras}</article></body></html>")


CASES = {
    # declared UTF-8 (meta), bytes in windows-1256: the declaration lies
    "arabic-1256-declared-utf8": (
        page("ar", AR_TITLE, AR_TEXT, '<meta charset="utf-8">').encode("cp1256"), None,
        AR_TITLE, AR_TEXT),
    # no declaration anywhere, windows-1251 bytes
    "russian-1251-undeclared": (
        page("ru", RU_TITLE, RU_TEXT).encode("cp1251"), None, RU_TITLE, RU_TEXT),
    # Shift_JIS declared in <meta http-equiv>
    "japanese-shift-jis-meta": (
        page("ja", JA_TITLE, JA_TEXT,
             '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
        .encode("shift_jis"), None, JA_TITLE, JA_TEXT),
    # UTF-8 bytes under a wrong iso-8859-1 declaration (meta)
    "french-utf8-declared-latin1": (
        page("fr", FR_TITLE, FR_TEXT,
             '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
        .encode("utf-8"), None, FR_TITLE, FR_TEXT),
    # the same lie at the HTTP level: Content-Type says iso-8859-1
    "french-utf8-http-latin1": (
        page("fr", FR_TITLE, FR_TEXT).encode("utf-8"), "text/html; charset=ISO-8859-1",
        FR_TITLE, FR_TEXT),
    # HTTP says UTF-8, the meta and the bytes say windows-1256
    "arabic-http-utf8-meta-1256": (
        page("ar", AR_TITLE, AR_TEXT, '<meta charset="windows-1256">').encode("cp1256"),
        "text/html; charset=utf-8", AR_TITLE, AR_TEXT),
    # HTTP says windows-1251 (no meta): the header is right and is followed
    "russian-http-1251": (
        page("ru", RU_TITLE, RU_TEXT).encode("cp1251"), "text/html; charset=windows-1251",
        RU_TITLE, RU_TEXT),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pages_are_decoded_whatever_their_declaration_says(name: str) -> None:
    data, content_type, title, text = CASES[name]
    decoded = decode_html(data, content_type=content_type)
    assert title in decoded and text in decoded
    assert "\ufffd" not in decoded
    # the crawl's page worker and reextract/import decode alike (HTTP Content-Type first)
    job = PageJob(url="https://news.example/a/1", body=data, is_text=True,
                  content_type=content_type, capture_id=None, fetched_urls=())
    assert decode_page(job) == decoded
    headers = [("Content-Type", content_type or "text/html")]
    assert decode_archived("https://news.example/a/1", headers, data) == decoded
    if content_type is None:  # extract() itself, from the bytes alone
        article = extract(data, "https://news.example/a/1")
        assert article.title == title and text in article.body_text


def test_a_utf8_page_with_a_few_broken_bytes_stays_utf8() -> None:
    """Damaged bytes in a UTF-8 page are replaced, as browsers do: the page is not re-read in
    another encoding (its French accents survive)."""
    data = page("fr", FR_TITLE, FR_TEXT, '<meta charset="utf-8">').encode("utf-8")
    data = data.replace(b"</article>", b"<p>broken \xff\xfe\xc3\x28 bytes</p></article>")
    decoded = decode_html(data)
    assert FR_TITLE in decoded and FR_TEXT in decoded
    assert "broken \ufffd" in decoded


def test_ascii_pages_keep_their_utf8_fast_path() -> None:
    from crawler.extract.html import _decode

    data = page("en", "Plain title", "Plain ASCII text of the page.", '<meta charset="windows-1252">').encode()
    text, is_utf8 = _decode(data)
    assert is_utf8 and text == data.decode("ascii")
