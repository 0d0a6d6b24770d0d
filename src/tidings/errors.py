"""The exception tree, and the catalogue of messages a person can act on.

    TidingsError
     ├── ConfigError        a setting or config file is wrong
     ├── PipelineError      stages in an order that cannot run (checked when built)
     ├── InputError         an input cannot be read (the batch runner records it as a reject)
     ├── StoreError         the database cannot be opened, migrated or written
     └── NotBuiltError      a task or stage asked for does not exist yet

Every message says what went wrong, with which input, and what to do next.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base of every error tidings raises on purpose."""

    code = "T000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"[{self.code}] {message}" + (f" ({hint})" if hint else ""))


class ConfigError(TidingsError):
    code = "T100"


class PipelineError(TidingsError):
    code = "T200"


class InputError(TidingsError):
    """An input, or part of one, that cannot become an article. ``str(reason)`` is the
    reason recorded with the reject."""

    code = "T300"


class StoreError(TidingsError):
    code = "T400"


class NotBuiltError(TidingsError):
    code = "T500"
