"""The exception tree. Every error carries a ``Problem`` (see ``problems.CATALOGUE``).

    TidingsError            T000
     ├── ConfigError        T100  a setting or config file is wrong
     │    └── ResourceError T110  a language resource file (lexicon, table) is broken
     ├── PipelineError      T200  stages in an order that cannot run (checked when built)
     ├── InputError         T300  an input cannot be read (the runner records it as a reject)
     ├── StoreError         T400  the database cannot be opened, migrated or written
     ├── NotBuiltError      T500  a task or stage asked for does not exist yet
     ├── UsageError         T600  a command used wrongly
     └── QueryError         T700  a filter or query that cannot match anything as written

Every message says what went wrong, with which input, and what to do next. A subclass
error may carry a finer code of its family (``InputError(..., code="T303")``).
"""

from __future__ import annotations

from tidings.problems import Problem


class TidingsError(Exception):
    """Base of every error tidings raises on purpose."""

    code = "T000"

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        code: str | None = None,
        stage: str | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.problem = Problem(code or type(self).code, message, stage, hint)
        self.code = self.problem.code
        super().__init__(str(self.problem))


class ConfigError(TidingsError):
    code = "T100"


class ResourceError(ConfigError):
    """A file under ``lang/`` or ``data/`` that cannot be read as written."""

    code = "T110"


class PipelineError(TidingsError):
    code = "T200"


class InputError(TidingsError):
    """An input, or part of one, that cannot become an article. ``problem.text`` is the
    reason recorded with the reject."""

    code = "T300"


class StoreError(TidingsError):
    code = "T400"


class QueryTimeout(StoreError):
    """A query ran past its time limit and was cut (the HTTP API answers 503)."""

    code = "T410"


class NotBuiltError(TidingsError):
    code = "T500"


class UsageError(TidingsError):
    code = "T600"


class QueryError(TidingsError):
    code = "T700"
