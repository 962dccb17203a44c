"""Run one crawl in this process: open the run record, crawl with Scrapy, close the run.

`run_crawl` is what `newsarchive crawl` and `newsarchive demo` call. Scrapy's reactor can start
once per process, so call it once per process (the CLI does).
"""
from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive.store import open_store
from crawler.extract.urls import site_of
from crawler.profiles import SiteProfile, get_profile
from crawler.spiders.news import NewsSpider
from crawler.version import __version__

FIELDS_REPORTED = ("title", "authors", "published", "body", "captions", "section")


@dataclass
class RunResult:
    run_id: int
    site: str
    status: str                   # ok | failed
    reason: str | None            # one line when status is not ok
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


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
                   operator: str | None, overrides: dict[str, Any] | None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWS_ARCHIVE_DIR", str(archive_dir), priority="cmdline")
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
    for key, value in stats.items():
        if key.startswith("news/errors/"):
            errors[key.removeprefix("news/errors/")] = int(value)
        elif key.startswith("news/extraction/failed/"):
            errors["extraction_" + key.removeprefix("news/extraction/failed/")] = int(value)
        elif key.startswith("downloader/exception_type_count/"):
            errors[key.rsplit(".", 1)[-1]] = int(value)
    seen = count("news/articles/seen")
    fill = {name: round(count(f"news/fields/{name}/filled") / seen, 3) if seen else 0.0
            for name in FIELDS_REPORTED}
    warc_files = [Path(p).name for p in stats.get("news/warc/files", [])]
    return {
        "pages_fetched": count("news/captures"),
        "articles": {outcome: count(f"news/articles/{outcome}")
                     for outcome in ("new", "updated", "unchanged", "duplicate")},
        "non_articles": count("news/pages/non-article"),
        "listing_pages": count("news/pages/listing"),
        "errors": dict(sorted(errors.items())),
        "field_fill_rates": fill,
        "warc_files": warc_files,
        "warc_bytes": count("news/warc/bytes"),
        "finish_reason": stats.get("finish_reason"),
    }


def failure_reason(summary: dict[str, Any], target: str) -> str | None:
    if summary["pages_fetched"] == 0:
        errors = ", ".join(f"{name} x{n}" for name, n in summary["errors"].items()) or "no response"
        return f"could not fetch anything from {target} ({errors})"
    return None


def run_crawl(target: str, *, archive_dir: Path, base_url: str | None = None,
              contact: str | None = None, operator: str | None = None,
              overrides: dict[str, Any] | None = None, debug: bool = False) -> RunResult:
    profile, start_url, site = resolve_target(target, base_url=base_url)
    archive_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(archive_dir, debug=debug)
    with open_store(archive_dir) as store:
        run_id = store.begin_run(site, started_at=now_iso(),
                                 settings={"target": target, "base_url": base_url,
                                           "overrides": overrides or {}})
    settings = crawl_settings(archive_dir, site=site, run_id=run_id, contact=contact,
                              operator=operator, overrides=overrides)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, profile=profile, start_url=start_url)
    process.start()
    summary = summarise(crawler.stats.get_stats())
    reason = failure_reason(summary, target)
    status = "failed" if reason else "ok"
    with open_store(archive_dir) as store:
        store.finish_run(run_id, finished_at=now_iso(), status=status,
                         exit_code=0 if status == "ok" else 1, summary=summary)
    return RunResult(run_id=run_id, site=site, status=status, reason=reason, summary=summary)


def format_summary(result: RunResult) -> str:
    """A few lines for the terminal."""
    s = result.summary
    a = s["articles"]
    lines = [
        f"run {result.run_id} ({result.site}): {result.status}"
        + (f" - {result.reason}" if result.reason else ""),
        f"  pages fetched {s['pages_fetched']}; articles new {a['new']}, updated {a['updated']}, "
        f"unchanged {a['unchanged']}, duplicate {a['duplicate']}; non-articles {s['non_articles']}",
    ]
    if s["errors"]:
        lines.append("  errors: " + ", ".join(f"{k} {v}" for k, v in s["errors"].items()))
    if any(a.values()):
        lines.append("  fields filled: " + ", ".join(f"{k} {v:.0%}" for k, v in s["field_fill_rates"].items()))
    lines.append(f"  WARC files: {len(s['warc_files'])} ({s['warc_bytes']:,} bytes)")
    return "\n".join(lines)
