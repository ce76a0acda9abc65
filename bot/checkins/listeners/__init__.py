"""Check-in listeners: `/checkin`, the DM's buttons, the note modal, channel enrolment and
its confirmation."""

from __future__ import annotations

from slack_bolt import App

from bot.checkins.listeners import actions, command, events, modal, team
from bot.core.slack import ids


def register(app: App) -> None:
    """Wire the check-in command, buttons, note modal and channel events onto ``app``."""
    app.command(ids.CHECKIN_COMMAND)(command.handle_checkin_command)
    app.action(ids.CHECKIN_ENERGY_ACTION)(actions.handle_energy)
    app.action(ids.CHECKIN_NEED)(actions.handle_need)
    app.action(ids.CHECKIN_SKIP)(actions.handle_skip)
    app.action(ids.CHECKIN_ADD_NOTE)(actions.handle_add_note)
    app.action(ids.CHECKIN_NOT_FOR_ME)(actions.handle_not_for_me)
    app.action(ids.CHECKIN_TEAM_CONFIRM)(team.handle_team_confirm)
    app.action(ids.CHECKIN_TEAM_CANCEL)(team.handle_team_cancel)
    app.view(ids.CHECKIN_NOTE_MODAL)(modal.handle_note_submission)
    app.event(ids.MEMBER_JOINED_CHANNEL_EVENT)(events.handle_member_joined_channel)
    app.event(ids.MEMBER_LEFT_CHANNEL_EVENT)(events.handle_member_left_channel)
