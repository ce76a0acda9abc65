"""The log redaction: tokens, URL passwords and configured secrets never reach a log line."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logs import TEXT_LINE, RedactSecrets, configure_logging


@pytest.fixture
def logged() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(TEXT_LINE))
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


def test_json_lines_are_redacted_too(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    kept, level = list(root.handlers), root.level  # pytest's and the suite's own leak check
    try:
        configure_logging("INFO", secrets=["the-state-secret"], log_format="json")
        try:
            raise RuntimeError("refused xoxb-123-456-abcDEF")  # to log
        except RuntimeError:
            logging.getLogger("tests.json").exception(
                "with the-state-secret and %s", "xapp-1-A0-123-abc"
            )
    finally:
        root.handlers[:] = kept
        root.setLevel(level)
    (line,) = capsys.readouterr().err.strip().splitlines()
    record = json.loads(line)
    assert (record["level"], record["logger"]) == ("ERROR", "tests.json")
    assert record["message"] == "with [redacted] and [redacted]"
    assert "RuntimeError: refused [redacted]" in record["exc_info"]
    for secret in ("xoxb-", "xapp-", "state-secret"):
        assert secret not in line
