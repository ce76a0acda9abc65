"""Middleware that settles, once per request, which installed workspace it acts for (every
listener and the event ledger read it from here: :func:`team_of`), and keeps people of another
organisation (Slack Connect guests) away from the listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.core.guests import tell_guest
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.responses import modal_error
from bot.core.phrases import phrase
from bot.core.slack.identity import installed_team_id, is_other_organisation
from bot.core.slack.ids import REVOCATION_EVENTS

logger = logging.getLogger(__name__)

ACTOR_KEY = "kindling_actor"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a request acts for: the installed workspace (its people's ids are the payload's)."""

    team_id: str


def resolve_actor(
    body: dict[str, Any],
    context: BoltContext,
    next: Callable[[], None],  # noqa: A002  # Bolt injects by name
) -> BoltResponse | None:
    """Put the :class:`Actor` in the context. A person of another organisation (Slack
    Connect) is answered kindly here and nothing of theirs reaches a listener."""
    authorized = context.authorize_result
    team_id = installed_team_id(
        authorized_team_id=authorized.team_id if authorized else None,
        context_team_id=context.team_id,
    )
    if team_id is None:
        if _event_type(body) in REVOCATION_EVENTS:  # resolved by their listeners
            next()
            return None
        logger.info("Ignored a request that names no installed workspace (%s)", body.get("type"))
        return BoltResponse(status=200, body="")
    enterprise_id = (authorized.enterprise_id if authorized else None) or None
    if is_other_organisation(body, team_id=team_id, enterprise_id=enterprise_id):
        return _answer_guest(body, context, team_id)
    context[ACTOR_KEY] = Actor(team_id=team_id)
    next()
    return None


def actor_of(context: BoltContext) -> Actor:
    """The :class:`Actor` that :func:`resolve_actor` settled for this request."""
    found = context.get(ACTOR_KEY)
    if not isinstance(found, Actor):
        raise RuntimeError("resolve_actor must run before the listeners")
    return found


def team_of(context: BoltContext) -> str:
    """The installed workspace this request acts for."""
    return actor_of(context).team_id


def installed_command(command: dict[str, Any], context: BoltContext) -> dict[str, Any]:
    """A slash command's fields with ``team_id`` the installed workspace it acts for."""
    return {**command, "team_id": team_of(context)}


def _answer_guest(body: dict[str, Any], context: BoltContext, team_id: str) -> BoltResponse:
    """A modal keeps its form and says why; a button or shortcut gets a private note through
    its ``response_url``; events about guests are acknowledged and left alone."""
    logger.info("A person of another organisation used Kindling in %s", team_id)
    if body.get("type") == "view_submission":
        return modal_error(body.get("view") or {}, phrase("guests.form"))
    response_url = body.get("response_url")
    interaction_id = body.get("trigger_id") or body.get("action_ts")
    if isinstance(response_url, str) and isinstance(interaction_id, str):
        dependencies = dependencies_of(context)
        with dependencies.unit_of_work() as uow:
            tell_guest(
                uow,
                team_id=team_id,
                response_url=response_url,
                interaction_id=interaction_id,
                now=dependencies.clock.now(),
            )
    return BoltResponse(status=200, body="")


def _event_type(body: dict[str, Any]) -> str | None:
    event = body.get("event")
    return event.get("type") if isinstance(event, dict) else None
