"""Errors of the crawler package that reach the user as one line."""
from __future__ import annotations


class CrawlerError(Exception):
    """A crawl cannot start or went wrong in a way the user must hear about."""


class UnknownProfileError(CrawlerError):
    """SITE is neither a known profile name nor an http(s) URL."""
