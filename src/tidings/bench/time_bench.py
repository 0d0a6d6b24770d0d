"""Speed of the time stage against ``dateparser.search.search_dates`` on the same sentences.

Both run on one core in this process, over the same ``(lang, sentence)`` pairs. The stage
also normalises every expression; ``search_dates`` only finds and parses dates (and invents
some), so the comparison is generous to dateparser.
"""

from __future__ import annotations

import time
from typing import Any

from tidings.model import Article
from tidings.stages.time import TimeStage


def _rate(name: str, count: int, seconds: float) -> dict[str, Any]:
    return {"name": name, "sentences": count, "seconds": round(seconds, 4),
            "sentences_per_s": round(count / seconds, 1) if seconds > 0 else float("inf")}


def run(sentences: list[tuple[str, str]], published: str = "2024-11-15") -> list[dict]:
    """Time (a) the time stage and (b) dateparser's ``search_dates`` on ``sentences``.

    Returns one row per tagger: ``name``, ``sentences``, ``seconds``, ``sentences_per_s``;
    the stage row also has ``ratio`` (stage speed / dateparser speed).
    """
    from datetime import datetime

    from dateparser.search import search_dates  # heavy import: only when benchmarking

    stage = TimeStage()
    stage(Article(text="warm up on 15 November 2024", lang="en", published=published))
    start = time.process_time()
    for lang, sentence in sentences:
        stage(Article(text=sentence, lang=lang, published=published))
    stage_row = _rate(f"tidings {TimeStage.version}", len(sentences), time.process_time() - start)

    base = datetime.fromisoformat(published[:10])
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    search_dates("warm up on 15 November 2024", languages=["en"], settings=settings)
    start = time.process_time()
    for lang, sentence in sentences:
        try:
            search_dates(sentence, languages=[lang], settings=settings)
        except Exception:
            continue
    parser_row = _rate("dateparser.search_dates", len(sentences), time.process_time() - start)
    fast, slow = stage_row["sentences_per_s"], parser_row["sentences_per_s"]
    stage_row["ratio"] = round(fast / slow, 1) if slow else float("inf")
    return [stage_row, parser_row]
