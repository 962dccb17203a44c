"""Exceptions of the `archive` package: expected failures a user sees as one clear line."""
from __future__ import annotations


class StoreError(Exception):
    """The records store cannot do what was asked (unreadable file, read-only, wrong schema...).

    The message is a complete sentence meant for the user, e.g.
    "archive database at /srv/a/records.sqlite3 is not readable: unable to open database file".
    """
