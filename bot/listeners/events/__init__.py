"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.channels import (
    handle_member_joined_channel,
    handle_member_left_channel,
)
from bot.listeners.events.direct_messages import handle_direct_message
from bot.listeners.events.home import handle_app_home_opened
from bot.listeners.events.members import handle_member_update
from bot.listeners.events.uninstall import handle_app_uninstalled, handle_tokens_revoked
from bot.slack.ids import (
    APP_HOME_OPENED_EVENT,
    APP_UNINSTALLED_EVENT,
    MEMBER_JOINED_CHANNEL_EVENT,
    MEMBER_LEFT_CHANNEL_EVENT,
    MESSAGE_EVENT,
    TEAM_JOIN_EVENT,
    TOKENS_REVOKED_EVENT,
    USER_CHANGE_EVENT,
)


def register(app: App) -> None:
    app.event(TEAM_JOIN_EVENT)(handle_member_update)
    app.event(USER_CHANGE_EVENT)(handle_member_update)
    app.event(MEMBER_JOINED_CHANNEL_EVENT)(handle_member_joined_channel)
    app.event(MEMBER_LEFT_CHANNEL_EVENT)(handle_member_left_channel)
    app.event(APP_HOME_OPENED_EVENT)(handle_app_home_opened)
    app.event(MESSAGE_EVENT)(handle_direct_message)
    app.event(APP_UNINSTALLED_EVENT)(handle_app_uninstalled)
    app.event(TOKENS_REVOKED_EVENT)(handle_tokens_revoked)
