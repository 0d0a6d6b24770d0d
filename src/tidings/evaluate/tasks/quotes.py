"""The ``quotes`` task: who said what, scored on PolNeAR-style attributions (issue #16).

Records (JSONL), one annotated article each::

    {"id": ..., "text": ..., "lang"?: "en", "publication_date"?: ..., "split"?: ...,
     "attributions": [{"id", "source": SPANS, "cue": SPANS, "content": SPANS,
                       "kind"?: "direct" | "reported" | "mixed"}]}

A role is a list of spans (or null), a span a list of fragments ``{start, end, text}``
(discontinuous: "The plan, he said, is dead" has one content span of two fragments).
Offsets are characters of ``text``, end exclusive. A PolNeAR article annotated by several
people appears once per ``annotator`` (two articles of dev have six records each): every
record is scored on its own and the counts are summed over records, so such an article
weighs as often as it was annotated.

Predictions: the same record with ``attributions`` filled in by the quotes stage; fragments
may also be written as ``[start, end]`` pairs.

Scoring, per record, on *word characters* only (letters and digits: whitespace, punctuation
and quotation marks never count, so whether the marks are inside the content, or a trailing
comma, does not matter):

1. Predicted and gold attributions are paired one-to-one by their content: greedily, highest
   Dice (``2|G∩P| / (|G|+|P|)`` over content characters) first; a pair needs an overlap.
2. ``content_p/r/f1`` (the headline): a pair with Dice >= 0.5 is a match; precision =
   matches / predicted attributions, recall = matches / gold attributions. This view
   reproduces the issue's reference point: quotation marks alone score 0.34 F1 on PolNeAR
   dev (``baseline_content_f1``).
3. ``content_soft_p/r/f1``: characters shared by the pairs of step 1 / all predicted content
   characters (precision), / all gold content characters (recall). Partial credit.
   ``content_loose_f1``: as step 2 with every pair of step 1 a match.
4. ``source_acc``: of the matches with a gold source, the share whose predicted source shares
   a character with a gold source span. The speaker must be marked where the attribution
   names it ("he" in "he said"), not at a coreferent mention elsewhere.
   ``source_none_acc``: of the matches whose gold has no source, the share predicted with
   none. ``cue_acc``: as ``source_acc`` for the cue.
5. ``r_direct``, ``r_mixed``, ``r_reported``: recall of step 2 per gold kind. A gold
   attribution's kind is its ``kind`` field, else: ``direct`` when all its content lies
   inside quotation marks, ``mixed`` when part of it does, ``reported`` otherwise (PolNeAR
   dev: 17%, 13%, 70%).

Gold attributions with no content characters (one in PolNeAR dev) are left out. With
``baselines``, ``score`` adds two rows computed from the gold texts by the same scorer:
``baseline_*`` (``quote_marks_baseline``: one attribution per quotation, no source or cue)
and ``verbs_baseline_*`` (``speech_verb_baseline``: reporting-verb rules plus the
quotations they miss). On PolNeAR dev their ``content_f1`` is 0.34 and 0.53 (the issue
quotes "about 0.34" and "about 0.51" for such rules). Records with a
``split`` field are also scored per split (``per_split``) when there are several splits.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from tidings.errors import NotBuiltError, PipelineError
from tidings.model import Article

NAME = "quotes"
GOLD_FIELDS: tuple[str, ...] = ("attributions",)
MATCH_DICE = 0.5
_NOT_WORD = re.compile(r"[\W_]")  # whitespace, punctuation, quotation marks
KINDS = ("direct", "mixed", "reported")
_GIVEN = {"text", "source", "title", "url", "published", "agency", "format", "lang"}

# The inside of a quotation: “…”, "…", «…», »…«, „…“ / „…”, ‘…’ (not an apostrophe). A
# quotation goes on over a paragraph break only where the next paragraph opens with the
# same mark (the convention for a quote of several paragraphs, as in transcripts).
_QUOTED = re.compile(
    r"“((?:[^“”\n]|\n+“)*)”|\"((?:[^\"\n]|\n+\")*)\"|«((?:[^«»\n]|\n+«)*)»"
    r"|»([^«»\n]*)«|„([^„“”\n]*)[“”]|(?<!\w)‘([^‘\n]*?)’(?!\w)"
)


# --- prediction --------------------------------------------------------------------------


@cache
def _stages() -> list[Any]:
    """The registered stages the quotes stage needs, in registry order: the ones assigning
    a field it (or a stage it needs) requires. No metadata stage: it would read a header
    and the offsets must stay those of the record's text."""
    from tidings.config import default_settings
    from tidings.stages import registry

    if "quotes" not in registry.names():
        raise NotBuiltError("the 'quotes' stage is not built yet: quotes and their speakers",
                            hint="this version of tidings cannot predict quotes")
    order = [n for n in registry.names() if n not in ("metadata", "language")]
    assigns = {n: set(registry.spec(n).load().assigns) for n in order}
    wanted, todo = {"quotes"}, set(registry.spec("quotes").load().requires) - _GIVEN
    while todo:
        field = todo.pop()
        for name in order:
            if field in assigns[name] and name not in wanted:
                wanted.add(name)
                todo |= set(registry.spec(name).load().requires) - _GIVEN
                break
    settings = default_settings()
    return registry.build_stages(settings, [n for n in order if n in wanted])


