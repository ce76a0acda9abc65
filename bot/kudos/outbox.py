"""The kudos outbox kinds as the dispatcher delivers them: with their loaders and hooks."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.outbox.messages import MessageKind
from bot.kudos import messages, reaction_messages
from bot.kudos.service import on_shoutout_delivered
from bot.kudos.service.gathered import gather_received, load_thanked
from bot.kudos.service.reactions import load_appreciation, on_appreciation_delivered

KINDS: tuple[MessageKind[Any], ...] = (
    replace(messages.SHOUTOUT, on_delivered=on_shoutout_delivered),
    messages.CROSSPOST,
    replace(messages.RECEIVED_DM, load=gather_received),
    messages.THANKS_DM,
    replace(messages.THANKED_UPDATE, load=load_thanked),
    messages.NOT_ANNOUNCED_DM,
    reaction_messages.REACTION_NOTED,
    reaction_messages.REACTION_REFUSED,
    replace(
        reaction_messages.APPRECIATED_DM,
        load=load_appreciation,
        on_delivered=on_appreciation_delivered,
    ),
)
