"""HTTP serving: a small WSGI router (``/healthz``, ``/slack/...``) on cheroot's thread pool."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cheroot.wsgi import Server as CherootServer
from slack_bolt import App
from sqlalchemy import Engine

from bot import __version__
from bot.core.metrics import Metrics
from bot.core.slack.requests import KindlingRequestHandler
from bot.core.store.engine import database_answers
from bot.server_paths import HEALTH_PATH, INSTALL_PATH, OAUTH_REDIRECT_PATH, SLACK_EVENTS_PATH

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

SERVER_THREADS = 16
# Connections waiting to be accepted. cheroot's default of 5 drops the SYNs of a burst (Slack
# delivering several events at once), and each dropped one waits a second for its retry.
LISTEN_BACKLOG = 128
SLACK_PATHS = frozenset({SLACK_EVENTS_PATH, INSTALL_PATH, OAUTH_REDIRECT_PATH})  # Bolt's own
# In-flight requests get this long to finish on shutdown (well inside a 10 s stop budget).
SHUTDOWN_TIMEOUT_SECONDS = 5
# How often cheroot's serving loop looks up from waiting on its connections (its default is
# 0.5 s): a stop is noticed within this, not half a second later.
SERVING_LOOP_SECONDS = 0.05


class KindlingWsgiApp:
    """Routes ``GET /healthz`` to the health check, and ``/slack/events`` (with OAuth installs,
    ``/slack/install`` and ``/slack/oauth_redirect`` too) to Bolt."""

    def __init__(self, *, engine: Engine, bolt: App | None, metrics: Metrics | None = None) -> None:
        self._engine = engine
        self._slack = (
            KindlingRequestHandler(bolt, path=SLACK_EVENTS_PATH, metrics=metrics) if bolt else None
        )

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return self._health(start_response)
        if path in SLACK_PATHS and self._slack is not None:
            return self._slack(environ, start_response)
        return _json(start_response, "404 Not Found", {"error": "not_found"})

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        database = database_answers(self._engine)
        body = {
            "status": "ok" if database else "unavailable",
            "database": database,
            "version": __version__,
        }
        status = "200 OK" if database else "503 Service Unavailable"
        return _json(start_response, status, body)


def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    payload = json.dumps(body).encode()
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
    )
    return [payload]


class HttpServer:
    """A multi-threaded production WSGI server that stops gracefully."""

    def __init__(self, app: WSGIApplication, *, host: str, port: int) -> None:
        self._server = CherootServer(
            (host, port),
            app,
            numthreads=SERVER_THREADS,
            request_queue_size=LISTEN_BACKLOG,
            shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS,
            server_name="kindling",
        )
        self._server.expiration_interval = SERVING_LOOP_SECONDS
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (useful when started on port 0)."""
        return int(self._server.bind_addr[1])

    def listen(self) -> None:
        """Bind the socket and listen: from now on connections queue up until :meth:`start`."""
        if not self._server.ready:
            self._server.prepare()

    def start(self) -> None:
        """Listen (if not yet), then serve from a background thread."""
        self.listen()
        self._thread = threading.Thread(target=self._serve, name="kindling-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, let in-flight requests finish, and join the serving thread."""
        self._server.stop()
        if self._thread is not None:
            self._thread.join(timeout=SHUTDOWN_TIMEOUT_SECONDS)

    def _serve(self) -> None:
        self._server.serve()
