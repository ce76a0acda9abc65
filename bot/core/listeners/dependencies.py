"""What listeners need from the composition root, handed over through Bolt's context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from slack_bolt import BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.core.clock import Clock
from bot.core.store.unit_of_work import UnitOfWorkFactory

CONTEXT_KEY = "kindling"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Dependencies:
    """Shared by every request: the clock, units of work (whose commits wake the outbox), how an
    uninstall is handled (Bolt's revocation listeners, with OAuth installs, how long data
    outlives the install, and which installed workspaces an Enterprise Grid organisation
    has), and the long-lived objects features made for themselves (``services``, found by
    their type with :meth:`service`, so the core names no feature)."""

    clock: Clock
    unit_of_work: UnitOfWorkFactory
    uninstall_grace: timedelta = timedelta(0)
    revocations: TokenRevocationListeners | None = None
    teams_in_enterprise: Callable[[str], tuple[str, ...]] = lambda _enterprise_id: ()
    services: tuple[object, ...] = ()

    def service(self, kind: type[T]) -> T:
        """The one object of type ``kind`` the composition root handed over."""
        for found in self.services:
            if isinstance(found, kind):
                return found
        raise LookupError(f"no {kind.__name__} was provided to the listeners")


def provide_dependencies(
    dependencies: Dependencies,
) -> Callable[[BoltContext, Callable[[], None]], None]:
    """A global middleware that puts ``dependencies`` in every request's context."""

    def put_in_context(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002  # Bolt injects by name
        context[CONTEXT_KEY] = dependencies
        next()

    return put_in_context


def dependencies_of(context: BoltContext) -> Dependencies:
    """The dependencies :func:`provide_dependencies` stored for this request."""
    found = context.get(CONTEXT_KEY)
    if not isinstance(found, Dependencies):
        raise RuntimeError("provide_dependencies must be the first middleware")
    return found
