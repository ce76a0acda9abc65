"""Win listeners: `/win` and its share button."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.wins.listeners import actions, command


def register(app: App) -> None:
    """Wire the win command and button onto ``app``."""
    app.command(ids.WIN_COMMAND)(command.handle_win_command)
    app.action(ids.WIN_SHARE)(actions.handle_share_win)
