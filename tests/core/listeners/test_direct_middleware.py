"""Middleware functions get what they name, as with ``app.use(function)``, minus Bolt's
per-request argument matching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from slack_bolt import BoltContext, BoltRequest, BoltResponse

from bot.core.listeners.direct import DirectMiddleware


def test_a_middleware_gets_the_body_context_and_next_it_names() -> None:
    seen: list[tuple[dict[str, Any], str | None]] = []

    def note(body: dict[str, Any], context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002
        seen.append((body, context.team_id))
        next()

    called: list[bool] = []

    def next_one() -> BoltResponse:
        called.append(True)
        return BoltResponse(status=200)

    request = BoltRequest(body={"type": "event_callback", "team_id": "T1"}, mode="socket_mode")
    response = DirectMiddleware(note).process(
        req=request, resp=BoltResponse(status=200), next=next_one
    )
    assert response is None
    assert seen == [(request.body, "T1")]
    assert called == [True]


def test_a_middleware_that_names_anything_else_is_refused_when_registered() -> None:
    def wants_client(client: object, next: Callable[[], None]) -> None:  # noqa: A002
        next()

    with pytest.raises(TypeError, match="wants_client takes \\['client'\\]"):
        DirectMiddleware(wants_client)
