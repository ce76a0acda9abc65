"""Fresh, migrated databases for tests: a SQLite file, or a private PostgreSQL schema; and a
database that goes away for a while."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from bot.core.store.unit_of_work import UnitOfWork, UnitOfWorkFactory

TEST_DATABASE_URL = "TEST_DATABASE_URL"


def postgres_server_url() -> URL | None:
    """``TEST_DATABASE_URL`` with the psycopg 3 driver, or None when it is not set."""
    raw = os.environ.get(TEST_DATABASE_URL, "").strip()
    if not raw:
        return None
    url = make_url(raw)
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    return url


@contextmanager
def private_postgres_schema(server: URL) -> Iterator[str]:
    """A new empty schema on ``server``; yields a URL whose connections use only it."""
    schema = f"kindling_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = server.update_query_dict({"options": f"-csearch_path={schema}"})
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


class FlakyDatabase:
    """The app's units of work, refused while the database is ``down`` (as a dead server
    refuses connections)."""

    def __init__(self, real: UnitOfWorkFactory) -> None:
        self._real = real
        self.down = False

    def __call__(self) -> UnitOfWork:
        if self.down:
            raise OperationalError("BEGIN", {}, ConnectionRefusedError("the database is down"))
        return self._real()
