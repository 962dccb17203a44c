"""Body extraction on layouts the dev set under-represents (issue 17, item 3).

Every page here is of our own making: one short news story (night buses) written in English,
Arabic, German and Chinese (Hindi and Urdu for their full stops), wrapped in the markups that
broke bodies on unseen sites: a body split into chunks around ads, teasers, "Read more"
pointers, story cards, link boxes and newsletter boxes; furniture after the text (rating
prompts, captcha, notification opt-ins, share bars, tags, author cards, "Most read",
comments, links to the next article); furniture before it (breadcrumb, kicker, byline,
dateline, "Listen to this article", reading time); pull quotes; sub-headings set in bold.
The expected body is exactly the story's paragraphs and sub-heading, in order, text as
written. Each markup's docstring says what it stands for.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from crawler.extract import extract

URL = "https://news.example.org/2026/03/12/night-buses.html"


@dataclass(frozen=True)
class Lang:
    code: str
    dir: str
    title: str
    paras: tuple[str, ...]
    heading: str
    author: str
    by: str  # byline as printed, with its prefix and separator
    read_more: str  # label of an in-text pointer to another story
    teaser: str  # another story's headline
    like: str  # "Do you like this article?"
    captcha: str
    notify: str  # a push-notification opt-in
    tags: str  # label before the tag links
    tag_words: tuple[str, str]
    most_read: str
    newsletter: tuple[str, str]  # box heading and blurb
    subscribe: str  # button
    listen: str
    read_time: str
    bio: str  # author bio sentence
    comments: str
    comment: str
    dateline: str
    section: str
    pull: str  # a pull quote: the quotation of the third paragraph, in its own quote marks
    # (ending with a full stop where the paragraph goes on with a comma: "…way home,” said)


EN = Lang(
    "en", "ltr", "Night bus network to grow by four routes",
    (
        "The city council voted on Tuesday to expand the night bus network, adding four routes "
        "that will run until 3 a.m. on weekdays.",
        "Officials said the change, which costs about $2.4 million a year, responds to complaints "
        "from hospital and restaurant workers whose shifts end after the last trains.",
        "“People who keep this city running at night deserve a way home,” said councillor Maria "
        "Osei, who sponsored the measure.",
        "Opponents argued that the money would be better spent on repairing existing stops, many "
        "of which lack shelters or lighting.",
        "The new routes are due to start in March, once drivers have been hired and trained, the "
        "transport authority said.",
        "A review of ridership is planned after one year, and routes with fewer than 20 "
        "passengers a night may be cut.",
    ),
    "Who pays for it", "Jane Doe", "By Jane Doe |", "Read more:",
    "Harbour ferry fares to rise in the spring", "Do you like this article?", "Captcha *",
    "I want you to always send me Example News notifications", "Tags:",
    ("Transport", "City council"), "Most read",
    ("Get our morning briefing", "The day's top stories in your inbox every morning."),
    "Sign up", "Listen to this article", "4 min read",
    "Jane Doe covers transport and city politics. She joined the paper in 2015 after ten "
    "years at a regional radio station.",
    "3 comments", "Great news for night workers, finally! Took them long enough.",
    "Published 12 March 2026, 10:32", "Transport",
    "“People who keep this city running at night deserve a way home.”",
)

AR = Lang(
    "ar", "rtl", "توسيع شبكة الحافلات الليلية بأربعة خطوط جديدة",
    (
        "صوّت مجلس المدينة يوم الثلاثاء على توسيع شبكة الحافلات الليلية، بإضافة أربعة خطوط "
        "جديدة تعمل حتى الساعة الثالثة فجراً.",
        "وقال مسؤولون إن القرار، الذي تبلغ كلفته نحو مليوني دولار سنوياً، جاء استجابةً لشكاوى "
        "العاملين في المستشفيات والمطاعم.",
        "وقالت عضوة المجلس مريم الأحمد: «من يُبقي هذه المدينة تعمل ليلاً يستحق طريقاً آمناً إلى "
        "بيته».",
        "في المقابل، تساءل معارضون: لماذا لا تُنفق الأموال على إصلاح المحطات القائمة التي يفتقر "
        "كثير منها إلى المظلات والإنارة؟",
        "ومن المقرر أن تبدأ الخطوط الجديدة في آذار/مارس، بعد تعيين السائقين وتدريبهم، بحسب "
        "هيئة النقل.",
        "وستُجرى مراجعة لعدد الركاب بعد عام، وقد تُلغى الخطوط التي يقل عدد ركابها عن عشرين "
        "راكباً في الليلة.",
    ),
    "من يدفع الكلفة؟", "أنس البار", "بقلم أنس البار |", "اقرأ أيضاً:",
    "ارتفاع أسعار تذاكر العبارات في الربيع", "هل أعجبك هذا المقال؟", "رمز التحقق *",
    "أريد أن تصلني إشعارات موقع الأخبار دائماً", "الكلمات المفتاحية:",
    ("النقل", "مجلس المدينة"), "الأكثر قراءة",
    ("اشترك في نشرتنا الصباحية", "أهم أخبار اليوم في بريدك الإلكتروني كل صباح."),
    "اشترك", "استمع إلى هذا المقال", "3 دقائق قراءة",
    "أنس البار صحافي يغطي شؤون النقل والبلديات، وانضم إلى الصحيفة عام 2015 بعد عشر سنوات في "
    "إذاعة محلية.",
    "3 تعليقات", "خبر رائع للعاملين ليلاً، أخيراً! لقد تأخروا كثيراً.",
    "نشر في 12 آذار/مارس 2026، 10:32", "النقل",
    "«من يُبقي هذه المدينة تعمل ليلاً يستحق طريقاً آمناً إلى بيته»",
)

DE = Lang(
    "de", "ltr", "Nachtbusnetz wächst um vier Linien",
    (
        "Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz auszubauen: Vier neue Linien "
        "sollen werktags bis 3 Uhr morgens fahren.",
        "Die Änderung kostet rund 2,4 Millionen Euro im Jahr und ist nach Angaben der Verwaltung "
        "eine Antwort auf Beschwerden von Beschäftigten in Kliniken und Gaststätten.",
        "„Wer diese Stadt nachts am Laufen hält, verdient einen sicheren Heimweg“, sagte "
        "Stadträtin Maria Osei.",
        "Kritiker hielten dagegen, das Geld sei besser in die Sanierung bestehender Haltestellen "
        "investiert, von denen viele weder Dach noch Beleuchtung haben.",
        "Die neuen Linien sollen im März starten, sobald Fahrerinnen und Fahrer eingestellt und "
        "geschult sind.",
        "Nach einem Jahr werden die Fahrgastzahlen überprüft; Linien mit weniger als 20 "
        "Fahrgästen pro Nacht könnten wieder gestrichen werden.",
    ),
    "Wer das bezahlt", "Jana Berger", "Von Jana Berger |", "Lesen Sie auch:",
    "Fährpreise im Hafen steigen im Frühjahr", "Hat Ihnen dieser Artikel gefallen?",
    "Captcha *", "Ich möchte immer Benachrichtigungen von Beispiel-Nachrichten erhalten",
    "Schlagworte:", ("Verkehr", "Stadtrat"), "Meistgelesen",
    ("Unser Morgen-Newsletter", "Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach."),
    "Abonnieren", "Artikel anhören", "3 Min. Lesezeit",
    "Jana Berger schreibt über Verkehr und Stadtpolitik. Sie kam 2015 nach zehn Jahren beim "
    "Regionalradio zur Zeitung.",
    "3 Kommentare", "Endlich gute Nachrichten für alle, die nachts arbeiten! Hat lange gedauert.",
    "Veröffentlicht am 12.03.2026, 10:32 Uhr", "Verkehr",
    "„Wer diese Stadt nachts am Laufen hält, verdient einen sicheren Heimweg.“",
)

ZH = Lang(
    "zh", "ltr", "夜间公交网络新增四条线路",
    (
        "市议会周二投票决定扩大夜间公交网络，新增四条线路，工作日运营至凌晨三点。",
        "官员表示，这项每年耗资约二百四十万元的调整，是为了回应医院和餐馆员工的投诉，他们的班次往往在末班地铁之后才结束。",
        "提出该议案的议员玛丽亚说：“让这座城市在夜间运转的人，理应有一条回家的路。”",
        "反对者则认为，这笔钱更应该用于修缮现有车站，其中许多车站既没有遮雨棚也没有照明。",
        "交通管理部门称，新线路将于三月开通，届时司机的招聘和培训工作将会完成。",
        "一年后将对客流量进行评估，每晚乘客少于二十人的线路可能会被取消。",
    ),
    "谁来买单", "王小明", "记者 王小明 |", "延伸阅读：",
    "港口渡轮票价春季上调", "您喜欢这篇文章吗？", "验证码 *", "我希望始终接收新闻网的推送通知",
    "标签：", ("交通", "市议会"), "阅读排行",
    ("订阅早间简报", "每天早上把最重要的新闻发送到您的邮箱。"),
    "订阅", "收听本文", "阅读时间：3分钟",
    "王小明是本报交通与城市政治记者，2015年加入本报，此前在地方电台工作十年。",
    "3条评论", "终于有好消息了，夜班工人辛苦了！早该如此。",
    "发布时间：2026-03-12 10:32", "交通",
    "“让这座城市在夜间运转的人，理应有一条回家的路。”",
)

LANGS = [EN, AR, DE, ZH]


def _page(lang: Lang, main: str) -> str:
    """A whole page: site header and navigation, the article markup, a site footer."""
    return (
        f'<!DOCTYPE html><html lang="{lang.code}" dir="{lang.dir}"><head><meta charset="utf-8">'
        f'<meta name="author" content="{lang.author}">'
        f"<title>{lang.title} - Example News</title></head><body>"
        '<header class="site-header"><a href="/">Example News</a><nav><ul>'
        '<li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>'
        f"{main}"
        '<footer class="site-footer"><p>© 2026 Example News. All rights reserved.</p></footer>'
        "</body></html>"
    )


def _expected(lang: Lang) -> list[tuple[str, str]]:
    p = lang.paras
    return [("p", p[0]), ("p", p[1]), ("p", p[2]), ("h", lang.heading), ("p", p[3]),
            ("p", p[4]), ("p", p[5])]


def _body(lang: Lang, main: str) -> list[tuple[str, str]]:
    art = extract(_page(lang, main).encode("utf-8"), URL)
    return [(b.kind, b.text) for b in art.body]


def _teaser_box(lang: Lang, cls: str) -> str:
    return (f'<div class="{cls}"><a href="/2026/03/11/ferries.html"><img src="/f.jpg" alt="">'
            f"<span>{lang.teaser}</span></a></div>")


# ------------------------------------------------------------------- split bodies and inserts

def split_chunks(lang: Lang) -> str:
    """Body in three same-class chunks with an ad and a related-story box between them."""
    p = lang.paras
    return (
        f"<article><h1>{lang.title}</h1>"
        f'<div class="article-body"><p>{p[0]}</p><p>{p[1]}</p></div>'
        '<div class="ad-container"><span>Advertisement</span></div>'
        f'<div class="article-body"><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p></div>'
        + _teaser_box(lang, "related-story")
        + f'<div class="article-body"><p>{p[4]}</p><p>{p[5]}</p></div></article>'
    )


def inline_inserts(lang: Lang) -> str:
    """One container; inside it a "Read more" pointer, a list of teaser links and a
    newsletter box with a sign-up field, between the paragraphs. No telling class names."""
    p = lang.paras
    return (
        f'<main><h1>{lang.title}</h1><div class="c-main">'
        f"<p>{p[0]}</p>"
        f"<p><strong>{lang.read_more}</strong> "
        f'<a href="/2026/03/11/ferries.html">{lang.teaser}</a></p>'
        f"<p>{p[1]}</p>"
        f'<div class="box"><ul><li><a href="/a.html">{lang.teaser}</a></li>'
        f'<li><a href="/b.html">{lang.title}?</a></li></ul></div>'
        f"<p>{p[2]}</p><h3>{lang.heading}</h3><p>{p[3]}</p>"
        f'<div class="box box--alt"><h3>{lang.newsletter[0]}</h3><p>{lang.newsletter[1]}</p>'
        f'<input type="email" name="email" placeholder="you@example.org">'
        f"<button>{lang.subscribe}</button></div>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div></main>"
    )


def classless_sections(lang: Lang) -> str:
    """Body split over classless sections, a link-only teaser card between them."""
    p = lang.paras
    return (
        f"<main><h1>{lang.title}</h1>"
        f"<section><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p></section>"
        f'<section><a href="/2026/03/11/ferries.html"><img src="/f.jpg" alt=""></a>'
        f'<a href="/2026/03/11/ferries.html">{lang.teaser}</a></section>'
        f"<section><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p></section>"
        "</main>"
    )


# ------------------------------------------------------------------------ after the end

def rating_captcha(lang: Lang) -> str:
    """The seed's ending: a rating prompt, a captcha field and notification opt-ins, inside
    the same container as the text."""
    p = lang.paras
    return (
        f'<div class="page"><h1>{lang.title}</h1><div class="text">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p>"
        f'<div class="vote"><p>{lang.like}</p><button>+</button><button>-</button></div>'
        f'<div class="form-row"><p>{lang.captcha}</p><input type="text" name="code"></div>'
        f'<div class="opt"><label><input type="checkbox"> {lang.notify}</label>'
        f'<div><input type="checkbox" id="n2"><span>{lang.notify}?</span></div></div>'
        "</div></div>"
    )


def furniture_after(lang: Lang) -> str:
    """After the text, inside the <article>: share buttons, tag links, an author card with a
    rel=author link, a "Most read" list and a comment."""
    p = lang.paras
    return (
        f"<article><h1>{lang.title}</h1><div>"
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div>"
        '<div class="bar"><button>Facebook</button><button>X</button><button>E-mail</button></div>'
        f'<div class="t"><span>{lang.tags}</span> <a href="/t/1">{lang.tag_words[0]}</a> '
        f'<a href="/t/2">{lang.tag_words[1]}</a></div>'
        f'<div class="card"><img src="/jane.jpg" alt=""><h4><a rel="author" href="/people/1">'
        f"{lang.author}</a></h4><p>{lang.bio}</p></div>"
        f'<div class="list"><h2>{lang.most_read}</h2><ol><li><a href="/1">{lang.teaser}</a></li>'
        f'<li><a href="/2">{lang.title}!</a></li></ol></div>'
        f'<section id="comments"><h3>{lang.comments}</h3><p>{lang.comment}</p></section>'
        "</article>"
    )


def schema_author_after(lang: Lang) -> str:
    """An author box marked up with schema.org Person after the text, in the text's own
    container."""
    p = lang.paras
    return (
        f'<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">'
        f'{lang.title}</h1><div class="story-text">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p>"
        f'<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<span itemprop="name">{lang.author}</span><p itemprop="description">{lang.bio}</p></div>'
        "</div></article>"
    )


# ------------------------------------------------------------------------ before the start

def byline_paragraph(lang: Lang) -> str:
    """A byline with a label and the author's desk, printed as a plain paragraph before the
    text (the author's name is in the page's metadata)."""
    p = lang.paras
    byline = {"en": f"Analysis by {lang.author}, transport correspondent",
              "ar": f"تحليل بقلم {lang.author}، مراسل شؤون النقل",
              "de": f"Eine Analyse von {lang.author}, Verkehrsredaktion",
              "zh": f"本报记者 {lang.author} 报道"}[lang.code]
    return (
        f'<div class="main"><h1>{lang.title}</h1><div class="content">'
        f"<p>{byline}</p>"
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div></div>"
    )


def byline_at_end(lang: Lang) -> str:
    """The signature printed as the last paragraph, as many sites do."""
    p = lang.paras
    sign = {"en": f"{lang.author}, Example News, jane.doe@example.org",
            "ar": f"{lang.author} - موقع الأخبار",
            "de": f"{lang.author} / Beispiel-Nachrichten",
            "zh": f"（记者 {lang.author} 编辑 李华）"}[lang.code]
    return (
        f"<article><h1>{lang.title}</h1><div>"
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p><p>{sign}</p></div></article>"
    )


POLICY = {
    "en": "Please keep your comments on topic. Insults, threats and external links are removed, "
          "and there is no right to have a comment published.",
    "ar": "يرجى الالتزام بموضوع المقال في تعليقاتكم. تُحذف الإهانات والتهديدات والروابط "
          "الخارجية، ولا يحق المطالبة بنشر أي تعليق.",
    "de": "Bitte bleiben Sie beim Thema. Beleidigungen, Drohungen und externe Links werden "
          "entfernt; ein Anspruch auf Veröffentlichung besteht nicht.",
    "zh": "请围绕文章主题发表评论。侮辱、威胁及外部链接将被删除，本站不保证发布所有评论。",
}


def past_the_end(lang: Lang) -> str:
    """After the text, in its container: links to the previous and next articles
    (rel=prev/next), a comment policy printed as a plain paragraph, the comment section."""
    p = lang.paras
    return (
        f'<div class="post"><h1>{lang.title}</h1><div class="post-inner">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p>"
        f'<div class="links"><a rel="prev" href="/2026/03/11/ferries.html">« {lang.teaser}</a> '
        f'<a rel="next" href="/2026/03/13/x.html">{lang.title}? »</a></div>'
        f'<p>{POLICY[lang.code]}</p>'
        f'<div id="comments"><h3>{lang.comments}</h3><p>{lang.comment}</p></div>'
        "</div></div>"
    )


def past_the_end_outside(lang: Lang) -> str:
    """The same ending printed beside the text's wrapper, not inside it."""
    p = lang.paras
    return (
        f'<div class="post"><h1>{lang.title}</h1><div class="post-inner">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div>"
        f'<div class="links"><a rel="prev" href="/2026/03/11/ferries.html">« {lang.teaser}</a> '
        f'<a rel="next" href="/2026/03/13/x.html">{lang.title}? »</a></div>'
        f'<p>{POLICY[lang.code]}</p>'
        f'<div id="comments"><h3>{lang.comments}</h3><p>{lang.comment}</p></div>'
        "</div>"
    )


