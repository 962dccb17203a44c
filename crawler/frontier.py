"""A crawl frontier shared by many processes on Redis (`newsarchive crawl SITE --frontier URL`).

scrapy-redis keeps the pending requests (a sorted set, by priority) and the seen-request
fingerprints (a set) in Redis; our spider stays as it is (scrapy-redis's RedisSpider mixin
predates Scrapy's async start()). What scrapy-redis lacks, built here on the same Redis:

- runs: the worker that starts a run of a site (it holds the cluster lock exclusively, see
  archive/locks.py) writes the run id to `<prefix>:run`; other workers join that run. Only one
  worker seeds the start requests (SET NX of `<prefix>:seed`).
- leases: every worker refreshes `<prefix>:lease:<worker>` (expiry NEWS_FRONTIER_LEASE). A
  request a worker pops moves, in one script, from the queue to its `<prefix>:proc:<worker>`
  hash; it leaves that hash once Scrapy is done with it (downloaded, parsed, its items
  stored, or replaced by a retry or redirect that went back to the queue). When a worker's
  lease expired (SIGKILL, dead host), any other worker puts its unfinished requests back.
- the end: a worker stops when the queue is empty and no worker holds an unfinished request,
  so cron runs end. Each worker leaves its run summary in `<prefix>:stats`; the last one to
  leave adds them up and closes the run record.
- politeness: one per-host concurrency limit and delay for the whole cluster
  (crawler/middlewares/hostlease.py), the delay at least robots.txt's Crawl-delay.

Every key of a site starts with `newsarchive:<site>:` in the --frontier database.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

try:   # Request.to_dict's lookup of a spider method's name (FrontierQueue remembers it)
    from scrapy.http.request import _find_method
except ImportError:   # another Scrapy: FrontierQueue encodes with Request.to_dict alone
    _find_method = None  # type: ignore[assignment]

from archive.warc import safe_name
from crawler.exceptions import CrawlerError
from crawler.middlewares.incremental import LOOKUP_META, IncrementalMiddleware

logger = logging.getLogger(__name__)

SEED_FIELD = "seed"   # the seeder's entry in its proc hash while its start requests run
RUN_OVER = "run_finished_by_others"   # finish reason of a worker that found its run ended

# KEYS: queue, proc hash, id counter. Pops the best request into the worker's proc hash.
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local id = redis.call('INCR', KEYS[3]) .. ':' .. r[2]
redis.call('HSET', KEYS[2], id, r[1])
return {id, r[1]}
"""

# KEYS: lease, proc hash, queue, workers. ARGV: worker. A dead worker's unfinished requests
# go back to the queue (field "<n>:<score>"); returns -1 when the worker is alive, else the
# number re-queued, plus 1000000 when it had not finished seeding.
_RECOVER = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
local n, seed = 0, 0
for i = 1, #entries, 2 do
  local field = entries[i]
  if field == ARGV[2] then
    seed = 1000000
  else
    local score = string.sub(field, string.find(field, ':') + 1)
    redis.call('ZADD', KEYS[3], tonumber(score), entries[i + 1])
    n = n + 1
  end
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return n + seed
"""

# KEYS: queue, workers. ARGV: prefix. Requests queued or held by any worker.
_BUSY = """
local n = redis.call('ZCARD', KEYS[1])
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  n = n + redis.call('HLEN', ARGV[1] .. ':proc:' .. w)
end
return n
"""

# KEYS: run, dupefilter, queue. ARGV: run id (string), fingerprint ('' when not filtered),
# score, request. Queue a request unless the run is over (-1) or it was seen (0): in one step,
# so a worker stopped between its check of the run and its write (SIGSTOP, a stalled VM) can
# never put a request or a fingerprint into the keys of a run that others have ended.
_ENQUEUE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[2] ~= '' and redis.call('SADD', KEYS[2], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1
"""

