"""Putting an article's events together: one event per act however often it is told
(``merge``), a second type coded on the same words (``retyped``), and the types the sentence
classifier adds to the sentences the lexicon coded (``classified``)."""

from __future__ import annotations

from dataclasses import replace

from tidings.embed import use_embed
from tidings.model import Article, Event, Evidence, Span
from tidings.stages.events import plover
from tidings.stages.events.classifier import TypeClassifier


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def merge(events: list[Event]) -> list[Event]:
    """One event per act told several times in an article, with every telling's evidence.
    Two tellings are one act when type, status and actors agree and the dates do not
    disagree; the more precise date (a date in the text over the article's) is kept."""
    out: list[Event] = []
    for event in events:
        for seen in out:
            same = seen.key == event.key and (
                _compatible(seen.date, event.date)
                or "published" in {seen.date_from, event.date_from}
            )
            if same:
                seen.evidence.extend(event.evidence)
                seen.confidence = max(seen.confidence, event.confidence)
                if seen.date_from != "timex" and event.date_from == "timex":
                    seen.date, seen.date_precision = event.date, event.date_precision
                    seen.date_from = "timex"
                if seen.location is None and event.location:
                    seen.location, seen.location_name = event.location, event.location_name
                break
        else:
            out.append(event)
    return out


COUNTED = ("happened", "claimed")


def retyped(event: Event, type_: str, mode: str | None, evidence: list[Evidence],
            **changes: object) -> Event:
    """A copy of ``event`` coded as ``type_`` (its own CAMEO code and quad class, its own
    actor lists) with ``evidence``: a second type read on the same act."""
    code = plover.cameo(type_, mode)
    return replace(event, type=type_, mode=mode, cameo=code, quad_class=plover.quad_class(code),
                   source=list(event.source), target=list(event.target), evidence=evidence,
                   **changes)


def classified(article: Article, coded: list[tuple[Span, list[Event]]],
               model: TypeClassifier) -> list[list[Event]]:
    """Per sentence, the events the sentence classifier adds to the lexicon's.

    Only sentences where the lexicon coded an act that happened (or is claimed) are read;
    an added event takes that act's actors, date and place, status "happened", the
    classifier's probability as confidence and evidence with ``method="classifier"``.
    """
    added: list[list[Event]] = [[] for _ in coded]
    chosen = [k for k, (_, events) in enumerate(coded)
              if any(e.status in COUNTED for e in events)]
    if not chosen:
        return added
    have = [{e.type for e in coded[k][1] if e.status in COUNTED} for k in chosen]
    texts = [article.text[coded[k][0].start : coded[k][0].end] for k in chosen]
    for k, pairs in zip(chosen, model.added(article.lang or "", use_embed(texts), have),
                        strict=True):
        span, events = coded[k]
        base = next(e for e in events if e.status in COUNTED)
        arguments = base.evidence[0].arguments if base.evidence else {}
        for type_, probability in pairs:
            evidence = Evidence(span.start, span.end, span.start, span.start, "",
                                {role: list(v) for role, v in arguments.items()}, probability,
                                method="classifier")
            added[k].append(retyped(base, type_, None, [evidence], context=None,
                                    status="happened", intended=None, confidence=probability))
    return added
