"""Settings listeners: the admins' settings modal."""

from __future__ import annotations

from slack_bolt import App

from bot.core.slack import ids
from bot.settings.listeners import modal


def register(app: App) -> None:
    """Wire the settings modal onto ``app``."""
    app.view(ids.SETTINGS_MODAL)(modal.handle_settings_submission)
