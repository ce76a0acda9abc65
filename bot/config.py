"""Settings from environment variables and an optional ``.env`` file.

Every problem is reported as one :class:`ConfigError` line that names the variable and says
where to get a good value; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
SUPPORTED_DATABASES = frozenset({"sqlite", "postgresql"})
MIN_TOKEN_BODY = 10  # characters after xoxb- / xapp-: Slack's tokens have dozens
MIN_SECRET_LENGTH = 16  # Slack's signing secret has 32; a state secret should be as long

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LogFormat = Literal["text", "json"]

# Where to find a good value, per variable: shown with every error about it.
HINTS: dict[str, str] = {
    "SLACK_BOT_TOKEN": (
        "install the app from manifest.yml and copy the Bot User OAuth Token (xoxb-...) "
        "from OAuth & Permissions"
    ),
    "SLACK_SIGNING_SECRET": "copy the Signing Secret from your app's Basic Information page",
    "SLACK_APP_TOKEN": (
        "create an app-level token with the connections:write scope under Basic Information "
        "(xapp-...), or unset it to serve HTTP"
    ),
    "SLACK_CLIENT_ID": "copy the Client ID from your app's Basic Information page",
    "SLACK_CLIENT_SECRET": "copy the Client Secret from your app's Basic Information page",
    "SLACK_STATE_SECRET": (
        "set a long random string of your own (for example: openssl rand -hex 32); it signs "
        "the OAuth state"
    ),
    "DATABASE_URL": (
        "use a SQLAlchemy URL such as sqlite:///kindling.db or "
        "postgresql+psycopg://user:password@host/kindling"
    ),
    "SLACK_API_URL": "leave it unset for Slack's own https://slack.com/api/",
    "PORT": "use a TCP port number from 1 to 65535 (0 picks a free port)",
    "KINDLING_METRICS_PORT": (
        "use a TCP port number from 1 to 65535 for Prometheus' /metrics, or leave it unset "
        "(no metrics served)"
    ),
    "LOG_LEVEL": "use one of DEBUG, INFO, WARNING, ERROR or CRITICAL",
    "LOG_FORMAT": "use text (the default) or json (one JSON object per line)",
    "KINDLING_TICK_SECONDS": "use a whole number of seconds from 1 to 3600 (default 60)",
    "KINDLING_WORKSPACE_MESSAGES_PER_MINUTE": (
        "use a whole number from 1 to 10000 (default 200, within Slack's workspace limits)"
    ),
    "KINDLING_SLACK_TIMEOUT_SECONDS": (
        "use a whole number of seconds from 1 to 120 (default 10): how long a message waits "
        "for Slack's answer"
    ),
    "KINDLING_CHECKIN_LATE_MINUTES": (
        "use a whole number of minutes from 1 to 1440 (default 120): a check-in found later "
        "than this is skipped, not sent"
    ),
    "KINDLING_UNINSTALL_GRACE_DAYS": (
        "use a whole number of days from 0 to 90 (default 0: a workspace's data is deleted "
        "as soon as Kindling is uninstalled)"
    ),
}
OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line meant for a person."""


