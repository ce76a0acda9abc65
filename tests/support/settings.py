"""An admin submitting ``/kindling settings``."""

from __future__ import annotations

from typing import Any

from bot.core.slack import ids
from tests.fakeslack import FakeSlack
from tests.support.checkins import BOB
from tests.support.running import RunningApp
from tests.support.signing import HttpAnswer

ADMIN = "UADMIN"


def submit(app: RunningApp, slack: FakeSlack, user: str, **fields: Any) -> HttpAnswer:
    values: dict[str, Any] = {
        "kudos_channel": {"type": "conversations_select", "selected_conversation": "CKUDOS"},
        "values": {"type": "plain_text_input", "value": "kindness, #Courage, focus-time"},
        "kudos_reactions": {"type": "plain_text_input", "value": ":yellow_heart:, tada"},
        "daily_limit": {"type": "number_input", "value": "5"},
        "checkin_time": {"type": "timepicker", "selected_time": "08:45"},
        "min_group_size": {"type": "number_input", "value": "6"},
        "retention_days": {"type": "number_input", "value": "180"},
        "holiday_country": {"type": "plain_text_input", "value": "de"},
        "support_link": {"type": "url_text_input", "value": "https://example.org/care"},
        "leaderboard": {"type": "checkboxes", "selected_options": []},
        "admins": {"type": "multi_users_select", "selected_users": [BOB]},
    }
    for name, value in fields.items():  # text, or a whole element state
        values[name] = value if isinstance(value, dict) else {**values[name], "value": value}
    state = {
        ids.settings_block(name): {ids.SETTINGS_FIELD_ACTION: value}
        for name, value in values.items()
    }
    payload = {
        "type": "view_submission",
        "team": {"id": slack.team_id},
        "user": {"id": user},
        "view": {
            "id": "VSET",
            "type": "modal",
            "callback_id": ids.SETTINGS_MODAL,
            "state": {"values": state},
        },
    }
    return app.slack.interaction(payload)
