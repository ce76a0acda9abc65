"""Open the kudos modal: the one Slack call a listener makes itself (the trigger expires in 3 s)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks.kudos import kudos_modal

logger = logging.getLogger(__name__)


def open_kudos_modal(
    client: WebClient,
    *,
    trigger_id: str,
    values: Sequence[str],
    initial_user_ids: Sequence[str],
    metadata: dict[str, Any],
) -> bool:
    """True when Slack opened the modal."""
    view = kudos_modal(values=values, initial_user_ids=initial_user_ids, metadata=metadata)
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except (SlackApiError, OSError) as error:
        logger.warning("Could not open the kudos modal: %s", error)
        return False
    return True
