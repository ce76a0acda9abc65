"""What services need to know about delivery: outcomes, and hooks that react to them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.store.models import OutboxMessage
from bot.store.repositories.outbox import POST_MESSAGE, RESPONSE_URL, UPDATE_MESSAGE
from bot.store.unit_of_work import UnitOfWork

__all__ = [
    "POST_MESSAGE",
    "RESPONSE_URL",
    "UPDATE_MESSAGE",
    "Delivery",
    "DeliveryHook",
    "DeliveryHooks",
]


@dataclass(frozen=True, slots=True)
class Delivery:
    """How sending one outbox message ended."""

    delivered: bool
    channel: str | None = None
    ts: str | None = None
    error: str | None = None
    channel_unreachable: bool = False  # the bot cannot post there: another way may work
    skipped: bool = False  # deliberately not sent (the person is on do-not-disturb)


DeliveryHook = Callable[[UnitOfWork, OutboxMessage, Delivery, datetime], None]
DeliveryHooks = Mapping[str, DeliveryHook]
