"""The one error handler: log with the traceback, tell the person kindly, let Slack retry events."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.core.events.ledger import release_event
from bot.core.listeners.dependencies import CONTEXT_KEY, dependencies_of
from bot.core.listeners.responses import modal_error
from bot.core.listeners.workspace import ACTOR_KEY, Actor
from bot.core.phrases import phrase
from bot.core.slack.payloads import event_id_of, is_slash_command

logger = logging.getLogger(__name__)


def handle_error(error: Exception, body: dict[str, Any], context: BoltContext) -> BoltResponse:
    """Registered with ``app.error``: no stack trace ever reaches Slack."""
    logger.error("Handling a Slack request failed", exc_info=error)
    if is_slash_command(body):
        answer = {"response_type": "ephemeral", "text": phrase("errors.generic")}
        return BoltResponse(
            status=200, body=json.dumps(answer), headers={"content-type": "application/json"}
        )
    if body.get("type") == "view_submission":
        return modal_error(body.get("view") or {}, phrase("errors.generic"))
    event_id = event_id_of(body)
    actor = context.get(ACTOR_KEY)
    if event_id is not None and CONTEXT_KEY in context and isinstance(actor, Actor):
        _give_back_claim(context, actor.team_id, event_id)
        return BoltResponse(status=500, body="")  # Slack retries the event later
    return BoltResponse(status=200, body="")


def _give_back_claim(context: BoltContext, team_id: str, event_id: str) -> None:
    try:
        with dependencies_of(context).unit_of_work() as uow:
            release_event(uow, team_id=team_id, event_id=event_id)
    except Exception:
        logger.exception("Could not release event %s; Slack's retry will be skipped", event_id)
