"""The bundled demo: its corpus ships inside the package, apart from runtime data."""

from __future__ import annotations

import json

from tidings.demo import _first_words, _shorten, biggest_stories, demo_corpus


def test_demo_corpus_lives_in_the_demo_package_and_its_manifest_names_its_files():
    corpus = demo_corpus()
    assert corpus.parts[-2:] == ("demo", "corpus")
    entries = [json.loads(line) for line in (corpus / "MANIFEST.jsonl").read_text().splitlines()]
    assert len(entries) >= 40
    assert all((corpus / entry["file"]).is_file() for entry in entries)


def test_demo_ends_a_shortened_title_with_an_ellipsis():
    title = "Xi and Boluarte open Chinese-built Chancay megaport in Peru on Thursday afternoon"
    short = _shorten(title, 40)
    assert len(short) <= 40
    assert short.endswith("…")
    assert title.startswith(short[:-1])
    assert _shorten("Short title", 40) == "Short title"
    assert _first_words("one two three", 8) == "(no title) one two three"
    assert _first_words("a b c d e f g h i j", 8).endswith("h…")


def test_demo_lists_the_stories_with_most_independent_sources_first():
    stories = [{"id": "s-new", "sources": 1, "size": 4}, {"id": "s-wide", "sources": 3, "size": 3},
               {"id": "s-old", "sources": 1, "size": 4}, {"id": "s-one", "sources": 1, "size": 1}]
    assert [s["id"] for s in biggest_stories(stories, 3)] == ["s-wide", "s-new", "s-old"]
