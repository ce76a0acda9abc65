"""Uninstall listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.lifecycle.listeners import events


def register(app: App) -> None:
    """Wire the uninstall and token-revocation events onto ``app``."""
    app.event(ids.APP_UNINSTALLED_EVENT)(events.handle_app_uninstalled)
    app.event(ids.TOKENS_REVOKED_EVENT)(events.handle_tokens_revoked)
