"""``app_uninstalled`` and ``tokens_revoked``: stop everything for the workspace and delete
its data (in either order, however often they come)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext

from bot.listeners.dependencies import Dependencies, dependencies_of
from bot.listeners.workspace import ACTOR_KEY, Actor
from bot.services.lifecycle import uninstall_workspace

logger = logging.getLogger(__name__)


def handle_app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
    """Kindling was removed from the workspace."""
    dependencies = dependencies_of(context)
    if dependencies.revocations is not None:  # Bolt's own listener: forget the installation
        dependencies.revocations.handle_app_uninstalled_events(context)
    _uninstall(dependencies, _revoked_teams(dependencies, body, context))


def handle_tokens_revoked(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Tokens were revoked; without its bot token Kindling can do nothing there."""
    dependencies = dependencies_of(context)
    teams = _revoked_teams(dependencies, body, context)  # before Bolt forgets the installs
    if dependencies.revocations is not None:
        dependencies.revocations.handle_tokens_revoked_events(event, context)
    if event.get("tokens", {}).get("bot"):
        _uninstall(dependencies, teams)


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
