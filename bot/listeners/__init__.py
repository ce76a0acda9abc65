"""Thin Slack listeners: parse the payload, call a service, ack. One package per surface."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, shortcuts, views
from bot.listeners.dependencies import Dependencies, provide_dependencies
from bot.listeners.errors import handle_error
from bot.listeners.event_retries import skip_event_retries
from bot.listeners.notices import acknowledge_rate_limit_notice
from bot.listeners.workspace import resolve_actor


def register_all(app: App, dependencies: Dependencies) -> None:
    """Wire every middleware, listener and the error handler onto ``app``."""
    app.use(provide_dependencies(dependencies))
    app.use(acknowledge_rate_limit_notice)
    app.use(resolve_actor)
    app.use(skip_event_retries)
    app.error(handle_error)
    commands.register(app)
    events.register(app)
    actions.register(app)
    shortcuts.register(app)
    views.register(app)
