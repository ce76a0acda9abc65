"""``kindling db backup``: a consistent copy of a SQLite database, taken while Kindling runs
(SQLite's online backup API: readers and the writer carry on, and the copy holds every
committed transaction, the WAL's included). PostgreSQL is backed up with ``pg_dump``."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup that cannot be made as asked: the message says what to do instead."""


def backup_sqlite(database_url: str, target: Path) -> None:
    """Copy the SQLite database at ``database_url`` to the new file ``target``."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "kindling db backup copies a SQLite database; back up PostgreSQL with "
            "`pg_dump --format=custom` (see Deploying in the README)"
        )
    source = Path(url.database or "")
    if not url.database or not source.is_file():
        raise BackupError(f"there is no SQLite database at {source} (DATABASE_URL) to back up")
    if target.exists():
        raise BackupError(f"{target} already exists: name a new file, so no backup is overwritten")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
