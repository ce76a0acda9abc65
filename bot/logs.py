"""Logging set-up for the ``kindling`` process: every line goes through :class:`RedactSecrets`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
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


def configure_logging(level: str, *, secrets: Iterable[str] = ()) -> None:
    """Log to stderr at ``level`` with secrets redacted; chatty libraries stay at WARNING
    unless debugging."""
    logging.basicConfig(level=level, format=LOG_FORMAT, force=True)
    redaction = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redaction)
    if level != "DEBUG":
        for noisy in (
            "alembic.runtime.plugins",
            "apscheduler",
            "cheroot",
            "slack_sdk.socket_mode",
            "urllib3",
        ):
            logging.getLogger(noisy).setLevel(logging.WARNING)
