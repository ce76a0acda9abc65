"""The HTTP server: health check and graceful stop."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.store.engine import build_engine
from bot.server import HttpServer, KindlingWsgiApp
from tests.support.signing import http_request

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

BURST = 64  # connections at once


def test_health_check_answers_503_when_the_database_does_not(tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    server = HttpServer(KindlingWsgiApp(engine=engine, bolt=None), host="127.0.0.1", port=0)
    server.start()
    try:
        answer = http_request(f"http://127.0.0.1:{server.port}/healthz")
        events = http_request(f"http://127.0.0.1:{server.port}/slack/events", body="{}")
    finally:
        server.stop()
        engine.dispose()
    assert answer.status == 503
    assert answer.json() == {
        "status": "unavailable",
        "database": False,
        "version": answer.json()["version"],
    }
    assert events.status == 404, "Socket Mode serves no Slack endpoint over HTTP"


def test_stopping_lets_in_flight_requests_finish() -> None:
    entered, release = threading.Event(), threading.Event()

    def slow_app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        entered.set()
        release.wait(5)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"finished"]

    server = HttpServer(slow_app, host="127.0.0.1", port=0)
    server.start()
    answers: list[str] = []
    client = threading.Thread(
        target=lambda: answers.append(http_request(f"http://127.0.0.1:{server.port}/").body)
    )
    client.start()
    assert entered.wait(5)
    stopper = threading.Thread(target=server.stop)
    stopper.start()
    release.set()
    stopper.join(10)
    client.join(10)
    assert answers == ["finished"]
    assert not stopper.is_alive()


def test_a_burst_of_connections_waits_in_the_queue_instead_of_being_dropped(
    tmp_path: Path,
) -> None:
    """Connections that arrive before the server accepts them are queued by the kernel up to
    the listen backlog; past it their SYNs are dropped, and each sender waits a second or
    more for its retry (a third of Slack's 3-second budget)."""
    engine = build_engine(f"sqlite:///{tmp_path / 'kindling.db'}")
    server = HttpServer(KindlingWsgiApp(engine=engine, bolt=None), host="127.0.0.1", port=0)
    server.listen()  # not accepting yet: every connection below must wait in the queue
    burst: list[socket.socket] = []
    try:
        for _ in range(BURST):
            # A dropped SYN is retried after 1 s, then 3 s: this connect would time out.
            burst.append(socket.create_connection(("127.0.0.1", server.port), timeout=2))
        server.start()
        for connection in burst:
            connection.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
        status_lines = []
        for connection in burst:
            with connection.makefile("rb") as answer:
                status_lines.append(answer.readline())
    finally:
        for connection in burst:
            connection.close()
        server.stop()
        engine.dispose()
    assert len(status_lines) == BURST
    assert all(line.startswith(b"HTTP/1.1 200") for line in status_lines), set(status_lines)
