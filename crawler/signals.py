"""Signals of our own, sent through Scrapy's signal manager."""
from __future__ import annotations

# Sent by WarcCaptureMiddleware after a fetch is written to WARC.
# Arguments: capture (archive.records.Capture), request (scrapy.Request), response.
# Handlers may set request.meta["capture_id"] (StorePipeline does).
capture_written = object()
