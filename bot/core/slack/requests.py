"""Slack's HTTP requests as Bolt requests, read the way Slack writes them.

slack_bolt's ``parse_body`` takes any form body that contains the substring ``payload`` for an
interactivity payload; when the body has no ``payload`` field (a slash command whose text, or
whose channel or user name, says "payload") it parses to ``{}`` and Bolt answers 404. Here a
form body is parsed by its fields instead. The raw body is kept as it came, so Bolt's signature
verification checks exactly the bytes Slack signed. Requests over HTTP and over Socket Mode
are counted in the metrics the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltRequest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context
from slack_bolt.response import BoltResponse
from slack_sdk.socket_mode.builtin.client import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.core.metrics import Metrics

INTERACTIVITY_FIELD = "payload"
SURFACES = frozenset(
    {
        "block_actions",
        "view_submission",
        "view_closed",
        "message_action",
        "shortcut",
        "block_suggestion",
        "url_verification",
        "app_rate_limited",
    }
)


def form_fields(raw_body: str) -> dict[str, str] | None:
    """The fields of a form body that carries no interactivity ``payload`` field (a slash
    command), or None for anything else (JSON, an interactivity form, an empty body)."""
    if not raw_body or raw_body.lstrip().startswith("{"):
        return None
    fields = dict(parse_qsl(raw_body, keep_blank_values=True))
    return None if INTERACTIVITY_FIELD in fields else fields


class SlackFormRequest(BoltRequest):
    """A :class:`BoltRequest` whose form body is read by its fields (see the module)."""

    def __init__(
        self,
        *,
        body: str,
        query: str | dict[str, str] | dict[str, Sequence[str]] | None = None,
        headers: dict[str, str | Sequence[str]] | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(body=body, query=query, headers=headers, context=context)
        fields = None if self.content_type == "application/json" else form_fields(body)
        if fields is not None and fields != self.body:
            self.body = fields
            self.context = build_context(BoltContext(context or {}), self.body)

    def to_copyable(self) -> BoltRequest:
        return SlackFormRequest(
            body=self.raw_body,
            query=self.query,
            headers=self.headers,
            context=self.context.to_copyable(),
        )


class KindlingRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, building :class:`SlackFormRequest` for ``/slack/events`` and
    counting each request (its surface, outcome and time) in ``metrics``."""

    def __init__(self, app: App, *, path: str, metrics: Metrics | None = None) -> None:
        super().__init__(app, path=path)
        self._metrics = metrics or Metrics()

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        bolt_request = SlackFormRequest(
            body=request.get_body(),
            query=request.query_string,
            headers=request.get_headers(),
        )
        return counted(self._metrics, bolt_request.body, lambda: self.app.dispatch(bolt_request))


class CountedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, counting each request in ``metrics`` as HTTP ones are."""

    def __init__(self, app: App, *, app_token: str, metrics: Metrics) -> None:
        super().__init__(app, app_token=app_token)
        self._metrics = metrics

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        start = time.time()  # Bolt's send_response logs the time taken from this wall clock
        response = counted(self._metrics, req.payload, lambda: run_bolt_app(self.app, req))
        send_response(client, req, response, start)


def counted(
    metrics: Metrics, body: dict[str, Any], dispatch: Callable[[], BoltResponse]
) -> BoltResponse:
    """Run ``dispatch`` for the request ``body``, counting its surface, outcome and time."""
    surface = surface_of(body)
    with metrics.request_seconds.labels(surface).time():
        response = dispatch()
    outcome = "ok" if response.status < 400 else f"http_{response.status}"
    metrics.requests.labels(surface, outcome).inc()
    return response


def surface_of(body: dict[str, Any]) -> str:
    """Which kind of Slack request a body is: ``command``, ``event``, ``block_actions``,
    ``view_submission``, ``message_action``... (a bounded label)."""
    if "command" in body:
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        return "event"
    return kind if isinstance(kind, str) and kind in SURFACES else "other"
