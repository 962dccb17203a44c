"""Date parsing for article metadata: fast, time zone kept as written.

`datetime.fromisoformat` handles the structured-data case (JSON-LD, meta tags, <time datetime>);
the rest are the textual forms news pages print ("7 August 2026", "August 7, 2026",
"07.08.2026", RFC 2822, month names in many languages, Arabic-Indic digits, the Thai Buddhist
era and the Solar Hijri calendar, converted by jdatetime). A date without a zone stays naive:
we never invent an offset.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterator

from .cldr_months import MONTHS as CLDR_MONTHS

__all__ = ["parse_date", "date_from_url", "find_date_in_text", "dates_in_text", "short_year_date"]

# Month names (lower-case, accents kept and stripped) -> month number.
_MONTHS: dict[str, int] = {}


def _add_months(names: str) -> None:
    for number, group in enumerate(names.split("|"), start=1):
        for name in group.split(","):
            name = name.strip()
            if name:
                _MONTHS[name] = number


# English
_add_months("january,jan|february,feb|march,mar|april,apr|may|june,jun|july,jul|"
            "august,aug|september,sep,sept|october,oct|november,nov|december,dec")
# German
_add_months("januar,jänner,jaenner,jän|februar,feber|märz,maerz,mrz|april|mai|juni|juli|"
            "august|september|oktober,okt|november|dezember,dez")
# French
_add_months("janvier,janv|février,fevrier,févr,fevr|mars|avril,avr|mai|juin|juillet,juil|"
            "août,aout|septembre|octobre|novembre|décembre,decembre,déc")
# Spanish
_add_months("enero,ene|febrero|marzo|abril,abr|mayo|junio|julio|agosto,ago|"
            "septiembre,setiembre,set|octubre|noviembre|diciembre,dic")
# Italian
_add_months("gennaio,gen|febbraio|marzo|aprile|maggio,mag|giugno,giu|luglio,lug|agosto|"
            "settembre,sett|ottobre,ott|novembre|dicembre")
# Portuguese
_add_months("janeiro|fevereiro,fev|março,marco|abril|maio|junho|julho|agosto|setembro|"
            "outubro,out|novembro|dezembro,dez")
# Dutch
_add_months("januari|februari|maart,mrt|april|mei|juni|juli|augustus|september|oktober|"
            "november|december")
# Scandinavian (Danish/Norwegian/Swedish) and Polish genitive forms
_add_months("januar,januari|februar,februari|mars|april|mai,maj|juni|juli|august,augusti|"
            "september|oktober|november|desember,december")
_add_months("stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września,wrzesnia|"
            "października,pazdziernika|listopada|grudnia")
# Russian genitive
_add_months("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря")
# Turkish
_add_months("ocak|şubat,subat|mart|nisan|mayıs,mayis|haziran|temmuz|ağustos,agustos|eylül,eylul|"
            "ekim|kasım,kasim|aralık,aralik")
# Arabic: Levantine/Iraqi (Syriac) names, Egyptian/Gulf names and their Egyptian spellings
# (يونيه, يوليه), Maghreb French-derived names (Tunisia/Algeria: جانفي, جوان, أوت) and Moroccan
# names (ماي, يوليوز, غشت, شتنبر, نونبر, دجنبر). Hamza-less spellings are added below.
_add_months("كانون الثاني,يناير,جانفي|شباط,فبراير,فيفري|آذار,مارس|نيسان,أبريل,إبريل,أفريل|"
            "أيار,مايو,ماي|حزيران,يونيو,يونيه,جوان|تموز,يوليو,يوليه,جويلية,جويلة,يوليوز|"
            "آب,أغسطس,أوت,غشت|أيلول,سبتمبر,شتنبر|تشرين الأول,أكتوبر|"
            "تشرين الثاني,نوفمبر,نونبر|كانون الأول,ديسمبر,دجنبر")
# Ukrainian and Czech genitive, Greek genitive (with and without accents), Hungarian
_add_months("січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня")
_add_months("ledna|února,unora|března,brezna|dubna|května,kvetna|června,cervna|července,cervence|"
            "srpna|září,zari|října,rijna|listopadu|prosince")
_add_months("ιανουαρίου,ιανουαριου|φεβρουαρίου,φεβρουαριου|μαρτίου,μαρτιου|απριλίου,απριλιου|"
            "μαΐου,μαίου,μαιου|ιουνίου,ιουνιου|ιουλίου,ιουλιου|αυγούστου,αυγουστου|"
            "σεπτεμβρίου,σεπτεμβριου|οκτωβρίου,οκτωβριου|νοεμβρίου,νοεμβριου|δεκεμβρίου,δεκεμβριου")
_add_months("január|február|március|április|május|június|július|augusztus|szeptember|október|"
            "november|december")
# Thai, full and abbreviated ("พ.ค."); Thai pages count years in the Buddhist era (_THAI_ERA)
_add_months("มกราคม,ม.ค|กุมภาพันธ์,ก.พ|มีนาคม,มี.ค|เมษายน,เม.ย|พฤษภาคม,พ.ค|มิถุนายน,มิ.ย|"
            "กรกฎาคม,ก.ค|สิงหาคม,ส.ค|กันยายน,ก.ย|ตุลาคม,ต.ค|พฤศจิกายน,พ.ย|ธันวาคม,ธ.ค")
_THAI_MONTHS = frozenset(name for name in _MONTHS if "\u0e00" <= name[0] <= "\u0e7f")
# Buddhist era = common era + 543: "3 พฤษภาคม 2567" is 3 May 2024.
_THAI_ERA = 543
# The Solar Hijri (Jalali) calendar's months, which Iranian pages print with Persian names and
# Afghan ones with Dari's zodiac names: "۱۴ اردیبهشت ۱۴۰۳" is 3 May 2024 (_jalali converts).
# Persian is often typed with the Arabic yeh (ي), so both spellings are read.
_JALALI_MONTHS: dict[str, int] = {}
for _number, _group in enumerate(("فروردین|اردیبهشت|خرداد|تیر|مرداد,امرداد|شهریور|مهر|آبان|آذر|دی|بهمن|"
                                  "اسفند").split("|"), start=1):
    for _name in _group.split(","):
        _JALALI_MONTHS[_name] = _JALALI_MONTHS[_name.replace("ی", "ي")] = _number
for _number, _name in enumerate("حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت".split("|"), start=1):
    _JALALI_MONTHS[_name] = _JALALI_MONTHS[_name.replace("ی", "ي")] = _number
# Solar Hijri years of the pages we read (1300 is 1921, 1430 is 2051): a later "year" is a
# Gregorian date of the past ("1453-05-29"), not a page from the future.
_JALALI_YEARS = range(1300, 1431)
# Arabic is often typed without hamza or madda on alif (ابريل, ايار, اذار, تشرين الاول).
_ALIF = str.maketrans("أإآ", "ااا")
for _name, _number in list(_MONTHS.items()):
    _MONTHS.setdefault(_name.translate(_ALIF), _number)
# Every other language's names from the CLDR (Danish "marts", Indonesian "Agustus", Finnish
# "maaliskuuta", Hebrew, Hindi, Persian ...); the tables above win where both name a word.
for _name, _number in CLDR_MONTHS.items():
    _MONTHS.setdefault(_name, _number)



def _trie_pattern(words: list[str]) -> str:
    """One regex for `words` as a trie ("ma(?:i|rs|y(?:o)?)..."): Python's re tries a plain
    alternation word by word at every position, and with ~250 month names that is most of the
    cost of scanning text for dates. A word that is a prefix of another matches both ways."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


