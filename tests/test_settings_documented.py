"""Every NEWS_* setting has its line in docs/SETTINGS.md (as Datasette checks its settings)."""
from __future__ import annotations

import re
from pathlib import Path

import crawler.settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "SETTINGS.md"


def test_every_news_setting_is_documented():
    names = [name for name in vars(crawler.settings) if name.startswith("NEWS_")]
    documented = set(re.findall(r"`(NEWS_[A-Z_]+)`", DOCS.read_text(encoding="utf-8")))
    assert names, "no NEWS_ settings found"
    assert sorted(set(names) - documented) == []
    assert sorted(documented - set(names)) == [], "docs name settings that no longer exist"
