"""Byline parsing: turn what a page prints ("By A, B and C |", "Von Max Muster, dpa",
"بقلم أنس البار") into a clean list of names.

Names are kept as the byline gives them, agencies and desks included ("dpa", "Reuters",
"ORF.at"); what is stripped is the furniture around them: "By"-words in many languages,
separators, dates, job titles, e-mail addresses and "Updated"/"Published" labels.
"""
from __future__ import annotations

import re

__all__ = ["parse_byline", "clean_name", "looks_like_name", "starts_with_by"]

# Leading "by"-words; longest first so "written by" wins over "by".
_PREFIX = re.compile(
    # an author page's link ("More from Jane Doe", "All articles by …", "Mehr von …", "Plus
    # d'articles de …", "Más artículos de …", "المزيد من …", "Все материалы автора …")
    r"^\s*(?:(?:(?:see|view|read)\s+)?(?:more|all)(?:\s+(?:stories|articles|posts|news|columns|content))?"
    r"\s+(?:from|by)|(?:articles|stories|posts|columns)\s+by|(?:mehr|weitere|alle)(?:\s+(?:artikel|beiträge))?\s+von|"
    r"(?:plus|tous\s+les)\s+(?:d['’]\s?)?articles\s+(?:de|d['’])|(?:más|todos\s+los)\s+(?:artículos|noticias)\s+de|"
    r"(?:mais|todos\s+os)\s+(?:artigos|notícias)\s+de|المزيد\s+من|(?:كل|جميع)\s+مقالات|"
    r"все\s+(?:материалы|статьи|публикации)(?:\s+автора)?|"
    r"(?:written|reported|posted|published|story|text|words|photos?|interview|compiled|edited|"
    r"analysis|commentary|opinion|report|(?:additional\s+)?reporting|writing)\s+(?:and\s+\w+\s+)?by|"
    # "Escrito por", "Écrit par", "Geschrieben von", "Scritto da", "Geschreven door"
    r"(?:escrito|publicado|redactado|écrit|publié|rédigé|geschrieben|verfasst|scritto|pubblicato|"
    r"geschreven|gepubliceerd)\s+(?:por|par|von|da|door)|a\s+cura\s+di|نشر\s+بواسطة|كتبه|كتبها|"
    # Danish/Norwegian "Skrevet af/av", Swedish "Skriven av", Polish "Napisał(a)", Czech
    # "Napsal(a)", Slovak "Napísal(a)" ("written by", "wrote")
    r"skrevet\s+(?:af|av)|skriven\s+av|napisała?|napsala?|napísala?|"
    r"by|from|von|vom|par|por|door|"
    r"di|da|de|av|af|ved|od|от|авторы|автор|текст|texte?|text|autor(?:in|en|a|as|es)?|auteurs?|autori?e?|authors?|redakce|"
    r"bericht|ein\s+(?:kommentar|gastbeitrag|beitrag)\s+von|eine\s+(?:analyse|glosse|kolumne|reportage)\s+von|"
    r"kommentar\s+von|gastbeitrag\s+von|reportage\s+von|analyse\s+von|"
    r"yazan|yazar|muhabir|"
    # Indonesian and Malay ("Oleh", "Penulis", "Wartawan"), Thai "โดย", Hindi "लेखक"
    r"oleh|penulis|wartawan|pewarta|โดย|लेखक|"
    r"بقلم|كتب|كتبت|إعداد|اعداد|تقرير|بواسطة|مراسل|"
    # Persian "نویسنده" (writer), "نوشته" (written by), "خبرنگار" (reporter); Urdu "تحریر"
    # (writing), "رپورٹ" (report); Arabic "الكاتب" (the writer), "المحرر" (the editor): only
    # before a colon
    r"(?:نویسنده|نوشته|خبرنگار|تحریر|رپورٹ|الكاتب|الكاتبة|المحرر|المحررة)(?=\s*:)|"
    # Hebrew "מאת" (by); Greek "Του/Της" (by, before a name in the genitive), "Γράφει ο/η"
    # (writes), "Συντάκτης" (writer); Vietnamese "Tác giả", Hungarian "Szerző", Finnish
    # "Kirjoittaja", Lithuanian "Autorius", Latvian "Autors", Croatian/Slovene "Piše", Serbian
    # "Аутор", Armenian "Հեղինակ", Georgian "ავტორი", Bengali "লেখক", Hindi "द्वारा" (by)
    r"מאת|γράφει\s+(?:ο|η)|συντάκτ(?:ης|ρια)|(?:του|της)(?=(?-i:\s+[Α-ΩΆ-Ώ]\S*\s+[Α-ΩΆ-Ώ]))|tác\s+giả|szerző|kirjoittaja|"
    r"autorius|autors|piše|аутор|հեղինակ|ავტორი|লেখক|द्वारा)(?:\s*[:՝]\s*|\s+|:|$)"
    # Turkish "Haber:" ("news by"), only before a colon
    r"|^\s*haber\s*:\s*"
    # CJK bylines glue the label to the name: "文/王小明", "記者王小明", "本报记者 王小明",
    # "作者：王小明". A bare "文" is also a family name (文在寅), so it counts only with its
    # slash or colon.
    r"|^\s*(?:文|圖文|图文|撰文)\s*[/／:：]\s*"
    r"|^\s*(?:本报|本報|本刊|特约|特約|见习|見習)?(?:記者|记者|作者|撰稿)\s*[/／:：]?\s*",
    re.IGNORECASE)
