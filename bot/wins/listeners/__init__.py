"""Win listeners: `/win`, its share button, and keeping a kudos to oneself as a win."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.wins.listeners import actions, command


def register(app: App) -> None:
    """Wire the win command and button onto ``app``."""
    app.command(ids.WIN_COMMAND)(command.handle_win_command)
    app.action(ids.WIN_SHARE)(actions.handle_share_win)
    app.action(ids.WIN_FROM_KUDOS)(actions.handle_keep_as_win)
