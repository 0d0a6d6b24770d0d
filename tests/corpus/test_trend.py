"""Quad class and cooperation-conflict score of PLOVER types, read from the shipped table."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from statistics import fmean

import pytest

from tidings.corpus import trend
from tidings.errors import ResourceError
from tidings.model import PLOVER_TYPES
from tidings.resources import data_file

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "training" / "storylines" / "plover_scores.py"
SHIPPED = ROOT / "src" / "tidings" / "data" / "plover_scores.toml"
COOPERATION = ("verbal_cooperation", "material_cooperation")


def _script():
    spec = importlib.util.spec_from_file_location("plover_scores", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def table(monkeypatch):
    """Serve ``trend`` a table of the test's choosing (and forget it afterwards)."""

    def use(data: dict) -> None:
        monkeypatch.setattr(trend, "data_file", lambda name: data)
        trend._types.cache_clear()

    yield use
    trend._types.cache_clear()


def test_every_plover_type_has_a_quad_and_a_score_from_minus_10_to_10():
    for name in PLOVER_TYPES:
        assert trend.quad(name) in trend.QUADS, name
        assert -10 <= trend.score(name) <= 10, name


def test_quads_follow_the_project_list_of_cooperation_first_conflict_last():
    quads = [trend.quad(name) for name in PLOVER_TYPES]
    assert quads == sorted(quads, key=trend.QUADS.index)
    assert trend.quad("REQUEST") == "verbal_cooperation"
    assert trend.quad("RETREAT") == "material_cooperation"
    assert trend.quad("INVESTIGATE") == "verbal_conflict"
    assert trend.quad("PROTEST") == "material_conflict"


def test_cooperation_types_score_above_conflict_types():
    cooperation = [trend.score(t) for t in PLOVER_TYPES if trend.quad(t) in COOPERATION]
    conflict = [trend.score(t) for t in PLOVER_TYPES if trend.quad(t) not in COOPERATION]
    assert fmean(cooperation) > 0 > fmean(conflict)
    assert trend.score("AGREE") > 0 > trend.score("ASSAULT")
    assert trend.score("FIGHT") <= -9


def test_a_mode_score_is_used_when_the_table_has_one_and_the_type_score_otherwise():
    retreat = data_file("plover_scores.toml")["types"]["RETREAT"]
    assert trend.score("RETREAT", "access") == retreat["modes"]["access"]["score"] == 9.0
    assert trend.score("RETREAT", "access") != trend.score("RETREAT")
    assert trend.score("RETREAT", "no-such-mode") == retreat["score"]
    assert trend.score("RETREAT", None) == retreat["score"]
    assert trend.score("AGREE", "economic") == trend.score("AGREE")  # AGREE has no modes


def test_an_unknown_type_has_no_quad_and_no_score():
    assert trend.quad("CELEBRATE") is None
    assert trend.score("CELEBRATE") is None
    assert trend.score("CELEBRATE", "access") is None


def test_a_missing_table_raises_resource_error_naming_the_file(table):
    table({})
    with pytest.raises(ResourceError, match=r"plover_scores\.toml is missing"):
        trend.quad("AGREE")


def test_a_malformed_table_raises_resource_error_naming_the_file_and_the_type(table):
    table({"types": {"AGREE": {"quad": "friendly", "score": 4.0}}})
    with pytest.raises(ResourceError, match=r"plover_scores\.toml: \[types\.AGREE\] has quad"):
        trend.score("AGREE")
    table({"types": {"AGREE": {"quad": "verbal_cooperation", "score": 40}}})
    with pytest.raises(ResourceError, match="has score 40"):
        trend.score("AGREE")


def test_the_shipped_table_is_what_the_script_makes_from_the_shared_cameo2plover(
    shared, tmp_path
):
    source = shared / "eval" / "events" / "CAMEO2PLOVER-2021.txt"
    out = tmp_path / "plover_scores.toml"
    assert _script().main([str(source), "--out", str(out)]) == 0
    assert out.read_text("utf-8") == SHIPPED.read_text("utf-8")
