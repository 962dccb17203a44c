"""The bundled fixture news site, checked over real HTTP on 127.0.0.1 with the stdlib only."""
from __future__ import annotations

import html
import http.client
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite.routes import route

GT_KEYS = {"url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
           "published", "modified", "body", "images", "tags"}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DemoSite, DemoServer]]:
    """A pristine site shared by the read-only tests."""
    site = DemoSite(seed=0)
    with DemoServer(site) as server:
        yield site, server


@pytest.fixture()
def fresh() -> Iterator[tuple[DemoSite, DemoServer]]:
    """A site of its own for tests that switch the site's state."""
    site = DemoSite(seed=0)
    with DemoServer(site) as server:
        yield site, server


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET without raising on 4xx/5xx; follows redirects like a browser."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def raw_get(url: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """GET that does not follow redirects (urllib would)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request("GET", target, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def visible_text(page: str) -> str:
    """Tag-free, unescaped text with whitespace collapsed: what a reader sees, roughly."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


# -- ground truth -----------------------------------------------------------------------

def test_ground_truth_shape(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    truth = site.ground_truth(server.base_url)
    assert len(truth) >= 40
    assert {a["language"] for a in truth} == {"en", "ar"}
    assert {a["section"] for a in truth} == {"Security", "Politics", "Economy", "Society",
                                             "الأمن", "السياسة", "الاقتصاد", "المجتمع"}
    assert len({a["url"] for a in truth}) == len(truth)
    for a in truth:
        assert set(a) == GT_KEYS
        assert a["url"] == a["canonical_url"]
        assert a["url"].startswith(server.base_url + ("/en_GB/articles/" if a["language"] == "en"
                                                       else "/ar/articles/"))
        assert a["site"] == "127.0.0.1"
        assert a["published"].endswith("+03:00")
        assert a["modified"] is None or a["modified"] > a["published"]
        for name in a["authors"]:
            assert name and "|" not in name and not name.startswith(("By ", "بقلم"))
        blocks = a["body"].split("\n\n")
        assert len(blocks) >= 7 and all(b.strip() == b and b for b in blocks)
        assert "Read also" not in a["body"] and "اقرأ أيضاً" not in a["body"]
        assert "Do you like" not in a["body"] and "Advertisement" not in a["body"]
        assert 1 <= len(a["images"]) <= 2
        for image in a["images"]:
            assert image["src"].startswith(server.base_url + "/media/")
            assert image["caption"] and "[" not in image["caption"]
            assert image["credit"] and "[" not in image["credit"]
        assert a["tags"]
    # The mix that makes extraction interesting.
    assert any(a["modified"] is None for a in truth)
    assert sum(a["modified"] is not None for a in truth) > len(truth) / 2
    assert any(len(a["authors"]) == 2 for a in truth)
    assert any(not a["authors"] for a in truth)
    assert any(len(a["images"]) == 2 for a in truth)


def test_every_article_serves_its_ground_truth(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    cp1256 = site.special_urls(server.base_url)["windows_1256"]
    for a in site.ground_truth(server.base_url):
        status, headers, body = fetch(a["url"])
        assert status == 200, a["url"]
        page = body.decode("cp1256" if a["url"] == cp1256 else "utf-8")
        assert f"<title>{html.escape(a['title'], quote=False)} | " in page
        text = visible_text(page)
        for value in [a["title"], a["dek"], *a["authors"], *a["tags"],
                      *a["body"].split("\n\n"), *(i["caption"] for i in a["images"]),
                      *(i["credit"] for i in a["images"])]:
            assert value in text, (a["url"], value)
        assert a["published"] in page
        if a["modified"]:
            assert a["modified"] in page
        for image in a["images"]:
            assert urlsplit(image["src"]).path in page


def test_some_articles_have_no_structured_metadata(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    pages = [fetch(url)[2] for url in site.article_urls(server.base_url)]
    with_og = [p for p in pages if b'property="og:title"' in p]
    with_ld = [p for p in pages if b"application/ld+json" in p]
    assert len(pages) / 2 < len(with_og) < len(pages)
    assert 0 < len(with_ld) < len(with_og)


# -- special pages ----------------------------------------------------------------------

def test_robots_txt(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    status, headers, body = fetch(server.base_url + "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert "User-agent: *" in text
    assert "Disallow: /en_GB/private/" in text
    assert f"Sitemap: {server.base_url}/sitemap.xml" in text
    # The disallowed page is linked, so a careless crawler would find it.
    _, _, home = fetch(site.special_urls(server.base_url)["home_en"])
    assert b'href="/en_GB/private/archive"' in home


def test_sitemaps(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    urls = site.article_urls(server.base_url)
    status, headers, body = fetch(server.base_url + "/sitemap.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    index = ET.fromstring(body)
    assert index.tag == f"{SM}sitemapindex"
    locs = [e.text or "" for e in index.iter(f"{SM}loc")]
    assert locs == [server.base_url + "/sitemap-articles.xml", server.base_url + "/sitemap-news.xml"]

    articles = ET.fromstring(fetch(locs[0])[2])
    assert [e.findtext(f"{SM}loc") for e in articles.iter(f"{SM}url")] == urls
    assert all(e.findtext(f"{SM}lastmod") for e in articles.iter(f"{SM}url"))

    news = ET.fromstring(fetch(locs[1])[2])
    entries = list(news.iter(f"{SM}url"))
    assert 5 <= len(entries) < len(urls)
    assert [e.findtext(f"{SM}loc") for e in entries] == urls[:len(entries)]   # newest first
    truth = {a["url"]: a for a in site.ground_truth(server.base_url)}
    for entry in entries:
        item = entry.find(f"{NEWS}news")
        assert item is not None
        assert item.findtext(f"{NEWS}publication/{NEWS}name")
        a = truth[entry.findtext(f"{SM}loc")]
        assert item.findtext(f"{NEWS}publication_date") == a["published"]
        assert item.findtext(f"{NEWS}title") == a["title"]


def test_rss_feeds_parse_and_resolve(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    truth = {a["url"]: a for a in site.ground_truth(server.base_url)}
    feeds = site.special_urls(server.base_url)["feeds"]
    assert len(feeds) == 8
    _, _, section = fetch(site.special_urls(server.base_url)["section_en"])
    assert b'type="application/rss+xml"' in section
    tracked = 0
    for feed in feeds:
        status, headers, body = fetch(feed)
        assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
        root = ET.fromstring(body)
        assert root.tag == "rss" and root.get("version") == "2.0"
        items = root.findall("channel/item")
        assert items
        for item in items:
            link = item.findtext("link") or ""
            clean = link.split("?")[0]
            assert clean in truth
            assert item.findtext("title") == truth[clean]["title"]
            tracked += "utm_source=rss" in link
            assert fetch(link)[0] == 200
    assert tracked > 0


def test_not_found(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    special = site.special_urls(server.base_url)
    _, _, listing = fetch(special["not_found_from"])
    assert urlsplit(special["not_found"]).path.encode() in listing
    status, headers, body = fetch(special["not_found"])
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body
    assert fetch(server.base_url + "/en_GB/security/?page=99")[0] == 404


def test_permanent_redirect(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    special = site.special_urls(server.base_url)
    response = raw_get(special["redirect_from"])
    assert response.status == 301
    assert response.getheader("Location") == special["redirect_to"]
    assert special["redirect_to"] in site.article_urls(server.base_url)
    _, _, home = fetch(special["home_en"])
    assert urlsplit(special["redirect_from"]).path.encode() in home


def test_tracking_and_print_variants(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    special = site.special_urls(server.base_url)
    canonical_link = '<link rel="canonical" href="{}">'

    _, _, home = fetch(special["home_en"])
    assert html.escape(urlsplit(special["tracking"]).path + "?" +
                       urlsplit(special["tracking"]).query).encode() in home
    status, _, page = fetch(special["tracking"])
    assert status == 200
    assert canonical_link.format(special["tracking_canonical"]).encode() in page

    _, _, article = fetch(special["print_canonical"])
    assert urlsplit(special["print"]).path.encode() in article
    status, _, printed = fetch(special["print"])
    assert status == 200
    assert canonical_link.format(special["print_canonical"]).encode() in printed
    truth = next(a for a in site.ground_truth(server.base_url)
                 if a["url"] == special["print_canonical"])
    text = visible_text(printed.decode())
    for block in truth["body"].split("\n\n"):
        assert block in text
    assert "Read also" not in text and "Do you like this article?" not in text
    assert b'class="main-nav"' not in printed


def test_windows_1256_article(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    url = site.special_urls(server.base_url)["windows_1256"]
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Content-Type"] == "text/html"          # no charset parameter
    assert b'<meta charset="windows-1256">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1256")
    truth = next(a for a in site.ground_truth(server.base_url) if a["url"] == url)
    assert truth["language"] == "ar"
    assert truth["title"] in text
    assert '<html lang="ar" dir="rtl">' in text


def test_disallowed_fetch_is_logged(fresh: tuple[DemoSite, DemoServer]) -> None:
    site, server = fresh
    server.clear_log()
    assert server.requests == []
    assert fetch(site.special_urls(server.base_url)["disallowed"])[0] == 200
    assert server.requests == [("GET", "/en_GB/private/archive", 200)]


def test_listing_pagination(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    start = site.special_urls(server.base_url)["section_en"]
    assert start in site.sections(server.base_url) and len(site.sections(server.base_url)) == 8
    seen: list[str] = []
    url: str | None = start
    while url:
        status, _, body = fetch(url)
        assert status == 200
        page = body.decode()
        links = re.findall(r'<h2 class="teaser-title"><a href="([^"]+)"', page)
        assert 1 <= len(links) <= 5
        assert 'class="teaser-dek"' in page
        seen += [server.base_url + link for link in links]
        nxt = re.search(r'<a rel="next" class="page-next" href="([^"]+)"', page)
        url = server.base_url + html.unescape(nxt.group(1)) if nxt else None
    expected = [a["url"] for a in site.ground_truth(server.base_url)
                if a["section"] == "Security"]
    assert seen == expected and len(seen) > 5


# -- HTTP behaviour ---------------------------------------------------------------------

def test_conditional_get(served: tuple[DemoSite, DemoServer]) -> None:
    site, server = served
    url = site.article_urls(server.base_url)[0]
    status, headers, _ = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert raw_get(url, {"If-None-Match": headers["ETag"]}).status == 304
    assert raw_get(url, {"If-Modified-Since": headers["Last-Modified"]}).status == 304
    assert raw_get(url, {"If-None-Match": '"stale"'}).status == 200
    assert raw_get(url, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status == 200


def test_edit_article(fresh: tuple[DemoSite, DemoServer]) -> None:
    site, server = fresh
    key = site.keys()[3]
    url = site.article_urls(server.base_url)[3]
    before = next(a for a in site.ground_truth(server.base_url) if a["url"] == url)
    _, headers, _ = fetch(url)

    site.edit_article(key, paragraph="A new paragraph added by the editors.")
    after = next(a for a in site.ground_truth(server.base_url) if a["url"] == url)
    assert after["body"] == before["body"] + "\n\nA new paragraph added by the editors."
    assert after["modified"] > (before["modified"] or before["published"])
    assert {k: v for k, v in after.items() if k not in ("body", "modified")} == \
           {k: v for k, v in before.items() if k not in ("body", "modified")}
    status, new_headers, body = fetch(url)
    assert b"A new paragraph added by the editors." in body
    assert after["modified"].encode() in body
    assert new_headers["ETag"] != headers["ETag"]
    assert raw_get(url, {"If-Modified-Since": headers["Last-Modified"]}).status == 200

    site.edit_article(url)                  # by URL, with the standard update note
    again = next(a for a in site.ground_truth(server.base_url) if a["url"] == url)
    assert again["body"].startswith(after["body"] + "\n\n")
    assert again["modified"] > after["modified"]


def test_publish(fresh: tuple[DemoSite, DemoServer]) -> None:
    site, server = fresh
    before = site.ground_truth(server.base_url)
    etags = {a["url"]: fetch(a["url"])[1]["ETag"] for a in before}
    keys = site.publish(2)
    after = site.ground_truth(server.base_url)
    assert len(keys) == 2 and len(after) == len(before) + 2
    assert after[2:] == before                       # old articles untouched, new ones first
    new = after[:2]
    assert {a["language"] for a in new} == {"en", "ar"}
    news = fetch(server.base_url + "/sitemap-news.xml")[2].decode()
    for a in new:
        assert fetch(a["url"])[0] == 200
        assert a["url"] in news
    en = next(a for a in new if a["language"] == "en")
    section = server.base_url + "/en_GB/" + urlsplit(en["url"]).path.split("/")[3] + "/"
    listing = fetch(section)[2].decode()
    first = re.search(r'<h2 class="teaser-title"><a href="([^"]+)"', listing)
    assert first and server.base_url + first.group(1) == en["url"]
    assert DemoSite(seed=0).publish(2) == keys       # deterministic too
    # Existing article pages link only to older articles: publishing leaves their bytes alone.
    for url, etag in etags.items():
        assert raw_get(url, {"If-None-Match": etag}).status == 304, url


def test_broken_layout(fresh: tuple[DemoSite, DemoServer]) -> None:
    site, server = fresh
    url = site.article_urls(server.base_url)[0]
    truth = site.ground_truth(server.base_url)
    v1 = fetch(url)[2].decode()
    site.set_layout("broken")
    broken = fetch(url)[2].decode()
    assert site.ground_truth(server.base_url) == truth      # same article for a human
    assert 'class="article-body"' in v1 and 'class="article-body"' not in broken
    assert "<h1" not in broken and "<time" not in broken
    body_part = broken.split('<div class="x-txt">')[1].split("</div>")[0]
    assert "<p>" not in body_part and "<br><br>" in body_part
    assert truth[0]["title"] in broken
    site.set_layout("v1")
    assert fetch(url)[2].decode() == v1
    with pytest.raises(ValueError):
        site.set_layout("v3")


def test_fail_with(fresh: tuple[DemoSite, DemoServer]) -> None:
    site, server = fresh
    url = server.base_url + "/robots.txt"
    site.fail_with(503, count=2)
    for _ in range(2):
        status, headers, _ = fetch(url)
        assert status == 503 and headers["Retry-After"] == "1"
    assert fetch(url)[0] == 200
    site.fail_with(500)
    assert [fetch(url)[0] for _ in range(3)] == [500, 500, 500]
    site.fail_with(None)
    assert fetch(url)[0] == 200
    assert [s for _, _, s in server.requests] == [503, 503, 200, 500, 500, 500, 200]


# -- determinism ------------------------------------------------------------------------

def _all_paths(site: DemoSite, base: str) -> list[str]:
    special = site.special_urls(base)
    urls = (site.article_urls(base) + site.sections(base) + special["feeds"]
            + [v for v in special.values() if isinstance(v, str)])
    return [u[len(base):] for u in urls] + ["/en_GB/security/?page=2", "/ar/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86/"]


def test_determinism() -> None:
    base = "http://127.0.0.1:8000"
    one, two = DemoSite(seed=0), DemoSite(seed=0)
    assert one.ground_truth(base) == two.ground_truth(base)
    for path in _all_paths(one, base):
        first = route(one, "GET", path, {}, base)
        second = route(two, "GET", path, {}, base)
        assert (first.status, first.headers, first.body) == (second.status, second.headers,
                                                             second.body), path
    assert DemoSite(seed=1).ground_truth(base) != one.ground_truth(base)


def test_identical_bytes_over_http() -> None:
    pages = []
    for _ in range(2):
        site = DemoSite(seed=0)
        with DemoServer(site, port=0) as server:
            # Same Host header for both servers: absolute URLs in pages follow the Host.
            pages.append([raw_body(server.base_url + path, "demo.test")
                          for path in _all_paths(site, server.base_url)[:20]])
    assert pages[0] == pages[1]


def raw_body(url: str, host: str) -> bytes:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                 headers={"Host": host})
    body = conn.getresponse().read()
    conn.close()
    return body


def test_v1_selectors_match_only_v1(fresh: tuple[DemoSite, DemoServer]) -> None:
    from newsarchive.demosite import V1_SELECTORS
    site, server = fresh
    url = site.article_urls(server.base_url)[0]
    optional = ("authors", "modified", "body_exclude")     # not on every article
    classes = {name for field, sel in V1_SELECTORS.items() if field not in optional
               for name in re.findall(r"\.([\w-]+)", sel)}
    v1 = fetch(url)[2].decode()
    site.set_layout("broken")
    broken = fetch(url)[2].decode()
    for name in classes:
        assert f'class="{name}' in v1 or f' {name}"' in v1, name
        assert name not in broken, name
