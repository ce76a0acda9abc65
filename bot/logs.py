"""Logging set-up for the ``kindling`` process."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Log to stderr at ``level``; chatty libraries stay at WARNING unless debugging."""
    logging.basicConfig(level=level, format=LOG_FORMAT, force=True)
    if level != "DEBUG":
        for noisy in (
            "alembic.runtime.plugins",
            "apscheduler",
            "cheroot",
            "slack_sdk.socket_mode",
            "urllib3",
        ):
            logging.getLogger(noisy).setLevel(logging.WARNING)
