"""Every request shape Slack publishes that Kindling can receive, replayed signed to the real
app: normal workspaces, Slack Connect guests, Enterprise Grid (``"team": null`` for org-wide
installs), ``app_rate_limited``, DMs in the Messages tab, revocations, and slash commands that
say "payload". Each must be answered 200 (a command privately or with nothing, never Bolt's
404), log nothing at ERROR, and leave no row for a workspace that never installed Kindling."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from sqlalchemy import inspect, text

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import BOT_USER_ID, TEAM_ID
from tests.support import slack_shapes as ev
from tests.support import slack_shapes_interactive as ia
from tests.support.kudos import BOB, GENERAL, GIVER, add_people
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer

Kind = Literal["event", "interaction", "command"]
Build = Callable[[FakeSlack], dict[str, Any]]
Envelope = Callable[..., dict[str, Any]]

FOREIGN_USER = "U0OTHERPERSON"  # a guest from the other organisation of a shared channel
GRID_USER = "W0GRIDMEMBER"  # Grid members have the same W... id in every workspace
SHARED = "C0SHARED"  # a Slack Connect channel
DM = "D" + GIVER[1:]
TODAY = "2026-11-25"  # the test clock's day


@dataclass(frozen=True)
class Shape:
    kind: Kind
    build: Build


def shape(name: str, kind: Kind, build: Build) -> Any:
    return pytest.param(Shape(kind, build), id=name)


def event(name: str, inner: dict[str, Any], envelope: Envelope = ev.event_envelope) -> Any:
    """An Events API shape: ``inner`` in ``envelope``."""
    event_id = "Ev0" + name.upper().replace("-", "")[:20]
    return shape(name, "event", lambda _slack: envelope(inner, event_id=event_id))


def kudos_modal() -> dict[str, Any]:
    values: dict[str, dict[str, Any]] = {
        ids.KUDOS_PEOPLE_BLOCK: {
            ids.KUDOS_PEOPLE_ACTION: {"type": "multi_users_select", "selected_users": [BOB]}
        },
        ids.KUDOS_MESSAGE_BLOCK: {
            ids.KUDOS_MESSAGE_ACTION: {"type": "plain_text_input", "value": "thanks for pairing"}
        },
        ids.KUDOS_VALUES_BLOCK: {
            ids.KUDOS_VALUES_ACTION: {
                "type": "checkboxes",
                "selected_options": [
                    {"value": "care", "text": {"type": "plain_text", "text": "care"}}
                ],
            }
        },
    }
    metadata = {"channel_id": GENERAL, "can_post": True}
    return ia.modal(ids.KUDOS_MODAL, values, private_metadata=metadata)


def note_modal() -> dict[str, Any]:
    values = {
        ids.CHECKIN_NOTE_BLOCK: {
            ids.CHECKIN_NOTE_ACTION: {"type": "plain_text_input", "value": "Slow start, fine now."}
        }
    }
    metadata = {"local_date": TODAY, "channel": DM, "ts": "1764063000.000100"}
    return ia.modal(ids.CHECKIN_NOTE_MODAL, values, private_metadata=metadata)


def press(name: str, action: dict[str, Any], **where: Any) -> Any:
    """``action`` on a message Kindling posted (a DM to Alice unless ``where`` says otherwise)."""
    place = {"user_id": GIVER, "channel_id": DM, "channel_name": "directmessage", **where}
    return shape(
        name,
        "interaction",
        lambda slack: ia.message_block_actions(
            action, response_url=slack.response_url("press"), **place
        ),
    )


def tap(name: str, action: dict[str, Any], **who: Any) -> Any:
    """``action`` on the App Home (Alice's unless ``who`` says otherwise)."""
    return shape(
        name,
        "interaction",
        lambda _slack: ia.view_block_actions(action, **{"user_id": GIVER, **who}),
    )


def shortcut(name: str, *, author: str = BOB, **who: Any) -> Any:
    """ "Send kudos" on a message by ``author``, used by Alice unless ``who`` says otherwise."""
    shared = who.get("team_id", TEAM_ID) != TEAM_ID
    return shape(
        name,
        "interaction",
        lambda slack: ia.message_action(
            ids.KUDOS_SHORTCUT,
            channel_id=SHARED if shared else GENERAL,
            channel_name="shared-launch" if shared else "general",
            message=ia.channel_message(user_id=author, text="shipped the release notes"),
            response_url=slack.response_url("shortcut"),
            **{"user_id": GIVER, **who},
        ),
    )


def submit(name: str, modal: Callable[[], dict[str, Any]], **who: Any) -> Any:
    """``modal`` submitted (by Alice unless ``who`` says otherwise)."""
    return shape(
        name, "interaction", lambda _slack: ia.view_submission(modal(), **{"user_id": GIVER, **who})
    )


def command(name: str, cmd: str, words: str, **fields: Any) -> Any:
    """``cmd words`` typed by Alice in #general unless ``fields`` say otherwise."""

    def build(slack: FakeSlack) -> dict[str, Any]:
        where = {"user_id": GIVER, "response_url": slack.response_url("cmd"), **fields}
        return ia.command_form(cmd, words, **where)

    return shape(name, "command", build)


GUEST = {"user_id": FOREIGN_USER, "team_id": ev.FOREIGN_TEAM_ID}
ORG_LEVEL: dict[str, Any] = {"enterprise_id": ev.ENTERPRISE_ID, "org_level": True}
GRID = {"user_id": GRID_USER, "enterprise_id": ev.ENTERPRISE_ID}
IN_GENERAL = {"channel_id": GENERAL, "channel_name": "general"}
IN_SHARED = {"channel_id": SHARED, "channel_name": "shared-launch"}
HOME_ON = ia.button(ids.HOME_CHECKIN_TOGGLE, "on")
THANKS = ia.button(ids.KUDOS_SAY_THANKS, "1")
TOOK_BREAK = ia.button(ids.BREAK_TOOK, "1")
GUEST_JOINS = ev.member_joined_channel(
    user_id=FOREIGN_USER, channel_id=SHARED, team_id=ev.FOREIGN_TEAM_ID
)
GUEST_LEAVES = ev.member_left_channel(
    user_id=FOREIGN_USER, channel_id=SHARED, team_id=ev.FOREIGN_TEAM_ID
)

SHAPES = [
    # Events API
    event("home-opened", ev.app_home_opened(user_id=GIVER, channel_id=DM)),
    event("member-joined", ev.member_joined_channel(user_id=BOB, channel_id=GENERAL)),
    event("connect-member-joined", GUEST_JOINS, ev.slack_connect_envelope),
    event("connect-member-left", GUEST_LEAVES, ev.slack_connect_envelope),
    event(
        "grid-user-change",
        ev.user_change(user_id=GRID_USER, enterprise_id=ev.ENTERPRISE_ID),
        ev.grid_envelope,
    ),
    event(
        "org-wide-home-opened",
        ev.app_home_opened(user_id=GRID_USER, channel_id="D0GRIDMEMBER"),
        ev.org_wide_envelope,
    ),
    shape("app-rate-limited", "event", lambda _slack: ev.app_rate_limited()),
    event("message-im", ev.im_message(user_id=GIVER, channel_id=DM, text="hi, what can you do?")),
    event("message-im-bot-message", ev.im_bot_message(channel_id=DM, text="Good morning!")),
    event("message-im-changed", ev.im_message_changed(user_id=GIVER, channel_id=DM, text="hi!")),
    event("app-uninstalled", ev.app_uninstalled()),
    event("tokens-revoked", ev.tokens_revoked(bot=[BOT_USER_ID])),
    event("grid-app-uninstalled", ev.app_uninstalled(), ev.grid_revocation_envelope),
    event(
        "grid-tokens-revoked",
        ev.tokens_revoked(bot=[BOT_USER_ID], oauth=[GRID_USER]),
        ev.grid_revocation_envelope,
    ),
    # block_actions: messages, ephemeral messages, the App Home
    press("action-dm-energy", ia.button(f"{ids.CHECKIN_ENERGY_PREFIX}3", f"{TODAY}|3")),
    press("action-dm-need", ia.static_select(ids.CHECKIN_NEED, f"{TODAY}|focus")),
    press("action-dm-say-thanks", THANKS),
    press("action-channel-break-took", TOOK_BREAK, **IN_GENERAL),
    press(
        "action-ephemeral-win-share", ia.button(ids.WIN_SHARE, "1"), ephemeral=True, **IN_GENERAL
    ),
    press("action-ephemeral-forget", ia.button(ids.PRIVACY_FORGET, "forget"), ephemeral=True),
    tap("action-home-toggle", HOME_ON),
    tap("action-home-time", ia.timepicker(ids.HOME_CHECKIN_TIME, "08:15")),
    tap("action-grid-home-toggle", HOME_ON, **GRID),
    tap("action-org-level-home-toggle", HOME_ON, **GRID, org_level=True),
    press("action-org-level-say-thanks", THANKS, **ORG_LEVEL),
    press("action-connect-break-took", TOOK_BREAK, **IN_SHARED, **GUEST),
    # message shortcut
    shortcut("shortcut-kudos"),
    shortcut("shortcut-kudos-grid", enterprise_id=ev.ENTERPRISE_ID),
    shortcut("shortcut-kudos-org-level", **ORG_LEVEL),
    shortcut("shortcut-kudos-connect", author=GIVER, **GUEST),
    # view_submission
    submit("view-kudos", kudos_modal),
    submit("view-checkin-note", note_modal),
    submit("view-kudos-grid", kudos_modal, enterprise_id=ev.ENTERPRISE_ID),
    submit("view-kudos-org-level", kudos_modal, **ORG_LEVEL),
    submit("view-kudos-connect", kudos_modal, **GUEST),
    # slash commands, some saying "payload"
    command("command-kindling-help", "/kindling", "help"),
    command(
        "command-kindling-help-payloads-team",
        "/kindling",
        "help",
        channel_id="C0PAYLOADS",
        channel_name="payloads-team",
    ),
    command("command-win-payload-parser", "/win", "fixed the payload parser"),
    command("command-checkin-payload-user", "/checkin", "", user_name="payload.pat"),
    command("command-checkin-dm", "/checkin", "", channel_id=DM, channel_name="directmessage"),
    command(
        "command-breaks-privategroup",
        "/breaks",
        "status",
        channel_id="G0PRIVATE",
        channel_name="privategroup",
    ),
    command(
        "command-kudos-grid",
        "/kudos",
        f"<@{BOB}|bob> thanks for the review",
        enterprise_id=ev.ENTERPRISE_ID,
    ),
    command(
        "command-kindling-org-wide",
        "/kindling",
        "help",
        enterprise_id=ev.ENTERPRISE_ID,
        is_enterprise_install=True,
    ),
]


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)
    fake_slack.add_user(GRID_USER, display_name="Grid Member")
    fake_slack.add_user(FOREIGN_USER, team_id=ev.FOREIGN_TEAM_ID, display_name="Guest")


