"""Kudos listeners: the command, the modal, the shortcut, the DM's buttons and reactions."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.kudos.listeners import actions, command, modal, reactions, shortcut


def register(app: App) -> None:
    """Wire the kudos command, modal, shortcut, buttons and reaction events onto ``app``."""
    app.command(ids.KUDOS_COMMAND)(command.handle_kudos_command)
    app.view(ids.KUDOS_MODAL)(modal.handle_kudos_submission)
    app.shortcut(ids.KUDOS_SHORTCUT)(shortcut.handle_send_kudos_shortcut)
    app.action(ids.KUDOS_SAY_THANKS)(actions.handle_say_thanks)
    app.action(ids.KUDOS_PASS_ON)(actions.handle_pass_it_on)
    app.event(ids.REACTION_ADDED_EVENT)(reactions.handle_reaction_added)
    app.event(ids.REACTION_REMOVED_EVENT)(reactions.handle_reaction_removed)
