"""A member's ordinary day through every feature, and Slack's revocation events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.breaks import posted_reminder, press_reminder
from tests.support.checkins import (
    ALICE,
    BOB,
    at,
    checkin,
    checkin_dms,
    press,
    tick_and_deliver,
)
from tests.support.kudos import kudos_command
from tests.support.running import RunningApp
from tests.support.wins import win


def answer_todays_checkin(app: RunningApp, slack: FakeSlack) -> None:
    dm = checkin_dms(slack, ALICE)[-1]
    press(app, slack, dm, f"{ids.CHECKIN_ENERGY_PREFIX}3")


def a_day_of_alice(app: RunningApp, slack: FakeSlack) -> None:
    """Alice checks in, takes a break, notes a win, and thanks Bob."""
    checkin(app, slack, "on")
    reminder = posted_reminder(app, slack)  # 11:30 in Berlin
    press_reminder(app, slack, reminder, ids.BREAK_TOOK, ALICE)
    at(app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
    tick_and_deliver(app)
    answer_todays_checkin(app, slack)
    win(app, slack, "alice shipped it")
    kudos_command(app, slack, f"<@{BOB}> for the kind review")
    app.kindling.dispatcher.drain()


def revocation(event_type: str) -> dict[str, Any]:
    if event_type == "tokens_revoked":
        return {"type": event_type, "tokens": {"oauth": [], "bot": ["UKINDLINGBOT"]}}
    return {"type": event_type}
