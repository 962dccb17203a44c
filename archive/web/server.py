"""Run the reading room: pywb replay in a child process, Datasette under uvicorn in this one.

The replay child runs with the Python of the replay environment (archive.replay_env: pywb in a
virtual environment of its own, built on first use), never with this process's packages.

Two origins on purpose (see archive.web.security): the reading room at http://HOST:PORT and
replay at http://REPLAY_HOST:REPLAY_PORT. Archived scripts run only in the replay origin.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from archive.exceptions import StoreError


class ServeError(Exception):
    """The reading room cannot start (port taken, replay did not come up): one line."""


def check_port_free(host: str, port: int, what: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port} for the {what}: {exc.strerror} "
                             f"(pick another with --port/--replay-port)") from None


def replay_python() -> Path:
    """The replay environment's Python, built first (with a one-line notice) when missing."""
    from archive.replay_env import ReplayEnvError, ensure_replay_env

    try:
        return ensure_replay_env(progress=lambda line: print(line, file=sys.stderr, flush=True))
    except ReplayEnvError as exc:
        raise ServeError(f"{exc} (serve without replay: --no-replay)") from None


def start_replay(archive: Path, *, host: str, port: int, python: Path,
                 timeout: float = 60.0) -> tuple[subprocess.Popen[str], str]:
    """Start archive/replay.py with the replay environment's `python` and wait until it
    listens; returns (process, base URL). `archive` must be absolute: the child runs in the
    replay state folder, where a relative path would name another directory."""
    from archive.replay import state_dir
    from archive.replay_env import child_env, replay_command

    if not archive.is_absolute():
        raise ValueError(f"start_replay needs an absolute archive path, not {archive}")
    log_path = state_dir(archive) / "replay.log"
    log = open(log_path, "a", encoding="utf-8")
    process = subprocess.Popen(
        replay_command(python, "--archive", str(archive), "--host", host,
                       "--port", str(port), "--parent-pid", str(os.getpid())),
        stdout=subprocess.PIPE, stderr=log, text=True, cwd=str(log_path.parent),
        env=child_env())
    log.close()
    ready = threading.Event()
    first_line: list[str] = []

    def watch() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if not first_line:
                first_line.append(line.strip())
                ready.set()
        ready.set()

    threading.Thread(target=watch, name="replay-stdout", daemon=True).start()
    if not ready.wait(timeout) or not first_line or process.poll() is not None:
        process.kill()
        tail = _tail(log_path)
        raise ServeError(f"the replay server (pywb) did not start: {tail or 'no output'} "
                         f"(log: {log_path})")
    return process, f"http://{_url_host(host)}:{port}"


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _tail(path: Path) -> str:
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace")
                 .splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1] if lines else ""


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def serve(archive: Path, *, host: str, port: int, replay_host: str | None,
          replay_port: int | None, replay: bool = True, db: str | None = None,
          mirror_interval: float = 300.0) -> None:
    """Serve until interrupted (Ctrl-C / SIGTERM); the replay child stops with us.

    With `db` (a postgresql:// URL) the pages read PostgreSQL, and Datasette's tables come
    from a read-only SQLite mirror refreshed every `mirror_interval` seconds (0: at start only)
    in a temporary folder removed when serve stops."""
    from archive.store import open_store

    # Resolved once, here: everything below (the replay state folder, the replay child, which
    # runs in that folder, Datasette) sees the same absolute path. A relative path handed to
    # the child would be read against the child's working directory: an empty replay index,
    # every replay "URL Not Found".
    archive = Path(archive).resolve()
    check_port_free(host, port, "reading room")
    if not db:
        with open_store(archive, readonly=True):   # a clear one-line error before anything starts
            pass
        _serve(archive, host=host, port=port, replay_host=replay_host, replay_port=replay_port,
               replay=replay)
        return
    from archive.web.mirror import create_mirror, start_refresher

    store = open_store(archive, db=db, readonly=True)   # one line when unreachable/unmigrated
    folder = Path(tempfile.mkdtemp(prefix="newsarchive-mirror-"))
    stop = None
    try:
        mirror = create_mirror(db, folder / "records.sqlite3")
        stop = start_refresher(db, mirror, mirror_interval,
                               lambda line: print(line, file=sys.stderr, flush=True))
        every = f"every {mirror_interval:g} s" if mirror_interval > 0 else "at start only"
        print(f"tables: read-only SQLite mirror of {mirror.source} ({mirror.rows} rows, "
              f"refreshed {every})", flush=True)
        _serve(archive, host=host, port=port, replay_host=replay_host, replay_port=replay_port,
               replay=replay, store=store, mirror=mirror)
    finally:
        if stop is not None:
            stop.set()
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def _serve(archive: Path, *, host: str, port: int, replay_host: str | None,
           replay_port: int | None, replay: bool, store: Any = None, mirror: Any = None) -> None:
    import uvicorn

    from archive.web.app import asgi_app, make_datasette

    process = None
    replay_base = None
    if replay:
        rport = replay_port if replay_port is not None else port + 1
        rhost = replay_host or host
        if (rhost, rport) == (host, port):
            raise ServeError("replay must be on another port or host than the reading room "
                             "(archived scripts must never share its origin)")
        check_port_free(rhost, rport, "replay server")
        python = replay_python()
        process, replay_base = start_replay(archive, host=rhost, port=rport, python=python)
    try:
        app = asgi_app(make_datasette(archive, replay_base=replay_base, store=store,
                                      mirror=mirror), host=host)
        print(f"reading room: http://{_url_host(host)}:{port}/", flush=True)
        if replay_base:
            print(f"replay (pywb, separate origin): {replay_base}/", flush=True)
        print("press Ctrl-C to stop", flush=True)
        # uvicorn re-raises the signal that stopped it once it has shut down; with the default
        # SIGTERM disposition that would kill us before `finally` stops the replay child.
        signal.signal(signal.SIGTERM, _exit_on_term)
        uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


__all__ = ["ServeError", "StoreError", "serve"]
