"""Named schema migrations: ``migrations/NNNN_name.sql``, applied in order, recorded by name.

Never edit a migration that has shipped: add a new file. Each runs in one transaction.
Statements are separated by ``;`` at the end of a line; ``--`` comments are allowed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_NAME = re.compile(r"\d{4}_[a-z0-9_]+\.sql")


@cache
def migrations() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(name, statements)`` for every migration file, in name order."""
    folder = resources.files("tidings.store.sqlite").joinpath("migrations")
    found = sorted(p.name for p in folder.iterdir() if _NAME.fullmatch(p.name))
    return tuple((name.removesuffix(".sql"), statements(folder.joinpath(name).read_text("utf-8")))
                 for name in found)


def statements(sql: str) -> tuple[str, ...]:
    """The statements of a migration file, comments dropped."""
    lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
    return tuple(s.strip() for s in re.split(r";\s*$", "\n".join(lines), flags=re.M) if s.strip())
