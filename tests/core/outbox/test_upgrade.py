"""A database made by the previous release, with messages still waiting, upgrades and delivers.

The rows are written exactly as the previous release wrote them (kind names, methods, keys and
payload dicts spelled out here, not built by today's code), then today's dispatcher sends them.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.core.outbox.values import NewMessage
from bot.core.store import migrate
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.kudos import BOB, GIVER, add_people
from tests.support.running import RunningApp

TEAM = "T1"


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def previous_release_rows(app: RunningApp) -> list[NewMessage]:
    """One waiting row of each kind that needs no other row, as the previous release wrote it."""
    now = app.kindling.clock.now()
    today, minute = now.date().isoformat(), now.hour * 60 + now.minute
    return [
        NewMessage(
            TEAM,
            f"checkin:{BOB}:{today}",
            "checkin",
            "chat.postMessage",
            BOB,
            {
                "user_id": BOB,
                "local_date": today,
                "tz": "UTC",
                "local_minute": minute,
                "late_minutes": 120,
            },
        ),
        NewMessage(
            TEAM,
            f"checkin-welcome:{BOB}",
            "checkin_welcome",
            "chat.postMessage",
            BOB,
            {
                "user_id": BOB,
                "channel_id": "CTEAM",
                "inviter_id": GIVER,
                "local_minute": 570,
                "workdays": 31,
            },
        ),
        NewMessage(
            TEAM,
            "kudos:41:thanks:" + BOB,
            "kudos.thanks",
            "chat.postMessage",
            GIVER,
            {"kudos_id": 41, "giver_id": GIVER, "recipient_id": BOB},
            subject_id=41,
        ),
        NewMessage(
            TEAM,
            "kudos:42:received:" + BOB,
            "kudos.received",
            "chat.postMessage",
            BOB,
            {
                "kudos_id": 42,
                "giver_id": GIVER,
                "recipient_ids": [BOB],
                "message": "for covering my shift",
                "values": ["care"],
                "channel_id": "CGENERAL",
                "response_url": None,
                "recipient_id": BOB,
                "link": True,
            },
            subject_id=42,
        ),
        NewMessage(
            TEAM,
            "win-shared:7",
            "win_shared",
            "chat.postMessage",
            "CGENERAL",
            {"user_id": BOB, "text": "shipped my first PR"},
        ),
        NewMessage(
            TEAM,
            f"home:{BOB}:{now.isoformat()}:0",
            "app_home",
            "views.publish",
            BOB,
            {"user_id": BOB, "show": 5},
        ),
        NewMessage(
            TEAM,
            f"checkin-care:{BOB}:{today}",
            "checkin_care",
            "chat.postMessage",
            BOB,
            {"user_id": BOB, "support_link": None},
        ),
    ]


def test_rows_written_by_the_previous_release_are_delivered_after_the_upgrade(
    running_app: RunningApp,
    fake_slack: FakeSlack,
    migrated_database_url: str,
    clock: ManualClock,
) -> None:
    rows = previous_release_rows(running_app)
    now = running_app.kindling.clock.now()
    with running_app.kindling.unit_of_work() as uow:
        uow.workspaces.ensure(TEAM, now=now)
        ids = [uow.outbox.add(row, now=now) for row in rows]
    migrate.upgrade(migrated_database_url)  # today's migrations over the previous release's

    for _ in rows:  # one DM a second per channel: several go to the same person
        running_app.kindling.dispatcher.drain()
        clock.advance(timedelta(seconds=1))

    with running_app.kindling.unit_of_work() as uow:
        settled = {
            message.kind: (message.status, message.error)
            for message in (uow.outbox.get(message_id) for message_id in ids if message_id)
            if message is not None
        }
    assert settled == {row.kind: ("sent", None) for row in rows}
    posted = [json.dumps(call.args) for call in fake_slack.calls("chat.postMessage")]
    assert any("for covering my shift" in text for text in posted)
    assert any("shipped my first PR" in text for text in posted)
    published: list[dict[str, Any]] = [call.args for call in fake_slack.calls("views.publish")]
    assert [call["user_id"] for call in published] == [BOB]
