"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.breaks import handle_breaks_command
from bot.listeners.commands.checkin import handle_checkin_command
from bot.listeners.commands.kindling import handle_kindling_command
from bot.listeners.commands.kudos import handle_kudos_command
from bot.listeners.commands.wins import handle_win_command
from bot.slack import ids


def register(app: App) -> None:
    app.command(ids.KINDLING_COMMAND)(handle_kindling_command)
    app.command(ids.KUDOS_COMMAND)(handle_kudos_command)
    app.command(ids.CHECKIN_COMMAND)(handle_checkin_command)
    app.command(ids.BREAKS_COMMAND)(handle_breaks_command)
    app.command(ids.WIN_COMMAND)(handle_win_command)