def analyse(texts: list[str], lang: str = "en", dates: Iterable[str | None] = ()) -> list[Article]:
    """Articles of ``texts`` run through the stages up to quotes. The text is taken as
    given (a title line stays part of it), so every offset refers to it."""
    articles = []
    for text, date in zip(texts, list(dates) or [None] * len(texts), strict=True):
        article = Article(text=text)
        article.lang = lang
        if date:
            article.set_published(str(date)[:10], "day", "given")
        articles.append(article)
    for stage in _stages():
        articles = stage.pipe(articles)
    for text, article in zip(texts, articles, strict=True):
        if article.text != text:  # the offsets would point into another text
            raise PipelineError(f"a stage changed the text of '{text[:40]}...'",
                                hint="stages must leave Article.text as it is")
    return articles


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def attribution_rows(article: Article) -> list[dict[str, Any]]:
    """``article.quotes`` in the gold schema (one span per role; fragments kept)."""
    text, rows = article.text, []
    for n, quote in enumerate(article.quotes, 1):
        fragments = quote.fragments or [[quote.start, quote.end]]
        speaker = quote.speaker
        rows.append({
            "id": f"P{n}",
            "source": [[_span(text, speaker.start, speaker.end)]] if speaker else [],
            "cue": [[_span(text, quote.cue.start, quote.cue.end)]] if quote.cue else [],
            "content": [[_span(text, s, e) for s, e in fragments]],
            "kind": quote.kind,
            "speaker_name": speaker.name if speaker else None,
            "confidence": quote.confidence,
        })
    return rows


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records (gold removed) -> copies with ``attributions`` from the quotes stage."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        by_lang[str(record.get("lang") or "en")].append(i)
    out = [{k: v for k, v in r.items() if k not in GOLD_FIELDS} for r in records]
    for lang, index in by_lang.items():
        articles = analyse([str(records[i].get("text") or "") for i in index], lang,
                           [records[i].get("publication_date") or records[i].get("date")
                            for i in index])
        for i, article in zip(index, articles, strict=True):
            out[i]["attributions"] = attribution_rows(article)
    return out


# --- baselines ---------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The insides of the quotations of ``text`` (marks excluded), in order."""
    spans = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in range(1, 7) if m.group(g) is not None)
        spans.append((m.start(group), m.end(group)))
    return spans


def quote_marks_baseline(text: str) -> list[dict[str, Any]]:
    """One attribution per quotation of two words or more; no source, no cue."""
    return [
        {"source": [], "cue": [], "content": [[_span(text, s, e)]]}
        for s, e in quote_spans(text)
        if len(text[s:e].split()) >= 2
    ]


_CUE = (
    r"said|says|say|told|tells|added|adds|stated|announced|announces|explained|explains|"
    r"argued|argues|claimed|claims|insisted|insists|noted|notes|wrote|writes|reported|"
    r"reports|warned|warns|acknowledged|confirmed|denied|suggested|suggests|believes|"
    r"believe|thinks|declared|predicted|promised|vowed|pledged|responded|replied|tweeted|"
    r"recalled|urged|conceded|admitted|maintained|countered|testified|asserted|contends|"
    r"contended|estimated|estimates|alleged|alleges|complained|predicts|has said|had said"
)
_SENTENCE = re.compile(r"(?!\s)[^\n]+?(?:[.!?][”\"’)]*(?=\s+[“\"‘(A-Z0-9])|$)", re.M)
_TRAILING = re.compile(
    rf"[,”\"]\s*(?:(?P<src>[^,.;”\"]{{1,60}}?)\s+(?P<cue>{_CUE})|(?P<cue2>{_CUE})\s+"
    rf"(?P<src2>[^,.;”\"]{{1,60}}?))(?:\s+[^,.;]{{0,30}})?[.!?]?[”\"]?\s*$"
)
_LEADING = re.compile(rf"(?:^|[,;:]\s*)(?P<src>[^,;:]{{1,60}}?)\s+(?P<cue>{_CUE})\b[, ]\s*")
_ACCORDING_END = re.compile(r",\s*(?P<cue>according to)\s+(?P<src>[^,.;]{1,60}?)[.!?]?\s*$")
_ACCORDING_START = re.compile(r"^(?P<cue>According to)\s+(?P<src>[^,]{1,60}?),\s*")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the characters that are not word characters at its edges."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _row(text: str, base: int, m: re.Match[str], content: tuple[int, int], src: str = "src",
         cue: str = "cue") -> dict[str, Any] | None:
    s, e = content[0] + base, content[1] + base
    e = _trim(text, s, e)[1]
    source = _trim(text, base + m.start(src), base + m.end(src))
    if len(text[s:e].split()) < 3 or source[0] == source[1]:
        return None
    return {
        "source": [[_span(text, *source)]],
        "cue": [[_span(text, base + m.start(cue), base + m.end(cue))]],
        "content": [[_span(text, s, e)]],
    }