def comments_unnamed(lang: Lang) -> str:
    """A comment section that no class or id names (CSS-in-JS names say nothing): only its
    title, "3 comments", says where the readers' words start."""
    p = lang.paras
    said = f"{lang.comment} {lang.bio}"
    return (
        f'<div class="k1x2"><h1>{lang.title}</h1><div class="q7r8">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p>"
        f'<div class="m3n4"><h3 class="v5w6">{lang.comments}</h3>'
        + "".join(f'<div class="t9u0"><p class="a1b2">{said} ({i})</p></div>' for i in range(3))
        + "</div></div></div>"
    )


def furniture_before(lang: Lang) -> str:
    """Breadcrumb, kicker, byline, dateline, an audio player prompt and reading time, in the
    same container as the text."""
    p = lang.paras
    return (
        f'<div class="wrap"><div class="col">'
        f'<div class="crumbs"><a href="/">Example News</a> › <a href="/t">{lang.section}</a></div>'
        f"<p>{lang.section}</p><h1>{lang.title}</h1>"
        f"<p>{lang.by}</p><p>{lang.dateline}</p>"
        f'<div class="player"><button>▶</button><span>{lang.listen}</span></div>'
        f"<p>{lang.read_time}</p>"
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div></div>"
    )


# ------------------------------------------------------------- pointers, pull quotes, tails

