"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.members import handle_member_update


def register(app: App) -> None:
    app.event("team_join")(handle_member_update)
    app.event("user_change")(handle_member_update)