# A photo or image credit ("Photo: Jane Doe", "Foto: dpa", "تصوير: ...") names who took the
# picture, not who wrote the article.
_CREDIT = re.compile(
    r"^\s*(?:photos?|photograph|picture|image|foto|fotos|bild|bilder|crédit|credit|фото|снимка|"
    r"تصوير|صورة|الصورة|写真|圖|图|攝影|摄影)\s*(?:[:：/／]|by\b)", re.IGNORECASE)
_LABEL = re.compile(
    r"\b(?:updated|published|posted|last\s+updated|aktualisiert|veröffentlicht|erschienen|"
    r"stand|publié|mis\s+à\s+jour|actualizado|publicado|pubblicato|aggiornato|bijgewerkt|"
    r"gepubliceerd|on|am|le|el|il|the)\b\s*:?\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_SPLIT = re.compile(
    r"\s*(?:[,;|/•·，；／]|\s[-–—]\s|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bog\b|\boch\b|\bi\b|"
    r"\bsowie\b|\bwith\b|\bmit\b|\bavec\b|\bcon\b|\bи\b|\bve\b|\s+و\s+|،|\n)\s*", re.IGNORECASE)
# Arabic "and" is a letter glued to the next word ("أنس البار ومحمد علي"), and many names start
# with the same letter (وليد, وائل, وفاء): split there only when both sides are a full name of
# at least this many words.
_WAW = re.compile(r"\s+و(?=[^\W\d_])(?!كالة|زارة|زير)")  # not "وكالة" (agency), "وزارة"/"وزير" (ministry, minister)
_WAW_MIN_WORDS = 2
# A reporting-place tag after a CJK byline ("記者王小明／台北報導": "reporting from Taipei").
_CJK_DATELINE = re.compile(r"^\S{2,8}(?:報導|报道|電|电|訊|讯|綜合報導|综合报道)$")
_TITLES = re.compile(
    r"\s*[,|–—-]\s*(?:senior|chief|staff|special|contributing|associate|deputy|managing|"
    r"political|foreign|economics?|business|science|sports?|health|technology|tech|"
    r"(?:[\w-]+\s+)?(?:editor|correspondent|reporter|writer|columnist|journalist|contributor|"
    r"critic|producer|analyst|photographer|redakteur(?:in)?|korrespondent(?:in)?))\b.*$",
    re.IGNORECASE)
_ROLE_WORDS = frozenset("""
editor editors correspondent reporter writer columnist journalist contributor staff critic
producer analyst photographer photography photos photo video senior chief special associate
deputy managing political foreign reporters writers redaktion redakteur redakteurin
korrespondent korrespondentin updated published min read minutes comments comment share
follow twitter facebook email newsletter subscribe more articles read about view profile
technologist director head president professor researcher fellow founder ceo
author autor autorin auteur
journaliste rédacteur rédactrice correspondant correspondante envoyé envoyée periodista redactor
redactora corresponsal корреспондент редактор обозреватель журналист
مراسل مراسلة محرر محررة صحفي صحفية كاتب كاتبة
kontributor koresponden wartawan wartawati jurnalis redaktur fotografer pewarta repórter
correspondente colaborador colaboradora jornalista fotógrafo muhabir editör dziennikarz
dziennikarka redaktor korespondent
""".split())
# Words of a label that introduces the agencies or sources of a story: plurals, never part of
# a name ("Weitere Quellen • AP"). The singulars may be family names (Kaynak, Fonte, Bron), so
# they count only as a label before a colon (_SOURCE_LABEL).
_SOURCE_WORDS = frozenset("""
sources quellen fuentes fontes fonti agencies agenturen agences agencias zdroje źródła
источники المصادر وكالات kaynaklar bronnen
""".split())
# "Sources: Reuters, AFP", "Zdroj: ČTK": the label before the agencies a story is from
_SOURCE_LABEL = re.compile(
    r"^\s*(?:weitere\s+|other\s+)?(?:%s)\s*:\s*" % "|".join(sorted(_SOURCE_WORDS | {
        "source", "quelle", "fuente", "fonte", "zdroj", "źródło", "источник", "المصدر", "kaynak", "bron"})),
    re.IGNORECASE)
_DATEISH = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?\b|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", re.IGNORECASE)


