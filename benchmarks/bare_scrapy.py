#!/usr/bin/env python3
"""Anchor for benchmarks/crawl.py: a bare Scrapy CrawlSpider with no work per page (the figure in
../shared/bench/README.md). Like any news crawler it extracts links from the home and listing
pages only: article links are fetched and not followed further, section and pagination links are
followed. Writes the number of pages fetched to ./bare_scrapy_pages.txt."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class BareSpider(CrawlSpider):
    name = "bare"
    rules = (
        Rule(LinkExtractor(allow=(r"/\d{4}/\d{2}/\d{2}/[^/]+\.html$",)), callback="parse_page",
             follow=False),
        Rule(LinkExtractor(allow=(r"^[^?#]*/$", r"/page/\d+/?$", r"/page/\d+\.html$"),
                           deny=(r"/img/",)), follow=True),
    )

    def __init__(self, start: str, **kwargs) -> None:
        self.start_urls = [start]
        self.allowed_domains = [urlsplit(start).hostname]
        super().__init__(**kwargs)

    def parse_page(self, response):
        return None


def main() -> int:
    process = CrawlerProcess({
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "TELNETCONSOLE_ENABLED": False,
        "COOKIES_ENABLED": False,
    })
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, start=sys.argv[1])
    process.start()
    pages = crawler.stats.get_value("response_received_count", 0)
    Path("bare_scrapy_pages.txt").write_text(str(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
