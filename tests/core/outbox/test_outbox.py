"""The outbox and its dispatcher: exactly what was written is sent, once, within the limits."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.app import build_kindling
from bot.core.events.ledger import claim_event
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.messages import MessageKinds
from bot.core.outbox.sender import SlackSender
from bot.core.outbox.values import DeliveryMethod, NewMessage, person_lane
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.features import message_kinds
from bot.kudos.messages import THANKED_UPDATE
from bot.kudos.messages import THANKS_DM as THANKS
from bot.kudos.reaction_messages import REACTION_NOTED, ReactionNotedPayload
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.kudos import BOB, GIVER, add_people, kudos_command
from tests.support.outbox import enqueue, status
from tests.support.running import RunningApp, settings_for


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_an_idempotency_key_is_written_once(running_app: RunningApp) -> None:
    enqueue(running_app, "T1", "same-key", "U1")
    with running_app.kindling.unit_of_work() as uow:
        again = uow.outbox.add(
            NewMessage(
                "T1",
                "same-key",
                THANKS.name,
                DeliveryMethod.POST_MESSAGE,
                "U1",
                {"recipient_id": BOB},
            ),
            now=running_app.kindling.clock.now(),
        )
    assert again is None


def test_what_a_dead_process_wrote_is_sent_once_by_the_next(
    running_app: RunningApp,
    fake_slack: FakeSlack,
    migrated_database_url: str,
    clock: ManualClock,
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> for covering my shift")
    # The first process acked and died before its dispatcher sent anything.
    assert fake_slack.calls("chat.postMessage") == []

    successor = build_kindling(settings_for(fake_slack, migrated_database_url), clock=clock)
    try:
        assert successor.dispatcher.drain() == 2
        assert successor.dispatcher.drain() == 0
    finally:
        successor.close()
    assert running_app.kindling.dispatcher.drain() == 0, "nothing is sent twice"
    channels = sorted(call.args["channel"] for call in fake_slack.calls("chat.postMessage"))
    assert channels == sorted(["CGENERAL", BOB])


def test_a_429_delays_only_that_workspace(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first = enqueue(running_app, "TBUSY", "busy-1", "U1")
    fake_slack.rate_limit_next("chat.postMessage", retry_after=30)
    running_app.kindling.dispatcher.drain()
    assert status(running_app, first) == "pending"
    # Written after the 429 (a message already in flight to Slack when it came cannot be
    # called back, so these are written once the pause is known).
    second = enqueue(running_app, "TBUSY", "busy-2", "U2")
    calm = enqueue(running_app, "TCALM", "calm-1", "U3")

    running_app.kindling.dispatcher.drain()
    assert (status(running_app, first), status(running_app, second)) == ("pending", "pending")
    assert status(running_app, calm) == "sent", "other workspaces go on"
    assert len(fake_slack.calls("chat.postMessage")) == 2, "the paused workspace is not called"

    clock.advance(timedelta(seconds=29))
    assert running_app.kindling.dispatcher.drain() == 0
    clock.advance(timedelta(seconds=1))
    running_app.kindling.dispatcher.drain()
    assert (status(running_app, first), status(running_app, second)) == ("sent", "sent")


def test_a_revoked_token_keeps_the_messages_for_later(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    message_id = enqueue(running_app, "T1", "revoked", "U1")
    fake_slack.fail_next("chat.postMessage", "token_revoked")
    running_app.kindling.dispatcher.drain()
    assert status(running_app, message_id) == "pending", "not failed: nothing could be sent"


def test_one_message_a_second_per_channel(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    first = enqueue(running_app, "T1", "c-1", "CSAME")
    second = enqueue(running_app, "T1", "c-2", "CSAME")
    running_app.kindling.dispatcher.drain()
    assert (status(running_app, first), status(running_app, second)) == ("sent", "pending")
    clock.advance(timedelta(seconds=1))
    running_app.kindling.dispatcher.drain()
    assert status(running_app, second) == "sent"


def test_a_message_left_sending_past_its_lease_becomes_unknown_and_is_not_resent(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    message_id = enqueue(running_app, "T1", "lost", "U1")
    with running_app.kindling.unit_of_work() as uow:  # a process claimed it, then died
        assert uow.outbox.claim(message_id, lease_until=clock.now() + timedelta(minutes=2))
    running_app.kindling.dispatcher.drain()
    assert status(running_app, message_id) == "sending", "still within its lease"
    clock.advance(timedelta(minutes=3))
    running_app.kindling.ticker.tick()
    running_app.kindling.dispatcher.drain()
    assert status(running_app, message_id) == "unknown"
    assert fake_slack.calls("chat.postMessage") == []


def test_two_dispatchers_racing_send_each_message_once(
    running_app: RunningApp, fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> None:
    for n in range(20):
        enqueue(running_app, "T1", f"race-{n}", f"U{n:03d}")
    rival = build_kindling(settings_for(fake_slack, migrated_database_url), clock=clock)
    try:
        for _ in range(15):  # together they drain what the workspace's rate allows, a second passes
            workers = [
                threading.Thread(target=running_app.kindling.dispatcher.drain),
                threading.Thread(target=rival.dispatcher.drain),
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(30)
            clock.advance(timedelta(seconds=1))
    finally:
        rival.close()
    channels = [call.args["channel"] for call in fake_slack.calls("chat.postMessage")]
    assert sorted(channels) == sorted(f"U{n:03d}" for n in range(20))


def test_the_dispatcher_thread_is_woken_by_the_write(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    running_app.kindling.dispatcher.start()
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the coffee")
    calls = fake_slack.wait_for_calls("chat.postMessage", 2)
    assert sorted(call.args["channel"] for call in calls) == sorted(["CGENERAL", BOB])


def test_a_timeout_is_unknown_not_resent(
    running_app: RunningApp, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    message_id = enqueue(running_app, "T1", "slow", "U1")
    monkeypatch.setattr(running_app.kindling.posting("T1"), "timeout", 1)
    fake_slack.slow_next("chat.postMessage", seconds=3)
    assert called_once_and_unknown(running_app, fake_slack, message_id)


def called_once_and_unknown(app: RunningApp, slack: FakeSlack, message_id: int) -> str | None:
    """Drain twice: the message is called once, left ``unknown``; the error it was left with."""
    app.kindling.dispatcher.drain()
    assert status(app, message_id) == "unknown"
    assert app.kindling.dispatcher.drain() == 0
    assert len(slack.calls("chat.postMessage")) == 1
    with app.kindling.unit_of_work() as uow:
        message = uow.outbox.get(message_id)
        assert isinstance(message, OutboxMessage)
        return message.error


@pytest.mark.parametrize("answer", ["http_500", "http_503", "fatal_error", "internal_error"])
def test_a_server_error_is_uncertain_not_failed_and_not_resent(
    running_app: RunningApp, fake_slack: FakeSlack, answer: str
) -> None:
    """Slack says of these that "some aspect of the operation" may have succeeded."""
    message_id = enqueue(running_app, "T1", "maybe-posted", "U1")
    if answer.startswith("http_"):
        fake_slack.http_error_next("chat.postMessage", status=int(answer.removeprefix("http_")))
    else:
        fake_slack.fail_next("chat.postMessage", answer)
    assert called_once_and_unknown(running_app, fake_slack, message_id) == answer


def test_a_response_url_answering_a_server_error_is_uncertain_not_resent(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fake_slack.http_error_next("response_url:kudos", status=502)
    kudos_command(
        running_app, fake_slack, f"<@{BOB}> thanks", channel="DALICE", channel_name="directmessage"
    )
    running_app.kindling.dispatcher.drain()
    assert running_app.kindling.dispatcher.drain() == 0
    assert len(fake_slack.calls("response_url:kudos")) == 1
    with running_app.kindling.unit_of_work() as uow:
        shoutout = uow.outbox.by_key(fake_slack.team_id, "kudos:1:shoutout")
        assert shoutout is not None
        assert (shoutout.status, shoutout.error) == ("unknown", "response_url_502")


def test_every_kudos_message_kind_is_sent_as_valid_block_kit(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> #care for everything")
    running_app.kindling.dispatcher.drain()
    # fake_slack's fixture fails the test if any block or view was invalid.
    assert len(fake_slack.calls("chat.postMessage")) == 2
    assert GIVER not in [c.args["channel"] for c in fake_slack.calls("chat.postMessage")]


def test_followers_wait_for_their_prerequisite_even_across_a_crash(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the careful review")
    with running_app.kindling.unit_of_work() as uow:
        shoutout = uow.outbox.by_key(fake_slack.team_id, "kudos:1:shoutout")
        dm = uow.outbox.by_key(fake_slack.team_id, f"kudos:1:received:{BOB}")
        assert shoutout is not None
        assert dm is not None
        assert (shoutout.status, dm.status) == ("pending", "waiting")
        # Another process sent the shout-out and died before releasing the DM.
        uow.outbox.claim(shoutout.id, lease_until=clock.now() + timedelta(minutes=2))
        uow.outbox.mark_sent(shoutout.id, now=clock.now(), channel="CGENERAL", ts="1.1")
    assert running_app.kindling.dispatcher.drain() == 0, "the DM still waits"
    running_app.kindling.ticker.tick()  # the sweep releases it
    running_app.kindling.dispatcher.drain()
    assert [call.args["channel"] for call in fake_slack.calls("chat.postMessage")] == [BOB]


def test_a_busy_channel_does_not_hold_up_other_channels(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    for n in range(150):
        enqueue(running_app, "T1", f"busy-{n}", "CBUSY")
    quiet = enqueue(running_app, "T1", "quiet", "CQUIET")
    running_app.kindling.dispatcher.drain()
    assert status(running_app, quiet) == "sent"
    busy_sent = [c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "CBUSY"]
    assert len(busy_sent) == 1, "one a second in the busy channel"


def test_a_failing_reaction_is_undone_but_the_delivery_stays_recorded(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    def failing_hook(
        uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, now: datetime
    ) -> None:
        claim_event(uow, team_id="T1", event_id="EvHalfDone", now=now)
        raise RuntimeError("the reaction broke half way")

    dispatcher = Dispatcher(
        unit_of_work=running_app.kindling.unit_of_work,
        sender=SlackSender(running_app.kindling.posting),
        limiter=RateLimiter(messages_per_minute=300),
        kinds=MessageKinds(
            replace(kind, on_delivered=failing_hook) if kind.name == THANKS.name else kind
            for kind in message_kinds()
        ),
        clock=clock,
    )
    message_id = enqueue(running_app, "T1", "with-a-hook", "U1")
    dispatcher.drain()
    assert status(running_app, message_id) == "sent"
    with running_app.kindling.unit_of_work() as uow:
        assert claim_event(uow, team_id="T1", event_id="EvHalfDone", now=clock.now()) is True


def test_messages_to_different_channels_are_sent_at_once(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """While Slack is still answering the first post, the second is already on its way (one
    message at a time would take a round trip each)."""
    first = enqueue(running_app, "T1", "dm-1", "U1")
    second = enqueue(running_app, "T1", "dm-2", "U2")
    fake_slack.hold_next("chat.postMessage", until_calls=2)
    running_app.kindling.dispatcher.drain()
    assert fake_slack.held_released is True, "the second post came while the first was held"
    assert (status(running_app, first), status(running_app, second)) == ("sent", "sent")


def enqueue_notes(running_app: RunningApp, now: datetime, *givers: str) -> None:
    """A private note to each of ``givers`` (one per name given) in the channel ``CBUSY``."""
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure("T1", now=now)
        for number, giver in enumerate(givers):
            payload = ReactionNotedPayload(
                event_id=f"Ev{number}", kudos_id=number, giver_id=giver, recipient_ids=(BOB,)
            )
            note = REACTION_NOTED.message(
                payload, team_id="T1", channel="CBUSY", lane=person_lane("CBUSY", giver)
            )
            uow.outbox.add(note, now=now)


def test_ephemeral_answers_to_different_people_in_one_channel_are_sent_at_once(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    """Answers only their person sees need no order among people: many people reacting in
    one channel do not wait for each other's answers, one round trip at a time."""
    fake_slack.joined_channels.add("CBUSY")
    enqueue_notes(running_app, clock.now(), "UANA", "UBEN")
    fake_slack.hold_next("chat.postEphemeral", until_calls=2, timeout=2.0)
    running_app.kindling.dispatcher.drain()
    assert fake_slack.held_released is True, "the second answer came while the first was held"
    assert {call.args["user"] for call in fake_slack.calls("chat.postEphemeral")} == {
        "UANA",
        "UBEN",
    }


