"""Loading time rules: macro expansion, word boundaries and the word prefilter."""

from __future__ import annotations

from tidings.stages.time.lexicon import build
from tidings.stages.time.tagger import find


def _lexicon(pattern: str):
    rule = {"p": pattern, "k": "fixed", "value": "X"}
    return build({"lexicon": {"unit": {"day": "D"}}, "rules": [rule]}, "xx")


def test_time_prefilter_does_not_require_a_letter_the_pattern_makes_optional():
    lex = _lexicon(r"an?\s+blue\s+day")
    # "a" alone must be enough: the rule may not be skipped for a text without "an"
    assert [m.rule.kind for m in find("once a blue day", lex)] == ["fixed"]
    assert not any(len(need) == 1 and "an" in need for need in lex.rules[0].needs)


def test_time_word_boundaries_hold_for_every_alternative_of_a_rule():
    lex = _lexicon(r"blue\s+day|red\s+day")
    assert find("a blue dayx", lex) == []
    assert find("a xblue day", lex) == []
    assert [(m.start, m.end) for m in find("a red day", lex)] == [(2, 9)]


def test_time_prefilter_treats_an_optional_file_macro_as_optional():
    data = {"macros": {"extra": r"(?:more|further)\s+"},
            "rules": [{"p": r"blue\s+{extra}?day", "k": "fixed", "value": "X"}]}
    lex = build(data, "xx")
    assert [m.rule.kind for m in find("a blue day", lex)] == ["fixed"]
    assert [m.rule.kind for m in find("a blue more day", lex)] == ["fixed"]


def test_time_prefilter_does_not_require_a_word_whose_last_letter_is_optional():
    lex = _lexicon(r"blue\s+quarters?")
    assert [m.rule.kind for m in find("one blue quarter", lex)] == ["fixed"]
    assert [m.rule.kind for m in find("two blue quarters", lex)] == ["fixed"]
