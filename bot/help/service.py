"""People who write to Kindling in its Messages tab: a kind answer with the help, and what
they wrote is neither read nor kept."""

from __future__ import annotations

from datetime import datetime

from bot.core.outbox.messages import Payload
from bot.core.store.unit_of_work import UnitOfWork
from bot.help.messages import DIRECT_MESSAGE_REPLY


def answer_direct_message(
    uow: UnitOfWork, *, team_id: str, channel_id: str, event_id: str, now: datetime
) -> None:
    """Reply to a message written in Kindling's Messages tab with what Kindling can do.
    What the person wrote is not read or kept."""
    uow.workspaces.ensure(team_id, now=now)
    reply = DIRECT_MESSAGE_REPLY.message(
        Payload(), team_id=team_id, channel=channel_id, event_id=event_id
    )
    uow.outbox.add(reply, now=now)
