"""Channel break reminders as the tests drive them: turned on, found when posted, pressed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.core.slack import ids
from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import (
    ALICE,
    at,
    tick_and_deliver,
)
from tests.support.kudos import GENERAL, posted_json
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, block_action, command_payload

BERLIN_1130 = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def breaks(
    app: RunningApp,
    slack: FakeSlack,
    text: str,
    *,
    user: str = ALICE,
    channel: str = GENERAL,
    channel_name: str = "general",
) -> HttpAnswer:
    payload = command_payload(
        "/breaks", text, team_id=slack.team_id, user_id=user, response_url=slack.response_url()
    )
    payload.update(channel_id=channel, channel_name=channel_name)
    answer = app.slack.command(payload)
    assert answer.status == 200, answer.body
    return answer


def reminders(slack: FakeSlack, channel: str = GENERAL) -> list[RecordedCall]:
    return [
        call
        for call in slack.calls("chat.postMessage")
        if call.args["channel"] == channel and ids.BREAK_TOOK in str(call.args.get("blocks"))
    ]


def posted_reminder(app: RunningApp, slack: FakeSlack) -> RecordedCall:
    breaks(app, slack, "on")
    app.kindling.dispatcher.drain()  # the quiet line goes first
    at(app, BERLIN_1130)
    tick_and_deliver(app)
    (reminder,) = reminders(slack)
    return reminder


def reminder_button(reminder: RecordedCall, action_id: str) -> dict[str, Any]:
    """The button ``action_id`` as the reminder carried it."""
    return next(
        e for b in posted_json(reminder.args, "blocks") for e in b.get("elements", [])
        if e.get("action_id") == action_id
    )  # fmt: skip


def press_reminder(
    app: RunningApp, slack: FakeSlack, reminder: RecordedCall, action_id: str, user: str
) -> None:
    """Press a button on the channel message (its container is the channel, not a DM)."""
    payload = block_action(
        reminder_button(reminder, action_id),
        team_id=slack.team_id,
        user_id=user,
        channel_id=GENERAL,
        message_ts=reminder.result["ts"],
        response_url=slack.response_url("break"),
    )
    assert app.slack.interaction(payload).status == 200
