"""People of another organisation in a shared channel (Slack Connect): a kind answer, and
nothing of theirs is kept."""

from __future__ import annotations

from datetime import datetime

from bot.core.guest_messages import GUEST_NOTICE
from bot.core.outbox.messages import Payload
from bot.core.store.unit_of_work import UnitOfWork


def tell_guest(
    uow: UnitOfWork, *, team_id: str, response_url: str, interaction_id: str, now: datetime
) -> None:
    """Answer a guest's button or shortcut privately, through the interaction's
    ``response_url``; the outbox row holds no id of theirs."""
    uow.workspaces.ensure(team_id, now=now)
    notice = GUEST_NOTICE.message(
        Payload(response_url=response_url),
        team_id=team_id,
        channel=None,
        interaction_id=interaction_id,
    )
    uow.outbox.add(notice, now=now)
