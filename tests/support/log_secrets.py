"""A log handler for the whole test session: every record any test logs goes through
Kindling's own redaction, and a line that still holds a secret is remembered as a leak."""

from __future__ import annotations

import logging
import threading

from bot.logs import SLACK_TOKEN, TEXT_LINE, RedactSecrets


class SecretLeakRecorder(logging.Handler):
    """Formats each record as ``kindling run`` would and keeps those still holding a secret."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__(level=logging.DEBUG)
        self._secrets = secrets
        self.addFilter(RedactSecrets(secrets))
        self.setFormatter(logging.Formatter(TEXT_LINE))
        self.leaks: list[str] = []
        self.lines = 0
        self._leaks_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        with self._leaks_lock:
            self.lines += 1
            if SLACK_TOKEN.search(line) or any(secret in line for secret in self._secrets):
                self.leaks.append(line)
