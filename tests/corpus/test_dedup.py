"""Near-duplicates: copies join their original's group, templated wires stay apart."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tidings.config import DedupSettings
from tidings.corpus.base import CorpusUpdate
from tidings.corpus.dedup import DedupStage, containment, is_copy, shingles, tokens
from tidings.model import Article
from tidings.store import open_store


def _fold(store, articles: list[Article]) -> dict[str, str]:
    """Store ``articles`` and fold them; article id -> canonical article id."""
    store.write(articles)
    batch = store.corpus.pending(0, 10**6)
    with store.corpus.transaction():
        DedupStage().fold(store.corpus, batch, CorpusUpdate("dedup"))
    ids = {a["rowid"]: a["id"] for a in batch}
    groups = store.corpus.canonicals(list(ids))
    return {ids[r]: ids[c] for r, (c, _) in groups.items()}


def test_dedup_tokens_split_cjk_text_into_characters():
    assert tokens("Xi 访问 秘鲁, 2024") == ["xi", "访", "问", "秘", "鲁", "2024"]
    assert len(shingles("one two")) == 1
    assert shingles("") == set()


def test_dedup_containment_reads_a_cut_copy_as_inside_its_original():
    # half of the original kept: Jaccard 0.5, all of the copy inside the original
    assert containment(0.5, 100, 50) == pytest.approx(1.0)
    copy, _ = is_copy(0.5, 100, 50, DedupSettings())
    assert copy
    # a brief inside a roundup four times its size is not a copy of it
    copy, _ = is_copy(0.25, 200, 50, DedupSettings())
    assert not copy


PARAGRAPHS = [
    "The central bank raised its main interest rate by a quarter point on Thursday, the "
    "third increase this year, citing inflation that has stayed above its target.",
    "Governor Maria Lindqvist told reporters in Stockholm that further steps could follow if "
    "prices for food and energy kept rising through the winter months.",
    "Economists polled before the decision had expected the move, although two of them had "
    "forecast a larger half-point increase given the weak currency.",
    "The krona strengthened slightly after the announcement, while shares of the largest "
    "banks rose between one and two percent in afternoon trading.",
    "The bank will publish its next monetary policy report in February, when it is also "
    "expected to present new forecasts for growth and unemployment.",
]


def test_dedup_groups_copies_with_boilerplate_and_cut_endings(tmp_path: Path):
    original = Article(text="\n".join(PARAGRAPHS), title="Bank raises rate",
                       published="2024-11-14")
    boiler = Article(text="\n".join(PARAGRAPHS) + "\nSubscribe to our newsletter for more.",
                     title="Bank raises rate", published="2024-11-14", source="b")
    cut = Article(text="\n".join(PARAGRAPHS[:3]), title="UPDATE 1-Bank raises rate",
                  published="2024-11-14", source="c")
    other = Article(text="The football club sacked its coach after a fifth defeat in a row, "
                         "the chairman said on Sunday evening at a news conference.",
                    published="2024-11-14", source="d")
    with open_store(tmp_path / "t.db") as store:
        groups = _fold(store, [original, boiler, cut, other])
    assert groups[boiler.id] == original.id
    assert groups[cut.id] == original.id
    assert groups[other.id] == other.id
    assert groups[original.id] == original.id


def _reuters(shared: Path, limit: int) -> list[dict]:
    rows = []
    with open(shared / "eval" / "corpora" / "reuters21578_en.jsonl", encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


@pytest.mark.slow
def test_dedup_finds_95_percent_of_generated_copies_of_reuters_wires(shared, tmp_path):
    rng = random.Random(14)
    wires = [r for r in _reuters(shared, 1500) if len(r["text"]) > 600][:300]
    articles, expected = [], {}
    for row in wires:
        original = Article(text=row["text"], title=row["title"], published=row["date"],
                           source=row["id"])
        lines = row["text"].split("\n")
        kind = rng.choice(["boiler", "cut", "update"])
        if kind == "boiler":
            text = "(Reporting by our correspondent; editing by the desk)\n" + row["text"]
        elif kind == "cut":
            text = "\n".join(lines[: max(3, int(len(lines) * 0.7))])
        else:
            text = row["text"] + "\n The company did not comment further on Friday."
        copy = Article(text=text, title="UPDATE 1-" + row["title"], published=row["date"],
                       source=row["id"] + "#copy")
        articles += [original, copy]
        expected[copy.id] = original.id
    with open_store(tmp_path / "t.db") as store:
        groups = _fold(store, articles)
    found = sum(groups[c] == groups[o] for c, o in expected.items())
    assert found / len(expected) >= 0.95


@pytest.mark.slow
def test_dedup_keeps_templated_earnings_wires_of_different_companies_apart(shared, tmp_path):
    wires = [r for r in _reuters(shared, 8000) if " QTR NET" in r["title"] or
             r["title"].endswith(" NET")]
    assert len(wires) > 200
    articles = [Article(text=r["text"], title=r["title"], published=r["date"], source=r["id"])
                for r in wires]
    with open_store(tmp_path / "t.db") as store:
        groups = _fold(store, articles)
    grouped = [a for a in articles if groups[a.id] != a.id]
    # a copy is only right when the two wires say the same thing word for word
    wrong = [a for a in grouped
             if next(b for b in articles if b.id == groups[a.id]).text.split() != a.text.split()]
    assert len(wrong) <= len(articles) * 0.01
