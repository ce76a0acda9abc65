"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.settings_flow import handle_settings_submission
from bot.listeners.views.checkin import handle_note_submission
from bot.listeners.views.kudos import handle_kudos_submission
from bot.slack.ids import CHECKIN_NOTE_MODAL, KUDOS_MODAL, SETTINGS_MODAL


def register(app: App) -> None:
    app.view(KUDOS_MODAL)(handle_kudos_submission)
    app.view(CHECKIN_NOTE_MODAL)(handle_note_submission)
    app.view(SETTINGS_MODAL)(handle_settings_submission)
