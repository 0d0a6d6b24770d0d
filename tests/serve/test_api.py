"""The JSON API through the real app over the demo store: each route answers what the
service (and so the CLI) gives, lists page without gaps or repeats, filters keep only what
they say, exports stream the same events as ``/api/events``, and every error has one shape."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

HOSTILE_TITLE = '<script>alert("title")</script> Port workers <b>strike</b> in Lima'


def _error(response, status: int) -> dict:
    """The error body of ``response``, checked to be the one error shape with ``status``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "hint"}
    assert re.fullmatch(r"T\d{3}", body["error"]["code"])
    assert body["error"]["message"]
    return body["error"]


def _all(client, path: str, limit: int, **params) -> list[dict]:
    """Every item of a paged list, following ``next`` from the first page to the last."""
    items, cursor, pages = [], None, 0
    while True:
        page = client.get(path, params={**params, "limit": limit,
                                         **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return items
        assert len(body["items"]) == limit  # only a full page has a next one
        assert pages < 200


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


@pytest.fixture(scope="session")
def every_article(client) -> list[dict]:
    body = client.get("/api/articles", params={"limit": 500}).json()
    assert body["next"] is None
    return body["items"]


@pytest.fixture(scope="session")
def every_event(client) -> list[dict]:
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["next"] is None
    return body["items"]


@pytest.fixture(scope="session")
def hostile_id(every_article) -> str:
    return next(a["id"] for a in every_article if a["title"] == HOSTILE_TITLE)


# -- articles -------------------------------------------------------------------------------

def test_text_search_finds_the_articles_that_name_boluarte(client):
    hits = client.get("/api/articles", params={"q": "Boluarte"}).json()["items"]
    assert len(hits) >= 5
    assert {h["lang"] for h in hits} >= {"en", "es", "de"}
    for hit in hits:
        assert "boluarte" in f"{hit['title']} {hit['snippet']}".lower(), hit
        assert hit["rank"] is not None


def test_semantic_search_in_english_finds_the_valencia_floods_in_other_languages(client):
    response = client.get("/api/articles", params={
        "q": "floods in Valencia kill more than two hundred people", "mode": "semantic",
        "limit": 5})
    hits = response.json()["items"]
    assert len(hits) == 5
    assert all("valencia-dana" in h["source"] for h in hits), [h["source"] for h in hits]
    assert len({h["lang"] for h in hits} - {"en"}) >= 2
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and all(s is not None for s in scores)


def test_both_modes_fused_keep_the_word_hits_and_add_the_other_languages(client):
    text = client.get("/api/articles", params={"q": "Valencia floods", "limit": 50}).json()
    both = client.get("/api/articles", params={"q": "Valencia floods", "mode": "both",
                                               "limit": 50}).json()
    assert text["items"] and set(_ids(text["items"])) <= set(_ids(both["items"]))
    assert both["items"][0]["id"] == text["items"][0]["id"]
    assert {h["lang"] for h in both["items"][:8]} >= {"en", "es", "fr", "zh"}
    fused = [h["fused"] for h in both["items"]]
    assert fused == sorted(fused, reverse=True)


def test_an_unknown_search_mode_is_a_400_that_names_the_modes(client):
    error = _error(client.get("/api/articles", params={"q": "port", "mode": "fuzzy"}), 400)
    assert "fuzzy" in error["message"] and "semantic" in error["hint"]


@pytest.mark.parametrize("params", [{}, {"q": "the OR de OR la OR le"}, {"lang": "es"}],
                         ids=["newest", "words", "lang"])
def test_following_next_through_pages_of_five_gives_every_article_once(client, params):
    whole = client.get("/api/articles", params={**params, "limit": 500}).json()["items"]
    paged = _all(client, "/api/articles", 5, **params)
    assert len(whole) > 5
    assert _ids(paged) == _ids(whole)
    assert len(set(_ids(paged))) == len(paged)


def test_every_article_is_listed_once(client, every_article):
    status = client.get("/api/status").json()
    assert len(every_article) == status["articles"] == len(set(_ids(every_article)))


@pytest.mark.parametrize("cursor", [
    "zzz", "bm90LWEtY3Vyc29y",  # "not-a-cursor"
    base64.urlsafe_b64encode(b"o:-5").decode(), base64.urlsafe_b64encode(b"o:99999999999").decode(),
    "%00", "o:5"])
def test_a_forged_cursor_is_a_400_with_the_error_shape(client, cursor):
    for path in ("/api/articles", "/api/events", "/api/stories", "/api/quotes",
                 "/api/storylines"):
        error = _error(client.get(path, params={"cursor": cursor}), 400)
        assert "cursor" in error["message"] and "next" in error["hint"]


def test_lang_keeps_only_articles_in_that_language(client, every_article):
    hits = client.get("/api/articles", params={"lang": "de", "limit": 500}).json()["items"]
    assert hits and all(h["lang"] == "de" for h in hits)
    assert len(hits) == sum(1 for a in every_article if a["lang"] == "de")


def test_since_and_until_keep_the_articles_published_in_their_periods(client, every_article):
    hits = client.get("/api/articles", params={"since": "2024-11", "until": "2024-11",
                                               "limit": 500}).json()["items"]
    wanted = [a["id"] for a in every_article
              if a["published"] and "2024-11-01" <= a["published"][:10] <= "2024-11-30"]
    assert wanted and sorted(_ids(hits)) == sorted(wanted)
    later = client.get("/api/articles", params={"since": "2024-12-07", "limit": 500}).json()
    assert later["items"] and all(h["published"][:10] >= "2024-12-07" for h in later["items"])


def test_an_impossible_date_is_a_400_that_says_how_to_write_one(client):
    error = _error(client.get("/api/articles", params={"since": "last tuesday"}), 400)
    assert "since" in error["message"] and "YYYY-MM-DD" in error["hint"]


def test_entity_keeps_the_articles_that_mention_it(client):
    xi = client.get("/api/entities/per:xi-jinping").json()
    hits = client.get("/api/articles", params={"entity": "per:xi-jinping",
                                               "limit": 500}).json()["items"]
    assert len(hits) == xi["articles"]
    for hit in hits[:5]:
        article = client.get(f"/api/articles/{hit['id']}").json()
        assert "per:xi-jinping" in {m.get("entity_id") for m in article["mentions"]}


def test_story_keeps_the_articles_of_that_story(client):
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
    hits = client.get("/api/articles", params={"story": story["id"], "limit": 500}).json()
    assert sorted(_ids(hits["items"])) == sorted(_ids(story["articles"]))


def test_type_keeps_the_articles_that_report_that_type_of_event(client):
    hits = client.get("/api/articles", params={"type": "consult", "limit": 500}).json()["items"]
    assert hits
    for hit in hits[:6]:
        article = client.get(f"/api/articles/{hit['id']}").json()
        assert "CONSULT" in {e["type"] for e in article["events"]}


# -- one article ------------------------------------------------------------------------------

def test_an_article_is_what_tidings_show_json_gives(client, demo_db: Path, every_article):
    from tidings import service
    from tidings.store import open_store

    ident = next(a["id"] for a in every_article if "Boluarte" in (a["title"] or ""))
    with open_store(demo_db, readonly=True) as store:
        expected = json.loads(json.dumps(service.article(store, ident), ensure_ascii=False))
    got = client.get(f"/api/articles/{ident}").json()
    assert got == expected
    assert got["text"] and got["mentions"] and got["events"]


def test_an_article_is_found_by_a_prefix_of_six_or_more_characters(client, hostile_id):
    assert client.get(f"/api/articles/{hostile_id[:8]}").json()["id"] == hostile_id
    assert client.get(f"/api/articles/{hostile_id[:6]}").json()["id"] == hostile_id
    error = _error(client.get(f"/api/articles/{hostile_id[:5]}"), 404)
    assert error["code"] == "T710" and "6+" in error["hint"]


@pytest.mark.parametrize(("path", "code"), [
    ("/api/articles/ffffffffffffffff", "T710"), ("/api/entities/per:nobody-at-all", "T712"),
    ("/api/stories/s-ffffffffffffffff", "T711"), ("/api/storylines/d-AAA-ZZZ", "T713"),
    ("/api/storylines/t-ffffffffffffffff", "T713"), ("/api/storylines/XYZ-ZZZ", "T713"),
    ("/api/nothing-here", "T720")])
def test_an_unknown_id_is_a_404_with_the_error_shape(client, path, code):
    error = _error(client.get(path), 404)
    assert error["code"] == code and error["hint"]


# -- entities ---------------------------------------------------------------------------------

def test_entities_come_most_widely_reported_first_with_aliases_and_roles(client):
    items = client.get("/api/entities", params={"limit": 20}).json()["items"]
    assert len(items) == 20
    counts = [e["articles"] for e in items]
    assert counts == sorted(counts, reverse=True)
    assert all(isinstance(e["aliases"], dict) and isinstance(e["roles"], list) for e in items)
    people = client.get("/api/entities", params={"type": "per", "name": "习近平"}).json()
    assert _ids(people["items"]) == ["per:xi-jinping"]


def test_an_entity_has_aliases_by_language_roles_months_and_company(client):
    xi = client.get("/api/entities/PER:Xi-Jinping").json()  # any case
    assert xi["id"] == "per:xi-jinping"
    assert "习近平" in xi["aliases"]["zh"] and "Xi Jinping" in xi["aliases"]["en"]
    assert "president" in {r["role"] for r in xi["roles"]}
    assert all({"role", "first_seen", "last_seen", "articles"} <= set(r) for r in xi["roles"])
    assert sum(m["articles"] for m in xi["by_month"]) == xi["articles"]
    assert sum(m["mentions"] for m in xi["by_month"]) == xi["mentions"]
    assert "2024-11" in {m["month"] for m in xi["by_month"]}
    together = {o["id"]: o["articles"] for o in xi["together"]}
    assert "CHN" in together and "per:xi-jinping" not in together
    assert list(together.values()) == sorted(together.values(), reverse=True)


# -- events -----------------------------------------------------------------------------------

def _tokens(actors: list[dict]) -> set[str]:
    return {v for a in actors for v in (a["entity_id"], a["code"], a["country"]) if v}


def test_a_pair_matches_its_events_in_either_direction(client):
    one = client.get("/api/events", params={"pair": "CHN-PER", "limit": 500}).json()["items"]
    other = client.get("/api/events", params={"pair": "per-chn", "limit": 500}).json()["items"]
    assert one and sorted(_ids(one)) == sorted(_ids(other))
    directions = set()
    for event in one:
        source, target = _tokens(event["source"]), _tokens(event["target"])
        found = {name for name, holds in (
            ("CHN->PER", "CHN" in source and "PER" in target),
            ("PER->CHN", "PER" in source and "CHN" in target),
            ("mutual", event["symmetric"] and {"CHN", "PER"} <= source)) if holds}
        assert found, event
        directions |= found
    assert {"CHN->PER", "PER->CHN"} <= directions, directions


def test_type_and_status_keep_only_their_events(client, every_event):
    consult = client.get("/api/events", params={"type": "consult", "limit": 500}).json()
    assert consult["items"] and all(e["type"] == "CONSULT" for e in consult["items"])
    assert len(consult["items"]) == sum(1 for e in every_event if e["type"] == "CONSULT")
    planned = client.get("/api/events", params={"status": "planned", "limit": 500}).json()
    assert planned["items"] and all(e["status"] == "planned" for e in planned["items"])


def test_events_page_through_without_gaps_or_repeats(client, every_event):
    assert _ids(_all(client, "/api/events", 50)) == _ids(every_event)


@pytest.mark.parametrize(("params", "said", "hinted"), [
    ({"pair": "CHN"}, "pair", "A-B"), ({"pair": "CHN-PER-USA"}, "pair", "A,B"),
    ({"status": "maybe"}, "status", "happened"), ({"type": "TELEPORT"}, "TELEPORT", "CONSULT"),
    ({"until": "2024-13"}, "until", "YYYY")])
def test_an_event_filter_that_cannot_match_is_a_400_with_a_hint(client, params, said, hinted):
    for path in ("/api/events", "/api/events/by-month", "/api/events.csv", "/api/events.jsonl"):
        error = _error(client.get(path, params=params), 400)
        assert said in error["message"] and hinted in error["hint"], (path, error)


def test_a_parameter_out_of_range_is_a_422_that_names_it(client):
    error = _error(client.get("/api/events", params={"min_confidence": 2}), 422)
    assert "min_confidence" in error["message"] and error["hint"]
    error = _error(client.get("/api/articles", params={"limit": 0}), 422)
    assert "limit" in error["message"]
    error = _error(client.get("/api/articles", params={"limit": "many"}), 422)
    assert "limit" in error["message"]


QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
WEEK = re.compile(r"(\d{4})-W(\d{2})")


def _month_of(event: dict) -> str | None:
    """The month an event is counted in: that of its day or month, or the month its week
    starts in; a year, a season or no date is in no month."""
    found = event["date"] or ""
    if MONTH.match(found):
        return found[:7]
    if week := WEEK.fullmatch(found):
        return date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()[:7]
    return None


@pytest.mark.parametrize("params", [{}, {"pair": "CHN-PER"}, {"type": "AGREE"}])
def test_by_month_counts_add_up_to_the_events_dated_within_a_month(client, params):
    events = client.get("/api/events", params={**params, "limit": 500}).json()["items"]
    months = client.get("/api/events/by-month", params=params).json()
    assert months and all(MONTH.fullmatch(m["month"]) for m in months)
    assert [m["month"] for m in months] == sorted(m["month"] for m in months)
    expected = Counter((_month_of(e), QUADS[e["quad_class"] - 1]) for e in events
                       if _month_of(e) and e["quad_class"] in (1, 2, 3, 4))
    assert {(m["month"], q): m[q] for m in months for q in QUADS if m[q]} == expected
    assert sum(expected.values()) > 0


@pytest.mark.parametrize("params", [{}, {"pair": "CHN-PER"}, {"lang": "zh", "since": "2024"}])
def test_the_exports_stream_the_events_of_the_api(client, params):
    events = client.get("/api/events", params={**params, "limit": 500}).json()["items"]
    assert events
    response = client.get("/api/events.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "events.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert response.text.startswith("event_id,")
    assert sorted(r["event_id"] for r in rows) == sorted(_ids(events))
    response = client.get("/api/events.jsonl", params=params)
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines() if line]
    assert len(lines) == len(events)
    assert sorted(line["id"] for line in lines) == sorted(_ids(events))


# -- stories ----------------------------------------------------------------------------------

def test_stories_come_newest_first_and_page_through(client):
    first = client.get("/api/stories", params={"limit": 500}).json()["items"]
    assert len(first) > 3
    last = [s["last_published"] for s in first if s["last_published"]]
    assert last == sorted(last, reverse=True)
    assert _ids(_all(client, "/api/stories", 3)) == _ids(first)
    multi = [s for s in first if s["size"] > 1]
    assert multi and all(len(s["articles"]) == s["size"] for s in multi)


def test_a_story_says_why_each_article_joined_it(client):
    stories = client.get("/api/stories", params={"limit": 500}).json()["items"]
    big = max(stories, key=lambda s: s["size"])
    story = client.get(f"/api/stories/{big['id']}").json()
    assert story["id"] == big["id"] and len(story["articles"]) == big["size"] > 1
    ids = set(_ids(story["articles"]))
    joined = [a["joined"] for a in story["articles"]]
    assert all("score" in j and "via" in j for j in joined)
    via = [j for j in joined if j["via"]]
    assert via and all(j["via"] in ids and j["score"] is not None for j in via)
    # the same story by a prefix without its "s-", and by the id of one of its articles
    assert client.get(f"/api/stories/{big['id'][2:12]}").json()["id"] == big["id"]
    member = story["articles"][-1]["id"]
    assert client.get(f"/api/stories/{member}").json()["id"] == big["id"]


def test_quotes_are_a_paged_list(client):
    quotes = client.get("/api/quotes").json()
    assert isinstance(quotes["items"], list) and set(quotes) == {"items", "next"}


# -- storylines -------------------------------------------------------------------------------

QUAD_KEYS = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
             "material_conflict")


def test_storylines_come_most_stories_first_and_page_through(client):
    every = client.get("/api/storylines", params={"limit": 500}).json()
    assert every["next"] is None and len(every["items"]) > 3
    sizes = [s["size"] for s in every["items"]]
    assert sizes == sorted(sizes, reverse=True)
    assert {s["kind"] for s in every["items"]} == {"dyad", "theme"}
    assert _ids(_all(client, "/api/storylines", 3)) == _ids(every["items"])
    assert len(set(_ids(every["items"]))) == len(every["items"])


def test_kind_and_min_stories_keep_only_their_storylines(client):
    every = client.get("/api/storylines", params={"limit": 500}).json()["items"]
    dyads = client.get("/api/storylines", params={"kind": "DYAD", "limit": 500}).json()
    assert dyads["items"] and all(s["kind"] == "dyad" for s in dyads["items"])
    assert len(dyads["items"]) == sum(1 for s in every if s["kind"] == "dyad")
    big = client.get("/api/storylines", params={"min_stories": 2, "limit": 500}).json()
    assert _ids(big["items"]) == [s["id"] for s in every if s["size"] >= 2]


@pytest.mark.parametrize("pair", ["CHN-PER", "PER-CHN", "per-chn", "PER,CHN"])
def test_a_pair_finds_its_dyad_in_either_order(client, pair):
    found = client.get("/api/storylines", params={"pair": pair}).json()
    assert _ids(found["items"]) == ["d-CHN-PER"] and found["next"] is None


def test_entity_keeps_the_storylines_with_that_key_entity(client):
    found = client.get("/api/storylines", params={"entity": "per:xi-jinping",
                                                  "limit": 500}).json()["items"]
    assert "d-CHN-PER" in _ids(found)
    assert all("per:xi-jinping" in _ids(s["entities"]) for s in found)


def test_a_pair_no_storyline_has_is_a_404_that_says_which_actor(client):
    error = _error(client.get("/api/storylines", params={"pair": "CHN-XYZ"}), 404)
    assert error["code"] == "T713" and "XYZ" in error["message"] and error["hint"]


@pytest.mark.parametrize(("params", "said", "hinted"), [
    ({"kind": "saga"}, "saga", "dyad"), ({"pair": "CHN"}, "pair", "A-B"),
    ({"pair": "per:xi-jinping,PER"}, "pair", "entity"), ({"since": "2024-13"}, "since", "YYYY")])
def test_a_storyline_filter_that_cannot_match_is_a_400_with_a_hint(client, params, said,
                                                                    hinted):
    error = _error(client.get("/api/storylines", params=params), 400)
    assert said in error["message"] and hinted in error["hint"], error


def test_min_stories_out_of_range_is_a_422_that_names_it(client):
    error = _error(client.get("/api/storylines", params={"min_stories": 0}), 422)
    assert "min_stories" in error["message"]


def test_a_storyline_has_its_months_with_quad_counts_volume_and_score(client):
    line = client.get("/api/storylines/d-CHN-PER").json()
    assert line["kind"] == "dyad" and line["label"]
    assert {a["code"] for a in line["actors"]} == {"CHN", "PER"}
    members = {m["id"] for a in line["actors"] for m in a["members"]}
    assert {"per:xi-jinping", "per:dina-boluarte"} <= members
    months = line["months"]
    assert {"2024-06", "2024-11"} <= set(months)
    assert all(MONTH.fullmatch(m) or m == "undated" for m in months)
    for figures in months.values():
        assert set(QUAD_KEYS) | {"events", "volume", "sources", "score"} <= set(figures)
        assert sum(figures[q] for q in QUAD_KEYS) <= figures["events"]
        assert figures["score"] is None or -10 <= figures["score"] <= 10
    june = months["2024-06"]
    assert sum(june[q] for q in QUAD_KEYS) > 0 and june["volume"] > 0
    assert june["score"] is not None
    assert sum(f["volume"] for f in months.values()) == line["articles"]
    assert (line["first_month"], line["last_month"]) == ("2024-06", "2024-11")


def test_a_storylines_stories_are_in_time_order_with_their_articles(client):
    line = client.get("/api/storylines/d-CHN-PER").json()
    stories = line["stories"]
    assert len(stories) == line["size"] >= 2
    first = [s["first_published"][:10] for s in stories if s["first_published"]]
    assert first == sorted(first)
    assert stories[0]["first_published"].startswith("2024-06")
    assert stories[-1]["first_published"].startswith("2024-11")
    assert sum(len(s["articles"]) for s in stories) == line["articles"]
    for story in stories:
        listed = client.get(f"/api/stories/{story['id']}").json()
        assert set(_ids(story["articles"])) == set(_ids(listed["articles"]))


@pytest.mark.parametrize("ident", ["d-CHN-PER", "d-chn-per", "CHN-PER", "PER-CHN", "per,chn"])
def test_a_storyline_is_found_by_its_id_or_its_pair(client, ident):
    assert client.get(f"/api/storylines/{ident}").json()["id"] == "d-CHN-PER"


def test_a_theme_is_found_by_its_id(client):
    themes = client.get("/api/storylines", params={"kind": "theme", "limit": 1}).json()
    theme = themes["items"][0]
    assert theme["id"].startswith("t-") and theme["actors"] == []
    assert client.get(f"/api/storylines/{theme['id']}").json() == theme


# -- the schema and the docs --------------------------------------------------------------------

def test_the_openapi_schema_lists_every_api_route(client):
    from tidings.serve.api import router

    schema = client.get("/openapi.json").json()
    routes = {route.path for route in router.routes}
    assert routes and set(schema["paths"]) == routes
    assert not [p for p in schema["paths"] if not p.startswith("/api")]  # the pages stay out
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {"200", "400", "404", "422", "503"} <= set(operation["responses"]), path


def test_the_docs_load_with_nothing_from_another_host(client):
    response = client.get("/docs")
    assert response.status_code == 200
    page = response.text
    assert "cdn" not in page.lower()
    assert not re.search(r"https?://", page)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "'/openapi.json'" in page or '"/openapi.json"' in page


# -- the time limit ---------------------------------------------------------------------------

def test_a_query_past_the_time_limit_is_a_503_and_the_next_request_is_answered(
        demo_db, client, hostile_id):
    """Statements are cut by SQLite's progress handler, which looks at the clock every
    10,000 steps of its virtual machine: on the demo store an article search takes fewer
    (and is answered), while listing events or storylines or the search page's facets take
    more."""
    from fastapi.testclient import TestClient

    from tidings.serve import create_app

    with TestClient(create_app(demo_db, time_limit=1e-6),
                    raise_server_exceptions=False) as hurried:
        for path in ("/api/events", "/api/events/by-month", "/api/events.csv",
                     "/api/storylines"):
            error = _error(hurried.get(path), 503)
            assert error["code"] == "T410" and "narrow" in error["hint"], path
        page = hurried.get("/")
        assert page.status_code == 503 and "T410" in page.text and "narrow" in page.text
        assert hurried.get(f"/api/articles/{hostile_id}").status_code == 200
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


def test_a_story_page_links_the_storylines_it_is_in(client):
    line = client.get("/api/storylines/d-CHN-PER").json()
    page = client.get(f"/stories/{line['stories'][0]['id']}").text
    assert 'href="/storylines/d-CHN-PER"' in page
