"""Quotes in the store: written with their article, read back in the shape the stage gave
them, listed by speaker, language, date, kind and words, counted, exported, and served."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tidings import service
from tidings.errors import QueryError
from tidings.export import export
from tidings.model import Article, Quote, Span, Speaker
from tidings.queries import QuoteQuery
from tidings.store import open_store

TEXT_EN = ('"It bears historical significance," Lin Jian said. He added that China stands '
           "ready to work with Peru.")
TEXT_DE = "Xi sagte, China und Peru seien beides alte Zivilisationen."


def _article(text: str, lang: str, published: str, quotes: list[Quote]) -> Article:
    article = Article(text=text, title=f"quotes {lang}", published=published, lang=lang,
                      source=f"{lang}.txt")
    article.quotes = quotes
    article.versions["quotes"] = "quotes.test.v1"
    return article


def _lin() -> list[Quote]:
    first = TEXT_EN.index("It bears")
    end = TEXT_EN.index(",")
    second = TEXT_EN.index("China stands")
    return [
        Quote(first, end, TEXT_EN[first:end], "direct", [[first, end]],
              Span(41, 45), "said", Speaker(33, 40, "Lin Jian", "per:lin-jian", "Lin Jian",
                                            "spokesperson"), 0.9),
        Quote(second, len(TEXT_EN) - 1, TEXT_EN[second:-1], "reported",
              [[second, len(TEXT_EN) - 1]], Span(50, 55), "added",
              Speaker(47, 49, "He", "per:lin-jian", "Lin Jian", "spokesperson"), 0.7),
    ]


def _xi() -> list[Quote]:
    start = TEXT_DE.index("China")
    return [Quote(start, len(TEXT_DE) - 1, TEXT_DE[start:-1], "reported",
                  [[start, len(TEXT_DE) - 1]], Span(3, 8), "sagte",
                  Speaker(0, 2, "Xi", "per:xi-jinping", "Xi Jinping", "president"), 0.8)]


@pytest.fixture
def store(location):
    with open_store(location) as opened:
        opened.write([_article(TEXT_EN, "en", "2024-11-14", _lin()),
                      _article(TEXT_DE, "de", "2024-06-28", _xi())])
        yield opened


def test_quotes_come_back_with_the_article_as_the_stage_gave_them(store):
    article = _article(TEXT_EN, "en", "2024-11-14", _lin())
    stored = store.get(article.id)
    assert stored["quotes"] == [q.to_dict() for q in _lin()]
    assert "quotes" not in json.loads(store.conn.execute(
        "SELECT data FROM articles WHERE id = ?", (article.id,)).fetchone()[0])


def test_quotes_are_listed_by_speaker_language_date_kind_and_words(store):
    everything = service.quotes(store, QuoteQuery.parse())
    assert [q["article"]["lang"] for q in everything] == ["en", "en", "de"]  # newest first
    assert everything[0]["id"].endswith(".q0")
    lin = service.quotes(store, QuoteQuery.parse(speaker="PER:Lin-Jian"))
    assert {q["speaker"]["text"] for q in lin} == {"Lin Jian", "He"}
    assert [q["text"] for q in service.quotes(store, QuoteQuery.parse(lang="de"))] == [
        "China und Peru seien beides alte Zivilisationen"]
    assert len(service.quotes(store, QuoteQuery.parse(since="2024-11"))) == 2
    assert len(service.quotes(store, QuoteQuery.parse(until="2024-06"))) == 1
    assert len(service.quotes(store, QuoteQuery.parse(kind="direct"))) == 1
    assert len(service.quotes(store, QuoteQuery.parse(q="Zivilisationen"))) == 1
    assert service.quotes(store, QuoteQuery.parse(q="100%_")) == []  # LIKE wildcards are text
    paged = service.quotes(store, QuoteQuery.parse(limit=2, offset=2))
    assert [q["article"]["lang"] for q in paged] == ["de"]


def test_a_wrong_quote_filter_says_what_to_write():
    with pytest.raises(QueryError, match="unknown quote kind"):
        QuoteQuery.parse(kind="paraphrase")
    with pytest.raises(QueryError, match="not a date"):
        QuoteQuery.parse(since="yesterday")


def test_status_counts_quotes_and_those_with_a_speaker(store):
    status = store.status()
    assert (status["quotes"], status["quotes_with_speaker"]) == (3, 3)


def test_quotes_export_as_jsonl_and_flat_csv(store, tmp_path: Path):
    rows = service.export_rows(store, "quotes", QuoteQuery.parse(limit=None))
    assert export(rows, "csv", tmp_path / "q.csv", what="quotes") == 3
    with (tmp_path / "q.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert table[0]["speaker_id"] == "per:lin-jian" and table[0]["cue"] == "said"
    assert table[2]["kind"] == "reported" and table[2]["lang"] == "de"
    rows = service.export_rows(store, "quotes", QuoteQuery.parse(limit=None))
    assert export(rows, "jsonl", tmp_path / "q.jsonl", what="quotes") == 3
    first = json.loads((tmp_path / "q.jsonl").read_text("utf-8").splitlines()[0])
    assert first["speaker"]["role"] == "spokesperson"


def test_quotes_are_served_and_marked_on_the_article_page(store, location):
    from fastapi.testclient import TestClient

    from tidings.serve import create_app

    store.close()
    client = TestClient(create_app(location))
    page = client.get("/api/quotes", params={"speaker": "per:lin-jian", "limit": 1})
    assert page.status_code == 200
    assert len(page.json()["items"]) == 1 and page.json()["next"]
    article = _article(TEXT_EN, "en", "2024-11-14", _lin())
    html = client.get(f"/articles/{article.id}").text
    assert html.count('<mark class="quote" title="direct quote: Lin Jian"') == 1
    assert html.count('<mark class="quote" title="reported quote: Lin Jian"') == 1
    assert "bears historical significance" in client.get("/quotes?speaker=per:lin-jian").text
