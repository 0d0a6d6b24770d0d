"""tidings: multilingual news into a dated, sourced record of who did what to whom."""

import os

# One BLAS thread per process, unless the user says otherwise: the work is spread over
# processes (the ingest pool, Ray actors) and over a server's request threads, and
# OpenBLAS's own threads, spinning while they wait, only fight them for the cores (a
# search by meaning took 10x longer under load). Set before NumPy loads its BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from tidings.model import Article, Dateline, Reject, Span, Timex
from tidings.pipeline import Pipeline
from tidings.problems import Problem

__version__ = "0.1.0"

__all__ = [
    "Article", "Dateline", "Pipeline", "Problem", "Reject", "Span", "Timex", "__version__"
]
