"""The event contract of every store backend: events written with their article in one
transaction, read back with actors and evidence, filtered by actor, pair, type, status and
the period of their date."""

from __future__ import annotations

import pytest
from events_data import (
    LIMA,
    REPLY,
    _lima,
    _refusal,
    _reply,
    actor,
    events,
    evidence,
    types,
)

from tidings.dates import date_period
from tidings.errors import QueryError
from tidings.model import PLOVER_TYPES, Article, Event, Evidence, Mention
from tidings.queries import EventQuery
from tidings.store import open_store


@pytest.fixture
def store(location):
    with open_store(location) as opened:
        opened.write([_lima(), _reply(), _refusal()])
        yield opened


def test_events_come_back_with_their_article_actors_and_evidence(store):
    consult = events(store, type_="CONSULT")[0]

    assert consult["id"] == f"{_lima().id}.0"
    assert consult["article"]["title"] == "Xi meets Boluarte"
    assert consult["article"]["url"] == "https://news.example/lima"
    assert consult["mode"] == "visit" and consult["cameo"] == "042"
    assert consult["version"] == "events.test"
    assert consult["source"][0]["name"] == "Xi Jinping"  # the entity's name, not the words
    assert consult["source"][0]["text"] == "President Xi"
    assert consult["target"][0]["name"] == "Dina Boluarte"  # no entity row: the words
    (told,) = consult["evidence"]
    assert told["trigger"] == "met" and told["method"] == "lexicon"
    assert told["sentence"] == "President Xi met Dina Boluarte in Lima on Thursday."
    thursday = LIMA.index("Thursday")
    assert told["arguments"]["date"] == [[thursday, thursday + len("Thursday")]]


def test_an_event_added_by_the_sentence_classifier_keeps_its_method(location):
    article = _reply()
    sentence_end = REPLY.index(".") + 1
    article.events.append(Event(
        "DEMAND", list(article.events[0].source), list(article.events[0].target),
        confidence=0.41,
        evidence=[Evidence(0, sentence_end, 0, 0, "", {}, 0.41, method="classifier")]))
    with open_store(location) as opened:
        opened.write([article])
        (demand,) = events(opened, type_="DEMAND")
    (told,) = demand["evidence"]
    assert told["method"] == "classifier" and told["trigger"] == ""
    assert told["sentence"] == "Peru asked China for help with the port."
    assert demand["confidence"] == pytest.approx(0.41)


def test_sentences_are_cut_from_the_text_by_character_not_byte(location):
    text = "秘鲁总统会见了中国国家主席。双方签署了协议。"
    article = Article(text, source="zh.txt", lang="zh", published="2024-11-14")
    start = text.index("签署")
    article.events = [Event("AGREE", evidence=[Evidence(14, len(text), start, start + 2, "签署")])]
    with open_store(location) as store:
        store.write([article])
        (event,) = events(store)
    assert event["evidence"][0]["sentence"] == "双方签署了协议。"


def test_writing_the_same_article_again_adds_no_events(store):
    before = store.status()["events"]

    assert store.write([_lima(), _reply()]) == 0

    assert store.status()["events"] == before == 5
    assert len(events(store, limit=100)) == 5


def test_status_counts_events(store):
    assert store.status()["events"] == 5


def test_events_are_listed_newest_first_with_undated_ones_last(store):
    dates = [row["date"] for row in events(store)]
    assert dates == ["2024-11-20", "2024-11-14", "2024-11", "2024", None]


# -- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("CHN", ["REQUEST", "CONSULT", "AGREE"]),  # a country, on either side
        ("chngov", ["CONSULT", "AGREE"]),  # an actor code, any case
        ("per:xi-jinping", ["CONSULT", "AGREE"]),  # an entity id
        ("PER:Xi-Jinping", ["CONSULT", "AGREE"]),
        ("PERGOV", ["CONSULT", "AGREE", "PROTEST"]),
        ("USA", ["AGREE"]),
        ("per:xi", []),  # a whole id, not a prefix
        ("%", []),
    ],
)
def test_actor_matches_an_entity_id_a_code_or_a_country_on_either_side(store, actor, expected):
    assert types(events(store, actor=actor)) == expected


@pytest.mark.parametrize("pair", ["CHN-PER", "PER-CHN", "chn,per", " PER - CHN "])
def test_pair_matches_the_two_actors_on_opposite_sides_in_either_direction(store, pair):
    rows = events(store, pair=pair)
    assert types(rows) == ["REQUEST", "CONSULT", "AGREE"]
    assert rows[0]["source"][0]["country"] == "PER"  # PER -> CHN
    assert rows[1]["source"][0]["country"] == "CHN"  # CHN -> PER


def test_pair_takes_ids_with_hyphens_after_a_comma(store):
    assert types(events(store, pair="per:dina-boluarte,per:xi-jinping")) == ["CONSULT", "AGREE"]
    assert events(store, pair="PER-PER") == []  # one side PER and the other PER