_MONTH_ALT = _trie_pattern(list(_MONTHS.keys() | _JALALI_MONTHS.keys()))
# Arabic-Indic and Persian digits to ASCII; bidi marks (often typed around Arabic dates) dropped.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789",
                        "\u200e\u200f\u061c\u202a\u202b\u202c")
# The same, keeping every character's position (bidi marks become spaces).
_DIGITS_IN_PLACE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹\u200e\u200f\u061c\u202a\u202b\u202c",
                                 "01234567890123456789      ")

# The time after a date: "10:30", "10h30", "3:45 pm", Arabic "11:26 م" (ص morning, م evening),
# after a comma, dash or bar ("16 مايو 2024 - 11:26", "May 16, 2024 | 3:45 pm").
_TIME = r"(?:[T,،\s|–-]+(?:at\s+|um\s+|à\s+|a\s+las\s+|kl\.?\s+)?(?P<H>\d{1,2})[:h.](?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\.?|ص|م(?!\w))?(?:\s*(?:uhr|h))?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
# Day, month name, year: "16 May 2024", "16. Mai 2024", "16 de mayo de 2024", Thai "16 พ.ค.
# พ.ศ. 2567" (the era's name before the year), and with
# hyphens or slashes around the name, "16-May-2024", "16/مايو/2024" (South Asian, Arab and
# Nigerian sites). Arabic news gives the month twice, its Levantine and its Gregorian name:
# "12 آب/أغسطس 2024", "12 كانون الثاني/يناير 2024" (the first is read).
_RE_DMY_NAME = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|\.)?(?:\s*|\s?[-/]\s?)(?:de\s+|of\s+|ב)?(?P<mon>" + _MONTH_ALT +
    r")(?:\s?/\s?(?:" + _MONTH_ALT + r"))?"
    r"\.?(?:[,،]?\s*|\s?[-/]\s?)(?:de\s+|del\s+|พ\.\s?ศ\.\s*)?(?P<y>\d{4})(?!\d)" + _TIME, re.IGNORECASE)
