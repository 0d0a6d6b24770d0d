"""Bad input never crashes, hangs or eats memory: good parts are stored, the rest becomes
a reject naming the file (and line or record) with a reason a person can act on.

Every input is generated here. The big ones (50 MB page, 100,000 nested tags, a 5 MB line,
entity bombs) run through the ``tidings`` command in a child process, whose peak memory is
measured and whose run time is bounded.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import struct

import pytest

MB = 1_000_000
# What the whole ingest process may take at most with one bad input in it: well under a
# gigabyte. The language, NER models and gazetteer alone take about 420 MB.
PEAK_RSS_LIMIT_MB = 900

GOOD = (
    "BERLIN (dpa) - Die Präsidentin des Bundestages hat am Freitag eine Sondersitzung "
    "einberufen. Die Abgeordneten berieten lange über den Haushalt der Regierung."
)


def _good_file(folder, name="good.txt"):
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def _entity_bomb(root: str = "rss") -> str:
    """The "billion laughs": ten levels of entities, each ten of the one below."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    body = (
        '<rss version="2.0"><channel><title>Bomb</title><item><title>Laughs</title>'
        "<description>&lol9; and then some words of news.</description></item></channel></rss>"
        if root == "rss"
        else "<html><body><article><p>&lol9; and then some words of news.</p></article>"
        "</body></html>"
    )
    return '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entities) + "\n]>\n" + body


# -- empty, binary, no body text ------------------------------------------------------------


def test_ingest_rejects_empty_files_and_stores_the_good_file_beside_them(tmp_path, ingest_into):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n  ")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    _good_file(tmp_path)

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    assert stored.sources() == {"good.txt"}
    for name in ("empty.txt", "blank.txt", "empty.jsonl"):
        assert "empty" in stored.reject(name)["reason"]


def test_ingest_rejects_binary_files_saying_what_they_look_like(tmp_path, ingest_into):
    noise = random.Random(7)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + noise.randbytes(4000))
    (tmp_path / "story.html").write_bytes(b"PK\x03\x04" + noise.randbytes(4000))
    (tmp_path / "numbers.txt").write_bytes(b"".join(struct.pack("<I", i) for i in range(3000)))
    (tmp_path / "noise.txt").write_bytes(noise.randbytes(20_000))
    _good_file(tmp_path)

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    assert stored.sources() == {"good.txt"}
    assert "binary" in stored.reject("photo.txt")["reason"]
    assert "PNG" in stored.reject("photo.txt")["reason"]
    assert "ZIP" in stored.reject("story.html")["reason"]
    assert "NUL" in stored.reject("numbers.txt")["reason"]
    noise_reason = stored.reject("noise.txt")["reason"]
    assert "binary" in noise_reason or "no charset found" in noise_reason


def test_ingest_rejects_inputs_with_no_body_text_and_names_the_record(tmp_path, ingest_into):
    (tmp_path / "header_only.txt").write_text("Title: Nur ein Titel\nDate: 2024-11-15\n")
    (tmp_path / "nav_only.html").write_text(
        "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/world'>World</a></nav></body></html>"
    )
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"title": "Good", "text": GOOD})
        + "\n"
        + json.dumps({"title": "Headline only", "url": "https://e.org/1"})
        + "\n"
    )
    (tmp_path / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Full</title><description>{GOOD}</description></item>"
        "<item><title>Empty</title><link>https://e.org/2</link></item>"
        "</channel></rss>"
    )

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    assert stored.article("records.jsonl#line=1")["title"] == "Good"
    assert stored.article("feed.rss#record=0")["title"] == "Full"
    assert "no body text" in stored.reject("header_only.txt")["reason"]
    nav = stored.reject("nav_only.html")["reason"]
    assert "no body text" in nav or "no main text" in nav
    no_field = stored.reject("records.jsonl#line=2")["reason"]
    assert "no text field" in no_field and "[ingest.json_fields]" in no_field
    assert "no text" in stored.reject("feed.rss#record=1")["reason"]


# -- entity bombs -----------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_rejects_an_xml_entity_bomb_without_expanding_it(tmp_path, tidings_cli):
    bomb = _entity_bomb()
    (tmp_path / "bomb.rss").write_text(bomb)
    # a long comment pushes the DOCTYPE past the first 64 KB
    (tmp_path / "padded.xml").write_text(
        bomb.replace("\n", "\n<!--" + "x" * 100_000 + "-->\n", 1)
    )
    (tmp_path / "wide.rss").write_bytes(
        codecs.BOM_UTF16_LE + bomb.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode(
            "utf-16-le"
        )
    )
    (tmp_path / "bomb.html").write_text(_entity_bomb(root="html"))
    (tmp_path / "xxe.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>X</title>'
        "<description>&xxe; and some more words of news.</description></item></channel></rss>"
    )
    _good_file(tmp_path)

    run = tidings_cli(["ingest", tmp_path, "--db", tmp_path / "t.db", "--json"], cwd=tmp_path)

    report = run.json()
    assert report["added"] == 1  # the good file
    for name in ("bomb.rss", "padded.xml", "wide.rss", "bomb.html", "xxe.rss"):
        reason = run.reject(name)["reason"]
        assert "declares entities" in reason and "DOCTYPE" in reason
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