def speech_verb_baseline(text: str) -> list[dict[str, Any]]:
    """One attribution per sentence with a reporting verb or "according to" (the words
    before ", X said." or after "X said (that)"; the source is the words next to the cue),
    and one per quotation of two words or more that no such attribution overlaps."""
    rows = []
    for sentence in _SENTENCE.finditer(text):
        base, s = sentence.start(), sentence.group()
        row = None
        if m := _ACCORDING_START.match(s):
            row = _row(text, base, m, (m.end(), len(s)))
        elif m := _ACCORDING_END.search(s):
            row = _row(text, base, m, (0, m.start()))
        elif m := _TRAILING.search(s, max(0, len(s) - 160)):
            names = ("src", "cue") if m.group("cue") else ("src2", "cue2")
            row = _row(text, base, m, (0, m.start()), *names)
        elif (m := _LEADING.search(s)) and len(s) - m.end() > 10:
            row = _row(text, base, m, (m.end(), len(s)))
        if row:
            rows.append(row)
    words = _word_chars(text)
    covered = {i for row in rows for i in _chars(text, row["content"], words)}
    rows += [q for q in quote_marks_baseline(text)
             if not _chars(text, q["content"], words) & covered]
    return sorted(rows, key=lambda row: row["content"][0][0]["start"])


# --- scoring -----------------------------------------------------------------------------


def _fragments(spans: Any) -> list[tuple[int, int]]:
    out = []
    for span in spans or []:
        if isinstance(span, dict) or (len(span) == 2 and isinstance(span[0], int)):
            span = [span]  # a span written as one fragment
        for fragment in span:
            if isinstance(fragment, dict):
                out.append((int(fragment["start"]), int(fragment["end"])))
            else:
                out.append((int(fragment[0]), int(fragment[1])))
    return out


@lru_cache(maxsize=4)
def _word_chars(text: str) -> frozenset[int]:
    """Offsets of the word characters of ``text``: all but those of ``_NOT_WORD``."""
    return frozenset(range(len(text))) - {m.start() for m in _NOT_WORD.finditer(text)}


def _chars(text: str, spans: Any, words: frozenset[int] | None = None) -> frozenset[int]:
    """Offsets of the word characters covered by ``spans`` (``words``: those of ``text``)."""
    covered: set[int] = set()
    for s, e in _fragments(spans):
        covered.update(range(max(s, 0), min(e, len(text))))
    return frozenset(covered & (words if words is not None else _word_chars(text)))


def gold_kind(text: str, content: frozenset[int], quoted: frozenset[int]) -> str:
    """``direct`` when all of the content lies inside quotation marks, ``mixed`` when part
    of it does, ``reported`` otherwise."""
    if content <= quoted:
        return "direct"
    return "mixed" if content & quoted else "reported"


def _roles(text: str, attributions: Any, words: frozenset[int],
           quoted: frozenset[int] | None = None
           ) -> list[tuple[frozenset[int], frozenset[int], frozenset[int], str]]:
    rows = []
    for a in attributions or []:
        content = _chars(text, a.get("content"), words)
        if not content:
            continue
        kind = a.get("kind") or (gold_kind(text, content, quoted) if quoted is not None else "")
        rows.append((content, _chars(text, a.get("source"), words),
                     _chars(text, a.get("cue"), words), kind))
    return rows


