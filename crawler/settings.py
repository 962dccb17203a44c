"""Scrapy settings of the newsarchive crawler, with every NEWS_* default in one place.

Components read these through `crawler.settings` (typed getters) in `from_crawler`; nothing
reads them at import time. `newsarchive crawl` sets NEWS_ARCHIVE_DIR, NEWS_SITE and NEWS_RUN_ID (and NEWS_DB_URL with --db).
"""
from __future__ import annotations

from crawler.version import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- newsarchive: archive ------------------------------------------------------------------
NEWS_ARCHIVE_DIR = ""            # set by the CLI; records.sqlite3 and warcs/ live here
NEWS_DB_URL = ""                 # --db: a postgresql:// URL for the records ("": the SQLite file
                                 # in NEWS_ARCHIVE_DIR); the WARCs stay in NEWS_ARCHIVE_DIR
NEWS_SITE = ""                   # profile name or host: names the WARC files and the run
NEWS_RUN_ID = 0                  # crawl-run row created by the CLI before the crawl starts
NEWS_OPERATOR = ""               # written into warcinfo: who ran the crawl
NEWS_CONTACT = "https://github.com/newsarchive/newsarchive"  # in the User-Agent

# --- newsarchive: WARC capture ---------------------------------------------------------------
NEWS_WARC_ENABLED = True
NEWS_WARC_MAX_SIZE = 1_000_000_000   # rotate files at 1 GB (the usual size in web archives)
NEWS_WARC_GZIP_LEVEL = 5             # zlib-ng; warcio uses zlib at 9: far more CPU for ~1.5% fewer bytes
NEWS_WARC_REVISITS = True            # payload already archived for the URL, or a 304: revisit record

# --- newsarchive: extraction and validation -------------------------------------------------
NEWS_EXTRACT_ENABLED = True
NEWS_EXTRACT_WORKERS = 1             # page workers (extract, validate, store) beside the crawl (0:
                                     # in the crawl's process): 1 puts a 2-core machine's second
                                     # core to work
                                     # (1.4x the pages/s of 0 in benchmarks/crawl.py)
NEWS_EXTRACT_BATCH = 16              # most pages a worker takes at once (and stores in one
                                     # transaction): those that arrived while it was busy
NEWS_MIN_ARTICLE_WORDS = 40          # fewer words in the body: not an article (teaser, stub)
NEWS_EXTRACT_CPU_LIMIT = 10.0        # seconds of CPU one page's extraction may use (0: no limit):
                                     # a page past it is recorded as failed (too_slow); real
                                     # pages take milliseconds (crawler/extract/limits.py)

# --- newsarchive: incremental crawling --------------------------------------------------------
NEWS_RECHECK_DAYS = 7                # re-fetch an archived article this long after first seen
                                     # (a profile's recheck_days wins); conditional requests
NEWS_RECHECK_ALL = False             # --recheck-all: re-fetch every known article
NEWS_CONDITIONAL_PAGES = True        # listing pages, feeds, sitemaps, robots.txt: conditional
                                     # request from their last capture; a 304 replays it

# --- newsarchive: page requisites (crawler/requisites.py, middlewares/requisites.py) -----------
NEWS_REQUISITES_ENABLED = True       # pictures, stylesheets (and their fonts, pictures, imports),
                                     # favicons and scripts of article pages, on any host; a
                                     # profile's `requisites = False` turns them off for a site
NEWS_REQUISITES_LISTINGS = False     # also those of listing pages (section fronts, pagination)
NEWS_REQUISITES_MAX_SIZE = 10 * 1024 * 1024        # one requisite above this is refused (a video)
NEWS_REQUISITES_MAX_PAGE_SIZE = 50 * 1024 * 1024   # a page's requisites together; 0: no limit

# --- newsarchive: rendering mode (crawler/render.py, middlewares/render.py) --------------------
NEWS_RENDER_ENABLED = False          # --render: article and listing pages fetched by headless
                                     # Chromium (scrapy-playwright); a profile's `render = true`
                                     # turns it on for its site. ~12x the CPU of a plain page
NEWS_RENDER_BROWSER = "/usr/bin/chromium"   # Debian's Chromium; never a downloaded browser
NEWS_RENDER_WAIT = "networkidle"     # Playwright load state awaited before the DOM is read:
                                     # networkidle (500 ms without requests) lets the scripts'
                                     # fetches land; "load" is faster and misses late fetches
NEWS_RENDER_TIMEOUT = 30.0           # seconds a page may take to load in the browser
NEWS_RENDER_PAGES = 2                # browser pages rendering at once (each a renderer process
                                     # of its own: CPU and memory)

# --- newsarchive: discovery -----------------------------------------------------------------
NEWS_DISK_QUEUE = True               # pending requests wait on disk (a JOBDIR per run, removed
                                     # when it ends): memory stays flat however many URLs a
                                     # sitemap names
NEWS_MAX_LISTING_PAGES = 50          # pagination depth per section on a first crawl; later
                                     # runs stop at the first page with no new article...
NEWS_LISTING_FULL = False            # ...unless this is on (set after an unfinished run)
NEWS_FOLLOW_SITEMAPS = True
NEWS_FOLLOW_FEEDS = True
NEWS_PROFILELESS_MAX_DEPTH = 2       # link depth from the start page when no profile exists
NEWS_MAX_ARTICLE_HOPS = 3            # article -> related article -> ... links followed from one
                                     # listed article (profiles): "next day" chains end here

# --- newsarchive: shared crawl (--frontier, crawler/frontier.py, docs/SCALE.md) -------------
NEWS_FRONTIER = ""                   # --frontier: redis:// URL of the shared queue ("": none)
NEWS_WORKER_ID = ""                  # this worker's name in Redis and in its WARC file names
                                     # ("": host-pid)
