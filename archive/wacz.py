"""WACZ packages of an archive's WARC files, for ReplayWeb.page and other WACZ players.

Built by py-wacz (the Webrecorder reference implementation: index, datapackage, digests), given
our WARC files and a pages.jsonl listing the article pages with their titles and capture times,
so a player opens on a list of articles rather than on every fetched URL. `validate_wacz` runs
py-wacz's validator. Selection: all finished WARC files, those of some sites (the site folder
under `warcs/`), or those holding the captures of some crawl runs together with the files
holding the responses their revisit records refer to (a page's requisites fetched again by a
later run are revisits of an earlier run's records). No Scrapy imports.
"""
from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.exceptions import StoreError
from archive.replay import finished_warcs, warc_root
from archive.store import Store, open_store
from archive.warc import safe_name


class WaczError(Exception):
    """A WACZ cannot be made or does not validate: one line for the user."""


@dataclass(slots=True)
class WaczSummary:
    """What went into a package."""

    path: Path
    warcs: list[str]
    pages: int
    size: int
    warnings: list[str] = field(default_factory=list)


def select_warcs(archive: str | Path, *, sites: Sequence[str] = (),
                 runs: Sequence[int] = (), db: str | None = None) -> list[Path]:
    """Finished WARC files of the archive, narrowed to `sites` (site folders) and/or to the
    files holding captures of `runs`; raises WaczError when the selection is empty."""
    root = warc_root(archive)
    chosen = list(finished_warcs(archive))
    if sites:
        folders = {safe_name(site) for site in sites}
        chosen = [p for p in chosen if p.relative_to(root).parts[0] in folders]
    if runs:
        with open_store(archive, readonly=True, db=db) as store:
            names: set[str] = set()
            for run_id in runs:
                if store.get_run(run_id) is None:
                    raise WaczError(f"there is no crawl run {run_id} in {archive}")
                names.update(_warcs_replaying(store, store.captures_for_run(run_id)))
        chosen = [p for p in chosen if p.relative_to(root).as_posix() in names]
    if not chosen:
        what = " and ".join(filter(None, [
            f"site {', '.join(sites)}" if sites else "",
            f"run {', '.join(map(str, runs))}" if runs else ""])) or "the archive"
        raise WaczError(f"no finished WARC files for {what} in {root}")
    basenames = [p.name for p in chosen]
    if len(set(basenames)) != len(basenames):
        # a WACZ keeps archive/<basename>: two sites' files must not collide
        raise WaczError("two selected WARC files share a file name; select one site with --site")
    return chosen


def _warcs_replaying(store: Store, captures: Sequence[dict[str, Any]]) -> set[str]:
    """The WARC files a player needs to replay `captures`: theirs, and for each revisit record
    (a later run's stylesheet, font or picture fetched again with the same bytes, or answered
    304) the file of the response it refers to, which an earlier run wrote. Without it a run's
    package replays its pages unstyled and without their pictures."""
    names = {c["warc_file"] for c in captures}
    referred: dict[tuple[str, str], str | None] = {}
    for capture in captures:
        if capture["record_type"] != "revisit":
            continue
        key = (capture["url"], capture["payload_digest"])
        if key not in referred:
            # the newest response with that payload: what the revisit's WARC-Refers-To names
            original = store.last_capture(key[0], payload_digest=key[1])
            referred[key] = original["warc_file"] if original else None
    names.update(name for name in referred.values() if name)
    return names


def article_pages(archive: str | Path, warcs: Sequence[Path], *, runs: Sequence[int] = (),
                  db: str | None = None) -> list[dict[str, str]]:
    """pages.jsonl entries (URL, capture time, title; the WACZ index matches pages by URL and
    time): one per article version whose capture is in `warcs`. With `runs`, the article pages
    those runs captured instead: their new versions, and the articles they found unchanged (a
    revisit record, often a 304) at the time of the response the revisit refers to, which the
    package holds (a 304 revisit is no part of its index: _not_modified_revisits_resolved)."""
    root = warc_root(archive)
    names = {p.relative_to(root).as_posix() for p in warcs}
    pages: list[dict[str, str]] = []
    with open_store(archive, readonly=True, db=db) as store:
        captured = [c for run_id in runs
                    for c in store.captures_for_run(run_id, page_kind="article")
                    if c["version_id"] is not None]
        made = {c["record_id"] for c in captured}
        unchanged: dict[int, list[tuple[str, str]]] = {}   # version id -> responses' URL, time
        for capture in captured:
            if capture["record_type"] != "revisit":
                continue
            original = store.last_capture(capture["url"],
                                          payload_digest=capture["payload_digest"])
            if original is not None and original["warc_file"] in names:
                unchanged.setdefault(capture["version_id"], []).append(
                    (original["url"], original["fetched_at"]))
        seen: set[tuple[str, str]] = set()
        for version in store.iter_versions():
            capture = version["capture"]
            title = version.get("title") or version["url"]
            found = unchanged.get(version["version_id"], [])
            if capture["warc_file"] in names and (not runs or capture["record_id"] in made):
                found = [(version["url"], capture["fetched_at"]), *found]
            for url, fetched_at in found:
                if (url, fetched_at) not in seen:
                    seen.add((url, fetched_at))
                    pages.append({"url": url, "ts": fetched_at, "title": title})
    return pages


