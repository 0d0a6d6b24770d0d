"""Shared fixtures. Unexpected reader exceptions raise in tests (TIDINGS_DEBUG) so bugs
surface instead of becoming rejects."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("TIDINGS_DEBUG", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: the seeds and gold sets live there")
    return SHARED


@pytest.fixture(scope="session")
def seed_expected(shared: Path) -> dict:
    return json.loads((shared / "seeds" / "expected.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def pipeline():
    from tidings import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole run (see ``pg_server.py``)."""
    from pg_server import Server

    server = Server()
    yield server
    server.stop()
