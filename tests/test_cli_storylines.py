"""Storylines as a user meets them: ``tidings storylines`` (filters, --json, --plot) and
``export --what storylines``, on the seeds ingested through the installed command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cli_helpers import tidings
from tidings.export import STORYLINE_COLUMNS
from tidings.store import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, shared) -> Path:
    db = tmp_path_factory.mktemp("storylines") / "s.db"
    tidings("ingest", str(shared / "seeds"), "--db", str(db))
    return db


def test_the_china_peru_pair_holds_the_seeds_in_time_order(seeded):
    lines = json.loads(tidings("storylines", "--db", str(seeded), "--pair", "per-chn",
                               "--json").stdout)
    assert [line["id"] for line in lines] == ["d-CHN-PER"]
    line = lines[0]
    assert line["kind"] == "dyad" and {a["code"] for a in line["actors"]} == {"CHN", "PER"}
    assert line["months"]["2024-11"]["verbal_cooperation"] > 0
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
             "material_conflict")
    for month in line["months"].values():
        assert month["events"] == sum(month[q] for q in quads)
    dates = [s["first_published"] for s in line["stories"]]
    assert dates == sorted(dates, key=lambda d: (d is None, d or ""))
    article = line["stories"][0]["articles"][0]
    assert set(article) >= {"id", "source", "title", "lang", "published", "record_id"}


def test_one_theme_holds_all_three_seeds(seeded):
    lines = json.loads(tidings("storylines", "--db", str(seeded), "--kind", "theme",
                               "--json").stdout)
    held = [{a["source"] for s in line["stories"] for a in s["articles"]} for line in lines]
    assert any(len(sources) == 3 for sources in held), held


def test_the_table_names_the_pair_and_its_months(seeded):
    shown = tidings("storylines", "--db", str(seeded), "--pair", "CHN-PER").stdout
    assert "China – Peru" in shown and "d-CHN-PER" in shown and "2024-11" in shown


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<svg"), (".png", b"\x89PNG")])
def test_plot_draws_the_trend_to_svg_or_png(seeded, tmp_path, suffix, magic):
    target = tmp_path / f"trend{suffix}"
    tidings("storylines", "--db", str(seeded), "--pair", "CHN-PER", "--plot", str(target))
    assert magic in target.read_bytes()[:400]


def test_plot_to_a_file_it_cannot_write_is_refused_first(seeded, tmp_path):
    done = tidings("storylines", "--db", str(seeded), "--plot", str(tmp_path / "t.txt"),
                   check=False)
    assert done.returncode == 2 and ".svg or .png" in done.stderr


def test_an_unknown_actor_is_named_with_how_to_find_codes(seeded):
    done = tidings("storylines", "--db", str(seeded), "--pair", "CHN-XYZ", check=False)
    assert done.returncode == 2
    assert "T713" in done.stderr and "XYZ" in done.stderr and "tidings entities" in done.stderr


def test_a_person_in_a_pair_is_refused_with_a_hint(seeded):
    done = tidings("storylines", "--db", str(seeded), "--pair", "per:xi-jinping,PER",
                   check=False)
    assert done.returncode == 2 and "--entity" in done.stderr


def test_an_empty_store_has_no_storylines_and_says_how_they_come(tmp_path):
    with open_store(tmp_path / "empty.db"):
        pass
    done = tidings("storylines", "--db", str(tmp_path / "empty.db"))
    assert "no storylines" in done.stdout and "tidings ingest" in done.stdout
    assert json.loads(tidings("storylines", "--db", str(tmp_path / "empty.db"),
                              "--json").stdout) == []


def test_export_writes_one_csv_row_per_storyline_and_month(seeded, tmp_path):
    out = tmp_path / "lines.csv"
    tidings("export", "--db", str(seeded), "--what", "storylines", "--format", "csv",
            "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == STORYLINE_COLUMNS
    pair = [r for r in rows if r["storyline"] == "d-CHN-PER"]
    assert {r["month"] for r in pair} >= {"2024-11"} and pair[0]["actors"] == "CHN PER"
    jsonl = tmp_path / "lines.jsonl"
    tidings("export", "--db", str(seeded), "--what", "storylines", "--out", str(jsonl))
    lines = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
    assert "d-CHN-PER" in {line["id"] for line in lines}