_RE_MDY_NAME = re.compile(
    r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)"
    + _TIME, re.IGNORECASE)
# Year first with a month name: Hungarian "2024. május 16.", "2024 May 16", Lithuanian "2024 m.
# gegužės 16 d." (m. for metai, year).
_RE_YMD_NAME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\.?\s*(?:m\.\s*)?(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})\.?(?!\d)" + _TIME,
    re.IGNORECASE)
# "2024-05-16", "2024/5/16", and Hungarian "2024. 05. 16." (a space after each dot).
_RE_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:[-/]|\.\s?)(?P<m>\d{1,2})(?:[-/]|\.\s?)(?P<d>\d{1,2})(?!\d)" + _TIME,
                     re.IGNORECASE)
# "07.08.2026", "7/8/2026", and with a (thin) space after the dots as German, Czech and Polish
# typography writes it: "28. 4. 2023".
_RE_DMY_NUM = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:[/]|\.\s?)(?P<m>\d{1,2})(?:[/]|\.\s?)(?P<y>(?:19|20)\d{2})(?!\d)"
                         + _TIME, re.IGNORECASE)
# "12-08-2024": hyphens, as Dutch, Indian, Arab and Latin American sites print it (both
# separators hyphens, and not inside a longer run of numbers and hyphens)
_RE_DMY_DASH = re.compile(r"(?<![\d-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d{2})(?![\d-])"
                          + _TIME, re.IGNORECASE)
# A two-digit year, as Scandinavian and German date lines print it ("Publisert: 05.08.24 kl.
# 14:47"): read only where the text is known to be a date (short_year_date), never in free
# text, where "05.08.24" may be anything; dots only, not part of a longer number ("1.5.24.3").
_RE_DMY_SHORT = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2})(?![\d.])" + _TIME,
                           re.IGNORECASE)
_RE_CJK = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"
                     r"(?:\s*(?:\([^)]*\)|（[^）]*）)?\s*(?P<H>\d{1,2})[:時时시]\s*(?P<M>\d{2}))?")
# A Solar Hijri date in numbers, year first as Iran and Afghanistan write it: "۱۴۰۳/۰۲/۱۴".
_RE_YMD_JALALI = re.compile(r"(?<!\d)(?P<y>1[34]\d{2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
                            + _TIME, re.IGNORECASE)
