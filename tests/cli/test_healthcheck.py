"""``kindling healthcheck`` reads PORT as the settings do, without importing them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.healthcheck import DEFAULT_PORT, configured_port


@pytest.fixture(autouse=True)
def no_port(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("PORT", "port"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_the_environment_wins_over_dot_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert configured_port() == DEFAULT_PORT
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-x\nexport PORT='4000'\n")
    assert configured_port() == 4000
    monkeypatch.setenv("port", "5000")
    assert configured_port() == 5000


@pytest.mark.parametrize(("value", "says"), [("0", "PORT is 0"), ("eighty", "not valid")])
def test_a_port_it_cannot_probe_is_one_line(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("PORT", value)
    answer = configured_port()
    assert isinstance(answer, str)
    assert says in answer


def test_it_imports_neither_the_settings_nor_the_database() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, bot.cli, bot.healthcheck; print(sorted(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for heavy in ("sqlalchemy", "pydantic", "slack_sdk", "slack_bolt", "alembic"):
        assert f"'{heavy}'" not in loaded
