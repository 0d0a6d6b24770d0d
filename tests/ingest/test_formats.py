"""Each input format, read by content as well as by extension."""

from __future__ import annotations

import gzip
import io
import json

from tidings.config import default_settings
from tidings.ingest.readers import Input, expand_inputs, read_source
from tidings.model import Article, Reject
from tidings.stages.metadata import MetadataStage

SETTINGS = default_settings().ingest
BODY = (
    "LIMA, Nov. 14 (Xinhua) -- Chinese President Xi Jinping and Peruvian President Dina "
    "Boluarte inaugurated the Chancay port on Thursday. The port opens a new route across "
    "the Pacific, officials said."
)
HTML = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Site name | Port opens</title>
<meta property="og:title" content="Xi and Boluarte open Chancay port">
<meta property="article:published_time" content="2024-11-14T18:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Xi and Boluarte open Chancay port</h1><p>{BODY}</p>
<p>The port, built by Cosco Shipping, can handle the largest container ships. Trade between
China and Peru has grown quickly in the past decade, both governments said.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def _read(path) -> list[Article | Reject]:
    return list(read_source(Input(str(path)), SETTINGS))


def test_html_page_gives_main_text_and_meta_date_without_boilerplate(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = _read(path)
    assert article.title == "Xi and Boluarte open Chancay port"
    assert article.published == "2024-11-14T18:00:00+00:00"
    assert article.provenance["published"] == "html-meta"
    assert "Chancay port" in article.text
    assert "All rights reserved" not in article.text
    assert article.agency is None  # readers map declared fields only: the dateline is a stage's
    assert MetadataStage()(article).agency == "Xinhua"


def test_html_is_recognised_by_content_without_an_extension(tmp_path):
    path = tmp_path / "download"
    path.write_text(HTML, encoding="utf-8")
    [article] = _read(path)
    assert article.format == "html"


def test_rss_feed_gives_one_article_per_item_with_feed_dates(tmp_path):
    items = "".join(
        f"<item><title>Story {i}</title><link>https://example.org/{i}</link>"
        f"<pubDate>Thu, 14 Nov 2024 1{i}:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;{BODY} Item {i}.&lt;/p&gt;</description></item>"
        for i in range(3)
    )
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    articles = _read(path)
    assert [a.title for a in articles] == ["Story 0", "Story 1", "Story 2"]
    assert articles[1].published == "2024-11-14T11:00:00+00:00"
    assert articles[1].provenance["published"] == "feed"
    assert articles[2].source.endswith("#record=2")
    assert "<p>" not in articles[0].text


def test_atom_feed_is_read(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>T</title><entry><title>Atom story</title><link href='https://e.org/a'/>"
        "<id>a</id><updated>2024-11-15T08:00:00Z</updated>"
        f"<content type='html'>{BODY}</content></entry></feed>",
        encoding="utf-8",
    )
    [article] = _read(path)
    assert article.title == "Atom story"
    assert article.published.startswith("2024-11-15")


def test_empty_feed_is_a_reject_that_says_so(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    "</channel></rss>", encoding="utf-8")
    [reject] = _read(path)
    assert isinstance(reject, Reject)
    assert "no entries" in reject.reason


def test_jsonl_uses_default_field_names_and_keeps_the_record_id(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "r1", "title": "One", "text": BODY, "date": "2024-11-14", "lang": "en",
             "url": "https://e.org/1"},
            {"doc_id": "r2", "headline": "Two", "body": BODY + " Two.", "published": "2024-11-15"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = _read(path)
    assert (first.title, first.published, first.url) == ("One", "2024-11-14", "https://e.org/1")
    assert first.extra["record_id"] == "r1"
    assert first.provenance["published"] == "json"
    assert (second.title, second.published) == ("Two", "2024-11-15")
    assert second.source.endswith("#line=2")


def test_json_document_with_an_articles_list(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"articles": [{"title": "A", "text": BODY}]}), encoding="utf-8")
    [article] = _read(path)
    assert article.title == "A"


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers))
    return buffer.getvalue()


def test_warc_gz_gives_html_responses_and_keeps_crawl_time_apart(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc([("https://e.org/a", HTML), ("https://e.org/b", HTML.replace(
        "Chancay", "Callao"))]))
    articles = _read(path)
    assert len(articles) == 2
    assert articles[0].url == "https://e.org/a"
    assert articles[0].published == "2024-11-14T18:00:00+00:00"
    assert "crawled" in articles[0].extra
    assert articles[1].source.endswith("#record=1") or "#record=" in articles[1].source


def test_gzipped_text_file_is_read(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(f"date 2024-11-14 Port\n\n{BODY}".encode()))
    [article] = _read(path)
    assert article.title == "Port"


def test_folders_globs_and_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    inputs, missing = expand_inputs(
        [str(tmp_path), str(tmp_path / "*.html"), str(tmp_path / "nope.txt")], SETTINGS
    )
    names = sorted(item.path.rsplit("/", 1)[-1] for item in inputs)
    assert names == ["a.txt", "b.html"]
    assert [m.reason for m in missing] == ["no such file or folder"]
