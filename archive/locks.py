"""One crawl per site at a time: an advisory file lock per site in the archive.

fcntl.flock locks belong to the open file and vanish when the process dies, even by SIGKILL,
so a lock left by a killed run never blocks the next one. The file's content (pid, start
time) is informational only.
"""
from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from archive.warc import safe_name


class AlreadyRunning(Exception):
    """Another process holds the site's lock."""


class SiteLock:
    def __init__(self, archive_dir: str | Path, site: str) -> None:
        self.path = Path(archive_dir) / "locks" / f"{safe_name(site)}.lock"
        self.site = site
        self._fd: int | None = None

    def acquire(self) -> "SiteLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise AlreadyRunning(f"a crawl of {self.site} is already running ({holder or 'pid unknown'})") from None
        os.ftruncate(fd, 0)
        started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.pwrite(fd, f"pid {os.getpid()} since {started}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "SiteLock":
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
