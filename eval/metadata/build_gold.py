"""Build a gold file for ``tidings eval metadata`` from a folder of documents and a manifest.

    python eval/metadata/build_gold.py src/tidings/demo/corpus --out eval/metadata/demo_gold.jsonl
    python eval/metadata/build_gold.py --seeds ../shared/seeds --out /tmp/seeds_gold.jsonl

The manifest (``MANIFEST.jsonl`` in the folder) has one line per article with ``file``,
``record`` (null for one-article files), ``lang``, ``title``, ``published``, ``agency`` and
``dateline_place``: what a person reads in the file. Only one-article files (text, HTML)
become gold records; ``raw`` is the file decoded to text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tidings.ingest.decode import decode_bytes

FIELDS = ("title", "published", "lang", "agency", "dateline_place")


def from_manifest(folder: Path) -> list[dict]:
    """Gold records for the one-article files listed in ``folder/MANIFEST.jsonl``."""
    records = []
    for line in (folder / "MANIFEST.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("record") is not None:
            continue
        raw, _ = decode_bytes((folder / entry["file"]).read_bytes())
        records.append({"id": entry["file"], "filename": entry["file"], "raw": raw,
                        **{field: entry.get(field) for field in FIELDS}})
    return records


def from_seeds(folder: Path) -> list[dict]:
    """Gold records for the seed articles, from their ``expected.json``."""
    expected = json.loads((folder / "expected.json").read_text("utf-8"))["articles"]
    return [
        {"id": name, "filename": name, "raw": (folder / name).read_text("utf-8"),
         **{field: want.get(field) for field in FIELDS}}
        for name, want in expected.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="folder with a MANIFEST.jsonl")
    parser.add_argument("--seeds", type=Path, help="a seeds folder with expected.json instead")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.seeds:
        records = from_seeds(args.seeds)
    elif args.folder:
        records = from_manifest(args.folder)
    else:
        parser.error("give a folder with a MANIFEST.jsonl, or --seeds FOLDER")
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} gold records to {args.out}")


if __name__ == "__main__":
    main()
