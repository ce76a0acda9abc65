"""Every feature, listed once: what the composition root wires onto the Bolt app."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App

from bot.breaks import listeners as breaks
from bot.checkins import listeners as checkins
from bot.help import listeners as help_listeners
from bot.home import listeners as home
from bot.kudos import listeners as kudos
from bot.lifecycle import listeners as lifecycle
from bot.members import listeners as members
from bot.privacy import listeners as privacy
from bot.recaps import listeners as recaps
from bot.settings import listeners as settings
from bot.wins import listeners as wins

FEATURE_LISTENERS: tuple[Callable[[App], None], ...] = (
    help_listeners.register,
    kudos.register,
    checkins.register,
    breaks.register,
    wins.register,
    home.register,
    recaps.register,
    privacy.register,
    settings.register,
    members.register,
    lifecycle.register,
)
