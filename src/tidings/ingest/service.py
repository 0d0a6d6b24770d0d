"""Ingest: inputs → pipeline → store, in batches, resumable, with progress.

A file is marked finished in the same transaction as its last batch, so a run that is killed
and started again re-reads only unfinished files, and their articles already stored are not
added twice (ids are content hashes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tidings.ingest.readers import Input, expand_inputs
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.store.sqlite import SQLiteStore


@dataclass(slots=True)
class Progress:
    """What a progress display needs, sent after every batch and every file."""

    files_total: int
    files_done: int = 0
    articles: int = 0
    added: int = 0
    rejects: int = 0
    current: str = ""


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    skipped: int = 0
    articles: int = 0
    added: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def duplicates(self) -> int:
        return self.articles - self.added

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "skipped_unchanged": self.skipped,
            "articles_read": self.articles,
            "added": self.added,
            "already_stored": self.duplicates,
            "rejected": [r.to_dict() for r in self.rejects],
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles / self.seconds, 1) if self.seconds else None,
        }


def ingest(
    paths: Iterable[str],
    store: SQLiteStore,
    pipeline: Pipeline,
    *,
    force: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """Read every input into ``store``. Bad inputs become rejects; nothing raises for them."""
    started = time.perf_counter()
    settings = pipeline.settings.ingest
    inputs, missing = expand_inputs(paths, settings)
    report = IngestReport(files=len(inputs))
    progress = Progress(files_total=len(inputs))
    if missing:
        store.write([], missing)
        report.rejects.extend(missing)
        progress.rejects += len(missing)

    def tell() -> None:
        if on_progress:
            on_progress(progress)

    for item in inputs:
        fingerprint = item.fingerprint()
        progress.current = item.path
        if fingerprint and not force and store.is_finished(fingerprint):
            report.skipped += 1
            progress.files_done += 1
            tell()
            continue
        _ingest_one(item, fingerprint, store, pipeline, report, progress, tell)
        progress.files_done += 1
        tell()
    report.seconds = time.perf_counter() - started
    return report


def _ingest_one(
    item: Input,
    fingerprint: str | None,
    store: SQLiteStore,
    pipeline: Pipeline,
    report: IngestReport,
    progress: Progress,
    tell: Callable[[], None],
) -> None:
    batch: list[Article] = []
    rejects: list[Reject] = []
    counts = [0, 0]
    first = True
    source = "<stdin>" if item.is_stdin else item.path
    batch_size = pipeline.settings.ingest.batch_size

    def flush(finished: bool) -> None:
        nonlocal first, batch, rejects
        done = (fingerprint, item.path, counts[0], counts[1]) if finished and fingerprint else None
        added = store.write(
            batch, rejects, forget_rejects_of=source if first else None, finished=done
        )
        report.added += added
        progress.added += added
        first = False
        batch, rejects = [], []
        tell()

    for result in pipeline.read(item.path):
        if isinstance(result, Reject):
            rejects.append(result)
            report.rejects.append(result)
            progress.rejects += 1
            counts[1] += 1
        else:
            batch.append(result)
            report.articles += 1
            progress.articles += 1
            counts[0] += 1
        if len(batch) + len(rejects) >= batch_size:
            flush(finished=False)
    flush(finished=True)
