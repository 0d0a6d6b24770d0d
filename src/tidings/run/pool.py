"""Where batches are analysed and written: here, or in a pool of worker processes.

``Sink.put(batch, ...)`` takes each batch as the reader makes it; ``Sink.drain()`` waits for
the rest. Batches are always written in the order they were read, by this process (the one
writer), with the same marks as the local runner writes, so the stored record is the same for
1 and N workers, and a run killed half-way resumes the same way.

With ``workers`` > 1 a pool of worker processes (``spawn``: each loads the models once, in its
own memory) analyses up to ``2 x workers`` batches ahead of the writer. The pool starts only
when a second batch is read before the first is written: a small input is analysed here,
without the pool's start-up cost.

A worker that dies (killed by the OS for memory, a crash in native code) breaks the pool: the
batches it held are analysed again one article at a time in a fresh pool, and an article that
kills its worker again becomes a reject (``T230``) naming it, while the run goes on.

A worker whose parent is gone (the run killed with ``kill -9``: nothing could tell the pool)
ends itself within a second, instead of waiting for work forever, adopted by init.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context

from tidings.config import Settings
from tidings.embed.e5_onnx import THREADS_ENV
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.store.base import Store

# Fault injection for the tests: a worker given an article whose text holds this marker dies
# at once, as one killed by the OS would.
KILL_MARKER_ENV = "TIDINGS_FAULT_KILL_WORKER"

_PIPELINE: Pipeline | None = None


# How often a worker looks whether the process that started it is still its parent.
PARENT_POLL_S = 0.5


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(0)  # the run is gone: no one will read what this worker makes


def _start_worker(settings: Settings, threads: int, parent: int) -> None:
    global _PIPELINE
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent",
                     daemon=True).start()
    # the cores are shared by the workers: the e5 graph's threads (tidings.embed.e5_onnx)
    os.environ.setdefault(THREADS_ENV, str(threads))
    _PIPELINE = Pipeline(settings=settings)


def _analyse(batch: list[Article]) -> list[Article]:
    marker = os.environ.get(KILL_MARKER_ENV)
    if marker and any(marker in (a.text or "") for a in batch):
        os._exit(70)
    assert _PIPELINE is not None
    return _PIPELINE.pipe(batch)


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class Job:
    """A batch read and waiting to be stored (the pool's and the Ray runner's writers)."""

    batch: list[Article]
    rejects: list[Reject]
    forget_rejects_of: str | None
    finished: tuple[str, str, int, int] | None
    future: Future[list[Article]] | None = None


class Sink:
    """Analyse batches (here or in the pool) and write them in the order they were put."""

    def __init__(self, store: Store, pipeline: Pipeline, workers: int,
                 on_written: Callable[[int, int, list[Reject]], None]) -> None:
        self.store, self.pipeline, self.workers = store, pipeline, max(1, workers)
        # on_written(articles analysed, articles added, rejects made by the pool)
        self.on_written = on_written
        self.pending: deque[Job] = deque()
        self.pool: ProcessPoolExecutor | None = None

    def put(self, batch: list[Article], rejects: list[Reject], *,
            forget_rejects_of: str | None,
            finished: tuple[str, str, int, int] | None) -> None:
        self.pending.append(Job(batch, rejects, forget_rejects_of, finished))
        if self.workers == 1:
            self._write_oldest()
            return
        if self.pool is not None or len(self.pending) > 1:
            self._submit_waiting()
        while len(self.pending) > 2 * self.workers:
            self._write_oldest()

    def drain(self) -> None:
        """Write every batch put so far, then stop the pool."""
        try:
            while self.pending:
                self._write_oldest()
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                   initializer=_start_worker,
                                   initargs=(self.pipeline.settings,
                                             max(1, default_workers() // self.workers),
                                             os.getpid()))

    def _write_oldest(self) -> None:
        job = self.pending.popleft()
        died: list[Reject] = []
        if job.future is None:
            analysed = self.pipeline.pipe(job.batch)
        else:
            try:
                analysed = job.future.result()
            except BrokenProcessPool:
                analysed, died = self._one_by_one(job.batch)
        added = self.store.write(analysed, [*job.rejects, *died],
                                 forget_rejects_of=job.forget_rejects_of,
                                 finished=job.finished)
        self.on_written(len(analysed), added, died)

    def _one_by_one(self, batch: list[Article]) -> tuple[list[Article], list[Reject]]:
        """Analyse a batch whose worker died, each article in a fresh pool if need be."""
        self.close()
        analysed: list[Article] = []
        died: list[Reject] = []
        for article in batch:
            try:
                analysed += self._pool().submit(_analyse, [article]).result()
            except BrokenProcessPool:
                self.close()
                died.append(Reject(article.source or "<input>", code="T230", reason=(
                    "the worker analysing this article died (killed by the system, out of "
                    "memory or a crash in a model); the other articles were analysed")))
        # the batches queued behind this one were in the broken pool: send them again
        for job in self.pending:
            job.future = None
        self._submit_waiting()
        return analysed, died

    def _submit_waiting(self) -> None:
        """Send every queued batch not sent yet to the pool (started if need be)."""
        for job in self.pending:
            if job.future is None and job.batch:
                job.future = self._pool().submit(_analyse, job.batch)

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = self._new_pool()
        return self.pool

