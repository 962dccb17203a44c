"""Body text without the publisher's calls to the reader (issue 17, item 3: "nothing after the
article's end", inserts interleaved with the text).

Pages of our own making, built on the night-bus story of test_extract_body_layouts, in
English, Arabic, German and Chinese: a call to follow the publisher on a messenger or news app
or to download its app (a paragraph at the end, a heading-and-blurb box between paragraphs,
classless), a members-only notice, a video teaser with its running time printed between the
paragraphs, a lead-in ("… in our live blog:") whose embed is all that follows it, credit and
staff lines ("Photo: …", "Reporting by …"), an embedded post's attribution line, and a "latest
news" box after the text (a heading, a relative time stamp, other stories). Each must be gone
from the body while the story stays exactly as written; sentences that only mention a
messenger, a clock time, open with a label or end in a colon before a quotation stay.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from crawler.extract import extract
from crawler.extract.article import Article

from tests.test_extract_body_layouts import AR, DE, EN, ZH, Lang, _body, _expected


@dataclass(frozen=True)
class Calls:
    lang: Lang
    follow: str  # a call to follow the site on a news app or messenger
    box_head: str  # a promo box's heading ...
    box_blurb: str  # ... and blurb
    members: str | None  # a members-only notice (None: the older paywall rule has it already)
    video: str  # a video's description with its date and running time
    lead_in: str  # a lead-in to an embedded live blog
    mention: str  # a story sentence that names a messenger and an app, without a call
    said: str  # a story sentence ending in a colon before a quotation


CALLS = [
    Calls(EN, "Follow Example News on Google News and add us as a preferred source.",
          "Join us on WhatsApp",
          "Get the day's top stories straight to your phone: join our WhatsApp channel.",
          "The rest of this article is for subscribers only.",
          "The council debated the plan for three hours before the vote. 11.03.2026 | 3:18 min",
          "Follow all the developments in our live blog:",
          "Timetables will also be sent on WhatsApp and shown in the transport app, officials said.",
          "Councillor Maria Osei summed up the mood of the evening:"),
    Calls(AR, "تابعونا على واتساب لتصلكم أهم الأخبار أولاً بأول.",
          "انضموا إلى قناتنا على تيليجرام",
          "حمّل تطبيق أخبار المثال لتصلك الأخبار العاجلة على هاتفك.",
          "هذا المقال متاح للمشتركين فقط.",
          "ناقش المجلس الخطة ثلاث ساعات قبل التصويت. 11.03.2026 | 3:18 دقيقة",
          "تابعوا آخر التطورات في تغطيتنا المباشرة:",
          "وستُنشر الجداول أيضاً عبر واتساب وفي تطبيق هيئة النقل، بحسب المسؤولين.",
          "ولخّصت عضوة المجلس مريم الأحمد أجواء الجلسة بقولها:"),
    Calls(DE, "Folgen Sie uns auf Google News, um keine Nachricht aus Ihrer Stadt zu verpassen.",
          "Folgst du schon Beispiel-Nachrichten auf WhatsApp?",
          "Abonniere unseren WhatsApp-Kanal und erhalte jeden Morgen die wichtigsten Nachrichten.",
          None,
          "Der Stadtrat debattierte drei Stunden über den Plan. 11.03.2026 | 3:18 min",
          "Alle Entwicklungen finden Sie in unserem Liveblog:",
          "Die Fahrpläne werden auch über WhatsApp und in der App der Verkehrsbetriebe verschickt.",
          "Stadträtin Maria Osei fasste die Stimmung des Abends zusammen:"),
    Calls(ZH, "关注我们的微信公众号，第一时间获取本地新闻。",
          "下载示例新闻客户端",
          "扫码下载示例新闻客户端，随时随地阅读最新报道。",
          "本文仅限会员阅读。",
          "市议会在投票前就该计划辩论了三个小时。2026年3月11日 | 3:18分钟",
          "关于夜间公交网络扩建的更多最新进展，请见我们正在更新的直播报道：",
          "交通管理部门表示，时刻表也将通过微信和公交客户端发布。",
          "议员玛丽亚这样总结当晚的气氛："),
]
IDS = [c.lang.code for c in CALLS]


def _story(c: Calls, before_heading: str = "", after: str = "") -> str:
    p, lang = c.lang.paras, c.lang
    return (
        f'<article class="story"><h1>{lang.title}</h1><div class="story-body">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p>{before_heading}<h2>{lang.heading}</h2>"
        f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>{after}</div></article>"
    )


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_call_to_follow_the_site_after_the_text_is_not_body(c: Calls) -> None:
    assert _body(c.lang, _story(c, after=f"<p>{c.follow}</p>")) == _expected(c.lang)


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_promo_box_between_paragraphs_is_not_body(c: Calls) -> None:
    """A classless box: a heading and a blurb, both calls to the reader."""
    box = f"<div><h3>{c.box_head}</h3><p>{c.box_blurb}</p></div>"
    assert _body(c.lang, _story(c, before_heading=box)) == _expected(c.lang)


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_bold_promo_line_in_the_text_is_not_body(c: Calls) -> None:
    assert _body(c.lang, _story(c, before_heading=f"<p><b>{c.box_blurb}</b></p>")) == _expected(c.lang)


@pytest.mark.parametrize("c", [c for c in CALLS if c.members], ids=lambda c: c.lang.code)
def test_a_members_only_notice_is_not_body(c: Calls) -> None:
    assert _body(c.lang, _story(c, after=f'<div class="gate"><p>{c.members}</p></div>')) == _expected(c.lang)


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_video_teaser_with_its_running_time_is_not_body(c: Calls) -> None:
    player = f'<div class="player"><div class="poster"></div><p>{c.video}</p></div>'
    assert _body(c.lang, _story(c, before_heading=player)) == _expected(c.lang)


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_lead_in_to_an_embed_that_ends_the_text_is_not_body(c: Calls) -> None:
    embed = '<div class="embed"><iframe src="https://live.example.org/blog/42"></iframe></div>'
    assert _body(c.lang, _story(c, after=f"<p>{c.lead_in}</p>{embed}")) == _expected(c.lang)


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_story_sentences_that_look_like_calls_stay(c: Calls) -> None:
    """A messenger named without a call, a clock time, a colon before a quotation: text."""
    p, lang = c.lang.paras, c.lang
    clock = {"en": "The first bus leaves at 23:45, the last at 3:10.",
             "ar": "تنطلق أول حافلة في الساعة 23:45 وآخرها في 3:10.",
             "de": "Der erste Bus fährt um 23:45 Uhr, der letzte um 3:10 Uhr.",
             "zh": "首班车23:45发车，末班车3:10发车。"}[lang.code]
    main = (
        f'<article class="story"><h1>{lang.title}</h1><div class="story-body">'
        f"<p>{p[0]}</p><p>{c.mention}</p><p>{p[1]}</p><p>{clock}</p><p>{c.said}</p>"
        f"<blockquote>{p[2]}</blockquote><h2>{lang.heading}</h2>"
        f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p></div></article>"
    )
    expected = [("p", p[0]), ("p", c.mention), ("p", p[1]), ("p", clock), ("p", c.said),
                ("quote", p[2]), ("h", lang.heading), ("p", p[3]), ("p", p[4]), ("p", p[5])]
    assert _body(lang, main) == expected


# Credit lines printed as paragraphs (the picture's or the text's source, the agency's staff
# line) and the attribution line of an embedded post whose script did not run.
CREDITS = {
    "en": ("Photo: Example Agency", "Reporting by Jane Doe; Editing by John Roe",
           "— Transport Authority (@cityTransport) March 11, 2026"),
    "ar": ("المصدر: وكالة الأنباء المحلية", "الصورة: هيئة النقل",
           "— هيئة النقل (@cityTransport) March 11, 2026"),
    "de": ("Quelle: dpa", "(Bildrechte: Beispiel-Nachrichten/Jana Berger)",
           "— Verkehrsbetriebe (@stadtverkehr) 11. März 2026"),
    "zh": ("图片来源：新华社", "来源：市交通管理局",
           "— 市交通局 (@cityTransport) March 11, 2026"),
}


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_credit_lines_and_post_attributions_are_not_body(c: Calls) -> None:
    credit, staff, attribution = CREDITS[c.lang.code]
    p = c.lang.paras
    post = (f'<blockquote class="social-embed"><p>{p[2]}</p><p>{attribution}</p></blockquote>')
    main = (
        f'<article class="story"><h1>{c.lang.title}</h1><div class="story-body">'
        f"<p>{p[0]}</p><p>{credit}</p><p>{p[1]}</p>{post}<h2>{c.lang.heading}</h2>"
        f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p><p>{staff}</p></div></article>"
    )
    assert _body(c.lang, main) == _expected(c.lang)


# "Read also" lines without a link (the link is set by a script, or the headline is plain text)
# in languages whose label the body rules did not know, between the paragraphs of a story in
# that language: Indonesian, Hindi, Portuguese.
READ_ALSO_STORIES = {
    "id": ("Baca juga: Harga beras naik di pasar tradisional", (
        "Dewan kota pada hari Selasa menyetujui perluasan jaringan bus malam dengan empat rute "
        "baru yang beroperasi hingga pukul tiga pagi.",
        "Menurut pejabat kota, perubahan itu menelan biaya sekitar dua miliar rupiah per tahun "
        "dan menjawab keluhan pekerja rumah sakit.",
        "Penentang rencana itu menilai dana tersebut lebih baik dipakai untuk memperbaiki halte "
        "yang sudah ada, banyak di antaranya tanpa atap.",
        "Dinas perhubungan menyatakan rute baru akan dibuka pada bulan Maret setelah perekrutan "
        "sopir selesai.")),
    "hi": ("यह भी पढ़ें: बाज़ार में चावल के दाम फिर बढ़े", (
        "नगर परिषद ने मंगलवार को रात्रि बस नेटवर्क के विस्तार को मंज़ूरी दी, जिसमें चार नए मार्ग "
        "जोड़े जाएंगे जो सुबह तीन बजे तक चलेंगे।",
        "अधिकारियों के अनुसार इस बदलाव पर हर साल लगभग दो करोड़ रुपये खर्च होंगे और यह अस्पताल "
        "कर्मचारियों की शिकायतों का जवाब है।",
        "विरोधियों का कहना है कि यह पैसा मौजूदा बस स्टॉप की मरम्मत पर खर्च होना चाहिए, जिनमें से "
        "कई पर छत तक नहीं है।",
        "परिवहन विभाग ने कहा कि ड्राइवरों की भर्ती पूरी होने के बाद मार्च में नए मार्ग शुरू होंगे।")),
    "pt": ("Leia também: Preço do arroz volta a subir nos mercados", (
        "A câmara municipal aprovou na terça-feira a ampliação da rede de ônibus noturnos, com "
        "quatro novas linhas que circularão até as três da manhã.",
        "Segundo as autoridades, a mudança custará cerca de dois milhões de reais por ano e "
        "responde a queixas de trabalhadores de hospitais.",
        "Os críticos afirmam que o dinheiro deveria ser usado para reformar os pontos existentes, "
        "muitos deles sem cobertura.",
        "A secretaria de transportes informou que as novas linhas começarão em março, após a "
        "contratação dos motoristas.")),
}


STORY_TITLES = {"id": "Dewan kota setujui rute bus malam baru", "pt": "Prefeitura amplia rede de ônibus noturnos",
                "hi": "नगर परिषद ने रात्रि बस नेटवर्क को मंज़ूरी दी", "ar": AR.title}


def _news_story(code: str, text: str, before: str = "") -> Article:
    """extract() of a story in language `code`: its headline, `before` (between the headline and
    the text's box), and the box holding `text` (HTML)."""
    html = (f'<html lang="{code}"><body><article><h1>{STORY_TITLES[code]}</h1>{before}'
            f'<div class="story-body">{text}</div></article></body></html>')
    return extract(html.encode(), "https://news.example.org/2024/05/12/x")


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _body_of(code: str, text: str, before: str = "") -> list[str]:
    return [b.text for b in _news_story(code, text, before).body]


@pytest.mark.parametrize("code", sorted(READ_ALSO_STORIES))
def test_an_unlinked_read_also_line_between_paragraphs_is_not_body(code: str) -> None:
    line, paras = READ_ALSO_STORIES[code]
    assert _body_of(code, _paragraphs(paras[0], paras[1], line, paras[2], paras[3])) == list(paras)


# Calls to follow the publisher on a channel, in Indonesian, Portuguese and Turkish (the
# stories of READ_ALSO_STORIES; Turkish after the Indonesian story's text)
FOLLOW_CALLS = [
    ("id", "Ikuti berita terkini dari Contoh News di Google News."),
    ("id", "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran WhatsApp."),
    ("pt", "Siga o Exemplo Notícias no Google News e receba as principais notícias do dia."),
    ("id", "Bizi Google News üzerinden takip edin."),
]


@pytest.mark.parametrize("code, call", FOLLOW_CALLS)
def test_a_call_to_follow_the_site_in_more_languages_is_not_body(code: str, call: str) -> None:
    _, paras = READ_ALSO_STORIES[code]
    assert _body_of(code, _paragraphs(paras[0], paras[1], call, paras[2], paras[3])) == list(paras)


@pytest.mark.parametrize("code, sentence", [
    ("id", "Polisi meminta warga mengikuti informasi resmi, bukan pesan berantai yang beredar di "
           "WhatsApp."),
    ("pt", "O governo pediu que a população siga as orientações oficiais divulgadas pelo "
           "aplicativo do ministério."),
])
def test_a_sentence_that_names_a_channel_stays(code: str, sentence: str) -> None:
    _, paras = READ_ALSO_STORIES[code]
    text = [paras[0], paras[1], sentence, paras[2], paras[3]]
    assert _body_of(code, _paragraphs(*text)) == text


# A paywall's prompt printed where the free part of the text ends, in more languages (after the
# Indonesian story's text: the rule reads the prompt, not the story's language)
PAYWALL_PROMPTS = [
    "Questo articolo è riservato agli abbonati. Sei già abbonato? Accedi",
    "Conteúdo exclusivo para assinantes. Já é assinante? Entre",
    "Artykuł dostępny tylko dla subskrybentów. Masz już subskrypcję? Zaloguj się",
    "Bu içerik abonelere özeldir. Zaten abone misiniz? Giriş yapın",
    "Artikel ini khusus pelanggan. Sudah berlangganan? Masuk",
    "Этот материал только для подписчиков. Уже подписчик? Войдите",
    "هذا المحتوى للمشتركين فقط. مشترك بالفعل؟ سجل الدخول",
]


@pytest.mark.parametrize("prompt", PAYWALL_PROMPTS)
def test_a_paywall_prompt_in_more_languages_is_not_body(prompt: str) -> None:
    _, paras = READ_ALSO_STORIES["id"]
    assert _body_of("id", _paragraphs(*paras, prompt)) == list(paras)


def test_a_long_sentence_that_holds_a_paywall_phrase_stays() -> None:
    _, paras = READ_ALSO_STORIES["pt"]
    sentence = ("A prefeitura informou que o novo cartão será exclusivo para assinantes do "
                "transporte público a partir de março, quando a tarifa anual entrar em vigor para "
                "todos os moradores da cidade e dos municípios vizinhos, segundo nota divulgada "
                "ontem à noite pela secretaria de transportes.")
    assert _body_of("pt", _paragraphs(*paras, sentence)) == [*paras, sentence]


# The labels of a date line whose dates sit in <time> elements, left as a paragraph of their
# own once the dates are read: Indonesian, Portuguese, Russian, Turkish
DATE_LABELS = [
    ("id", "Diterbitkan: {t1} | Diperbarui: {t2}"),
    ("pt", "Publicado em {t1} | Atualizado em {t2}"),
    ("id", "Опубликовано: {t1} | Обновлено: {t2}"),
    ("pt", "Yayınlanma: {t1} | Güncelleme: {t2}"),
]


@pytest.mark.parametrize("code, line", DATE_LABELS)
def test_the_labels_of_a_date_line_in_more_languages_are_not_body(code: str, line: str) -> None:
    _, paras = READ_ALSO_STORIES[code]
    stamps = line.format(t1='<time datetime="2024-03-12T10:30">12.03.2024 10:30</time>',
                         t2='<time datetime="2024-03-12T11:45">12.03.2024 11:45</time>')
    article = _news_story(code, _paragraphs(stamps, *paras))
    assert [b.text for b in article.body] == list(paras)
    assert article.published is not None and article.published.date().isoformat() == "2024-03-12"


def test_a_short_heading_in_portuguese_stays() -> None:
    """"Em 2024" ("In 2024") in the middle of the text is a sub-heading, not the label of a date
    line: "em" counts only after "publicado" or "atualizado"."""
    _, paras = READ_ALSO_STORIES["pt"]
    more = ("O número de passageiros noturnos cresceu quase um terço desde a reabertura das "
            "estações centrais, segundo a empresa.",
            "As novas linhas também atenderão bairros da periferia que hoje dependem de táxis e "
            "aplicativos de transporte.",
            "A prefeitura promete publicar os horários completos no site oficial antes da "
            "inauguração.")
    text = [paras[0], paras[1], paras[2], "Em 2024", paras[3], *more]
    blocks = "".join(f"<h2>{t}</h2>" if t == "Em 2024" else f"<p>{t}</p>" for t in text)
    assert _body_of("pt", blocks) == text


# A sub-heading that names a year, second in the text or among its last three blocks, where
# datelines printed around the text are dropped
YEAR_HEADINGS = [
    ("pt", "O que muda em 2024"),
    ("id", "Anggaran 2024 naik dua kali lipat"),
    ("ar", "ماذا يتغير في 2024"),
]


@pytest.mark.parametrize("code, heading", YEAR_HEADINGS)
@pytest.mark.parametrize("place", ["start", "end"])
def test_a_sub_heading_that_names_a_year_stays(code: str, heading: str, place: str) -> None:
    paras = AR.paras[:4] if code == "ar" else READ_ALSO_STORIES[code][1]
    text = ([paras[0], heading, *paras[1:]] if place == "start"
            else [*paras[:3], heading, paras[3]])
    blocks = "".join(f"<h2>{t}</h2>" if t == heading else f"<p>{t}</p>" for t in text)
    assert _body_of(code, blocks) == text


@pytest.mark.parametrize("line", ["Jumat, 03.05.2024, 14:12 WIB", "الجمعة 03.05.2024 - 14:12",
                                  "3 de maio de 2024 às 14:12"])
def test_a_dateline_printed_as_a_heading_above_the_text_is_not_body(line: str) -> None:
    _, paras = READ_ALSO_STORIES["pt"]
    assert _body_of("pt", f"<h4>{line}</h4>" + _paragraphs(*paras)) == list(paras)


# The standfirst above the text, named as newsrooms name it in Turkish ("spot"), Portuguese
# ("linha fina"), Spanish ("bajada"), Italian ("sommario") and Czech ("perex")
STANDFIRSTS = {"id": "Empat rute baru akan beroperasi hingga pukul tiga pagi mulai bulan Maret.",
               "pt": "Quatro novas linhas vão circular até as três da manhã a partir de março."}


@pytest.mark.parametrize("cls, code", [("news-spot", "id"), ("linha-fina", "pt"), ("bajada", "pt"),
                                       ("sommario", "pt"), ("perex", "id")])
def test_the_standfirst_named_in_more_languages_is_the_dek(cls: str, code: str) -> None:
    _, paras = READ_ALSO_STORIES[code]
    dek = STANDFIRSTS[code]
    article = _news_story(code, _paragraphs(*paras), before=f'<p class="{cls}">{dek}</p>')
    assert article.dek == dek


def test_an_ad_spot_above_the_text_is_no_dek() -> None:
    _, paras = READ_ALSO_STORIES["id"]
    ad = '<div class="ad-spot">Advertisement - scroll down to continue reading</div>'
    assert _news_story("id", _paragraphs(*paras), before=ad).dek is None


def test_a_paragraph_of_prose_that_opens_with_the_label_stays() -> None:
    """The label opens a line of its own; prose that happens to open with it is text."""
    line, paras = READ_ALSO_STORIES["id"]
    prose = ("Baca juga pernyataan lengkap dewan kota yang dimuat di situs resmi pemerintah, "
             "yang menjelaskan jadwal, biaya dan cara warga menyampaikan keberatan mereka terhadap "
             "rencana perluasan jaringan bus malam sebelum akhir bulan depan.")
    text = [paras[0], paras[1], prose, paras[2], paras[3]]
    assert _body_of("id", _paragraphs(*text)) == text


# A wire desk's staff line in other languages, printed in brackets after the text, as the
# English "(Reporting by …; Editing by …)" is.
BRACKETED_STAFF = {
    "ar": "(إعداد أنس البار للنشرة العربية - تحرير محمد حسن)",
    "de": "(Bericht von Max Muster, redigiert von Jana Berger)",
    "ru": "(Подготовила Анна Иванова; редактор Иван Петров)",
}
RU = Lang(**{**EN.__dict__, "code": "ru", "title": "Сеть ночных автобусов пополнится четырьмя маршрутами",
             "paras": (
    "Городской совет во вторник проголосовал за расширение сети ночных автобусов: четыре новых "
    "маршрута будут ходить по будням до трёх часов ночи.",
    "По словам чиновников, изменение обойдётся примерно в два миллиона рублей в год и отвечает "
    "на жалобы работников больниц и ресторанов.",
    "«Люди, благодаря которым город работает ночью, заслуживают дороги домой», — сказала "
    "депутат Мария Осей.",
    "Противники считают, что деньги лучше потратить на ремонт существующих остановок, у многих "
    "из которых нет ни навеса, ни освещения.",
    "Транспортное ведомство сообщило, что новые маршруты откроются в марте, когда завершится "
    "набор и обучение водителей.",
    "Через год пассажиропоток оценят, и маршруты, на которых ночью ездят меньше двадцати "
    "человек, могут закрыть."),
             "heading": "Что изменится для пассажиров"})


def _story_body(lang: Lang, after: str = "", inserted: str = "") -> str:
    """The story of `lang` in an <article>: its paragraphs and sub-heading, `inserted` after the
    first paragraph, `after` after the last."""
    p = lang.paras
    return (f'<article class="story"><h1>{lang.title}</h1><div class="story-body">'
            f"<p>{p[0]}</p>{inserted}<p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2>"
            f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>{after}</div></article>")


def _ending_with(lang: Lang, line: str) -> Lang:
    """The story of `lang` with `line` as its last paragraph."""
    return Lang(**{**lang.__dict__, "paras": (*lang.paras[:5], line)})


@pytest.mark.parametrize("lang", [AR, DE, RU], ids=["ar", "de", "ru"])
def test_a_bracketed_staff_line_in_another_language_is_not_body(lang: Lang) -> None:
    main = _story_body(lang, after=f"<p>{BRACKETED_STAFF[lang.code]}</p>")
    assert _body(lang, main) == _expected(lang)


@pytest.mark.parametrize("lang, line", [
    # a bracketed note that is no staff line
    (AR, "(ملاحظة المحرر: تم تحديث هذا الخبر بعد التصويت.)"),
    (DE, "(Hinweis der Redaktion: Dieser Artikel wurde nach der Abstimmung aktualisiert.)"),
    # the staff words opening a sentence without brackets
    (AR, "إعداد الخطة استغرق عامين كاملين من المشاورات مع السكان والنقابات."),
    (DE, "Bericht von der Sitzung: Der Rat hat auch über die Preise der Monatskarten beraten."),
])
def test_a_line_like_a_staff_line_that_is_text_stays(lang: Lang, line: str) -> None:
    story = _ending_with(lang, line)
    assert _body(story, _story_body(story)) == _expected(story)


@pytest.mark.parametrize("line", [
    "Source: the council said the plan would cost about $2.4 million a year.",
    "المصدر: قال المجلس إن الخطة ستكلف نحو مليوني دولار سنوياً.",
    "Quelle der Zahlen ist die Verwaltung: 2,4 Millionen Euro im Jahr.",
])
def test_a_sentence_that_opens_with_a_label_stays(line: str) -> None:
    lang = {"S": EN, "ا": AR, "Q": DE}[line[0]]
    story = Lang(**{**lang.__dict__, "paras": (*lang.paras[:3], line, *lang.paras[4:])})
    c = next(c for c in CALLS if c.lang.code == lang.code)
    assert _body(story, _story(Calls(**{**c.__dict__, "lang": story}))) == _expected(story)


# A "latest news" box after the text: a heading whose first item carries a relative time stamp,
# then other stories' headlines and blurbs.
LATEST = {
    "en": ("Happening now", "3 minutes ago",
           "The harbour authority confirmed the new timetable for the winter season."),
    "ar": ("يحدث الآن", "منذ 3 دقائق", "أكدت هيئة الميناء الجدول الزمني الجديد لموسم الشتاء."),
    "de": ("Gerade passiert", "vor 3 Minuten",
           "Die Hafenbehörde hat den neuen Fahrplan für die Wintersaison bestätigt."),
    "zh": ("正在发生", "3分钟前", "港务局确认了冬季的新时刻表，新的航线将于下月开通。"),
}


@pytest.mark.parametrize("c", CALLS, ids=IDS)
def test_a_latest_news_box_after_the_text_is_not_body(c: Calls) -> None:
    head, stamp, blurb = LATEST[c.lang.code]
    box = (f"<div><h2>{head}</h2><div><span>{stamp}</span></div><h3>{c.lang.teaser}</h3>"
           f"<p>{blurb}</p></div>")
    assert _body(c.lang, _story(c, after=box)) == _expected(c.lang)


def test_a_czech_latest_box_after_the_text_is_not_body() -> None:
    cs = Lang(**{**EN.__dict__, "code": "cs", "title": "Síť nočních autobusů rozšíří čtyři linky",
                 "paras": (
        "Městská rada v úterý odhlasovala rozšíření sítě nočních autobusů o čtyři nové linky.",
        "Podle úředníků změna stojí zhruba dva miliony korun ročně a reaguje na stížnosti "
        "zdravotníků a zaměstnanců restaurací.",
        "„Lidé, kteří toto město v noci udržují v chodu, si zaslouží cestu domů,“ řekla radní.",
        "Odpůrci namítali, že peníze by bylo lepší vydat na opravu stávajících zastávek.",
        "Nové linky mají začít jezdit v březnu, až budou řidiči přijati a vyškoleni.",
        "Po roce se vyhodnotí počet cestujících a málo využívané linky mohou být zrušeny.",
    ), "heading": "Kdo to zaplatí"})
    c = Calls(**{**CALLS[0].__dict__, "lang": cs})
    box = ("<div><h2>Právě se děje</h2><p>před 3 minutami</p><h3>Praha postaví nové byty</h3>"
           "<p>Podél Radlické ulice vzniknou dva domy s až 266 družstevními byty.</p></div>")
    assert _body(cs, _story(c, after=box)) == _expected(cs)


END_LINES = {
    "en": ["Story continues below advertisement", "© 2026 Example News. All rights reserved.",
           "Tags: buses, council, night shifts", "Have a news tip? Email us at tips@example.org",
           "Do you have a story tip? Email: newsroom@example.org."],
    "ar": ["© 2026 أخبار المثال. جميع الحقوق محفوظة.", "الكلمات المفتاحية: الحافلات، المجلس"],
    "de": ["© 2026 Beispiel-Zeitung. Alle Rechte vorbehalten.", "Schlagworte: Busse, Stadtrat"],
    "zh": ["© 2026 示例新闻 版权所有", "标签：公交，市议会"],
}


@pytest.mark.parametrize("c", CALLS, ids=lambda c: c.lang.code)
def test_ad_placeholders_copyright_tag_and_tip_lines_are_not_body(c: Calls) -> None:
    """An ad's placeholder between paragraphs, and a copyright line, a labelled tag list or a
    call for tips after the text: the page's, not the story's."""
    for line in END_LINES[c.lang.code]:
        assert _body(c.lang, _story(c, before_heading=f"<p>{line}</p>")) == _expected(c.lang), line
        assert _body(c.lang, _story(c, after=f"<p>{line}</p>")) == _expected(c.lang), line


# A rights notice after the text, inside the text's box: the wire's notice, the syndication's
# translator and copyright, a Korean paper's "<저작권자 ⓒ …, 무단전재 및 재배포 금지>" (after a
# Chinese story: the same page shape), a Russian reuse notice, an Indian paper's agency credit.
RIGHTS_NOTICES = [
    (EN, "Copyright 2026 The Associated Press. All rights reserved. This material may not be "
         "published, broadcast, rewritten or redistributed."),
    (EN, "(With inputs from PTI)"),
    (AR, "جميع الحقوق محفوظة لموقع أخبار المثال 2026"),
    (AR, "© 2026 أخبار المثال"),
    (DE, "Aus dem Englischen von Jan Muster. Copyright: Project Syndicate, 2026"),
    (DE, "Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung der Redaktion."),
    (ZH, "<저작권자 ⓒ 예시뉴스, 무단전재 및 재배포 금지>"),
    (ZH, "版权所有，未经许可不得转载。"),
    (RU, "При полном или частичном использовании материалов ссылка на «Пример Новости» обязательна."),
]


@pytest.mark.parametrize("lang, notice", RIGHTS_NOTICES, ids=[f"{l.code}-{i}" for i, (l, _) in
                                                            enumerate(RIGHTS_NOTICES)])
def test_a_rights_notice_after_the_text_is_not_body(lang: Lang, notice: str) -> None:
    assert _body(lang, _story_body(lang, after=f"<p>{notice}</p>")) == _expected(lang)


@pytest.mark.parametrize("lang, line", [
    # the last sentence speaks of copyright, or holds the sign inside it
    (EN, "The band said the recordings were protected by copyright and would not be released."),
    (EN, "This isn't supposed to be a manifesto™© we just think it's worth sharing what we learned."),
    (AR, "وقال المحامي إن حقوق النشر محفوظة للفرقة وحدها ولن تُنشر التسجيلات."),
    (DE, "Die Band erklärte, die Aufnahmen seien urheberrechtlich geschützt, das Copyright liege bei ihr."),
    # a sentence that opens with "With input from"
    (EN, "With input from residents, the council redrew two of the routes before the vote."),
])
def test_a_last_sentence_that_speaks_of_copyright_stays(lang: Lang, line: str) -> None:
    story = _ending_with(lang, line)
    assert _body(story, _story_body(story)) == _expected(story)


# A video player embedded between the paragraphs, its title printed under it as a paragraph
PLAYER_TITLES = {
    "en": "Watch: the night bus on its first test run (2:15)",
    "ar": "فيديو: الحافلة الليلية في أول رحلة تجريبية",
    "de": "Video: Der Nachtbus bei seiner ersten Testfahrt",
    "ru": "Видео: ночной автобус на первом испытании",
}


@pytest.mark.parametrize("lang", [EN, AR, DE, RU], ids=["en", "ar", "de", "ru"])
def test_a_players_title_between_the_paragraphs_is_not_body(lang: Lang) -> None:
    player = ('<div class="embed"><iframe src="https://player.example.net/v/1"></iframe>'
              f"<p>{PLAYER_TITLES[lang.code]}</p></div>")
    assert _body(lang, _story_body(lang, inserted=player)) == _expected(lang)


@pytest.mark.parametrize("lang, line", [
    # a sentence that only opens with the word
    (EN, "Watch the council's live stream tonight to see how each member votes on the plan."),
    # the label opening a long paragraph
    (EN, "Video: footage shared by a passenger shows the first bus leaving the depot shortly "
         "after midnight, its windows lit and its destination board already showing the new "
         "route numbers that the council approved on Tuesday after a long debate."),
    (AR, "فيديو: تُظهر لقطات نشرها أحد الركاب أول حافلة تغادر المرآب بعد منتصف الليل بقليل، "
         "ونوافذها مضاءة ولوحة وجهتها تعرض أرقام الخطوط الجديدة التي أقرها المجلس يوم الثلاثاء "
         "بعد نقاش طويل استمر ساعات."),
])
def test_a_paragraph_that_opens_like_a_players_title_stays(lang: Lang, line: str) -> None:
    story = _ending_with(lang, line)
    assert _body(story, _story_body(story)) == _expected(story)