NEWS_FRONTIER_LEASE = 30.0           # seconds a worker's lease lasts unrenewed: then others
                                     # re-queue the requests it had taken (SIGKILL, dead host)
NEWS_FRONTIER_JOIN_WAIT = 15.0       # seconds a worker waits for a run another worker is
                                     # starting before it gives up (exit 3)
NEWS_FRONTIER_HOST_CONCURRENCY = 0   # requests at once per host, whole cluster (0:
                                     # CONCURRENT_REQUESTS_PER_DOMAIN)
NEWS_FRONTIER_HOST_DELAY = -1.0      # seconds between request starts per host, whole cluster
                                     # (-1: DOWNLOAD_DELAY); robots.txt Crawl-delay if longer

# --- newsarchive: safety (crawler/middlewares/safety.py) --------------------------------------
NEWS_SAFETY_ENABLED = True
NEWS_BLOCK_PRIVATE_ADDRESSES = True  # refuse loopback/private/link-local targets reached by links
                                     # or redirects (the operator's own target host is allowed)
NEWS_ALLOWED_PRIVATE_HOSTS = []      # more private hosts a profile or operator explicitly allows
NEWS_MAX_URL_LENGTH = 2000           # longer URLs are traps (session ids, growing queries)
NEWS_MAX_REPEATED_SEGMENTS = 3       # /a/b/a/b/a/b/a/: a path segment seen more often is a trap
NEWS_DENY_URL_PATTERNS = []          # regexes of URLs never to fetch (calendars, faceted search)
NEWS_PROFILELESS_MAX_PAGES = 2000    # fetch budget of a profile-less run (no profile says how
                                     # big the site is); 0: no budget. URLs past it wait in the
                                     # site's backlog for the next run (crawler/backlog.py)

# --- newsarchive: backlog across runs (crawler/backlog.py) -------------------------------------
NEWS_BACKLOG_ENABLED = True          # keep URLs a budget left unfetched; the next run starts them
NEWS_BACKLOG_SAVE_INTERVAL = 5.0     # seconds between saves of the backlog's changes during a run
                                     # (a SIGKILLed run keeps what it saved); 0: at its end only
NEWS_RECHECK_SHARE = 0.5             # while a backlog waits, re-checks of archived articles get
                                     # at most this share of the page budget

# --- newsarchive: failures and retries (crawler/middlewares/retry.py, failures.py) -------------
NEWS_RETRY_BUDGET = 100              # retries per run, all URLs together; -1: only RETRY_TIMES
NEWS_RETRY_BACKOFF_BASE = 1.0        # seconds before the 1st retry, doubled for each next one...
NEWS_RETRY_BACKOFF_MAX = 30.0        # ...up to this; a server's Retry-After replaces both...
NEWS_RETRY_AFTER_MAX = 120.0         # ...unless longer than this: then the URL fails this run
NEWS_FAILURES_KEPT = 200             # failed URLs kept with their error in the run record
                                     # (all are counted)

# --- Scrapy ----------------------------------------------------------------------------------
USER_AGENT = f"newsarchive/{__version__} (+https://github.com/newsarchive/newsarchive)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy starts this many asyncio tasks for *every* response to process what its callback
# yields. Its default, 100, cost ~1.2 ms of the reactor's CPU per page; a news page yields one
# item (an article page) or a few dozen requests (a listing), which 8 handle as fast.
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024  # a news page above 32 MB is not a news page
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

HTTPERROR_ALLOWED_CODES = [304]      # a conditional re-fetch's "not modified" reaches the spider

DOWNLOADER_MIDDLEWARES = {
    # First in the request path: refused URLs are never connected to, not even for robots.txt.
    "crawler.middlewares.safety.SafetyMiddleware": 40,
    # Scrapy's retries plus back-off, Retry-After and a per-run budget, in the same place.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.NewsRetryMiddleware": 550,
    # Before the WARC middleware in the request path, so conditional headers are archived.
    "crawler.middlewares.incremental.IncrementalMiddleware": 540,
    # Closest to the downloader (after compression/redirect/retry in the response path), so it
    # sees every response as it came off the wire: 3xx, 4xx/5xx, robots.txt, compressed bodies.
    "crawler.middlewares.warc.WarcCaptureMiddleware": 950,
    # Meta-refresh redirects read from a page's first 16 KB, not from the whole page decoded
    # (Scrapy's own keeps a 30 MB page's text alive beside its bytes).
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.metarefresh.HeadMetaRefreshMiddleware": 580,
    # A shared crawl's per-host slots and delay for the whole cluster (off without --frontier).
    # Last before the download (robots.txt's Crawl-delay is known by then, and the delay is
    # kept between actual fetches) and first after it, so its slot is given back before a
    # redirect or retry replaces the request.
    "crawler.middlewares.hostlease.HostLeaseMiddleware": 960,
    # Rendering mode (off unless NEWS_RENDER_ENABLED): page requests go to the browser. Before
    # IncrementalMiddleware, which then sends them unconditionally.
    "crawler.middlewares.render.RenderMiddleware": 530,
    # Size limits of page requisites: after robots.txt in the request path, and before the
    # stats and retry middlewares in the exception path (a refusal is no download error).
    "crawler.middlewares.requisites.RequisitesMiddleware": 900,
}
# Scrapy's scheduler, but requests still queued when a run stops early go to the backlog.
SCHEDULER = "crawler.backlog.BacklogScheduler"
EXTENSIONS = {"crawler.backlog.BacklogKeeper": 0}
SPIDER_MIDDLEWARES = {
    # Records every URL whose download finally failed (after retries) in the run record.
    "crawler.middlewares.failures.FailureLogMiddleware": 45,
}
ITEM_PIPELINES = {
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.store.StorePipeline": 900,
}
