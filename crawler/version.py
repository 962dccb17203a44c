"""The package version, in one place (warcinfo, User-Agent, --version)."""
from __future__ import annotations

__version__ = "0.1.0"
