"""Snapshot replay: the archive's WARC files served by pywb, on an origin of their own.

Archived pages carry the original site's scripts. They must never run in the reading room's
origin, so replay is a separate pywb process on another port (another origin) that the reading
room only links to. pywb reads a CDXJ index; we keep one `.cdxj` file per finished WARC under
`<archive>/replay-index/indexes/` (built with `cdxj-indexer`, pywb's own indexer library), rebuilt
when a WARC is newer than its index, and re-scanned every few seconds while the replay server
runs, so a crawl finishing during `newsarchive serve` becomes replayable without a restart.
pywb resolves revisit records through that index (WARC-Refers-To URI + date + digest).

The server runs in its own process, with the Python of the replay environment
(archive.replay_env: pywb pins redis==2.10.6, so it lives in a virtual environment of its own):
`<replay env>/bin/python -I archive/replay.py --archive DIR --port N`. This file is run as a
script there, so it imports only the standard library at module level and pywb, gevent and
cdxj_indexer inside functions (all in the replay environment); never another module of this
package. gevent monkey-patching must happen before pywb is imported. The helpers above main()
(index building, replay URLs) are also used by newsarchive itself, which has cdxj_indexer.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

COLLECTION = "archive"            # the pywb collection name: replay URLs are /archive/<ts>/<url>
REINDEX_INTERVAL = 5.0            # seconds between scans for new or grown WARC files
WARC_SUFFIXES = (".warc.gz", ".warc")


def warc_root(archive_dir: str | Path) -> Path:
    """The folder that capture `warc_file` paths are relative to."""
    return Path(archive_dir) / "warcs"


def referenced_file(archive_dir: str | Path, warc_file: str) -> str | None:
    """The path of the file a capture's WARC file links to, when `import-warc --reference`
    indexed that file where it lies (the archive holds only a link): a citation of the
    snapshot needs that path. None for WARC files the archive holds itself."""
    path = warc_root(archive_dir) / warc_file
    return str(path.resolve()) if path.is_symlink() else None


def finished_warcs(archive_dir: str | Path) -> Iterator[Path]:
    """Every finished WARC of the archive (files still being written end in `.open`)."""
    root = warc_root(archive_dir)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name.endswith(WARC_SUFFIXES):
            yield path


def state_dir(archive_dir: str | Path) -> Path:
    """Where the replay index and pywb config live: `<archive>/replay-index`, or a temporary folder
    when the archive is read-only (a reader must still be able to replay)."""
    preferred = Path(archive_dir) / "replay-index"
    try:
        (preferred / "indexes").mkdir(parents=True, exist_ok=True)
        probe = preferred / ".writable"
        probe.touch()
        probe.unlink()
        return preferred
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"newsarchive-replay-{os.getuid()}" / (
            safe_token(str(Path(archive_dir).resolve())))
        (fallback / "indexes").mkdir(parents=True, exist_ok=True)
        return fallback


def safe_token(text: str) -> str:
    """A file-name token for a path: index files must stay inside the index folder."""
    out = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in text).strip("._")
    return out or "root"


def index_path_for(index_dir: Path, relative_warc: str) -> Path:
    return index_dir / (safe_token(relative_warc) + ".cdxj")


def update_index(archive_dir: str | Path, index_dir: str | Path | None = None) -> list[Path]:
    """Index every finished WARC whose `.cdxj` is missing or older than the WARC; drop indexes
    of WARCs that are gone. Returns the index files (re)written. Idempotent and cheap when
    nothing changed (one stat per file)."""
    from cdxj_indexer.main import CDXJIndexer

    root = warc_root(archive_dir)
    target = Path(index_dir) if index_dir is not None else state_dir(archive_dir) / "indexes"
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    wanted: set[Path] = set()
    for warc in finished_warcs(archive_dir):
        relative = warc.relative_to(root).as_posix()
        index = index_path_for(target, relative)
        wanted.add(index)
        if index.exists() and index.stat().st_mtime >= warc.stat().st_mtime:
            continue
        partial = index.with_name(index.name + ".part")
        # dir_root makes the index name the file as `warcs/`-relative path ("demo/x.warc.gz"),
        # the same path captures store and pywb resolves against archive_paths.
        CDXJIndexer(str(partial), [str(warc)], sort=True, post_append=True,
                    dir_root=str(root)).process_all()
        _resolve_not_modified(partial, target)
        os.replace(partial, index)  # pywb never sees a half-written index
        written.append(index)
    for stale in target.glob("*.cdxj"):
        if stale not in wanted:
            stale.unlink(missing_ok=True)
    return written


def _cdxj(line: str) -> tuple[str, str, dict[str, str]] | None:
    try:
        key, stamp, data = line.rstrip("\n").split(" ", 2)
        return key, stamp, json.loads(data)
    except ValueError:
        return None


def _resolve_not_modified(index: Path, index_dir: Path) -> int:
    """Point 304 revisit lines (WARC profile server-not-modified) at the response they stand
    for. pywb resolves identical-payload-digest revisits itself, but replays a 304 revisit as
    the empty 304 it recorded; the capture means "the page was still what we archived at
    WARC-Refers-To", so at the revisit's timestamp the index serves that earlier response
    (same URL and payload digest, newest before it). Returns how many lines were resolved."""
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    pending = [i for i, line in enumerate(lines)
               if (parsed := _cdxj(line)) and parsed[2].get("mime") == "warc/revisit"
               and parsed[2].get("status") == "304"]
    if not pending:
        return 0
    wanted = {(_cdxj(lines[i]) or ("", "", {}))[2].get("url") for i in pending}
    originals: dict[tuple[str, str], list[tuple[str, dict[str, str]]]] = {}
    for source in [*index_dir.glob("*.cdxj"), index]:
        with open(source, encoding="utf-8") as handle:
            for line in handle:
                parsed = _cdxj(line)
                if parsed is None or parsed[2].get("url") not in wanted:
                    continue
                _, stamp, data = parsed
                status = str(data.get("status", ""))
                if data.get("mime") != "warc/revisit" and status.startswith("2"):
                    originals.setdefault((data["url"], data.get("digest", "")), []).append(
                        (stamp, data))
    resolved = 0
    for i in pending:
        key, stamp, data = _cdxj(lines[i]) or ("", "", {})
        earlier = sorted(c for c in originals.get((data.get("url", ""), data.get("digest", "")), [])
                         if c[0] <= stamp)
        if not earlier:
            continue  # the original is not (yet) indexed: pywb replays the 304 as recorded
        _, original = earlier[-1]
        merged = {**original, "revisit_of": original.get("filename", ""),
                  "note": "server-not-modified revisit: replays the response it refers to"}
        lines[i] = f"{key} {stamp} {json.dumps(merged)}\n"
        resolved += 1
    index.write_text("".join(lines), encoding="utf-8")
    return resolved


def write_config(archive_dir: str | Path, directory: Path) -> Path:
    """The pywb config: one collection over the archive's WARC folder and our index folder."""
    config = {
        "collections": {COLLECTION: {
            "index_paths": str((directory / "indexes").resolve()) + "/",
            "archive_paths": str(warc_root(archive_dir).resolve()) + "/",
        }},
        "framed_replay": True,      # pywb's banner says "archived page" above the snapshot
        "enable_memento": True,     # standard Memento headers: citable, tool-readable
    }
    path = directory / "config.yaml"
    # JSON is valid YAML: no YAML writer needed for a flat config.
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def timestamp14(fetched_at: str) -> str:
    """"2026-11-26T01:01:19Z" -> "20261126010119", the timestamp form of replay URLs."""
    moment = datetime.strptime(fetched_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return moment.strftime("%Y%m%d%H%M%S")


def replay_url(base: str, fetched_at: str, url: str, *, mode: str = "") -> str:
    """The replay URL of one capture. mode "" is pywb's framed replay with its banner;
    "id_" gives the archived bytes unrewritten (exactly as captured)."""
    safe_url = quote(url, safe=":/?&=%#@+,;~!$'()*[]")
    return f"{base.rstrip('/')}/{COLLECTION}/{timestamp14(fetched_at)}{mode}/{safe_url}"


def main(argv: list[str] | None = None) -> int:
    """Serve replay with pywb under gevent (the way pywb's own `wayback` command runs)."""
    from gevent import monkey

    monkey.patch_all()
    import argparse
    import logging

    import gevent
    from gevent.pywsgi import WSGIServer
    from pywb.apps.frontendapp import FrontEndApp
    from pywb.utils.geventserver import RequestURIWSGIHandler

    parser = argparse.ArgumentParser(prog="replay.py",
                                     description="Replay an archive's WARC files with pywb.")
    parser.add_argument("--archive", required=True, type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--parent-pid", type=int, default=None,
                        help="exit when this process (newsarchive serve) is gone")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(asctime)s replay %(levelname)s %(message)s",
                        level=logging.WARNING)

    directory = state_dir(args.archive)
    update_index(args.archive, directory / "indexes")
    app = FrontEndApp(config_file=str(write_config(args.archive, directory)))

    def reindex_forever() -> None:
        while True:
            gevent.sleep(REINDEX_INTERVAL)
            if args.parent_pid is not None and os.getppid() != args.parent_pid:
                os._exit(0)  # serve was killed without stopping us: do not linger
            try:
                update_index(args.archive, directory / "indexes")
            except (OSError, ValueError) as exc:   # a WARC renamed/removed mid-scan: next scan
                logging.warning("replay index update failed: %s", exc)

    gevent.spawn(reindex_forever)
    # log=None: the reading room's console is not the place for every replayed resource
    server = WSGIServer((args.host, args.port), app, handler_class=RequestURIWSGIHandler,
                        log=None)
    server.init_socket()
    print(f"replay ready on http://{args.host}:{server.address[1]}/", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
