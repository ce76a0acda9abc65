"""Help listeners: `/kindling` and messages written to the app."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.help.listeners import command, events


def register(app: App) -> None:
    """Wire `/kindling` and the Messages tab onto ``app``."""
    app.command(ids.KINDLING_COMMAND)(command.handle_kindling_command)
    app.event(ids.MESSAGE_EVENT)(events.handle_direct_message)