# KEYS: run, dupefilter, queue, proc hash, id counter. ARGV: run id (string), n, then n times
# (fingerprint or '', score, request), then entries of the proc hash Scrapy is done with, then
# '1' to pop. One round trip for what a worker tells Redis between two requests, in this order:
# the requests found since the last call are queued (as _ENQUEUE, '1' or '0' each, nothing when
# the run is over), the finished entries released (only after the requests their responses
# yielded are in the queue, so a worker killed in between loses none), then, as _POP, the best
# pending request moves into the worker's proc hash. Returns {run on (1/0), queued flags,
# [entry id, request]}.
_SYNC = """
local on = redis.call('GET', KEYS[1]) == ARGV[1]
local n = tonumber(ARGV[2])
local queued = {}
if on then
  for k = 0, n - 1 do
    local fp = ARGV[3 + 3 * k]
    if fp ~= '' and redis.call('SADD', KEYS[2], fp) == 0 then
      queued[k + 1] = '0'
    else
      redis.call('ZADD', KEYS[3], ARGV[4 + 3 * k], ARGV[5 + 3 * k])
      queued[k + 1] = '1'
    end
  end
end
for k = 3 + 3 * n, #ARGV - 1 do redis.call('HDEL', KEYS[4], ARGV[k]) end
local result = {on and 1 or 0, table.concat(queued)}
if on and ARGV[#ARGV] == '1' then
  local r = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  if #r > 0 then
    redis.call('ZREM', KEYS[3], r[1])
    local id = redis.call('INCR', KEYS[5]) .. ':' .. r[2]
    redis.call('HSET', KEYS[4], id, r[1])
    result[3] = id
    result[4] = r[1]
  end
end
return result
"""

# KEYS: run, workers. ARGV: worker, run id (string), lease ms, prefix. Join the run if it is on.
_JOIN = """
local run = redis.call('GET', KEYS[1])
if not run or run ~= ARGV[2] then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SET', ARGV[4] .. ':lease:' .. ARGV[1], '1', 'PX', ARGV[3])
return 1
"""

# KEYS: run, lease, workers. ARGV: worker, run id, lease ms. Renew the lease while the run
# is on (a worker stalled past its lease, whose run others have finished, renews nothing).
_HEARTBEAT = """
if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
"""

# KEYS: workers, stats, run. ARGV: worker, summary json, prefix, run id. Leave the run; the
# last worker gets every summary and the run's keys are gone (a later start is a new run).
# A worker whose run was closed meanwhile (it was stalled past its lease) gets nothing.
_LEAVE = """
redis.call('DEL', ARGV[3] .. ':lease:' .. ARGV[1], ARGV[3] .. ':proc:' .. ARGV[1])
if redis.call('GET', KEYS[3]) ~= ARGV[4] then return false end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('SREM', KEYS[1], ARGV[1])
if redis.call('SCARD', KEYS[1]) > 0 then return false end
local all = redis.call('HGETALL', KEYS[2])
redis.call('DEL', KEYS[3], KEYS[2], ARGV[3] .. ':requests', ARGV[3] .. ':dupefilter',
           ARGV[3] .. ':seed', ARGV[3] .. ':ids')
return all
"""


def default_worker_id() -> str:
    """host-pid: unique among live processes, readable in WARC names and logs."""
    return safe_name(f"{socket.gethostname()}-{os.getpid()}")


def connect(url: str) -> redis.Redis:
    """A client for the --frontier URL, or a one-line CrawlerError when Redis does not answer."""
    try:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10,
                                      retry_on_timeout=True)
        client.ping()
    except (redis.RedisError, ValueError) as error:
        raise CrawlerError(f"crawl frontier at {redact(url)} is not reachable: "
                           f"{' '.join(str(error).split())}") from error
    return client


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, _, _ = head.partition("://")
    return f"{scheme}://***@{tail}"


