"""Notices Slack sends an app without any subscription."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltResponse

logger = logging.getLogger(__name__)

RATE_LIMITED_NOTICE = "app_rate_limited"


def acknowledge_rate_limit_notice(
    body: dict[str, Any],
    next: Callable[[], None],  # noqa: A002  # Bolt injects by name
) -> BoltResponse | None:
    """``app_rate_limited``: Slack held back Kindling's events for a minute. Answered 200
    (Slack counts failed deliveries towards disabling an app's events) and logged."""
    if body.get("type") != RATE_LIMITED_NOTICE:
        next()
        return None
    logger.warning(
        "Slack rate-limited Kindling's events for %s (minute %s)",
        body.get("team_id"),
        body.get("minute_rate_limited"),
    )
    return BoltResponse(status=200, body="")
