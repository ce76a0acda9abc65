"""Kudos held for someone while they were away arrive as one DM: the first one sent gathers
the others due with it, and a thank-you on that DM updates it whole."""

from __future__ import annotations

from datetime import datetime

from bot.core.outbox.gathering import OutboxGathering
from bot.core.outbox.messages import UnreadablePayloadError
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.messages import RECEIVED_DM, ReceivedPayload, ThankedPayload
from bot.kudos.repository import KudosRepository
from bot.kudos.values import MAX_GATHERED, ReceivedNote


def gather_received(
    uow: UnitOfWork, message: OutboxMessage, payload: ReceivedPayload, now: datetime
) -> ReceivedPayload:
    """The loader of a recipient's kudos DM: the other kudos DMs due for them now join it
    (they are superseded), and the row keeps what it shows, for a later thank-you."""
    if payload.also:
        return payload  # gathered already (a row being sent again after a proven failure)
    others = uow.repository(OutboxGathering).take_due(message, due_by=now, limit=MAX_GATHERED)
    notes = [note for row in others if (note := _note_of(row)) is not None]
    if not notes:
        return payload
    gathered = payload.model_copy(update={"also": tuple(notes)})
    message.payload = gathered.model_dump(mode="json")
    return gathered


def load_thanked(
    uow: UnitOfWork, message: OutboxMessage, payload: ThankedPayload, now: datetime
) -> ThankedPayload:
    """The loader of a thank-you's update: on a DM that gathered several kudos, every one of
    them as it stands (which were thanked), so the update keeps them all."""
    del now
    if message.channel is None:
        return payload
    gathering = uow.repository(OutboxGathering)
    sent = gathering.sent(message.team_id, RECEIVED_DM.name, message.channel, payload.ts)
    if sent is None:
        return payload
    try:
        received = RECEIVED_DM.read(sent.payload)
    except UnreadablePayloadError:
        return payload
    if not received.also:
        return payload
    notes = received.notes()
    thanked = uow.repository(KudosRepository).thanked_among(
        message.team_id, payload.recipient_id, [note.kudos_id for note in notes]
    )
    marked = tuple(note.model_copy(update={"thanked": note.kudos_id in thanked}) for note in notes)
    return payload.model_copy(update={"gathered": marked})


def _note_of(row: OutboxMessage) -> ReceivedNote | None:
    try:
        other = RECEIVED_DM.read(row.payload)
    except UnreadablePayloadError:
        return None
    return other.notes()[0]
