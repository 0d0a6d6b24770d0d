"""`tidings events`, events in `show` and `status`, and the event exports, on a real store
written with hand-built events. Happy paths run in-process (typer's CliRunner); errors run
the installed command, to see the one-line message and exit status 2 a user sees."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run
from tidings.export import EVENT_COLUMNS, GDELT_COLUMNS
from tidings.model import Actor, Article, Entity, Event, Evidence
from tidings.store import open_store

LIMA = "President Xi and Premier Li met Dina Boluarte and her ministers in Lima on Thursday."
SIGNED = "Peru and China signed a port agreement in November."
ASKED = "Peru asked China for help."


def _actor(text: str, words: str, entity_id=None, code=None, country=None) -> Actor:
    start = text.index(words)
    return Actor(start, start + len(words), words, entity_id, code, country)


def _told(text: str, trigger: str) -> Evidence:
    start = text.index(trigger)
    return Evidence(0, len(text), start, start + len(trigger), trigger)


def _articles() -> list[Article]:
    lima = Article(LIMA, source="t/lima.txt", title="Xi meets Boluarte", lang="en",
                   published="2024-11-14", url="https://news.example/lima")
    lima.entities = [Entity("per:xi-jinping", "Xi Jinping", "PER", country="CHN")]
    lima.events = [
        Event(
            "CONSULT",
            [_actor(LIMA, "President Xi", "per:xi-jinping", "CHNGOV", "CHN"),
             _actor(LIMA, "Premier Li", "per:li-qiang", "CHNGOV", "CHN")],
            [_actor(LIMA, "Dina Boluarte", "per:dina-boluarte", "PERGOV", "PER"),
             _actor(LIMA, "her ministers", None, "PERGOV", "PER")],
            mode="visit", date="2024-11-14", date_precision="day", location="geo:3936456",
            location_name="Lima", cameo="042", quad_class=1, confidence=0.8,
            evidence=[_told(LIMA, "met")],
        )
    ]
    signed = Article(SIGNED, source="t/signed.txt", title="Port deal", lang="en",
                     published="2024-11-30")
    signed.events = [
        Event("AGREE", [_actor(SIGNED, "Peru", "PER", "PER", "PER")],
              [_actor(SIGNED, "China", "CHN", "CHN", "CHN")], date="2024-11",
              date_precision="month", cameo="057", quad_class=1,
              evidence=[_told(SIGNED, "signed")]),
    ]
    asked = Article(ASKED, source="t/asked.txt", title="Peru asks", lang="es",
                    published="2024-12-01")
    asked.events = [
        Event("REQUEST", [_actor(ASKED, "Peru", "PER", "PER", "PER")], [], status="claimed",
              date="2024-12-01", evidence=[_told(ASKED, "asked")]),
    ]
    return [lima, signed, asked]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("events") / "t.db"
    with open_store(path) as store:
        store.write(_articles())
    return path



def as_json(*args: str):
    return json.loads(run(*args, "--json").strip().splitlines()[-1])


def tidings(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True,
                          text=True, env=env, check=False)


# -- tidings events ---------------------------------------------------------------------------


def test_events_table_shows_date_type_sides_status_trigger_and_article(db):
    table = run("events", "--db", str(db))
    assert "source → target" in table
    line = next(line for line in table.splitlines() if "CONSULT" in line)
    assert "2024-11-14" in line and "happened" in line and "met" in line
    assert "Xi Jinping [CHNGOV], Premier Li [CHNGOV] →" in table  # the entity name, with code
    assert _articles()[0].id[:8] in table


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ["REQUEST", "CONSULT", "AGREE"]),
        (["--type", "consult"], ["CONSULT"]),
        (["--actor", "per:xi-jinping"], ["CONSULT"]),
        (["--actor", "CHN"], ["CONSULT", "AGREE"]),
        (["--pair", "CHN-PER"], ["CONSULT", "AGREE"]),
        (["--pair", "PER-CHN"], ["CONSULT", "AGREE"]),
        (["--status", "claimed"], ["REQUEST"]),
        (["--since", "2024-11-01", "--until", "2024-11-30"], ["CONSULT", "AGREE"]),
        (["--since", "2024-11-02"], ["REQUEST", "CONSULT"]),
        (["--limit", "1"], ["REQUEST"]),
        (["--min-confidence", "0.9"], ["REQUEST", "AGREE"]),
    ],
)
def test_events_json_follows_each_filter(db, options, expected):
    rows = as_json("events", "--db", str(db), *options)
    assert [row["type"] for row in rows] == expected


def test_events_json_rows_carry_article_actors_and_evidence(db):
    (row,) = as_json("events", "--db", str(db), "--type", "CONSULT")
    assert row["article"]["title"] == "Xi meets Boluarte"
    assert [a["entity_id"] for a in row["target"]] == ["per:dina-boluarte", None]
    assert row["evidence"][0]["sentence"] == LIMA


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--type", "MEET"], "unknown event type 'MEET'"),
        (["--since", "2024-13-01"], "since '2024-13-01' is not a date"),
        (["--status", "rumour"], "happened, planned, negated, claimed"),
        (["--pair", "CHN"], "A-B (CHN-PER)"),
    ],
)
def test_bad_event_options_are_one_clear_line_and_status_2(db, options, words):
    done = tidings("events", "--db", str(db), *options)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_type_lists_the_valid_ones(db):
    done = tidings("events", "--db", str(db), "--type", "MEET")
    assert "CONSULT, SUPPORT" in done.stderr and "ASSAULT" in done.stderr


# -- show and status --------------------------------------------------------------------------


def test_show_includes_the_articles_events(db):
    article_id = _articles()[0].id
    shown = as_json("show", article_id, "--db", str(db))
    assert [e["type"] for e in shown["events"]] == ["CONSULT"]
    table = run("show", article_id[:8], "--db", str(db))
    assert "events 1" in table
    assert "CONSULT" in table and "«met»" in table


def test_status_counts_events(db):
    assert as_json("status", "--db", str(db))["events"] == 3
    assert "events: 3" in run("status", "--db", str(db))


# -- export -----------------------------------------------------------------------------------


def test_export_of_events_writes_one_row_per_event_in_jsonl_csv_and_parquet(db, tmp_path):
    import pyarrow.parquet as pq

    run("export", "--db", str(db), "--what", "events", "--out", str(tmp_path / "e.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text("utf-8").splitlines()]
    assert [r["type"] for r in rows] == ["AGREE", "CONSULT", "REQUEST"]  # oldest first
    assert rows[1]["evidence"][0]["trigger"] == "met"

    run("export", "--db", str(db), "--what", "events", "--format", "csv",
        "--out", str(tmp_path / "e.csv"))
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        table = list(reader)
    assert tuple(reader.fieldnames) == EVENT_COLUMNS
    assert len(table) == 3
    consult = table[1]
    assert consult["source_codes"] == "CHNGOV; CHNGOV"
    assert consult["target_names"] == "Dina Boluarte; her ministers"
    assert consult["sentence"] == LIMA

    run("export", "--db", str(db), "--what", "events", "--format", "parquet",
        "--out", str(tmp_path / "e.parquet"))
    parquet = pq.read_table(tmp_path / "e.parquet")
    assert parquet.num_rows == 3 and tuple(parquet.column_names) == EVENT_COLUMNS
    assert list(tmp_path.glob("*.partial")) == []


def test_event_export_filters_by_event_date(db, tmp_path):
    out = tmp_path / "nov.jsonl"
    run("export", "--db", str(db), "--what", "events", "--since", "2024-11",
        "--until", "2024-11", "--out", str(out))
    assert len(out.read_text("utf-8").splitlines()) == 2


def test_gdelt_export_has_a_header_and_one_row_per_source_and_target_actor(db, tmp_path):
    out = tmp_path / "events.tsv"
    run("export", "--db", str(db), "--format", "gdelt", "--out", str(out))

    lines = out.read_text("utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_COLUMNS
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    # AGREE 1 x 1, CONSULT 2 x 2, REQUEST 1 x (no target) 1
    assert len(rows) == 1 + 4 + 1
    agree, *consult, request = rows
    assert (agree["Day"], agree["MonthYear"], agree["Year"]) == ("", "202411", "2024")
    assert agree["EventCode"] == "057" and agree["EventBaseCode"] == "057"
    assert agree["EventRootCode"] == "05"
    assert {(r["Actor1Name"], r["Actor2Name"]) for r in consult} == {
        ("Xi Jinping", "Dina Boluarte"),
        ("Xi Jinping", "her ministers"),
        ("Premier Li", "Dina Boluarte"),
        ("Premier Li", "her ministers"),
    }
    first = consult[0]
    assert first["Day"] == "20241114" and first["QuadClass"] == "1"
    assert first["Actor1Code"] == "CHNGOV" and first["Actor1CountryCode"] == "CHN"
    assert first["PloverType"] == "CONSULT" and first["PloverMode"] == "visit"
    assert first["ActionGeo_FullName"] == "Lima" and first["ActionGeo_ID"] == "geo:3936456"
    assert first["SOURCEURL"] == "https://news.example/lima"
    assert first["TriggerText"] == "met"
    assert {r["GlobalEventID"] for r in consult} == {f"{_articles()[0].id}.0"}
    assert request["Actor2Code"] == "" and request["Status"] == "claimed"
    assert request["SOURCEURL"] == "t/asked.txt"


def test_gdelt_export_of_articles_is_refused_and_leaves_no_file(db, tmp_path):
    out = tmp_path / "a.tsv"
    done = tidings("export", "--db", str(db), "--what", "articles", "--format", "gdelt",
                   "--out", str(out))
    assert done.returncode == 2
    assert "table of events" in done.stderr and "--what events" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_of_events_with_a_bad_date_leaves_no_file(db, tmp_path):
    done = tidings("export", "--db", str(db), "--what", "events", "--since", "soon",
                   "--out", str(tmp_path / "e.jsonl"))
    assert done.returncode == 2 and "since 'soon' is not a date" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_gdelt_export_of_a_mutual_act_has_one_row_per_ordered_pair_of_its_sides(tmp_path):
    from tidings.export import export
    from tidings.queries import EventQuery

    text = "Peru and China signed a trade protocol."
    article = Article(text, source="t.txt", title="Protocol", lang="en", published="2024-11-14")
    article.events = [Event(
        "AGREE",
        [Actor(0, 4, "Peru", "PER", "PER", "PER"), Actor(9, 14, "China", "CHN", "CHN", "CHN")],
        [], symmetric=True, date="2024-11-14", cameo="030", quad_class=1,
        evidence=[Evidence(0, len(text), 15, 21, "signed")],
    )]
    with open_store(tmp_path / "s.db") as store:
        store.write([article])
        out = tmp_path / "events.tsv"
        assert export(store.events(EventQuery.parse()), "gdelt", out, what="events") == 2
    header, *rows = [line.split("\t") for line in out.read_text().splitlines()]
    pairs = sorted((r[header.index("Actor1Code")], r[header.index("Actor2Code")]) for r in rows)
    assert pairs == [("CHN", "PER"), ("PER", "CHN")]
    assert {r[header.index("Symmetric")] for r in rows} == {"1"}
