"""Slash commands."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.breaks import handle_breaks_command
from bot.listeners.commands.checkin import handle_checkin_command
from bot.listeners.commands.kindling import handle_kindling_command
from bot.listeners.commands.kudos import handle_kudos_command
from bot.slack.ids import BREAKS_COMMAND, CHECKIN_COMMAND, KINDLING_COMMAND, KUDOS_COMMAND


def register(app: App) -> None:
    app.command(KINDLING_COMMAND)(handle_kindling_command)
    app.command(KUDOS_COMMAND)(handle_kudos_command)
    app.command(CHECKIN_COMMAND)(handle_checkin_command)
    app.command(BREAKS_COMMAND)(handle_breaks_command)
