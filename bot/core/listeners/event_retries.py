"""Events API retries (``x-slack-retry-num``) are answered 200 and not handled twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.core.events.ledger import claim_event
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.slack.ids import REVOCATION_EVENTS, SELF_CLAIMED_EVENTS
from bot.core.slack.payloads import event_id_of

logger = logging.getLogger(__name__)


def skip_event_retries(
    body: dict[str, Any],
    context: BoltContext,
    next: Callable[[], None],  # noqa: A002  # Bolt injects by name
) -> BoltResponse | None:
    """Claim the event's id before it is handled; a delivery already claimed is acked and dropped
    (the :data:`~bot.core.slack.ids.SELF_CLAIMED_EVENTS` are claimed by their listeners).

    The claim is committed first so a retry arriving while the first delivery is still being
    handled is dropped too; the error handler gives the claim back if handling fails.
    """
    event_id = event_id_of(body)
    event_type = body.get("event", {}).get("type")
    if event_id is None or event_type in REVOCATION_EVENTS or event_type in SELF_CLAIMED_EVENTS:
        next()
        return None
    team_id = team_of(context)
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        first_delivery = claim_event(
            uow, team_id=team_id, event_id=event_id, now=dependencies.clock.now()
        )
    if first_delivery:
        next()
        return None
    logger.info("Event %s was already handled; acknowledging Slack's retry", event_id)
    return BoltResponse(status=200, body="")
