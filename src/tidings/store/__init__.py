"""The store: the only place with SQL. ``open_store`` picks the backend from the location;
everything outside ``store/`` is typed to the ``Store`` protocol of ``store.base``."""

from __future__ import annotations

from pathlib import Path

from tidings.config import StoreSettings, default_settings
from tidings.errors import NotBuiltError
from tidings.store.base import Store

__all__ = ["Store", "open_store"]


def open_store(
    location: str | Path, *, readonly: bool = False, settings: StoreSettings | None = None
) -> Store:
    """A store at ``location``: a file path (SQLite, created on first use) or a
    ``postgresql://`` URL."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        raise NotBuiltError(
            "the PostgreSQL backend is not built yet", hint="use an SQLite file path for now"
        )
    from tidings.store.sqlite import SQLiteStore

    return SQLiteStore(Path(text), readonly=readonly, settings=settings or default_settings().store)
