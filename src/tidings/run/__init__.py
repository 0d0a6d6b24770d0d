"""Runners: read inputs, analyse them with a pipeline in batches, write them to a store.

    run.ingest(paths, store, pipeline, workers=N)   the local runner, resumable: analysis
                                         here or in a pool of N processes (run.pool)
    run.analyse_path(path, pipeline)     analysed articles and rejects of one input, no store
    run.analyse_file(path, pipeline)     the one article of a file

A new runner (Ray) is a module here with the signature of ``local.ingest``.
"""

from tidings.run.base import (
    IngestReport,
    Progress,
    analyse_file,
    analyse_path,
    check,
    read_articles,
)
from tidings.run.local import ingest

__all__ = [
    "IngestReport",
    "Progress",
    "analyse_file",
    "analyse_path",
    "check",
    "ingest",
    "read_articles",
]
