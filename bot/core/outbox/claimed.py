"""What the dispatcher reads about a claimed message: its typed payload, its deadline, and
the sent message it links to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.values import OutboxStatus
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Claimed:
    """A message this process may send now, read as its kind."""

    message: OutboxMessage
    kind: MessageKind[Payload]
    payload: Payload
    linked: tuple[str, str] | None


def current_payload(
    uow: UnitOfWork, kind: MessageKind[Payload], message: OutboxMessage, now: datetime
) -> Payload:
    """The row's typed payload; with a loader (the App Home), the state as it is now."""
    payload = kind.read(message.payload)
    return kind.load(uow, message, payload, now) if kind.load is not None else payload


def too_late(kind: MessageKind[Payload], payload: Payload, now: datetime) -> bool:
    """A message with a deadline (a check-in, a break reminder) is not welcome after it."""
    send_by = kind.deadline(payload)
    return send_by is not None and now > send_by


def linked_message(
    uow: UnitOfWork, message: OutboxMessage, payload: Payload
) -> tuple[str, str] | None:
    """``(channel, ts)`` of the message this one links to: the one it names, or the sent one it
    depends on, if it asks for a link."""
    if payload.link_to is not None:
        return payload.link_to
    if not payload.link or message.depends_on_key is None:
        return None
    prerequisite = uow.outbox.by_key(message.team_id, message.depends_on_key)
    if prerequisite is None or prerequisite.status != OutboxStatus.SENT:
        return None
    if not prerequisite.sent_channel or not prerequisite.sent_ts:
        return None
    return prerequisite.sent_channel, prerequisite.sent_ts
