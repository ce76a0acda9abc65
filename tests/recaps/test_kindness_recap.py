"""The weekly kindness recap in the kudos channel: names without pings, values, no ranking
unless the leaderboard is on; once per week."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import ALICE, BOB, CARA, add_people, at, tick_and_deliver
from tests.support.kudos import kudos_command, posted_json
from tests.support.running import RunningApp
from tests.support.settings import ADMIN, submit

FRIDAY_1600_BERLIN = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.add_user(ADMIN, display_name="Ada", is_admin=True, tz="Europe/Berlin")


def settle(app: RunningApp) -> None:
    """Deliver everything, a second apart where a channel must wait its turn."""
    for _ in range(3):
        app.kindling.dispatcher.drain()
        app.kindling.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]


def recaps(slack: FakeSlack) -> list[RecordedCall]:
    return [
        c
        for c in slack.calls("chat.postMessage")
        if c.args["channel"] == "CKUDOS" and "This week's kindness" in str(c.args["text"])
    ]


def test_the_kudos_channel_gets_a_weekly_recap_naming_people_without_pinging_them(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(running_app, fake_slack, ADMIN)  # the kudos channel is CKUDOS; no leaderboard
    kudos_command(running_app, fake_slack, f"<@{BOB}> <@{CARA}> for the calm release #teamwork")
    kudos_command(running_app, fake_slack, f"<@{ALICE}> for the notes #kindness", user=BOB)
    settle(running_app)
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    tick_and_deliver(running_app)
    (recap,) = recaps(fake_slack)
    shown = json.dumps(posted_json(recap.args, "blocks"), ensure_ascii=False)
    assert "2 kudos this week; 3 different people were appreciated." in shown
    assert "Alice, Bob, Cara" in shown
    assert "<@" not in shown  # named, never pinged
    assert "Most kudos given" not in shown  # no ranking unless the leaderboard is on
    at(running_app, FRIDAY_1600_BERLIN + timedelta(days=7))
    tick_and_deliver(running_app)
    assert len(recaps(fake_slack)) == 2  # next week's, once


def test_the_leaderboard_appears_only_when_an_admin_turns_it_on(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    submit(
        running_app,
        fake_slack,
        ADMIN,
        leaderboard={"type": "checkboxes", "selected_options": [{"value": "on"}]},
    )
    kudos_command(running_app, fake_slack, f"<@{BOB}> for the calm release")
    settle(running_app)
    at(running_app, FRIDAY_1600_BERLIN)
    tick_and_deliver(running_app)
    (recap,) = recaps(fake_slack)
    assert "Most kudos given: Alice (1)" in json.dumps(posted_json(recap.args, "blocks"))
