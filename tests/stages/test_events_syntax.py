"""Sides of an act from the dependency parse (English): subjects, passive agents, possessors of
nominal triggers, light verbs, relative clauses, reported speech and coordination."""

from __future__ import annotations

import pytest

from tidings.evaluate.tasks.events import analyse
from tidings.stages.events.lexicon import lexicon, parse

pytestmark = pytest.mark.slow


def sides(text: str, type_: str) -> tuple[list[str], list[str]]:
    events = [e for e in analyse(text, "en", "2024-11-14").events if e.type == type_]
    assert events, [(e.type, e.evidence[0].trigger) for e in analyse(text, "en").events]
    event = events[0]
    return (sorted(a.country or a.code or a.text for a in event.source),
            sorted(a.country or a.code or a.text for a in event.target))


def test_the_by_agent_of_a_passive_is_the_source():
    assert sides("Iraq was attacked by Iran on Monday.", "ASSAULT") == (["IRN"], ["IRQ"])


def test_the_possessor_of_a_nominal_trigger_is_the_source():
    assert sides("Xi's visit to Peru ended on Friday.", "CONSULT") == (["CHN"], ["PER"])


def test_a_relative_pronoun_stands_for_the_noun_its_clause_qualifies():
    source, target = sides("The Peruvian minister, who met Xi Jinping in Lima, left.", "CONSULT")
    assert source == ["PER"] and target == ["CHN"]


def test_a_pronoun_in_reported_speech_is_the_one_who_said_it():
    source, _ = sides("Hungary has said it will support a United Nations resolution.", "AGREE")
    assert source == ["HUN"]


def test_coordinated_objects_are_all_targets():
    _, target = sides("Chile sharply criticized Bolivia and Argentina on Tuesday.",
                      "DISAPPROVE")
    assert target == ["ARG", "BOL"]


def test_who_must_act_is_the_target_of_a_demand():
    assert sides("Britain said Libya must hand over the suspects.", "DEMAND") == (
        ["GBR"], ["LBY"]
    )


def test_the_parse_rules_are_data_per_language():
    english = lexicon("en").syntax
    assert english is not None and english.enabled and "nsubj" in english.subject
    with pytest.raises(Exception, match=r"\[syntax\] needs a 'model'"):
        parse({"syntax": {"subject": ["nsubj"]}}, "xx")
