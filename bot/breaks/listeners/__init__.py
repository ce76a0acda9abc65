"""Break listeners: `/breaks` and the reminder's buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.breaks.listeners import actions, command
from bot.core.slack import ids


def register(app: App) -> None:
    """Wire the breaks command and buttons onto ``app``."""
    app.command(ids.BREAKS_COMMAND)(command.handle_breaks_command)
    app.action(ids.BREAK_TOOK)(actions.handle_took_a_break)
    app.action(ids.BREAK_SNOOZE)(actions.handle_snooze_today)
