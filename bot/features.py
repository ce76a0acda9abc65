"""Every feature, listed once: what the composition root wires onto the Bolt app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.breaks import listeners as breaks_listeners
from bot.breaks import outbox as breaks_outbox
from bot.breaks.service import schedules as break_schedules
from bot.checkins import listeners as checkins_listeners
from bot.checkins import outbox as checkins_outbox
from bot.checkins.service import enrolment
from bot.core.outbox.messages import MessageKind, MessageKinds
from bot.help import listeners as help_listeners
from bot.help import outbox as help_outbox
from bot.home import listeners as home_listeners
from bot.home import outbox as home_outbox
from bot.home import service as home
from bot.kudos import listeners as kudos_listeners
from bot.kudos import outbox as kudos_outbox
from bot.kudos import service as kudos
from bot.legacy_messages import legacy_kinds
from bot.lifecycle import listeners as lifecycle_listeners
from bot.members import listeners as members_listeners
from bot.privacy import listeners as privacy_listeners
from bot.privacy import outbox as privacy_outbox
from bot.privacy import service as privacy
from bot.recaps import listeners as recaps_listeners
from bot.recaps import outbox as recaps_outbox
from bot.recaps.service import kindness as kindness_recap
from bot.recaps.service import weekly as recaps
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
)


def message_kinds() -> MessageKinds:
    """Every outbox kind this version can deliver: the dispatcher's registry."""
    legacy = legacy_kinds(
        hooks={
            **kudos.DELIVERY_HOOKS,
            **enrolment.DELIVERY_HOOKS,
            **break_schedules.DELIVERY_HOOKS,
            **privacy.DELIVERY_HOOKS,
        },
        loaders={
            home.APP_HOME: lambda uow, message, now: home.home_state(
                uow,
                message.team_id,
                message.channel or "",
                now,
                show=int(message.payload.get("show", home.LIST_LENGTH)),
            ),
            recaps.WEEKLY_RECAP: recaps.recap_figures,
            kindness_recap.KINDNESS_RECAP: kindness_recap.kindness_figures,
            privacy.EXPORT: privacy.export_payload,
        },
        typed=(kind.name for kind in FEATURE_MESSAGE_KINDS),
    )
    return MessageKinds([*FEATURE_MESSAGE_KINDS, *legacy])
