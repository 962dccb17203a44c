"""`import-warc` on one WARC file holding many hosts, as Common Crawl's CC-NEWS files do (issue
16 item 2): each host's articles belong to its registered domain, pages are told apart by
content (an article at /p/123 is stored, a listing at /2024/05/01/ is not), and --domain,
--language and --from/--to select exactly what they name. The WARC file is written here with
warcio; the CLI runs as a user runs it."""
from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import run_cli

DAY1, DAY2 = "2024-05-01T10:00:00Z", "2024-05-03T08:00:00Z"
EN = ("The harbour council met on Tuesday evening to vote on the new sea wall, a plan residents "
      "have argued about for months because of the cost, the noise and the traffic it would bring "
      "to the narrow streets of the old town. ")
DE = ("Der Hafenrat hat am Dienstagabend über die neue Kaimauer abgestimmt, einen Plan, über den "
      "die Anwohner seit Monaten streiten, weil er teuer ist und viel Lärm und Verkehr in die "
      "engen Gassen der Altstadt bringen würde. ")
TOPICS = ("harbour wall", "bus fares", "school meals", "river bridge", "night trains",
          "park benches", "water prices", "library hours", "bike lanes", "market stalls",
          "tram depot", "ferry times")


def article(title: str, *, lang: str, day: str) -> bytes:
    """A full article page: headline, byline, date, six paragraphs."""
    text, by = (DE, "Von") if lang == "de" else (EN, "By")
    paragraphs = "".join(f"<p>{text * 2}({k})</p>" for k in range(1, 7))
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='{day}T09:30:00Z'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
            f"<p class='byline'>{by} Jane Doe</p><time datetime='{day}T09:30:00Z'>{day}</time>"
            f"{paragraphs}</article></body></html>").encode()


def listing(day: str) -> bytes:
    """A day's listing: a dozen headline links with a sentence or two each, no article body."""
    items = "".join(
        f"<li><h3><a href='/p/{200 + k}'>Council reviews the {topic} plan</a></h3>"
        f"<p>Residents of ward {k} wrote to the mayor about the {topic}. A decision on the "
        f"{topic} is due in {k + 2} weeks.</p></li>" for k, topic in enumerate(TOPICS))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Stories of {day}</title></head><body><main><h1>Stories of {day}</h1>"
            f"<ul>{items}</ul></main></body></html>").encode()


# url -> (page, capture date); every page but the listing is an article
PAGES = {
    "http://www.alpha.example/p/123": (article("Sea wall vote set for June", lang="en",
                                               day="2024-05-01"), DAY1),
    "http://www.alpha.example/2024/05/01/": (listing("2024-05-01"), DAY1),
    "http://news.alpha.example/world/harbour-vote": (article("Harbour vote delayed again",
                                                             lang="en", day="2024-05-03"), DAY2),
    "http://beta.example/de/hafen": (article("Abstimmung über die Kaimauer", lang="de",
                                             day="2024-05-01"), DAY1),
    "http://beta.example/news/bridge": (article("Bridge repairs to start in July", lang="en",
                                                day="2024-05-03"), DAY2),
    "https://gamma.example.co.uk/story/rates": (article("Council tax rates frozen", lang="en",
                                                        day="2024-05-03"), DAY2),
    "https://news.gamma.example.co.uk/p/7": (article("Neue Fähre für den Hafen", lang="de",
                                                     day="2024-05-03"), DAY2),
}
LISTING = "http://www.alpha.example/2024/05/01/"
ARTICLES = {url for url in PAGES if url != LISTING}
SITES = {
    "http://www.alpha.example/p/123": "alpha.example",
    "http://news.alpha.example/world/harbour-vote": "alpha.example",
    "http://beta.example/de/hafen": "beta.example",
    "http://beta.example/news/bridge": "beta.example",
    "https://gamma.example.co.uk/story/rates": "example.co.uk",
    "https://news.gamma.example.co.uk/p/7": "example.co.uk",
}
GERMAN = {"http://beta.example/de/hafen", "https://news.gamma.example.co.uk/p/7"}
ON_DAY1 = {url for url, (_page, when) in PAGES.items() if when == DAY1}


def cc_news_warc(path: Path) -> Path:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, (body, when) in PAGES.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": when}))
    return path


