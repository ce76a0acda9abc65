"""How a delivery ended, and the shape of a hook that reacts to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Delivery:
    """How sending one outbox message ended."""

    delivered: bool
    channel: str | None = None
    ts: str | None = None
    error: str | None = None
    channel_unreachable: bool = False  # the bot cannot post there: another way may work
    skipped: bool = False  # deliberately not sent (the person is on do-not-disturb)
    permalink: str | None = None  # of the message this one linked to, as Slack gave it


DeliveryHook = Callable[[UnitOfWork, OutboxMessage, Delivery, datetime], None]
