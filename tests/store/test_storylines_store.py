"""Storylines in the store: written story by story through ``store.corpus.storylines`` (as the
corpus stage writes them), read back by ``store.storylines`` with every filter of a
``StorylineQuery`` and by ``store.storyline``; a changed or dropped story is a delta."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.queries import StorylineQuery
from tidings.store import open_store

VERSION = "storylines.test.v1"
STORIES = {  # id: (first published, last published)
    "s-a": ("2024-06-10", "2024-06-11"),
    "s-b": ("2024-11-15", "2024-11-16"),
    "s-c": (None, None),
    "s-d": ("2024-12-07", "2024-12-08"),
    "s-e": ("2024-09-20", "2024-09-20"),
}
NAMES = {"CHN": "China", "PER": "Peru", "FRA": "France", "UKR": "Ukraine", "USA": "United "
         "States", "IGOUNO": "United Nations", "per:xi-jinping": "Xi Jinping",
         "per:emmanuel-macron": "Emmanuel Macron"}


def _month(**counts: float) -> dict[str, float]:
    """One month of a contribution: quad counts, events (their sum), a score, the volume."""
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
             "material_conflict")
    out = {q: counts.get(q, 0) for q in quads}
    out["events"] = sum(out.values())
    out["score_sum"] = counts.get("score", 0) * out["events"]
    out["score_weight"] = out["events"]
    out["volume"] = counts.get("volume", 1)
    out["sources"] = counts.get("sources", 1)
    return out


def _contribution(months: dict[str, dict[str, float]], entities: dict[str, float],
                  articles: int) -> dict[str, Any]:
    return {"months": months, "articles": articles, "entities": entities,
            "names": {e: NAMES[e] for e in entities}}


def _side(code: str, *members: str) -> dict[str, Any]:
    return {"code": code, "name": NAMES[code],
            "members": [{"id": m, "name": NAMES[m], "code": code + "GOV"} for m in members]}


CONTRIBUTIONS = {  # (storyline, story): contribution
    ("d-CHN-PER", "s-a"): _contribution(
        {"2024-06": _month(verbal_cooperation=2, score=3.0, volume=2, sources=2)},
        {"CHN": 2.0, "PER": 2.0, "per:xi-jinping": 1.5}, 2),
    ("d-CHN-PER", "s-b"): _contribution(
        {"2024-11": _month(verbal_cooperation=1, material_cooperation=1, score=5.0, volume=3,
                           sources=2)},
        {"CHN": 3.0, "PER": 2.5, "per:xi-jinping": 2.0}, 3),
    ("d-CHN-PER", "s-c"): _contribution(
        {"undated": _month(verbal_conflict=1, score=-2.0)}, {"CHN": 1.0, "PER": 1.0}, 1),
    ("d-FRA-UKR", "s-d"): _contribution(
        {"2024-12": _month(verbal_cooperation=1, score=3.0)},
        {"FRA": 1.0, "UKR": 1.0, "per:emmanuel-macron": 1.0}, 1),
    ("d-IGOUNO-USA", "s-e"): _contribution(
        {"2024-09": _month(material_conflict=1, score=-5.0)}, {"IGOUNO": 1.0, "USA": 1.0}, 1),
    ("t-a", "s-a"): _contribution({"2024-06": _month(volume=2, sources=2)},
                                  {"CHN": 2.0, "PER": 2.0, "per:xi-jinping": 1.5}, 2),
    ("t-a", "s-b"): _contribution({"2024-11": _month(volume=3, sources=2)},
                                  {"CHN": 3.0, "PER": 2.5, "per:xi-jinping": 2.0}, 3),
    ("t-c", "s-c"): _contribution({"undated": _month()}, {"CHN": 1.0, "PER": 1.0}, 1),
    ("t-d", "s-d"): _contribution({"2024-12": _month()},
                                  {"FRA": 1.0, "per:emmanuel-macron": 1.0}, 1),
    ("t-e", "s-e"): _contribution({"2024-09": _month()}, {"IGOUNO": 1.0, "USA": 1.0}, 1),
}
ACTORS = {"d-CHN-PER": [_side("CHN", "per:xi-jinping"), _side("PER")],
          "d-FRA-UKR": [_side("FRA", "per:emmanuel-macron"), _side("UKR")],
          "d-IGOUNO-USA": [_side("IGOUNO"), _side("USA")]}
# biggest first, then the latest last month, undated last, then by id
ORDER = ["d-CHN-PER", "t-a", "d-FRA-UKR", "t-d", "d-IGOUNO-USA", "t-e", "t-c"]


def _put(store, storyline: str, story: str, contribution: dict[str, Any]) -> None:
    dyad = storyline.startswith("d-")
    store.corpus.storylines.put(
        storyline, "dyad" if dyad else "theme", story, contribution, vector=None,
        score=None if dyad else 0.8, signals=None if dyad else {"score": 0.8},
        label=" – ".join(a["name"] for a in ACTORS[storyline]) if dyad else storyline,
        actors=ACTORS.get(storyline, []), version=VERSION)


def _write(store, contributions: dict[tuple[str, str], dict[str, Any]]) -> None:
    corpus = store.corpus
    with corpus.transaction():
        for story, (first, last) in STORIES.items():
            corpus.write_story({"id": story, "title": f"story {story}", "first_published": first,
                                "last_published": last, "langs": ["en"], "articles": 1,
                                "sources": 1, "entities": []}, [], "stories.test.v1")
        for (storyline, story), contribution in contributions.items():
            _put(store, storyline, story, contribution)


@pytest.fixture
def store(location):
    with open_store(location) as opened:
        _write(opened, CONTRIBUTIONS)
        yield opened


def _ids(store, **query: Any) -> list[str]:
    return [s["id"] for s in store.storylines(StorylineQuery.parse(limit=None, **query))]


def test_storylines_list_biggest_first_then_latest(store):
    assert _ids(store) == ORDER
    assert store.status()["dyad_storylines"] == 3
    assert store.status()["theme_storylines"] == 4


def test_a_storyline_sums_its_stories_months_in_order_with_undated_last(store):
    found = store.storyline("d-CHN-PER")
    assert (found["size"], found["articles"]) == (3, 6)
    assert (found["first_month"], found["last_month"]) == ("2024-06", "2024-11")
    assert list(found["months"]) == ["2024-06", "2024-11", "undated"]
    assert found["months"]["2024-11"] == {
        "verbal_cooperation": 1, "material_cooperation": 1, "verbal_conflict": 0,
        "material_conflict": 0, "events": 2, "volume": 3, "sources": 2, "score": 5.0}
    assert found["months"]["undated"]["score"] == -2.0
    assert [s["id"] for s in found["stories"]] == ["s-a", "s-b", "s-c"]
    assert [a["code"] for a in found["actors"]] == ["CHN", "PER"]
    assert found["entities"][0] == {"id": "CHN", "name": "China", "weight": 6.0}
    assert found["version"] == VERSION


def test_a_month_of_volume_without_events_has_no_score(store):
    theme = store.storyline("t-a")
    assert theme["months"]["2024-06"]["events"] == 0
    assert theme["months"]["2024-06"]["score"] is None
    assert theme["months"]["2024-06"]["volume"] == 2


@pytest.mark.parametrize("pair", ["CHN-PER", "PER-CHN", "per-chn", "PER,CHN", " chn - per "])
def test_a_pair_finds_its_dyad_in_either_order(store, pair):
    assert _ids(store, pair=pair) == ["d-CHN-PER"]


def test_a_pair_with_an_international_body_finds_its_dyad(store):
    assert _ids(store, pair="USA-IGOUNO") == ["d-IGOUNO-USA"]
    assert _ids(store, pair="CHN-USA") == []


def test_entity_keeps_the_storylines_holding_it(store):
    assert _ids(store, entity="per:xi-jinping") == ["d-CHN-PER", "t-a"]
    assert _ids(store, entity="fra") == ["d-FRA-UKR", "t-d"]  # a code in any case
    assert _ids(store, entity="per:nobody") == []


def test_kind_keeps_one_kind_in_any_case(store):
    assert _ids(store, kind="theme") == [i for i in ORDER if i.startswith("t-")]
    assert _ids(store, kind="DYAD") == [i for i in ORDER if i.startswith("d-")]


def test_a_date_range_trims_months_and_stories_and_leaves_undated_out(store):
    found = store.storylines(StorylineQuery.parse(since="2024-11", until="2024-11"))
    assert [s["id"] for s in found] == ["d-CHN-PER", "t-a"]
    for line in found:
        assert list(line["months"]) == ["2024-11"]
        assert [s["id"] for s in line["stories"]] == ["s-b"]


def test_since_alone_keeps_what_reaches_it_and_until_alone_what_starts_before_it(store):
    assert _ids(store, since="2024-12") == ["d-FRA-UKR", "t-d"]
    assert _ids(store, until="2024-06") == ["d-CHN-PER", "t-a"]
    later = store.storylines(StorylineQuery.parse(pair="CHN-PER", since="2024-07"))
    assert list(later[0]["months"]) == ["2024-11"]
    assert _ids(store, since="2024-12-08") == ["d-FRA-UKR", "t-d"]  # a day of its month


def test_a_date_range_inside_a_storylines_quiet_gap_leaves_it_out(store):
    # d-CHN-PER and t-a have months 2024-06 and 2024-11 and nothing between: a range in that
    # gap holds no month and no story of theirs, so neither is a storyline of that range
    found = store.storylines(StorylineQuery.parse(since="2024-08", until="2024-08"))
    assert [(s["id"], s["months"], s["stories"]) for s in found] == []


def test_min_stories_leaves_out_smaller_storylines(store):
    assert _ids(store, min_stories=2) == ["d-CHN-PER", "t-a"]
    assert _ids(store, min_stories=3) == ["d-CHN-PER"]
    assert _ids(store, min_stories=4) == []
    assert _ids(store, min_stories=0) == ORDER


def test_limit_and_offset_page_through_the_same_order(store):
    pages = [[s["id"] for s in store.storylines(StorylineQuery.parse(limit=3, offset=o))]
             for o in (0, 3, 6, 9)]
    assert pages == [ORDER[:3], ORDER[3:6], ORDER[6:], []]
    assert [s["id"] for s in store.storylines(StorylineQuery.parse(offset=5))] == ORDER[5:]
    assert len(store.storylines(StorylineQuery())) == len(ORDER)  # default limit 20


def test_filters_combine(store):
    assert _ids(store, kind="theme", entity="CHN", min_stories=2) == ["t-a"]
    assert _ids(store, pair="CHN-PER", kind="theme") == []


@pytest.mark.parametrize("ident", ["d-CHN-PER", "d-chn-per", "D-Chn-Per"])
def test_get_storyline_by_id_in_any_case_for_a_dyad(store, ident):
    assert store.storyline(ident)["id"] == "d-CHN-PER"


def test_get_storyline_by_theme_id_and_none_for_an_unknown_one(store):
    assert store.storyline("t-a")["kind"] == "theme"
    assert store.storyline("t-nothing") is None
    assert store.storyline("d-CHN-XYZ") is None
    assert store.storyline("") is None


def test_putting_a_story_again_replaces_what_it_added(store):
    grown = _contribution(
        {"2024-11": _month(verbal_cooperation=3, score=4.0, volume=5, sources=4),
         "2024-12": _month(verbal_conflict=1, score=-2.0)},
        {"CHN": 4.0, "PER": 3.0}, 6)
    with store.corpus.transaction():
        _put(store, "d-CHN-PER", "s-b", grown)
    found = store.storyline("d-CHN-PER")
    assert (found["size"], found["articles"]) == (3, 9)
    assert found["last_month"] == "2024-12"
    assert found["months"]["2024-11"] == {
        "verbal_cooperation": 3, "material_cooperation": 0, "verbal_conflict": 0,
        "material_conflict": 0, "events": 3, "volume": 5, "sources": 4, "score": 4.0}
    assert found["months"]["2024-06"]["events"] == 2  # the other stories' months stay
    # what a store written with the grown story from the start holds
    weights = {e["id"]: e["weight"] for e in found["entities"]}
    assert weights == {"CHN": 7.0, "PER": 6.0, "per:xi-jinping": 1.5}


def test_putting_a_story_again_equals_writing_it_once(store, tmp_path):
    grown = _contribution({"2024-11": _month(verbal_cooperation=3, score=4.0, volume=5)},
                          {"CHN": 4.0, "PER": 3.0}, 6)
    with store.corpus.transaction():
        _put(store, "d-CHN-PER", "s-b", grown)
        _put(store, "t-a", "s-b", grown)
    with open_store(tmp_path / "once.db") as once:
        _write(once, {**CONTRIBUTIONS, ("d-CHN-PER", "s-b"): grown, ("t-a", "s-b"): grown})
        fresh = {s["id"]: s for s in once.storylines(StorylineQuery(limit=None))}
    for line in store.storylines(StorylineQuery(limit=None)):
        want = fresh[line["id"]]
        for field in ("size", "articles", "first_month", "last_month", "months", "entities",
                      "actors", "label"):
            assert line[field] == want[field], (line["id"], field)


def test_dropping_a_story_takes_its_months_out_and_its_last_story_the_storyline(store):
    corpus = store.corpus
    with corpus.transaction():
        corpus.storylines.drop("d-CHN-PER", "s-a", VERSION)
        corpus.storylines.drop("d-FRA-UKR", "s-d", VERSION)
        corpus.storylines.drop("d-FRA-UKR", "s-nothing", VERSION)  # not in it: nothing
    found = store.storyline("d-CHN-PER")
    assert list(found["months"]) == ["2024-11", "undated"]
    assert (found["size"], found["first_month"]) == (2, "2024-11")
    assert "per:xi-jinping" in {e["id"] for e in found["entities"]}
    assert store.storyline("d-FRA-UKR") is None
    assert _ids(store, pair="FRA-UKR") == []
    assert _ids(store, entity="per:emmanuel-macron") == ["t-d"]