def labelled_links(lang: Lang) -> str:
    """A "Read more:" pointer and a tag list printed as paragraphs of the text: a label, then
    only links."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="entry-content">'
        f"<p>{p[0]}</p><p>{p[1]}</p>"
        f'<p>{lang.read_more} <a href="/2026/03/11/ferries.html">{lang.teaser}</a></p>'
        f"<p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>"
        f'<p>{lang.tags} <a href="/t/1">{lang.tag_words[0]}</a>, '
        f'<a href="/t/2">{lang.tag_words[1]}</a></p>'
        "</div></article>"
    )


def pull_quote(lang: Lang) -> str:
    """A pull quote repeats a sentence of the text in large type between the paragraphs."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="article__text">'
        f'<p>{p[0]}</p><blockquote class="pq"><p>{lang.pull}</p></blockquote>'
        f"<p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2>"
        f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p></div></article>"
    )


def loose_last_paragraph(lang: Lang) -> str:
    """The last paragraph printed after the text's wrapper instead of inside it (a sign-off
    appended by the CMS): a sibling that continues the text."""
    p = lang.paras
    return (
        f'<div class="layout"><h1>{lang.title}</h1><div class="story-body">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p></div><p>{p[5]}</p>"
        '<div class="list"><a href="/1">1</a> <a href="/2">2</a></div></div>'
    )


