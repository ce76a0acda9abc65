"""``app_uninstalled`` and ``tokens_revoked``: stop everything for the workspace and delete
its data (in either order, however often they come)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext

from bot.core.listeners.dependencies import Dependencies, dependencies_of
from bot.core.listeners.workspace import ACTOR_KEY, Actor
from bot.lifecycle.service import uninstall_workspace

logger = logging.getLogger(__name__)


def handle_app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
    """Kindling was removed from the workspace."""
    dependencies = dependencies_of(context)
    teams = _revoked_teams(dependencies, body, context)  # before the installs are forgotten
    if dependencies.revocations is not None:  # Bolt's own listener: forget the installation
        for each in _per_workspace(context, teams):
            dependencies.revocations.handle_app_uninstalled_events(each)
    _uninstall(dependencies, teams)


def handle_tokens_revoked(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Tokens were revoked; without its bot token Kindling can do nothing there."""
    dependencies = dependencies_of(context)
    teams = _revoked_teams(dependencies, body, context)  # before the installs are forgotten
    bot_revoked = bool(event.get("tokens", {}).get("bot"))
    if dependencies.revocations is not None:
        for each in _per_workspace(context, teams):
            dependencies.revocations.handle_tokens_revoked_events(event, each)
            if bot_revoked:  # an install without its bot token is of no use: forget it whole
                dependencies.revocations.handle_app_uninstalled_events(each)
    if bot_revoked:
        _uninstall(dependencies, teams)


def _per_workspace(context: BoltContext, teams: tuple[str, ...]) -> list[BoltContext]:
    """The context for Bolt's revocation listeners: as it came, or (an organisation-wide
    revocation names no workspace) one naming each installed workspace of the organisation."""
    if context.team_id is not None:
        return [context]
    return [BoltContext(enterprise_id=context.enterprise_id, team_id=team) for team in teams]


def _revoked_teams(
    dependencies: Dependencies, body: dict[str, Any], context: BoltContext
) -> tuple[str, ...]:
    """The workspace the event names, or (an organisation-wide revocation in Enterprise
    Grid, with no ``team_id``) every workspace of the organisation Kindling is installed in."""
    actor = context.get(ACTOR_KEY)
    if isinstance(actor, Actor):
        return (actor.team_id,)
    enterprise_id = context.enterprise_id or body.get("enterprise_id")
    if not isinstance(enterprise_id, str):
        logger.warning("A revocation named no workspace or organisation; nothing to delete")
        return ()
    return dependencies.teams_in_enterprise(enterprise_id)


def _uninstall(dependencies: Dependencies, team_ids: tuple[str, ...]) -> None:
    with dependencies.unit_of_work() as uow:
        for team_id in team_ids:
            uninstall_workspace(
                uow, team_id, now=dependencies.clock.now(), grace=dependencies.uninstall_grace
            )
