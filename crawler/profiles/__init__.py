"""Built-in site profiles, looked up by name (and capture date, for versioned profiles)."""
from __future__ import annotations

from datetime import date

from crawler.exceptions import UnknownProfileError
from crawler.profiles.base import SiteProfile
from crawler.profiles.demo import PROFILE as DEMO

# name -> versions, oldest first (see SiteProfile.valid_from)
PROFILES: dict[str, list[SiteProfile]] = {
    "demo": [DEMO],
}


def get_profile(name: str, *, at: date | None = None) -> SiteProfile:
    """The version of profile `name` valid at `at` (default: the newest)."""
    versions = PROFILES.get(name)
    if not versions:
        known = ", ".join(sorted(PROFILES))
        raise UnknownProfileError(f"unknown site profile {name!r} (known: {known}; or give an http(s) URL)")
    if at is None:
        return versions[-1]
    valid = [v for v in versions if v.valid_from is None or v.valid_from <= at]
    return valid[-1] if valid else versions[0]


__all__ = ["SiteProfile", "get_profile", "PROFILES"]
