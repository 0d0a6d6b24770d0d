"""Events in the SQLite store: written with their article in one transaction, read back with
actors and evidence, filtered by actor, pair, type, status and the period of their date; an
older store gains the event tables when opened."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.errors import InputError, StoreError
from tidings.model import Actor, Article, Entity, Event, Evidence
from tidings.store import open_store
from tidings.store.events import PLOVER_TYPES, date_period
from tidings.store.migrations import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "t.db") as opened:
        opened.write([_lima(), _reply(), _refusal()])
        yield opened


def types(rows) -> list[str]:
    return [row["type"] for row in rows]


# -- writing and reading back -----------------------------------------------------------------


def test_events_come_back_with_their_article_actors_and_evidence(store):
    consult = store.events(type_="CONSULT")[0]

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


def test_an_event_added_by_the_sentence_classifier_keeps_its_method(tmp_path):
    article = _reply()
    sentence_end = REPLY.index(".") + 1
    article.events.append(Event(
        "DEMAND", list(article.events[0].source), list(article.events[0].target),
        confidence=0.41,
        evidence=[Evidence(0, sentence_end, 0, 0, "", {}, 0.41, method="classifier")]))
    with open_store(tmp_path / "c.db") as opened:
        opened.write([article])
        (demand,) = opened.events(type_="DEMAND")
    (told,) = demand["evidence"]
    assert told["method"] == "classifier" and told["trigger"] == ""
    assert told["sentence"] == "Peru asked China for help with the port."
    assert demand["confidence"] == pytest.approx(0.41)


def test_sentences_are_cut_from_the_text_by_character_not_byte(tmp_path):
    text = "秘鲁总统会见了中国国家主席。双方签署了协议。"
    article = Article(text, source="zh.txt", lang="zh", published="2024-11-14")
    start = text.index("签署")
    article.events = [Event("AGREE", evidence=[Evidence(14, len(text), start, start + 2, "签署")])]
    with open_store(tmp_path / "zh.db") as store:
        store.write([article])
        (event,) = store.events()
    assert event["evidence"][0]["sentence"] == "双方签署了协议。"


def test_writing_the_same_article_again_adds_no_events(store):
    before = store.status()["events"]

    assert store.write([_lima(), _reply()]) == 0

    assert store.status()["events"] == before == 5
    assert len(store.events(limit=100)) == 5


def test_status_counts_events(store):
    assert store.status()["events"] == 5


def test_events_are_listed_newest_first_with_undated_ones_last(store):
    dates = [row["date"] for row in store.events()]
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
    assert types(store.events(actor=actor)) == expected


@pytest.mark.parametrize("pair", ["CHN-PER", "PER-CHN", "chn,per", " PER - CHN "])
def test_pair_matches_the_two_actors_on_opposite_sides_in_either_direction(store, pair):
    rows = store.events(pair=pair)
    assert types(rows) == ["REQUEST", "CONSULT", "AGREE"]
    assert rows[0]["source"][0]["country"] == "PER"  # PER -> CHN
    assert rows[1]["source"][0]["country"] == "CHN"  # CHN -> PER


def test_pair_takes_ids_with_hyphens_after_a_comma(store):
    assert types(store.events(pair="per:dina-boluarte,per:xi-jinping")) == ["CONSULT", "AGREE"]
    assert store.events(pair="PER-PER") == []  # one side PER and the other PER


def test_type_and_status_filters_and_their_combination(store):
    assert types(store.events(type_="agree")) == ["AGREE", "AGREE"]
    assert [r["status"] for r in store.events(type_="AGREE", status="negated")] == ["negated"]
    assert types(store.events(status="happened", actor="USA")) == []


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
    assert [r["date"] for r in store.events(since=since, until=until)] == expected


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
    with pytest.raises(InputError) as caught:
        store.events(**filters)
    assert words in caught.value.message
    assert caught.value.hint


def test_an_unknown_type_lists_the_plover_types(store):
    with pytest.raises(InputError) as caught:
        store.events(type_="MEET")
    assert all(name in caught.value.hint for name in PLOVER_TYPES)


def test_a_type_the_store_holds_is_accepted_even_if_not_plover(tmp_path):
    article = Article("The army held a parade.", source="x.txt", published="2024-05-01")
    article.events = [Event("DISPLAY")]
    with open_store(tmp_path / "t.db") as store:
        store.write([article])
        assert types(store.events(type_="display")) == ["DISPLAY"]


# -- transactions and upgrades ----------------------------------------------------------------


def test_a_failed_insert_rolls_back_its_article_its_events_and_the_batch(store):
    before = (store.count(), store.status()["events"])
    good = Article("Chile welcomed the plan.", source="good.txt", published="2024-11-21")
    good.events = [Event("SUPPORT", [Actor(0, 5, "Chile", "CHL", "CHL", "CHL")])]
    bad = Article("Bolivia met Chile.", source="bad.txt", published="2024-11-22")
    # the event row goes in, then the actor row breaks NOT NULL: the whole batch must go
    bad.events = [Event("CONSULT", [Actor(0, 7, None, "BOL")])]  # type: ignore[arg-type]

    with pytest.raises(sqlite3.IntegrityError):
        store.write([good, bad])

    assert (store.count(), store.status()["events"]) == before
    assert store.events(actor="CHL") == []
    assert store.get(good.id) is None
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 10
    assert conn.execute("SELECT count(*) FROM event_evidence").fetchone()[0] == 5
    assert store.write([good]) == 1  # and the store takes writes again
    assert types(store.events(actor="CHL")) == ["SUPPORT"]


def test_a_writer_killed_in_the_middle_of_a_batch_leaves_the_last_commit(tmp_path):
    db = tmp_path / "killed.db"
    with open_store(db) as store:
        store.write([_refusal()])
    script = textwrap.dedent(
        f"""
        import os, signal
        from tidings.model import Actor, Article, Event, Evidence
        from tidings.store import open_store

        def articles():
            for n in range(3):
                article = Article(f"Peru met Chile, round {{n}}.", source=f"k{{n}}.txt")
                article.events = [Event("CONSULT", [Actor(0, 4, "Peru", "PER", "PER", "PER")],
                                        [Actor(9, 14, "Chile", "CHL", "CHL", "CHL")],
                                        evidence=[Evidence(0, 20, 5, 8, "met")])]
                yield article
            os.kill(os.getpid(), signal.SIGKILL)  # after the events went in, before commit

        open_store({str(db)!r}).write(articles())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == -9, done.stderr

    with open_store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count() == 1
        assert store.status()["events"] == 1
        assert store.events(actor="CHL") == []
        assert store.conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 2


