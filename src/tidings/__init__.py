"""tidings: multilingual news into a dated, sourced record of who did what to whom."""

from tidings.model import Article, Dateline, Reject, Span, Timex
from tidings.pipeline import Pipeline
from tidings.problems import Problem

__version__ = "0.1.0"

__all__ = [
    "Article", "Dateline", "Pipeline", "Problem", "Reject", "Span", "Timex", "__version__"
]