def teaser_card(lang: Lang) -> str:
    """A card for another story between the paragraphs: picture, linked headline and a
    summary sentence that is not a link."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="article-content">'
        f"<p>{p[0]}</p><p>{p[1]}</p>"
        f'<div class="card"><a href="/2026/03/11/ferries.html"><img src="/f.jpg" alt=""></a>'
        f'<h3><a href="/2026/03/11/ferries.html">{lang.teaser}</a></h3>'
        f"<p>{lang.newsletter[1]}</p></div>"
        f"<p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>"
        "</div></article>"
    )


def heading_forms(lang: Lang) -> str:
    """The sub-heading as a bold paragraph (CMS editors without a heading button)."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="post-body">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><p><strong>{lang.heading}</strong></p>"
        f"<p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p></div></article>"
    )


def link_list_box(lang: Lang) -> str:
    """A box of links to other stories between the paragraphs, under a heading of its own
    that no phrase list needs to know."""
    p = lang.paras
    head = {"en": "Further coverage", "ar": "تغطية ذات صلة", "de": "Hintergrund",
            "zh": "延伸阅读"}[lang.code]
    return (
        f'<article><h1>{lang.title}</h1><div class="article-content">'
        f"<p>{p[0]}</p><p>{p[1]}</p>"
        f'<div class="box"><h4>{head}</h4><ul><li><a href="/a.html">{lang.teaser}</a></li>'
        f'<li><a href="/b.html">{lang.title}?</a></li></ul></div>'
        f"<p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>"
        "</div></article>"
    )


META_LINES = {
    "en": ("Published: 12 March 2026, 10:32 · Updated: 12 March 2026, 14:05",
           "Listen to this article · 4:12 min", "Reading time: 4 minutes",
           "Jane Doe, Transport correspondent"),
    "ar": ("نشر في: 12 آذار/مارس 2026 - 10:32 | آخر تحديث: 12 آذار/مارس 2026 - 14:05",
           "استمع إلى المقال · 4:12 دقيقة", "وقت القراءة: 4 دقائق",
           "أنس البار، مراسل شؤون النقل"),
    "de": ("Veröffentlicht: 12.03.2026, 10:32 Uhr · Aktualisiert: 12.03.2026, 14:05 Uhr",
           "Artikel anhören • 4:12 Min.", "Lesedauer: 4 Minuten", "Jana Berger, Verkehrsredaktion"),
    "zh": ("发布时间：2026-03-12 10:32 · 更新时间：2026-03-12 14:05", "收听本文 · 4分12秒",
           "阅读时长：4分钟", "王小明，交通记者"),
}


