"""Noting a ``/win`` as a member would."""

from __future__ import annotations

from typing import Any

from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE
from tests.support.kudos import GENERAL
from tests.support.running import RunningApp
from tests.support.signing import command_payload


def win(
    app: RunningApp, slack: FakeSlack, text: str, *, channel: str = GENERAL, name: str = "general"
) -> dict[str, Any]:
    payload = command_payload("/win", text, team_id=slack.team_id, user_id=ALICE)
    payload.update(channel_id=channel, channel_name=name)
    answer = app.slack.command(payload)
    assert answer.status == 200
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    return dict(reply)