# -- truncated gzip and WARC ------------------------------------------------------------------


def test_ingest_rejects_a_truncated_gzip_file_as_truncated(tmp_path, ingest_into):
    packed = gzip.compress((GOOD + "\n\n").encode() * 200)
    (tmp_path / "story.txt.gz").write_bytes(packed[: len(packed) // 2])
    _good_file(tmp_path)

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    assert stored.sources() == {"good.txt"}
    assert "truncated" in stored.reject("story.txt.gz")["reason"]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("cut", ["in-payload", "in-header"])
def test_ingest_keeps_the_records_before_the_break_in_a_truncated_warc(
    tmp_path, ingest_into, build_warc, page, compress, cut
):
    data, starts = build_warc([page(n) for n in range(6)], compress=compress)
    middle_of_fourth = (starts[3] + starts[4]) // 2
    end = middle_of_fourth if cut == "in-payload" else starts[3] + 40
    name = "crawl.warc.gz" if compress else "crawl.warc"
    (tmp_path / name).write_bytes(data[:end])

    stored = ingest_into([tmp_path / name], tmp_path / "t.db")

    assert sorted(a["title"] for a in stored.articles) == ["Story 0", "Story 1", "Story 2"]
    assert [r["source"] for r in stored.rejects] == [f"{tmp_path / name}#record=3"]
    assert "truncated" in stored.rejects[0]["reason"]


# -- JSON Lines -------------------------------------------------------------------------------


def test_ingest_stores_the_good_lines_of_a_jsonl_file_and_rejects_each_bad_line(
    tmp_path, ingest_into
):
    def good(number: int) -> bytes:
        text = f"Story {number}: the council approved the new budget for the city schools."
        return json.dumps({"title": f"Story {number}", "text": text}).encode()

    lines = [
        good(1),
        b'{"title": "Broken", "text": "the quote is never closed',
        good(3),
        b"[1, 2, 3]",
        good(5),
        b'{"title": "Headline only"}',
        b"",
        b'{"title": "Latin-1", "text": "Caf\xe9 owners met the mayor on Monday morning."}',
        good(9),
    ]
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")

    stored = ingest_into([tmp_path / "feed.jsonl"], tmp_path / "t.db")

    assert sorted(a["source"].rsplit("#", 1)[1] for a in stored.articles) == [
        "line=1",
        "line=3",
        "line=5",
        "line=9",
    ]
    reasons = {r["source"].rsplit("#", 1)[1]: r["reason"] for r in stored.rejects}
    assert set(reasons) == {"line=2", "line=4", "line=6", "line=8"}
    assert reasons["line=2"].startswith("invalid JSON") and "column" in reasons["line=2"]
    assert "at at" not in reasons["line=2"]
    assert "expected a JSON object" in reasons["line=4"]
    assert "no text field" in reasons["line=6"]
    assert "not UTF-8" in reasons["line=8"]


def test_ingest_rejects_a_jsonl_line_over_max_bytes_and_reads_the_lines_after_it(
    tmp_path, ingest_into
):
    line = json.dumps({"title": "Huge", "text": "word " * (5 * MB // 5)})
    small = [json.dumps({"title": f"Small {n}", "text": f"{GOOD} Meldung {n}."}) for n in (1, 3)]
    (tmp_path / "big.jsonl").write_text("\n".join([small[0], line, small[1]]) + "\n")

    stored = ingest_into([tmp_path / "big.jsonl"], tmp_path / "t.db", max_bytes=1 * MB)

    assert sorted(a["title"] for a in stored.articles) == ["Small 1", "Small 3"]
    reason = stored.reject("big.jsonl#line=2")["reason"]
    assert "too long" in reason and "1 MB" in reason and "--max-bytes" in reason


# -- size limits ------------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_rejects_a_50_mb_html_page_unread_and_says_to_raise_max_bytes(
    tmp_path, tidings_cli
):
    paragraph = "<p>" + "The council approved the budget after a long debate. " * 20 + "</p>\n"
    with open(tmp_path / "huge.html", "w", encoding="utf-8") as out:
        out.write("<!DOCTYPE html><html><body><article>\n")
        while out.tell() < 50 * MB:
            out.write(paragraph * 100)
        out.write("</article></body></html>\n")
    _good_file(tmp_path)

    run = tidings_cli(["ingest", tmp_path, "--db", tmp_path / "t.db", "--json"], cwd=tmp_path)

    assert run.json()["added"] == 1
    reason = run.reject("huge.html")["reason"]
    assert reason.startswith("too large: 50 MB > 20 MB")
    assert "--max-bytes" in reason
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


@pytest.mark.slow
def test_ingest_reads_a_50_mb_page_on_stdin_only_up_to_the_limit(tmp_path, tidings_cli):
    with open(tmp_path / "huge.html", "wb") as out:
        out.write(b"<html><body>" + b"<p>The council met again.</p>\n" * (50 * MB // 30))

    run = tidings_cli(
        ["ingest", "-", "--db", tmp_path / "t.db", "--json"],
        cwd=tmp_path,
        stdin=tmp_path / "huge.html",
    )

    reason = run.reject("<stdin>")["reason"]
    assert "too large" in reason and "--max-bytes" in reason
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


def test_ingest_rejects_a_gzip_that_expands_past_max_bytes(tmp_path, ingest_into):
    page = b"<html><body>" + b"<p>The council met again.</p>\n" * (30 * MB // 30)
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page, compresslevel=1))
    _good_file(tmp_path)

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    assert stored.sources() == {"good.txt"}
    reason = stored.reject("page.html.gz")["reason"]
    assert "too large" in reason and "decompressed" in reason and "--max-bytes" in reason


def test_max_bytes_is_a_setting_and_the_reason_gives_both_sizes(tmp_path, ingest_into):
    body = " ".join([GOOD] * 1000)[:150_000]
    (tmp_path / "long.txt").write_text(body, encoding="ascii", errors="replace")

    small = ingest_into([tmp_path / "long.txt"], tmp_path / "a.db", max_bytes=100_000)
    large = ingest_into([tmp_path / "long.txt"], tmp_path / "b.db", max_bytes=200_000)

    reason = small.reject("long.txt")["reason"]
    assert reason.startswith("too large: 0.15 MB > 0.1 MB") and "--max-bytes" in reason
    assert small.articles == []
    assert large.sources() == {"long.txt"} and large.rejects == []


# -- deep nesting, long lines -----------------------------------------------------------------


@pytest.mark.slow
def test_ingest_survives_100000_nested_tags(tmp_path, tidings_cli, page):
    deep = "<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000
    (tmp_path / "nested.html").write_text(f"<html><body>{deep}</body></html>")
    (tmp_path / "nested_after_text.html").write_text(
        page(1).replace("</article>", "</article>" + "<span>" * 100_000)
    )
    _good_file(tmp_path)

    run = tidings_cli(["ingest", tmp_path, "--db", tmp_path / "t.db", "--json"], cwd=tmp_path)

    report = run.json()
    assert "nesting too deep" in run.reject("nested.html")["reason"]
    # text above the nesting is kept
    assert report["added"] == 2
    assert not [r for r in report["rejected"] if "nested_after_text" in r["source"]]
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


@pytest.mark.slow
def test_ingest_stores_a_5_mb_single_line_within_time_and_memory(tmp_path, tidings_cli):
    rng = random.Random(3)
    words = ("council", "budget", "schools", "rise", "after", "talks", "with", "unions", "city")
    parts, size = [], 0
    while size < 4_900_000:  # just under the 5,000,000 characters of max_chars
        sentence = " ".join(rng.choice(words) for _ in range(14)).capitalize() + ". "
        parts.append(sentence)
        size += len(sentence)
    (tmp_path / "one_line.txt").write_text("".join(parts).strip(), encoding="utf-8")
    _good_file(tmp_path)

    run = tidings_cli(["ingest", tmp_path, "--db", tmp_path / "t.db", "--json"], cwd=tmp_path)

    report = run.json()
    assert report["added"] == 2 and report["rejected"] == []
    assert run.peak_rss_mb < PEAK_RSS_LIMIT_MB, f"peak RSS {run.peak_rss_mb:.0f} MB"


# -- NUL bytes --------------------------------------------------------------------------------


def test_ingest_drops_stray_nul_bytes_and_rejects_nul_filled_files(tmp_path, ingest_into):
    stray = (GOOD + "\n\n" + GOOD.replace("Haushalt", "Etat")).encode()
    (tmp_path / "stray.txt").write_bytes(stray.replace(b"Freitag", b"Frei\x00tag") + b"\0")
    (tmp_path / "filled.txt").write_bytes(b"\x00" * 4096 + GOOD.encode())
    (tmp_path / "records.jsonl").write_bytes(
        json.dumps({"title": "Escaped", "text": GOOD + "\u0000"}).encode()
        + b"\n"
        + b'{"title": "Raw", "text": "The council met\x00 on Monday in the city hall."}\n'
    )

    stored = ingest_into([tmp_path], tmp_path / "t.db")

    for article in stored.articles:
        assert "\x00" not in article["text"]
    assert "Präsidentin" in stored.article("stray.txt")["text"]
    assert stored.article("records.jsonl#line=1")["title"] == "Escaped"
    filled = stored.reject("filled.txt")["reason"]
    assert "binary" in filled and "NUL" in filled
    raw = stored.reject("records.jsonl#line=2")["reason"]
    assert "invalid JSON" in raw and "control character" in raw