def metadata_lines_before(lang: Lang) -> str:
    """Longer metadata lines above the text, as plain paragraphs of its container: dates,
    an audio player's label with its duration, reading time, the author and desk."""
    p = lang.paras
    lines = "".join(f"<p>{line}</p>" for line in META_LINES[lang.code])
    return (
        f'<div class="wrap"><div class="col"><h1>{lang.title}</h1>{lines}'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div></div>"
    )


def accordion(lang: Lang) -> str:
    """Part of the text in disclosure boxes opened by a button (aria-expanded/controls): the
    button is a control, the box it opens is article text."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="article-content">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2>"
        f'<div class="acc"><button aria-expanded="true" aria-controls="a1">+</button>'
        f'<div id="a1"><p>{p[3]}</p></div></div>'
        f'<div class="acc"><button aria-expanded="true" aria-controls="a2">+</button>'
        f'<div id="a2"><p>{p[4]}</p></div></div>'
        f"<p>{p[5]}</p></div></article>"
    )


def paragraph_buttons(lang: Lang) -> str:
    """Every paragraph in a wrapper with a "share this paragraph" button of its own: the
    wrappers are the text's, not furniture boxes."""
    p = lang.paras

    def wrap(text: str) -> str:
        return f'<div class="para"><p>{text}</p><button class="q">↗</button></div>'

    return (
        f'<article><h1>{lang.title}</h1><div class="article-content">'
        f"{wrap(p[0])}{wrap(p[1])}{wrap(p[2])}<h2>{lang.heading}</h2>{wrap(p[3])}{wrap(p[4])}"
        f"{wrap(p[5])}</div></article>"
    )


def permalink_sections(lang: Lang) -> str:
    """A section per sub-heading, the heading a link to its own anchor (a permalink): a
    link to the same page is neither a teaser nor link text."""
    p = lang.paras
    return (
        f'<article><h1>{lang.title}</h1><div class="article-content">'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p>"
        f'<section id="s1"><h2><a href="#s1">{lang.heading}</a></h2><p>{p[3]}</p></section>'
        f"<p>{p[4]}</p><p>{p[5]}</p></div></article>"
    )


MARKUPS = [split_chunks, inline_inserts, classless_sections, rating_captcha, furniture_after,
           schema_author_after, furniture_before, labelled_links, pull_quote,
           loose_last_paragraph, link_list_box, byline_paragraph,
           byline_at_end, teaser_card, heading_forms, past_the_end,
           past_the_end_outside, metadata_lines_before, accordion,
           paragraph_buttons, permalink_sections, comments_unnamed]


