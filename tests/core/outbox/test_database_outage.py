"""The database goes away while Slack answers: what Slack proved was not posted (a 429) is
written when the database is back, and sent then; never lost to a lease running out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from bot.core.outbox.claiming import lease_for
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.sender import SlackSender
from bot.core.store.models import OutboxMessage
from bot.features import message_kinds
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.databases import ClaimAnswerLost, FlakyDatabase
from tests.support.kudos import add_people
from tests.support.outbox import enqueue, status
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


class OutageWhileSlackAnswers(SlackSender):
    """Slack's real answer, but the database goes away while the first one comes."""

    def __init__(self, app: RunningApp, database: FlakyDatabase) -> None:
        super().__init__(app.kindling.posting)
        self._database = database
        self._calls = 0

    def send(
        self, message: OutboxMessage, rendered: RenderedMessage, *, quiet_for: str | None = None
    ) -> Delivery:
        self._calls += 1
        self._database.down = self._calls == 1
        return super().send(message, rendered, quiet_for=quiet_for)


def test_a_429_that_meets_a_database_outage_is_retried_when_it_is_back(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    message_id = enqueue(running_app, "T1", "outage", "U1")
    database = FlakyDatabase(running_app.kindling.unit_of_work)
    dispatcher = Dispatcher(
        unit_of_work=database,  # type: ignore[arg-type]  # a UnitOfWorkFactory that can fail
        sender=OutageWhileSlackAnswers(running_app, database),
        limiter=RateLimiter(messages_per_minute=600),
        kinds=message_kinds(),
        clock=clock,
    )
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)
    with pytest.raises(OperationalError):
        dispatcher.drain()
    assert status(running_app, message_id) == "sending"

    database.down = False  # back, before the row's lease runs out
    dispatcher.drain()
    assert status(running_app, message_id) == "pending", "the 429 is written now"
    clock.advance(timedelta(seconds=1))
    dispatcher.drain()
    assert status(running_app, message_id) == "sent"
    assert [call.args["channel"] for call in fake_slack.calls("chat.postMessage")] == ["U1", "U1"]


def test_a_claim_whose_commit_went_unanswered_is_given_back_and_sent_once(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    """The claim was written, but the dispatcher cannot know it: no call was made for it, so
    it must not wait out its lease and end ``unknown``."""
    message_id = enqueue(running_app, "T1", "unanswered", "U1")
    database = ClaimAnswerLost(running_app.kindling.unit_of_work, running_app.kindling.engine)
    dispatcher = Dispatcher(
        unit_of_work=database,  # type: ignore[arg-type]  # a UnitOfWorkFactory that can fail
        sender=SlackSender(running_app.kindling.posting),
        limiter=RateLimiter(messages_per_minute=600),
        kinds=message_kinds(),
        clock=clock,
    )
    with pytest.raises(OperationalError):
        dispatcher.drain()
    assert database.lost, "the claim was written, and its answer lost"
    assert fake_slack.calls("chat.postMessage") == []
    assert status(running_app, message_id) == "pending", "given back once the database answered"

    clock.advance(timedelta(seconds=1))  # the DM's one-a-second pace
    dispatcher.drain()
    assert status(running_app, message_id) == "sent"
    assert [call.args["channel"] for call in fake_slack.calls("chat.postMessage")] == ["U1"]


def test_giving_back_an_unanswered_claim_leaves_another_claims_rows_alone(
    running_app: RunningApp, clock: ManualClock
) -> None:
    """Only rows still under the lease that claim gave are its own: another process may have
    claimed them since (after the lease ran out) and be sending them now."""
    message_id = enqueue(running_app, "T1", "claimed-again", "U1")
    ours = lease_for(clock.now())
    theirs = ours + timedelta(minutes=3)
    with running_app.kindling.unit_of_work() as uow:
        assert uow.outbox.claim_batch([message_id], lease_until=theirs) == [message_id]
    with running_app.kindling.unit_of_work() as uow:
        assert uow.outbox.give_back_claim([message_id], lease_until=ours) == 0
    assert status(running_app, message_id) == "sending"
    with running_app.kindling.unit_of_work() as uow:
        assert uow.outbox.give_back_claim([message_id], lease_until=theirs) == 1
    assert status(running_app, message_id) == "pending"