class Frontier:
    """The Redis side of one site's shared crawl, as one worker sees it."""

    def __init__(self, client: redis.Redis, site: str, worker: str, *, lease: float = 30.0,
                 run_id: int = 0) -> None:
        self.r = client
        self.run_id = run_id          # the run this worker is on (start_run, join)
        self.site = site
        self.worker = worker
        self.lease_ms = int(lease * 1000)
        self.prefix = f"newsarchive:{safe_name(site)}"
        self.k_run = f"{self.prefix}:run"
        self.k_workers = f"{self.prefix}:workers"
        self.k_queue = f"{self.prefix}:requests"
        self.k_dupefilter = f"{self.prefix}:dupefilter"
        self.k_seed = f"{self.prefix}:seed"
        self.k_stats = f"{self.prefix}:stats"
        self.k_ids = f"{self.prefix}:ids"
        self.k_lease = f"{self.prefix}:lease:{worker}"
        self.k_proc = f"{self.prefix}:proc:{worker}"
        self._pop = client.register_script(_POP)
        self._recover = client.register_script(_RECOVER)
        self._busy = client.register_script(_BUSY)
        self._join = client.register_script(_JOIN)
        self._leave = client.register_script(_LEAVE)
        self._heartbeat = client.register_script(_HEARTBEAT)
        self._enqueue = client.register_script(_ENQUEUE)
        self._sync = client.register_script(_SYNC)

    # -- runs -------------------------------------------------------------------------------
    def current_run(self) -> int | None:
        """The run id workers are on now, if any (its key expires with the last lease)."""
        value = self.r.get(self.k_run)
        return int(value) if value else None

    def start_run(self, run_id: int) -> None:
        """A new run (the caller holds the site's cluster lock exclusively, so no worker of an
        older run is alive): forget whatever an older run left, then open this one."""
        stale = [self.k_queue, self.k_dupefilter, self.k_seed, self.k_stats, self.k_ids,
                 self.k_workers]
        for worker in self.r.smembers(self.k_workers):
            name = worker.decode()
            stale += [f"{self.prefix}:lease:{name}", f"{self.prefix}:proc:{name}"]
        self.run_id = run_id
        pipe = self.r.pipeline()
        pipe.delete(*stale)
        pipe.set(self.k_run, run_id, px=self.lease_ms)
        pipe.sadd(self.k_workers, self.worker)
        pipe.set(self.k_lease, "1", px=self.lease_ms)
        pipe.execute()

    def join(self, run_id: int) -> bool:
        self.run_id = run_id
        return bool(self._join(keys=[self.k_run, self.k_workers],
                               args=[self.worker, str(run_id), self.lease_ms, self.prefix]))

    def heartbeat(self) -> bool:
        """Keep this worker's lease and the run alive (every lease/3 seconds); back in the
        run's workers should a stalled beat have let the lease lapse. False: the run is over."""
        return bool(self._heartbeat(keys=[self.k_run, self.k_lease, self.k_workers],
                                    args=[self.worker, str(self.run_id), self.lease_ms]))

    def leave(self, summary: dict[str, Any]) -> list[dict[str, Any]] | None:
        """Store this worker's summary and leave the run. The last worker out gets every
        worker's summary (and the run's keys are gone); the others get None."""
        result = self._leave(keys=[self.k_workers, self.k_stats, self.k_run],
                             args=[self.worker, json.dumps(summary), self.prefix,
                                   str(self.run_id)])
        if not result:
            return None
        return [json.loads(result[i + 1]) for i in range(0, len(result), 2)]

    # -- requests -------------------------------------------------------------------------------
    def pop(self) -> tuple[str, bytes] | None:
        """(entry id, encoded request) of the best pending request, now held by this worker."""
        result = self._pop(keys=[self.k_queue, self.k_proc, self.k_ids])
        if not result:
            return None
        return result[0].decode(), result[1]

    def enqueue(self, fingerprint: str | None, score: float, data: bytes) -> int:
        """Queue an encoded request while this run is on: 1 queued, 0 seen before (its
        fingerprint is in the duplicate filter), -1 the run is over (nothing written)."""
        return int(self._enqueue(keys=[self.k_run, self.k_dupefilter, self.k_queue],
                                 args=[str(self.run_id), fingerprint or "", score, data]))

    def sync(self, requests: list[tuple[str | None, float, bytes]], done: list[str], *,
             pop: bool) -> tuple[bool, list[bool], tuple[str, bytes] | None]:
        """In one round trip (_SYNC): queue encoded requests (fingerprint, score, data) while
        this run is on, release finished entries, and pop the best pending request if `pop`.
        Returns (whether the run is on, whether each request was queued, the popped (entry
        id, encoded request) or None)."""
        args: list[Any] = [str(self.run_id), len(requests)]
        for fingerprint, score, data in requests:
            args += [fingerprint or "", score, data]
        args += done
        args.append("1" if pop else "0")
        result = self._sync(keys=[self.k_run, self.k_dupefilter, self.k_queue, self.k_proc,
                                  self.k_ids], args=args)
        on = bool(int(result[0]))
        queued = [flag == ord("1") for flag in result[1]] if on else [False] * len(requests)
        popped = (result[2].decode(), result[3]) if len(result) > 2 else None
        return on, queued, popped

    def done(self, *entries: str) -> None:
        if entries:
            self.r.hdel(self.k_proc, *entries)

    def requeue_held(self) -> int:
        """Put this worker's unfinished requests back (a clean stop before the end)."""
        self.r.delete(self.k_lease)
        return max(0, self._recover_worker(self.worker)) % 1000000

    def mark_seeding(self) -> bool:
        """True for the one worker of the run that seeds the start requests."""
        if not self.r.set(self.k_seed, self.worker, nx=True):
            return False
        self.r.hset(self.k_proc, SEED_FIELD, b"")
        return True

    def seeded(self) -> None:
        self.r.hdel(self.k_proc, SEED_FIELD)

    def _recover_worker(self, worker: str) -> int:
        return int(self._recover(keys=[f"{self.prefix}:lease:{worker}",
                                       f"{self.prefix}:proc:{worker}", self.k_queue,
                                       self.k_workers], args=[worker, SEED_FIELD]))

    def recover_dead(self) -> tuple[int, bool]:
        """Re-queue the unfinished requests of every worker whose lease expired:
        (requests re-queued, whether a dead worker had not finished seeding)."""
        total, seed_lost = 0, False
        for member in self.r.smembers(self.k_workers):
            worker = member.decode()
            if worker == self.worker:
                continue
            n = self._recover_worker(worker)
            if n < 0:
                continue
            if n >= 1000000:
                seed_lost, n = True, n - 1000000
            total += n
            logger.warning("worker %s stopped renewing its lease: %d unfinished requests "
                           "re-queued", worker, n)
        return total, seed_lost

    def busy(self) -> int:
        """Requests queued or held, over the whole cluster (0: the crawl is over)."""
        return int(self._busy(keys=[self.k_queue, self.k_workers], args=[self.prefix]))


