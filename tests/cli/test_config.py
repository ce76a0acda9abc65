"""Settings: defaults, validation, and one clear line per problem."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.config import DEFAULT_SLACK_API_URL, ConfigError, Settings, load_settings

BOT_TOKEN = "xoxb-1-2-test-bot-token"
APP_TOKEN = "xapp-1-A1-test-app-token"
SECRET = "a-signing-secret-of-32-characters"
SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DATABASE_URL")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer environment or ``.env`` file may leak into these tests."""
    for name in (*SLACK_VARIABLES, "SLACK_API_URL", "PORT", "LOG_LEVEL", "KINDLING_TICK_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url.get_secret_value() == "sqlite:///kindling.db"
    assert settings.slack_api_url == DEFAULT_SLACK_API_URL
    assert (settings.port, settings.log_level, settings.kindling_tick_seconds) == (3000, "INFO", 60)
    assert settings.socket_mode is False


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("KINDLING_TICK_SECONDS", "15")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    settings = load_settings()
    assert (settings.port, settings.log_level, settings.kindling_tick_seconds) == (
        8080,
        "DEBUG",
        15,
    )
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/", "a trailing slash is added"


def test_dot_env_file_is_read_and_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("PORT=4000\nLOG_LEVEL=WARNING\n")
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    settings = load_settings()
    assert (settings.port, settings.log_level) == (4000, "ERROR")


def test_app_token_chooses_socket_mode_without_a_signing_secret() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        slack_bot_token=SecretStr(BOT_TOKEN),
        slack_app_token=SecretStr(APP_TOKEN),
    )
    settings.require_slack()
    assert settings.socket_mode is True


def test_blank_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "   ")
    with pytest.raises(ConfigError, match=r"^SLACK_BOT_TOKEN is not set: .*manifest\.yml"):
        load_settings().require_slack()


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({}, r"^SLACK_BOT_TOKEN is not set: install the app from manifest\.yml"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN},
            r"^SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are unset",
        ),
        ({"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": SECRET}, r"should start with xoxb-"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-2"}, r"^SLACK_APP_TOKEN .*xapp-"),
        ({"SLACK_BOT_TOKEN": "xoxb-"}, r"^SLACK_BOT_TOKEN is too short to be a Slack token"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xapp-1"},
            r"^SLACK_APP_TOKEN is too short",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "s"},
            r"^SLACK_SIGNING_SECRET is too short",
        ),
    ],
)
def test_missing_or_wrong_slack_credentials(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_settings().require_slack()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "abc"),
        ("PORT", "70000"),
        ("LOG_LEVEL", "CHATTY"),
        ("KINDLING_TICK_SECONDS", "-5"),
        ("KINDLING_SLACK_TIMEOUT_SECONDS", "-3"),
        ("SLACK_API_URL", "ftp://slack.com/api"),
        ("DATABASE_URL", "::nonsense::"),
    ],
)
def test_malformed_values_name_the_variable_and_a_remedy(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as problem:
        load_settings()
    text = str(problem.value)
    assert text.startswith(f"{name} is not valid: ")
    assert "\n" not in text
    assert value not in text, "inputs are not echoed back (they may be secrets)"


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file:kindling?mode=memory&uri=true"]
)
def test_an_in_memory_sqlite_database_is_refused_with_a_remedy(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as problem:
        load_settings()
    assert str(problem.value).startswith(
        "DATABASE_URL is not valid: is an in-memory SQLite database, which Kindling's threads "
        "would not share and which would lose everything when it stops: use a SQLAlchemy URL "
        "such as sqlite:///kindling.db"
    )


def test_postgres_urls_get_the_psycopg_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://kindling:secret@db/kindling")
    url = load_settings().database_url.get_secret_value()
    assert url == "postgresql+psycopg://kindling:secret@db/kindling"


def test_secrets_are_hidden_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:hunter2@db/k")
    shown = repr(load_settings())
    assert "very-secret" not in shown
    assert "hunter2" not in shown


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://kindling@db/kindling", "is for mysql; Kindling runs on SQLite or PostgreSQL"),
        ("http://example", "is for http; Kindling runs on SQLite or PostgreSQL"),
        ("postgresql://", "names no PostgreSQL server: add its host"),
        ("postgresql+psycopg:///kindling", "names no PostgreSQL server: add its host"),
    ],
)
def test_a_database_kindling_cannot_use_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as problem:
        load_settings()
    assert str(problem.value).startswith(f"DATABASE_URL is not valid: {reason}")
    assert "\n" not in str(problem.value)


def test_a_postgres_socket_directory_is_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql:///kindling?host=/var/run/postgresql")
    assert load_settings().database_url.get_secret_value().startswith("postgresql+psycopg:///")


def test_a_postgres_url_without_the_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "psycopg" else real_find_spec(name, *args),
    )
    monkeypatch.setenv("DATABASE_URL", "postgresql://kindling@db/kindling")
    with pytest.raises(ConfigError, match=r"pip install 'kindling\[postgres\]'"):
        load_settings()
