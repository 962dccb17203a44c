"""pywb lives in a virtual environment of its own (archive.replay_env), never in newsarchive's.

pywb pins redis==2.10.6 (webrecorder/pywb#817); newsarchive's environment must be free to hold a
current redis (scrapy-redis needs >=4.2), and `pip install .` must never downgrade anything.
These tests read the installed metadata, ask pip what installing this tree would change, and
start the real replay server from the replay environment with the main environment's
site-packages pushed at it through PYTHONPATH.
"""
from __future__ import annotations

import ast
import html
import json
import os
import socket
import subprocess
import sys
import sysconfig
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement

from .conftest import REPO, CrawledDemo

PYWB_STACK = {"pywb", "gevent", "fakeredis"}   # what replay needs and we must not


def _names(requirements: list[str]) -> set[str]:
    """Requirement names, plus "redis" when one admits pywb's pin (redis 2.10.6): scrapy-redis
    needs a current redis client, and that one is ours to declare."""
    names: set[str] = set()
    for text in requirements:
        requirement = Requirement(text)
        name = requirement.name.lower()
        if name == "redis" and not requirement.specifier.contains("2.10.6"):
            continue
        names.add(name)
    return names


def test_pyproject_does_not_depend_on_pywb_or_its_redis_pin() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    assert not _names(declared) & (PYWB_STACK | {"redis"}), declared
    assert "cdxj-indexer" in _names(declared)        # `wacz` and the index helpers need it


def _installed_from_this_tree() -> bool:
    try:
        dist = metadata.distribution("newsarchive")
    except metadata.PackageNotFoundError:
        return False
    direct = dist.read_text("direct_url.json")
    if direct:                          # a dist-info (PEP 660 editable or a plain install)
        url = json.loads(direct).get("url", "")
        return url.removeprefix("file://").rstrip("/") == str(REPO)
    return Path(str(dist.locate_file(""))).resolve() == REPO   # a legacy egg-info in the tree


@pytest.mark.skipif(not _installed_from_this_tree(),
                    reason="newsarchive is installed from another checkout: its metadata is not "
                           "this tree's (`pip install -e .` here; CI does)")
def test_installed_metadata_requires_no_pywb() -> None:
    requires = metadata.requires("newsarchive") or []
    assert requires, "newsarchive's metadata lists no requirements at all"
    assert not _names(requires) & (PYWB_STACK | {"redis"}), requires


def test_installing_this_tree_changes_no_other_package(tmp_path: Path) -> None:
    """What `pip install .` would do to the other packages of this environment, asked offline
    (--dry-run --no-index, pip's resolver against what is installed): nothing, no package up-
    or downgraded. In an environment with redis 5 this is what proves redis stays."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(project["dependencies"]) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--quiet",
         "--report", str(report), "--requirement", str(requirements)],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-2000:]
    planned = [f"{item['metadata']['name']}=={item['metadata']['version']}"
               for item in json.loads(report.read_text(encoding="utf-8"))["install"]]
    assert planned == [], planned


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_replay_script_imports_pywb_and_it_imports_nothing_of_ours() -> None:
    """archive/replay.py runs as a script in the replay environment, where neither this
    package nor Scrapy exists; no other module may import pywb or gevent."""
    sources = [p for package in ("archive", "crawler", "newsarchive")
               for p in (REPO / package).rglob("*.py")]
    importers = sorted(str(p.relative_to(REPO)) for p in sources
                       if _imports(p) & {"pywb", "gevent"})
    assert importers == ["archive/replay.py"], importers
    replay_imports = _imports(REPO / "archive" / "replay.py")
    assert not replay_imports & {"archive", "crawler", "newsarchive", "scrapy"}, replay_imports
    allowed = set(sys.stdlib_module_names) | {"__future__", "pywb", "gevent", "cdxj_indexer"}
    assert replay_imports <= allowed, replay_imports - allowed


def test_replay_env_is_consistent_and_keeps_its_own_redis(replay_python: Path) -> None:
    """The replay environment passes `pip check` with pywb's redis 2.10.6, whatever redis the
    main environment has; and it does not see the main environment's site-packages."""
    from archive.replay_env import child_env, env_key, is_ready

    assert is_ready(replay_python.parent.parent)
    assert replay_python.parent.parent.name == env_key()
    check = subprocess.run([str(replay_python), "-I", "-m", "pip", "check"],
                           capture_output=True, text=True, timeout=120, env=child_env())
    assert check.returncode == 0, check.stdout + check.stderr
    probe = subprocess.run(
        [str(replay_python), "-I", "-c",
         "import json, sys, redis, pywb, gevent; "
         "print(json.dumps({'redis': redis.__version__, 'path': sys.path}))"],
        capture_output=True, text=True, timeout=120, env=child_env())
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout)
    assert seen["redis"] == "2.10.6"
    main_site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    assert not main_site & set(seen["path"]), seen["path"]


