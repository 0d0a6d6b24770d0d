"""Queries are parsed once, into typed objects the CLI and the HTTP API share, and a filter
that cannot match anything is refused before any backend sees it."""

from __future__ import annotations

import pytest

from tidings.errors import QueryError
from tidings.queries import ArticleQuery, EventQuery, Term, parse_text


def test_search_words_become_terms_with_phrases_prefixes_and_or():
    assert parse_text('Boluarte "state  visit" port* OR harbour') == (
        Term("Boluarte"),
        Term("state visit", phrase=True),
        Term("port", prefix=True),
        Term("harbour", either=True),
    )


def test_query_syntax_in_user_input_is_read_as_words():
    assert parse_text('NEAR(a b) -budget "') == (Term("NEAR a"), Term("b"), Term("-budget"))
    assert parse_text("OR") == (Term("OR"),)  # nothing before it to join


def test_article_dates_are_the_first_and_last_day_of_the_periods_named():
    query = ArticleQuery.parse("port", since="2024-11", until="2024")
    assert (query.first_day, query.last_day) == ("2024-11-01", "2024-12-31")


def test_event_filters_are_normalised_once():
    query = EventQuery.parse(type_=" consult ", actor="Per:Xi-Jinping", pair="chn-per",
                             status="Happened")
    assert (query.type, query.actor, query.pair, query.status) == (
        "CONSULT", "per:xi-jinping", ("CHN", "PER"), "happened"
    )


@pytest.mark.parametrize(
    ("filters", "hint"),
    [
        ({"since": "last week"}, "YYYY-MM-DD"),
        ({"until": "2024-13"}, "YYYY-MM-DD"),
        ({"pair": "CHN"}, "A-B"),
        ({"status": "rumoured"}, "happened"),
        ({"limit": 0}, "1 or more"),
    ],
)
def test_a_filter_that_cannot_match_is_a_query_error_saying_what_to_write(filters, hint):
    with pytest.raises(QueryError) as caught:
        EventQuery.parse(**filters)
    assert caught.value.code == "T700" and hint in caught.value.hint


def test_an_unknown_event_type_is_refused_unless_the_store_holds_it():
    query = EventQuery.parse(type_="display")
    assert query.unknown_type({"DISPLAY"}) is None
    error = query.unknown_type(set())
    assert error is not None and "CONSULT" in error.hint


def test_an_article_query_knows_whether_a_filter_may_leave_matches_out():
    assert not ArticleQuery.parse("port", limit=5, offset=3, mode="semantic").filtered
    for given in ({"lang": "de"}, {"since": "2024"}, {"until": "2024-06"}, {"entity": "PER"},
                  {"story": "s-1"}, {"event_type": "consult"}):
        assert ArticleQuery.parse("port", **given).filtered, given
