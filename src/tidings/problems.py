"""One shape for everything that goes wrong: ``Problem(code, message, stage, hint)``.

A reject, an article warning, a raised error, a ``--json`` error on stderr and (later) an
HTTP error body are all a ``Problem``. Its code comes from ``CATALOGUE``, the one list of
codes a user can look up (``tidings`` prints the code with every error).

A stage that catches its own exceptions records a Problem on the article and goes on, unless
errors are to be raised (tests, ``Pipeline.analyse``): then ``raising()`` is true and the
stage re-raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# Every code tidings uses, with what it means. Codes are stable: add, never renumber.
CATALOGUE: dict[str, str] = {
    "T000": "unexpected error (please report it)",
    "T100": "a setting or config file is wrong",
    "T110": "a language resource file (lexicon, table) is broken",
    "T200": "stages are in an order that cannot run",
    "T210": "a stage failed on an article; its fields stay empty",
    "T220": "a stage analysed only part of an article, or had nothing to work with",
    "T230": "the worker process analysing an article died (killed, out of memory, a crash)",
    "T300": "an input cannot be read",
    "T301": "no such file or folder, or a pattern matches nothing",
    "T302": "the input is empty",
    "T303": "the input is larger than the limit",
    "T304": "the input is not text, or its encoding cannot be found",
    "T305": "the input is truncated or corrupt",
    "T306": "a record of the input is malformed (JSON, feed, WARC, HTML)",
    "T307": "the article has no body text",
    "T308": "the article body is longer than the limit",
    "T310": "a metadata field of the input was not understood",
    "T320": "a URL could not be fetched (DNS, timeout, refused, HTTP error)",
    "T321": "robots.txt of the site does not let tidings fetch the URL",
    "T322": "a feed URL answered with something that is not a feed (an HTML error page)",
    "T400": "the store cannot be opened, migrated or written",
    "T410": "the store did not answer within the time limit (a costly query, or a busy store)",
    "T500": "what was asked for is not built yet",
    "T600": "the command was used wrongly (unknown option, missing argument)",
    "T700": "a query or filter cannot match anything as written",
    "T710": "nothing is stored under that id",
    "T711": "no story is stored under that id (or the stories are not built yet)",
    "T712": "no entity is stored under that id",
    "T713": "no storyline is stored under that id or pair",
    "T720": "nothing is served at that address",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong (``message``), where (``stage``: read, language, entities, store,
    cli, ...), and what to do next (``hint``)."""

    code: str
    message: str
    stage: str | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"problem code {self.code!r} is not in the catalogue")

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "stage": self.stage, "message": self.message, "hint": self.hint}

    @property
    def text(self) -> str:
        """The message and its hint, as one line for people."""
        return self.message + (f" ({self.hint})" if self.hint else "")

    def __str__(self) -> str:
        return f"[{self.code}] {self.text}"

    @classmethod
    def from_dict(cls, data: dict[str, Any] | str) -> Problem:
        """A problem from ``to_dict()`` output; a plain string (stores written before
        problems had codes) becomes an uncoded stage problem."""
        if isinstance(data, str):
            return cls("T220", data)
        return cls(data["code"], data["message"], data.get("stage"), data.get("hint"))


_RAISING: ContextVar[bool] = ContextVar("tidings_raise_errors", default=False)


def raising() -> bool:
    """Whether a stage that catches its own exception should re-raise it."""
    return _RAISING.get()


@contextmanager
def raise_errors(on: bool = True) -> Iterator[None]:
    """Within this block, stages re-raise the exceptions they would record as problems."""
    token = _RAISING.set(on)
    try:
        yield
    finally:
        _RAISING.reset(token)
