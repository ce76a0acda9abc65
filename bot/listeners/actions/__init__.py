"""Buttons and other interactive elements."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions.kudos import handle_say_thanks
from bot.slack.ids import KUDOS_SAY_THANKS


def register(app: App) -> None:
    app.action(KUDOS_SAY_THANKS)(handle_say_thanks)
