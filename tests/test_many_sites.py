"""N sites on M hosts (issue 12 item 3), run the way docs/MANY_SITES.md tells operators to:
the command of deploy/systemd/newsarchive-crawl@.service, started for three sites on two
"hosts" at once (six processes, each host with its own archive directory, one PostgreSQL).
The cluster-wide lock must keep each site to one run at a time (the loser exits 3, which the
unit counts as success), and every site must end archived once."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.profiles.demo import PROFILE as DEMO
from newsarchive.demosite import DemoServer, DemoSite

from .conftest import REPO

UNITS = REPO / "deploy" / "systemd"
SITES = ("harbour-times", "valley-post", "coast-herald")
HOSTS = ("host-a", "host-b")


def unit_setting(unit: Path, key: str) -> str:
    values = [line.split("=", 1)[1].strip() for line in unit.read_text().splitlines()
              if line.startswith(f"{key}=")]
    assert len(values) == 1, f"{unit.name}: one {key}= expected"
    return values[0]


def exec_start(site: str, env: dict[str, str]) -> list[str]:
    """The unit's ExecStart for instance `site`, as systemd expands it (%i, ${VAR}); run with
    this interpreter instead of the `newsarchive` script on PATH."""
    line = unit_setting(UNITS / "newsarchive-crawl@.service", "ExecStart").replace("%i", site)
    line = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], line)
    argv = line.split()
    assert argv[:2] == ["/usr/bin/env", "newsarchive"], line
    return [sys.executable, "-m", "newsarchive.cli", *argv[2:]]


def write_profile(folder: Path, name: str, base_url: str) -> None:
    def toml_list(items: tuple[str, ...]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    (folder / f"{name}.toml").write_text(
        f'name = "{name}"\n'
        f'base_url = "{base_url}/"\n'
        f"sections = {toml_list(DEMO.sections)}\n"
        f"article_pattern = '{DEMO.article_pattern}'\n"
        f"feeds = {toml_list(DEMO.feeds)}\n"
        f"sitemaps = {toml_list(DEMO.sitemaps)}\n"
        f"follow_article_links = true\n", encoding="utf-8")


def test_unit_files_are_valid_for_systemd(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    for unit in ("newsarchive-crawl@.service", "newsarchive-crawl@.timer"):
        instance = tmp_path / unit.replace("@.", "@demo.")
        instance.write_text((UNITS / unit).read_text())
        result = subprocess.run([analyze, "verify", "--man=no", str(instance)],
                                capture_output=True, text=True, timeout=60)
        complaints = [line for line in (result.stdout + result.stderr).splitlines()
                      if instance.name in line]
        assert not complaints, complaints
    assert unit_setting(UNITS / "newsarchive-crawl@.service", "SuccessExitStatus").split() == ["3", "5"]
    assert unit_setting(UNITS / "newsarchive-crawl@.timer", "OnCalendar") == "hourly"


def test_three_sites_on_two_hosts_run_one_at_a_time_and_archive_each_once(tmp_path, pg_url):
    import psycopg

    sites_dir = tmp_path / "sites"
    sites_dir.mkdir()
    servers = [DemoServer(DemoSite(seed=seed, per_language=10), host="127.0.0.1", port=0)
               for seed in range(len(SITES))]
    for server in servers:
        server.start()
    try:
        for name, server in zip(SITES, servers):
            write_profile(sites_dir, name, server.base_url)
        processes = []
        for host in HOSTS:
            env = {**os.environ, "NEWSARCHIVE_DB": pg_url, "NEWSARCHIVE_SITES": str(sites_dir),
                   "NEWSARCHIVE_ARCHIVE": str(tmp_path / host / "archive")}
            for name in SITES:
                processes.append((host, name, subprocess.Popen(
                    exec_start(name, env), env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, text=True)))
        outcomes: dict[str, list[int]] = {name: [] for name in SITES}
        for host, name, process in processes:
            out, err = process.communicate(timeout=600)
            assert process.returncode in (0, 3), f"{host} {name}: {out}{err}"
            if process.returncode == 3:
                assert "already running" in err and err.count("\n") == 1, err
            outcomes[name].append(process.returncode)
        expected = {name: len(DemoSite(seed=seed, per_language=10).article_urls("http://x"))
                    for seed, name in enumerate(SITES)}
    finally:
        for server in servers:
            server.stop()

    with psycopg.connect(pg_url) as conn:
        runs = conn.execute("SELECT site, started_at, finished_at, status FROM runs "
                            "ORDER BY site, started_at").fetchall()
        articles = dict(conn.execute(
            "SELECT r.site, count(*) FROM articles a JOIN runs r ON r.id = a.first_run_id "
            "GROUP BY r.site").fetchall())
        doubles = conn.execute("SELECT count(*) FROM (SELECT canonical_url FROM articles "
                               "GROUP BY canonical_url HAVING count(*) > 1) d").fetchone()[0]
    for name in SITES:
        assert 0 in outcomes[name], outcomes
        own = [run for run in runs if run[0] == name]
        # one run per successful process, and never two at once
        assert len(own) == outcomes[name].count(0)
        assert all(run[3] == "ok" for run in own), own
        for earlier, later in zip(own, own[1:]):
            assert earlier[2] <= later[1], f"{name}: runs overlap: {earlier} {later}"
    assert doubles == 0
    # every site archived, each article once
    assert articles == expected
