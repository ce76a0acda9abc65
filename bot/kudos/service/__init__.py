"""The rules of kudos: who may receive them, limits, double-enter protection, announcements.

The kudos service's public entry: the rules and their cache (:mod:`.rules`), giving a kudos
(:mod:`.giving`) and writing its messages (:mod:`.announcements`), thanks (:mod:`.thanks`), the
reaction to a shout-out's delivery (:mod:`.delivered`), and the journal other features read
(:mod:`.journal`).
"""

from __future__ import annotations

from bot.kudos.service.delivered import on_shoutout_delivered
from bot.kudos.service.giving import DOUBLE_ENTER_WINDOW, give_kudos
from bot.kudos.service.journal import (
    kudos_counts,
    kudos_given,
    kudos_received,
    kudos_recipients,
    kudos_values,
    week_of_kindness,
)
from bot.kudos.service.rules import (
    RULES_TTL,
    KudosRulesCache,
    check_request,
    local_day,
    workspace_rules,
)
from bot.kudos.service.thanks import say_thanks
from bot.kudos.values import (
    DEFAULT_VALUES,
    MAX_MESSAGE_LENGTH,
    MAX_RECIPIENTS,
    KudosGiven,
    KudosOutcome,
    KudosRefused,
    KudosRequest,
    LeftOut,
    Refusal,
    Source,
    WorkspaceKudosRules,
)

__all__ = [
    "DEFAULT_VALUES",
    "DOUBLE_ENTER_WINDOW",
    "MAX_MESSAGE_LENGTH",
    "MAX_RECIPIENTS",
    "RULES_TTL",
    "KudosGiven",
    "KudosOutcome",
    "KudosRefused",
    "KudosRequest",
    "KudosRulesCache",
    "LeftOut",
    "Refusal",
    "Source",
    "WorkspaceKudosRules",
    "check_request",
    "give_kudos",
    "kudos_counts",
    "kudos_given",
    "kudos_received",
    "kudos_recipients",
    "kudos_values",
    "local_day",
    "on_shoutout_delivered",
    "say_thanks",
    "week_of_kindness",
    "workspace_rules",
]