def _count(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Counter:
    """The counts of one record."""
    c: Counter = Counter()
    words = _word_chars(text)
    quoted = frozenset(i for s, e in quote_spans(text) for i in range(s, e))
    g_rows, p_rows = _roles(text, gold, words, quoted), _roles(text, pred, words)
    c["records"] += 1
    c["gold"] += len(g_rows)
    c["predicted"] += len(p_rows)
    c["gold_chars"] += sum(len(g[0]) for g in g_rows)
    c["pred_chars"] += sum(len(p[0]) for p in p_rows)
    for g in g_rows:
        c[f"gold_{g[3]}"] += 1
    pairs = sorted(
        (-2 * len(g[0] & p[0]) / (len(g[0]) + len(p[0])), i, j)
        for i, g in enumerate(g_rows) for j, p in enumerate(p_rows) if g[0] & p[0]
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for neg_dice, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        (g_content, g_source, g_cue, kind), (p_content, p_source, p_cue, _) = g_rows[i], p_rows[j]
        c["soft_overlap"] += len(g_content & p_content)
        c["paired"] += 1
        if -neg_dice < MATCH_DICE:
            continue
        c["matched"] += 1
        c[f"matched_{kind}"] += 1
        for role, g_set, p_set in (("source", g_source, p_source), ("cue", g_cue, p_cue)):
            if g_set:
                c[f"{role}_n"] += 1
                c[f"{role}_ok"] += bool(g_set & p_set)
            else:
                c[f"{role}_none_n"] += 1
                c[f"{role}_none_ok"] += not p_set
    return c


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def _metrics(c: Counter) -> dict[str, Any]:
    out: dict[str, Any] = {"gold_quotes": c["gold"], "predicted_quotes": c["predicted"],
                           "matched": c["matched"]}
    out["content_p"], out["content_r"], out["content_f1"] = _prf(
        c["matched"], c["predicted"], c["gold"])
    soft = c["soft_overlap"]
    out["content_soft_p"], out["content_soft_r"], out["content_soft_f1"] = _prf(
        soft, c["pred_chars"], c["gold_chars"])
    out["content_loose_f1"] = _prf(c["paired"], c["predicted"], c["gold"])[2]
    out["source_acc"] = _ratio(c["source_ok"], c["source_n"])
    out["source_none_acc"] = _ratio(c["source_none_ok"], c["source_none_n"])
    out["cue_acc"] = _ratio(c["cue_ok"], c["cue_n"])
    # how many matches each accuracy is over (0.0 over none means "not measured")
    out["source_n"], out["source_none_n"] = c["source_n"], c["source_none_n"]
    for kind in KINDS:
        out[f"r_{kind}"] = _ratio(c[f"matched_{kind}"], c[f"gold_{kind}"])
        out[f"gold_{kind}"] = c[f"gold_{kind}"]
    return out


_HEADLINE = ("content_p", "content_r", "content_f1", "content_soft_f1", "source_acc",
             "cue_acc", "r_direct", "r_reported")


def _score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
           ) -> tuple[dict[str, Any], dict[str, Counter]]:
    by_id = {str(p["id"]): p for p in predicted if p.get("id") is not None}
    total: Counter = Counter()
    per_split: dict[str, Counter] = defaultdict(Counter)
    for n, record in enumerate(gold):
        key = str(record.get("id"))
        guess = by_id.get(key) if key in by_id else (predicted[n] if n < len(predicted) else {})
        text = str(record.get("text") or "")
        attributions = list(record.get("attributions") or [])
        counts = _count(text, attributions, list(guess.get("attributions") or []))
        total.update(counts)
        per_split[str(record.get("split") or "-")].update(counts)
    return _metrics(total), per_split


def _baseline(gold: list[dict[str, Any]], rule: Callable[[str], list[dict[str, Any]]]
              ) -> dict[str, Any]:
    rows = [{"id": r.get("id"), "attributions": rule(str(r.get("text") or ""))} for r in gold]
    return _score(gold, rows)[0]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], baselines: bool = True
          ) -> dict[str, Any]:
    """Content P/R/F1 (matches at Dice >= 0.5, the headline), soft character P/R/F1, source
    and cue accuracy on matches, recall per kind; with ``baselines`` the quotation-marks and
    speech-verb baselines' figures beside them. Records pair by ``id``, else by position."""
    result, per_split = _score(gold, predicted)
    if baselines:
        for prefix, rule in (("baseline_", quote_marks_baseline),
                             ("verbs_baseline_", speech_verb_baseline)):
            figures = _baseline(gold, rule)
            result.update({prefix + k: figures[k] for k in _HEADLINE})
    if len(per_split) > 1:
        result["per_split"] = {name: _metrics(c) for name, c in sorted(per_split.items())}
    return result