@pytest.mark.parametrize("markup", MARKUPS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_body_is_exactly_the_story(lang: Lang, markup: Callable[[Lang], str]) -> None:
    assert _body(lang, markup(lang)) == _expected(lang)


# A label long beside the one link after it: most of the line is not link text, so only its
# shape (a label, a colon, then links) tells it from a sentence with a link in it.
# (the label as printed, with the space after its colon where the script has one)
TOPIC_LINES = {"en": ("Topics in this story: ", "Transport"), "ar": ("وسوم هذا الخبر: ", "النقل"),
               "de": ("Schlagworte zu diesem Artikel: ", "Verkehr"), "zh": ("本文相关话题：", "交通")}


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_label_before_a_single_link_is_no_text(lang: Lang) -> None:
    """A topic line among the paragraphs ("Topics in this story: Transport"), whose link is
    less than half of it: a label followed by nothing but links is no paragraph of the story."""
    p = lang.paras
    label, topic = TOPIC_LINES[lang.code]
    main = (f'<article><h1>{lang.title}</h1><div class="entry-content">'
            f"<p>{p[0]}</p><p>{p[1]}</p>"
            f'<p>{label}<a href="/topics/transport">{topic}</a></p>'
            f"<p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p>"
            "</div></article>")
    assert _body(lang, main) == _expected(lang)


# Scripts whose sentences end with their own full stop: "।" (Devanagari), "۔" (Urdu). A short
# last paragraph after the text's wrapper continues the text only if it reads as a sentence.
HI = Lang(**{**EN.__dict__, "code": "hi", "title": "रात्रि बस सेवा में चार नए मार्ग", "paras": (
    "नगर परिषद ने मंगलवार को रात्रि बस सेवा का विस्तार करने के पक्ष में मतदान किया, जिसके तहत "
    "चार नए मार्ग जोड़े जाएंगे।",
    "अधिकारियों ने कहा कि यह बदलाव अस्पतालों और रेस्तरां में काम करने वाले कर्मचारियों की "
    "शिकायतों के बाद किया गया है।",
    "प्रस्ताव पेश करने वाली पार्षद मारिया ओसेई ने कहा, “रात में शहर को चलाने वाले लोगों को घर "
    "जाने का रास्ता मिलना चाहिए।”",
    "विरोधियों का तर्क था कि यह पैसा मौजूदा बस स्टॉप की मरम्मत पर खर्च किया जाना चाहिए।",
    "परिवहन प्राधिकरण ने कहा कि नए मार्ग मार्च में शुरू होंगे।",
    "एक साल बाद यात्रियों की संख्या की समीक्षा होगी।",
), "heading": "खर्च कौन उठाएगा"})

UR = Lang(**{**EN.__dict__, "code": "ur", "dir": "rtl", "title": "رات کی بس سروس میں چار نئے روٹ",
             "paras": (
    "سٹی کونسل نے منگل کو رات کی بس سروس کو وسعت دینے کے حق میں ووٹ دیا، جس کے تحت چار نئے "
    "روٹ شامل کیے جائیں گے۔",
    "حکام کا کہنا ہے کہ یہ تبدیلی ہسپتالوں اور ریستورانوں کے ملازمین کی شکایات کے بعد کی گئی ہے۔",
    "تجویز پیش کرنے والی کونسلر ماریہ اوسئی نے کہا کہ رات کو شہر چلانے والوں کو گھر جانے کا "
    "راستہ ملنا چاہیے۔",
    "مخالفین کا کہنا تھا کہ یہ رقم موجودہ بس اسٹاپس کی مرمت پر خرچ ہونی چاہیے۔",
    "ٹرانسپورٹ اتھارٹی کے مطابق نئے روٹ مارچ میں شروع ہوں گے۔",
    "ایک سال بعد مسافروں کا جائزہ ہوگا۔",
), "heading": "خرچ کون اٹھائے گا"})


@pytest.mark.parametrize("lang", [HI, UR], ids=lambda lang: lang.code)
def test_short_last_paragraph_in_scripts_with_their_own_full_stop(lang: Lang) -> None:
    assert _body(lang, loose_last_paragraph(lang)) == _expected(lang)


def nav_links_above(lang: Lang) -> str:
    """Links to the previous and next articles above the text, inside its container: the
    article has not ended there."""
    p = lang.paras
    return (
        f'<div class="post"><h1>{lang.title}</h1><div class="post-inner">'
        f'<div class="links"><a rel="prev" href="/2026/03/11/ferries.html">« {lang.teaser}</a> '
        f'<a rel="next" href="/2026/03/13/x.html">{lang.title}? »</a></div>'
        f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p><p>{p[5]}</p></div></div>"
    )


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_next_article_links_above_the_text_do_not_end_it(lang: Lang) -> None:
    assert _body(lang, nav_links_above(lang)) == _expected(lang)


@pytest.mark.parametrize("first", [
    "The council met on 12 March, officials said.",
    "Der Rat tagte am 12. März, sagte ein Sprecher.",
    "اجتمع المجلس في 12 آذار/مارس، بحسب مسؤولين.",
])
def test_a_short_first_sentence_with_a_number_stays(first: str) -> None:
    """Metadata lines are not sentences: a short opening sentence with a date is text."""
    lang = {"T": EN, "D": DE, "ا": AR}[first[0]]
    story = Lang(**{**lang.__dict__, "paras": (first, *lang.paras[1:])})
    assert _body(story, metadata_lines_before(story)) == _expected(story)


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_widget_boxes_in_unscored_containers(lang: Lang) -> None:
    """collect_blocks() without container scores (a profile's body selection, article HTML
    from script data) still drops a small sign-up box, and still keeps paragraphs that each
    have a button of their own."""
    from crawler.extract.body import collect_blocks, filter_blocks
    from crawler.extract.html import load

    for markup, expected in ((inline_inserts, _expected(lang)),
                             (paragraph_buttons, _expected(lang))):
        root = load(_page(lang, markup(lang)))
        container = root.xpath("//main/div | //article/div")[0]
        blocks = filter_blocks(collect_blocks([container]), title=lang.title)
        assert [(b.kind, b.text) for b in blocks] == expected, markup.__name__


MORE_HEADINGS = {"en": "More from News", "ar": "أخبار ذات صلة", "de": "Mehr zum Thema"}


def _more_box(lang: Lang) -> str:
    return (f'<div><h4>{MORE_HEADINGS[lang.code]}</h4><a href="/2026/03/11/ferries.html">'
            f'{lang.teaser}</a> <a href="/2026/03/10/x.html">{lang.title}?</a></div>')


@pytest.mark.parametrize("lang", [EN, AR, DE], ids=lambda lang: lang.code)
def test_a_more_box_in_the_middle_of_the_text_does_not_end_it(lang: Lang) -> None:
    """A "More from …" link box set between paragraphs, with the article going on after it
    in a long paragraph: only the box goes, the text after it stays."""
    p = lang.paras
    rest = " ".join(p[2:5])
    assert len(rest) >= 300
    main = (f"<article><h1>{lang.title}</h1><p>{p[0]}</p><p>{p[1]}</p><p>{p[5]}</p>"
            f"{_more_box(lang)}<p>{rest}</p></article>")
    assert _body(lang, main) == [("p", p[0]), ("p", p[1]), ("p", p[5]), ("p", rest)]


# German is left out: its box (a short heading over two long links) is dropped whole as a
# link box before the river cut sees its heading, so nothing ends the text there.
@pytest.mark.parametrize("lang", [EN, AR], ids=lambda lang: lang.code)
def test_a_more_box_before_the_next_story_still_ends_the_text(lang: Lang) -> None:
    """The same box after the article, followed by the next story (its headline, then its
    text, as pages that load the next article print it): the body ends at the box."""
    p = lang.paras
    main = (f"<article><h1>{lang.title}</h1><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p>"
            f"<p>{p[5]}</p>{_more_box(lang)}<h2>{lang.heading}</h2><p>{' '.join([lang.bio] * 3)}</p>"
            "</article>")
    assert _body(lang, main) == [("p", p[0]), ("p", p[1]), ("p", p[2]), ("p", p[5])]


def reopened_box_with_links(lang: Lang) -> str:
    """The text's box closed around an ad and opened again (same class), the second box ending
    with the story's own list of links to other stories, as the whole box would; the page
    around them holds more teasers than text."""
    p = lang.paras

    def links(n: int) -> str:
        return "".join(f'<li><a href="/2026/03/1{i}/story-{i}.html">{lang.teaser} ({i})</a></li>'
                       for i in range(1, n + 1))
    return (
        f'<div class="page"><h1>{lang.title}</h1>'
        f'<div class="story-text"><p>{p[0]}</p><p>{p[1]}</p></div>'
        '<div class="ad-wrapper"><div id="ad-1"></div></div>'
        f'<div class="story-text"><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>'
        f"<p>{p[4]}</p><p>{p[5]}</p>"
        f'<div class="more"><h3>{lang.most_read}</h3><ul>{links(5)}</ul></div></div>'
        f'<div class="mtl"><ul>{links(9)}</ul></div><div class="mtl"><ul>{links(9)}</ul></div>'
        f'<div class="mtl"><ul>{links(9)}</ul></div></div>'
    )


def reopened_section(lang: Lang) -> str:
    """Classless sections: the text's section closed around an ad and opened again for its
    last paragraph."""
    p = lang.paras
    return (
        f"<main><h1>{lang.title}</h1>"
        f"<section><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p>"
        f"<p>{p[4]}</p></section>"
        '<div class="ad-slot"><span>Advertisement</span></div>'
        f"<section><p>{p[5]}</p></section></main>"
    )


def box_per_picture(lang: Lang) -> str:
    """The text in blocks of a paragraph or two, the first opening with a picture whose figure
    has a full-screen button: that block holds a single paragraph beside the button."""
    p = lang.paras

    picture = (f'<figure><img src="/1.jpg" alt=""><figcaption>{lang.teaser}</figcaption>'
               '<button type="button" aria-label="Full screen">⤢</button></figure>')
    return (
        f'<div class="page"><h1>{lang.title}</h1><div class="article-text">'
        f'<div class="block">{picture}<p>{p[0]}</p></div>'
        f'<div class="block"><p>{p[1]}</p><p>{p[2]}</p></div>'
        f'<div class="block"><h2>{lang.heading}</h2><p>{p[3]}</p></div>'
        f'<div class="block"><p>{p[4]}</p><p>{p[5]}</p></div></div></div>'
    )


def reopened_box_beside_furniture(lang: Lang) -> str:
    """The text's box closed after its third paragraph and opened again, inside a column
    that also holds the site's own box of teasers, each a picture, a linked headline and a
    line of blurb in boxes of their own."""
    p = lang.paras
    teasers = "".join(
        f'<div class="entry"><a href="/2026/03/1{i}/story.html"><img src="/t{i}.jpg" alt=""></a>'
        f'<div class="link"><a href="/2026/03/1{i}/story.html">{lang.teaser} ({i})</a></div>'
        f'<div class="blurb">{blurb}</div></div>'
        for i, blurb in enumerate((lang.newsletter[1], lang.comment), 1))
    return (
        f'<div class="page"><h1>{lang.title}</h1><div class="column">'
        f'<div class="copy"><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p></div>'
        f'<div class="copy"><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p><p>{p[5]}</p></div>'
        f'<div class="right"><div class="inner">{teasers}</div></div>'
        "</div></div>"
    )


@pytest.mark.parametrize("markup", [reopened_box_with_links, reopened_section, box_per_picture,
                                    reopened_box_beside_furniture], ids=lambda m: m.__name__)
@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_text_box_opened_again_after_an_ad_is_read_whole(lang: Lang, markup: Callable[[Lang], str]) -> None:
    """benchmarks/body_inserts.py (split, split-ad) measures the same on the dev pages."""
    assert _body(lang, markup(lang)) == _expected(lang)


@pytest.mark.parametrize("text, head", [
    ("3 comments", True), ("Comments (27)", True), ("View comments (27)", True), ("Leserkommentare", True),
    ("التعليقات", True), ("Комментарии 5", True), ("3条评论", True), ("Leave a comment", True),
    # a table's "Comment" column, a sentence about comments, a reply count alone
    ("Comment", False), ("Comments from the minister were not available", False), ("Replies", False),
    ("تعليق", False), ("Комментарий", False),
])
def test_the_comment_sections_title_is_told_by_its_words(text: str, head: bool) -> None:
    from crawler.extract.body import _comments_head

    assert _comments_head(text) is head


@pytest.mark.parametrize("lang", [EN, AR, DE], ids=lambda lang: lang.code)
def test_a_sub_heading_named_comment_in_the_text_ends_nothing(lang: Lang) -> None:
    """"Comment" over a paragraph (a column's name, an editor's note) is a sub-heading."""
    p = lang.paras
    label = {"en": "Comment", "ar": "تعليق", "de": "Kommentar"}[lang.code]
    main = (f'<article><h1>{lang.title}</h1><div class="c1">'
            f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p><h2>{label}</h2><p>{p[3]}</p>"
            f"<p>{p[4]}</p><p>{p[5]}</p></div></article>")
    assert _body(lang, main) == [("p", p[0]), ("p", p[1]), ("p", p[2]), ("h", label), ("p", p[3]),
                                 ("p", p[4]), ("p", p[5])]


READ_NEXT = {"en": "Read next", "ar": "اقرأ التالي", "de": "Lesen Sie auch", "zh": "下一篇"}


def _hashed_page(lang: Lang, insert: str, *, heading: str | None = None) -> str:
    """The story in boxes whose class names are CSS-in-JS hashes (they name nothing), with
    `insert` between its fourth and fifth paragraphs."""
    p = lang.paras
    return (f'<div class="x1b2"><h1>{lang.title}</h1><div class="k3m9">'
            f"<p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p>{heading or f'<h2>{lang.heading}</h2>'}"
            f"<p>{p[3]}</p>{insert}<p>{p[4]}</p><p>{p[5]}</p></div></div>")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_card_that_is_one_link_around_its_headline_is_no_text(lang: Lang) -> None:
    """A "Read next" card set in the text, its picture and headline each wrapped in a link to
    the other story ("<a href=/other><h2>Headline</h2></a>"), on a page whose class names say
    nothing: the card goes, label and all, and the text after it stays (English lost its last
    two paragraphs to the label, Arabic and Chinese kept the label as a sub-heading)."""
    card = (f'<div class="q7z1"><div class="w2e4"><h2>{READ_NEXT[lang.code]}</h2>'
            '<a class="m2l7" href="/2026/03/11/ferries.html"><figure><img src="/f.jpg" alt="">'
            f'</figure></a><a class="m2l7" href="/2026/03/11/ferries.html"><h2>{lang.teaser}</h2></a>'
            f'<a class="i0x4" href="/2026/03/11/ferries.html">{lang.read_more}</a></div></div>')
    assert _body(lang, _hashed_page(lang, card)) == _expected(lang)


@pytest.mark.parametrize("lang", [EN, AR, ZH], ids=lambda lang: lang.code)
def test_a_sub_heading_linked_to_its_own_place_in_the_page_stays(lang: Lang) -> None:
    """A sub-heading wrapped in a link to itself ("<a href="#who-pays"><h2>…</h2></a>", a
    permalink for the section) is the text's own heading, not a card for another story."""
    heading = f'<a href="#s2"><h2 id="s2">{lang.heading}</h2></a>'
    assert _body(lang, _hashed_page(lang, "", heading=heading)) == _expected(lang)


SHARE_LABELS = {"en": ("Facebook", "Twitter", "Email", "Flipboard", "Pocket"),
                "ar": ("فيسبوك", "تويتر", "واتساب", "طباعة"),
                "de": ("Kommentare", "E-Mail", "Mehr", "Twitter", "Drucken"),
                "zh": ("微博", "微信", "分享", "打印")}


def share_bar_of_labels(lang: Lang) -> str:
    """A share bar of script-drawn buttons (plain boxes, no links, names that say nothing)
    after the first paragraph, and a heading over the rest of the text."""
    p = lang.paras
    bar = "".join(f'<div class="b7k2" data-network="{i}">{label}</div>'
                  for i, label in enumerate(SHARE_LABELS[lang.code]))
    return (f'<article><h1>{lang.title}</h1><div class="q9z1"><p>{p[0]}</p><div class="s3d4">{bar}</div>'
            f"<p>{p[1]}</p><p>{p[2]}</p><h2>{lang.heading}</h2><p>{p[3]}</p><p>{p[4]}</p>"
            f"<p>{p[5]}</p></div></article>")


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_share_bar_of_plain_labels_is_no_text(lang: Lang) -> None:
    """Share buttons a script draws as plain boxes print the networks' names and the actions
    beside them ("Facebook", "Email", "Drucken") as lines of text: none is the article's."""
    assert _body(lang, share_bar_of_labels(lang)) == _expected(lang)


def test_an_articles_list_of_networks_stays() -> None:
    """A list in the text naming networks, and no share action beside them, is the article's."""
    p = EN.paras
    networks = "".join(f"<li>{n}</li>" for n in ("Facebook", "Twitter", "Telegram"))
    main = (f"<article><h1>{EN.title}</h1><div><p>{p[0]}</p><p>{p[1]}</p><ul>{networks}</ul>"
            f"<p>{p[2]}</p><p>{p[3]}</p></div></article>")
    assert [t for _, t in _body(EN, main)] == [p[0], p[1], "Facebook", "Twitter", "Telegram", p[2], p[3]]


def _next_story(lang: Lang) -> str:
    """Another story's paragraphs, longer than the page's own three."""
    p = lang.paras
    return "".join(f"<p>{lang.teaser}: {q}</p>" for q in (p[3], p[4], p[5], p[1], p[0], p[2]))


def _own_story(lang: Lang) -> str:
    p = lang.paras
    return f"<article><h1>{lang.title}</h1><p>{p[0]}</p><p>{p[1]}</p><p>{p[2]}</p></article>"


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_the_article_holding_the_headline_wins_over_a_longer_next_article(lang: Lang) -> None:
    """Infinite scroll appends the next story, often longer than the page's own, in a box of
    its own: the body is the <article> that holds the page's headline."""
    main = (f"<main>{_own_story(lang)}<div><article><h1>{lang.teaser}</h1>{_next_story(lang)}"
            "</article></div></main>")
    assert _body(lang, main) == [("p", q) for q in lang.paras[:3]]


NEXT_STORIES = {
    "sibling article": "<article><h1>{teaser}</h1>{text}</article>",
    "article in a box": "<div><article><h2>{teaser}</h2>{text}</article></div>",
    "row of story cards": ("<section><article><h2>{teaser}</h2>{text}</article>"
                           "<article><h2>{teaser}</h2>{text}</article></section>"),
}


@pytest.mark.parametrize("shape", sorted(NEXT_STORIES))
@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_stories_beside_the_article_are_not_its_text(lang: Lang, shape: str) -> None:
    """An <article> is self-contained: another <article> printed beside the page's own (the
    next story, a row of story cards), bare or in a box, is not more of its text, however
    much prose it holds."""
    other = NEXT_STORIES[shape].format(teaser=lang.teaser, text=_next_story(lang))
    assert _body(lang, f"<main>{_own_story(lang)}{other}</main>") == [
        ("p", q) for q in lang.paras[:3]]


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("card", [False, True], ids=["plain", "with a story card"])
def test_the_articles_text_continued_in_a_box_beside_it_still_counts(lang: Lang, card: bool) -> None:
    """Only another <article>, or a box that is mostly <article>s, is another story: the rest
    of the text in a box after the page's <article> (a CMS that closes the article early) is
    still the body, also with a story card set as an <article> among its paragraphs."""
    p = lang.paras
    story_card = (f'<article><h3><a href="/2026/03/11/ferries.html">{lang.teaser}</a></h3></article>'
                  if card else "")
    rest = f"<p>{p[3]}</p>{story_card}<p>{p[4]}</p><p>{p[5]}</p>"
    assert _body(lang, f"<main>{_own_story(lang)}<div>{rest}</div></main>") == [
        ("p", q) for q in p]


DATE_LINES = {
    "en": "Updated 12.03.2026, 19:25 | Reading time 4 min",
    "ar": "آخر تحديث 12.03.2026، 19:25 | مدة القراءة 4 دقائق",
    "de": "Aktualisiert 12.03.2026, 19:25 Uhr | Lesezeit 4 Min",
    "zh": "更新于 2026-03-12 19:25 | 阅读时间 4 分钟",
}


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_a_date_line_after_the_text_is_not_text(lang: Lang) -> None:
    """A line of date, time and a few labels printed under the text (when it was updated,
    how long it takes to read) is page furniture, not the article's last paragraph."""
    p = lang.paras
    main = (f"<article><h1>{lang.title}</h1>" + "".join(f"<p>{q}</p>" for q in p)
            + f"<p>{DATE_LINES[lang.code]}</p></article>")
    assert _body(lang, main) == [("p", q) for q in p]
