"""Search on a large archive answers from the newest matches (archive.search.RANK_WINDOW): the
ranking, the facets and the pages come from the newest `window` matches, the total still counts
every match (estimated when filtered), and --exact ranks them all. Here on a real crawl of the
demo site (SQLite), with windows much smaller than its matches."""
from __future__ import annotations

import json

import pytest

from archive.search import search
from archive.store import open_store

from .conftest import run_cli


@pytest.fixture(scope="module")
def store(crawled_demo):
    with open_store(crawled_demo.archive, readonly=True) as opened:
        yield opened


def test_a_query_matching_more_than_the_window_is_ranked_among_its_newest(store) -> None:
    every = search(store, "the", window=None, limit=1000)
    assert every.ranked_among is None and every.total == len(every.hits) > 20
    windowed = search(store, "the", window=10, limit=1000)
    assert windowed.ranked_among == 10 and not windowed.total_is_estimate
    assert windowed.total == every.total
    newest = sorted((hit.article_id for hit in every.hits), reverse=True)[:10]
    assert sorted(hit.article_id for hit in windowed.hits) == sorted(newest)
    scores = [hit.score for hit in windowed.hits]
    assert scores == sorted(scores, reverse=True)
    # the window's facets: ten articles, counted once per language
    assert sum(count for _, count in windowed.facets["language"]) == 10
    # a page inside the window
    page = search(store, "the", window=10, limit=3, offset=3)
    assert [hit.article_id for hit in page.hits] == [hit.article_id for hit in windowed.hits][3:6]


def test_a_filtered_total_is_estimated_from_the_window(store) -> None:
    exact = search(store, "the", language="en", window=None, limit=0)
    estimated = search(store, "the", language="en", window=6, limit=5)
    assert estimated.total_is_estimate and estimated.ranked_among == 6
    assert all(hit.language == "en" for hit in estimated.hits) and len(estimated.hits) == 5
    assert exact.total > 6
    assert 0.5 * exact.total <= estimated.total <= 2 * exact.total


def test_by_story_groups_the_window_s_matches_only(store) -> None:
    newest = sorted((hit.article_id for hit in search(store, "the", window=None,
                                                      limit=1000).hits), reverse=True)[:10]
    every = search(store, "the", window=None, by_story=True, limit=1000)
    windowed = search(store, "the", window=10, by_story=True, limit=1000)
    assert windowed.ranked_among == 10 and windowed.total_is_estimate
    shown = [hit.article_id for hit in windowed.hits]
    shown += [other["article_id"] for hit in windowed.hits for other in hit.also]
    assert sorted(shown) == sorted(newest)
    scores = [hit.score for hit in windowed.hits]
    assert scores == sorted(scores, reverse=True)
    assert 0.5 * every.total <= windowed.total <= 2 * every.total
    browsed = search(store, "", window=8, by_story=True, limit=3)
    assert browsed.ranked_among == 8 and len(browsed.hits) == 3


def test_browsing_takes_the_newest_published_first(store) -> None:
    every = search(store, "", window=None, limit=8)
    windowed = search(store, "", window=8, limit=8)
    assert windowed.ranked_among == 8 and windowed.total == every.total
    assert [hit.article_id for hit in windowed.hits] == [hit.article_id for hit in every.hits]
    published = [hit.published for hit in windowed.hits]
    assert published == sorted(published, reverse=True)


def test_fewer_matches_than_the_window_are_all_ranked(store, crawled_demo) -> None:
    title = next(row["title"] for row in crawled_demo.rows if row["language"] == "en")
    query = f'"{" ".join(title.split()[:4])}"'
    default = search(store, query)
    assert default.ranked_among is None and not default.total_is_estimate
    assert default.to_dict() == search(store, query, window=None).to_dict()


def test_cli_window_and_exact(crawled_demo) -> None:
    args = ["search", "the", "--archive", str(crawled_demo.archive)]
    windowed = json.loads(run_cli(*args, "--window", "5", "--json").stdout)
    assert windowed["ranked_among"] == 5 and windowed["total_is_estimate"] is False
    exact = json.loads(run_cli(*args, "--exact", "--json").stdout)
    assert exact["ranked_among"] is None and exact["total"] == windowed["total"]
    text = run_cli(*args, "--window", "5", "--language", "en").stdout
    assert text.startswith("about ") and "among the newest 5 matches" in text
    refused = run_cli(*args, "--window", "5", "--exact")
    assert refused.returncode == 2 and "not allowed with argument" in refused.stderr


def test_the_reading_room_pages_through_the_window_only() -> None:
    from archive.search import FACETS, SearchResult
    from archive.web.app import PAGE_SIZE, _search_context

    params = {name: "" for name in ("q", "site", "section", "language", "author", "from", "to")}
    windowed = SearchResult(50_000, [], {name: [] for name in FACETS}, ranked_among=100,
                            total_is_estimate=True)
    context = _search_context(windowed, {**params, "q": "the"}, 1)
    assert context["pages"] == -(-100 // PAGE_SIZE)
    assert context["result"]["about"] and context["result"]["ranked_among"] == 100
    exact = SearchResult(500, [], {name: [] for name in FACETS})
    assert _search_context(exact, {**params, "q": "the"}, 1)["pages"] == -(-500 // PAGE_SIZE)
