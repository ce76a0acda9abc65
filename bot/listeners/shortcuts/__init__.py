"""Shortcuts."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.shortcuts.kudos import handle_send_kudos_shortcut
from bot.slack.ids import KUDOS_SHORTCUT


def register(app: App) -> None:
    app.shortcut(KUDOS_SHORTCUT)(handle_send_kudos_shortcut)
