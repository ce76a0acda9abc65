"""Quiet hours in the outbox: a message of a kind marked ``quiet_hours`` waits for its person.

It is claimed like any other; if its person is outside their working hours it goes back to
``pending`` with ``not_before`` at their next working hour (a row, never a timer in memory);
if they are on Slack's do-not-disturb when it is about to be sent, it waits for that to end.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.store.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)


class QuietHours(Protocol):
    """When a person may be sent what can wait (the members feature knows their hours)."""

    def opens_at(self, uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> datetime:
        """``now`` while ``user_id`` is at work, else when their next working hour begins."""
        ...


class NeverQuiet:
    """No working hours known: nothing waits (the outbox engine's own tests)."""

    def opens_at(self, uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> datetime:
        del uow, team_id, user_id
        return now


class HeldError(Exception):
    """Not sent now, on purpose: the person is on do-not-disturb until ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"held until {until.isoformat()}")
        self.until = until


def person_of(channel: str | None) -> str | None:
    """The person a DM is addressed to (a user id, ``U…``/``W…``), or None for a channel."""
    return channel if channel and channel[0] in "UW" else None


def do_not_disturb_until(client: WebClient, user_id: str, now: datetime) -> datetime | None:
    """When ``user_id``'s do-not-disturb window that holds ``now`` ends (``dnd.info``), or None
    when they are not on it. When Slack cannot say, None: a failed check must not lose the
    message. A bot cannot see a person's snooze: Slack shows ``snooze_*`` only to the user
    asking about themselves. A 429 is raised for the sender to turn into a wait."""
    try:
        answer = client.dnd_info(user=user_id)
    except SlackApiError as error:
        if error.response.status_code == 429:
            raise
        logger.warning("dnd.info failed for %s: %s", user_id, error.response.get("error"))
        return None
    if not answer.get("dnd_enabled"):
        return None
    start, end = answer.get("next_dnd_start_ts") or 0, answer.get("next_dnd_end_ts") or 0
    if not start <= now.timestamp() < end:
        return None
    return datetime.fromtimestamp(end, tz=UTC)
