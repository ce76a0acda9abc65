"""Outbox messages written straight into the store, and how far one got."""

from __future__ import annotations

from bot.core.outbox.values import DeliveryMethod, NewMessage
from bot.kudos.messages import THANKS_DM as THANKS
from tests.support.kudos import BOB
from tests.support.running import RunningApp


def enqueue(app: RunningApp, team_id: str, key: str, channel: str) -> int:
    now = app.kindling.clock.now()
    with app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure(team_id, now=now)
        message_id = uow.outbox.add(
            NewMessage(
                team_id=team_id,
                idempotency_key=key,
                kind=THANKS.name,
                method=DeliveryMethod.POST_MESSAGE,
                channel=channel,
                payload={"recipient_id": BOB},
            ),
            now=now,
        )
    assert message_id is not None
    return message_id


def status(app: RunningApp, message_id: int) -> str:
    with app.kindling.unit_of_work() as uow:
        message = uow.outbox.get(message_id)
        assert message is not None
        return message.status
