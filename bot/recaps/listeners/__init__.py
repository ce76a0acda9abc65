"""Recap listeners: turning the weekly recap off from the recap itself."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.recaps.listeners import actions


def register(app: App) -> None:
    """Wire the recap's button onto ``app``."""
    app.action(ids.RECAP_OFF)(actions.handle_recap_off)
