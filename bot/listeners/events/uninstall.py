"""``app_uninstalled`` and ``tokens_revoked``: stop everything for the workspace and delete
its data (in either order, however often they come)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from bot.listeners.dependencies import Dependencies, dependencies_of
from bot.services.lifecycle import uninstall_workspace


def handle_app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
    """Kindling was removed from the workspace."""
    dependencies = dependencies_of(context)
    if dependencies.revocations is not None:  # Bolt's own listener: forget the installation
        dependencies.revocations.handle_app_uninstalled_events(context)
    _uninstall(dependencies, context.team_id or body["team_id"])


def handle_tokens_revoked(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext
) -> None:
    """Tokens were revoked; without its bot token Kindling can do nothing there."""
    dependencies = dependencies_of(context)
    if dependencies.revocations is not None:
        dependencies.revocations.handle_tokens_revoked_events(event, context)
    if event.get("tokens", {}).get("bot"):
        _uninstall(dependencies, context.team_id or body["team_id"])


def _uninstall(dependencies: Dependencies, team_id: str) -> None:
    with dependencies.unit_of_work() as uow:
        uninstall_workspace(
            uow, team_id, now=dependencies.clock.now(), grace=dependencies.uninstall_grace
        )
