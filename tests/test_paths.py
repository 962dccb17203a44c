"""File names derived from sites and URLs never leave the archive directory."""
from __future__ import annotations

from pathlib import Path

from archive.locks import SiteLock
from archive.warc import WarcFileSet, safe_name

from .conftest import run_cli


def test_safe_name_keeps_names_inside_their_folder():
    for hostile in ("../../etc/passwd", "/abs/path", "..", "a/../../b", "site\x00name", "~root", ""):
        name = safe_name(hostile)
        assert name and "/" not in name and "\x00" not in name and not name.startswith(".")
        assert (Path("/archive/warcs") / name).resolve().parent == Path("/archive/warcs")


def test_hostile_profile_name_writes_only_inside_the_archive(demo_server, tmp_path):
    archive = tmp_path / "archive"
    profile = tmp_path / "evil.toml"
    profile.write_text(
        'name = "../../../escaped"\n'
        f'base_url = "{demo_server.base_url}/"\n'
        'sections = ["/en_GB/security/"]\n'
        "article_pattern = '^/en_GB/articles/'\n")
    result = run_cli("crawl", str(profile), "--archive", str(archive))
    assert result.returncode in (0, 4), result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p == profile or archive in p.parents for p in written), written
    assert not list(tmp_path.parent.glob("escaped*"))
    assert list((archive / "warcs").glob("*/*.warc.gz"))


def test_lock_and_warc_names_from_hostile_sites_stay_inside(tmp_path):
    lock = SiteLock(tmp_path, "../../outside")
    with lock:
        assert tmp_path in lock.path.parents
    files = WarcFileSet(tmp_path / "warcs" / safe_name("../x"), prefix="../../y", name_base=tmp_path)
    assert tmp_path in files.directory.parents and "/" not in files.prefix
