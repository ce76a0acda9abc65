"""Kudos listeners: the command, the modal, the shortcut and the thank-you button."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.kudos.listeners import actions, command, modal, shortcut


def register(app: App) -> None:
    """Wire the kudos command, modal, shortcut and button onto ``app``."""
    app.command(ids.KUDOS_COMMAND)(command.handle_kudos_command)
    app.view(ids.KUDOS_MODAL)(modal.handle_kudos_submission)
    app.shortcut(ids.KUDOS_SHORTCUT)(shortcut.handle_send_kudos_shortcut)
    app.action(ids.KUDOS_SAY_THANKS)(actions.handle_say_thanks)