def _old_store(path: Path, article: Article) -> None:
    """A store as the version before events wrote it: migrations 0001 and 0002 only."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, sql in MIGRATIONS[:2]:
        assert name in ("0001_articles", "0002_entities")
        conn.executescript(sql)
        conn.execute("INSERT INTO _migrations VALUES (?, '2024-11-01T00:00:00+00:00')", (name,))
    data = article.to_dict()
    text = data.pop("text")
    del data["events"]
    conn.execute(
        """INSERT INTO articles (id, source, format, title, text, lang, published, data,
           versions, ingested_at) VALUES (?, ?, 'text', ?, ?, ?, ?, ?, '{}', '2024-11-01')""",
        (article.id, article.source, article.title, text, article.lang, article.published,
         json.dumps(data)),
    )
    conn.execute("INSERT INTO entities (id, name, type, articles) VALUES ('PER', 'Peru', 'LOC', 1)")
    conn.commit()
    conn.close()


def test_a_store_made_before_events_gains_the_tables_on_open_and_keeps_its_rows(tmp_path):
    db = tmp_path / "old.db"
    old = Article("Peru hosted the summit.", source="old.txt", title="Old", lang="en",
                  published="2024-11-01")
    _old_store(db, old)

    with open_store(db) as store:
        assert store.migrations() == [
            "0001_articles", "0002_entities", "0003_events", "0004_evidence_method"
        ]
        assert store.get(old.id)["title"] == "Old"
        assert store.entities()[0]["name"] == "Peru"
        assert store.status()["events"] == 0
        assert store.events() == []
        assert store.write([_lima()]) == 1
        assert types(store.events()) == ["CONSULT", "AGREE"]
        assert store.count() == 2


def test_a_reader_of_a_store_made_before_events_is_told_to_open_it_with_a_writer(tmp_path):
    db = tmp_path / "old.db"
    _old_store(db, Article("Peru hosted the summit.", source="old.txt"))

    with pytest.raises(StoreError) as caught:
        open_store(db, readonly=True)
    assert "0003_events" in caught.value.message
