"""The outbox's plain values: how a message reaches Slack, how far it got, a message to add
and a due one. Pure: the store's models and every feature's messages use them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class DeliveryMethod(StrEnum):
    """How a message reaches Slack."""

    POST_MESSAGE = "chat.postMessage"
    POST_EPHEMERAL = "chat.postEphemeral"  # seen only by the ``user`` the renderer names
    UPDATE_MESSAGE = "chat.update"
    RESPONSE_URL = "response_url"
    PUBLISH_VIEW = "views.publish"
    UPLOAD_FILE = "files.upload_v2"


class OutboxStatus(StrEnum):
    """How far a message got."""

    WAITING = "waiting"
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"
    SKIPPED_LATE = "skipped_late"  # found too late to be welcome: recorded, never sent
    SUPERSEDED = "superseded"  # a newer message says the same thing better: never sent
    SKIPPED = "skipped"  # deliberately not sent (do-not-disturb)


OPEN = (OutboxStatus.WAITING, OutboxStatus.PENDING, OutboxStatus.SENDING)
SETTLED = tuple(status for status in OutboxStatus if status not in OPEN)


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to add to the outbox."""

    team_id: str
    idempotency_key: str
    kind: str
    method: DeliveryMethod
    channel: str | None
    payload: dict[str, Any]
    subject_id: int | None = None
    depends_on_key: str | None = None
    not_before: datetime | None = None  # default: now
    skipped_late: bool = False
    lane: str | None = None  # where it goes one call at a time, in order (default: its channel)


def person_lane(channel: str, user_id: str) -> str:
    """The lane of ephemeral answers ``user_id`` sees in ``channel``: in order for them, side by
    side with everyone else's there."""
    return f"{channel}:{user_id}"


@dataclass(frozen=True, slots=True)
class DueMessage:
    """Just enough of a due message to decide whether it may be sent now."""

    id: int
    team_id: str
    channel: str | None  # the channel to pace: only new posts count (Slack's 1/s per channel)
    lane: str | None = None  # a channel, a DM, a person in a channel: one call at a time each

    @property
    def lane_key(self) -> tuple[str, str]:
        """Messages with the same key go to Slack one after another, in order."""
        return (self.team_id, self.lane if self.lane is not None else f"#{self.id}")
