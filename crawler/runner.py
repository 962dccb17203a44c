"""Run one crawl in this process: open the run record, crawl with Scrapy, close the run.

`run_crawl` is what `newsarchive crawl` and `newsarchive demo` call. Scrapy's reactor can start
once per process, so call it once per process (the CLI does).
"""
from __future__ import annotations

import contextlib

import logging
import logging.handlers
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.locks import AlreadyRunning, ClusterSiteLock, SiteLock
from archive.repair import repair_open_warcs
from archive.store import Store, open_store
from archive.warc import safe_name
from crawler.exceptions import CrawlerError
from crawler.health import assess, broken_fields
from crawler.extract.urls import site_of
from crawler.profiles import SiteProfile, get_profile
from crawler.render import check_render, render_settings, render_wanted
from crawler.spiders.news import NewsSpider
from crawler.version import __version__

FIELDS_REPORTED = ("title", "authors", "published", "body", "captions", "section")
# Exit code of a run by its status (the CLI returns it; README documents it).
EXIT_CODES = {"ok": 0, "failed": 1, "interrupted": 1, "unhealthy": 4, "partial": 5}
# Scrapy's own budgets (CLOSESPIDER_*: an operator's --set) by the finish reason they end a
# run with: (setting, unit of its value).
_CLOSESPIDER_BUDGETS = {"closespider_timeout": ("CLOSESPIDER_TIMEOUT", "second time"),
                        "closespider_pagecount": ("CLOSESPIDER_PAGECOUNT", "page"),
                        "closespider_itemcount": ("CLOSESPIDER_ITEMCOUNT", "item"),
                        "closespider_errorcount": ("CLOSESPIDER_ERRORCOUNT", "error")}
logger = logging.getLogger("newsarchive")


@dataclass
class RunResult:
    run_id: int
    site: str
    status: str                   # ok | partial | failed | unhealthy | interrupted
    reason: str | None            # one line when status is not ok
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def resolve_target(target: str, *, base_url: str | None = None) -> tuple[SiteProfile | None, str | None, str]:
    """(profile, start_url, site name) for a profile name or an http(s) start URL."""
    if target.startswith(("http://", "https://")):
        return None, target, site_of(target)
    profile = get_profile(target)
    if base_url:
        profile = profile.with_base_url(base_url)
    return profile, None, profile.name


