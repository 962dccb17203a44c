"""The generic extractor (no site profile) reads every article of the fixture news site exactly:
English and Arabic, the windows-1256 page, the tracking-parameter and print variants."""
from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest

from crawler.extract import extract

demosite = pytest.importorskip("newsarchive.demosite")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[object, object]]:
    site = demosite.DemoSite(seed=0)
    with demosite.DemoServer(site) as server:
        yield site, server


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
        return response.read()


def test_every_article_is_extracted_exactly(served: tuple) -> None:
    site, server = served
    truth = site.ground_truth(server.base_url)
    assert {t["language"] for t in truth} == {"en", "ar"}
    mismatches = []
    for expected in truth:
        got = extract(_get(expected["url"]), expected["url"]).to_dict()
        for key, value in expected.items():
            if got.get(key) != value:
                mismatches.append(f"{expected['url']} {key}: {got.get(key)!r} != {value!r}")
    assert not mismatches, f"{len(mismatches)} field mismatches, first: {mismatches[:3]}"


def test_windows_1256_article(served: tuple) -> None:
    site, server = served
    special = site.special_urls(server.base_url)
    url = special["windows_1256"]
    data = _get(url)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    expected = next(t for t in site.ground_truth(server.base_url) if t["url"] == url)
    art = extract(data, url)
    assert art.title == expected["title"]
    assert art.body_text == expected["body"]
    assert [i.to_dict() for i in art.images] == expected["images"]


def test_tracking_and_print_variants_share_the_canonical_url(served: tuple) -> None:
    site, server = served
    special = site.special_urls(server.base_url)
    tracked = extract(_get(special["tracking"]), special["tracking"])
    assert tracked.canonical_url == special["tracking_canonical"]
    printed = extract(_get(special["print"]), special["print"])
    assert printed.canonical_url == special["print_canonical"]
    original = extract(_get(special["print_canonical"]), special["print_canonical"])
    assert printed.body_text == original.body_text


def test_body_starts_with_the_dek(served: tuple) -> None:
    """Article.body opens with the standfirst as a "p" block (fundus convention), once."""
    site, server = served
    for expected in site.ground_truth(server.base_url):
        art = extract(_get(expected["url"]), expected["url"])
        assert art.dek == expected["dek"]
        assert art.body[0].kind == "p" and art.body[0].text == expected["dek"]
        assert art.body_text.count(expected["dek"]) == 1
        assert art.to_dict()["body"] == expected["body"]


def test_v1_profile_selectors_give_the_same_exact_result(served: tuple) -> None:
    """Selectors, when given and matching, win; on the v1 layout they agree with the truth."""
    from crawler.extract import FieldSelectors

    class Profile:
        selectors = FieldSelectors(**demosite.V1_SELECTORS)

    site, server = served
    for expected in site.ground_truth(server.base_url)[:12]:
        got = extract(_get(expected["url"]), expected["url"], profile=Profile()).to_dict()
        assert got == expected