def send(app: RunningApp, kind: Kind, body: dict[str, Any]) -> HttpAnswer:
    if kind == "event":
        return app.slack.event(body)
    if kind == "command":
        return app.slack.command(body)
    return app.slack.interaction(body)


def rows_of_strangers(app: RunningApp) -> set[str]:
    """``table: team`` for every row whose ``team_id`` is not the installed workspace's."""
    found: set[str] = set()
    with app.kindling.engine.connect() as connection:
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            if "team_id" in {column["name"] for column in inspector.get_columns(table)}:
                rows = connection.execute(text(f'SELECT DISTINCT team_id FROM "{table}"'))  # noqa: S608
                found |= {f"{table}: {team}" for (team,) in rows if team not in {None, TEAM_ID}}
    return found


@pytest.mark.parametrize("request_shape", SHAPES)
def test_every_published_shape_is_handled_quietly(
    running_app: RunningApp,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
    request_shape: Shape,
) -> None:
    caplog.set_level(logging.DEBUG)
    answer = send(running_app, request_shape.kind, request_shape.build(fake_slack))
    running_app.kindling.dispatcher.drain()
    assert answer.status == 200, f"{answer.status} {answer.body}"
    if request_shape.kind == "command" and answer.body:
        assert json.loads(answer.body).get("response_type") == "ephemeral", answer.body
    failures = [
        f"{record.name}: {record.getMessage()} {record.exc_info[1]!r}"
        if record.exc_info
        else f"{record.name}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.ERROR
    ]
    assert not failures, failures
    assert "Traceback" not in caplog.text
    strangers = rows_of_strangers(running_app)
    assert not strangers, f"rows for workspaces that never installed Kindling: {strangers}"
