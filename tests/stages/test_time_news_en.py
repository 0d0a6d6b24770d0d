"""English news rules of the time stage: tense cues, fiscal periods, vague references.

Sentences are invented; the article date is Friday 2024-11-15 unless a test says otherwise.
"""

from __future__ import annotations

from tidings.stages.time import tag


def values(text: str, published: str | None = "2024-11-15") -> dict[str, str]:
    return {t.text: t.value for t in tag(text, "en", published)}


def test_time_reads_a_month_after_a_plan_or_expectation_as_the_next_one():
    assert values("The firm said it expects to report results in March.") == {"March": "2025-03"}
    assert values("Officials have scheduled the vote for February.") == {"February": "2025-02"}


def test_time_counts_a_weak_future_cue_only_before_the_expression():
    # "expected" after the weekday says nothing about it
    assert values("On Thursday, officials said they expected a vote.") == {
        "Thursday": "2024-11-14"}


def test_time_reads_a_plan_that_had_been_made_as_past():
    assert values("The vote had been scheduled for Thursday.") == {"Thursday": "2024-11-14"}


def test_time_reads_by_and_a_month_as_a_deadline_ahead():
    assert values("The bank hopes to repay the loan by April.") == {"April": "2025-04"}
    # a weekday after "by" keeps the tense rule
    assert values("By Wednesday, the river had fallen.") == {"Wednesday": "2024-11-13"}


def test_time_reads_n_units_before_a_clause_as_a_duration():
    assert values("He resigned two weeks after the vote.") == {"two weeks": "P2W"}
    assert values("She left 30 days before the trial began.") == {"30 days": "P30D"}
    # at the end of a clause the offset still counts from the last date
    found = values("The plant closed on March 3, 2020. Two weeks later, it reopened.")
    assert found["Two weeks later"] == "2020-03-17"
