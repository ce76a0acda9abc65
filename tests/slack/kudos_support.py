"""People, requests and lookups shared by the kudos tests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from bot.core.store.models import OutboxMessage
from bot.kudos.models import Kudos
from tests.fakeslack import FakeSlack
from tests.slack.conftest import RunningApp
from tests.support.signing import HttpAnswer, command_payload

GIVER = "UALICE"
BOB = "UBOB"
CARA = "UCARA"
DEPLOYBOT = "UDEPLOYBOT"
GONE = "UGONE"
APP = "UKINDLINGBOT"
GENERAL = "CGENERAL"


def add_people(slack: FakeSlack, *, giver_tz: str = "Europe/Berlin") -> None:
    slack.add_user(GIVER, display_name="Alice", tz=giver_tz)
    slack.add_user(BOB, display_name="Bob", tz="America/New_York")
    slack.add_user(CARA, display_name="Cara", tz="Asia/Kathmandu")
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