# Vietnamese writes the month as "tháng" and its number: "ngày 3 tháng 5 năm 2024" (day 3,
# month 5, year 2024), "3 tháng 5, 2024".
_RE_VI = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+th[áa]ng\s+(?P<m>\d{1,2})(?:\s+n[ăa]m\s+|\s*,\s*|\s+)"
                    r"(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME, re.IGNORECASE)
# Uzbek, Kazakh, Kyrgyz, Azerbaijani, Turkmen and Latvian write the year first with its own
# word, then the day before the month, often with case suffixes: "2024-yil 12-avgust", "2024
# жылғы 12 тамыз", "2024-жылдын 12-августу", "2024-cü il 12 avqust", "2024. gada 12. augusts".
_RE_Y_DMON = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\.?\s*-?\s*(?:\w{1,3}\s+)?(?:yil|yıl|yili|il|йил|жыл|жылы|жылғы|жылдын|ýyl|ж\.|gada)"
    r"(?:\s+|\s*,\s*)(?P<d>\d{1,2})\.?\s*-?\s*(?:\w{1,3}\s+)?(?P<mon>" + _MONTH_ALT + r")\w{0,3}(?!\w)" + _TIME,
    re.IGNORECASE)
_REGEXES = ((_RE_YMD, "ymd"), (_RE_DMY_NAME, "name"), (_RE_MDY_NAME, "name"), (_RE_YMD_NAME, "name"),
            (_RE_DMY_NUM, "dmy"), (_RE_DMY_DASH, "dmy"), (_RE_CJK, "ymd"), (_RE_YMD_JALALI, "jalali"),
            (_RE_VI, "dm"), (_RE_Y_DMON, "name"))
# Every date pattern holds a year; the month-name alternation is slow to try at every position
# (6-7 ms for _RE_MDY_NAME over 3000 characters), so the patterns run only around the years in
# the text. A match starts at most YEAR_LEAD_CHARS before its year ("septiembre 30th, 2024",
# "16 de septiembre de 2024") and its time ends within YEAR_TAIL_CHARS after it
# ("2024 at 11:26:00 pm UTC+05:30").
# 24xx-26xx: Thai Buddhist era; 13xx-14xx: Solar Hijri
_RE_YEAR = re.compile(r"(?<!\d)(?:19|20|24|25|26|13|14)\d{2}(?!\d)")
YEAR_LEAD_CHARS = 40
YEAR_TAIL_CHARS = 60
# Shorter texts (a date element, a byline) are scanned whole: windows cost more than they save.
YEAR_WINDOW_MIN_CHARS = 200


# Every pattern of _REGEXES holds four digits in a row (its year): a text without them holds no
# date, and most texts the fallbacks scan (headlines, teasers, bylines) have none.
_FOUR_DIGITS = re.compile(r"\d{4}")


def _years(s: str) -> list[tuple[int, int]] | None:
    """The (start, end) of the years in `s` that _finditer looks around, found once for all
    patterns; None when `s` is short enough to be scanned whole."""
    if len(s) <= YEAR_WINDOW_MIN_CHARS:
        return None
    return [y.span() for y in _RE_YEAR.finditer(s)]


def _finditer(regex: re.Pattern[str], s: str,
              years: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """regex.finditer(s) for a pattern of _REGEXES, looking only near the `years` in `s`
    (_years(s))."""
    if regex is _RE_CJK or years is None:  # CJK: starts with the year itself
        yield from regex.finditer(s)
        return
    for start, end in years:
        lo = max(0, start - YEAR_LEAD_CHARS)
        for m in regex.finditer(s, lo, min(len(s), end + YEAR_TAIL_CHARS)):
            if m.start("y") == start:
                yield m
_RE_URL = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_RE_URL_YM = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")


# Arabic clock suffixes: ص (sabahan, morning), م (masa'an, evening).
_AMPM = {"ص": "am", "م": "pm"}


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    t = text.strip().upper()
    if t in ("Z", "UTC", "GMT"):
        return timezone.utc
    m = re.match(r"(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$", t)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m.group(1) == "-" else delta)