_DEGREES = frozenset("ma ba bsc msc phd md mba rn ms mph do jd llm dr prof ph.d. m.d. m.a.".split())
_MONTH_WORDS = frozenset("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober
dezember janvier février mars avril mai juin juillet août septembre octobre novembre décembre
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre""".split())
_STOP_WORDS = re.compile(
    r"\s(?:stand|updated|update|published|posted|aktualisiert|veröffentlicht|erschienen|publié|"
    r"mis à jour|actualizado|publicado|pubblicato|aggiornato|bijgewerkt|gepubliceerd|"
    r"ago|hace|vor|il y a|před|fa|güncelleme|yayınlanma|"
    # the same date labels in Turkish ("updated", "published"; above), Arabic ("published on",
    # "last update", "date of publication") and Russian ("published", "updated")
    r"نشر في|نشر|آخر تحديث|تاريخ النشر|تحديث|опубликовано|обновлено)\b.*$", re.IGNORECASE)


# A job title written after a CJK, Korean or Arabic name ("박준석 기자", "山田太郎記者",
# "أنس البار مراسل"): the role, not part of the name.
_ROLE_SUFFIX_CJK = re.compile(r"\s*(?:기자|특파원|선임기자|논설위원|記者|特派員|编辑|編集委員|"
                              r"محرر|مراسل)\s*$")


def starts_with_by(text: str) -> bool:
    """Does `text` open with a "by"-word ("By", "Von", "بقلم", "Автор:", "文/")?"""
    return bool(_PREFIX.match(text)) and bool(_PREFIX.sub("", text, count=1).strip())


# "Jane Doe for The Guardian", "Dolores Chang For Dailymail.Com", "Marie Dupont pour Le
# Monde": the outlet the writer wrote for, not part of the name.
_FOR_OUTLET = re.compile(r"\s+(?:for|For|für|pour|para)\s+(?:the\s+|die\s+|der\s+|le\s+|la\s+|el\s+)?"
                         r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s*$")


# A later part of a byline naming the outlet the writer is from, after a preposition:
# "…, of the Guardian", "…, da Folha", "…, do G1", "…, de EFE", "…, du Monde".
_OF_OUTLET = re.compile(r"^(?:of|from|da|do|das|dos|de|del|della|du|des)\s+(?:the\s+)?[A-Z0-9]")


def _of_outlet(part: str) -> bool:
    """Is this later part of a byline the writer's outlet ("da Folha"), as "for The Guardian"
    is? Then it names no author."""
    return _OF_OUTLET.match(part) is not None


# A note in brackets after a name: the writer's role, desk, agency or place ("Martí Abad
# (Enviado especial)", "Jane Doe (AP)", "أنس البار (القاهرة)"); never part of the name.
_TRAILING_NOTE = re.compile(r"\s*[(（［\[][^()（）［］\[\]]{1,40}[)）］\]]$")


def _without_note(name: str) -> str:
    """`name` without a bracketed note after it (_TRAILING_NOTE), when a name is left."""
    cut = _TRAILING_NOTE.sub("", name)
    return cut if cut.strip() else name.strip("()（）[]［］ ")  # "(AP)" alone: the agency


# Where the reporter filed from, written before the name: a place with "=" as Korean bylines
# and wire credits print it ("서울=홍길동 기자", "워싱턴=홍길동 특파원"), or a bracketed
# place or outlet ("(서울=연합뉴스) 홍길동 기자", "[서울신문] 홍길동 기자"). Not the name.
_PLACE_BEFORE = re.compile(r"^(?:[(（\[［][^()（）\[\]［］]{1,20}[)）\]］]\s*|[^\s=＝()（）]{1,12}\s?[=＝]\s?)(?=\S)")


def _without_place(name: str) -> str:
    """`name` without a place or outlet printed before it (_PLACE_BEFORE)."""
    return _PLACE_BEFORE.sub("", name, count=1)


def clean_name(text: str) -> str:
    """One name without prefixes, trailing separators, e-mails or glued dates/titles.

    A digit ends a name ("Jane Doe 30 August 2023", "Alex Perry 1 day ago"), and so do
    time labels ("Stand:", "Updated"); trailing lower-case words are date glue ("před", "de").
    """
    s = _EMAIL.sub(" ", _URL.sub(" ", text))
    s = re.sub(r"\s+", " ", s).strip(" \t\r\n,;:|/•·-–—")
    for _ in range(2):
        s = _PREFIX.sub("", s).strip(" ,;:|/-–—")
    s = _without_place(s)
    s = _without_trailing_role(_TITLES.sub("", s))
    s = _FOR_OUTLET.sub("", s) if len(s.split()) > 2 else s
    # A digit that starts a word ends the name ("Jane Doe 30 August"); one glued to letters is
    # part of it ("BR24 Redaktion").
    before = s
    s = re.split(r"(?<!\w)[\d٠-٩]", s, maxsplit=1)[0]
    s = _STOP_WORDS.sub("", " " + s).strip()
    cut = len(s) < len(before.strip())
    words = s.split()
    if cut and any(w[:1].isupper() for w in words):
        # Trailing lower-case words are glue left in front of the date or label that was cut
        # ("Jan Novák před", "Juan Pérez de"); without a cut they belong to the name
        # ("Guardian staff reporter", "FOCUS online").
        while len(words) > 1 and (words[-1].islower() or words[-1].casefold().strip(".,") in _MONTH_WORDS):
            words.pop()
    if cut and len(words) == 1 and words[0].casefold().strip(".,") in _MONTH_WORDS:
        words = []  # a date on its own line ("March 25, 2015"), cut down to its month
    if cut and _date_glue_only(words):
        words = []
    s = _ROLE_SUFFIX_CJK.sub("", " ".join(words))
    s = _without_agency_suffix(s)
    return _without_note(s.strip(" ,;:|/•·-–—")).strip(" ,;:|/•·-–—(")


# Weekdays that open a date line right after the name ("By Jane Doe Tuesday, March 5, 2024",
# "بقلم أنس البار الثلاثاء 5 مارس 2024"): written with a capital, or in a script without case, so
# the lower-case date glue clean_name() drops does not take them. Full names only ("Sun" and
# "Wed" may be names), and not the Turkish "Cuma" and "Pazar", which are.
_WEEKDAY_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday montag
dienstag mittwoch donnerstag freitag samstag sonnabend sonntag maandag dinsdag woensdag
donderdag vrijdag zaterdag zondag pazartesi salı çarşamba perşembe cumartesi senin selasa rabu
kamis jumat sabtu minggu الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد
الاحد सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार""".split())
# A word that a date follows: a digit, or a word and then a digit ("March 5", "5 مارس"); whether
# it is a weekday is a set lookup (one pattern for every word, not fifty alternatives)
_WORD_BEFORE_DATE = re.compile(r"(?:^|\s+)([^\s,،.]+)[,،.]?(?=\s*(?:\d|[^\W\d_]+\.?\s+\d))")
_ANY_DIGIT = re.compile(r"\d")