def crawl_settings(archive_dir: Path, *, site: str, run_id: int, contact: str | None,
                   operator: str | None, overrides: dict[str, Any] | None,
                   db: str | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWS_ARCHIVE_DIR", str(archive_dir), priority="cmdline")
    if db:
        settings.set("NEWS_DB_URL", db, priority="cmdline")
    settings.set("NEWS_SITE", site, priority="cmdline")
    settings.set("NEWS_RUN_ID", run_id, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # setup_logging owns it
    if operator:
        settings.set("NEWS_OPERATOR", operator, priority="cmdline")
    contact = contact or settings.get("NEWS_CONTACT")
    settings.set("USER_AGENT", f"newsarchive/{__version__} (+{contact})", priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def setup_logging(archive_dir: Path, *, debug: bool = False) -> Path:
    """Everything to a rotating log file in the archive; the console gets our own one-line
    messages only (Scrapy's tracebacks stay in the file), unless debug is on."""
    log_dir = archive_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / "newsarchive.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_newsarchive", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=10_000_000, backupCount=5,
                                                        encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    file_handler.setLevel(logging.DEBUG if debug else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if debug else logging.CRITICAL)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    for handler in (file_handler, console):
        handler._newsarchive = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    return log_path


def summarise(stats: dict[str, Any]) -> dict[str, Any]:
    """The run summary kept in the run record and printed: counts, errors, fill rates, files."""
    def count(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    errors: dict[str, int] = {}
    failed_requests = ignored = 0
    for key, value in stats.items():
        if key.startswith("news/errors/"):
            name = key.removeprefix("news/errors/")
            errors[name] = int(value)
            if name.startswith("http_5"):
                failed_requests += int(value)
        elif key.startswith("news/extraction/failed/"):
            errors["extraction_" + key.removeprefix("news/extraction/failed/")] = int(value)
        elif key.startswith("downloader/exception_type_count/"):
            name = key.rsplit(".", 1)[-1]
            # Our own decisions (robots.txt, incremental skips, safety refusals): no error.
            if name in ("IgnoreRequest", "RefusedRequest", "RequisiteRefused"):
                ignored += int(value)
                continue
            errors[name] = int(value)
            failed_requests += int(value)
    candidates = count("news/candidates")
    fill = {name: round(count(f"news/candidates/filled/{name}") / candidates, 3) if candidates else 0.0
            for name in FIELDS_REPORTED}
    warc_files = [Path(p).name for p in stats.get("news/warc/files", [])]
    return {
        "pages_fetched": count("news/captures"),
        "requests": count("news/captures") + count("downloader/exception_count") - ignored,
        "failed_requests": failed_requests,
        "articles_discovered": count("news/discovered/articles"),
        # "republished": a same-site copy under a new URL (archive/store/clusters.py)
        "articles": {outcome: count(f"news/articles/{outcome}")
                     for outcome in ("new", "updated", "unchanged", "duplicate", "republished")},
        "candidates": candidates,
        "non_articles": count("news/pages/non-article"),
        "listing_pages": count("news/pages/listing"),
        # pages whose HTML is a script shell (crawler.extract.classify.NEEDS_JAVASCRIPT): in a
        # plain crawl, what rendering mode would read; in rendering mode, still empty rendered
        "needs_javascript": count("news/pages/needs_javascript"),
        "needs_javascript_urls": list(stats.get("news/pages/needs_javascript/urls", [])),
        # rendering mode (crawler/render.py): pages rendered, the browser's other exchanges
        "rendered_pages": count("news/render/pages"),
        "render_exchanges": count("news/render/exchanges"),
        "render_refused": count("news/render/refused"),
        # pages read for links only up to LINK_PARSE_BYTES (archived whole)
        "pages_cut_for_links": count("news/links/pages_cut"),
        "rechecked": count("news/incremental/rechecked"),
        "skipped_old": count("news/incremental/skipped_old"),
        "revisits": count("news/warc/revisits"),
        "errors": dict(sorted(errors.items())),
        "field_fill_rates": fill,
        "warc_files": warc_files,
        "warc_bytes": count("news/warc/bytes"),
        "finish_reason": stats.get("finish_reason"),
        # Every URL that finally failed (after retries) or was refused, with why: the first
        # NEWS_FAILURES_KEPT in full, all counted by kind.
        "failures": list(stats.get("news/failures", [])),
        "failure_count": count("news/failures/count"),
        "failures_by_kind": {key.removeprefix("news/failures/kind/"): int(value)
                             for key, value in sorted(stats.items())
                             if key.startswith("news/failures/kind/")},
        "retries": count("retry/count"),
        "warc_write_error": stats.get("news/warc/write_error"),
        # URLs waiting for the next run of the site, after this run (crawler/backlog.py)
        "backlog": count("news/backlog/size"),
        "backlog_started": count("news/backlog/started"),
        "backlog_settled": count("news/backlog/removed"),
        "backlog_error": stats.get("news/backlog/error"),
        "refused_by_budget": count("news/safety/refused/page_budget"),
        "deferred_by_budget": count("news/backlog/deferred"),
        "left_pending": count("news/backlog/pending"),
        "rechecks_deferred": count("news/backlog/rechecks_deferred"),
        # page requisites (crawler/requisites.py): each fetched once per run; refused over
        # NEWS_REQUISITES_MAX_SIZE / _MAX_PAGE_SIZE (their URLs are in "failures"). Flat keys:
        # a shared crawl adds the workers' summaries up key by key (crawler/frontier.py).
        "requisites_fetched": count("news/requisites/fetched"),
        "requisites_bytes": count("news/requisites/bytes"),
        "requisites_by_kind": {key.removeprefix("news/requisites/kind/"): int(value)
                               for key, value in sorted(stats.items())
                               if key.startswith("news/requisites/kind/")},
        "requisites_refused_too_large": count("news/requisites/refused/too_large"),
        "requisites_refused_page_limit": count("news/requisites/refused/page_limit"),
        "requisite_errors": {key.removeprefix("news/requisites/errors/"): int(value)
                             for key, value in sorted(stats.items())
                             if key.startswith("news/requisites/errors/")},
    }


def budget_stop(summary: dict[str, Any], settings: Settings) -> str | None:
    """Which budget stopped the run, as words ("the 2,000-page budget
    (NEWS_PROFILELESS_MAX_PAGES)"), or None when none did."""
    if summary.get("refused_by_budget"):
        return (f"the {settings.getint('NEWS_PROFILELESS_MAX_PAGES'):,}-page budget "
                f"(NEWS_PROFILELESS_MAX_PAGES)")
    budget = _CLOSESPIDER_BUDGETS.get(str(summary.get("finish_reason")))
    if budget is not None:
        name, unit = budget
        return f"the {settings.getint(name):,}-{unit} budget ({name})"
    return None


def budget_reason(stopped_at: str, summary: dict[str, Any], *, kept: bool = True) -> str:
    """The one line of a budget-stopped run: where it stopped and what the next run does."""
    if not kept:
        return (f"stopped at {stopped_at}; the URLs it did not fetch were not kept "
                f"(NEWS_BACKLOG_ENABLED is off)")
    if summary.get("backlog_error"):
        return f"stopped at {stopped_at}; the URLs left could not be kept ({summary['backlog_error']})"
    left = summary.get("backlog", 0)
    return (f"stopped at {stopped_at}; {left:,} URL{'' if left == 1 else 's'} left for the "
            f"next run")


def failure_reason(summary: dict[str, Any], target: str) -> str | None:
    if summary.get("warc_write_error"):
        return (f"WARC writing failed ({summary['warc_write_error']}): the crawl stopped; the next "
                f"run repairs the unfinished WARC file")
    if summary["pages_fetched"] == 0:
        errors = ", ".join(f"{name} x{n}" for name, n in summary["errors"].items()) or "no response"
        return f"could not fetch anything from {target} ({errors})"
    return None


def prepare_archive(store: Store, archive_dir: Path, site: str) -> list[str]:
    """Clean up after a killed run of `site` (call while holding the site lock): repair WARC
    files it left open, forget captures whose bytes the repair cut, mark its run interrupted.
    Returns one line per thing done, for the log and the summary."""
    notes = []
    warc_root = archive_dir / "warcs"
    for report in repair_open_warcs(warc_root / safe_name(site)):
        if report.action == "repaired":
            name = report.path.relative_to(warc_root).as_posix()
            dropped = store.drop_captures_beyond(name, report.kept_bytes)
            notes.append(f"repaired {name}: kept {report.records} records, cut {report.dropped_bytes} "
                         f"bytes, forgot {dropped} captures")
        else:
            notes.append(f"set aside {report.path.name}: no complete record")
    for run_id in store.interrupt_stale_runs(site, finished_at=now_iso()):
        notes.append(f"run {run_id} was killed before it finished: marked interrupted")
    for stale in sorted(queue_root(archive_dir).glob(f"{safe_name(site)}-r*")):
        shutil.rmtree(stale, ignore_errors=True)  # a killed run's request queue: the next
        notes.append(f"removed {stale.name}: request queue of a killed run")  # run rediscovers
    for note in notes:
        logger.warning(note)
    return notes


def queue_root(archive_dir: Path) -> Path:
    """Where runs keep their pending requests on disk (Scrapy's JOBDIR), one folder a run."""
    return archive_dir / "queue"


def check_writable(archive_dir: Path) -> None:
    """Fail with one line, before anything starts, when the archive cannot be written (a
    read-only mount, a file where the directory should be, no permission)."""
    try:
        archive_dir.mkdir(parents=True, exist_ok=True)
        probe = archive_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise CrawlerError(f"archive directory {archive_dir} is not writable: "
                           f"{error.strerror or error}") from error


def run_crawl(target: str, *, archive_dir: Path, base_url: str | None = None,
              contact: str | None = None, operator: str | None = None,
              overrides: dict[str, Any] | None = None, recheck_all: bool = False,
              debug: bool = False, db: str | None = None,
              frontier: str | None = None) -> RunResult:
    """One crawl run of a site. Raises AlreadyRunning when another run holds the site.

    `db` (a postgresql:// URL) puts the records there; the WARC files, logs and the site lock
    stay in `archive_dir`. `frontier` (a redis:// URL) makes this process a worker of the
    site's shared crawl (see run_shared_crawl)."""
    # the run record and the pages must land in one store, however the URL was given
    db = db or str((overrides or {}).get("NEWS_DB_URL") or "") or None
    profile, start_url, site = resolve_target(target, base_url=base_url)
    early = crawl_settings(archive_dir, site=site, run_id=0, contact=contact,
                           operator=operator, overrides=overrides, db=db)
    if render_wanted(early, profile):
        check_render(early)  # before the run starts: one line, no run row
    check_writable(archive_dir)
    setup_logging(archive_dir, debug=debug)
    if frontier:
        if not db:
            raise CrawlerError("a shared crawl (--frontier) needs a PostgreSQL records database "
                               "(--db postgresql://...) that every worker writes to")
        return run_shared_crawl(target, profile=profile, start_url=start_url, site=site,
                                archive_dir=archive_dir, contact=contact, operator=operator,
                                overrides=overrides, recheck_all=recheck_all, db=db,
                                frontier=frontier)
    # with a shared PostgreSQL database, the lock is cluster-wide: other hosts see it too
    cluster_lock = ClusterSiteLock(db, site) if db else contextlib.nullcontext()
    with cluster_lock, SiteLock(archive_dir, site):
        with open_store(archive_dir, db=db) as store:
            notes = prepare_archive(store, archive_dir, site)
            run_id = store.begin_run(site, started_at=now_iso(),
                                     settings={"target": target, "base_url": base_url,
                                               "recheck_all": recheck_all,
                                               "overrides": overrides or {}})
            previous = store.list_runs(site, limit=20)
            history = [run["summary"] for run in previous
                       if run["status"] in ("ok", "partial") and run.get("summary")]
        overrides = listing_overrides(overrides, previous, run_id, recheck_all)
        settings = crawl_settings(archive_dir, site=site, run_id=run_id, contact=contact,
                                  operator=operator, overrides=overrides, db=db)
        queue = None
        if settings.getbool("NEWS_DISK_QUEUE") and not settings.get("JOBDIR"):
            # Pending requests wait on disk, not in memory: a sitemap can name 100,000 articles.
            queue = queue_root(archive_dir) / f"{safe_name(site)}-r{run_id}"
            settings.set("JOBDIR", str(queue), priority="cmdline")
        try:
            stats = crawl_in_process(settings, profile=profile, start_url=start_url)
        finally:
            if queue is not None:
                shutil.rmtree(queue, ignore_errors=True)
        summary = summarise(stats)
        summary["repairs"] = notes
        return finish(archive_dir, db, run_id=run_id, site=site, target=target,
                      summary=summary, history=history, settings=settings)


def crawl_in_process(settings: Settings, *, profile: SiteProfile | None,
                     start_url: str | None) -> dict[str, Any]:
    """Run the Scrapy crawl (once per process: the reactor starts once); its stats."""
    if render_wanted(settings, profile):
        render_settings(settings)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, profile=profile, start_url=start_url)
    process.start()
    return crawler.stats.get_stats()


def judge(summary: dict[str, Any], target: str,
          history: list[dict[str, Any]] | None) -> tuple[str, str | None, str | None]:
    """(status, failure reason, health finding) of a run from its summary. Without a history
    (None) the health checks are left out (one worker's part of a shared run)."""
    if history is None:
        # a worker's part: fetching nothing is no failure (the others may have fetched all)
        error = summary.get("warc_write_error")
        reason = failure_reason(summary, target) if error else None
    else:
        reason = failure_reason(summary, target)
    health = None if reason or history is None else assess(summary, history)
    status = "failed" if reason else "unhealthy" if health else "ok"
    if summary.get("finish_reason") == "shutdown" and status != "failed":
        # Ctrl-C / SIGTERM: Scrapy stopped cleanly but the work is not done; the next run
        # pages listings fully again and fetches what this one did not.
        status, reason = "interrupted", "stopped before the crawl finished (Ctrl-C or SIGTERM)"
    return status, reason, health


def finish(archive_dir: Path, db: str | None, *, run_id: int, site: str, target: str,
           summary: dict[str, Any], history: list[dict[str, Any]],
           settings: Settings) -> RunResult:
    """Judge the run and close its record."""
    status, reason, health = judge(summary, target, history)
    stopped_at = budget_stop(summary, settings)
    if stopped_at is not None:
        summary["stopped_at"] = stopped_at
        if status == "ok":
            # not done: the URLs it left wait in the backlog, and the next run starts them
            status, reason = "partial", budget_reason(
                stopped_at, summary, kept=settings.getbool("NEWS_BACKLOG_ENABLED"))
    lost = broken_fields(summary, history) if status == "unhealthy" else []
    with open_store(archive_dir, db=db) as store:
        if lost:
            # what the broken extraction stored must not replace the archive's versions
            summary["held_versions"] = store.hold_versions(run_id, lost)
            summary["held_fields"] = lost
        store.finish_run(run_id, finished_at=now_iso(), status=status,
                         exit_code=EXIT_CODES[status], summary=summary, health=reason or health)
    return RunResult(run_id=run_id, site=site, status=status, reason=reason or health,
                     summary=summary)


def listing_overrides(overrides: dict[str, Any] | None, previous: list[dict[str, Any]],
                      run_id: int, recheck_all: bool) -> dict[str, Any]:
    """The run's setting overrides, plus what the previous run's end asks for."""
    overrides = dict(overrides or {})
    # Listing pages are paged only until a page with nothing new -- unless the last run did
    # not finish (killed, failed): then page fully, or its unseen pages would be skipped.
    last = next((run for run in previous if run["id"] != run_id), None)
    if last is None or last["status"] not in ("ok", "partial", "unhealthy"):
        overrides.setdefault("NEWS_LISTING_FULL", True)
    if recheck_all:
        overrides["NEWS_RECHECK_ALL"] = True
    return overrides


def run_shared_crawl(target: str, *, profile: SiteProfile | None, start_url: str | None,
                     site: str, archive_dir: Path, contact: str | None, operator: str | None,
                     overrides: dict[str, Any] | None, recheck_all: bool, db: str,
                     frontier: str) -> RunResult:
    """This process as one worker of the shared crawl of `site` (docs/SCALE.md).

    It joins the run the site's workers are on (its id is in Redis), or, when there is none,
    starts one: that needs the site's cluster lock exclusively (no other worker or plain run
    alive), so only then are killed runs repaired and a run record opened; the lock is then
    shared, and joiners hold it shared too. A plain run of the site exits 3 meanwhile, and
    a worker exits 3 while a plain run holds the lock. The last worker out closes the run
    record with every worker's summary added up."""
    try:
        from crawler.frontier import RUN_OVER, Frontier, LeaseKeeper, connect, \
            default_worker_id, frontier_settings, merge_summaries
    except ImportError as error:  # scrapy-redis, or a redis client older than it needs
        raise CrawlerError(f"--frontier needs scrapy-redis and redis>=5 installed ({error})") \
            from error

    settings_for_lease = crawl_settings(archive_dir, site=site, run_id=0, contact=contact,
                                        operator=operator, overrides=overrides, db=db)
    worker = str((overrides or {}).get("NEWS_WORKER_ID") or default_worker_id())
    shared = Frontier(connect(frontier), site, worker,
                      lease=settings_for_lease.getfloat("NEWS_FRONTIER_LEASE"))
    join_wait = settings_for_lease.getfloat("NEWS_FRONTIER_JOIN_WAIT")
    lock = ClusterSiteLock(db, site)
    notes: list[str] = []
    deadline = time.monotonic() + join_wait
    with SiteLock(archive_dir, site, shared=True):
        while True:
            run_id = shared.current_run()
            if run_id is not None:
                try:
                    lock.acquire(shared=True)
                except AlreadyRunning:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
                    continue
                if shared.join(run_id):
                    logger.info("worker %s joined run %d of %s", worker, run_id, site)
                    break
                lock.release()   # the run ended meanwhile: start the next one
                continue
            try:
                lock.acquire()
            except AlreadyRunning:
                # another worker is starting the run (or a plain run of the site is on)
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
                continue
            with open_store(archive_dir, db=db) as store:
                notes = prepare_archive(store, archive_dir, site)
                run_id = store.begin_run(site, started_at=now_iso(),
                                         settings={"target": target, "frontier": frontier_url_note(frontier),
                                                   "recheck_all": recheck_all,
                                                   "overrides": overrides or {}})
            shared.start_run(run_id)
            lock.share()
            logger.info("worker %s started run %d of %s", worker, run_id, site)
            break
        try:
            with LeaseKeeper(shared):   # stopped before leaving, or it would join again
                with open_store(archive_dir, db=db) as store:
                    previous = store.list_runs(site, limit=20)
                history = [run["summary"] for run in previous
                           if run["status"] in ("ok", "partial") and run.get("summary")
                           and run["id"] != run_id]
                run_overrides = listing_overrides(overrides, previous, run_id, recheck_all)
                run_overrides.update(frontier_settings(frontier, worker))
                settings = crawl_settings(archive_dir, site=site, run_id=run_id, contact=contact,
                                          operator=operator, overrides=run_overrides, db=db)
                stats = crawl_in_process(settings, profile=profile, start_url=start_url)
            summary = summarise(stats)
            summary["repairs"] = notes
            summary["worker"] = worker
            # requests of killed workers this one put back in the queue
            summary["recovered"] = int(stats.get("news/frontier/recovered", 0) or 0)
            everyone = shared.leave(summary)
            if everyone is not None:
                # the last one out: the run record gets every worker's counts, while the lock
                # still keeps the site's next run from starting (and calling this one killed)
                return finish(archive_dir, db, run_id=run_id, site=site, target=target,
                              summary=merge_summaries(everyone, last=summary), history=history,
                              settings=settings)
        finally:
            lock.release()
    # others are still finishing: this worker's part; the last one closes the run record
    status, reason, _ = judge(summary, target, None)
    summary["workers"] = {worker: summary["pages_fetched"]}
    summary["cluster"] = (
        "the other workers finished the run while this one was stalled past its lease"
        if summary.get("finish_reason") == RUN_OVER
        else "other workers are still finishing; the last one records the run")
    return RunResult(run_id=run_id, site=site, status=status, reason=reason, summary=summary)


def frontier_url_note(url: str) -> str:
    from crawler.frontier import redact

    return redact(url)


def format_summary(result: RunResult) -> str:
    """A few lines for the terminal."""
    s = result.summary
    a = s["articles"]
    lines = [
        f"run {result.run_id} ({result.site}): {result.status}"
        + (f" - {result.reason}" if result.reason else ""),
        f"  pages fetched {s['pages_fetched']}; articles new {a['new']}, updated {a['updated']}, "
        f"unchanged {a['unchanged']}, duplicate {a['duplicate']}"
        + (f", republished {a['republished']}" if a.get("republished") else "")
        + f"; non-articles {s['non_articles']}",
    ]
    if s["errors"]:
        lines.append("  errors: " + ", ".join(f"{k} {v}" for k, v in s["errors"].items()))
    if s.get("candidates"):
        lines.append("  fields filled: " + ", ".join(f"{k} {v:.0%}" for k, v in s["field_fill_rates"].items()))
    if s.get("needs_javascript"):
        n, first = s["needs_javascript"], (s.get("needs_javascript_urls") or [""])[0]
        pages = f"{n} page{'' if n == 1 else 's'}"
        if s.get("rendered_pages"):
            lines.append(f"  needs JavaScript: {pages} still without text after rendering "
                         f"(a script failed, or came later than NEWS_RENDER_WAIT), e.g. {first}")
        else:
            lines.append(f"  needs JavaScript: {pages} skipped (the HTML is a script shell), "
                         f"e.g. {first}: rerun with --render")
    if s.get("rendered_pages"):
        lines.append(f"  rendered: {s['rendered_pages']} pages in the browser, "
                     f"{s.get('render_exchanges', 0)} more exchanges archived"
                     + (f", {s['render_refused']} browser requests refused"
                        if s.get("render_refused") else ""))
    if s.get("failure_count"):
        kinds = ", ".join(f"{k} {v}" for k, v in s["failures_by_kind"].items())
        lines.append(f"  failed or refused URLs: {s['failure_count']} ({kinds}); "
                     f"`newsarchive runs --json` lists them")
    if s.get("requisites_fetched") or s.get("requisites_refused_too_large") \
            or s.get("requisites_refused_page_limit"):
        kinds = ", ".join(f"{k} {v}" for k, v in s.get("requisites_by_kind", {}).items())
        refused = s.get("requisites_refused_too_large", 0) + s.get("requisites_refused_page_limit", 0)
        errors = sum(s.get("requisite_errors", {}).values())
        lines.append(f"  page requisites: {s['requisites_fetched']} fetched ({kinds}; "
                     f"{s.get('requisites_bytes', 0):,} bytes)"
                     + (f", {refused} refused over the size limits" if refused else "")
                     + (f", {errors} answered with errors" if errors else ""))
    if s.get("rechecked") or s.get("skipped_old") or s.get("revisits"):
        lines.append(f"  incremental: re-checked {s['rechecked']}, skipped (older than the window) "
                     f"{s['skipped_old']}, revisit records {s['revisits']}")
    if s.get("held_versions"):
        lines.append(f"  held: {s['held_versions']} new versions that lost "
                     f"{', '.join(s['held_fields'])} do not replace the current ones "
                     f"(`newsarchive reextract` settles them once extraction reads the new layout)")
    if s.get("backlog_started") or s.get("backlog"):
        lines.append(f"  backlog: {s.get('backlog_started', 0):,} URLs from earlier runs started, "
                     f"{s.get('backlog_settled', 0):,} settled; {s.get('backlog', 0):,} wait for "
                     f"the next run" + (f" (re-checks deferred: {s['rechecks_deferred']:,})"
                                        if s.get("rechecks_deferred") else ""))
    for note in s.get("repairs", []):
        lines.append(f"  recovered: {note}")
    if s.get("recovered"):
        lines.append(f"  shared crawl: {s['recovered']} unfinished requests of workers that "
                     f"stopped renewing their lease were fetched again")
    lines.append(f"  WARC files: {len(s['warc_files'])} ({s['warc_bytes']:,} bytes)")
    if s.get("workers"):
        lines.append("  workers (pages fetched): " + ", ".join(
            f"{name} {n}" for name, n in sorted(s["workers"].items())))
    if s.get("cluster"):
        lines.append(f"  cluster: {s['cluster']}")
    return "\n".join(lines)