def test_one_persons_ephemeral_answers_in_a_channel_go_one_after_another(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    """Two reactions in a row: 'noted', then 'that was the daily limit', never the other way."""
    fake_slack.joined_channels.add("CBUSY")
    enqueue_notes(running_app, clock.now(), "UANA", "UANA")
    fake_slack.hold_next("chat.postEphemeral", until_calls=2, timeout=1.0)
    running_app.kindling.dispatcher.drain()
    assert fake_slack.held_released is False, "no second answer while the first was in flight"
    assert len(fake_slack.calls("chat.postEphemeral")) == 2


def test_one_call_at_a_time_per_lane_in_order(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    """Updates of one message go out one after another, oldest first: the last word wins."""
    now = clock.now()
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure("T1", now=now)
        for n in range(3):
            uow.outbox.add(
                NewMessage(
                    team_id="T1",
                    idempotency_key=f"home-{n}",
                    kind=THANKED_UPDATE.name,
                    method=DeliveryMethod.UPDATE_MESSAGE,
                    channel="DSAME",
                    payload={
                        "kudos_id": n,
                        "giver_id": GIVER,
                        "message": f"update {n}",
                        "recipient_id": BOB,
                        "ts": "1.000001",
                    },
                ),
                now=now,
            )
    fake_slack.hold_next("chat.update", until_calls=2, timeout=1.0)
    running_app.kindling.dispatcher.drain()
    assert fake_slack.held_released is False, "no second update while the first was in flight"
    texts = [str(call.args.get("blocks")) for call in fake_slack.calls("chat.update")]
    assert [n for text in texts for n in range(3) if f"update {n}" in text] == [0, 1, 2]


def test_a_pass_that_finds_only_waiting_workspaces_still_comes_back_by_itself(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    """A wake while every due message waits on its workspace's rate must not leave the rest
    for the next tick: the thread comes back when the limiter lets one out."""
    dispatcher = running_app.kindling.dispatcher
    for n in range(15):
        enqueue(running_app, "T1", f"burst-{n}", f"U{n:03d}")
    dispatcher.drain()  # a burst goes; the rest waits on the rate
    sent = len(fake_slack.calls("chat.postMessage"))
    assert 0 < sent < 15
    assert dispatcher.drain() == 0, "a wake at once: nothing may go yet"
    assert dispatcher.comes_back
