"""Signals of our own, sent through Scrapy's signal manager."""
from __future__ import annotations

# Sent by WarcCaptureMiddleware once a fetch's records are written and its captures row is
# committed (request.meta["capture_id"] holds the row id).
# Arguments: capture (archive.records.Capture), request (scrapy.Request), response.
capture_written = object()
