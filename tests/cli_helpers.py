"""Helpers the CLI tests share."""

from __future__ import annotations

from typer.testing import CliRunner

from tidings.cli import app


def run(*args: str) -> str:
    """``tidings ARGS`` in this process; its stdout. An exception or a non-zero exit fails."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout
