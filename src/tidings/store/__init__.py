"""The store: the only place with SQL. ``open_store`` picks the backend from the location;
everything outside ``store/`` is typed to the ``Store`` protocol of ``store.base``."""

from __future__ import annotations

from pathlib import Path

from tidings.config import StoreSettings, default_settings
from tidings.store.base import Store

__all__ = ["Store", "is_url", "open_store", "shown_location"]


def is_url(location: str | Path) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than an SQLite file."""
    return str(location).startswith(("postgresql://", "postgres://"))


def shown_location(location: str | Path) -> str:
    """``location`` as it may be printed: a URL without its password."""
    if is_url(location):
        from tidings.store.postgres.store import display

        return display(str(location))
    return str(location)


def open_store(
    location: str | Path, *, readonly: bool = False, settings: StoreSettings | None = None
) -> Store:
    """A store at ``location``: a file path (SQLite, created on first use) or a
    ``postgresql://`` URL."""
    text = str(location)
    if is_url(text):
        from tidings.store.postgres import PostgresStore

        return PostgresStore(text, readonly=readonly,
                             settings=settings or default_settings().store)
    from tidings.store.sqlite import SQLiteStore

    return SQLiteStore(Path(text), readonly=readonly, settings=settings or default_settings().store)
