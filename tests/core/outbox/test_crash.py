"""A dispatcher process killed while its calls are in flight: after its leases run out, each
message it took is sent once or ``unknown``, never twice."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.kudos import add_people
from tests.support.outbox import enqueue, status
from tests.support.running import RunningApp

HELD = 4  # calls whose answers never come before the kill
ANSWERED = 2  # calls answered at once: the dead process may or may not have recorded them


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def test_a_crash_mid_pool_leaves_each_message_sent_once_or_unknown(
    running_app: RunningApp, fake_slack: FakeSlack, migrated_database_url: str, clock: ManualClock
) -> None:
    people = [f"U{n:03d}" for n in range(ANSWERED + HELD)]
    ids = [enqueue(running_app, "T1", f"crash-{person}", person) for person in people]
    for _ in range(HELD):  # the first calls get no answer before the kill
        fake_slack.hold_next("chat.postMessage", until_calls=len(people) + 1, timeout=60)
    command = [sys.executable, "-m", "tests.support.dispatcher_process"]
    with subprocess.Popen(
        [*command, migrated_database_url, fake_slack.api_url], stdout=subprocess.PIPE, text=True
    ) as dying:
        try:
            assert dying.stdout is not None
            assert dying.stdout.readline().strip() == "draining"
            arrived = fake_slack.wait_for_calls("chat.postMessage", len(people), 30)
            assert len(arrived) == len(people)
        finally:
            dying.kill()

    assert {status(running_app, message_id) for message_id in ids} <= {"sending", "sent"}
    restart = datetime.now(UTC) + timedelta(minutes=3)  # its leases (real time) have run out
    clock.advance(restart - clock.now())
    running_app.kindling.ticker.tick()
    running_app.kindling.dispatcher.drain()

    outcomes = Counter(status(running_app, message_id) for message_id in ids)
    assert set(outcomes) <= {"sent", "unknown"}
    assert outcomes["unknown"] >= HELD
    posted = Counter(call.args["channel"] for call in fake_slack.calls("chat.postMessage"))
    assert posted == Counter(people), "each posted once: nothing was sent again"
