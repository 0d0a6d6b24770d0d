"""The server's read-only stores: lent to one request at a time, kept open between requests,
never stale, and closed when a request failed or the server stops. A real SQLite store."""

from __future__ import annotations

import contextlib
import shutil

import pytest

from tidings.model import Article
from tidings.queries import ArticleQuery
from tidings.serve.app import StoreOpener
from tidings.store import open_store


@pytest.fixture
def db(demo_db, tmp_path):
    """A copy of the demo store, to write to."""
    copy = tmp_path / "copy.db"
    shutil.copy(demo_db, copy)
    return copy


def _lend(opener: StoreOpener):
    lending = opener()
    return lending, next(lending)


def _give_back(lending) -> None:
    for _ in lending:  # the generator ends: the store goes back
        pass


def test_a_store_is_lent_to_one_request_at_a_time_and_kept_after(db):
    opener = StoreOpener(db, time_limit=5.0, keep=1)
    first, one = _lend(opener)
    second, other = _lend(opener)
    assert one is not other  # two requests at once: two connections
    _give_back(first)
    _give_back(second)  # more than ``keep``: this one is closed
    third, again = _lend(opener)
    assert again is one
    _give_back(third)
    opener.close()


def test_a_kept_store_sees_what_was_written_since(db):
    opener = StoreOpener(db, time_limit=5.0)
    lending, store = _lend(opener)
    before = store.count()
    _give_back(lending)
    with open_store(db) as writer:
        writer.write([Article(text="A new report on the port of Chancay.",
                              source="new.txt", title="New report", lang="en")], [])
    lending, kept = _lend(opener)
    assert kept is store and kept.count() == before + 1
    assert [h["id"] for h in kept.search(ArticleQuery.parse("Chancay new", limit=5))]
    _give_back(lending)
    opener.close()


def test_a_store_whose_request_failed_is_closed_not_kept(db):
    opener = StoreOpener(db, time_limit=5.0)
    lending, store = _lend(opener)
    with contextlib.suppress(RuntimeError):
        lending.throw(RuntimeError("the request failed"))
    lending, fresh = _lend(opener)
    assert fresh is not store
    _give_back(lending)
    opener.close()
    assert opener._idle == []


