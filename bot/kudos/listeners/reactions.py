"""An emoji reaction added to or removed from a message: kudos given with the workspace's kudos
emoji, or taken back before anyone was told. Each claims its event in the ledger in the same
transaction (Slack's retries are handled once)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import BoltContext

from bot.core.events.ledger import claim_event
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.service import KudosRulesCache
from bot.kudos.service.reactions import (
    Reaction,
    emoji_name,
    give_reaction_kudos,
    reaction_target,
    take_back_reaction,
)
from bot.members.directory import MemberDirectory


def reaction_of(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> Reaction | None:
    """The reaction an event reports, if it is on a message (Slack no longer sends file ones)."""
    item = event.get("item") or {}
    channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
    if item.get("type") != "message" or not channel or not ts or not user:
        return None
    return Reaction(
        team_id=team_of(context),
        event_id=str(body.get("event_id") or f"{channel}:{ts}:{user}:{event.get('event_ts')}"),
        giver_id=str(user),
        emoji=emoji_name(str(event.get("reaction") or "")),
        channel_id=str(channel),
        ts=str(ts),
        author_id=event.get("item_user") or None,
        app_user_id=context.bot_user_id,
    )


def handle_reaction_added(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Give the reaction's kudos (and write the giver's note), in one unit of work."""
    reaction = reaction_of(event, body, context)
    if reaction is None:
        return
    dependencies = dependencies_of(context)
    now = dependencies.clock.now()
    with dependencies.unit_of_work() as uow:
        rules = dependencies.service(KudosRulesCache).get(uow, reaction.team_id, now=now)
        target = reaction_target(uow, reaction, rules)
        if target is None:
            return
        people = dependencies.service(MemberDirectory).people(
            uow, reaction.team_id, {reaction.giver_id, *target.recipient_ids}
        )  # read before anything is written: it may step aside to ask Slack
        if first_delivery(uow, reaction, now=now):
            give_reaction_kudos(uow, reaction, target, rules=rules, people=people, now=now)


def handle_reaction_removed(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Take the reaction's kudos back, unless its recipients were already told."""
    reaction = reaction_of(event, body, context)
    if reaction is not None:
        dependencies = dependencies_of(context)
        with dependencies.unit_of_work() as uow:
            if first_delivery(uow, reaction, now=dependencies.clock.now()):
                take_back_reaction(uow, reaction)


def first_delivery(uow: UnitOfWork, reaction: Reaction, *, now: datetime) -> bool:
    """Claim the reaction's event in this unit of work; False for Slack's retry of one handled."""
    return claim_event(uow, team_id=reaction.team_id, event_id=reaction.event_id, now=now)
