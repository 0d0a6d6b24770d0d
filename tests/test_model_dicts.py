"""Events, actors, evidence, mentions, timexes, datelines and quotes write their dicts by hand
(asdict's deep copy was slow): the dicts must stay what ``dataclasses.asdict`` gives, key order
included, for every field."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from tidings.model import Actor, Dateline, Event, Evidence, Mention, Quote, Span, Speaker, Timex


def _event() -> Event:
    return Event(
        type="CONSULT",
        source=[Actor(0, 10, "Xi Jinping", "per:xi-jinping", "CHNGOV", "CHN")],
        target=[Actor(20, 28, "Boluarte", "per:dina-boluarte", "PERGOV", "PER"),
                Actor(30, 34, "Peru", "PER", "PER", "PER")],
        mode="visit", context="diplomatic", status="planned", intended="CONSULT",
        symmetric=True, date="2024-11-14", date_precision="day", date_from="timex",
        location="geo:3936456", location_name="Lima", cameo="042", quad_class=1,
        confidence=0.83,
        evidence=[Evidence(0, 60, 11, 16, "traf", {"source": [[0, 10]], "date": [[40, 48]]},
                           0.8, "lexicon"),
                  Evidence(61, 90, 70, 75, "visit", {}, 0.5, "classifier")],
    )


def test_event_dicts_are_what_asdict_gives_in_the_same_order():
    event = _event()
    assert event.to_dict() == asdict(event)
    assert json.dumps(event.to_dict()) == json.dumps(asdict(event))  # key order too
    for actor in event.source + event.target:
        assert json.dumps(actor.to_dict()) == json.dumps(asdict(actor))
    for evidence in event.evidence:
        assert json.dumps(evidence.to_dict()) == json.dumps(asdict(evidence))


def test_every_field_is_written():
    event = _event()
    for obj in (event, event.source[0], event.evidence[0]):
        assert list(obj.to_dict()) == [f.name for f in fields(obj)]


def test_dicts_share_no_lists_with_the_event():
    event = _event()
    data = event.to_dict()
    data["evidence"][0]["arguments"]["source"][0][0] = 99
    data["source"].clear()
    assert event.evidence[0].arguments["source"] == [[0, 10]] and event.source


def test_the_flat_records_and_quotes_give_what_asdict_gives():
    quote = Quote(5, 40, "we will … sign", "mixed", [[5, 12], [20, 40]], Span(41, 45), "said",
                  Speaker(46, 48, "Xi", "per:xi-jinping", "Xi Jinping", "president"), 0.7)
    records = [
        Dateline("LIMA", "Xinhua", "2024-11-14", 0, 20),
        Timex(3, 12, "yesterday", "DATE", "2024-11-13", True, 0.9, None, "dct"),
        Mention(0, 10, "Xi Jinping", "PER", 0.95, "ner", "per:xi-jinping"),
        Speaker(46, 48, "Xi", None, None, None),
        quote,
        Quote(0, 4, "yes", "direct"),
    ]
    for record in records:
        assert json.dumps(record.to_dict()) == json.dumps(asdict(record))
        assert list(record.to_dict()) == [f.name for f in fields(record)]
    data = quote.to_dict()
    data["fragments"][0][0] = 99
    assert quote.fragments[0][0] == 5
