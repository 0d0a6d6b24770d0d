"""Runners: read inputs, analyse them with a pipeline in batches, write them to a store.

    run.ingest(paths, store, pipeline, workers=N)   the local runner, resumable: analysis
                                         here or in a pool of N processes (run.pool)
    run.ingest(..., runner="ray", ray_address=A)    the same record, analysed by a pool of
                                         Ray actors (run.ray_runner; Ray imported only then)
    run.analyse_path(path, pipeline)     analysed articles and rejects of one input, no store
    run.analyse_file(path, pipeline)     the one article of a file

A new runner is a module here with the signature of ``local.ingest``, handing its batches
to ``local.ingest_into`` (one reader, one writer), and a branch in ``ingest`` below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tidings.errors import UsageError
from tidings.pipeline import Pipeline
from tidings.run.base import (
    IngestReport,
    Progress,
    analyse_file,
    analyse_path,
    check,
    read_articles,
)
from tidings.run.local import ingest as ingest_local
from tidings.store.base import Store

RUNNERS = ("local", "ray")


def check_runner(runner: str, ray_address: str | None) -> None:
    """A ``UsageError`` for a runner that does not exist, or a Ray address without the Ray
    runner (what ``tidings ingest`` checks before it opens the store)."""
    if runner not in RUNNERS:
        raise UsageError(f"--runner {runner}: no such runner",
                         hint="choose " + " or ".join(RUNNERS))
    if ray_address is not None and runner != "ray":
        raise UsageError(f"--ray-address {ray_address} is for the Ray runner",
                         hint="add --runner ray, or leave out --ray-address")


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    *,
    force: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    workers: int | None = 1,
    runner: str = "local",
    ray_address: str | None = None,
) -> IngestReport:
    """Read every input into ``store`` with ``runner``: ``local`` (this process, or a pool of
    ``workers`` processes) or ``ray`` (``workers`` Ray actors, on this machine or on the
    cluster at ``ray_address``). The stored record is the same whichever runs it."""
    check_runner(runner, ray_address)
    if runner == "ray":
        from tidings.run.ray_runner import ingest as ingest_ray

        return ingest_ray(paths, store, pipeline, force=force, on_progress=on_progress,
                          workers=workers, address=ray_address)
    return ingest_local(paths, store, pipeline, force=force, on_progress=on_progress,
                        workers=workers or 1)

__all__ = [
    "RUNNERS",
    "IngestReport",
    "Progress",
    "analyse_file",
    "analyse_path",
    "check",
    "ingest",
    "read_articles",
]
