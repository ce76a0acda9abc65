"""People of another organisation in a shared channel (Slack Connect), and people who write to
Kindling in its Messages tab: a kind answer, and nothing of theirs is kept."""

from __future__ import annotations

from datetime import datetime

from bot.core.outbox.delivery import POST_MESSAGE, RESPONSE_URL
from bot.core.outbox.repository import NewMessage
from bot.core.store.unit_of_work import UnitOfWork

GUEST_NOTICE = "guest_notice"  # the outbox kind: "Kindling records nothing for you here"
DIRECT_MESSAGE_REPLY = "direct_message_reply"  # the outbox kind: the help, in the Messages tab


def tell_guest(
    uow: UnitOfWork, *, team_id: str, response_url: str, interaction_id: str, now: datetime
) -> None:
    """Answer a guest's button or shortcut privately, through the interaction's
    ``response_url``; the outbox row holds no id of theirs."""
    uow.workspaces.ensure(team_id, now=now)
    uow.outbox.add(
        NewMessage(
            team_id=team_id,
            idempotency_key=f"guest:{interaction_id}",
            kind=GUEST_NOTICE,
            method=RESPONSE_URL,
            channel=None,
            payload={"response_url": response_url},
        ),
        now=now,
    )


def answer_direct_message(
    uow: UnitOfWork, *, team_id: str, channel_id: str, event_id: str, now: datetime
) -> None:
    """Reply to a message written in Kindling's Messages tab with what Kindling can do.
    What the person wrote is not read or kept."""
    uow.workspaces.ensure(team_id, now=now)
    uow.outbox.add(
        NewMessage(
            team_id=team_id,
            idempotency_key=f"direct-message:{event_id}",
            kind=DIRECT_MESSAGE_REPLY,
            method=POST_MESSAGE,
            channel=channel_id,
            payload={},
        ),
        now=now,
    )
