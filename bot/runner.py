"""``kindling run``: start the scheduler tick and serve Slack until asked to stop."""

from __future__ import annotations

import errno
import logging
import threading
from wsgiref.simple_server import WSGIServer

from apscheduler.schedulers.background import BackgroundScheduler
from prometheus_client import start_http_server
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.app import Kindling, build_kindling
from bot.config import HINTS, ConfigError, Settings
from bot.core.scheduling.ticker import build_scheduler
from bot.core.slack.requests import CountedSocketModeHandler
from bot.server import HttpServer, KindlingWsgiApp

logger = logging.getLogger(__name__)

LISTEN_HOST = "0.0.0.0"  # noqa: S104  # a server in a container listens on every interface


def serve(settings: Settings, *, stop: threading.Event) -> None:
    """Serve until ``stop`` is set, then shut down gracefully (well within 10 s)."""
    kindling = build_kindling(settings)
    socket_mode = _socket_mode_handler(kindling)
    http = HttpServer(
        KindlingWsgiApp(
            engine=kindling.engine,
            bolt=None if socket_mode else kindling.bolt,
            metrics=kindling.metrics,
        ),
        host=LISTEN_HOST,
        port=settings.port,
    )
    scheduler = build_scheduler(kindling.ticker, tick_seconds=settings.kindling_tick_seconds)
    metrics: WSGIServer | None = None
    try:
        _listen(http, settings.port)
        metrics = _serve_metrics(kindling, settings.kindling_metrics_port)
        if socket_mode is not None:
            _check_app_token(kindling)
            socket_mode.connect()  # type: ignore[no-untyped-call]  # Bolt leaves it untyped
        kindling.dispatcher.start()
        scheduler.start()
        _announce(http, socket_mode=socket_mode is not None)
        stop.wait()
        logger.info("Stopping: finishing in-flight requests")
    finally:
        if metrics is not None:
            metrics.shutdown()
        _shut_down(kindling, http=http, socket_mode=socket_mode, scheduler=scheduler)


def _listen(http: HttpServer, port: int) -> None:
    try:
        http.start()
    except OSError as error:
        # cheroot rewraps the bind error and keeps only its text ("[Errno 98] ...").
        in_use = error.errno == errno.EADDRINUSE or f"[Errno {errno.EADDRINUSE}]" in str(error)
        if not in_use:
            raise
        raise ConfigError(
            f"PORT {port} is already in use by another program: stop it, or set PORT to a free port"
        ) from None


def _serve_metrics(kindling: Kindling, port: int | None) -> WSGIServer | None:
    """Prometheus' ``/metrics`` on its own port (not the Slack one), when one is set."""
    if port is None:
        return None
    try:
        server, _thread = start_http_server(
            port, addr=LISTEN_HOST, registry=kindling.metrics.registry
        )
    except OSError as error:
        raise ConfigError(
            f"KINDLING_METRICS_PORT {port} cannot be served ({error.strerror}): choose a free port"
        ) from None
    logger.info("Prometheus metrics on port %d (GET /metrics)", port)
    return server


def _check_app_token(kindling: Kindling) -> None:
    """Ask Slack for a Socket Mode URL once before Bolt connects, so a refused app-level token
    is a setting to fix (one line), not Bolt's logged stack of errors."""
    token = kindling.settings.slack_app_token
    if token is None:  # HTTP mode: no app-level token to check
        return
    try:
        kindling.bolt.client.apps_connections_open(app_token=token.get_secret_value())
    except SlackApiError as error:
        code = error.response.get("error", "unknown_error")
        raise ConfigError(
            f"SLACK_APP_TOKEN was refused by Slack ({code}): {HINTS['SLACK_APP_TOKEN']}"
        ) from None


def _socket_mode_handler(kindling: Kindling) -> SocketModeHandler | None:
    token = kindling.settings.slack_app_token
    if token is None:
        return None
    return CountedSocketModeHandler(
        kindling.bolt, app_token=token.get_secret_value(), metrics=kindling.metrics
    )


def _announce(http: HttpServer, *, socket_mode: bool) -> None:
    if socket_mode:
        logger.info("Kindling is connected over Socket Mode; health check on port %d", http.port)
    else:
        logger.info("Kindling is listening on port %d (POST /slack/events)", http.port)


def _shut_down(
    kindling: Kindling,
    *,
    http: HttpServer,
    socket_mode: SocketModeHandler | None,
    scheduler: BackgroundScheduler,
) -> None:
    if socket_mode is not None:
        socket_mode.close()  # type: ignore[no-untyped-call]  # Bolt leaves it untyped
    http.stop()
    if scheduler.running:
        scheduler.shutdown(wait=True)
    kindling.close()  # stops the dispatcher after its current message
    logger.info("Kindling stopped")
