"""Privacy listeners: the export and forget-me buttons."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.privacy.listeners import actions


def register(app: App) -> None:
    """Wire the export and forget-me buttons onto ``app``."""
    app.action(ids.PRIVACY_EXPORT)(actions.handle_export)
    app.action(ids.PRIVACY_FORGET)(actions.handle_forget)
