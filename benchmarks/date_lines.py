"""How published dates printed only as text hold across languages and formats.

    python benchmarks/date_lines.py [--show]

Many regional sites state the publication date nowhere but in a line of text under the
headline, in their own language and format. The dev pages show few of those formats, so this
probe writes one small article page of our own per date line below (42 lines, 30 languages:
month names, numeric orders, hyphens and slashes, clock suffixes, other digits and eras), each
stating 3 May 2024 (one also an update on another day), and prints how many `extract()`
dates right. A probe of the date rules, not a target to tune against: a line that cannot be
read unambiguously (05/03/2024 under a plain lang="en") stays a miss.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import extract  # noqa: E402

DAY = date(2024, 5, 3)
# (html lang, the date line as printed)
LINES: tuple[tuple[str, str], ...] = (
    ("en", "Published May 3, 2024 2:12 p.m. ET"), ("en", "Fri 3 May 2024 14.12 BST"),
    ("en", "May 3rd, 2024"), ("en", "Posted: 05/03/2024"), ("en", "03 May 2024 | 14:12 IST"),
    ("en", "Updated 4 May 2024, Published 3 May 2024"), ("en", "Posted 03-May-2024 | 2:12 PM"),
    ("de", "03.05.2024, 14:12 Uhr"), ("de", "Freitag, 3. Mai 2024"),
    ("de", "Veröffentlicht am 3. Mai 2024 um 14:12 Uhr"),
    ("fr", "Publié le 3 mai 2024 à 14h12"), ("fr", "le 03/05/2024 à 14:12"),
    ("es", "Publicado el 3 de mayo de 2024, 14:12"), ("es", "03/05/2024 14:12 h"),
    ("it", "3 maggio 2024 - 14:12"), ("pt", "03/05/2024 14h12"), ("pt", "3 de maio de 2024 às 14:12"),
    ("nl", "3 mei 2024, 14:12"), ("ru", "3 мая 2024, 14:12"), ("uk", "3 травня 2024, 14:12"),
    ("pl", "3 maja 2024, 14:12"), ("tr", "03 Mayıs 2024 14:12"), ("cs", "3. května 2024 14:12"),
    ("ar", "3 مايو 2024"), ("ar", "٣ مايو ٢٠٢٤"), ("ar", "الجمعة 03/مايو/2024 - 02:12 م"),
    ("ar", "3 أيار 2024"), ("fa", "۱۴۰۳/۰۲/۱۴"), ("zh", "2024年5月3日 14:12"),
    ("zh", "2024-05-03 14:12 来源：新华社"), ("ja", "2024年5月3日 14時12分"),
    ("ko", "입력 2024.05.03 14:12"), ("ko", "2024년 5월 3일 14시 12분"), ("hi", "3 मई 2024"),
    ("th", "3 พฤษภาคม 2567"), ("vi", "Thứ sáu, 3/5/2024, 14:12 (GMT+7)"),
    ("id", "Jumat, 03 Mei 2024 14:12 WIB"), ("el", "3 Μαΐου 2024"), ("he", "3 במאי 2024"),
    ("sv", "3 maj 2024 kl. 14.12"), ("fi", "3.5.2024 klo 14.12"), ("hu", "2024. május 3. 14:12"),
)
TEXT = ("<p>The city council voted on Tuesday to expand the night bus network, adding four routes "
        "that will run until 3 a.m. on weekdays and at weekends.</p>") * 4


def page(lang: str, line: str) -> str:
    return (f'<html lang="{lang}"><head><title>Night buses</title></head><body><article>'
            f'<h1>Night bus network to grow by four routes</h1><div class="meta"><span class="date">'
            f"{line}</span></div>{TEXT}</article></body></html>")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every line that is missed")
    args = parser.parse_args(argv)
    missed = []
    for lang, line in LINES:
        published = extract(page(lang, line).encode("utf-8"), "https://news.example.org/story").published
        if published is None or published.date() != DAY:
            missed.append(f"  {lang} {line!r} -> {published.date() if published else None}")
    right = len(LINES) - len(missed)
    print(f"date lines read right: {right}/{len(LINES)} = {right / len(LINES):.3f}")
    if args.show:
        print("\n".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
