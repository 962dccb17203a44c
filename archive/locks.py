"""One crawl per site at a time: an advisory file lock per site in the archive, and with a
PostgreSQL records database, a cluster-wide lock in that database.

fcntl.flock locks belong to the open file and vanish when the process dies, even by SIGKILL,
so a lock left by a killed run never blocks the next one. The file's content (pid, start
time) is informational only.

ClusterSiteLock is a PostgreSQL session-level advisory lock held by a connection of its own
for the whole run: every host crawling into one database sees it, whatever archive directory
it writes WARCs to, so two cron hosts never start two runs of one site. It is a lease that
expires by itself: the server drops it when the session ends, at once when the process dies
(its socket closes), and within LEASE_SECONDS when the host itself is gone (server-side TCP
keepalives on that session find the dead peer).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from archive.warc import safe_name


class AlreadyRunning(Exception):
    """Another process holds the site's lock."""


class SiteLock:
    """`shared=True`: the lock of one worker of a shared crawl (--frontier); any number of
    them hold it together, and it keeps a plain run of the site out of the archive."""

    def __init__(self, archive_dir: str | Path, site: str, *, shared: bool = False) -> None:
        self.path = Path(archive_dir) / "locks" / f"{safe_name(site)}.lock"
        self.site = site
        self.shared = shared
        self._fd: int | None = None

    def acquire(self) -> "SiteLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise AlreadyRunning(f"a crawl of {self.site} is already running ({holder or 'pid unknown'})") from None
        os.ftruncate(fd, 0)
        started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        # shared holders all write the same words: the file names no one of them
        who = "workers of a shared crawl (--frontier)" if self.shared else f"pid {os.getpid()} since {started}"
        os.pwrite(fd, f"{who}\n".encode(), 0)
        self._fd = fd
        return self

    def fileno(self) -> int | None:
        """The lock file's descriptor while held (a forked worker closes its copy, so that
        the lock ends with the process holding it)."""
        return self._fd

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


# How long a dead host's lock may outlive it: the server probes an idle lock session after
# LEASE_IDLE seconds, then every LEASE_INTERVAL seconds, and ends it after LEASE_PROBES
# unanswered probes (about 60 s in all).
LEASE_IDLE = 30
LEASE_INTERVAL = 10
LEASE_PROBES = 3
LEASE_SECONDS = LEASE_IDLE + LEASE_INTERVAL * LEASE_PROBES


def cluster_lock_key(site: str) -> int:
    """The advisory-lock key of a site: 63 bits of its name's SHA-1 (a signed bigint)."""
    digest = hashlib.sha1(f"newsarchive-site:{site}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


class ClusterSiteLock:
    """One run of `site` across every host that stores into the PostgreSQL database `db`.

    The workers of one shared crawl (--frontier) hold the same key in shared mode: the worker
    that starts a run takes it exclusively (no other run, no other worker, is alive), prepares
    the run, then `share()`s it; joiners `acquire(shared=True)`. A plain run's exclusive
    attempt fails while any worker of the shared run holds it, and a worker's shared attempt
    fails while a plain run holds it."""

    def __init__(self, db: str, site: str, *, connect_timeout: int = 10) -> None:
        self.db = db
        self.site = site
        self.key = cluster_lock_key(site)
        self.connect_timeout = connect_timeout
        self._conn = None
        self._shared = False

    def acquire(self, *, shared: bool = False) -> "ClusterSiteLock":
        import psycopg

        from archive.exceptions import StoreError
        from archive.store.postgres import redact

        try:
            conn = psycopg.connect(self.db, autocommit=True, connect_timeout=self.connect_timeout,
                                   application_name=f"newsarchive crawl {self.site} "
                                                    f"(pid {os.getpid()} on {os.uname().nodename})")
            conn.execute(f"SET tcp_keepalives_idle = {LEASE_IDLE}")
            conn.execute(f"SET tcp_keepalives_interval = {LEASE_INTERVAL}")
            conn.execute(f"SET tcp_keepalives_count = {LEASE_PROBES}")
            try_lock = "pg_try_advisory_lock_shared" if shared else "pg_try_advisory_lock"
            row = conn.execute(f"SELECT {try_lock}(%s)", (self.key,)).fetchone()
        except psycopg.Error as exc:
            raise StoreError(f"records database at {redact(self.db)} is not reachable for the "
                             f"site lock: {' '.join(str(exc).split())}") from exc
        if not row or not row[0]:
            holder = conn.execute(
                "SELECT a.application_name, a.backend_start FROM pg_locks l "
                "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                "AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = %s "
                # advisory locks are per database: another database's holder is not ours
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                (self.key,)).fetchone()
            conn.close()
            who = f"{holder[0]}, since {holder[1]:%Y-%m-%dT%H:%M:%SZ}" if holder else "another host"
            raise AlreadyRunning(f"a crawl of {self.site} is already running ({who})")
        self._conn = conn
        self._shared = shared
        return self

    def share(self) -> None:
        """Turn the exclusive hold into a shared one (the run is set up: workers may join)."""
        assert self._conn is not None and not self._shared
        self._conn.execute("SELECT pg_advisory_lock_shared(%s)", (self.key,))
        self._conn.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        self._shared = True

    def release(self) -> None:
        if self._conn is not None:
            unlock = "pg_advisory_unlock_shared" if self._shared else "pg_advisory_unlock"
            try:
                self._conn.execute(f"SELECT {unlock}(%s)", (self.key,))
            finally:
                self._conn.close()  # ending the session releases it in any case
                self._conn = None

    def __enter__(self) -> "ClusterSiteLock":
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