class LeaseKeeper:
    """Renews a worker's lease from a thread of its own, from the moment it starts or joins a
    run until it leaves: Scrapy's start-up (seconds on a loaded machine) and long callbacks
    do not let it lapse; a killed or stopped process renews nothing."""

    def __init__(self, frontier: Frontier) -> None:
        self.frontier = frontier
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="frontier-lease", daemon=True)

    def __enter__(self) -> "LeaseKeeper":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        interval = self.frontier.lease_ms / 3000
        while not self._stop.wait(interval):
            try:
                if not self.frontier.heartbeat():
                    return   # the run is over (the scheduler sees it too, and stops)
            except redis.RedisError as error:
                logger.error("crawl frontier: lease not renewed: %s", error)


class FrontierQueue(PriorityQueue):
    """scrapy-redis's priority queue, for its request encoding: FrontierScheduler queues and
    pops through Frontier.sync (in the worker's lease)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # callback or errback function -> the name of the spider's method: Request.to_dict
        # finds it by walking every method of the spider (inspect.getmembers) for every
        # request it encodes; the answer for a function never changes within a crawl
        self._method_names: dict[Any, str] = {}

    def pop(self, timeout: int = 0) -> Request | None:  # type: ignore[override]
        raise NotImplementedError("FrontierScheduler pops through Frontier.sync")

    def _encode_request(self, request: Request) -> bytes:
        """As scrapy-redis encodes it (Request.to_dict, then the serializer), with the spider
        method names of the callback and errback remembered."""
        if _find_method is None:
            return super()._encode_request(request)  # type: ignore[no-any-return]
        callback, errback = request.callback, request.errback
        request.callback = request.errback = None
        try:
            encoded = request.to_dict(spider=self.spider)
        finally:
            request.callback, request.errback = callback, errback
        encoded["callback"] = self._method_name(callback)
        encoded["errback"] = self._method_name(errback)
        return self.serializer.dumps(encoded)  # type: ignore[no-any-return]

    def _method_name(self, function: Any) -> Any:
        """What Request.to_dict puts for a callback or errback: its spider method's name."""
        if not callable(function):
            return function
        key = getattr(function, "__func__", None)
        if key is None or getattr(function, "__self__", None) is not self.spider:
            return _find_method(self.spider, function)   # raises as Request.to_dict does
        name = self._method_names.get(key)
        if name is None:
            name = self._method_names[key] = _find_method(self.spider, function)
        return name


