"""The transaction boundary: one unit of work per Slack request and per job."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any, Self, TypeVar, cast

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, sessionmaker

from bot.core.events.repository import ProcessedEventRepository
from bot.core.outbox.repository import OutboxRepository
from bot.core.store.maintenance import MaintenanceRepository
from bot.core.store.workspaces import WorkspaceRepository

R = TypeVar("R")


class UnitOfWork:
    """A session with the core repositories; commits on a clean exit, rolls back on an exception.

    Features reach their own repositories with :meth:`repository`: the core knows no feature.
    A unit of work that must wait on something slow (Slack) before it writes anything can
    :meth:`step_aside` meanwhile.
    """

    workspaces: WorkspaceRepository
    processed_events: ProcessedEventRepository
    outbox: OutboxRepository
    maintenance: MaintenanceRepository

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        serialize: threading.RLock | None = None,
        outbox_committed: Callable[[], None] | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._serialize = serialize
        self._outbox_committed = outbox_committed
        self._session: Session | None = None
        self._written = False
        self._repositories: dict[Callable[[Session], Any], Any] = {}

    def __enter__(self) -> Self:
        if self._serialize is not None:
            self._serialize.acquire()
        session = self._session_factory()
        session.info[_UNIT_OF_WORK] = self
        self._session = session
        self._written = False
        self._repositories = {}
        self.workspaces = WorkspaceRepository(session)
        self.processed_events = ProcessedEventRepository(session)
        self.outbox = OutboxRepository(session)
        self.maintenance = MaintenanceRepository(session)
        return self

    def repository(self, kind: Callable[[Session], R]) -> R:
        """The feature repository ``kind`` over this unit of work's session (one per session)."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        found = self._repositories.get(kind)
        if found is None:
            found = self._repositories[kind] = kind(self._session)
        return cast(R, found)

    @contextmanager
    def step_aside(self) -> Iterator[None]:
        """Let other units of work take their turn while this one waits on something slow.

        Only before anything is written: on SQLite no write lock is held until the first
        write, and the in-process turn is handed back after the wait. On PostgreSQL the
        transaction stays open (its reads hold no row locks) and nothing changes.
        """
        if self._written:
            raise RuntimeError("step aside only before writing: the write lock would be held")
        if self._serialize is None:
            yield
            return
        self._serialize.release()
        try:
            yield
        finally:
            self._serialize.acquire()

    def note_write(self) -> None:
        """Something was written in this unit of work (its session's listeners say so)."""
        self._written = True

    def savepoint(self) -> AbstractContextManager[SessionTransaction]:
        """A nested transaction: what fails inside it is undone, the rest stays."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session.begin_nested()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._session
        if session is None:
            return
        try:
            if exc_type is None:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
            self._session = None
            if self._serialize is not None:
                self._serialize.release()
        if exc_type is None and self.outbox.wrote and self._outbox_committed is not None:
            self._outbox_committed()  # wake the dispatcher: new messages are there to send


_UNIT_OF_WORK = "kindling.unit_of_work"  # the key of a session's unit of work in its info


def _watch_writes(session_factory: sessionmaker[Session]) -> None:
    """Listen, once per session factory, for writes in its sessions (listening on each new
    session instead cost about 0.1 ms of every request)."""
    if not event.contains(session_factory, "after_flush", _note_flush):
        event.listen(session_factory, "after_flush", _note_flush)
        event.listen(session_factory, "do_orm_execute", _note_statement)


def _note_flush(session: Session, _context: object) -> None:
    unit = session.info.get(_UNIT_OF_WORK)
    if unit is not None:
        unit.note_write()


def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        unit = state.session.info.get(_UNIT_OF_WORK)
        if unit is not None:
            unit.note_write()


class UnitOfWorkFactory:
    """Makes a fresh :class:`UnitOfWork` for each boundary.

    On SQLite (one writer at a time, one process) units of work take turns through an
    in-process lock: short queueing instead of SQLite's busy-wait sleeps of up to 100 ms.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        _watch_writes(session_factory)
        self._session_factory = session_factory
        self._outbox_committed: Callable[[], None] | None = None
        bind = session_factory.kw.get("bind")
        is_sqlite = bind is not None and bind.dialect.name == "sqlite"
        self._serialize = threading.RLock() if is_sqlite else None

    def when_outbox_committed(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after each commit that wrote outbox rows (the dispatcher's bell)."""
        self._outbox_committed = callback

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(
            self._session_factory,
            serialize=self._serialize,
            outbox_committed=self._outbox_committed,
        )
