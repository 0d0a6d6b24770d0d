"""The PostgreSQL backend (``--db postgresql://...``): see ``store.py``."""

from tidings.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
