"""Driving the App Home as a person does: opening it, and using its controls."""

from __future__ import annotations

from typing import Any

from tests.fakeslack import FakeSlack, RecordedCall
from tests.support.checkins import ALICE, member_event
from tests.support.kudos import posted_json
from tests.support.running import RunningApp


def open_home(app: RunningApp, slack: FakeSlack, user: str = ALICE) -> RecordedCall:
    event = {"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"}
    assert member_event(app, slack, event).status == 200
    app.kindling.dispatcher.drain()
    return published(slack, user)[-1]


def published(slack: FakeSlack, user: str) -> list[RecordedCall]:
    return [c for c in slack.calls("views.publish") if c.args["user_id"] == user]


def element(call: RecordedCall, action_id: str) -> dict[str, Any]:
    view = posted_json(call.args, "view")
    for block in view["blocks"]:
        for item in [*block.get("elements", []), block.get("accessory") or {}]:
            if item.get("action_id") == action_id:
                return dict(item)
    raise AssertionError(action_id)


def tap(app: RunningApp, slack: FakeSlack, action: dict[str, Any], user: str = ALICE) -> None:
    payload = {
        "type": "block_actions",
        "team": {"id": slack.team_id},
        "user": {"id": user},
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home"},
        "trigger_id": "1.2.3",
        "actions": [{**action, "block_id": "b", "action_ts": "1.1"}],
    }
    assert app.slack.interaction(payload).status == 200
    app.kindling.dispatcher.drain()
