"""Every feature, listed once: what the composition root wires onto the Bolt app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.breaks import listeners as breaks_listeners
from bot.breaks import outbox as breaks_outbox
from bot.checkins import listeners as checkins_listeners
from bot.checkins import outbox as checkins_outbox
from bot.core import guest_messages
from bot.core.outbox.messages import MessageKind, MessageKinds
from bot.help import listeners as help_listeners
from bot.help import outbox as help_outbox
from bot.home import listeners as home_listeners
from bot.home import outbox as home_outbox
from bot.kudos import listeners as kudos_listeners
from bot.kudos import outbox as kudos_outbox
from bot.lifecycle import listeners as lifecycle_listeners
from bot.members import listeners as members_listeners
from bot.privacy import listeners as privacy_listeners
from bot.privacy import outbox as privacy_outbox
from bot.recaps import listeners as recaps_listeners
from bot.recaps import outbox as recaps_outbox
from bot.settings import listeners as settings_listeners
from bot.wins import listeners as wins_listeners
from bot.wins import outbox as wins_outbox

FEATURE_LISTENERS: tuple[Callable[[App], None], ...] = (
    help_listeners.register,
    kudos_listeners.register,
    checkins_listeners.register,
    breaks_listeners.register,
    wins_listeners.register,
    home_listeners.register,
    recaps_listeners.register,
    privacy_listeners.register,
    settings_listeners.register,
    members_listeners.register,
    lifecycle_listeners.register,
)

# Every typed outbox kind, with its delivery hook and loader.
FEATURE_MESSAGE_KINDS: tuple[MessageKind[Any], ...] = (
    *kudos_outbox.KINDS,
    *checkins_outbox.KINDS,
    *breaks_outbox.KINDS,
    *wins_outbox.KINDS,
    *home_outbox.KINDS,
    *recaps_outbox.KINDS,
    *privacy_outbox.KINDS,
    *help_outbox.KINDS,
    *guest_messages.KINDS,
)


def message_kinds() -> MessageKinds:
    """Every outbox kind this version can deliver: the dispatcher's registry."""
    return MessageKinds(FEATURE_MESSAGE_KINDS)