def _without_weekday(text: str) -> str:
    """A byline without the weekday that opens the date line after a name (_WEEKDAY_WORDS):
    the date is cut off the name, and the weekday must go with it."""
    if _ANY_DIGIT.search(text) is None:
        return text  # no date, no weekday of one
    return _WORD_BEFORE_DATE.sub(
        lambda m: " " if m.group(1).casefold() in _WEEKDAY_WORDS else m.group(0), text).strip()


# The same glue in scripts without capitals: Arabic "في" (on), "يوم" (day), "بتاريخ" (dated),
# "منذ" (since); Persian "در" (on), "روز" (day), "تاریخ" (date).
_UNCASED_DATE_GLUE = frozenset("في يوم بتاريخ تاريخ منذ در روز تاریخ".split())


def _date_glue_only(words: list[str]) -> bool:
    """Is what is left of a byline part, once its date was cut, only the date's own glue
    ("By Jane Roe, on August 12": "on"; "Par Jeanne Dupont, le 12 août": "le"; "am", "el";
    "بقلم أنس البار، في 12 أغسطس")? Names in cased scripts are capitalised: a lower-case
    remnant names nobody."""
    return bool(words) and all(w.islower() or w in _UNCASED_DATE_GLUE for w in words)


# A news agency printed after the last name of a wire byline, on the next line of the page
# ("By JOSH ROE and JANE DOE<br>Associated Press"): the agency, not part of the name.
# Acronyms only in capitals (a name may end in "Ap" or "Dpa" no more than in "Press").
_AGENCY_SUFFIX = re.compile(
    r"\s+(?:(?:The\s+)?Associated\s+Press|Agence\s+France[- ]Presse|Reuters|REUTERS|Bloomberg(?:\s+News)?|"
    r"AP|AFP|DPA|dpa|EFE|ANSA|APA|UPI|PTI|IANS|AAP|CP|KNA|ANP|"
    r"وكالة\s+\S+(?:\s+\S+)?\s+للأنباء|وكالة\s+الأنباء\s+\S+|"
    r"Ассошиэйтед\s+Пресс|ТАСС|РИА\s+Новости|Интерфакс)$")
AGENCY_SUFFIX_MIN_WORDS = 2  # "Jane Roe Associated Press": a name of two words or more is left


def _without_agency_suffix(name: str) -> str:
    """`name` without a news agency glued after it (_AGENCY_SUFFIX), when a name of at least
    AGENCY_SUFFIX_MIN_WORDS words is left; "Associated Press" alone is the author."""
    m = _AGENCY_SUFFIX.search(name)
    if m and len(name[:m.start()].split()) >= AGENCY_SUFFIX_MIN_WORDS:
        return name[:m.start()].rstrip(" ,;:|/•·-–—")
    return name


