"""Storylines end to end: real pipeline, real SQLite store, the corpus update after each run.

The stores are built once per module (the pipeline is the costly part): the seeds, and part of
the demo corpus built two ways, in one run and in two runs with a story growing in the second.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tidings import service
from tidings.corpus import storylines as storylines_mod
from tidings.corpus import trend
from tidings.corpus.update import update
from tidings.errors import QueryError
from tidings.model import Article
from tidings.queries import StorylineQuery, StoryQuery
from tidings.run import analyse_path, ingest
from tidings.store import open_store

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[2] / "src" / "tidings" / "demo" / "corpus"
GERMAN_SEED = "003_655b080655a2732a.txt"
SEED_NAMES = {"000_d93d068ce3955784.txt", "002_31483bd96ce14eb3.txt", GERMAN_SEED}
# Peru-APEC, Boluarte in Beijing and COP29, in two runs: each of the three stories that the
# first run opens gains articles in the second (the feed and the wire batch join them too).
FIRST_RUN = ("01", "02", "03", "04", "08", "09", "10", "33", "34")
SECOND_RUN = ("05", "06", "07", "11", "12", "13", "35", "36", "37", "43", "44")
ALL = StorylineQuery(limit=None)


def _demo_files(prefixes: tuple[str, ...]) -> list[str]:
    by_prefix = {p.name[:2]: str(p) for p in DEMO.iterdir() if p.name[:2].isdigit()}
    return [by_prefix[p] for p in prefixes]


def _analysed(paths: list[str], pipeline) -> list[Article]:
    """The analysed articles of ``paths``, in input order (what ``ingest`` writes)."""
    out = [a for path in paths for a in analyse_path(path, pipeline)]
    assert all(isinstance(a, Article) for a in out)
    return out


def _record(store) -> dict[str, dict]:
    """Every storyline as a reader sees it, without the times and versions of writing."""
    out = {}
    for line in store.storylines(ALL):
        out[line["id"]] = {
            "kind": line["kind"], "label": line["label"], "size": line["size"],
            "articles": line["articles"], "first_month": line["first_month"],
            "last_month": line["last_month"], "months": line["months"],
            "entities": line["entities"],
            "actors": [(a["code"], sorted(m["id"] for m in a["members"]))
                       for a in line["actors"]],
            "stories": [s["id"] for s in line["stories"]],
        }
    return out


def _month_rows(store) -> list[tuple]:
    """The stored ``storyline_months`` rows, to six places (what deltas leave behind)."""
    rows = store.conn.execute("SELECT * FROM storyline_months").fetchall()
    return sorted((r[0], r[1], *(round(v, 6) for v in r[2:])) for r in rows)


def _story_sizes(store) -> dict[str, int]:
    return {s["id"]: s["size"] for s in store.stories(StoryQuery(limit=None))}


def _stage(report, name: str):
    return next(s for s in report.stages if s.stage == name)


@pytest.fixture(scope="module")
def seeds(pipeline, shared, tmp_path_factory) -> SimpleNamespace:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(path) as store:
        ingest([str(shared / "seeds")], store, pipeline)
        report = update(store)
        found = SimpleNamespace(path=path, report=report, lines=store.storylines(ALL),
                                stories={s["id"]: store.story(s["id"])
                                         for s in store.stories(StoryQuery(limit=None))})
    return found


@pytest.fixture(scope="module")
def german(pipeline, shared, tmp_path_factory) -> SimpleNamespace:
    """The undated German seed alone: one article, no date in it or about it."""
    path = tmp_path_factory.mktemp("german") / "de.db"
    with open_store(path) as store:
        ingest([str(shared / "seeds" / GERMAN_SEED)], store, pipeline)
        report = update(store)
        return SimpleNamespace(report=report, lines={s["id"]: s for s in store.storylines(ALL)})


@pytest.fixture(scope="module")
def demo(pipeline, tmp_path_factory) -> SimpleNamespace:
    folder = tmp_path_factory.mktemp("demo")
    first = _analysed(_demo_files(FIRST_RUN), pipeline)
    second = _analysed(_demo_files(SECOND_RUN), pipeline)
    with open_store(folder / "whole.db") as store:
        store.write(first + second)
        update(store)
        whole, whole_rows = _record(store), _month_rows(store)
    with open_store(folder / "runs.db") as store:
        store.write(first)
        update(store, chunk=4)
        one_run, one_run_stories = _record(store), _story_sizes(store)
        store.write(second)
        update(store, chunk=4)
        runs, runs_rows, runs_stories = _record(store), _month_rows(store), _story_sizes(store)
    return SimpleNamespace(folder=folder, whole=whole, whole_rows=whole_rows, one_run=one_run,
                           one_run_stories=one_run_stories, runs=runs, runs_rows=runs_rows,
                           runs_stories=runs_stories)


# -- the seeds ------------------------------------------------------------------------------

def test_storylines_put_all_three_seed_articles_in_one_theme(seeds):
    themes = [line for line in seeds.lines if line["kind"] == "theme"]
    holding = [{Path(a["source"]).name for s in line["stories"] for a in s["articles"]}
               for line in themes]
    assert SEED_NAMES in holding
    assert [line["articles"] for line, names in zip(themes, holding, strict=True)
            if names == SEED_NAMES] == [3]


def test_storylines_give_the_seeds_a_china_peru_dyad_of_verbal_cooperation_in_2024_11(seeds):
    dyad = next(line for line in seeds.lines if line["id"] == "d-CHN-PER")
    assert dyad["kind"] == "dyad"
    assert [a["code"] for a in dyad["actors"]] == ["CHN", "PER"]
    assert dyad["months"]["2024-11"]["verbal_cooperation"] > 0
    assert (dyad["first_month"], dyad["last_month"]) == ("2024-11", "2024-11")


def test_storylines_keep_the_undated_german_seed_under_undated_never_on_a_month(seeds,
                                                                                german):
    alone = german.lines["d-CHN-PER"]
    assert set(alone["months"]) == {"undated"}
    assert alone["months"]["undated"]["events"] > 0
    assert alone["first_month"] is None and alone["last_month"] is None
    dyad = next(line for line in seeds.lines if line["id"] == "d-CHN-PER")
    # the German story adds the same undated events beside the dated November story
    assert set(dyad["months"]) == {"2024-11", "undated"}
    assert dyad["months"]["undated"] == alone["months"]["undated"]
    story = next(s for s in dyad["stories"]
                 if {Path(a["source"]).name for a in s["articles"]} == {GERMAN_SEED})
    assert story["first_published"] is None
    assert all(e["date"] is None for e in seeds.stories[story["id"]]["merged_events"])


def test_storylines_update_on_the_seeds_reports_no_problems(seeds):
    assert all(not stage.problems for stage in seeds.report.stages)
    assert set(_stage(seeds.report, "storylines").created) == {s["id"] for s in seeds.lines}


def test_storylines_update_reports_each_new_storyline_once_as_created(seeds):
    # the German story joins d-CHN-PER, which the November story made in the same update
    done = _stage(seeds.report, "storylines")
    assert done.to_dict()["created"] == len(seeds.lines)
    assert sorted(done.created) == sorted(s["id"] for s in seeds.lines)


# -- incremental runs and deltas -------------------------------------------------------------

def test_storylines_of_two_runs_equal_those_of_one_run(demo):
    assert demo.whole and set(demo.runs) == set(demo.whole)
    for ident, line in demo.whole.items():
        assert demo.runs[ident] == line, ident


def test_storylines_months_after_a_story_grows_equal_a_build_from_scratch(demo):
    grown = {s for s, size in demo.one_run_stories.items() if demo.runs_stories[s] > size}
    assert grown, "no story of the first run gained articles in the second"
    changed = [ident for ident, line in demo.one_run.items()
               if ident.startswith("d-") and set(line["stories"]) & grown
               and line["months"] != demo.runs[ident]["months"]]
    assert changed, "no dyad's months changed with a grown story: the deltas went unused"
    assert demo.runs_rows == demo.whole_rows


def test_storylines_are_rebuilt_from_scratch_when_the_stage_version_changes(demo, tmp_path,
                                                                          monkeypatch):
    path = tmp_path / "upgrade.db"
    shutil.copy(demo.folder / "runs.db", path)  # closed: nothing left in the WAL
    with open_store(path) as store:
        stories_before = _story_sizes(store)
        rows_before = _month_rows(store)
        monkeypatch.setattr(storylines_mod.StorylineStage, "version", "storylines.test-upgrade")
        report = update(store, chunk=5)
        assert _record(store) == demo.runs
        assert _month_rows(store) == rows_before
        assert {line["version"] for line in store.storylines(ALL)} == {
            "storylines.test-upgrade"}
        assert _story_sizes(store) == stories_before
    assert set(_stage(report, "storylines").created) == set(demo.runs)
    assert _stage(report, "stories").created == _stage(report, "stories").changed == []


# -- bad input --------------------------------------------------------------------------------

def test_storylines_of_an_empty_store_are_an_empty_list(tmp_path):
    with open_store(tmp_path / "empty.db") as store:
        report = update(store)
        assert report.articles == 0
        assert store.storylines(StorylineQuery()) == []
        assert service.storylines(store, StorylineQuery()) == []
        assert service.storylines(store, StorylineQuery.parse(pair="CHN-PER")) == []
        assert store.storyline("d-CHN-PER") is None
        with pytest.raises(QueryError) as found:
            service.storyline(store, "d-CHN-PER")
    assert found.value.code == "T713"


def test_storylines_of_one_article_without_actors_or_a_date_are_one_undated_theme(pipeline,
                                                                                  tmp_path):
    weather = Article(text="The weather stayed mild and dry across the region, with light "
                           "winds and clear skies expected for most of the week.",
                      source="weather")
    with open_store(tmp_path / "one.db") as store:
        store.write(pipeline.pipe([weather]))
        report = update(store)
        lines = store.storylines(ALL)
    assert all(not stage.problems for stage in report.stages)
    assert [line["kind"] for line in lines] == ["theme"]
    (line,) = lines
    assert (line["size"], line["articles"]) == (1, 1)
    assert set(line["months"]) == {"undated"}
    assert line["months"]["undated"]["volume"] == 1
    assert line["months"]["undated"]["events"] == 0
    assert line["first_month"] is None and line["label"]


def test_storylines_of_the_undated_german_seed_alone_are_one_dyad_and_one_theme(german):
    assert all(not stage.problems for stage in german.report.stages)
    assert sorted(line["kind"] for line in german.lines.values()).count("theme") == 1
    assert all(set(line["months"]) == {"undated"} for line in german.lines.values())
    assert all(line["size"] == 1 and line["articles"] == 1 for line in german.lines.values())


@pytest.mark.parametrize("pair", ["CHN", "per:xi-jinping,PER", "CHN-PER-USA", "-"])
def test_a_pair_that_is_not_two_codes_is_refused_with_a_hint(pair):
    with pytest.raises(QueryError) as found:
        StorylineQuery.parse(pair=pair)
    assert found.value.hint and "CHN-PER" in found.value.hint


def test_a_pair_naming_a_person_says_so():
    with pytest.raises(QueryError) as found:
        StorylineQuery.parse(pair="per:xi-jinping,PER")
    assert "person" in found.value.message
    assert "--entity" in found.value.hint


def test_an_unknown_storyline_kind_is_refused():
    with pytest.raises(QueryError) as found:
        StorylineQuery.parse(kind="nonsense")
    assert "nonsense" in found.value.message
    assert "dyad" in found.value.hint and "theme" in found.value.hint


def test_a_pair_with_an_unknown_code_is_t713_naming_that_code(seeds):
    with open_store(seeds.path, readonly=True) as store:
        with pytest.raises(QueryError) as found:
            service.storylines(store, StorylineQuery.parse(pair="CHN-XYZ"))
        assert found.value.code == "T713"
        assert "XYZ" in found.value.message and "CHN" not in found.value.message
        assert found.value.hint
        assert [s["id"] for s in service.storylines(
            store, StorylineQuery.parse(pair="per-chn"))] == ["d-CHN-PER"]


def test_a_known_pair_outside_the_dates_asked_is_an_empty_list_not_t713(seeds):
    # CHN and PER share a storyline; none of it lies in 2030, which is not an unknown pair
    with open_store(seeds.path, readonly=True) as store:
        assert service.storylines(
            store, StorylineQuery.parse(pair="CHN-PER", since="2030", until="2030")) == []
        assert service.storylines(
            store, StorylineQuery.parse(pair="CHN-PER", kind="theme")) == []


def test_service_storyline_finds_a_dyad_by_its_pair_and_refuses_an_unknown_id(seeds):
    with open_store(seeds.path, readonly=True) as store:
        assert service.storyline(store, "PER-CHN")["id"] == "d-CHN-PER"
        assert service.storyline(store, "d-chn-per")["id"] == "d-CHN-PER"
        with pytest.raises(QueryError) as found:
            service.storyline(store, "t-nothing-here")
    assert found.value.code == "T713" and "t-nothing-here" in found.value.message


# -- counting ---------------------------------------------------------------------------------

WIRE = ("Chinese President Xi Jinping met Peruvian President Dina Boluarte in Lima on Friday. "
        "The two leaders discussed trade, the new port of Chancay and cooperation in mining. "
        "Xi said China was ready to deepen its comprehensive strategic partnership with Peru.")
OWN = ("Chinese President Xi Jinping met Peruvian President Dina Boluarte in Lima on Friday, "
       "the government palace said. Boluarte and Xi talked about the Chancay port, trade and "
       "mining investment, and Xi praised the partnership between China and Peru.")


def test_a_merged_event_counts_once_per_independent_source_not_per_copy(pipeline, tmp_path):
    articles = [
        Article(text=WIRE, title="Xi meets Boluarte in Lima", source="outlet-a",
                published="2024-11-15"),
        Article(text=WIRE + " Copyright outlet B.", title="Xi meets Boluarte in Lima",
                source="outlet-b", published="2024-11-15"),  # a copy of the same wire
        Article(text=OWN, title="Boluarte and Xi hold talks in Lima", source="outlet-c",
                published="2024-11-16"),
    ]
    with open_store(tmp_path / "wire.db") as store:
        store.write(pipeline.pipe(articles))
        update(store)
        (story,) = store.stories(StoryQuery(limit=None))
        merged = store.story(story["id"])["merged_events"]
        dyad = store.storyline("d-CHN-PER")
    counted = [m for m in merged if m["confidence"] >= 0.3]
    assert any(m["tellings"] > m["sources"] for m in counted), "no event told by copies"
    month = dyad["months"]["2024-11"]
    assert month["events"] == sum(m["sources"] for m in counted)
    assert month["events"] < sum(m["tellings"] for m in counted)
    assert (month["volume"], month["sources"]) == (3, 2)  # three articles, two sources


def test_each_months_events_are_the_sum_of_its_quad_counts(seeds, demo):
    lines = [*seeds.lines, *({"id": i, **line} for i, line in demo.runs.items())]
    months = [(line["id"], m, v) for line in lines for m, v in line["months"].items()]
    assert any(v["events"] for _, _, v in months)
    for ident, month, values in months:
        assert values["events"] == sum(values[q] for q in trend.QUADS), (ident, month)
