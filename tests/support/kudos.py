"""People, requests and lookups shared by the kudos tests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from bot.core.slack import ids
from bot.core.store.models import OutboxMessage
from bot.kudos.models import Kudos
from tests.fakeslack import FakeSlack
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, command_payload

GIVER = "UALICE"
BOB = "UBOB"
CARA = "UCARA"
DEPLOYBOT = "UDEPLOYBOT"
GONE = "UGONE"
APP = "UKINDLINGBOT"
GENERAL = "CGENERAL"


def add_people(slack: FakeSlack, *, giver_tz: str = "Europe/Berlin") -> None:
    """The people of a kudos test; the recipients work at the default clock's 09:30 UTC (their
    kudos DMs are not held for their working hours)."""
    slack.add_user(GIVER, display_name="Alice", tz=giver_tz)
    slack.add_user(BOB, display_name="Bob", tz="Europe/London")
    slack.add_user(CARA, display_name="Cara", tz="Europe/Madrid")
    slack.add_user(DEPLOYBOT, display_name="deploybot", is_bot=True)
    slack.add_user(GONE, display_name="Gone", deleted=True)
    slack.add_user(APP, display_name="Kindling", is_bot=True)


def kudos_command(
    app: RunningApp,
    slack: FakeSlack,
    text: str,
    *,
    user: str = GIVER,
    channel: str = GENERAL,
    channel_name: str = "general",
    team_id: str | None = None,
) -> HttpAnswer:
    payload = command_payload(
        "/kudos",
        text,
        team_id=team_id or slack.team_id,
        user_id=user,
        response_url=slack.response_url("kudos"),
    )
    payload.update(channel_id=channel, channel_name=channel_name)
    return app.slack.command(payload)


def ephemeral_text(answer: HttpAnswer) -> str:
    assert answer.status == 200, answer.body
    reply = answer.json()
    assert reply["response_type"] == "ephemeral"
    return str(reply["text"])


def count(app: RunningApp, model: type[Any]) -> int:
    with app.kindling.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def nothing_recorded(app: RunningApp) -> bool:
    return count(app, Kudos) == 0 and count(app, OutboxMessage) == 0


def posted_json(call_args: dict[str, Any], key: str) -> Any:
    value = call_args[key]
    return json.loads(value) if isinstance(value, str) else value


def opened_view(slack: FakeSlack) -> dict[str, Any]:
    (call,) = slack.calls("views.open")
    view = posted_json(call.args, "view")
    assert isinstance(view, dict)
    return view


def submission(
    slack: FakeSlack,
    view: dict[str, Any],
    *,
    users: list[str],
    message: str,
    values: tuple[str, ...] = (),
) -> dict[str, Any]:
    state = {
        ids.KUDOS_PEOPLE_BLOCK: {
            ids.KUDOS_PEOPLE_ACTION: {"type": "multi_users_select", "selected_users": users}
        },
        ids.KUDOS_MESSAGE_BLOCK: {
            ids.KUDOS_MESSAGE_ACTION: {"type": "plain_text_input", "value": message}
        },
        ids.KUDOS_VALUES_BLOCK: {
            ids.KUDOS_VALUES_ACTION: {
                "type": "checkboxes",
                "selected_options": [
                    {"value": value, "text": {"type": "plain_text", "text": value}}
                    for value in values
                ],
            }
        },
    }
    return {
        "type": "view_submission",
        "team": {"id": slack.team_id, "domain": "kindling-test"},
        "user": {"id": GIVER, "team_id": slack.team_id},
        "api_app_id": "AKINDLING",
        "trigger_id": "1.2.3",
        "view": {**view, "id": "VKUDOS", "state": {"values": state}},
    }
