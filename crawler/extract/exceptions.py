"""Typed extraction failures. Each carries a short `reason` used in stats keys
(`news/extraction/failed/<reason>`) and a one-line message for the run record."""
from __future__ import annotations


class ExtractionError(Exception):
    """Base class: the page could not be turned into an Article."""

    reason = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotHTMLError(ExtractionError):
    """The bytes are not an HTML document (binary, PDF, image served as text/html...)."""

    reason = "not_html"


class EmptyDocumentError(ExtractionError):
    """The document is empty or has no parseable root element."""

    reason = "empty_document"


class ParseError(ExtractionError):
    """The HTML parser gave up on the document."""

    reason = "parse_error"


class ExtractionTimeout(ExtractionError):
    """Extracting the page used more CPU time than the caller allows (crawler.extract.limits):
    a page built so that some step's work grows faster than the page. Its bytes stay archived
    in the WARC; only the extraction is given up."""

    reason = "too_slow"
