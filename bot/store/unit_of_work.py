"""The transaction boundary: one unit of work per Slack request and per job."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from bot.store.repositories import MemberRepository, ProcessedEventRepository, WorkspaceRepository
from bot.store.repositories.breaks import BreakRepository
from bot.store.repositories.checkin_claims import CheckinClaimRepository
from bot.store.repositories.checkins import CheckinAnswerRepository, CheckinScheduleRepository
from bot.store.repositories.kudos import KudosRepository
from bot.store.repositories.lifecycle import LifecycleRepository
from bot.store.repositories.maintenance import MaintenanceRepository
from bot.store.repositories.outbox import OutboxRepository
from bot.store.repositories.personal_data import PersonalDataRepository
from bot.store.repositories.recaps import RecapRepository
from bot.store.repositories.wins import WinRepository


class UnitOfWork:
    """A session with its repositories; commits on a clean exit, rolls back on an exception."""

    workspaces: WorkspaceRepository
    members: MemberRepository
    processed_events: ProcessedEventRepository
    kudos: KudosRepository
    checkin_schedules: CheckinScheduleRepository
    checkins: CheckinAnswerRepository
    checkin_claims: CheckinClaimRepository
    breaks: BreakRepository
    wins: WinRepository
    recaps: RecapRepository
    personal_data: PersonalDataRepository
    lifecycle: LifecycleRepository
    outbox: OutboxRepository
    maintenance: MaintenanceRepository

    def __init__(
        self, session_factory: sessionmaker[Session], *, serialize: threading.RLock | None = None
    ) -> None:
        self._session_factory = session_factory
        self._serialize = serialize
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._serialize is not None:
            self._serialize.acquire()
        session = self._session_factory()
        self._session = session
        self.workspaces = WorkspaceRepository(session)
        self.members = MemberRepository(session)
        self.processed_events = ProcessedEventRepository(session)
        self.kudos = KudosRepository(session)
        self.checkin_schedules = CheckinScheduleRepository(session)
        self.checkins = CheckinAnswerRepository(session)
        self.checkin_claims = CheckinClaimRepository(session)
        self.breaks = BreakRepository(session)
        self.wins = WinRepository(session)
        self.recaps = RecapRepository(session)
        self.personal_data = PersonalDataRepository(session)
        self.lifecycle = LifecycleRepository(session)
        self.outbox = OutboxRepository(session)
        self.maintenance = MaintenanceRepository(session)
        return self

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


class UnitOfWorkFactory:
    """Makes a fresh :class:`UnitOfWork` for each boundary.

    On SQLite (one writer at a time, one process) units of work take turns through an
    in-process lock: short queueing instead of SQLite's busy-wait sleeps of up to 100 ms.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        bind = session_factory.kw.get("bind")
        is_sqlite = bind is not None and bind.dialect.name == "sqlite"
        self._serialize = threading.RLock() if is_sqlite else None

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._session_factory, serialize=self._serialize)
