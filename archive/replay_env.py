"""The replay environment: pywb in a virtual environment of its own, never in newsarchive's.

Why: pywb 2.10.0 (the latest release) pins `redis==2.10.6` and `fakeredis<1.0`
(webrecorder/pywb#817), and a shared crawl frontier needs a current redis client (scrapy-redis
wants redis>=4.2). Both cannot live in one environment, and `pip install .` must never downgrade
another package. So newsarchive does not depend on pywb at all: the first `serve` builds a
virtual environment (stdlib `venv` + pip) from the pinned `replay-requirements.txt` shipped next
to this module, and runs `archive/replay.py` with that environment's Python in isolated mode
(`-I`: no PYTHONPATH, no user site, not the script's folder), so nothing of the main
environment's site-packages reaches pywb.

Where: `<user data dir>/newsarchive-replay/<key>/` (platformdirs, e.g.
~/.local/share/newsarchive-replay/), or under $NEWSARCHIVE_REPLAY_ENV. The key hashes the
requirements, the Python version and its base installation, so an upgrade of either builds a
fresh environment; older ones can be deleted by hand.

Concurrency: the build holds a file lock (fcntl.flock, released by the kernel even when the
builder is killed) and happens in a temporary folder renamed into place only once pip has
finished and `pip check` agrees, so two `serve` starting together build once, and a reader
never sees a half-built environment.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ENV_VAR = "NEWSARCHIVE_REPLAY_ENV"
REQUIREMENTS = Path(__file__).resolve().with_name("replay-requirements.txt")
REPLAY_SCRIPT = Path(__file__).resolve().with_name("replay.py")
READY = "newsarchive-replay-ready"     # written last, inside the folder that is renamed into place
PIP_TIMEOUT = 900.0                    # seconds for `pip install` (a slow mirror, two cores)
PROGRESS = "setting up the replay environment (once, ~30 s)…"


class ReplayEnvError(Exception):
    """The replay environment cannot be built (offline, no pip, disk full): one line."""


def env_key(requirements: str | None = None) -> str:
    """Hash of the pinned requirements and the Python that runs them (its version and base
    installation, which the environment links to): a change of either builds a new one."""
    text = requirements if requirements is not None else REQUIREMENTS.read_text(encoding="utf-8")
    implementation = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    base = os.path.realpath(sys.base_prefix)
    return hashlib.sha256(f"{implementation}\n{base}\n{text}".encode()).hexdigest()[:16]


def base_dir() -> Path:
    """The folder holding replay environments: $NEWSARCHIVE_REPLAY_ENV, or the user data dir."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("newsarchive-replay")


def env_dir(base: Path | None = None) -> Path:
    """The environment of the current requirements (it may not exist yet)."""
    return (base if base is not None else base_dir()) / env_key()


def env_python(directory: Path) -> Path:
    """The Python of a virtual environment folder (where venv puts it on this platform)."""
    if os.name == "nt":
        return directory / "Scripts" / "python.exe"
    return directory / "bin" / "python"


def is_ready(directory: Path) -> bool:
    """Built to the end: the marker is written last, before the folder is renamed into place."""
    return (directory / READY).is_file() and env_python(directory).exists()


def ensure_replay_env(progress: Callable[[str], None] | None = None) -> Path:
    """The replay environment's Python, building the environment first when it is missing.
    `progress` gets one line before a build starts (nothing when the environment exists)."""
    base = base_dir()
    target = env_dir(base)
    if is_ready(target):
        return env_python(target)
    try:
        base.mkdir(parents=True, exist_ok=True)
        lock_fd = os.open(base / f"{target.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ReplayEnvError(f"cannot create the replay environment folder {base}: "
                             f"{exc.strerror or exc} (set {ENV_VAR} to a writable folder)"
                             ) from None
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)       # another serve may be building it right now
        if is_ready(target):
            return env_python(target)
        if progress is not None:
            progress(PROGRESS)
        _build(base, target)
        return env_python(target)
    finally:
        os.close(lock_fd)                          # closing releases the lock


def _build(base: Path, target: Path) -> None:
    build = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=base))
    try:
        _run([sys.executable, "-m", "venv", str(build)], "create the virtual environment")
        python = str(env_python(build))
        _run([python, "-I", "-m", "pip", "install", "--no-input", "--disable-pip-version-check",
              "--quiet", "--requirement", str(REQUIREMENTS)],
             "install pywb (is PyPI reachable?)")
        _run([python, "-I", "-m", "pip", "check"], "check the installed packages")
        (build / READY).write_text(REQUIREMENTS.read_text(encoding="utf-8"), encoding="utf-8")
        build.chmod(0o755)                         # mkdtemp made it private; others may read
        if target.exists():                        # a half-built leftover without READY
            shutil.rmtree(target)
        os.rename(build, target)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def _run(command: list[str], what: str) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PIP_TIMEOUT,
                                stdin=subprocess.DEVNULL, env=_clean_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReplayEnvError(f"cannot build the replay environment: {what} failed: {exc}") from None
    if result.returncode != 0:
        lines = [line.strip() for line in (result.stderr + result.stdout).splitlines()
                 if line.strip() and not line.lstrip().startswith("WARNING")]
        detail = lines[-1] if lines else f"exit code {result.returncode}"
        raise ReplayEnvError(f"cannot build the replay environment: {what} failed: {detail}")


def _clean_env() -> dict[str, str]:
    """The environment for the replay env's processes: no PYTHONPATH/PYTHONHOME of the main
    environment (they would put its site-packages, and redis 5, back on pywb's path)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")}
    return env


def replay_command(python: Path, *args: str) -> list[str]:
    """The command line of the replay server: the replay env's Python, isolated (`-I`), running
    this package's replay.py as a script (it imports only the stdlib, pywb and cdxj_indexer)."""
    return [str(python), "-I", str(REPLAY_SCRIPT), *args]


def child_env() -> dict[str, str]:
    """The environment variables for the replay server process."""
    return _clean_env()