# A job title printed on the line under the name, read as one text with it ("By Jane
# Roe<br>Staff Writer" -> "Jane Roe Staff Writer"): the core words of a newsroom role, and the
# words that qualify one ("Senior", "Sports", "Special"), in the languages of the role lists.
_ROLE_CORE = frozenset("""
writer writers reporter reporters correspondent correspondents editor editors columnist journalist
contributor photographer staff redakteur redakteurin korrespondent korrespondentin journaliste
correspondant correspondante rédacteur rédactrice periodista corresponsal redactor redactora
giornalista corrispondente корреспондент журналист журналистка обозреватель редактор
envoyé envoyée enviado enviada inviato inviata
صحفي صحفية صحافي صحافية كاتب كاتبة محرر محررة مراسل مراسلة
""".split())
_ROLE_QUALIFIERS = frozenset("""
senior chief special associate deputy managing political foreign sports sport business news
digital freelance contributing investigative staff local national international science health
tech technology economics economic political-affairs features opinion city metro
spécial spéciale especial speciale leitender leitende
старший специальный собственный
مستقل مستقلة خاص خاصة
""".split())
# "Special to the Herald", "Special to The Daily Times": a freelancer's credit line
_SPECIAL_TO = re.compile(r"\s+special\s+to\s+(?:the\s+)?\S.*$", re.IGNORECASE)


def _without_trailing_role(name: str) -> str:
    """`name` without a newsroom job title glued after it (_ROLE_CORE with its qualifiers:
    "Jane Roe Staff Writer", "JANE ROE Senior Reporter", "Max Muster Redakteur", "Jane Roe
    Special to the Herald"), when a name of two words or more is left; "Guardian staff
    reporter" alone stays, as the byline of a page that names no one else."""
    cut = _SPECIAL_TO.sub("", name)
    words = cut.split()
    end = len(words)
    while end > 0 and words[end - 1].casefold().strip(".,") in _ROLE_CORE | _ROLE_QUALIFIERS:
        end -= 1
    tail = [w.casefold().strip(".,") for w in words[end:]]
    if tail and not any(w in _ROLE_CORE for w in tail):
        end = len(words)  # qualifiers alone ("Jane Roe Senior") are no title
    if end >= 2 and (end < len(words) or cut != name):
        return " ".join(words[:end])
    return name


# A run of Han or kana characters: a Chinese or Japanese name is a few of them ("王小明",
# "山田太郎", "欧阳小明"; a foreign name written in them is split by "·"/"・")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
CJK_NAME_MAX_CHARS = 8


def _cjk_clause(text: str) -> bool:
    """Is `text` a clause of Chinese or Japanese prose rather than a name: a sentence end, or a
    run of more than CJK_NAME_MAX_CHARS Han or kana characters?"""
    if text.endswith(("。", "！", "？")):
        return True
    runs = _CJK_RUN.findall(text.replace("·", "").replace("・", ""))
    return bool(runs) and max(map(len, runs)) > CJK_NAME_MAX_CHARS


def looks_like_name(text: str) -> bool:
    """Plausibility check: short, no sentence, no role word alone, has a letter."""
    if not text or len(text) > 60 or not any(ch.isalpha() for ch in text) or "@" in text:
        return False  # "@" is a social-media handle ("Follow @jdoe") or an address, not a name
    words = text.split()
    if len(words) > 6:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if sum(1 for ch in letters if ch >= "\u0250") * 2 > len(letters) and (len(words) > 3 or len(text) > 24):
        # A name in a non-Latin script is a few words at most; a longer run is a sentence or a
        # profile box ("この記事を書いた人 渡辺洋介 東京社会部 フォロー ...").
        return False
    if all(w.lower().strip(".,") in _ROLE_WORDS or w.lower() in _DEGREES for w in words):
        return False
    if _cjk_clause(text):
        return False
    if any(w.casefold().strip(".,:") in _SOURCE_WORDS for w in words):
        return False  # "Weitere Quellen • AP", "Sources: Reuters": a label of the agencies
    if text.lower() in ("admin", "administrator", "unknown", "null", "none", "anonymous", "by",
                        "sign in", "sign up", "log in", "login", "register", "subscribe", "and"):
        return False
    return True


def _is_role(part: str) -> bool:
    words = [w.lower().strip(".,()") for w in part.split()]
    return bool(words) and any(w in _ROLE_WORDS for w in words) and len(words) <= 6


# More words than any name: a part this long after a name describes the writer ("Jane Doe,
# professor at the Faculty of Humanities of the University of Leeds, Example Times"), in any
# language.
DESCRIPTION_MIN_WORDS = 7


def _is_description(part: str) -> bool:
    """Is this byline part a description of the writer (their post, institution and outlet)
    rather than a name? What follows it belongs to the description, not to the names."""
    return len(part.split()) >= DESCRIPTION_MIN_WORDS


# A Chinese full name: two to four Han characters, written without a space inside it.
HAN_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,4}")
# Words a Chinese byline prints beside the names: "reports", "photo", "compiled", "editor",
# "correspondent", "intern", "reporter"
HAN_ROLE_WORDS = frozenset("报道 報導 報道 摄影 攝影 综合报道 綜合報導 整理 编辑 編輯 通讯员 通訊員 "
                           "实习生 實習生 记者 記者 特约 特約".split())
