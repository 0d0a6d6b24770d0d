"""Chinese events (issue 12): jieba words, a target marked before its verb (对/向), sides
coordinated across a place in passing, names of unlisted organisations read as country +
group, and international bodies under their Chinese names."""

from __future__ import annotations

import pytest

from tidings.evaluate.tasks.events import analyse
from tidings.stages.events.lexicon import lexicon

pytestmark = pytest.mark.slow


def only(text: str, type_: str):
    events = [e for e in analyse(text, "zh", "2024-11-14").events if e.type == type_]
    assert len(events) == 1, [(e.type, e.evidence[0].trigger) for e in events]
    return events[0]


def codes(actors) -> list[str]:
    return sorted(a.code or "" for a in actors)


def test_chinese_has_a_lexicon_cut_by_jieba():
    lex = lexicon("zh")
    assert lex is not None and lex.tokenizer == "jieba"
    assert {t.type for t in lex.triggers} >= {"CONSULT", "DISAPPROVE", "SANCTION", "FIGHT"}


def test_a_target_marked_by_dui_stands_before_the_act():
    event = only("中方对日方启动核污染水排海表示强烈不满。", "DISAPPROVE")
    assert codes(event.source) == ["CHN"] and codes(event.target) == ["JPN"]


def test_two_leaders_meeting_with_tong_are_one_mutual_act():
    event = only("国家主席习近平在利马同秘鲁总统博鲁阿尔特举行会谈。", "CONSULT")
    assert event.symmetric and event.target == []
    assert sorted(a.country for a in event.source) == ["CHN", "PER"]


def test_an_unlisted_ministry_is_its_countrys_government():
    event = only("俄罗斯国防部指责乌克兰使用无人机。", "ACCUSE")
    assert codes(event.source) == ["RUSGOV"] and codes(event.target) == ["UKR"]


def test_a_demand_has_its_doer_first_and_its_target_after():
    event = only("中方要求美方立即停止对台军售。", "DEMAND")
    assert codes(event.source) == ["CHN"] and codes(event.target) == ["USA"]
