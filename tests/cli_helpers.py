"""Helpers the CLI tests share."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from tidings.cli import app


def run(*args: str) -> str:
    """``tidings ARGS`` in this process; its stdout. An exception or a non-zero exit fails."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


def tidings(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``python -m tidings ARGS`` in a child process (without ``TIDINGS_DEBUG``, so errors
    are the one-line messages users see); ``check`` fails the test on a non-zero exit."""
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}
    done = subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True,
                          text=True, env=env, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"tidings {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done