# ... of which these name who edited, photographed or proofread: the names after them wrote
# nothing ("记者 王小明 编辑 李华")
_HAN_NOT_WRITERS = frozenset("编辑 編輯 责编 責編 责任编辑 責任編輯 摄影 攝影 校对 校對".split())


def _han_names(part: str) -> list[str] | None:
    """The names of a run of three or more space-separated Han words ("欧阳明 司马光 通讯员
    李四海"): several people, as no one name has three parts; role words left out, and the
    names after an editor's or photographer's label ("编辑 李华"). (Two words may be one
    Japanese name, "山田 太郎": see metadata._chinese_names_apart.)"""
    return han_names_in(part, 3)


def han_names_in(text: str, min_words: int) -> list[str] | None:
    """The writers of `text` when it is `min_words` or more space-separated Han words, each a
    name or a role word: the names, without role words, up to an editor's or photographer's
    label; None for any other text."""
    words = text.split()
    if len(words) < min_words or not all(HAN_NAME.fullmatch(w) for w in words):
        return None
    names: list[str] = []
    for w in words:
        if w in _HAN_NOT_WRITERS:
            break
        if w not in HAN_ROLE_WORDS and w not in names:
            names.append(w)
    return names


# A Korean regional byline: the places the reporter covers, then the name and the role, with
# no "=" between them ("순천·광양 구현모 기자", "세종 이용민 기자"). A Korean name has no space
# inside it, so the Hangul word before the name is a place, not part of it.
_KOREAN_PLACES_NAME = re.compile(
    r"^\s*(?:[가-힣]{2,4}\s*[·ㆍ,]\s*)*[가-힣]{2,4}\s+(?=[가-힣]{2,4}\s*(?:기자|특파원|선임기자)(?![가-힣]))")


def _without_korean_places(s: str) -> str:
    """`s` without the places before the name of a Korean regional byline (_KOREAN_PLACES_NAME)."""
    return _KOREAN_PLACES_NAME.sub("", s, count=1)


# Role labels of a credit line that names several people by what they did, each with a colon:
# "Reporter: Budi Santoso | Editor: Rina Wijaya", "Penulis: … Editor: …", "Words: Jane Roe |
# Photos: John Doe", "Muhabir: … / Editör: …". The writers' labels ...
_WRITER_LABELS = frozenset("""
reporter reporters reporting writer writers words story text texte texto testo tekst autor autorin
autoren author authors auteur auteurs autore autori penulis wartawan pewarta jurnalis laporan reportagem
reportaje muhabir yazar yazan текст автор автори إعداد كتابة تقرير بقلم الكاتب
""".split())
# ... and those of the others named beside them: editors, photographers, video and graphics.
_OTHER_LABELS = frozenset("""
editor editors editing edited redaktur penyunting editör edição edicion edición édition redaktion
redakcja photo photos foto fotos fotografer fotografi photography bild bilder picture pictures
video videos kamerawan camera grafik grafis graphics infografis ilustrasi illustration
illustrations producer produser produksi fotoğraf görüntü تحرير تصوير مونتاج جرافيك
""".split())
_INNER_LABEL = re.compile(r"\s+(?=([^\W\d_]+)\s*[:：]\s*\S)")


def _labelled_parts(parts: list[str]) -> list[str]:
    """The parts of a credit line that labels each person's role ("Reporter: …, Editor: …"):
    a part that runs into the next label is cut there (a line break read as a space), a
    writer's label is taken off the name, and a later part labelled for another role (an
    editor, a photographer) is left out: they did not write the story. The first part keeps
    its label's person either way (a site may call its writer "Editor")."""
    out: list[str] = []
    for part in parts:
        start = 0
        pieces = []
        for m in _INNER_LABEL.finditer(part):
            if m.group(1).casefold() in _WRITER_LABELS or m.group(1).casefold() in _OTHER_LABELS:
                pieces.append(part[start:m.start()])
                start = m.end()
        pieces.append(part[start:])
        for piece in pieces:
            label, colon, rest = piece.strip().partition(":")
            if not colon:
                label, colon, rest = piece.strip().partition("：")
            key = label.strip().casefold()
            if colon and rest.strip() and key in _WRITER_LABELS:
                piece = rest
            elif colon and rest.strip() and key in _OTHER_LABELS:
                if out:
                    continue
                piece = rest
            out.append(piece)
    return out


def _split_names(s: str) -> list[str]:
    """The parts of a byline between separators and "and"-words, in order."""
    parts: list[str] = []
    for part in _SPLIT.split(s):
        han = _han_names(part)
        if han is not None:
            parts.extend(han)
            continue
        if "、" in part and not any(ch.isspace() for ch in part.strip()):
            # CJK names are written without spaces and listed with "、"; a run with spaces
            # and "、" is a sentence or a profile box ("専門・関心分野 戦争、平和").
            parts.extend(part.split("、"))
            continue
        start = 0
        for m in _WAW.finditer(part):
            left, right = part[start:m.start()], part[m.end():]
            if len(left.split()) >= _WAW_MIN_WORDS and len(right.split()) >= _WAW_MIN_WORDS:
                parts.append(left)
                start = m.end()
        parts.append(part[start:])
    return parts


# A whole byline in brackets, as Chinese papers print it after the lead ("（记者 张三）") and
# Korean ones at the end ("[이데일리 김보겸 기자]").
_WRAPPED = re.compile(r"[(（]([^()（）]{2,60})[)）]|[\[［]([^\[\]［］]{2,60})[\]］]")


# A later part of a byline that names no writer: the photographer's or editor's credit
# ("Text: Jane Roe, Photos: John Doe", "Reporting by Jane Roe; Editing by John Doe"), or the
# place the story was filed from, one capitalised word that is no news agency ("Von Jane Roe,
# Berlin"; "Von Max Muster, dpa" names the agency, as the page does).
_NOT_WRITER = re.compile(r"^\s*(?:edit(?:ed|ing)|graphics?|photos?|pictures?|video|fotos?|bilder?)\s+"
                         r"(?:by|von|par|por)\b|^\s*(?:editing|edited)\s*:", re.IGNORECASE)
_AGENCIES = frozenset("""
afp ap dpa reuters efe ansa apa kna epd sda keystone-sda anp belga pap čtk ctk tasr mti agerpres
lusa xinhua kyodo jiji yonhap tass ria interfax anadolu ians pti ani uni bernama antara nan mena
wafa spa kuna qna wam bna petra sana irna tasnim isna aap cp upi sputnik ukrinform bloomberg afp/dpa
dpa/afp sid nrk ntb tt ritzau stt hina tanjug fena mia ata bta rtl ntv
""".split())


def _not_a_writer(part: str) -> bool:
    """Is this later part of a byline a credit of someone who did not write the story
    (_NOT_WRITER), or the place it was filed from (_filing_place)?"""
    return bool(_CREDIT.match(part) or _NOT_WRITER.match(part)) or _filing_place(part)


def _filing_place(part: str) -> bool:
    """Is this later part of a byline one capitalised word that is no news agency: the place
    the story was filed from ("Von Jane Roe, Berlin", "Jane Roe, Washington")?"""
    word = part.strip(" .")
    return (" " not in word and len(word) > 2 and word[:1].isupper() and word[1:].islower()
            and word.isalpha() and word.casefold() not in _AGENCIES)


# "John Doe in London", "Jean Dupont à Paris", "Max Muster aus Berlin": where the writer
# filed from, after a name of two or more words.
_FILED_FROM = re.compile(r"^(\S+(?:\s+\S+)+?)\s+(?:in|aus|à|from)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$")


def _without_filing_place(name: str) -> str:
    """`name` without the place it was filed from after it (_FILED_FROM)."""
    m = _FILED_FROM.match(name)
    return m.group(1) if m else name


_HANDLE = re.compile(r"(?<!\S)@\w+")


def parse_byline(text: str | None) -> list[str]:
    """Names in a byline string, in order, without duplicates.

    A job description after a name ends the byline ("Jane Doe, Senior Staff Technologist,
    ACLU Speech, Privacy and Technology Project" -> ["Jane Doe"]).
    """
    if not text:
        return []
    s = _HANDLE.sub(" ", _EMAIL.sub(" ", _URL.sub(" ", text)))  # "Jane Roe @janeroe"
    s = re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", s).strip()
    wrapped = _WRAPPED.fullmatch(s)
    if wrapped:
        s = (wrapped.group(1) or wrapped.group(2)).strip()  # "（记者 张三）": all in brackets
    s = _without_place(s)  # before the split: "글·사진=홍길동 기자" ("text and photos=")
    s = _without_korean_places(s)
    for _ in range(2):
        s = _PREFIX.sub("", s).strip(" ,;:|/-–—")
    s = _without_weekday(_SOURCE_LABEL.sub("", s))
    if _CREDIT.match(s):
        return []
    names: list[str] = []
    seen: set[str] = set()
    for part in _labelled_parts(_split_names(s)):
        part = part.strip()
        if not part or _CJK_DATELINE.match(part):
            continue
        if names and (_is_role(part) or _is_description(part)):
            break
        if names and (_of_outlet(part) or _not_a_writer(part)):
            continue
        name = _without_filing_place(clean_name(part))
        if not looks_like_name(name) or name.lower() in _DEGREES:
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names


# The closing credit of a story, where wire copy and many small sites name the writers at the
# end instead of under the headline: "(Reporting by Jane Roe in London; Editing by John Doe)",
# "(Reporte de Juana Pérez; Editado por …)", "(Bericht von Max Muster; redigiert von …)",
# "(إعداد أنس البار للنشرة العربية - تحرير …)", "(Репортаж Ивана Петрова; редактор …)".
_CLOSING_CREDIT = re.compile(
    r"^[(\[（]?\s*(?:(?:additional\s+)?reporting\s+by|reported\s+by|written\s+by|"
    r"reporte\s+de|información\s+de|bericht\s+von|reportage\s+de|"
    r"إعداد|تغطية\s+صحفية|подготовил[аи]?)\s*:?\s+(?P<names>[^;()\[\]（）]+?)\s*"
    r"(?:[;)\]）]|\s[-–—]\s*(?:edit|redig|تحرير|ред)|\b(?:editing|edited|editado|redigiert|édité)\b|$)",
    re.IGNORECASE)
