"""Fixtures shared by every test layer: databases on SQLite and PostgreSQL, a clock, fake Slack."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.core.store import migrate
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import CLIENT_SECRET
from tests.support.clock import ManualClock
from tests.support.databases import SchemaCopier, postgres_server_url, private_postgres_schema
from tests.support.log_secrets import SecretLeakRecorder
from tests.support.signing import SIGNING_SECRET

# The running app and the OAuth-installing app (fixtures many folders use) are plugins, so
# they reach every test folder, not only one.
pytest_plugins = ("tests.support.running", "tests.support.oauth")

LOG_SECRETS: tuple[str, ...] = (SIGNING_SECRET, CLIENT_SECRET)
_log_leaks = SecretLeakRecorder(LOG_SECRETS)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Two workers per core for ``--numprocesses=auto``: most tests spend their time waiting
    on sockets, a database or a ``kindling run`` process, not on the CPU."""
    return 2 * (os.cpu_count() or 1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The ``heavy`` tests first (a stable sort, the same on every worker). Handed out one at a
    time (``--maxschedchunk=1``), each takes one worker for many seconds while the others
    work through the short ones, instead of running on alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


def pytest_configure(config: pytest.Config) -> None:
    """Capture every log line of the session (at DEBUG, where slack_sdk logs whole request
    and response bodies) through Kindling's redaction."""
    root = logging.getLogger()
    root.addHandler(_log_leaks)
    root.setLevel(logging.DEBUG)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any log line of any test held a secret."""
    logging.getLogger().removeHandler(_log_leaks)
    if _log_leaks.leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"{len(_log_leaks.leaks)} log lines held a secret, e.g.:", red=True)
            for line in _log_leaks.leaks[:5]:
                reporter.write_line(f"  {line}", red=True)


POSTGRES_SKIP_REASON = (
    "TEST_DATABASE_URL is not set, so PostgreSQL tests are skipped "
    "(.ci/run sets it; e.g. postgresql+psycopg://postgres@127.0.0.1:5432/kindling_test)"
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty database: a fresh SQLite file, or a private schema on TEST_DATABASE_URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'kindling.db'}"
        return
    server = postgres_server_url()
    if server is None:
        pytest.skip(POSTGRES_SKIP_REASON)
    with private_postgres_schema(server) as url:
        yield url


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with every migration applied, made once per worker: each test that needs
    a migrated SQLite database gets a byte-for-byte copy of what the migrations made."""
    template = tmp_path_factory.mktemp("template") / "kindling.db"
    migrate.upgrade(f"sqlite:///{template}")
    with sqlite3.connect(template) as connection:  # fold the write-ahead log into the file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return template


@pytest.fixture(scope="session")
def migrated_postgres_template() -> Iterator[SchemaCopier | None]:
    """A PostgreSQL schema with every migration applied, made once per worker, to be copied
    (None without TEST_DATABASE_URL)."""
    server = postgres_server_url()
    if server is None:
        yield None
        return
    with private_postgres_schema(server) as url:
        migrate.upgrade(url)
        yield SchemaCopier(url)


@pytest.fixture
def migrated_database_url(
    database_url: str,
    migrated_sqlite_template: Path,
    migrated_postgres_template: SchemaCopier | None,
) -> str:
    """A database with every migration applied: the only way Kindling's schema is made. Each
    is a copy of the worker's migrated template (on SQLite its file, on PostgreSQL its
    ``pg_dump``)."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite_template, database_url.removeprefix("sqlite:///"))
    else:
        assert migrated_postgres_template is not None
        migrated_postgres_template.copy_into(database_url)
    return database_url


@pytest.fixture
def engine(migrated_database_url: str) -> Iterator[Engine]:
    engine = build_engine(migrated_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def unit_of_work(engine: Engine) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(build_session_factory(engine))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A running fake Slack; any invalid block or view it received fails the test."""
    with FakeSlack() as slack:
        yield slack
    assert not slack.violations, f"the bot sent Slack something it would refuse: {slack.violations}"
