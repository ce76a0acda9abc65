"""The log redaction: tokens, URL passwords and configured secrets never reach a log line."""

from __future__ import annotations

import io
import logging

import pytest

from bot.logs import LOG_FORMAT, RedactSecrets


@pytest.fixture
def logged() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactSecrets(["the-signing-secret"]))
    logger = logging.getLogger("tests.redaction")
    logger.handlers = [handler]
    logger.propagate = False
    return logger, stream


@pytest.mark.parametrize(
    "secret",
    [
        "xoxb-123-456-abcDEF",
        "xoxe.xoxp-1-Mi0yLTE0",
        "xoxe-1-My0xLTM3",
        "xapp-1-A0-123-abc",
        "the-signing-secret",
    ],
)
def test_secrets_in_messages_and_arguments_are_redacted(
    logged: tuple[logging.Logger, io.StringIO], secret: str
) -> None:
    logger, stream = logged
    logger.warning("token %s in the body", secret)
    logger.warning("and inline: " + secret)  # noqa: G003  # as slack_sdk logs, pre-formatted
    assert secret not in stream.getvalue()
    assert stream.getvalue().count("[redacted]") == 2


def test_passwords_in_urls_and_tracebacks_are_redacted(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    try:
        raise ConnectionError("postgresql+psycopg://kindling:hunter2@db/kindling refused")
    except ConnectionError:
        logger.exception("could not connect to %s", "postgresql://kindling:hunter2@db/kindling")
    text = stream.getvalue()
    assert "hunter2" not in text
    assert "postgresql+psycopg://kindling:[redacted]@db/kindling refused" in text
    assert "Traceback" in text  # the traceback stays, only the secret goes
