"""Every value a member left in the database, and the ``/kindling`` command."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.checkins import (
    ALICE,
)
from tests.support.running import RunningApp
from tests.support.signing import block_action, command_payload


def kindling(app: RunningApp, slack: FakeSlack, text_: str, user: str = ALICE) -> dict[str, Any]:
    payload = command_payload("/kindling", text_, team_id=slack.team_id, user_id=user)
    payload["response_url"] = slack.response_url(f"kindling-{user}")
    answer = app.slack.command(payload)
    assert answer.status == 200
    return dict(answer.json())


def every_value(app: RunningApp) -> list[str]:
    """Every value in every Kindling table, as text."""
    found = []
    with app.kindling.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table == "alembic_version":
                continue
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608
                found += [f"{table}: {value}" for value in row]
    return found


def forget_me(app: RunningApp, slack: FakeSlack, user: str = ALICE) -> None:
    """``user`` asks Kindling to forget them, confirms, and is told it is done."""
    answer = kindling(app, slack, "forget-me", user=user)
    button = answer["blocks"][-1]["elements"][0]
    assert button["action_id"] == ids.PRIVACY_FORGET
    assert button["confirm"]["confirm"]["text"] == "Delete everything"
    payload = block_action(
        button,
        team_id=slack.team_id,
        user_id=user,
        channel_id="CGENERAL",
        response_url=slack.response_url("forget"),
    )
    assert app.slack.interaction(payload).status == 200
    app.kindling.dispatcher.drain()
    done = slack.calls("response_url:forget")[-1]
    assert "Everything Kindling kept about you is deleted" in done.args["text"]
