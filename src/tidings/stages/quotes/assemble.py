"""From the attributions each sentence gave and the quotation marks of the whole article, the
article's quotes.

0. A reporting word inside a quotation (closed) is part of that quote: "“I think we will
   win,” she said" is one quote (PolNeAR annotates no attribution inside a quotation:
   "think" with a clause is right 0 times in 478 there, 0.5 of the time outside).
1. A content that overlaps a quotation takes all of it, marks included: the parse of one
   sentence sees only the first sentence of a quotation of three, and PolNeAR's contents
   keep the marks (and the comma inside them).
2. A reporting verb with no content in its sentence ("Lin said:") takes the quotation that
   follows it, or the one just before it ("“...” Lin added.").
3. A quotation of ``min_words`` words or more that no attribution took is a quote still:
   in the paragraph of the quote before it, a second fragment of that quote ("“A,” Sexton
   said. “B.”"); in the next paragraph, a quote of its own by the same speaker (a quote a
   paragraph of its own, "“It bears historical significance ...”", after "Lin said ...");
   else a quote with no speaker.
4. Contents the same after this are one quote (the strongest reading kept); a reading by a
   learned word (not a speech verb) inside another quote's content is dropped.
5. ``kind``: ``direct`` when the content lies inside quotation marks, ``mixed`` when part of
   it does, ``reported`` otherwise.
6. A content longer than ``MAX_CHARS`` is cut at a sentence end and its confidence halved;
   one that ran into a quotation that never closed keeps less confidence too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from tidings.stages.quotes.marks import Quotation

MAX_CHARS = 3000  # longest content kept, in characters (PolNeAR train: 99 % under 430)
_NEAR = 300  # characters between a quote and the continuation that takes its speaker
_GAP_AFTER = 80  # characters between an open cue and the quotation it introduces
_SENTENCE_END = re.compile(r"[.!?。！？](?=\s)")
_DIRECT = 0.9  # share of a content's characters inside quotation marks for "direct"
# Confidence of a quotation no reporting word took (PolNeAR train precision, rounded down):
CONTINUATION = 0.7  # near a quote before it, whose speaker it takes
MARKS = 0.5  # alone


@dataclass(slots=True)
class Candidate:
    """One attribution as a reader found it: content fragments, cue, source (the words
    that name the speaker) and referent (the words the speaker is resolved from: the noun a
    relative pronoun stands for, else the source), all ``(start, end)`` of the text."""

    fragments: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    referent: tuple[int, int] | None
    strength: float
    method: str
    kind: str = "reported"
    notes: list[str] = field(default_factory=list)
    learned: bool = False  # read by a word learned from PolNeAR, not a speech verb

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    def size(self) -> int:
        return sum(b - a for a, b in self.fragments)


def assemble(text: str, candidates: list[Candidate], quotations: list[Quotation],
             min_words: int) -> list[Candidate]:
    """The article's quotes from its ``candidates`` and ``quotations`` (module docstring),
    in text order."""
    starts = [q.start for q in quotations]
    taken: set[int] = set()  # quotations some content took
    out: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.cue or (0, 0))):
        if (cand.cue is not None and not cand.method.endswith("postposed")
                and _quoted(cand.cue[0], quotations, starts)):
            # "I think ..." inside someone's quote is their quote, not a new one; an incise
            # stays ("«A —dijo Cabrera—, B»", "« A, estime-t-elle. B »")
            continue
        if cand.fragments:
            cand.fragments = _with_quotations(cand, quotations, starts, taken)
        else:
            q = _introduced(text, cand, quotations, starts, taken)
            if q is None:
                continue
            taken.add(q)
            cand.fragments = [(quotations[q].start, quotations[q].end)]
            cand.notes += _flaws(quotations[q])
        out.append(cand)
    out += _orphans(text, quotations, taken, out, min_words)
    kept = _nested(_unique(out))
    for cand in kept:
        _finish(text, cand, quotations, starts)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _with_quotations(cand: Candidate, quotations: list[Quotation], starts: list[int],
                     taken: set[int]) -> list[tuple[int, int]]:
    grown = []
    for a, b in cand.fragments:
        i = max(0, bisect_left(starts, a) - 1)
        while i < len(quotations) and quotations[i].start < b:
            q = quotations[i]
            if q.end > a and min(b, q.inner_end) > max(a, q.inner_start):
                a, b = min(a, q.start), max(b, q.end)
                taken.add(i)
                cand.notes += _flaws(q)
            i += 1
        grown.append((a, b))
    return _merge(grown)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _introduced(text: str, cand: Candidate, quotations: list[Quotation], starts: list[int],
                taken: set[int]) -> int | None:
    """The quotation a content-less cue introduces ("Lin said: “...”") or follows ("“...”
    Lin added."), not yet taken; None when there is none next to it."""
    assert cand.cue is not None
    end = max(cand.cue[1], cand.source[1] if cand.source else 0)
    i = bisect_left(starts, end)
    if i < len(quotations) and i not in taken:
        gap = text[end : quotations[i].start]
        if len(gap) <= _GAP_AFTER and not _SENTENCE_END.search(gap):
            return i
    begin = min(cand.cue[0], cand.source[0] if cand.source else cand.cue[0])
    j = bisect_left(starts, begin) - 1
    if j >= 0 and j not in taken and quotations[j].end <= begin:
        gap = text[quotations[j].end : begin]
        if len(gap) <= 3 and "\n" not in gap:
            return j
    return None


def _orphans(text: str, quotations: list[Quotation], taken: set[int], found: list[Candidate],
             min_words: int) -> list[Candidate]:
    """Quotes for the long quotations no attribution took (module docstring, step 3)."""
    out: list[Candidate] = []
    ordered = sorted(found, key=lambda c: c.end)
    ends = [c.end for c in ordered]
    for i, q in enumerate(quotations):
        if i in taken or q.words(text) < min_words:
            continue
        if any(a <= q.start and q.end <= b for c in found for a, b in c.fragments):
            continue  # inside a longer content
        k = bisect_left(ends, q.start + 1) - 1
        before = ordered[k] if k >= 0 else None
        near = before is not None and q.start - before.end <= _NEAR and before.source
        if (near and before is not None and "\n" not in text[before.end : q.start]
                and _quoted_end(before, quotations)):
            # "“A,” Sexton said. “B.”": one quote of two fragments, as PolNeAR marks it
            before.fragments = [*before.fragments, (q.start, q.end)]
            before.notes += _flaws(q)
            continue
        if near and before is not None:
            cand = Candidate([(q.start, q.end)], before.cue, before.source, before.referent,
                             CONTINUATION, "continuation")
        else:
            cand = Candidate([(q.start, q.end)], None, None, None, MARKS, "marks")
        cand.notes += _flaws(q)
        out.append(cand)
    return out


def _flaws(q: Quotation) -> list[str]:
    """What a quotation passes on to the quote that takes it: it never closed, it was cut."""
    return (["unclosed"] if not q.closed else []) + (["capped"] if q.capped else [])


def _quoted(at: int, quotations: list[Quotation], starts: list[int]) -> bool:
    """Whether ``at`` lies inside a closed quotation."""
    i = bisect_left(starts, at + 1) - 1
    if i < 0:
        return False
    q = quotations[i]
    return q.closed and q.inner_start <= at < q.inner_end


def _quoted_end(cand: Candidate, quotations: list[Quotation]) -> bool:
    """Whether ``cand``'s content ends with a quotation (it is quoted, not reported)."""
    end = cand.end
    return any(q.end == end for q in quotations)


def _unique(cands: list[Candidate]) -> list[Candidate]:
    """One quote per content: the strongest reading, one with a source before one without."""
    best: dict[tuple[tuple[int, int], ...], Candidate] = {}
    for cand in cands:
        key = tuple(cand.fragments)
        if not key:
            continue
        old = best.get(key)
        if old is None or (cand.source is not None, cand.strength) > (
            old.source is not None, old.strength
        ):
            best[key] = cand
    return list(best.values())


def _nested(cands: list[Candidate]) -> list[Candidate]:
    """Without the learned readings whose cue lies inside another quote's content: PolNeAR
    gives each word one attribution at most, so "X said Clinton wants to ..." is X's quote
    and not also Clinton's (train halves: F1 0.693 -> 0.718; 0.734 with the lexicon
    relearned). A speech verb inside a content stays ("the association said a survey found
    that ...")."""
    contents = sorted((a, b, id(c)) for c in cands for a, b in c.fragments)
    starts = [a for a, _, _ in contents]

    def inside(cand: Candidate) -> bool:
        if cand.cue is None:
            return False
        at = cand.cue[0]
        k = bisect_left(starts, at + 1)
        return any(a <= at < b and owner != id(cand) for a, b, owner in contents[:k])

    return [c for c in cands if not (c.learned and inside(c))]


def _finish(text: str, cand: Candidate, quotations: list[Quotation],
            starts: list[int]) -> None:
    """``kind``, the length cap and the confidence of one quote."""
    if cand.size() > MAX_CHARS:
        cand.fragments = _cap(text, cand.fragments)
        cand.notes.append("capped")
    inside = 0
    for a, b in cand.fragments:
        i = max(0, bisect_left(starts, a) - 1)
        while i < len(quotations) and quotations[i].start < b:
            q = quotations[i]
            inside += max(0, min(b, q.end) - max(a, q.start))
            i += 1
    share = inside / max(1, cand.size())
    cand.kind = "direct" if share >= _DIRECT else "mixed" if inside else "reported"
    confidence = cand.strength
    if "unclosed" in cand.notes:
        confidence *= 0.7
    if "capped" in cand.notes:
        confidence *= 0.5
    cand.strength = round(min(1.0, confidence), 3)


def _cap(text: str, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    left = MAX_CHARS
    for a, b in fragments:
        if left <= 0:
            break
        if b - a <= left:
            out.append((a, b))
            left -= b - a
            continue
        cut = a + left
        for found in _SENTENCE_END.finditer(text, a, a + left):
            cut = found.end()
        out.append((a, cut))
        break
    return out
