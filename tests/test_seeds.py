"""End to end on the seed articles: what a careful analyst reads out of them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tidings.run import analyse_file

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
    article = analyse_file(shared / "seeds" / "003_655b080655a2732a.txt", pipeline)
    assert article.published is None
    assert article.provenance["published"] == "none"
    assert article.lang == "de"


def test_every_metadata_field_says_where_it_came_from(pipeline, shared):
    article = analyse_file(shared / "seeds" / "000_d93d068ce3955784.txt", pipeline)
    assert article.provenance["title"] == "header"
    assert article.provenance["published"] == "header"
    assert article.provenance["agency"] == "dateline"
    assert article.provenance["lang"] == "content"
    assert article.dateline.date == "2024-11-15"
    assert article.text[article.dateline.start:article.dateline.end].startswith("BEIJING")


def _actors(event) -> set[str]:
    return {a.entity_id or a.code for a in event.source + event.target}


def test_seed_000_events_state_visit_talks_and_support(pipeline, shared):
    article = analyse_file(shared / "seeds" / "000_d93d068ce3955784.txt", pipeline)
    counted = [e for e in article.events if e.status != "negated"]
    visit = [e for e in counted if e.type == "CONSULT" and e.mode == "visit"]
    assert len(visit) == 1
    assert [a.entity_id for a in visit[0].source] == ["per:xi-jinping"]
    assert [a.entity_id for a in visit[0].target] == ["PER"]
    assert len(visit[0].evidence) == 2  # told twice, one event
    talks = [e for e in counted if e.type == "CONSULT" and e.mode == "meet"]
    assert any({"per:xi-jinping", "per:dina-boluarte"} <= _actors(e) for e in talks)
    support = [e for e in counted if e.type == "SUPPORT"]
    assert any(
        [a.entity_id for a in e.source] == ["CHN"] and [a.entity_id for a in e.target] == ["PER"]
        for e in support
    )
    assert all(e.date == "2024-11-15" for e in visit + talks + support)
    assert not [e for e in counted if e.quad_class in (3, 4)]  # nothing hostile in a state visit


def test_seed_002_events_trade_protocol_and_cooperation(pipeline, shared):
    article = analyse_file(shared / "seeds" / "002_31483bd96ce14eb3.txt", pipeline)
    counted = [e for e in article.events if e.status != "negated"]
    for type_ in ("AGREE", "COOPERATE"):
        assert any(
            {"CHN", "PER"} <= {a.entity_id for a in e.source} for e in counted if e.type == type_
        ), type_
    assert not [e for e in counted if e.quad_class in (3, 4)]
