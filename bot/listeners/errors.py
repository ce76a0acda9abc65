"""The one error handler: log with the traceback, tell the person kindly, let Slack retry events."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.listeners.dependencies import CONTEXT_KEY, dependencies_of
from bot.services.event_ledger import release_event
from bot.slack.payloads import event_identity, is_slash_command
from bot.slack.phrases import phrases

logger = logging.getLogger(__name__)


def handle_error(error: Exception, body: dict[str, Any], context: BoltContext) -> BoltResponse:
    """Registered with ``app.error``: no stack trace ever reaches Slack."""
    logger.error("Handling a Slack request failed", exc_info=error)
    if is_slash_command(body):
        answer = {"response_type": "ephemeral", "text": phrases().errors.generic}
        return BoltResponse(
            status=200, body=json.dumps(answer), headers={"content-type": "application/json"}
        )
    if body.get("type") == "view_submission":
        return _keep_the_modal_open(body)
    identity = event_identity(body)
    if identity is not None and CONTEXT_KEY in context:
        _give_back_claim(context, *identity)
        return BoltResponse(status=500, body="")  # Slack retries the event later
    return BoltResponse(status=200, body="")


def _keep_the_modal_open(body: dict[str, Any]) -> BoltResponse:
    """A failed submission keeps the form (and what was typed) and says so on its first field."""
    blocks = (body.get("view") or {}).get("blocks") or []
    first_input = next((b.get("block_id") for b in blocks if b.get("type") == "input"), None)
    if first_input is None:
        return BoltResponse(status=200, body="")
    answer = {"response_action": "errors", "errors": {first_input: phrases().errors.generic}}
    return BoltResponse(
        status=200, body=json.dumps(answer), headers={"content-type": "application/json"}
    )


def _give_back_claim(context: BoltContext, team_id: str, event_id: str) -> None:
    try:
        with dependencies_of(context).unit_of_work() as uow:
            release_event(uow, team_id=team_id, event_id=event_id)
    except Exception:
        logger.exception("Could not release event %s; Slack's retry will be skipped", event_id)
