"""Directory listeners: people joining and changing."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.members.listeners import events


def register(app: App) -> None:
    """Wire the directory events onto ``app``."""
    app.event(ids.TEAM_JOIN_EVENT)(events.handle_member_update)
    app.event(ids.USER_CHANGE_EVENT)(events.handle_member_update)
