"""Built-in site profiles, looked up by name (and capture date, for versioned profiles)."""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from crawler.exceptions import UnknownProfileError
from crawler.extract.profile import FieldSelectors
from crawler.profiles.base import SiteProfile
from crawler.profiles.demo import PROFILE as DEMO

# name -> versions, oldest first (see SiteProfile.valid_from)
PROFILES: dict[str, list[SiteProfile]] = {
    "demo": [DEMO],
}


def load_profile_file(path: str | Path) -> SiteProfile:
    """A profile written as TOML: the SiteProfile fields (`selectors` as a table of
    FieldSelectors), e.g.

        name = "example"
        base_url = "https://news.example.com/"
        sections = ["/world/", "/politics/"]
        article_pattern = '^/[a-z]+/\\d{4}/\\d{2}/\\d{2}/[^/]+$'
        feeds = ["/world/rss.xml"]
        sitemaps = ["/sitemap.xml"]
        [selectors]
        body = "div.article-body"
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UnknownProfileError(f"cannot read site profile {path}: {error}") from error
    try:
        selectors = FieldSelectors(**data.pop("selectors", {}))
        for key in ("sections", "allowed_hosts", "feeds", "sitemaps"):
            if key in data:
                data[key] = tuple(data[key])
        if isinstance(data.get("valid_from"), str):
            data["valid_from"] = date.fromisoformat(data["valid_from"])
        return SiteProfile(selectors=selectors, **data)
    except (TypeError, ValueError) as error:
        raise UnknownProfileError(f"site profile {path} is not valid: {error}") from error


def get_profile(name: str, *, at: date | None = None) -> SiteProfile:
    """The version of profile `name` valid at `at` (default: the newest); `name` may also be
    the path of a TOML profile file."""
    if name.endswith(".toml"):
        return load_profile_file(name)
    versions = PROFILES.get(name)
    if not versions:
        known = ", ".join(sorted(PROFILES))
        raise UnknownProfileError(f"unknown site profile {name!r} (known: {known}; or give an http(s) URL)")
    if at is None:
        return versions[-1]
    valid = [v for v in versions if v.valid_from is None or v.valid_from <= at]
    return valid[-1] if valid else versions[0]


__all__ = ["SiteProfile", "get_profile", "PROFILES"]