def test_type_and_status_filters_and_their_combination(store):
    assert types(events(store, type_="agree")) == ["AGREE", "AGREE"]
    assert [r["status"] for r in events(store, type_="AGREE", status="negated")] == ["negated"]
    assert types(events(store, status="happened", actor="USA")) == []


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024-11-14", "2024-11-14", ["2024-11-14"]),
        ("2024-11-01", "2024-11-30", ["2024-11-20", "2024-11-14", "2024-11"]),
        ("2024-11", "2024-11", ["2024-11-20", "2024-11-14", "2024-11"]),
        ("2024-11-15", None, ["2024-11-20"]),  # November as a whole does not start after 15th
        (None, "2024-11-20", ["2024-11-20", "2024-11-14"]),  # nor end before the 20th
        ("2024", "2024", ["2024-11-20", "2024-11-14", "2024-11", "2024"]),
        ("2024-01-01", "2024-12-31", ["2024-11-20", "2024-11-14", "2024-11", "2024"]),
        ("2025", None, []),
    ],
)
def test_date_filters_keep_events_whose_whole_period_is_in_the_range(
    store, since, until, expected
):
    assert [r["date"] for r in events(store, since=since, until=until)] == expected


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2024-11-15", ("2024-11-15", "2024-11-15")),
        ("2024-11-15T10:30", ("2024-11-15", "2024-11-15")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-W46", ("2024-11-11", "2024-11-17")),
        ("2024-Q4", ("2024-10-01", "2024-12-31")),
        ("2024-H1", ("2024-01-01", "2024-06-30")),
        ("XXXX-11-15", None),
        ("2024-02-30", None),
        ("2024-13", None),
        ("2024-Q5", None),
        ("PRESENT_REF", None),
        ("", None),
        (None, None),
    ],
)
def test_date_period_is_the_first_and_last_day_a_date_names(value, period):
    assert date_period(value) == period


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        ({"type_": "MEET"}, "unknown event type 'MEET'"),
        ({"status": "rumoured"}, "unknown event status 'rumoured'"),
        ({"since": "2024-13-01"}, "since '2024-13-01' is not a date"),
        ({"until": "15.11.2024"}, "until '15.11.2024' is not a date"),
        ({"pair": "CHN"}, "pair 'CHN' is not two actors"),
        ({"pair": "CHN-per:xi-jinping"}, "is not two actors"),
        ({"limit": 0}, "limit 0 shows nothing"),
    ],
)
def test_filters_that_cannot_match_are_input_errors_that_say_what_to_write(
    store, filters, words
):
    with pytest.raises(QueryError) as caught:
        events(store, **filters)
    assert words in caught.value.message
    assert caught.value.hint


def test_an_unknown_type_lists_the_plover_types(store):
    with pytest.raises(QueryError) as caught:
        events(store, type_="MEET")
    assert all(name in caught.value.hint for name in PLOVER_TYPES)


def test_a_type_the_store_holds_is_accepted_even_if_not_plover(location):
    article = Article("The army held a parade.", source="x.txt", published="2024-05-01")
    article.events = [Event("DISPLAY")]
    with open_store(location) as store:
        store.write([article])
        assert types(events(store, type_="display")) == ["DISPLAY"]


# -- transactions and upgrades ----------------------------------------------------------------




def test_an_article_comes_back_with_the_mentions_and_events_it_was_written_with(location):
    article = _lima()
    article.mentions = [
        Mention(10, 23, "Dina Boluarte", "PER", 0.9, "ner", "per:dina-boluarte"),
        Mention(0, 12, "President Xi", "PER", 0.8, "title", "per:xi-jinping"),
        Mention(27, 31, "Lima", "LOC", 0.9, "gazetteer", "geo:3936456"),
    ]
    with open_store(location) as store:
        store.write([article])
        stored = store.get(article.id)
    expected = article.to_dict()
    assert stored["mentions"] == expected["mentions"]  # in their order, not sorted again
    assert stored["events"] == expected["events"]
    assert stored["entities"] == expected["entities"]


def test_a_mutual_act_is_found_by_the_pair_of_its_two_sides(location):
    article = _reply()
    article.events = [
        Event("AGREE", [actor(REPLY, "Peru", "PER", "PER", "PER"),
                        actor(REPLY, "China", "CHN", "CHN", "CHN")], [], symmetric=True,
              date="2024-11-20", evidence=[evidence(REPLY, "asked")]),
    ]
    with open_store(location) as store:
        store.write([article])
        (found,) = events(store, pair="CHN-PER")
        assert found["symmetric"] is True and found["target"] == []
        assert events(store, pair="PER-PER") == []
        assert store.get(article.id)["events"][0]["symmetric"] is True


def test_event_dates_are_the_dates_and_quad_classes_of_the_events_in_order(store):
    query = EventQuery.parse(limit=None, newest_first=False)
    assert list(store.event_dates(query)) == [
        {"date": e["date"], "quad_class": e["quad_class"]} for e in store.events(query)]
