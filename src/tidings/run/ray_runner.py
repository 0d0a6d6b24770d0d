"""The Ray runner: ``tidings ingest --runner ray [--ray-address ADDR]``.

The same record as the local runner, because everything but the analysis is the local
runner's own code (``run.local.ingest_into``): this process expands the inputs, skips the
finished ones, reads each with ``run.base.read_articles`` into the same batches, and writes
every batch, in read order, with the same marks (the one writer). Only ``pipeline.pipe(batch)``
moves: the batches go to Ray Data (``from_items``), ``map_batches`` with a pool of actors that
each hold a ``Pipeline`` (models loaded once per actor), and come back in read order
(``preserve_order``) to ``store.write`` here. The corpus stages (stories, storylines) run
afterwards on the store, in this process, as after any ingest.

Why ``from_items`` of the reader's batches and not a ``ray.data.read_*`` of the files: the
readers (encodings, HTML, feeds, WARC, stdin) and the limits are tidings' own, a file's
rejects and its "finished" mark go with its batches, and the files need not be visible to the
other nodes of a cluster. Reading costs little beside the analysis. The batches go to Ray in
windows of about ``WINDOW_ARTICLES`` articles (one Dataset each), which bounds the memory the
read-ahead takes; each window starts its actors afresh, a cost of seconds per 10,000 articles.

A dead actor (killed by the system, a crash in a model) is restarted by Ray and its batch sent
again (Ray Data's ``max_restarts=-1``, ``max_task_retries=-1``). A small ledger actor counts
the attempts: a batch seen a second time is analysed one article at a time, and an article
that was being analysed when an actor died is not tried again: it becomes a reject (``T230``)
naming it, as in ``run.pool``, and the run goes on.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tidings.embed.e5_onnx import THREADS_ENV
from tidings.errors import UsageError
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.run.base import IngestReport, Progress
from tidings.run.local import Written, ingest_into
from tidings.run.pool import KILL_MARKER_ENV, Job, default_workers
from tidings.store.base import Store

WINDOW_ARTICLES = 10_000
# articles per window instead, e.g. fewer for a small cluster's memory (or a test that stops a
# run between two windows)
WINDOW_ENV = "TIDINGS_RAY_WINDOW"
CONNECT_TIMEOUT_S = 3.0
GCS_PORT, CLIENT_PORT = 6379, 10001
DIED = ("the worker analysing this article died (killed by the system, out of memory or a "
        "crash in a model); the other articles were analysed")
ADDRESS_HINT = ("start a cluster with 'ray start --head' on its head node and give the address "
                "it prints (host:6379), or leave out --ray-address to run Ray on this machine")


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    *,
    force: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    workers: int | None = None,
    address: str | None = None,
) -> IngestReport:
    """``run.local.ingest`` with the analysis in a pool of Ray actors: ``workers`` of them
    (default: the cores here, or the CPUs of the cluster at ``address``). Without ``address``
    Ray starts on this machine for the run and stops after it."""
    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers} would analyse nothing", hint="give 1 or more")
    if address is not None:
        address = check_address(address)
    ray = _ray(joining=address is not None)
    started_here = not ray.is_initialized()
    if started_here:
        _start(ray, address, workers)
    try:
        if workers is None:
            workers = int(ray.cluster_resources().get("CPU", 0)) if address else 0
            workers = max(1, workers or default_workers())
        return ingest_into(
            paths, store, pipeline,
            lambda written: RaySink(store, pipeline, workers, written),
            force=force, on_progress=on_progress,
        )
    finally:
        if started_here:
            ray.shutdown()


_answered: dict[str, str] = {}  # addresses whose port answered in this process


def check_address(address: str) -> str:
    """``address`` if a Ray cluster's port answers there within ``CONNECT_TIMEOUT_S``; a
    ``UsageError`` naming it otherwise. ``auto``: the cluster ``ray start`` left on this
    machine. Checked before any work, so a wrong address never hangs a run; an address that
    answered once in this process (the CLI checks before it opens the store) is not probed
    again."""
    if address in _answered:
        return _answered[address]
    target = address.strip()
    if target == "auto":
        target = os.environ.get("RAY_ADDRESS") or _current_cluster()
        if not target:
            raise UsageError("--ray-address auto: no Ray cluster was started on this machine",
                             hint=ADDRESS_HINT)
    client = target.startswith("ray://")
    host, _, port_text = target.removeprefix("ray://").rpartition(":")
    if not host:
        host, port_text = port_text, str(CLIENT_PORT if client else GCS_PORT)
    try:
        port = int(port_text)
    except ValueError:
        raise UsageError(f"--ray-address {address}: '{port_text}' is not a port",
                         hint="write it as host:port, e.g. 10.0.0.5:6379") from None
    try:
        socket.create_connection((host.strip("[]"), port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        why = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise UsageError(f"no Ray cluster reachable at --ray-address {address} ({why})",
                         hint=ADDRESS_HINT) from None
    _answered[address] = target if client else f"{host}:{port}"
    return _answered[address]


def _current_cluster() -> str | None:
    """The address ``ray start --head`` wrote on this machine, if any."""
    path = Path(os.environ.get("RAY_TMPDIR", "/tmp")) / "ray" / "ray_current_cluster"
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _ray(joining: bool) -> Any:
    # No usage reports (nothing leaves the machine), and Ray's own processes log errors
    # only; set before Ray is imported.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    if joining and "RAY_AUTH_MODE" not in os.environ and _auth_token_known():
        # Ray 2.59+ guards a cluster that 'ray start' made with a token, but a driver that
        # joins one sends it only in token mode; a cluster without tokens accepts it too.
        os.environ["RAY_AUTH_MODE"] = "token"
    import ray

    return ray


def _auth_token_known() -> bool:
    """A Ray token is set for this process, or 'ray start' left one for this user."""
    return bool(os.environ.get("RAY_AUTH_TOKEN") or os.environ.get("RAY_AUTH_TOKEN_PATH")
                or (Path.home() / ".ray" / "auth_token").is_file())


def _start(ray: Any, address: str | None, workers: int | None) -> None:
    quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
    if address is not None:
        try:
            ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError) as exc:
            raise UsageError(
                f"cannot join the Ray cluster at --ray-address {address}: {exc}",
                hint="is it a Ray cluster's address (host:6379)? If the cluster uses token "
                "authentication, give this process its token (RAY_AUTH_MODE=token and "
                "RAY_AUTH_TOKEN, or the file 'ray get-auth-token' names)") from None
        return
    # "local": a new Ray for this run, even where RAY_ADDRESS names a cluster
    ray.init(address="local", num_cpus=workers or default_workers(), include_dashboard=False,
             **quiet)


class RaySink:
    """The ``run.pool.Sink`` of the Ray runner: batches are kept in read order until a window
    is full, analysed by the actor pool, and written here in the order they were put."""

    def __init__(self, store: Store, pipeline: Pipeline, workers: int,
                 on_written: Written) -> None:
        self.store, self.pipeline, self.workers = store, pipeline, workers
        self.on_written = on_written
        self.jobs: list[Job] = []
        self.articles = 0
        self.sent = 0  # batches sent so far: the ledger's key of the next one
        self.ledger: Any = None
        self.window = int(os.environ.get(WINDOW_ENV) or WINDOW_ARTICLES)

    def put(self, batch: list[Article], rejects: list[Reject], *,
            forget_rejects_of: str | None,
            finished: tuple[str, str, int, int] | None) -> None:
        self.jobs.append(Job(batch, rejects, forget_rejects_of, finished))
        self.articles += len(batch)
        if self.articles >= self.window:
            self._write_window()

    def drain(self) -> None:
        """Analyse and write every batch put so far."""
        self._write_window()

    def close(self) -> None:
        self.jobs, self.articles = [], 0

    def _write_window(self) -> None:
        jobs, self.jobs, self.articles = self.jobs, [], 0
        results = self._analyse([job.batch for job in jobs if job.batch])
        for job in jobs:
            analysed, died = next(results) if job.batch else ([], [])
            added = self.store.write(analysed, [*job.rejects, *died],
                                     forget_rejects_of=job.forget_rejects_of,
                                     finished=job.finished)
            self.on_written(len(analysed), added, died)

    def _analyse(self, batches: list[list[Article]]) -> Iterator[tuple[list[Article],
                                                                     list[Reject]]]:
        """Each batch analysed, in the order given, as the actors finish them."""
        if not batches:
            return
        import ray
        from ray.data import ActorPoolStrategy, DataContext

        context = DataContext.get_current()
        context.execution_options.preserve_order = True  # results in read order
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        if self.ledger is None:
            self.ledger = ray.remote(num_cpus=0, max_restarts=0)(_Ledger).remote()
        first, self.sent = self.sent, self.sent + len(batches)
        rows = [{"seq": first + n, "articles": pickle.dumps(batch, protocol=5)}
                for n, batch in enumerate(batches)]
        # One block per batch, one batch per call: a batch is the unit a worker analyses,
        # retries and writes, as in the local runner.
        analyser = _analyser(self.pipeline.settings, self.ledger,
                             os.environ.get(KILL_MARKER_ENV) or None)
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            analyser,
            batch_size=1,
            batch_format="numpy",
            # a fixed pool of actors (Ray 2.51+ spells concurrency=N this way)
            compute=ActorPoolStrategy(size=min(self.workers, len(rows))),
            num_cpus=1,
        )
        expected = first
        for row in dataset.iter_rows():
            if int(row["seq"]) != expected:  # preserve_order broken: never write out of order
                raise RuntimeError(f"Ray returned batch {row['seq']}, expected {expected}")
            expected += 1
            yield pickle.loads(row["analysed"]), pickle.loads(row["died"])


class _Ledger:
    """Which batches and articles were begun and finished, across actor restarts (one small
    actor per run, no CPU)."""

    def __init__(self) -> None:
        self.attempts: dict[int, int] = {}
        self.begun: set[tuple[int, int]] = set()
        self.done: set[tuple[int, int]] = set()

    def begin(self, seq: int) -> int:
        """The how-manieth time batch ``seq`` starts (2 and more: its actor died on it)."""
        self.attempts[seq] = self.attempts.get(seq, 0) + 1
        return self.attempts[seq]

    def begin_article(self, seq: int, index: int) -> bool:
        """False for an article begun before and never finished: it took its actor down."""
        key = (seq, index)
        if key in self.begun and key not in self.done:
            return False
        self.begun.add(key)
        return True

    def done_article(self, seq: int, index: int) -> None:
        self.done.add((seq, index))


def _analyser(settings: Any, ledger: Any, marker: str | None) -> type:
    """Ray Data's class UDF, one instance per actor holding the pipeline for all its batches.
    Made here so that its arguments travel inside the class, not as constructor arguments
    in the object store (which an actor restarted after a crash could find gone)."""

    class Analyser:
        def __init__(self) -> None:
            os.environ.setdefault(THREADS_ENV, "1")  # each actor holds one CPU
            self.pipeline = Pipeline(settings=settings)

        def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
            out: dict[str, list[Any]] = {"seq": [], "analysed": [], "died": []}
            for seq, blob in zip(rows["seq"], rows["articles"], strict=True):
                analysed, died = self._batch(int(seq), pickle.loads(blob))
                out["seq"].append(int(seq))
                out["analysed"].append(pickle.dumps(analysed, protocol=5))
                out["died"].append(pickle.dumps(died, protocol=5))
            return out

        def _batch(self, seq: int, batch: list[Article]) -> tuple[list[Article], list[Reject]]:
            import ray

            if ray.get(ledger.begin.remote(seq)) == 1:
                return self._pipe(batch), []
            # An actor died on this batch: each article alone; the one it died on is a reject.
            analysed: list[Article] = []
            died: list[Reject] = []
            for index, article in enumerate(batch):
                if not ray.get(ledger.begin_article.remote(seq, index)):
                    died.append(Reject(article.source or "<input>", code="T230", reason=DIED))
                    continue
                analysed += self._pipe([article])
                ray.get(ledger.done_article.remote(seq, index))
            return analysed, died

        def _pipe(self, batch: list[Article]) -> list[Article]:
            if marker and any(marker in (a.text or "") for a in batch):
                os._exit(70)  # fault injection (tests): die as one killed by the system would
            return self.pipeline.pipe(batch)

    return Analyser
