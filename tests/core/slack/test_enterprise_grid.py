"""Enterprise Grid: a workspace install inside an organisation (``enterprise_id`` set) and the
organisation-level shapes (``"team": null``) work; a revocation that names only the
organisation is resolved through the installs."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.breaks.models import BreakTaken
from bot.core.slack import ids
from bot.kudos.models import Kudos
from bot.wins.models import Win
from tests.fakeslack import FakeSlack
from tests.support.breaks import GENERAL, posted_reminder, reminder_button
from tests.support.checkins import ALICE, BOB, add_people
from tests.support.controls import EVERY_CONTROL
from tests.support.kudos import count, opened_view, submission
from tests.support.lifecycle import a_day_of_alice, revocation
from tests.support.privacy import every_value
from tests.support.running import RunningApp
from tests.support.signing import block_action, command_payload

ORG = "E0KINDLING"


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


def org_level(payload: dict[str, Any]) -> dict[str, Any]:
    """The same interaction as Slack sends it at the organisation level: no ``team``."""
    user = {**payload["user"], "enterprise_id": ORG}
    return {
        **payload,
        "team": None,
        "enterprise": {"id": ORG, "name": "Kindling Org"},
        "is_enterprise_install": True,
        "user": user,
    }


def test_a_button_pressed_with_team_null_counts(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    reminder = posted_reminder(running_app, fake_slack)
    payload = block_action(
        reminder_button(reminder, ids.BREAK_TOOK),
        team_id=fake_slack.team_id,
        user_id=ALICE,
        channel_id=GENERAL,
        message_ts=reminder.result["ts"],
    )
    assert running_app.slack.interaction(org_level(payload)).status == 200
    running_app.kindling.dispatcher.drain()
    assert count(running_app, BreakTaken) == 1


def test_the_shortcut_and_the_modal_work_with_team_null(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    shortcut = {
        "type": "message_action",
        "callback_id": ids.KUDOS_SHORTCUT,
        "user": {"id": ALICE, "team_id": fake_slack.team_id},
        "channel": {"id": GENERAL, "name": "general"},
        "message": {"type": "message", "user": BOB, "text": "I fixed it", "ts": "1.1"},
        "trigger_id": "1.2.3",
        "response_url": fake_slack.response_url("shortcut"),
    }
    assert running_app.slack.interaction(org_level(shortcut)).status == 200
    view = {**opened_view(fake_slack), "team_id": fake_slack.team_id}
    view["app_installed_team_id"] = fake_slack.team_id
    payload = submission(fake_slack, view, users=[BOB], message="thanks for the fix")
    payload["user"] = {"id": ALICE, "team_id": fake_slack.team_id}
    answer = running_app.slack.interaction(org_level(payload))
    assert answer.status == 200
    assert answer.json()["response_action"] == "update"
    assert count(running_app, Kudos) == 1


def test_a_workspace_install_inside_an_org_works(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    fields = command_payload("/win", "a grid win", team_id=fake_slack.team_id, user_id=ALICE)
    fields |= {"enterprise_id": ORG, "enterprise_name": "Kindling Org"}
    answer = running_app.slack.command(fields)
    assert answer.status == 200
    assert "a grid win" in json.dumps(answer.json()["blocks"])
    assert count(running_app, Win) == 1
    home_opened = {"type": "app_home_opened", "user": ALICE, "channel": "DALICE", "tab": "home"}
    envelope = {
        "token": "legacy-verification-token",
        "team_id": fake_slack.team_id,
        "enterprise_id": ORG,
        "api_app_id": "AKINDLING",
        "event": home_opened,
        "type": "event_callback",
        "event_id": "EvGrid1",
        "event_time": 1764063000,
        "authorizations": [
            {"enterprise_id": ORG, "team_id": fake_slack.team_id, "user_id": "UKINDLINGBOT",
             "is_bot": True, "is_enterprise_install": False}
        ],
    }  # fmt: skip
    assert running_app.slack.event(envelope).status == 200
    running_app.kindling.dispatcher.drain()
    (published,) = fake_slack.calls("views.publish")
    assert published.args["user_id"] == ALICE


@pytest.mark.parametrize("event", ["app_uninstalled", "tokens_revoked"])
def test_a_revocation_naming_only_the_organisation_deletes_its_workspace(
    running_app: RunningApp, fake_slack: FakeSlack, event: str
) -> None:
    a_day_of_alice(running_app, fake_slack)
    envelope = {
        "token": "legacy-verification-token",
        "enterprise_id": ORG,
        "api_app_id": "AKINDLING",
        "event": revocation(event),
        "type": "event_callback",
        "event_id": f"EvGridRevoked-{event}",
        "event_time": 1764063000,
    }
    assert running_app.slack.event(envelope).status == 200
    assert every_value(running_app) == []


DAY = "2026-11-25"
ON_A_MESSAGE = [
    {"type": "button", "action_id": ids.KUDOS_SAY_THANKS, "value": "1"},
    {"type": "button", "action_id": ids.KUDOS_PASS_ON, "value": "CGENERAL"},
    {"type": "button", "action_id": f"{ids.CHECKIN_ENERGY_PREFIX}3", "value": f"{DAY}|3"},
    {"type": "static_select", "action_id": ids.CHECKIN_NEED,
     "selected_option": {"value": f"{DAY}|focus"}},
    {"type": "button", "action_id": ids.CHECKIN_ADD_NOTE, "value": f"{DAY}|note"},
    {"type": "button", "action_id": ids.CHECKIN_SKIP, "value": f"{DAY}|skip"},
    {"type": "button", "action_id": ids.CHECKIN_NOT_FOR_ME, "value": "no"},
    {"type": "button", "action_id": ids.CHECKIN_TEAM_CONFIRM, "value": "CTEAM"},
    {"type": "button", "action_id": ids.CHECKIN_TEAM_CANCEL, "value": "CTEAM"},
    {"type": "button", "action_id": ids.BREAK_TOOK, "value": "1"},
    {"type": "button", "action_id": ids.BREAK_SNOOZE, "value": "1"},
    {"type": "button", "action_id": ids.RECAP_OFF, "value": "off"},
    {"type": "button", "action_id": ids.WIN_SHARE, "value": "1"},
    {"type": "button", "action_id": ids.WIN_FROM_KUDOS, "value": "a walk at lunch"},
    {"type": "button", "action_id": ids.PRIVACY_FORGET, "value": "forget"},
]  # fmt: skip
ON_THE_HOME = [
    {"type": "button", "action_id": ids.HOME_CHECKIN_TOGGLE, "value": "on"},
    {"type": "timepicker", "action_id": ids.HOME_CHECKIN_TIME, "selected_time": "08:15"},
    {"type": "checkboxes", "action_id": ids.HOME_CHECKIN_DAYS,
     "selected_options": [{"value": "mon"}, {"value": "tue"}]},
    {"type": "datepicker", "action_id": ids.HOME_PAUSE_UNTIL, "selected_date": "2026-12-10"},
    {"type": "timepicker", "action_id": ids.HOME_WORK_STARTS, "selected_time": "08:00"},
    {"type": "timepicker", "action_id": ids.HOME_WORK_ENDS, "selected_time": "17:00"},
    {"type": "static_select", "action_id": ids.HOME_HOLIDAY_COUNTRY,
     "selected_option": {"value": "NP", "text": {"type": "plain_text", "text": "Nepal"}}},
    {"type": "button", "action_id": ids.HOME_BREAKS_TOGGLE, "value": "on"},
    {"type": "button", "action_id": ids.HOME_RECAP_TOGGLE, "value": "on"},
    {"type": "button", "action_id": ids.HOME_SHOW_MORE, "value": "20"},
    {"type": "button", "action_id": ids.PRIVACY_EXPORT, "value": "export"},
]  # fmt: skip


def test_every_registered_control_handles_team_null(
    running_app: RunningApp, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    registered = {
        ids.CHECKIN_ENERGY_PREFIX if aid.startswith(ids.CHECKIN_ENERGY_PREFIX) else aid
        for aid in (e["action_id"] for e in [*ON_A_MESSAGE, *ON_THE_HOME])
    }
    assert registered >= EVERY_CONTROL | {ids.HOME_SHOW_MORE, ids.PRIVACY_FORGET}
    for element, on_home in [(e, False) for e in ON_A_MESSAGE] + [(e, True) for e in ON_THE_HOME]:
        payload = block_action(
            element,
            team_id=fake_slack.team_id,
            user_id=ALICE,
            channel_id=GENERAL,
            response_url=fake_slack.response_url("org-level"),
        )
        if on_home:
            payload["container"] = {"type": "view", "view_id": "VHOME"}
            payload["view"] = {"id": "VHOME", "type": "home", "team_id": fake_slack.team_id}
        answer = running_app.slack.interaction(org_level(payload))
        assert answer.status == 200, (element["action_id"], answer.body)
        running_app.kindling.dispatcher.drain()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
