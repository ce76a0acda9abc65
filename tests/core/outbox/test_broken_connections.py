"""A connection that breaks while the request is still being written proves Slack never saw
it: the message is tried again. One that breaks after the request was written may have been
posted: the message becomes ``unknown``, never sent twice.

urllib (which slack_sdk uses) wraps an ``OSError`` raised while the request is written in
``URLError``; one raised while the answer is read comes through as it is."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.sender import SlackSender
from bot.core.slack.client import build_web_client
from bot.features import message_kinds
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import BOT_TOKEN
from tests.support.clock import ManualClock
from tests.support.kudos import add_people
from tests.support.outbox import enqueue, status
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


@pytest.fixture
def hangs_up_after_reading() -> Iterator[str]:
    """A server that reads each whole request, then closes without a word."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                received = b""
                while b"\r\n\r\n" not in received:
                    received += connection.recv(65536)
                head, _, body = received.partition(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                while len(body) < length:
                    body += connection.recv(65536)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/api/"
    stop.set()
    thread.join(5)
    server.close()


def deliver_through(app: RunningApp, clock: ManualClock, api_url: str) -> Dispatcher:
    client = build_web_client(token=BOT_TOKEN, base_url=api_url, retry=False)
    return Dispatcher(
        unit_of_work=app.kindling.unit_of_work,
        sender=SlackSender(lambda _team_id: client),
        limiter=RateLimiter(messages_per_minute=600),
        kinds=message_kinds(),
        clock=clock,
    )


def test_a_request_that_never_got_written_is_tried_again(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    message_id = enqueue(running_app, "T1", "tls", "U1")
    # Slack's address, but the TLS handshake fails: the request itself is never written.
    https = fake_slack.api_url.replace("http://", "https://")
    deliver_through(running_app, clock, https).drain()
    assert status(running_app, message_id) == "pending"


def test_a_connection_lost_after_the_request_was_written_is_unknown(
    running_app: RunningApp, clock: ManualClock, hangs_up_after_reading: str
) -> None:
    message_id = enqueue(running_app, "T1", "hung-up", "U1")
    deliver_through(running_app, clock, hangs_up_after_reading).drain()
    assert status(running_app, message_id) == "unknown"
