"""Canonical URLs, durations and feed lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import InputError, UsageError
from tidings.live.urls import canonical, is_url, parse_duration, read_feed_list


def test_canonical_drops_tracking_parameters_fragment_and_default_port():
    url = ("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=x&gclid=y"
           "&utm_medium=feed&b=2#top")
    assert canonical(url) == "https://news.example.org/a/b?b=2&id=7"


def test_canonical_resolves_a_relative_link_against_its_page():
    assert canonical("/story?ref=a", "http://x.org:8080/feed.xml") == "http://x.org:8080/story?ref=a"


def test_is_url_tells_urls_from_paths():
    assert is_url("https://x.org/rss") and is_url("HTTP://x.org")
    assert not is_url("data/http.html") and not is_url("-")


@pytest.mark.parametrize(("text", "seconds"), [
    ("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("90", 90), ("0.5s", 0.5)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_a_bad_duration_says_how_to_write_one():
    with pytest.raises(UsageError, match="not a duration"):
        parse_duration("soon")


def test_opml_feed_list_gives_every_outline_with_an_xml_url(tmp_path: Path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="World"><outline text="A" type="rss" xmlUrl="https://a.org/rss"/>'
        '<outline text="B" title="Bee" xmlUrl="https://b.org/atom"/></outline>'
        '<outline text="folder only"/></body></opml>', "utf-8")
    entries = read_feed_list(opml)
    assert [(e.url, e.title) for e in entries] == [
        ("https://a.org/rss", "A"), ("https://b.org/atom", "Bee")]


def test_text_feed_list_takes_comments_and_an_interval_per_line(tmp_path: Path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# news\nhttps://a.org/rss\n\nhttps://b.org/rss 5m  # often\n"
                       "https://a.org/rss\n", "utf-8")
    entries = read_feed_list(listing)
    assert [(e.url, e.every_s) for e in entries] == [
        ("https://a.org/rss", None), ("https://b.org/rss", 300)]


def test_a_line_that_is_not_a_url_is_named_with_its_line(tmp_path: Path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("https://a.org/rss\nfeeds/local.xml\n", "utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_feed_list(listing)
