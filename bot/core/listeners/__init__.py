"""Middleware every request passes through, and what listeners share."""

from __future__ import annotations

from slack_bolt import App

from bot.core.listeners.dependencies import Dependencies, provide_dependencies
from bot.core.listeners.errors import handle_error
from bot.core.listeners.event_retries import skip_event_retries
from bot.core.listeners.notices import acknowledge_rate_limit_notice
from bot.core.listeners.workspace import resolve_actor


def register_middleware(app: App, dependencies: Dependencies) -> None:
    """Wire every middleware and the error handler onto ``app``, in the order they must run."""
    app.use(provide_dependencies(dependencies))
    app.use(acknowledge_rate_limit_notice)
    app.use(resolve_actor)
    app.use(skip_event_retries)
    app.error(handle_error)
