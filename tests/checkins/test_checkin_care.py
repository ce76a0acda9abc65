"""The team pulse (anonymous, over a minimum group), care after a low-energy streak, and
proof that no Slack call for one member carries another member's answer or note."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.checkins.repository.answers import CheckinAnswerRepository, CheckinScheduleRepository
from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
    BOB,
    TEAM_CHANNEL,
    add_people,
    at,
    checkin,
    checkin_dms,
    member_event,
    press,
    submit_note,
    tick_and_deliver,
)
from tests.support.kudos import posted_json
from tests.support.running import RunningApp
from tests.support.team import enrol_team

TEAM = [f"UPEER{index}" for index in range(6)]


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    for user in TEAM:
        fake_slack.add_user(user, tz="Europe/Berlin")
    fake_slack.channel_members[TEAM_CHANNEL] = TEAM


def answered(app: RunningApp, users: list[str], *, energy: int, need: str) -> None:
    today = date(2026, 11, 25)
    with app.kindling.unit_of_work() as uow:
        for user in users:
            uow.repository(CheckinAnswerRepository).record(
                "T0KINDLING", user, today, now=app.kindling.clock.now(), energy=energy, need=need
            )


def pulse(app: RunningApp, slack: FakeSlack) -> str:
    return checkin(app, slack, "pulse", user=ALICE, channel=TEAM_CHANNEL, channel_name="team")


def test_the_pulse_is_refused_at_four_people_and_shown_at_five(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    assert "invited with `/checkin team`" in pulse(running_app, fake_slack)
    enrol_team(running_app, fake_slack, TEAM_CHANNEL)
    tick_and_deliver(running_app)
    answered(running_app, TEAM[:4], energy=2, need="rest")
    answered(running_app, [ALICE], energy=5, need="focus")  # not in the channel: not counted
    refused = pulse(running_app, fake_slack)
    assert "Not enough people" in refused
    assert "at least 5" in refused
    assert "4" not in refused  # not even the count
    answered(running_app, TEAM[4:5], energy=4, need="focus")
    shown = pulse(running_app, fake_slack)
    assert "average energy 2.4/5 from 5 people" in shown
    assert "🛌 Rest 4, 🎯 Focus 1" in shown
    assert "UPEER" not in shown  # nobody is named


def test_the_pulse_never_shows_fewer_than_three_whatever_the_stored_setting_says(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """The settings form refuses a group under 3; a row written around it (by hand, or an older
    release) is held to the same floor where the pulse is computed."""
    enrol_team(running_app, fake_slack, TEAM_CHANNEL)
    tick_and_deliver(running_app)
    with running_app.kindling.unit_of_work() as uow:
        workspace = uow.workspaces.get("T0KINDLING")
        assert workspace is not None
        workspace.min_group_size = 1
    answered(running_app, TEAM[:2], energy=1, need="rest")
    refused = pulse(running_app, fake_slack)
    assert "Not enough people" in refused
    assert "at least 3" in refused
    answered(running_app, TEAM[2:3], energy=1, need="rest")
    assert "from 3 people" in pulse(running_app, fake_slack)


def test_someone_who_leaves_the_channel_is_no_longer_counted_in_its_pulse(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    enrol_team(running_app, fake_slack, TEAM_CHANNEL)
    tick_and_deliver(running_app)
    answered(running_app, TEAM[:5], energy=3, need="rest")
    assert "from 5 people" in pulse(running_app, fake_slack)
    left = {"type": "member_left_channel", "user": TEAM[0], "channel": TEAM_CHANNEL}
    assert member_event(running_app, fake_slack, left).status == 200
    assert "Not enough people" in pulse(running_app, fake_slack)
    with running_app.kindling.unit_of_work() as uow:
        schedule = uow.repository(CheckinScheduleRepository).get("T0KINDLING", TEAM[0])
        assert schedule is not None
        assert schedule.status == "on"  # their own check-ins go on


def answer_todays(app: RunningApp, slack: FakeSlack, day: int, energy: int) -> None:
    at(app, datetime(2026, 11, 23, 8, 30, tzinfo=UTC) + timedelta(days=day))  # 09:30 Berlin
    tick_and_deliver(app)
    dm = checkin_dms(slack, ALICE)[-1]
    press(app, slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}{energy}")
    app.kindling.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
    app.kindling.dispatcher.drain()  # a second after the check-in: one post a second per DM


def care_messages(slack: FakeSlack) -> list[str]:
    return [
        str(call.args["text"])
        for call in slack.calls("chat.postMessage")
        if call.args["channel"] == ALICE and "low on energy" in str(call.args["text"])
    ]


def test_three_low_days_in_a_row_bring_one_private_message_not_again_within_14_days(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure("T0KINDLING", now=running_app.kindling.clock.now())
        workspace = uow.workspaces.get("T0KINDLING")
        assert workspace is not None
        workspace.support_link = "https://example.org/support"
    checkin(running_app, fake_slack, "on")
    checkin(running_app, fake_slack, "days every day")
    for day, energy in [(3, 1), (4, 2)]:  # Thursday, Friday
        answer_todays(running_app, fake_slack, day, energy)
    assert care_messages(fake_slack) == []
    answer_todays(running_app, fake_slack, 5, 1)  # Saturday: the third low day
    (care,) = care_messages(fake_slack)
    assert "https://example.org/support" in care
    for day in range(6, 16):  # ten more low days: no second message within 14 days
        answer_todays(running_app, fake_slack, day, 1)
    assert len(care_messages(fake_slack)) == 1
    for day in range(16, 20):
        answer_todays(running_app, fake_slack, day, 1)
    assert len(care_messages(fake_slack)) == 2  # 14 days later, still low: once more


def test_no_slack_call_for_one_member_carries_another_members_answer_or_note(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    for user in (ALICE, BOB):
        checkin(running_app, fake_slack, "on", user=user)
    notes = {ALICE: "alice-secret-note", BOB: "bob-secret-note"}
    levels = {ALICE: 1, BOB: 5}
    # Alice's 09:30 in Berlin, then Bob's in New York.
    for user, moment in ((ALICE, datetime(2026, 11, 26, 8, 30, tzinfo=UTC)),
                         (BOB, datetime(2026, 11, 26, 14, 30, tzinfo=UTC))):  # fmt: skip
        at(running_app, moment)
        tick_and_deliver(running_app)
        (dm,) = checkin_dms(fake_slack, user)
        press(running_app, fake_slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}{levels[user]}", user=user)
        press(running_app, fake_slack, dm, ids.CHECKIN_ADD_NOTE, user=user)
        view = posted_json(fake_slack.calls("views.open")[-1].args, "view")
        submit_note(running_app, fake_slack, view, notes[user], user=user)
        running_app.kindling.clock.advance(timedelta(seconds=2))  # type: ignore[attr-defined]
        running_app.kindling.dispatcher.drain()
    assert len(fake_slack.calls("chat.update")) >= 2
    for call in fake_slack.calls():
        dumped = json.dumps(call.args, ensure_ascii=False)
        recipient = str(call.args.get("channel", ""))
        for owner, other in ((ALICE, BOB), (BOB, ALICE)):
            if recipient.endswith(owner[1:]):  # a DM to the owner (by user or DM channel id)
                assert notes[other] not in dumped
                assert f"{levels[other]}/5" not in dumped, (call.method, recipient)
        assert not (notes[ALICE] in dumped and notes[BOB] in dumped)
        if call.method != "views.open":  # the note is shown only in its owner's own form
            assert "secret-note" not in dumped, call.method