class Settings(BaseSettings):
    """Kindling's configuration. Field names match the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        hide_input_in_errors=True,
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_state_secret: SecretStr | None = None
    database_url: SecretStr = SecretStr("sqlite:///kindling.db")
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: Annotated[int, Field(ge=0, le=65535)] = 3000
    kindling_metrics_port: Annotated[int, Field(ge=1, le=65535)] | None = None
    log_level: LogLevel = "INFO"
    log_format: LogFormat = "text"
    kindling_tick_seconds: Annotated[int, Field(ge=1, le=3600)] = 60
    kindling_workspace_messages_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 200
    kindling_slack_timeout_seconds: Annotated[int, Field(ge=1, le=120)] = 10
    kindling_checkin_late_minutes: Annotated[int, Field(ge=1, le=1440)] = 120
    kindling_uninstall_grace_days: Annotated[int, Field(ge=0, le=90)] = 0

    @field_validator(
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "slack_client_id",
        "slack_client_secret",
        "slack_state_secret",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_log_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("slack_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _sqlalchemy_url(cls, value: SecretStr) -> SecretStr:
        try:
            url = make_url(value.get_secret_value())
        except ArgumentError:
            raise ValueError("is not a database URL") from None
        if url.get_backend_name() == "sqlite" and _in_memory(url.database, url.query):
            raise ValueError(
                "is an in-memory SQLite database, which Kindling's threads would not share and "
                "which would lose everything when it stops"
            )
        backend = url.get_backend_name()
        if backend not in SUPPORTED_DATABASES:
            raise ValueError(f"is for {backend}; Kindling runs on SQLite or PostgreSQL")
        if backend == "postgresql":
            return SecretStr(_postgres_url(url).render_as_string(hide_password=False))
        return value

    @property
    def socket_mode(self) -> bool:
        """Socket Mode is chosen by setting ``SLACK_APP_TOKEN``."""
        return self.slack_app_token is not None

    def secret_values(self) -> list[str]:
        """Every secret in the settings (tokens, secrets, the database password), for the log
        redaction."""
        secrets = [
            value.get_secret_value()
            for value in (
                self.slack_bot_token,
                self.slack_signing_secret,
                self.slack_app_token,
                self.slack_client_secret,
                self.slack_state_secret,
            )
            if value is not None
        ]
        password = make_url(self.database_url.get_secret_value()).password
        return [*secrets, str(password)] if password else secrets

    @property
    def oauth_installs(self) -> bool:
        """Multi-workspace OAuth installs are chosen by setting ``SLACK_CLIENT_ID``."""
        return self.slack_client_id is not None or self.slack_client_secret is not None

    def require_slack(self) -> None:
        """Check the Slack credentials ``kindling run`` needs for the chosen mode."""
        if self.oauth_installs:
            self._require_oauth()
            return
        _require_token("SLACK_BOT_TOKEN", self.slack_bot_token, "xoxb-")
        if self.slack_app_token is not None:
            _require_token("SLACK_APP_TOKEN", self.slack_app_token, "xapp-")
        elif self.slack_signing_secret is not None:
            _require_long_secret(
                "SLACK_SIGNING_SECRET", self.slack_signing_secret, needed_for="to serve HTTP"
            )
        else:
            raise ConfigError(
                "SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are unset: for Socket Mode (how "
                "manifest.yml sets the app up) create an app-level token with the "
                "connections:write scope under Basic Information (xapp-...) and set "
                "SLACK_APP_TOKEN; to serve HTTP instead, set SLACK_SIGNING_SECRET"
            )

    def _require_oauth(self) -> None:
        given = {
            "SLACK_CLIENT_ID": self.slack_client_id,
            "SLACK_CLIENT_SECRET": self.slack_client_secret,
            "SLACK_STATE_SECRET": self.slack_state_secret,
        }
        for variable in OAUTH_VARIABLES:
            if given[variable] is None:
                raise ConfigError(_problem(variable, "is not set (needed for OAuth installs)"))
        _require_long_secret(
            "SLACK_STATE_SECRET", self.slack_state_secret, needed_for="for OAuth installs"
        )
        if self.slack_bot_token is not None:
            raise ConfigError(
                "SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID: choose one mode, a single "
                "workspace's token or OAuth installs (unset SLACK_BOT_TOKEN to serve installs)"
            )
        if self.slack_app_token is not None:
            raise ConfigError(
                "SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID: OAuth installs are served "
                "over HTTP, so unset SLACK_APP_TOKEN"
            )
        _require_long_secret(
            "SLACK_SIGNING_SECRET", self.slack_signing_secret, needed_for="to serve HTTP"
        )


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one clear :class:`ConfigError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]  # overrides are validated by pydantic
    except ValidationError as error:
        first = error.errors()[0]
        variable = str(first["loc"][0]).upper() if first["loc"] else "a setting"
        reason = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(_problem(variable, f"is not valid: {reason}")) from None


def _require_token(variable: str, value: SecretStr | None, prefix: str) -> None:
    if value is None:
        raise ConfigError(_problem(variable, "is not set"))
    token = value.get_secret_value()
    if not token.startswith(prefix):
        raise ConfigError(
            _problem(variable, f"does not look right (it should start with {prefix})")
        )
    if len(token) - len(prefix) < MIN_TOKEN_BODY:
        raise ConfigError(
            _problem(variable, f"is too short to be a Slack token (only {prefix} and a little)")
        )


def _require_long_secret(variable: str, value: SecretStr | None, *, needed_for: str) -> None:
    if value is None:
        raise ConfigError(_problem(variable, f"is not set (needed {needed_for})"))
    if len(value.get_secret_value()) < MIN_SECRET_LENGTH:
        raise ConfigError(
            _problem(variable, f"is too short (at least {MIN_SECRET_LENGTH} characters)")
        )


def _problem(variable: str, what: str) -> str:
    hint = HINTS.get(variable)
    return f"{variable} {what}: {hint}" if hint else f"{variable} {what}"


def _postgres_url(url: URL) -> URL:
    """A PostgreSQL URL with the psycopg driver Kindling ships with, once it is installed and
    the URL says which server (a host, or ``?host=`` a socket directory)."""
    if url.drivername in {"postgres", "postgresql"}:
        url = url.set(drivername="postgresql+psycopg")
    if not url.host and "host" not in url.query:
        raise ValueError(
            "names no PostgreSQL server: add its host (postgresql+psycopg://user:password@host/"
            "kindling), or ?host=/path/to/socket-directory"
        )
    if url.drivername == "postgresql+psycopg" and importlib.util.find_spec("psycopg") is None:
        raise ValueError(
            "needs the PostgreSQL driver, which is not installed: pip install 'kindling[postgres]'"
            " (from a checkout: pip install '.[postgres]')"
        )
    return url


def _in_memory(database: str | None, query: Mapping[str, object]) -> bool:
    return database in {None, "", ":memory:"} or query.get("mode") == "memory"