def imported(tmp_path: Path, name: str, *options: str):
    archive = tmp_path / name
    source = tmp_path / "CC-NEWS-20240501.warc.gz"
    if not source.exists():
        cc_news_warc(source)
    result = run_cli("import-warc", str(source), "--archive", str(archive), "--jobs", "1",
                     *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return archive, result


def query(archive: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def stored(archive: Path) -> set[str]:
    return {url for (url,) in query(archive, "SELECT canonical_url FROM articles")}


def test_each_host_is_a_site_of_its_own_and_only_articles_are_stored(tmp_path):
    archive, result = imported(tmp_path, "all")
    assert dict(query(archive, "SELECT canonical_url, site FROM articles")) == SITES
    kinds = dict(query(archive, "SELECT url, page_kind FROM captures"))
    assert kinds == {url: ("listing" if url == LISTING else "article") for url in PAGES}
    # the report and the run summary say how many pages were read and how many were no article
    assert "pages extracted 7: new versions 6" in result.stdout, result.stdout
    assert "not articles 1 (listings 1, other 0)" in result.stdout, result.stdout
    (summary,) = query(archive, "SELECT summary FROM runs")
    summary = json.loads(summary[0])
    assert (summary["pages"], summary["not_articles"], summary["listing_pages"]) == (7, 1, 1)
    # the pages share their filler text: news.alpha.example's article is the same text as
    # www.alpha.example's, a republication on its site (docs/STORIES.md); the copies on the
    # other sites are new articles of the same story
    assert (summary["articles"]["new"], summary["articles"]["republished"]) == (5, 1)
    # re-extraction of the imported pages assigns the same sites: nothing changes
    again = run_cli("reextract", "--archive", str(archive), "--jobs", "1")
    assert again.returncode == 0 and "new versions 0" in again.stdout, again.stdout
    assert dict(query(archive, "SELECT canonical_url, site FROM articles")) == SITES


def test_domain_keeps_a_host_and_its_subdomains_and_records_nothing_else(tmp_path):
    archive, result = imported(tmp_path, "domains", "--domain", "alpha.example",
                               "--domain", "EXAMPLE.co.uk")
    assert stored(archive) == {url for url, site in SITES.items() if site != "beta.example"}
    assert {url for (url,) in query(archive, "SELECT url FROM captures")} == (
        set(PAGES) - {"http://beta.example/de/hafen", "http://beta.example/news/bridge"})
    assert "7 records, 5 captures (skipped: outside --domain 2)" in result.stdout, result.stdout
    archive, _ = imported(tmp_path, "subdomain", "--domain", "news.alpha.example")
    assert stored(archive) == {"http://news.alpha.example/world/harbour-vote"}
    # --site still labels the run (no profile of that name) and filters combine
    archive, _ = imported(tmp_path, "labelled", "--site", "cc-news", "--domain", "beta.example",
                          "--language", "de")
    assert stored(archive) == {"http://beta.example/de/hafen"}
    assert query(archive, "SELECT site FROM runs") == [("import:cc-news",)]


def test_language_keeps_articles_in_that_language_and_counts_the_others(tmp_path):
    archive, result = imported(tmp_path, "german", "--language", "de")
    assert stored(archive) == GERMAN
    kinds = dict(query(archive, "SELECT url, page_kind FROM captures"))
    assert {url for url, kind in kinds.items() if kind == "filtered"} == ARTICLES - GERMAN
    assert kinds[LISTING] == "listing"
    assert "other languages 4" in result.stdout, result.stdout
    (summary,) = query(archive, "SELECT summary FROM runs")
    assert json.loads(summary[0])["filtered_language"] == 4
    archive, _ = imported(tmp_path, "both", "--language", "en", "--language", "DE")
    assert stored(archive) == ARTICLES


def test_from_and_to_select_capture_days_inclusively(tmp_path):
    archive, result = imported(tmp_path, "later", "--from", "2024-05-02")
    assert stored(archive) == ARTICLES - ON_DAY1
    assert "outside --from/--to 3" in result.stdout, result.stdout
    archive, _ = imported(tmp_path, "first-day", "--from", "2024-05-01", "--to", "2024-05-01")
    assert stored(archive) == ARTICLES & ON_DAY1
    assert {url for (url,) in query(archive, "SELECT url FROM captures")} == ON_DAY1
    archive, _ = imported(tmp_path, "until-third", "--to", "2024-05-03", "--domain",
                          "gamma.example.co.uk")
    assert stored(archive) == {"https://gamma.example.co.uk/story/rates",
                               "https://news.gamma.example.co.uk/p/7"}


def test_a_bad_date_is_a_usage_error_in_one_line(tmp_path):
    source = cc_news_warc(tmp_path / "cc.warc.gz")
    for option, value in (("--from", "2024-13-01"), ("--to", "1 May 2024")):
        archive = tmp_path / "never"
        result = run_cli("import-warc", str(source), "--archive", str(archive), option, value)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and value in lines[0] and "Traceback" not in result.stderr, lines
        assert not archive.exists()
