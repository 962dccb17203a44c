"""HeadMetaRefreshMiddleware: Scrapy's meta-refresh redirects, read from the head of a page.

Scrapy's MetaRefreshMiddleware looks for `<meta http-equiv="refresh">` in the first 4,096
characters of every HTML response, but gets them from `response.text`: the whole body decoded
and cached on the response for as long as it lives. A 30 MB page then costs 30 MB or more of
text beside its bytes while it goes through the spider and the WARC writer, for a tag that
sits in the first kilobytes. This subclass hands Scrapy's code a copy of the response cut to
its first HEAD_BYTES (headers and URL unchanged), so the answer is the same and the decoded
text is that of the head only.
"""
from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response

# Enough bytes for the 4,096 characters Scrapy reads, in any encoding (at most 4 bytes each).
HEAD_BYTES = 4 * 4096


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Request | Response:
        if not isinstance(response, HtmlResponse) or len(response.body) <= HEAD_BYTES:
            return super().process_response(request, response)
        # built anew: Response.replace() reads response.encoding, which may decode it all
        head = HtmlResponse(response.url, status=response.status, headers=response.headers,
                            body=response.body[:HEAD_BYTES], request=response.request)
        result = super().process_response(request, head)
        return response if result is head else result
