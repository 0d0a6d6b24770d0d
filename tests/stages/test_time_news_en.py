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


def test_time_reads_the_year_of_a_financial_report_as_the_article_year():
    assert values("Sales for the full year rose 8%.") == {"the full year": "2024"}
    assert values("Profit fell sharply during the fiscal year.") == {"the fiscal year": "2024"}
    # an accounting year named by its last day is a twelve-month period
    found = values("In the year ended June 30, revenue rose.")
    assert found == {"the year": "P1Y", "June 30": "2024-06-30"}


def test_time_puts_the_end_date_of_a_period_that_ended_in_the_past():
    # nearest would be 2025-01-31; a period that ended lies before the article date
    assert values("In the quarter ended Jan. 31, sales rose.")["Jan. 31"] == "2024-01-31"


def test_time_reads_year_end_as_december_31_in_the_direction_of_the_tense():
    assert values("The company expects to close the deal by year-end.") == {
        "year-end": "2024-12-31"}
    assert values("The index has fallen 4% since year-end.", "2024-03-08") == {
        "year-end": "2023-12-31"}


def test_time_reads_soon_as_the_future_only_in_a_future_sentence():
    assert values("The ministry will soon publish the figures.") == {"soon": "FUTURE_REF"}
    assert values("He was soon released.") == {}
    assert values("The strike ended soon after the talks began.") == {}


def test_time_does_not_take_ages_ordinals_fractions_or_marches_for_times():
    assert values("She moved to Paris in her early 30s.") == {}
    assert values("A second group of investors joined the bid.") == {}
    assert values("The country imports about three-quarters of its grain.") == {}
    assert values("Thousands joined the annual March for Peace downtown.") == {}
    assert values("Thousands marched in March.") == {"March": "2024-03"}


def test_time_reads_durations_with_a_word_between_number_and_unit():
    assert values("The strike could go on for two more weeks.") == {"two more weeks": "P2W"}
    assert values("Profits fell for three straight years.") == {"three straight years": "P3Y"}


def test_time_reads_a_bare_plural_unit_after_for_or_within_as_a_vague_duration():
    assert values("The region has been at peace for years.") == {"years": "PXY"}
    assert values("Troops could arrive within weeks.") == {"weeks": "PXW"}
    assert values("Prices rose steadily over the years.") == {"over the years": "PXY"}
    # "years ago" is an offset, not a duration
    assert "years" not in values("The mill closed for years ago reasons.")


def test_time_reads_midday_as_noon():
    assert values("The court meets at midday today.")["midday"] == "2024-11-15T12:00"
