"""The embedded SQLite backend (see ``store.py``)."""

from tidings.store.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore"]