class FrontierScheduler(Scheduler):
    """scrapy-redis's Scheduler and RFPDupeFilter, with keys of the site and the lease and
    termination rules of Frontier."""

    POLL_SECONDS = 0.25   # how soon a worker with nothing to do looks at the queue again
    FLUSH_SECONDS = 0.05  # how long found requests may wait here for the engine's next pop

    def __init__(self, *args: Any, frontier: Frontier, crawler: Crawler, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frontier = frontier
        self.crawler = crawler
        self.held: dict[str, Request] = {}    # entry id -> the request Scrapy is working on
        self.seeder = False
        self.seeding = False
        self._wake_pending = False
        self._run_over = False
        self._run_checked = 0.0
        # Fingerprints this worker knows are in the run's duplicate filter (it added them, or
        # Redis said they were there): a fingerprint never leaves that set while the run is on,
        # so a request seen again is filtered here without a round trip. Most requests a page
        # yields were seen before (its links and requisites); Scrapy's own duplicate filter
        # keeps every fingerprint in memory the same way.
        self._seen: set[str] = set()
        # Requests found since the last round trip (request, fingerprint, score), sent with the
        # next pop (Frontier.sync), at the latest after FLUSH_SECONDS: their archive lookups
        # asked at once first (IncrementalMiddleware.look_ahead), then encoded. The requests
        # whose responses yielded them stay held until they are in Redis.
        self._found: list[tuple[Request, str | None, float]] = []
        self._flush_call: Any = None
        self._incremental: Any = None   # the crawl's IncrementalMiddleware, if it has one

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "FrontierScheduler":
        settings = crawler.settings
        url = settings.get("NEWS_FRONTIER")
        if not url:
            raise NotConfigured("NEWS_FRONTIER is not set")
        client = connect(url)
        frontier = Frontier(client, settings.get("NEWS_SITE"), settings.get("NEWS_WORKER_ID"),
                            lease=settings.getfloat("NEWS_FRONTIER_LEASE"),
                            run_id=settings.getint("NEWS_RUN_ID"))
        from scrapy_redis.dupefilter import RFPDupeFilter

        instance = cls(server=client, persist=True, queue_key=frontier.k_queue,
                       queue_cls="crawler.frontier.FrontierQueue",
                       dupefilter=RFPDupeFilter(client, key=frontier.k_dupefilter),
                       dupefilter_key=frontier.k_dupefilter, frontier=frontier, crawler=crawler)
        instance.stats = crawler.stats
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        return instance

    # -- Scrapy's scheduler interface -----------------------------------------------------------
    def open(self, spider: Spider) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is None or not isinstance(getattr(slot, "inprogress", None), set):
            # _in_progress reads it: without it, no request could be released or recovered
            raise CrawlerError("this Scrapy version keeps no engine slot the shared crawl can "
                               "read (tested with Scrapy 2.13 to 2.19)")
        super().open(spider)
        for middleware in self.crawler.engine.downloader.middleware.middlewares:
            if isinstance(middleware, IncrementalMiddleware):
                self._incremental = middleware
        self.seeder = self.seeding = self.frontier.mark_seeding()

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get("is_start_request") and not self.seeder:
            return False   # another worker seeds this run
        if self.run_over():
            return False   # nothing may go into the keys of a run that has ended
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        if fingerprint is not None and fingerprint in self._seen:
            self.df.log(request, self.spider)
            return False
        if request.meta.get("redirect_urls"):
            # Scrapy reports a redirect target that was seen (FailureLogMiddleware records a
            # redirect loop): Redis says now whether another worker saw it
            return self._enqueue_now(request, fingerprint, self.queue._encode_request(request))
        # Seen here from now on: queued by the next round trip, or found there already.
        if fingerprint is not None:
            self._seen.add(fingerprint)
        self._found.append((request, fingerprint, -request.priority))
        if self._flush_call is None:
            from twisted.internet import reactor

            self._flush_call = reactor.callLater(  # type: ignore[attr-defined]
                self.FLUSH_SECONDS, self._flush)
        return True

    def _enqueue_now(self, request: Request, fingerprint: str | None, data: bytes) -> bool:
        queued = self.frontier.enqueue(fingerprint, -request.priority, data)
        if queued < 0:   # ended between the look above and this write
            if not self._run_over:
                self._stop_run_over()
            return False
        if fingerprint is not None:
            self._seen.add(fingerprint)
        if queued == 0:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis", spider=self.spider)
        return True

    def _sync(self, *, pop: bool) -> tuple[str, bytes] | None:
        """Queue the requests found, release the finished ones, and pop if `pop`: one round
        trip (Frontier.sync)."""
        if self._flush_call is not None:
            if self._flush_call.active():
                self._flush_call.cancel()
            self._flush_call = None
        found, self._found = self._found, []
        finished = self._finished()
        if not (found or finished or pop):
            return None
        if found:
            self._look_ahead([request for request, _, _ in found])
        encode = self.queue._encode_request
        on, queued, popped = self.frontier.sync(
            [(fingerprint, score, encode(request)) for request, fingerprint, score in found],
            finished, pop=pop)
        for entry in finished:
            del self.held[entry]
        if not on:
            if not self._run_over:
                self._stop_run_over()
            return None
        for (request, _, _), was_queued in zip(found, queued):
            if not was_queued:
                self.df.log(request, self.spider)
            elif self.stats:
                self.stats.inc_value("scheduler/enqueued/redis", spider=self.spider)
        return popped

    def _look_ahead(self, requests: list[Request]) -> None:
        """The archive lookups of the requests about to be queued, asked at once; on a
        failure each request asks for itself when it is fetched (as without this)."""
        if self._incremental is None:
            return
        try:
            self._incremental.look_ahead(requests)
        except Exception as error:   # noqa: BLE001 - a store error: the fetch asks again
            for request in requests:
                request.meta.pop(LOOKUP_META, None)
            logger.warning("crawl frontier: archive lookups of %d requests failed (%s: %s); "
                           "each asks when it is fetched", len(requests),
                           type(error).__name__, " ".join(str(error).split()))

    def _flush(self) -> None:
        self._flush_call = None
        if not self._run_over:
            self._sync(pop=False)

    def run_over(self) -> bool:
        """Whether the run ended without this worker (it was stalled past its lease and the
        others finished): then it stops. Looked up at most every half second."""
        now = time.monotonic()
        if not self._run_over and now - self._run_checked > 0.5:
            self._run_checked = now
            if self.frontier.current_run() != self.frontier.run_id:
                self._stop_run_over()
        return self._run_over

    def _stop_run_over(self) -> None:
        self._run_over = True
        logger.warning("crawl frontier: run %d was finished by the other workers while this "
                       "one was stalled past its lease: stopping", self.frontier.run_id)
        self.held.clear()   # others fetched them again
        from scrapy.utils.defer import deferred_from_coro

        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=RUN_OVER))

    def next_request(self) -> Request | None:
        if self.run_over():
            return None
        popped = self._sync(pop=True)
        if popped is None:
            if not self._run_over:
                self._wake_later()
            return None
        entry, data = popped
        request = self.queue._decode_request(data)
        self.held[entry] = request
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self._found) or len(self) > 0

    def close(self, reason: str) -> None:
        self._sweep()
        if self.held and not self._run_over:
            # stopped before the end (Ctrl-C, SIGTERM, a failure): others finish them
            n = self.frontier.requeue_held()
            logger.warning("crawl frontier: %d unfinished requests handed back to the queue", n)
            self.held.clear()

    # -- leases and the end ----------------------------------------------------------------------
    def _in_progress(self) -> set[Request]:
        # The engine keeps each request it took from the scheduler in its slot until Scrapy is
        # done with it: downloaded, parsed, its items through the pipelines (stored), or a retry
        # or redirect scheduled in its place. (Scrapy has no public signal for that moment.)
        slot = getattr(self.crawler.engine, "_slot", None)
        return slot.inprogress if slot is not None else set()

    def _finished(self) -> list[str]:
        """The held entries of the requests Scrapy has finished with."""
        if not self.held:
            return []
        active = self._in_progress()
        return [entry for entry, request in self.held.items() if request not in active]

    def _sweep(self) -> None:
        """Queue the requests found and release the entries of the requests Scrapy has
        finished with."""
        if not self._run_over:
            self._sync(pop=False)

    def _wake_later(self) -> None:
        """Ask the engine for requests again soon: another worker may be about to queue some
        (Scrapy's own heartbeat would wait 5 s)."""
        if self._wake_pending:
            return
        self._wake_pending = True
        from twisted.internet import reactor

        def wake() -> None:
            self._wake_pending = False
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None and slot.closing is None:
                slot.nextcall.schedule()

        reactor.callLater(self.POLL_SECONDS, wake)  # type: ignore[attr-defined]

    def spider_idle(self, spider: Spider) -> None:
        """Close only when the whole cluster is done."""
        if self._run_over:
            return
        self._sweep()
        if self.seeding:  # idle means start() is exhausted and its requests are queued
            self.frontier.seeded()
            self.seeding = False
        recovered, seed_lost = self.frontier.recover_dead()
        if recovered:
            self.stats.inc_value("news/frontier/recovered", recovered)
        if seed_lost:
            self._reseed(spider)
        busy = self.frontier.busy()
        if busy:
            self._wake_later()
            raise DontCloseSpider(f"{busy} requests queued or in flight in the cluster")

    def _reseed(self, spider: Spider) -> None:
        """The seeder died while seeding: queue the start requests here (those already seen
        are filtered)."""
        logger.warning("crawl frontier: the seeding worker died; seeding again")
        for request in spider._start_requests():  # type: ignore[attr-defined]
            super().enqueue_request(request)