def test_replay_serves_with_the_main_site_packages_on_pythonpath(
        crawled_demo: CrawledDemo, replay_python: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """The real replay server, started as `serve` starts it, while PYTHONPATH points at the
    main environment's site-packages (where a redis 5 would be): it still comes up and
    replays an archived article."""
    from archive.replay import replay_url
    from archive.web.server import start_replay

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}))
    row = crawled_demo.rows[0]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process, base = start_replay(crawled_demo.archive, host="127.0.0.1", port=port,
                                 python=replay_python)
    try:
        url = replay_url(base, row["capture"]["fetched_at"], row["url"], mode="id_")
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read().decode("utf-8", "replace")
            assert response.status == 200
        assert row["title"] in html.unescape(body)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_builders_at_once_build_one_environment(tmp_path: Path) -> None:
    """Two processes needing the environment at the same moment: one builds, the other waits
    on the lock and uses the result; no leftover build folders. Uses a tiny requirements file
    (no network: an empty requirement list) so the test measures the locking, not pip."""
    script = (
        "import sys, archive.replay_env as r\n"
        "from pathlib import Path\n"
        "r.REQUIREMENTS = Path(sys.argv[1])\n"
        "print(r.ensure_replay_env(progress=lambda line: print('BUILD', flush=True)))\n")
    requirements = tmp_path / "req.txt"
    requirements.write_text("# nothing: the lock, not pip, is under test\n", encoding="utf-8")
    base = tmp_path / "envs"
    env = {**os.environ, "NEWSARCHIVE_REPLAY_ENV": str(base)}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(requirements)], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert lines.count("BUILD") == 1, lines
    pythons = {line for line in lines if line != "BUILD"}
    assert len(pythons) == 1
    built = Path(pythons.pop()).parent.parent
    assert sorted(p.name for p in base.iterdir()) == sorted([built.name, built.name + ".lock"])
    assert (built / "newsarchive-replay-ready").is_file()


def test_serve_offline_without_a_replay_env_is_one_line_error(crawled_demo: CrawledDemo,
                                                               tmp_path: Path) -> None:
    """No replay environment yet and pip cannot reach any index: `serve` says so in one line,
    names the way out (--no-replay), exits 1, and leaves no half-built environment behind."""
    from .conftest import run_cli

    from .test_reading_room import _free_ports

    base = tmp_path / "envs"
    # Both ports free: a busy replay port (PORT+1 by default) would fail first, for another reason.
    port, replay_port = _free_ports(2)
    offline = {"NEWSARCHIVE_REPLAY_ENV": str(base), "PIP_CONFIG_FILE": os.devnull,
               "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(tmp_path / "no-wheels-here")}
    result = run_cli("serve", "--archive", str(crawled_demo.archive), "--port", str(port),
                     "--replay-port", str(replay_port), env=offline, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("setting up the replay environment"), lines
    assert len(lines) == 2 and "cannot build the replay environment" in lines[1], lines
    assert "--no-replay" in lines[1]
    assert [p.name for p in base.iterdir() if not p.name.endswith(".lock")] == []
