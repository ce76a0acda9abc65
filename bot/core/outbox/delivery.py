"""What services need to know about delivery: outcomes, and hooks that react to them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.core.localtime import local_day_end_utc, wall_clock_utc
from bot.core.outbox.repository import POST_MESSAGE, RESPONSE_URL, UPDATE_MESSAGE
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork

__all__ = [
    "POST_MESSAGE",
    "RESPONSE_URL",
    "UPDATE_MESSAGE",
    "Delivery",
    "DeliveryHook",
    "DeliveryHooks",
    "send_by_of",
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


def send_by_of(payload: Mapping[str, Any]) -> datetime | None:
    """When a message stops being welcome: its ``send_by``; or, for a check-in due at
    ``local_minute`` on ``local_date`` in ``tz``, ``late_minutes`` after that but never past
    the end of that day (a check-in is not sent on the next day)."""
    send_by = payload.get("send_by")
    if isinstance(send_by, str):
        return datetime.fromisoformat(send_by)
    late, day, minute, tz = (
        payload.get(key) for key in ("late_minutes", "local_date", "local_minute", "tz")
    )
    if not (isinstance(late, int) and isinstance(day, str) and isinstance(minute, int)):
        return None
    local_date, zone_name = date.fromisoformat(day), str(tz) if tz else None
    due = wall_clock_utc(local_date, minute, zone_name)
    return min(due + timedelta(minutes=late), local_day_end_utc(local_date, zone_name))
