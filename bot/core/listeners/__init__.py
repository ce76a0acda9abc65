"""Middleware every request passes through, and what listeners share."""

from __future__ import annotations

from slack_bolt import App

from bot.core.listeners.dependencies import Dependencies, provide_dependencies
from bot.core.listeners.direct import DirectMiddleware
from bot.core.listeners.errors import handle_error
from bot.core.listeners.event_retries import skip_event_retries
from bot.core.listeners.notices import acknowledge_rate_limit_notice
from bot.core.listeners.workspace import resolve_actor


def register_middleware(app: App, dependencies: Dependencies) -> None:
    """Wire every middleware and the error handler onto ``app``, in the order they must run."""
    for middleware in (
        provide_dependencies(dependencies),
        acknowledge_rate_limit_notice,
        resolve_actor,
        skip_event_retries,
    ):
        app.use(DirectMiddleware(middleware))
    app.error(handle_error)
