"""A JavaScript-only article of the fixture site (`DemoSite(scripted=True)`).

Its HTML is a shell: a header, an empty `<div id="app">`, a `<noscript>` line and a script.
The script (SCRIPT_PATH) fetches the article as JSON from the same site (JSON_PATH) and builds
the article's DOM (and its JSON-LD) in the browser, as client-rendered news sites do. The
English Society listing links to it. A crawl without a browser sees no article text there; a
crawl in rendering mode reads the article the script built.

Off by default, so that the site's article counts (52 articles: tests and benchmarks) stay what
they were; `scripted_truth()` is what a perfect extractor reads from the rendered page.
"""
from __future__ import annotations

import html
import json
from typing import Any

SECTION = "society"
SLUG = "council-passes-harbour-budget-after-all-night-sitting"
PATH = f"/en_GB/articles/{SECTION}/2026/08/07/{SLUG}"
JSON_PATH = f"/en_GB/api/articles/{SLUG}.json"
SCRIPT_PATH = "/static/js/article-app.js"

ARTICLE: dict[str, Any] = {
    "title": "Council passes the harbour budget after an all-night sitting",
    "dek": "The vote ends a month of disputes over dredging, ferry fares and the old fish market.",
    "section": "Society",
    "author": "Mona Haddad",
    "published": "2026-08-07T09:30:00+03:00",
    "published_shown": "7 August 2026, 09:30",
    "paragraphs": [
        "The city council approved the harbour budget shortly after six in the morning on "
        "Friday, ending a sitting that began the previous afternoon and ran through the night "
        "as members argued over almost every line of the plan.",
        "The budget sets aside most of its money for dredging the inner basin, which has grown "
        "so shallow that the larger ferries can only dock at high tide, and for repairing the "
        "sea wall that storms damaged twice last winter.",
        "Fishermen who had gathered outside the council building since Thursday evening "
        "welcomed a late amendment that keeps the old fish market open for another three "
        "years, while a new covered hall is built on the eastern quay.",
        "Opposition members voted against the plan, saying that the higher ferry fares it "
        "introduces in the summer months would fall hardest on island families who cross to "
        "the city every day for work, school and hospital visits.",
    ],
}

# The script that builds the article: fetch the JSON, write the DOM and the JSON-LD.
SCRIPT = """(function () {
  var root = document.getElementById('app');
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  fetch(root.getAttribute('data-source'), {headers: {'Accept': 'application/json'}})
    .then(function (response) { return response.json(); })
    .then(function (a) {
      document.title = a.title + ' | Al-Fassel';
      var ld = document.createElement('script');
      ld.type = 'application/ld+json';
      ld.text = JSON.stringify({'@context': 'https://schema.org', '@type': 'NewsArticle',
        'headline': a.title, 'description': a.dek, 'datePublished': a.published,
        'articleSection': a.section, 'author': {'@type': 'Person', 'name': a.author}});
      document.head.appendChild(ld);
      root.innerHTML = '<article class="article">' +
        '<span class="article-category">' + esc(a.section) + '</span>' +
        '<h1 class="article-title">' + esc(a.title) + '</h1>' +
        '<p class="article-dek">' + esc(a.dek) + '</p>' +
        '<p class="article-byline">By ' + esc(a.author) + '</p>' +
        '<time class="published" datetime="' + esc(a.published) + '">' +
        esc(a.published_shown) + '</time>' +
        '<div class="article-body">' + a.paragraphs.map(function (p) {
          return '<p>' + esc(p) + '</p>';
        }).join('') + '</div></article>';
    });
})();
"""


def shell_page() -> str:
    """The article's HTML as the server sends it: no article text at all."""
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Al-Fassel</title>\n"
        f'<script src="{SCRIPT_PATH}" defer></script>\n</head>\n'
        '<body class="page-app">\n<header class="site-header"><a href="/en_GB/">Al-Fassel</a>'
        "</header>\n"
        f'<div id="app" data-source="{html.escape(JSON_PATH)}"></div>\n'
        "<noscript>This article needs JavaScript.</noscript>\n</body>\n</html>\n")


def article_json() -> str:
    return json.dumps(ARTICLE, ensure_ascii=False, sort_keys=True)


def teaser() -> str:
    """The listing's link to the article (a teaser like the others, without a picture)."""
    return ('<article class="teaser"><div class="teaser-body">'
            '<span class="teaser-section">Society</span>'
            f'<h2 class="teaser-title"><a href="{PATH}">{html.escape(ARTICLE["title"])}</a></h2>'
            f'<p class="teaser-dek">{html.escape(ARTICLE["dek"])}</p>'
            "</div></article>\n")


def scripted_truth(base_url: str) -> dict[str, Any]:
    """What a perfect extractor reads from the rendered article."""
    return {"url": base_url.rstrip("/") + PATH, "title": ARTICLE["title"],
            "authors": [ARTICLE["author"]], "published": ARTICLE["published"],
            "paragraphs": list(ARTICLE["paragraphs"]), "json_url": base_url.rstrip("/") + JSON_PATH,
            "script_url": base_url.rstrip("/") + SCRIPT_PATH}
