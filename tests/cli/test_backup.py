"""Backups as the README's Deploying section takes them, on both databases: taken while
Kindling runs, restored into a new database, and served by a new ``kindling run`` that finds
what was written before the backup."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, make_url

from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.databases import schema_of
from tests.support.process import KindlingProcess, clean_environment, run_kindling
from tests.support.signing import SIGNING_SECRET, SlackSender, command_payload, http_request

WIN = "wrote the backup guide"


@pytest.mark.heavy
def test_a_backup_taken_while_kindling_runs_restores_and_serves(
    tmp_path: Path, database_url: str, fake_slack: FakeSlack
) -> None:
    env = environment(fake_slack, database_url)
    with KindlingProcess("run", cwd=tmp_path, env=env) as live:
        base = base_url(live)
        win = command_payload("/win", WIN, team_id=fake_slack.team_id)
        assert SlackSender(f"{base}/slack/events").command(win).status == 200
        with backed_up(database_url, tmp_path, env) as restored_url:
            assert live.stop() == 0
            restored_env = environment(fake_slack, restored_url)
            current = run_kindling("db", "current", cwd=tmp_path, env=restored_env)
            assert "(head)" in current.stdout, current.stderr
            with KindlingProcess("run", "--no-migrate", cwd=tmp_path, env=restored_env) as again:
                health = http_request(f"{base_url(again)}/healthz")
                assert (health.status, health.json()["database"]) == (200, True)
                assert wins_in(restored_url) == [WIN]
                assert again.stop() == 0


def test_a_backup_never_overwrites_a_file_and_points_postgres_to_pg_dump(
    tmp_path: Path,
) -> None:
    existing = tmp_path / "backup.db"
    existing.write_text("an older backup", encoding="utf-8")
    env = clean_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'kindling.db'}")
    (tmp_path / "kindling.db").touch()
    refused = run_kindling("db", "backup", str(existing), cwd=tmp_path, env=env)
    assert (refused.returncode, refused.stderr.count("\n")) == (2, 1), refused.stderr
    assert "already exists" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "an older backup"
    postgres = clean_environment(DATABASE_URL="postgresql+psycopg://kindling@db.example/kindling")
    pointed = run_kindling("db", "backup", str(tmp_path / "new.db"), cwd=tmp_path, env=postgres)
    assert (pointed.returncode, pointed.stderr.count("\n")) == (2, 1), pointed.stderr
    assert "pg_dump" in pointed.stderr
    assert "Traceback" not in refused.stderr + pointed.stderr


def environment(slack: FakeSlack, database_url: str) -> dict[str, str]:
    return clean_environment(
        SLACK_BOT_TOKEN=slack.bot_token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url,
        PORT="0",
    )


def base_url(kindling: KindlingProcess) -> str:
    port = re.search(r"port (\d+)", kindling.wait_for("listening on port"))
    assert port is not None
    return f"http://127.0.0.1:{port[1]}"


@contextmanager
def backed_up(database_url: str, folder: Path, env: dict[str, str]) -> Iterator[str]:
    """Back up as the README says, restore into a new database; yields its URL."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        copy = folder / "restored.db"
        backup = run_kindling("db", "backup", str(copy), cwd=folder, env=env)
        assert backup.returncode == 0, backup.stderr
        yield f"sqlite:///{copy}"
        return
    with restored_postgres(url, folder) as restored:
        yield restored


@contextmanager
def restored_postgres(url: URL, folder: Path) -> Iterator[str]:
    """``pg_dump`` of Kindling's schema, restored with ``pg_restore`` into a new database."""
    schema = schema_of(url)
    server = url.set(drivername="postgresql", query={})
    dump = folder / "kindling.dump"
    pg_dump = [tool("pg_dump"), "--format=custom", f"--schema={schema}", f"--file={dump}"]
    subprocess.run([*pg_dump, server.render_as_string(hide_password=False)], check=True)
    restored = f"kindling_restored_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url.set(query={}), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{restored}"'))
    try:
        into = server.set(database=restored).render_as_string(hide_password=False)
        pg_restore = [tool("pg_restore"), "--no-owner", f"--dbname={into}", str(dump)]
        subprocess.run(pg_restore, check=True)
        yield url.set(database=restored).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'))
        admin.dispose()


def tool(name: str) -> str:
    """A PostgreSQL client program, which the README's backups use."""
    found = shutil.which(name)
    assert found, f"{name} is not installed (Debian: postgresql-client)"
    return found


def wins_in(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(select(Win.text)).scalars())
    finally:
        engine.dispose()
