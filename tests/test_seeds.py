"""End to end on the seed articles: what a careful analyst reads out of them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FIELDS = ("title", "published", "lang", "agency")


def _analyse(path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tidings", "analyse", str(path), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.slow
def test_seed_articles_give_the_expected_metadata_through_the_cli(shared, seed_expected):
    for name, expected in seed_expected["articles"].items():
        result = _analyse(shared / "seeds" / name)
        for field in FIELDS:
            assert result[field] == expected[field], (name, field)
        place = (result["dateline"] or {}).get("place")
        assert place == expected.get("dateline_place"), name
        text = result["text"]
        for span in result["sentences"]:
            assert text[span["start"]:span["end"]].strip() == text[span["start"]:span["end"]]


def test_undated_german_seed_gets_no_invented_date(pipeline, shared):
    article = pipeline.analyse_file(shared / "seeds" / "003_655b080655a2732a.txt")
    assert article.published is None
    assert article.provenance["published"] == "none"
    assert article.lang == "de"


def test_every_metadata_field_says_where_it_came_from(pipeline, shared):
    article = pipeline.analyse_file(shared / "seeds" / "000_d93d068ce3955784.txt")
    assert article.provenance["title"] == "header"
    assert article.provenance["published"] == "header"
    assert article.provenance["agency"] == "dateline"
    assert article.provenance["lang"] == "content"
    assert article.dateline.date == "2024-11-15"
    assert article.text[article.dateline.start:article.dateline.end].startswith("BEIJING")
