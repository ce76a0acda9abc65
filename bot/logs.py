"""Logging set-up for the ``kindling`` process: every line goes through :class:`RedactSecrets`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from pythonjsonlogger.json import JsonFormatter

TEXT_LINE = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TEXT_FORMAT, JSON_FORMAT = "text", "json"  # the LOG_FORMAT setting's choices
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
JSON_NAMES = {"asctime": "time", "levelname": "level", "name": "logger"}
REDACTED = "[redacted]"
# Slack tokens of every kind (bot, user, app, refresh, configuration), wherever they appear:
# slack_sdk logs whole request and response bodies at DEBUG, oauth.v2.access's among them.
SLACK_TOKEN = re.compile(r"\bx(?:ox[a-z]|app)(?:\.xox[a-z])?-[A-Za-z0-9.-]+")
URL_PASSWORD = re.compile(r"(?P<user>://[^:/@\s]+:)[^@\s]+@")


class RedactSecrets(logging.Filter):
    """Replaces Slack tokens, passwords in URLs and the given secret values with
    ``[redacted]`` in each record's message and traceback, before any handler writes it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = SLACK_TOKEN.sub(REDACTED, text)
        return URL_PASSWORD.sub(rf"\g<user>{REDACTED}@", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: log what was given, redacted
            message = f"{record.msg} {record.args}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class RedactedJsonFormatter(JsonFormatter):
    """One JSON object per line (``time``, ``level``, ``logger``, ``message``, ``exc_info``).
    It formats a traceback from the exception itself, so it redacts that text too."""

    def __init__(self, redaction: RedactSecrets) -> None:
        super().__init__(JSON_FIELDS, rename_fields=JSON_NAMES)
        self._redaction = redaction

    def formatException(self, ei: Any) -> str:  # noqa: N802  # logging's name
        formatted = super().formatException(ei)  # a str: exc_info_as_array is off
        text = formatted if isinstance(formatted, str) else "\n".join(formatted)
        return self._redaction.redact(text)


def configure_logging(
    level: str, *, secrets: Iterable[str] = (), log_format: str = TEXT_FORMAT
) -> None:
    """Log to stderr at ``level`` with secrets redacted, as text lines or (``json``) one JSON
    object per line; chatty libraries stay at WARNING unless debugging."""
    logging.basicConfig(level=level, format=TEXT_LINE, force=True)
    redaction = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redaction)
        if log_format == JSON_FORMAT:
            handler.setFormatter(RedactedJsonFormatter(redaction))
    if level != "DEBUG":
        for noisy in (
            "alembic.runtime.plugins",
            "apscheduler",
            "cheroot",
            "slack_sdk.socket_mode",
            "urllib3",
        ):
            logging.getLogger(noisy).setLevel(logging.WARNING)
