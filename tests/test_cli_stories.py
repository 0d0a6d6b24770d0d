"""Stories as a user meets them: ``tidings stories [show ID | update]``, the story part of
``ingest``, ``show``, ``status`` and ``export --what stories``. Real SQLite stores; the slow
tests ingest the seeds through the installed command."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from cli_helpers import run, tidings
from tidings.cli_stories import explain_join, span
from tidings.export import export, export_kind, flat_story
from tidings.model import Article
from tidings.store import open_store


def last_json(done: subprocess.CompletedProcess[str]) -> object:
    return json.loads(done.stdout.strip().splitlines()[-1])



def _stable(stories: list[dict]) -> list[dict]:
    """Stories without the time they were written."""
    return [{k: v for k, v in s.items() if k != "updated_at"} for s in stories]


# -- fast: no model is loaded -----------------------------------------------------------------


@pytest.fixture
def unplaced(tmp_path) -> Path:
    """A store holding one article that no story update has seen."""
    db = tmp_path / "u.db"
    with open_store(db) as store:
        store.write([Article("BERLIN (dpa) - Die Regierung hat heute entschieden.",
                             source="t/a.txt", title="Entschieden", lang="de",
                             published="2024-11-15")])
    return db


def test_an_empty_store_lists_no_stories(tmp_path):
    db = tmp_path / "empty.db"
    open_store(db).close()
    assert json.loads(run("stories", "--db", str(db), "--json")) == []
    assert "no stories in" in run("stories", "--db", str(db))
    run("export", "--what", "stories", "--db", str(db), "--out", str(tmp_path / "s.jsonl"))
    assert (tmp_path / "s.jsonl").read_text() == ""


def test_an_article_not_placed_yet_says_how_to_place_it(unplaced):
    assert json.loads(run("stories", "--db", str(unplaced), "--json")) == []
    ident = json.loads(run("search", "Regierung", "--db", str(unplaced), "--json"))[0]["id"]
    assert "none yet: run 'tidings stories update'" in run("show", ident, "--db", str(unplaced))
    status = run("status", "--db", str(unplaced))
    assert "stories: 0" in status and "tidings stories update" in status


def test_a_filter_that_matches_nothing_says_so(unplaced):
    assert run("stories", "--db", str(unplaced), "--lang", "zh").strip() == "no stories match"


def test_stories_help_names_its_commands_and_filters():
    text = run("stories", "--help")
    for word in ("show ID", "update", "--since", "--entity", "--limit", "newest first"):
        assert word in text, word
    assert "why it joined" in run("stories", "show", "--help")
    assert "--no-stories" in run("ingest", "--help")


def test_the_reason_an_article_joined_reads_as_words():
    joined = {"score": 0.7512, "via": "4a54889c917e963a", "similarity": 0.68,
              "entities": 0.19, "shared_entities": ["CHN", "PER", "per:xi-jinping"], "days": 1}
    text = explain_join(joined, {"CHN": "China", "PER": "Peru"})
    assert text == ("joined via 4a54889c917e963a: similarity 0.68, entities 0.19 (China, Peru, "
                    "per:xi-jinping), 1 day apart → score 0.75")
    copy = explain_join({"score": 1.0, "via": "aa", "duplicate_of": "aa", "containment": 0.97})
    assert copy == "copy of aa (contains 97% of it)"
    assert explain_join({"score": 0.0, "via": None, "reason": "first article"}) == \
        "opened it (first article)"
    refused = explain_join({"score": 0.61, "via": None, "reason": "below threshold",
                            "nearest": "bb", "threshold": 0.62, "similarity": 0.6,
                            "entities": 0.0, "shared_entities": [], "days": None})
    assert refused == ("opened it (below threshold): nearest bb scored 0.61 < 0.62; "
                       "similarity 0.60, no shared entities, undated")


def test_a_story_span_is_one_day_a_range_or_undated():
    assert span("2024-11-15", "2024-11-15T10:00:00+08:00") == "2024-11-15"
    assert span("2024-11-14", "2024-11-16") == "2024-11-14 … 2024-11-16"
    assert span(None, None) == "undated"


def test_a_story_export_row_is_flat(tmp_path):
    story = {"id": "s-1", "title": "Talks", "first_published": "2024-11-14",
             "last_published": "2024-11-15", "langs": ["de", "en"], "size": 2, "sources": 2,
             "entities": [{"id": "CHN", "name": "China", "articles": 2},
                          {"id": "per:xi-jinping", "name": "Xi Jinping", "articles": 1}],
             "articles": [{"id": "a1"}, {"id": "a2"}], "merged_events": []}
    assert flat_story(story) == {
        "id": "s-1", "title": "Talks", "first_published": "2024-11-14",
        "last_published": "2024-11-15", "langs": "de en", "size": 2, "sources": 2,
        "entities": "China; Xi Jinping", "articles": "a1 a2",
    }
    assert export([story], "csv", tmp_path / "s.csv", what="stories") == 1
    assert export_kind("stories", "csv") == "stories"


def test_a_gdelt_export_of_stories_is_refused(unplaced, tmp_path):
    done = tidings("export", "--what", "stories", "--format", "gdelt", "--db", str(unplaced),
                   "--out", str(tmp_path / "s.tsv"), check=False)
    assert done.returncode == 2 and "table of events, not stories" in done.stderr
    assert not (tmp_path / "s.tsv").exists()


# -- slow: the seeds through the installed command ---------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, shared) -> tuple[Path, dict]:
    db = tmp_path_factory.mktemp("stories") / "t.db"
    report = last_json(tidings("ingest", str(shared / "seeds"), "--db", str(db), "--json"))
    return db, report


@pytest.mark.slow
def test_ingest_puts_every_article_into_exactly_one_story(seeded):
    db, report = seeded
    assert report["corpus"]["articles"] == 3
    assert {s["stage"] for s in report["corpus"]["stages"]} == {"dedup", "stories", "storylines"}
    stories = last_json(tidings("stories", "--db", str(db), "--json"))
    placed = [a["id"] for s in stories for a in s["articles"]]
    assert len(placed) == len(set(placed)) == 3
    for story in stories:
        assert story["size"] == len(story["articles"]) >= 1
        assert 1 <= story["sources"] <= story["size"]
        assert set(story) >= {"id", "title", "first_published", "last_published", "langs",
                              "entities", "merged_events"}
        assert all(set(a) >= {"id", "source", "title", "lang", "published", "record_id"}
                   for a in story["articles"])
    dated = [s["last_published"] for s in stories if s["last_published"]]
    assert dated == sorted(dated, reverse=True)
    assert not any(s["last_published"] for s in stories[len(dated):])  # undated last
    table = tidings("stories", "--db", str(db)).stdout
    assert "top merged event" in table and stories[0]["id"] in table


@pytest.mark.slow
def test_stories_show_explains_why_each_article_is_there(seeded):
    db, _ = seeded
    stories = last_json(tidings("stories", "--db", str(db), "--json"))
    for listed in stories:
        story = last_json(tidings("stories", "show", listed["id"], "--db", str(db), "--json"))
        assert [a["id"] for a in story["articles"]] == [a["id"] for a in listed["articles"]]
        for article in story["articles"]:
            joined = article["joined"]
            assert "score" in joined
            assert joined.get("via") or joined.get("reason") or joined.get("duplicate_of")
    first = stories[0]
    text = tidings("stories", "show", first["id"][:10], "--db", str(db)).stdout
    assert first["id"] in text and "why it is here" in text
    assert "opened it" in text or "joined via" in text or "copy of" in text
    if first["merged_events"]:
        assert "merged events" in text
    # an article's id finds its story too, and --db may be given to the group
    article = first["articles"][0]["id"]
    again = last_json(tidings("stories", "--db", str(db), "show", article, "--json"))
    assert again["id"] == first["id"]


@pytest.mark.slow
def test_a_wrong_story_id_is_one_coded_error_and_status_2(seeded):
    db, _ = seeded
    done = tidings("stories", "show", "s-nosuchstory", "--db", str(db), check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == "error: [T711] no story with id 's-nosuchstory'"
    assert "tidings stories" in done.stderr
    as_json = tidings("stories", "show", "s-nosuchstory", "--db", str(db), "--json",
                      check=False)
    assert as_json.returncode == 2
    assert json.loads(as_json.stderr)["error"]["code"] == "T711"


@pytest.mark.slow
def test_show_names_the_story_of_an_article(seeded):
    db, _ = seeded
    story = last_json(tidings("stories", "--db", str(db), "--json"))[0]
    ident = story["articles"][0]["id"]
    article = last_json(tidings("show", ident, "--db", str(db), "--json"))
    assert article["story"]["story"]["id"] == story["id"]
    assert article["story"]["story"]["articles"] == story["size"]
    assert article["story"]["duplicate_of"] is None
    assert f"story {story['id']}" in tidings("show", ident, "--db", str(db)).stdout


@pytest.mark.slow
def test_status_counts_stories(seeded):
    db, _ = seeded
    stories = last_json(tidings("stories", "--db", str(db), "--json"))
    status = last_json(tidings("status", "--db", str(db), "--json"))
    assert status["stories"] == len(stories)
    assert status["multi_article_stories"] == sum(s["size"] > 1 for s in stories)
    assert status["merged_events"] == sum(len(s["merged_events"]) for s in stories)
    assert f"stories: {len(stories)} (" in tidings("status", "--db", str(db)).stdout


@pytest.mark.slow
def test_export_writes_stories_as_jsonl_and_csv(seeded, tmp_path):
    db, _ = seeded
    stories = last_json(tidings("stories", "--db", str(db), "--json", "--limit", "1000"))
    tidings("export", "--what", "stories", "--db", str(db), "--out", str(tmp_path / "s.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert rows == stories
    tidings("export", "--what", "stories", "--format", "csv", "--db", str(db),
            "--out", str(tmp_path / "s.csv"))
    with open(tmp_path / "s.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["id"] for r in table] == [s["id"] for s in stories]
    assert table[0]["articles"].split() == [a["id"] for a in stories[0]["articles"]]
    assert int(table[0]["size"]) == stories[0]["size"]


@pytest.mark.slow
def test_no_stories_then_update_gives_the_stories_of_a_plain_ingest(seeded, tmp_path, shared):
    db, _ = seeded
    later = tmp_path / "later.db"
    report = last_json(tidings("ingest", str(shared / "seeds"), "--db", str(later),
                               "--no-stories", "--json"))
    assert report["corpus"] is None
    assert last_json(tidings("stories", "--db", str(later), "--json")) == []
    update = last_json(tidings("stories", "update", "--db", str(later), "--json"))
    assert update["articles"] == 3
    plain = last_json(tidings("stories", "--db", str(db), "--json"))
    assert _stable(last_json(tidings("stories", "--db", str(later), "--json"))) == \
        _stable(plain)
    again = last_json(tidings("stories", "update", "--db", str(later), "--json"))
    assert again["articles"] == 0
