"""Fresh, migrated databases for tests: a SQLite file, or a private PostgreSQL schema (a copy
of one the migrations made); a database that goes away for a while, and one whose answer to
a commit is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

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


def schema_of(url: str | URL) -> str:
    """The private schema a :func:`private_postgres_schema` URL uses."""
    return str(make_url(url).query["options"]).removeprefix("-csearch_path=")


class SchemaCopier:
    """Copies of one schema the migrations made: its tables, indexes and rows as ``pg_dump``
    wrote them once, replayed into a new empty schema (far quicker than migrating each)."""

    _NAME = "__kindling_schema__"

    def __init__(self, migrated_url: str) -> None:
        schema = schema_of(migrated_url)
        server = make_url(migrated_url).set(drivername="postgresql", query={})
        pg_dump = shutil.which("pg_dump")
        assert pg_dump, "the PostgreSQL tests need pg_dump (Debian: postgresql-client)"
        options = ["--no-owner", "--no-privileges", "--inserts", f"--schema={schema}"]
        dump = subprocess.run(
            [pg_dump, *options, server.render_as_string(hide_password=False)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        self._script = "\n".join(
            line.replace(schema, self._NAME)
            for line in dump.splitlines()
            # psql's own commands (\restrict) and the schema, which the copy has already
            if not line.startswith("\\") and not line.startswith("CREATE SCHEMA ")
        )

    def copy_into(self, url: str) -> None:
        """Fill ``url``'s empty schema with the copy (on a connection of its own: the script
        sets the session's search path)."""
        engine = create_engine(make_url(url).set(query={}), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql(self._script.replace(self._NAME, schema_of(url)))
        finally:
            engine.dispose()


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


class ClaimAnswerLost:
    """The app's units of work, except that the first one that claims outbox messages (an
    ``UPDATE outbox`` giving a lease) commits and then fails as if the connection dropped
    before the database's answer arrived: written, but the caller cannot know it."""

    def __init__(self, real: UnitOfWorkFactory, engine: Engine) -> None:
        self._real = real
        self._claiming = threading.local()
        self.lost = False
        event.listen(engine, "after_cursor_execute", self._note)

    def __call__(self) -> _AnswerLost:
        self._claiming.seen = False
        return _AnswerLost(self._real(), self)

    def lose_answer(self) -> bool:
        """True once: for the unit of work that just committed a claim."""
        if self.lost or not getattr(self._claiming, "seen", False):
            return False
        self.lost = True
        return True

    def _note(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        text_ = statement.lstrip().upper()
        if text_.startswith("UPDATE OUTBOX") and "LEASE_UNTIL" in text_:
            self._claiming.seen = True


class _AnswerLost:
    def __init__(self, real: UnitOfWork, database: ClaimAnswerLost) -> None:
        self._real = real
        self._database = database

    def __enter__(self) -> UnitOfWork:
        return self._real.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._real.__exit__(*exc)
        if exc[0] is None and self._database.lose_answer():
            raise OperationalError("COMMIT", {}, ConnectionResetError("the connection dropped"))
