"""The outbox's plain values: how a message reaches Slack and how far it got. Pure: the store's
models and every feature's messages use them."""

from __future__ import annotations

from enum import StrEnum


class DeliveryMethod(StrEnum):
    """How a message reaches Slack."""

    POST_MESSAGE = "chat.postMessage"
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