# A sign-off line: a dash, then the writer's name, the last line of the text ("— Jane Roe").
_SIGN_OFF = re.compile(r"^\s*(?:[-–—―]{1,2})\s*(?P<names>[^-–—―].{1,60})$")
# A Korean reporter's sign-off, the last line of the text: the name and the role, then often
# the e-mail, in brackets or not, with the outlet before the name ("홍길동 기자
# hong@example.co.kr", "[이데일리 김보겸 기자]", "/홍길동·김철수 기자"). A Korean name is two to
# four syllables, with no space inside; an outlet's name alone ("서울신문 기자", "뉴시스 기자")
# is no writer's.
_NO_OUTLET_END = r"(?<!일보)(?<!신문)(?<!뉴스)(?<!뉴시스)(?<!방송)(?<!통신)(?<!경제)(?<!미디어)"
_KOREAN_SIGN_OFF = re.compile(
    r"^[\[［(（/]?\s*(?:[^\s\[\]［］()（）=]{1,12}\s+)?"
    r"(?P<names>(?:[가-힣]{2,4}\s*[·ㆍ,]\s*)*[가-힣]{2,4}"
    + _NO_OUTLET_END + r"\s?(?:기자|특파원|선임기자|객원기자|인턴기자))"
    r"\s*[\]］)）]?\s*(?:[(（<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)）>]?)?\s*[\]］)）]?$")


def korean_sign_off(text: str) -> re.Match[str] | None:
    """A Korean reporter's sign-off closing the text (_KOREAN_SIGN_OFF)."""
    return _KOREAN_SIGN_OFF.match(text) if "기자" in text or "특파원" in text else None


# What a wire service's Arabic desk adds after the writer: "للنشرة العربية" (for the Arabic
# bulletin)
_FOR_BULLETIN = re.compile(r"\s+لل?نشرة\s+\S+.*$")
CLOSING_LINES = 2  # lines at the text's end, and after it, that may hold its closing credit


def closing_byline(texts: list[str]) -> list[str]:
    """The writers a story's closing credit names (_CLOSING_CREDIT, _SIGN_OFF, _closing_bio,
    korean_sign_off),
    read from `texts`, the lines around the end of its text, last first. Each name must look
    like a person's: two capitalised words or more, or a name in another script."""
    for text in reversed(texts):
        text = " ".join(text.split())
        if len(text) > 200:
            continue
        m = (_CLOSING_CREDIT.match(text) or _SIGN_OFF.match(text) or _closing_bio(text)
             or korean_sign_off(text))
        if not m:
            continue
        names = parse_byline(_FOR_BULLETIN.sub("", m.group("names")))
        if names and all(_person_like(n) for n in names):
            return names
    return []


# The writer's note closing a story: "Jane Roe is a staff writer for …", "Max Muster ist
# Redakteur bei …", "Marie Dupont est journaliste …", "Juana Pérez es periodista …",
# "Иван Петров — журналист …": the name, then a journalist's job within a few words.
_BIO = re.compile(
    r"^(?P<names>[^,.;:()]{3,60}?)\s+(?:(?:is|was)\s+(?:a|an|the)|are|were|ist|war|sind|est|était|sont|es|fue|son|è|—|–|-)\s+"
    r"(?:[\w'’-]+\s+){0,4}?"
    r"(?:reporter|writer|correspondent|journalist|editor|columnist|contributor|freelancer|"
    r"redakteur(?:in)?|korrespondent(?:in)?|journalist(?:in)?|autor(?:in)?|"
    r"journaliste|correspondante?|rédact(?:eur|rice)|chroniqueu(?:r|se)|"
    r"periodista|corresponsal|redactora?|columnista|giornalista|corrispondente|"
    r"журналист(?:ка)?|корреспондент|обозреватель|редактор)(?:s|en|innen|es|as|i|ы)?\b", re.IGNORECASE)


def _closing_bio(text: str) -> re.Match[str] | None:
    """A closing note on the writer (_BIO), as one sentence that opens with the name."""
    return _BIO.match(text)


def _person_like(name: str) -> bool:
    """Two or more words whose first and last are capitalised ("Jane Roe", "Anas al-Bar"), or
    a name of one to three words in a script without capitals."""
    words = name.split()
    if any(ch.isdigit() for ch in name) or not words:
        return False
    if not any("a" <= ch.lower() <= "z" or "\u00c0" <= ch <= "\u024f" or "\u0400" <= ch <= "\u04ff"
               for ch in name):
        return len(words) <= 3
    return len(words) >= 2 and words[0][:1].isupper() and any(ch.isupper() for ch in words[-1])
