"""The HTTP server: health check and graceful stop."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bot.server import HttpServer, KindlingWsgiApp
from bot.store.engine import build_engine
from tests.support.signing import http_request

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment


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