def frontier_settings(url: str, worker: str) -> dict[str, Any]:
    """The Scrapy settings that turn a crawl into a worker of the shared crawl."""
    return {
        "NEWS_FRONTIER": url,
        "NEWS_WORKER_ID": worker,
        "SCHEDULER": "crawler.frontier.FrontierScheduler",
    }


def merge_summaries(summaries: list[dict[str, Any]],
                    last: dict[str, Any] | None = None) -> dict[str, Any]:
    """The run summary of the cluster: every worker's counts added up (fill rates weighted
    by candidates, lists joined)."""
    if not summaries:
        return {}
    total: dict[str, Any] = {}
    for summary in summaries:
        for key, value in summary.items():
            if key in ("field_fill_rates", "finish_reason", "warc_write_error", "workers"):
                continue
            if isinstance(value, bool) or value is None:
                total.setdefault(key, value)
            elif isinstance(value, (int, float)):
                total[key] = total.get(key, 0) + value
            elif isinstance(value, dict):
                into = total.setdefault(key, {})
                for name, n in value.items():
                    into[name] = into.get(name, 0) + n
            elif isinstance(value, list):
                total.setdefault(key, []).extend(value)
            else:
                total.setdefault(key, value)
    candidates = total.get("candidates", 0)
    names = {name for s in summaries for name in s.get("field_fill_rates", {})}
    total["field_fill_rates"] = {
        name: round(sum(s.get("field_fill_rates", {}).get(name, 0.0) * s.get("candidates", 0)
                        for s in summaries) / candidates, 3) if candidates else 0.0
        for name in sorted(names)}
    errors = [s.get("warc_write_error") for s in summaries if s.get("warc_write_error")]
    total["warc_write_error"] = errors[0] if errors else None
    # the last worker's: it ended because the cluster had nothing left ("finished"), or was
    # stopped ("shutdown") with work left, which makes the run interrupted
    total["finish_reason"] = summaries[-1].get("finish_reason") if last is None \
        else last.get("finish_reason")
    total["workers"] = {s["worker"]: s.get("pages_fetched", 0) for s in summaries if "worker" in s}
    return total

