"""Live feeds into a PostgreSQL store: the feed state, seen URLs and robots.txt tables run on
the server as on SQLite, so a second round fetches only what changed and status lists the
feeds."""

from __future__ import annotations

import json
from pathlib import Path

from newssite import NewsSite

from cli_helpers import run, tidings


def test_watch_once_twice_on_postgresql_fetches_only_what_changed(
        site: NewsSite, feeds_file: Path, light_config: Path, pg_server):
    db = pg_server.fresh()
    args = ("watch", "--feeds", str(feeds_file), "--db", db, "--config", str(light_config),
            "--once", "--no-stories", "--json")
    first = json.loads(tidings(*args).stdout.splitlines()[-1])
    assert first["added"] == 7 and first["feeds_polled"] == 11
    site.grow()
    before = len(site.log)
    second = json.loads(tidings(*args).stdout.splitlines()[-1])
    assert second["added"] == 1
    pages = [e.path for e in site.log[before:] if not e.path.endswith((".xml", ".txt"))]
    assert pages == ["/en/late-news"]
    status = json.loads(run("status", "--db", db, "--json"))
    assert status["articles"] == 8 and len(status["feeds"]) == 11
