"""Outcomes settle as one batch; a kind's failing reaction is undone alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from bot.core.events.ledger import claim_event
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.messages import MessageKinds
from bot.core.outbox.settling import Outcome, settle
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.messages import THANKS_DM as THANKS
from tests.fakeslack import FakeSlack
from tests.support.kudos import add_people
from tests.support.outbox import enqueue, status
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def remembering(
    uow: UnitOfWork, message: OutboxMessage, _delivery: Delivery, now: datetime
) -> None:
    """A reaction that writes (an event id per message), and breaks for the ``broken`` one."""
    claim_event(uow, team_id="T1", event_id=f"Ev{message.idempotency_key}", now=now)
    if message.idempotency_key == "broken":
        raise RuntimeError("the reaction broke half way")


def seen(app: RunningApp, key: str) -> bool:
    """Whether the reaction for ``key`` stayed (its event id is taken)."""
    with app.kindling.unit_of_work() as uow:
        return not claim_event(uow, team_id="T1", event_id=f"Ev{key}", now=app.kindling.clock.now())


def test_one_failing_reaction_in_a_batch_is_undone_alone(running_app: RunningApp) -> None:
    keys = ["first", "broken", "last"]
    ids = [enqueue(running_app, "T1", key, f"U{n}") for n, key in enumerate(keys)]
    kind = MessageKinds([replace(THANKS, on_delivered=remembering)])[THANKS.name]
    now = running_app.kindling.clock.now()
    with running_app.kindling.unit_of_work() as uow:
        messages = uow.outbox.get_many(ids)
        delivered = Delivery(delivered=True, channel="D1", ts="1.1")
        settle(uow, [Outcome(message, kind, delivered, now) for message in messages])
    assert [status(running_app, message_id) for message_id in ids] == ["sent"] * 3
    assert [seen(running_app, key) for key in keys] == [True, False, True]
