"""People, requests and lookups shared by the check-in tests."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from bot.checkins.messages import CHECKIN
from bot.checkins.models import CheckinSchedule
from bot.checkins.repository.answers import CheckinScheduleRepository
from bot.core.slack import ids
from bot.core.store.models import OutboxMessage
from tests.fakeslack import FakeSlack, RecordedCall
from tests.fakeslack.server import TEAM_ID
from tests.support.kudos import ephemeral_text, posted_json
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer, block_action, command_payload, event_callback

ALICE = "UALICE"  # Europe/Berlin
BOB = "UBOB"  # America/New_York
CARA = "UCARA"  # Asia/Kathmandu
DEPLOYBOT = "UDEPLOYBOT"
GONE = "UGONE"
TEAM_CHANNEL = "CTEAM"
_action_ts = itertools.count(1)
_event_ids = itertools.count(1)


def add_people(slack: FakeSlack) -> None:
    slack.add_user(ALICE, display_name="Alice", tz="Europe/Berlin")
    slack.add_user(BOB, display_name="Bob", tz="America/New_York")
    slack.add_user(CARA, display_name="Cara", tz="Asia/Kathmandu")
    slack.add_user(DEPLOYBOT, display_name="deploybot", is_bot=True)
    slack.add_user(GONE, display_name="Gone", deleted=True)


def checkin(
    app: RunningApp,
    slack: FakeSlack,
    text: str = "",
    *,
    user: str = ALICE,
    channel: str = "CGENERAL",
    channel_name: str = "general",
) -> str:
    """Send ``/checkin text`` and return the private answer's text."""
    payload = command_payload(
        "/checkin", text, team_id=slack.team_id, user_id=user, response_url=slack.response_url()
    )
    payload.update(channel_id=channel, channel_name=channel_name)
    return ephemeral_text(app.slack.command(payload))


def tick_and_deliver(app: RunningApp) -> None:
    """One scheduler tick at the clock's time, then the outbox drained."""
    app.kindling.ticker.tick()
    app.kindling.dispatcher.drain()


def checkin_dms(slack: FakeSlack, user: str | None = None) -> list[RecordedCall]:
    """Check-in DMs Slack received (the energy buttons tell them apart)."""
    return [
        call
        for call in slack.calls("chat.postMessage")
        if "checkin_energy_1" in str(call.args.get("blocks"))
        and (user is None or call.args["channel"] == user)
    ]


def welcome_dms(slack: FakeSlack, user: str | None = None) -> list[RecordedCall]:
    return [
        call
        for call in slack.calls("chat.postMessage")
        if "checkin_not_for_me" in str(call.args.get("blocks"))
        and (user is None or call.args["channel"] == user)
    ]


def schedule(app: RunningApp, user: str = ALICE) -> CheckinSchedule | None:
    """The member's schedule as stored now (rows stay readable after their unit of work)."""
    with app.kindling.unit_of_work() as uow:
        return uow.repository(CheckinScheduleRepository).get(TEAM_ID, user)


def checkin_rows(engine: Engine) -> list[Any]:
    """``(channel, status, error)`` of every check-in in the outbox."""
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(OutboxMessage.channel, OutboxMessage.status, OutboxMessage.error).where(
                    OutboxMessage.kind == CHECKIN.name
                )
            )
        )


def press(
    app: RunningApp,
    slack: FakeSlack,
    dm: RecordedCall,
    action_id: str,
    *,
    user: str = ALICE,
    selected_value: str | None = None,
) -> HttpAnswer:
    """Press the control ``action_id`` on the message ``dm`` as ``user``."""
    element = find_element(posted_json(dm.args, "blocks"), action_id)
    action: dict[str, Any] = {"action_ts": f"1764063000.{next(_action_ts):06d}"}
    if selected_value is not None:
        action["selected_option"] = next(
            o for o in element["options"] if o["value"].endswith(f"|{selected_value}")
        )
    payload = block_action(
        element,
        team_id=slack.team_id,
        user_id=user,
        channel_id="D" + user[1:],
        message_ts=ts_of(dm),
        response_url=slack.response_url(f"press-{user}"),
        **action,
    )
    return app.slack.interaction(payload)


def ts_of(dm: RecordedCall) -> str:
    """The ts Slack gave the posted message."""
    return str(dm.result["ts"])


def find_element(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} in the message")


def member_event(app: RunningApp, slack: FakeSlack, event: dict[str, Any]) -> HttpAnswer:
    envelope = event_callback(event, team_id=slack.team_id, event_id=f"Ev{next(_event_ids):08d}")
    return app.slack.event(envelope)


def at(app: RunningApp, moment: datetime) -> None:
    """Move the test clock to ``moment`` (never backwards)."""
    clock = app.kindling.clock
    now = clock.now()
    assert moment >= now, f"{moment} is before {now}"
    clock.advance(moment - now)  # type: ignore[attr-defined]  # the tests' ManualClock


def submit_note(
    app: RunningApp, slack: FakeSlack, view: dict[str, Any], note: str, *, user: str = ALICE
) -> Any:
    payload = {
        "type": "view_submission",
        "team": {"id": slack.team_id},
        "user": {"id": user},
        "api_app_id": "AKINDLING",
        "view": {
            **view,
            "id": "VNOTE1",
            "hash": "h1",
            "state": {
                "values": {
                    ids.CHECKIN_NOTE_BLOCK: {
                        ids.CHECKIN_NOTE_ACTION: {"type": "plain_text_input", "value": note}
                    }
                }
            },
        },
    }
    return app.slack.interaction(payload)
