"""The store tests are contract tests: every test that takes ``location`` runs once per
backend (SQLite, and PostgreSQL on a throwaway server: ``pg_server``); a new backend joins
by adding its name and a way to make a fresh empty store here. Tests of one backend's own
promises live in ``test_<backend>_backend.py``."""

from __future__ import annotations

import pytest

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> str:
    """Where a fresh, empty store of each backend lives (what ``open_store`` takes)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    if request.param == "postgresql":
        return request.getfixturevalue("pg_server").fresh()
    raise AssertionError(f"no way to make a {request.param} store")  # pragma: no cover
