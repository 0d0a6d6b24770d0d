"""Articles with events, shared by the event contract tests and the SQLite backend tests."""

from __future__ import annotations

from pathlib import Path

from tidings.model import Actor, Article, Entity, Event, Evidence
from tidings.queries import EntityQuery, EventQuery

ROOT = Path(__file__).resolve().parents[2]


def events(store, **filters):
    """The stored events matching ``filters`` (the keywords of ``EventQuery.parse``)."""
    return list(store.events(EventQuery.parse(**filters)))


def entities(store, **filters):
    return store.entities(EntityQuery.parse(**filters))


def actor(text: str, words: str, entity_id=None, code=None, country=None) -> Actor:
    start = text.index(words)
    return Actor(start, start + len(words), words, entity_id, code, country)


def evidence(text: str, trigger: str, **arguments: str) -> Evidence:
    start = text.index(trigger)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    sentence_end = text.find(".", start) + 1 or len(text)
    spans = {role: [[text.index(w), text.index(w) + len(w)]] for role, w in arguments.items()}
    return Evidence(sentence_start, sentence_end, start, start + len(trigger), trigger, spans, 0.9)


def xi(text: str, words: str = "President Xi") -> Actor:
    return actor(text, words, "per:xi-jinping", "CHNGOV", "CHN")


def boluarte(text: str, words: str = "Dina Boluarte") -> Actor:
    return actor(text, words, "per:dina-boluarte", "PERGOV", "PER")


LIMA = (
    "President Xi met Dina Boluarte in Lima on Thursday. "
    "The two leaders signed a port agreement this month."
)
REPLY = "Peru asked China for help with the port. Protesters marched against the government."
REFUSAL = "Peru will not sign the trade pact with the United States this year."


def _lima() -> Article:
    article = Article(LIMA, source="test/lima.txt", title="Xi meets Boluarte", lang="en",
                      published="2024-11-14", url="https://news.example/lima")
    article.entities = [Entity("per:xi-jinping", "Xi Jinping", "PER", country="CHN",
                               actor="CHNGOV")]
    article.events = [
        Event("CONSULT", [xi(LIMA)], [boluarte(LIMA)], mode="visit", date="2024-11-14",
              date_precision="day", date_from="timex", location="geo:3936456",
              location_name="Lima", cameo="042", quad_class=1, confidence=0.8,
              evidence=[evidence(LIMA, "met", source="President Xi", date="Thursday")]),
        Event("AGREE", [xi(LIMA, "The two leaders")], [boluarte(LIMA, "The two leaders")],
              date="2024-11", date_precision="month", cameo="030", quad_class=1,
              evidence=[evidence(LIMA, "signed")]),
    ]
    article.versions["events"] = "events.test"
    return article


def _reply() -> Article:
    article = Article(REPLY, source="test/reply.txt", title="Peru asks China", lang="en",
                      published="2024-11-20")
    article.events = [
        Event("REQUEST", [actor(REPLY, "Peru", "PER", "PER", "PER")],
              [actor(REPLY, "China", "CHN", "CHN", "CHN")], date="2024-11-20",
              evidence=[evidence(REPLY, "asked")]),
        Event("PROTEST", [actor(REPLY, "Protesters")],
              [actor(REPLY, "the government", None, "PERGOV", "PER")],
              evidence=[evidence(REPLY, "marched")]),
    ]
    return article


def _refusal() -> Article:
    article = Article(REFUSAL, source="test/refusal.txt", title="No pact", lang="en",
                      published="2024-03-02")
    article.events = [
        Event("AGREE", [actor(REFUSAL, "Peru", "PER", "PER", "PER")],
              [actor(REFUSAL, "the United States", "USA", "USA", "USA")], status="negated",
              date="2024", date_precision="year", evidence=[evidence(REFUSAL, "sign")]),
    ]
    return article


def types(rows) -> list[str]:
    return [row["type"] for row in rows]


# -- writing and reading back -----------------------------------------------------------------