def _build(y: int, mo: int, d: int, m: re.Match[str] | None) -> datetime | None:
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    hour = minute = second = 0
    tz = None
    if m is not None and m.groupdict().get("H"):
        hour, minute = int(m.group("H")), int(m.group("M"))
        second = int(m.group("S") or 0) if "S" in m.groupdict() else 0
        ampm = m.groupdict().get("ampm") or ""
        ampm = _AMPM.get(ampm) or ampm.replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        tz = _tz(m.groupdict().get("tz"))
    try:
        return datetime(y, mo, d, hour, minute, second, tzinfo=tz)
    except ValueError:
        try:
            return datetime(y, mo, d)
        except ValueError:
            return None


def _fromiso(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if 1900 <= value.year <= 2100 else None


def parse_date(text: str | None) -> datetime | None:
    """The first date (and time, if given) in `text`; None when there is none.

    Structured values (ISO 8601, RFC 2822, epoch) are tried first because they are exact;
    textual dates are searched anywhere in the string so "Updated: 7 August 2026" works.
    """
    if not text:
        return None
    s = text.strip().translate(_DIGITS)
    if not s or len(s) > 400:
        s = s[:400]
    if s[:1].isdigit():
        value = _fromiso(s)
        if value is None and len(s) > 10 and s[4:5] == "-":
            # "2026-08-07 10:00:00 +0300", "2026-08-07T10:00:00.000+0000", trailing "Z" junk
            iso = re.sub(r"\s*([+-]\d{2})(\d{2})$", r"\1:\2", s.replace(" ", "T", 1))
            iso = re.sub(r"(\.\d{1,6})\d*", r"\1", iso)
            value = _fromiso(iso) or _fromiso(iso[:19])
        if value is not None:
            return value
        if s.isdigit() and len(s) in (10, 13):
            try:
                return datetime.fromtimestamp(int(s[:10]), tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                return None
    if "," in s[:5] or re.match(r"\w{3}, ", s):
        try:
            value = parsedate_to_datetime(s)
            if value is not None and 1900 <= value.year <= 2100:
                return value
        except (TypeError, ValueError, IndexError):
            pass
    return find_date_in_text(s)


def short_year_date(text: str) -> datetime | None:
    """A day.month.yy date (see _RE_DMY_SHORT), in this century: for the text of an element
    that is a date (a <time>, the words after a "Published" label), where the US order
    (11.03.17 for November 3rd) is not a worry."""
    m = _RE_DMY_SHORT.search(text.translate(_DIGITS))
    if not m:
        return None
    return _build(2000 + int(m.group("y")), int(m.group("m")), int(m.group("d")), m)


def find_date_in_text(text: str) -> datetime | None:
    """The earliest-positioned date written in free text (bylines, datelines)."""
    s = text.translate(_DIGITS)
    if not _FOUR_DIGITS.search(s):
        return None
    years = _years(s)
    best: tuple[int, datetime] | None = None
    for regex, kind in _REGEXES:
        m = next(_finditer(regex, s, years), None)
        if not m or (best is not None and m.start() >= best[0]):
            continue
        value = _value(m, kind)
        if value is not None:
            best = (m.start(), value)
    return best[1] if best else None


def _jalali(y: int, mo: int, d: int, m: re.Match[str] | None) -> datetime | None:
    """The Solar Hijri date y/mo/d as a (Gregorian) datetime, with the time `m` gives."""
    if y not in _JALALI_YEARS:
        return None
    import jdatetime  # only for the pages that print such dates: its import costs ~20 ms
    try:
        day = jdatetime.date(y, mo, d).togregorian()
    except ValueError:
        return None
    return _build(day.year, day.month, day.day, m)


# Whether the page being read writes numeric dates month first, as the United States does
# ("05/03/2024" is May 3rd there, March 5th elsewhere): set by the metadata reader for the
# page (crawler.extract.metadata._month_first), read where a numeric date is ambiguous. Its
# value is a bool, or an object whose truth is worked out when a date first asks for it.
MONTH_FIRST: ContextVar[Any] = ContextVar("month_first", default=False)


def _value(m: re.Match[str], kind: str) -> datetime | None:
    if kind == "jalali":
        return _jalali(int(m.group("y")), int(m.group("m")), int(m.group("d")), m)
    if kind == "name":
        name = m.group("mon").lower()
        if name in _JALALI_MONTHS and int(m.group("y")) in _JALALI_YEARS:
            return _jalali(int(m.group("y")), _JALALI_MONTHS[name], int(m.group("d")), m)
        month = _MONTHS.get(name)
        if month is None:
            return None
        year = int(m.group("y"))
        if name in _THAI_MONTHS and year > 2400:
            year -= _THAI_ERA
        return _build(year, month, int(m.group("d")), m)
    day, month = int(m.group("d")), int(m.group("m"))
    if kind == "dmy" and month > 12 >= day:
        # Day first cannot be: the US order "05/16/2024".
        day, month = month, day
    elif kind == "dmy" and day <= 12 and day != month and m.string[m.end("d"):m.end("d") + 1] in "/-":
        # "05/03/2024": the weekday printed before it settles the order ("Tue, 03/05/2024" is
        # March 5th); else a US page writes the month first. A dotted date is day first everywhere.
        month_first = _weekday_order(m, day, month)
        if month_first is None:
            month_first = bool(MONTH_FIRST.get())
        if month_first:
            day, month = month, day
    return _build(int(m.group("y")), month, day, m)


# An English weekday name right before a date ("Tue, 03/05/2024", "Tuesday 03/05/2024"): the
# only language whose numeric dates may be written month first (metadata._MONTH_FIRST_LOCALES)
_WEEKDAY_BEFORE = re.compile(
    r"(?i)(?<![a-z])(?:(mon)(?:day)?|(tue)(?:s|sday)?|(wed)(?:nesday)?|(thu)(?:r|rs|rsday)?|"
    r"(fri)(?:day)?|(sat)(?:urday)?|(sun)(?:day)?)\.?,?\s*$")
WEEKDAY_LOOKBACK = 12  # characters before the date: "Wednesday, " and no more


def _weekday_order(m: re.Match[str], day: int, month: int) -> bool | None:
    """Does the weekday printed before an ambiguous numeric date say it is written month first
    (True) or day first (False)? None when no weekday is printed there, or when it fits both
    readings or neither (a wrong weekday settles nothing)."""
    w = _WEEKDAY_BEFORE.search(m.string, max(0, m.start() - WEEKDAY_LOOKBACK), m.start())
    if w is None:
        return None
    named = next(i for i, g in enumerate(w.groups()) if g)
    try:
        year = int(m.group("y"))
        day_first = date(year, month, day).weekday() == named
        month_first = date(year, day, month).weekday() == named
    except ValueError:
        return None
    return month_first if day_first != month_first else None


def dates_in_text(text: str) -> list[tuple[int, int, datetime]]:
    """Every date written in `text` as (start, end, value), in order of position: for callers
    that judge a date by what surrounds it (a dateline on its own line, not one in a sentence)."""
    s = text.translate(_DIGITS_IN_PLACE)
    found: list[tuple[int, int, datetime]] = []
    if not _FOUR_DIGITS.search(s):
        return found
    years = _years(s)
    for regex, kind in _REGEXES:
        for m in _finditer(regex, s, years):
            value = _value(m, kind)
            if value is not None:
                found.append((m.start(), m.end(), value))
    found.sort(key=lambda t: (t[0], -t[1]))
    return found


def date_from_url(url: str) -> datetime | None:
    """A publication day written in the URL path (/2026/08/07/, /20260807/), naive; else None."""
    m = _RE_URL.search(url)
    if not m:
        return None
    try:
        return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
