"""`show` and `diff` over real crawls: an article's fields, versions, captures and WARC
provenance; what changed after the demo site edited an article and it was crawled again."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.diff import diff_versions, word_diff
from newsarchive.demosite import DemoServer, DemoSite

from .conftest import crawl_demo, export_rows, run_cli

ADDED = "Late on Tuesday the ministry confirmed that the inquiry would publish its findings."


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Crawl, edit one English article (a paragraph added), crawl again."""
    site = DemoSite(seed=0)
    archive = tmp_path_factory.mktemp("edited")
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        crawl_demo(server, archive)
        key = site.articles(lang="en")[4].key
        site.edit_article(key, paragraph=ADDED)
        crawl_demo(server, archive)
        url = server.base_url + site.article(key).path
    return archive, url


def test_show_json_has_fields_versions_captures_and_provenance(edited):
    archive, url = edited
    result = run_cli("show", url, "--archive", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    article = data["article"]
    assert article["canonical_url"] == url and article["title"] and article["body"]
    assert [v["version_no"] for v in data["versions"]] == [1, 2]
    for version in data["versions"]:
        assert version["extractor_version"] and len(version["content_hash"]) == 64
    assert len(data["captures"]) >= 2
    capture = data["captures"][-1]
    # the provenance points at the very record: read it back from the WARC file
    with open(archive / "warcs" / capture["warc_file"], "rb") as handle:
        handle.seek(capture["offset"])
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Record-ID") == capture["record_id"]
        assert record.rec_headers.get_header("WARC-Payload-Digest") == capture["payload_digest"]
        assert record.rec_headers.get_header("WARC-Target-URI") == capture["url"]
    assert any(u["kind"] == "canonical" and u["url"] == url for u in data["urls"])

    by_id = run_cli("show", str(article["id"]), "--archive", str(archive))
    assert by_id.returncode == 0, by_id.stderr
    for text in (article["title"], "Versions (2):", capture["record_id"], capture["warc_file"]):
        assert text in by_id.stdout
    # the body opens with the dek: printed once, labelled
    assert article["dek"] and article["body"].startswith(article["dek"])
    flat = " ".join(by_id.stdout.split())
    assert flat.count(" ".join(article["dek"].split())) == 1
    assert "Dek: " in by_id.stdout
    assert "(crawl run 1)" in by_id.stdout and "(crawl run 2)" in by_id.stdout
    assert [v["run_kind"] for v in data["versions"]] == ["crawl", "crawl"]
    missing = run_cli("show", "999999", "--archive", str(archive))
    assert missing.returncode == 1 and "no article" in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_diff_shows_the_added_paragraph(edited):
    archive, url = edited
    result = run_cli("diff", url, "--archive", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["from"]["version_no"], data["to"]["version_no"]) == (1, 2)
    fields = {change["field"]: change for change in data["changes"]}
    body = fields["body"]
    assert [b["new"] for b in body["blocks"] if b["op"] == "insert"] == [ADDED]
    assert not [b for b in body["blocks"] if b["op"] in ("delete", "replace")]
    assert f"+{ADDED}" in body["unified"]
    assert "modified" in fields  # the edit bumped the modified date

    text = run_cli("diff", url, "--archive", str(archive))
    assert text.returncode == 0 and f"+{ADDED}" in text.stdout and "body (changed)" in text.stdout
    same = run_cli("diff", url, "--from", "2", "--to", "2", "--archive", str(archive))
    assert same.returncode == 0 and "no field changed" in same.stdout
    bad = run_cli("diff", url, "--from", "7", "--archive", str(archive))
    assert bad.returncode == 1 and "no version 7" in bad.stderr


def test_diff_of_an_article_with_one_version_says_so(edited):
    archive, url = edited
    other = next(row for row in export_rows(archive) if row["canonical_url"] != url)
    result = run_cli("diff", other["canonical_url"], "--archive", str(archive))
    assert result.returncode == 1 and "only one version" in result.stderr


def test_diff_versions_field_by_field():
    old = {"version_no": 1, "title": "Minister resigns", "dek": None, "authors": ["A B"],
           "tags": ["x"], "images": [{"src": "a.jpg", "caption": "Old", "credit": "AFP"}],
           "body_blocks": [{"kind": "p", "text": "One two three."},
                           {"kind": "h", "text": "Reckless actions"},
                           {"kind": "p", "text": "Gone paragraph."}]}
    new = {"version_no": 2, "title": "Minister resigns after leak", "dek": "A standfirst.",
           "authors": ["A B", "C D"], "tags": ["x"],
           "images": [{"src": "a.jpg", "caption": "New", "credit": "AFP"}],
           "body_blocks": [{"kind": "p", "text": "One two four."},
                           {"kind": "h", "text": "Reckless actions"}]}
    changes = {c.field: c for c in diff_versions(old, new)}
    assert set(changes) == {"title", "dek", "authors", "images", "body"}
    assert changes["title"].words == [("=", "Minister resigns"), ("+", " after leak")]
    assert changes["dek"].kind == "added"
    assert changes["authors"].added == ["C D"] and changes["authors"].removed == []
    assert changes["images"].removed[0]["caption"] == "Old"
    ops = [(b.op, b.kind) for b in changes["body"].blocks]
    assert ops == [("replace", "p"), ("equal", "h"), ("delete", "p")]
    assert ("+", "four") in changes["body"].blocks[0].words
    assert "## Reckless actions" in changes["body"].unified
    json.dumps([c.to_dict() for c in changes.values()])  # --json form serialises
    assert diff_versions(old, dict(old)) == []
    # timestamps change as whole values, never split inside the ISO string
    dated = diff_versions({**old, "published": "2026-05-16T10:00:00+03:00"},
                          {**old, "published": "2026-05-17T09:30:00+03:00"})
    assert [(c.field, c.words) for c in dated] == [
        ("published", [("-", "2026-05-16T10:00:00+03:00"), ("+", "2026-05-17T09:30:00+03:00")])]
    added = diff_versions({**old, "modified": None}, {**old, "modified": "2026-05-17"})
    assert [(c.field, c.kind, c.words) for c in added] == [("modified", "added", [("+", "2026-05-17")])]
    ops_ar = word_diff("قال الوزير", "قال الوزير اليوم")
    assert "".join(t for op, t in ops_ar if op != "-") == "قال الوزير اليوم"


def test_reading_commands_need_an_archive(tmp_path: Path):
    for command in (("show", "1"), ("diff", "1"), ("search", "x")):
        result = run_cli(*command, "--archive", str(tmp_path / "none"))
        assert result.returncode == 1 and "no archive at" in result.stderr


def test_the_reading_rooms_diff_names_a_credited_picture_without_a_caption():
    """A picture listed with only its credit (extractor 0.7.0) shows as its address and
    credit in the reading room's list of changed pictures, not as a blank line."""
    from archive.web.present import version_diff

    old = {"version_no": 1, "images": [{"src": "https://x.example/a.jpg", "caption": "Old", "credit": None}]}
    new = {"version_no": 2, "images": [{"src": "https://x.example/a.jpg", "caption": "Old", "credit": None},
                                       {"src": "https://x.example/b.jpg", "caption": None, "credit": "dpa"}]}
    (images,) = version_diff(old, new)
    assert (images.removed, images.added) == ([], ["https://x.example/b.jpg [dpa]"])
