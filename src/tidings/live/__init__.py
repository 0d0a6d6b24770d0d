"""Live news: feeds and pages fetched over HTTP into the store, politely and without loss.

    ingest_urls(urls, feeds_file, store, pipeline, settings)   once (``tidings ingest URL``)
    watch(feeds_file, store, pipeline, settings, once=...)      rounds (``tidings watch``)
    read_feed_list(path)                                        OPML or a text file of URLs
    canonical(url)                                              the URL an article is known by
    LocalSite                                                   a loopback site for tests

Modules: ``urls`` (canonical URLs, feed lists, durations), ``fetch`` (the polite client),
``read`` (answers into feed items and articles), ``engine`` (a round, batch by batch),
``archive`` (WARC of every answer), ``watch`` (the entry points), ``localsite``.
"""

from tidings.live.engine import LiveRun, RoundReport
from tidings.live.fetch import USER_AGENT, Fetched, Fetcher
from tidings.live.localsite import LocalSite
from tidings.live.urls import FeedEntry, canonical, is_url, parse_duration, read_feed_list
from tidings.live.watch import ingest_urls, split_inputs, watch

__all__ = [
    "USER_AGENT",
    "FeedEntry",
    "Fetched",
    "Fetcher",
    "LiveRun",
    "LocalSite",
    "RoundReport",
    "canonical",
    "ingest_urls",
    "is_url",
    "parse_duration",
    "read_feed_list",
    "split_inputs",
    "watch",
]
