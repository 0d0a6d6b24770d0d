"""The local runner: inputs -> pipeline -> store, in batches, resumable; the analysis runs in
this process or in a pool of ``workers`` processes (``run.pool``), the writing always here, in
the order the batches were read.

A file is marked finished in the same transaction as its last batch, so a run that is killed
and started again re-reads only unfinished files, and their articles already stored are not
added twice (ids are content hashes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Protocol

from tidings.ingest.readers import Input, expand_inputs
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.run.base import IngestReport, Progress, read_articles
from tidings.run.pool import Sink
from tidings.store.base import Store

# on_written(articles analysed, articles added, rejects made where they were analysed)
Written = Callable[[int, int, list[Reject]], None]


class BatchSink(Protocol):
    """Where the batches read go to be analysed and written in read order (``run.pool.Sink``,
    ``run.ray_runner.RaySink``)."""

    def put(self, batch: list[Article], rejects: list[Reject], *,
            forget_rejects_of: str | None,
            finished: tuple[str, str, int, int] | None) -> None: ...

    def drain(self) -> None: ...

    def close(self) -> None: ...


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    *,
    force: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Read every input into ``store``. Bad inputs become rejects; nothing raises for them.
    ``workers`` > 1 analyses batches in that many processes; the record is the same."""
    return ingest_into(paths, store, pipeline,
                       lambda written: Sink(store, pipeline, workers, written),
                       force=force, on_progress=on_progress)


def ingest_into(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    make_sink: Callable[[Written], BatchSink],
    *,
    force: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """``ingest`` with the batches handed to ``make_sink(on_written)``: any object with the
    ``put``/``drain``/``close`` of ``run.pool.Sink`` (the Ray runner's is one). The reading,
    the resume marks and the report are this module's, whatever analyses the batches."""
    started = time.perf_counter()
    inputs, missing = expand_inputs(paths, pipeline.settings.ingest)
    report = IngestReport(files=len(inputs))
    progress = Progress(files_total=len(inputs))
    if missing:
        store.write([], missing)
        report.rejects.extend(missing)
        progress.rejects += len(missing)

    def tell() -> None:
        if on_progress:
            on_progress(progress)

    def written(analysed: int, added: int, died: list[Reject]) -> None:
        report.added += added
        progress.added += added
        progress.articles += analysed
        report.rejects.extend(died)
        report.articles -= len(died)  # read, but rejected: not "already stored"
        progress.rejects += len(died)
        tell()

    sink = make_sink(written)
    try:
        _each_input(inputs, store, pipeline, sink, report, progress, tell, force)
        sink.drain()
    finally:
        sink.close()
    report.seconds = time.perf_counter() - started
    return report


def _each_input(
    inputs: list[Input], store: Store, pipeline: Pipeline, sink: BatchSink, report: IngestReport,
    progress: Progress, tell: Callable[[], None], force: bool,
) -> None:
    for item in inputs:
        fingerprint = item.fingerprint()
        progress.current = item.path
        if fingerprint and not force and store.is_finished(fingerprint):
            report.skipped += 1
            progress.files_done += 1
            tell()
            continue
        _ingest_one(item, fingerprint, pipeline, sink, report, progress)
        progress.files_done += 1
        tell()


def _ingest_one(
    item: Input,
    fingerprint: str | None,
    pipeline: Pipeline,
    sink: BatchSink,
    report: IngestReport,
    progress: Progress,
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
        sink.put(batch, rejects, forget_rejects_of=source if first else None, finished=done)
        first = False
        batch, rejects = [], []

    for result in read_articles(item.path, pipeline.settings.ingest):
        if isinstance(result, Reject):
            rejects.append(result)
            report.rejects.append(result)
            progress.rejects += 1
            counts[1] += 1
        else:
            batch.append(result)
            report.articles += 1
            counts[0] += 1
        if len(batch) + len(rejects) >= batch_size:
            flush(finished=False)
    flush(finished=True)
