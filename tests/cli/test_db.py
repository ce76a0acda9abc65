"""``kindling db ...`` and replicas starting at once, on an empty SQLite file and an empty
PostgreSQL database."""

from __future__ import annotations

import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.fakeslack import FakeSlack
from tests.support.process import KINDLING, KindlingProcess, clean_environment, run_kindling
from tests.support.signing import SIGNING_SECRET, http_request


@pytest.mark.heavy
def test_db_commands_upgrade_check_and_downgrade(tmp_path: Path, database_url: str) -> None:
    env = clean_environment(DATABASE_URL=database_url)

    def kindling_db(*args: str) -> str:
        result = run_kindling("db", *args, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "no migrations applied" in kindling_db("current")
    assert "up to date" in kindling_db("upgrade")
    assert "(head)" in kindling_db("current")
    assert "No drift" in kindling_db("check")
    assert "now at base" in kindling_db("downgrade", "base")
    assert "no migrations applied" in kindling_db("current")


def test_db_commands_need_no_slack_settings_and_report_a_dead_database(tmp_path: Path) -> None:
    env = clean_environment(DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/kindling")
    result = run_kindling("db", "upgrade", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("kindling: the database at DATABASE_URL does not answer")
    assert "Traceback" not in result.stderr


def test_replicas_upgrading_at_once_migrate_one_after_the_other(
    tmp_path: Path, database_url: str
) -> None:
    env = clean_environment(DATABASE_URL=database_url)
    upgrades = [
        subprocess.Popen(
            [KINDLING, "db", "upgrade"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    answers = [upgrade.communicate(timeout=60) for upgrade in upgrades]
    assert [upgrade.returncode for upgrade in upgrades] == [0, 0, 0], answers
    assert all("Traceback" not in stderr for _stdout, stderr in answers)
    current = run_kindling("db", "current", cwd=tmp_path, env=env)
    assert "(head)" in current.stdout


@pytest.mark.heavy
def test_replicas_starting_at_once_all_serve(
    tmp_path: Path, database_url: str, fake_slack: FakeSlack
) -> None:
    env = clean_environment(
        SLACK_BOT_TOKEN=fake_slack.bot_token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database_url,
        PORT="0",
    )
    with ExitStack() as stack:
        replicas = [
            stack.enter_context(KindlingProcess("run", cwd=tmp_path, env=env)) for _ in range(3)
        ]
        for replica in replicas:
            line = replica.wait_for("listening on port")
            port = int(line.rsplit("port ", 1)[1].split()[0])
            assert http_request(f"http://127.0.0.1:{port}/healthz").status == 200
        assert [replica.stop() for replica in replicas] == [0, 0, 0]