def create_wacz(archive: str | Path, output: str | Path, *, sites: Sequence[str] = (),
                runs: Sequence[int] = (), title: str | None = None,
                description: str | None = None, db: str | None = None) -> WaczSummary:
    """Package the selected WARC files and their article pages as `output` (a .wacz); `db`
    is the records database when it is not the archive's SQLite file."""
    from wacz.main import main as wacz_main

    warcs = select_warcs(archive, sites=sites, runs=runs, db=db)
    try:
        pages = article_pages(archive, warcs, runs=runs, db=db)
    except StoreError as exc:
        raise WaczError(str(exc)) from None
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsarchive-wacz-") as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        with open(pages_file, "w", encoding="utf-8") as out:
            out.write(json.dumps({"format": "json-pages-1.0", "id": "pages",
                                  "title": "Articles"}) + "\n")
            for page in pages:
                out.write(json.dumps(page, ensure_ascii=False) + "\n")
        partial = output.with_name(output.name + ".part")
        argv = ["create", "-o", str(partial), "--title", title or "newsarchive crawl",
                "--desc", description or f"{len(pages)} article pages from {len(warcs)} "
                "WARC files, packaged by newsarchive"]
        if pages:
            argv += ["-p", str(pages_file)]
        argv += [str(p) for p in warcs]
        chatter = io.StringIO()
        with contextlib.redirect_stdout(chatter), _not_modified_revisits_resolved():
            status = wacz_main(argv)
        if status != 0 or not partial.exists():
            partial.unlink(missing_ok=True)
            raise WaczError(f"py-wacz could not package the WARC files: "
                            f"{_last_line(chatter.getvalue())}")
        partial.replace(output)
    warnings = [line.strip() for line in chatter.getvalue().splitlines()
                if line.startswith("Invalid passed page")]
    return WaczSummary(path=output, warcs=[p.relative_to(warc_root(archive)).as_posix()
                                           for p in warcs],
                       pages=len(pages) - len(warnings), size=output.stat().st_size,
                       warnings=warnings)


@contextlib.contextmanager
def _not_modified_revisits_resolved() -> Iterator[None]:
    """py-wacz's indexer, made to leave out of the package's index each 304 revisit (a later
    run's conditional request answered "not modified", WARC profile server-not-modified) whose
    response is in the package. A player replays a revisit with its own HTTP headers: a 304
    without a body, which ReplayWeb.page shows as a blank page (and an index line pointing at
    the earlier response instead, as the replay index does for pywb, it answers "Archived Page
    Not Found": the record's date is not the line's). Without the line, the player opens the
    response the revisit stands for, at its own time: the page as it still was. py-wacz takes no
    index of ours, so its indexer class is swapped for this subclass while it runs."""
    import wacz.main
    from wacz.waczindexer import WACZIndexer

    class NotModifiedResolvingIndexer(WACZIndexer):  # type: ignore[misc]
        """Index lines are written in record order and the WARC files go in in name order
        (a site's files are named by their run's start time), so the response a 304 revisit
        refers to, written by an earlier run, has been seen when the revisit comes."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.responses: set[tuple[str, str]] = set()

        def _do_write(self, urlkey: str, ts: str, index: dict[str, Any], out: Any) -> None:
            key = (str(index.get("url", "")), str(index.get("digest", "")))
            status = str(index.get("status", ""))
            if index.get("mime") == "warc/revisit":
                if status == "304" and key in self.responses:
                    return
            elif status.startswith("2"):
                self.responses.add(key)
            super()._do_write(urlkey, ts, index, out)

    saved = wacz.main.WACZIndexer
    wacz.main.WACZIndexer = NotModifiedResolvingIndexer
    try:
        yield
    finally:
        wacz.main.WACZIndexer = saved


def validate_wacz(path: str | Path) -> tuple[bool, str]:
    """Run py-wacz's validator (`wacz validate -f PATH`): (valid, its last message)."""
    from wacz.main import main as wacz_main

    chatter = io.StringIO()
    with contextlib.redirect_stdout(chatter):
        status = wacz_main(["validate", "-f", str(path)])
    return status == 0, _last_line(chatter.getvalue())


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
