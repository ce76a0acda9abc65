"""Modal submissions."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views.kudos import handle_kudos_submission
from bot.slack.ids import KUDOS_MODAL


def register(app: App) -> None:
    app.view(KUDOS_MODAL)(handle_kudos_submission)
