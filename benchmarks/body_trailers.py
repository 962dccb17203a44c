"""How bodies end when the page prints its furniture right after the article's last paragraph.

    python benchmarks/body_trailers.py [CASES_DIR] [--show N]

Small and regional sites print what follows an article inside the article's own text box,
without a class that names it: a "Do you like this article?" poll, a comment form, a
notifications check box, a "Follow us" line, share links, a "Read more" link, a newsletter
sign-up, a list of related stories, a tag line, a copyright line (the seed article of the
private site the unseen pages came from ends that way, and its bodies scored 0.90-0.97). The
dev pages mostly close their text box before such things. This probe takes every dev page
whose body `extract()` gets nearly right (token F1 >= 0.95), adds one kind of trailer after the
element holding the body's last paragraph, in the page's language (English, German, French,
Spanish, Arabic or Russian; English for the others), extracts again and prints, per kind, the
mean body token F1 before and after, how many bodies took in the trailer's text and how many
lost more than 0.05. A probe of the body rules beyond the dev pages, not a target to tune
against: the trailers are unclassed generic markup, never a publisher's.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402
from crawler.extract.exceptions import ExtractionError  # noqa: E402
from crawler.extract.html import decode_html  # noqa: E402

from body_inserts import _holder, count, report, token_f1  # noqa: E402
from probe_pages import cases_folder, probe_parser  # noqa: E402

TRAILERS: dict[str, str] = {
    "poll": '<div><p>{like}</p><div><button>{yes}</button> <button>{no}</button></div></div>',
    "comment form": '<div><h3>{comment}</h3><form><label>{name} *</label><input type="text">'
                    '<label>Captcha *</label><input type="text"><button>{send}</button></form></div>',
    "notify check box": '<div><label><input type="checkbox"> {notify}</label></div>',
    "follow us": '<p><strong>{follow}</strong> <a href="https://t.me/regional">Telegram</a> | '
                 '<a href="https://x.com/regional">X</a></p>',
    "share links": '<div><span>{share}</span> <a href="https://www.facebook.com/sharer.php">'
                   'Facebook</a> <a href="https://x.com/intent/post">X</a> '
                   '<a href="https://wa.me/?text=x">WhatsApp</a></div>',
    "read more link": '<p><a href="/news/2024/floods-north">{readmore}</a></p>',
    "newsletter": '<div><p>{newsletter}</p><input type="email" placeholder="E-mail">'
                  '<button>{subscribe}</button></div>',
    "related list": '<div><h3>{related}</h3><ul><li><a href="/news/x1">{h1}</a></li>'
                    '<li><a href="/news/x2">{h2}</a></li></ul></div>',
    "tag line": '<p>{tags} <a href="/tag/politics">{t1}</a>, <a href="/tag/economy">{t2}</a></p>',
    "copyright line": '<p>© 2024 {site}. {rights}</p>',
}

WORDS: dict[str, dict[str, str]] = {
    "en": dict(like="Do you like this article?", yes="Yes", no="No", comment="Leave a comment",
               name="Name", send="Send",
               notify="I want to be notified when new articles are published",
               follow="Follow us on social media for the latest news:",
               share="Share this article:",
               readmore="Read more: Floods hit northern towns again this week",
               newsletter="Get the day's top stories in your inbox every morning.",
               subscribe="Subscribe", related="Related articles",
               h1="Minister resigns after budget row deepens",
               h2="Hospital waiting lists grow longer in winter", tags="Tags:", t1="Politics",
               t2="Economy", site="Regional Times", rights="All rights reserved."),
    "de": dict(like="Hat Ihnen dieser Artikel gefallen?", yes="Ja", no="Nein",
               comment="Kommentar schreiben", name="Name", send="Senden",
               notify="Ich möchte benachrichtigt werden, wenn neue Artikel erscheinen",
               follow="Folgen Sie uns in den sozialen Medien für die neuesten Nachrichten:",
               share="Artikel teilen:",
               readmore="Lesen Sie auch: Hochwasser trifft erneut den Norden",
               newsletter="Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.",
               subscribe="Abonnieren", related="Weitere Artikel",
               h1="Minister tritt nach Haushaltsstreit zurück",
               h2="Wartelisten in Kliniken werden länger", tags="Schlagwörter:", t1="Politik",
               t2="Wirtschaft", site="Regionalzeitung", rights="Alle Rechte vorbehalten."),
    "fr": dict(like="Cet article vous a-t-il plu ?", yes="Oui", no="Non",
               comment="Laisser un commentaire", name="Nom", send="Envoyer",
               notify="Je veux être averti de la publication de nouveaux articles",
               follow="Suivez-nous sur les réseaux sociaux pour ne rien manquer de l'actualité :",
               share="Partager cet article :",
               readmore="Lire aussi : Les inondations frappent à nouveau le nord",
               newsletter="Recevez chaque matin l'essentiel de l'actualité dans votre boîte mail.",
               subscribe="S'abonner", related="Articles liés",
               h1="Le ministre démissionne après la querelle budgétaire",
               h2="Les listes d'attente des hôpitaux s'allongent", tags="Mots-clés :",
               t1="Politique", t2="Économie", site="Journal Régional",
               rights="Tous droits réservés."),
    "es": dict(like="¿Le gustó este artículo?", yes="Sí", no="No", comment="Deja un comentario",
               name="Nombre", send="Enviar",
               notify="Quiero recibir notificaciones de nuevos artículos",
               follow="Síguenos en redes sociales para estar al día:",
               share="Compartir este artículo:",
               readmore="Lee también: Las inundaciones vuelven a golpear el norte",
               newsletter="Recibe cada mañana las noticias más importantes en tu correo.",
               subscribe="Suscribirse", related="Artículos relacionados",
               h1="El ministro dimite tras la disputa presupuestaria",
               h2="Crecen las listas de espera en los hospitales", tags="Etiquetas:",
               t1="Política", t2="Economía", site="Diario Regional",
               rights="Todos los derechos reservados."),
    "ar": dict(like="هل أعجبك هذا المقال؟", yes="نعم", no="لا", comment="اترك تعليقا",
               name="الاسم", send="إرسال", notify="أريد أن يتم إعلامي عند نشر مقالات جديدة",
               follow="تابعونا على وسائل التواصل الاجتماعي لمعرفة آخر الأخبار:",
               share="شارك هذا المقال:",
               readmore="اقرأ أيضا: الفيضانات تضرب البلدات الشمالية مجددا",
               newsletter="احصل على أهم الأخبار في بريدك الإلكتروني كل صباح.",
               subscribe="اشترك", related="مقالات ذات صلة",
               h1="الوزير يستقيل بعد خلاف حول الميزانية",
               h2="قوائم الانتظار في المستشفيات تطول", tags="الكلمات المفتاحية:",
               t1="سياسة", t2="اقتصاد", site="الصحيفة الإقليمية", rights="جميع الحقوق محفوظة."),
    "ru": dict(like="Вам понравилась эта статья?", yes="Да", no="Нет",
               comment="Оставить комментарий", name="Имя", send="Отправить",
               notify="Я хочу получать уведомления о новых статьях",
               follow="Подписывайтесь на нас в социальных сетях, чтобы быть в курсе новостей:",
               share="Поделиться статьей:",
               readmore="Читайте также: Наводнения снова обрушились на северные города",
               newsletter="Получайте главные новости дня на почту каждое утро.",
               subscribe="Подписаться", related="Похожие статьи",
               h1="Министр ушел в отставку после бюджетного спора",
               h2="Очереди в больницах становятся длиннее", tags="Теги:", t1="Политика",
               t2="Экономика", site="Региональная газета", rights="Все права защищены."),
}


def trailer(kind: str, language: str) -> str:
    """The HTML of one trailer kind in `language` (English when the probe has no words for it)."""
    return TRAILERS[kind].format(**WORDS.get(language, WORDS["en"]))


def main(argv: list[str] | None = None) -> int:
    parser = probe_parser(__doc__)
    parser.add_argument("--show", type=int, default=0, help="print up to N damaged pages per kind")
    args = parser.parse_args(argv)
    cases = cases_folder(args, "body_trailers")
    if cases is None:
        return 2
    tally = {kind: [0, 0.0, 0.0, 0, 0] for kind in TRAILERS}   # pages, before, after, took, lost
    damaged: dict[str, list[str]] = {kind: [] for kind in TRAILERS}
    for folder in sorted(p for p in cases.iterdir() if (p / "page.html").is_file()):
        expected = json.loads((folder / "expected.json").read_text("utf-8"))
        paragraphs = [p for p in (expected.get("body") or "").split("\n\n") if p.strip()]
        if len(paragraphs) < 3:
            continue
        html, url = (folder / "page.html").read_bytes(), expected.get("url") or ""
        try:
            article = extract(html, url)
        except ExtractionError:
            continue
        before = token_f1(expected["body"], article.body_text)
        if before < 0.95:
            continue
        language = (article.language or "en").split("-")[0].lower()
        text = decode_html(html)
        for kind in TRAILERS:
            tree = lxml.html.fromstring(text)
            holder = _holder(tree, paragraphs[-1])
            if holder is None:
                continue
            box = trailer(kind, language)
            inserted = lxml.html.fragment_fromstring(box)
            inserted.tail, holder.tail = holder.tail, None
            holder.addnext(inserted)
            try:
                body = extract(lxml.html.tostring(tree, encoding="unicode"), url).body_text
            except ExtractionError:
                continue
            after = token_f1(expected["body"], body)
            box_words = " ".join(lxml.html.fromstring(box).text_content().split())
            took = box_words[:20] in " ".join(body.split())
            count(tally, damaged, kind, f"{folder.name} ({language})", before, after, took, "trailer")
    report(tally, damaged, args.show, "trailer", 17)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
