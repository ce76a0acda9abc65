"""Asking for a member's Home to be published again."""

from __future__ import annotations

import uuid
from datetime import datetime

from bot.core.store.unit_of_work import UnitOfWork
from bot.home.messages import APP_HOME, HomePayload
from bot.home.values import LIST_LENGTH, MAX_LIST_LENGTH


def refresh_home(
    uow: UnitOfWork, team_id: str, user_id: str, *, now: datetime, show: int = LIST_LENGTH
) -> None:
    """Publish the member's Home again soon (only the latest pending refresh is sent), with
    ``show`` items of each list."""
    uow.outbox.supersede_for_channel(team_id, APP_HOME.name, user_id)
    payload = HomePayload(user_id=user_id, show=min(show, MAX_LIST_LENGTH))
    uow.outbox.add(
        APP_HOME.message(
            payload,
            team_id=team_id,
            channel=user_id,
            at=now.isoformat(),
            nonce=uuid.uuid4().hex,  # each refresh is a message of its own
        ),
        now=now,
    )
