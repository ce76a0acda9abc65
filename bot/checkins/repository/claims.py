"""The check-in claim, set-based: one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING
RETURNING`` for every due check-in, then one batched ``UPDATE`` per group of schedules whose
next check-in is computed the same way (zone, time, days, pause, due time)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    literal,
    not_,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from bot.checkins.models import CheckinSchedule
from bot.checkins.repository.payload_sql import key_expression, payload_object
from bot.checkins.values import CheckinStatus
from bot.core.outbox.messages import MessageKind
from bot.core.outbox.values import OutboxStatus
from bot.core.store.base import Base
from bot.core.store.models import OutboxMessage, Workspace
from bot.core.store.upsert import insert_for
from bot.members.models import Member

_OUTBOX = Base.metadata.tables[OutboxMessage.__tablename__]
_WHEN = OutboxMessage.__table__.c.not_before.type
_SCHEDULES = Base.metadata.tables[CheckinSchedule.__tablename__]
# The outbox columns a claim fills, in the order of its SELECT.
_CLAIMED_COLUMNS = (
    "team_id",
    "idempotency_key",
    "kind",
    "method",
    "channel",
    "payload",
    "status",
    "attempts",
    "not_before",
    "created_at",
)

# Moves one group of due schedules on; rows someone moved meanwhile are left alone.
_ADVANCE = (
    update(_SCHEDULES)
    .where(
        _SCHEDULES.c.status == CheckinStatus.ON,
        _SCHEDULES.c.next_due_utc == bindparam("b_due"),
        _SCHEDULES.c.tz == bindparam("b_tz"),
        _SCHEDULES.c.local_minute == bindparam("b_minute"),
        _SCHEDULES.c.workdays == bindparam("b_workdays"),
        _SCHEDULES.c.resume_on.is_not_distinct_from(bindparam("b_resume_on")),
    )
    .values(next_due_utc=bindparam("b_next_due"), next_local_date=bindparam("b_next_date"))
)


@dataclass(frozen=True, slots=True)
class DueGroup:
    """Due schedules whose next check-in is the same computation."""

    tz: str
    local_minute: int
    workdays: int
    resume_on: date | None
    due_utc: datetime


@dataclass(frozen=True, slots=True)
class GroupMove:
    group: DueGroup
    next_due: datetime | None
    next_date: date | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """What one claim inserted: check-ins to send, and those recorded too late."""

    pending: int
    skipped_late: int


class HolidayCandidate(NamedTuple):
    """A due check-in whose day may be its member's public holiday."""

    team_id: str
    user_id: str
    tz: str
    chosen_country: str | None  # the member's own choice
    workspace_country: str | None
    local_date: date


class CheckinClaimRepository:
    """Claims due check-ins for everyone at once; any number of processes may run it."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def due_holiday_candidates(self, now: datetime) -> list[HolidayCandidate]:
        """Due check-ins of people who may keep a holiday: their workspace keeps holidays, or
        they chose a country (nobody does, in most deployments: two cheap reads then)."""
        keeps = select(Workspace.team_id).where(Workspace.holiday_country.is_not(None)).limit(1)
        chose = select(Member.user_id).where(Member.holiday_country.is_not(None)).limit(1)
        if self._session.execute(keeps).first() is None and (
            self._session.execute(chose).first() is None
        ):
            return []
        s = CheckinSchedule
        rows = self._session.execute(
            select(
                s.team_id,
                s.user_id,
                s.tz,
                Member.holiday_country,
                Workspace.holiday_country,
                s.next_local_date,
            )
            .join(Workspace, Workspace.team_id == s.team_id)
            .outerjoin(Member, (Member.team_id == s.team_id) & (Member.user_id == s.user_id))
            .where(
                _due(now),
                or_(Workspace.holiday_country.is_not(None), Member.holiday_country.is_not(None)),
            )
        )
        return [
            HolidayCandidate(team, user, tz, chosen, workspace, day)
            for team, user, tz, chosen, workspace, day in rows
            if day is not None
        ]

    def claim_due(
        self,
        now: datetime,
        *,
        kind: MessageKind[Any],
        late_before: datetime,
        late_minutes: int,
        on_holiday: Collection[tuple[str, str]] = (),
    ) -> Claimed:
        """Insert every due check-in's outbox row of ``kind`` (its payload and key built in
        SQL from the schedule) in one statement, leaving keys another process inserted first;
        one due before ``late_before`` is inserted as ``skipped_late``. None for the
        ``(team, user)`` pairs ``on_holiday``."""
        rows = _due_rows(
            kind,
            now,
            late_before=late_before,
            late_minutes=late_minutes,
            on_holiday=on_holiday,
            dialect=self._session.get_bind().dialect.name,
        )
        statement = (
            insert_for(self._session, _OUTBOX)
            .from_select(list(_CLAIMED_COLUMNS), rows)
            .on_conflict_do_nothing(index_elements=["team_id", "idempotency_key"])
            .returning(_OUTBOX.c.status)
        )
        statuses = [row[0] for row in self._session.execute(statement)]
        late = statuses.count(OutboxStatus.SKIPPED_LATE)
        return Claimed(pending=len(statuses) - late, skipped_late=late)

    def due_groups(self, now: datetime) -> list[DueGroup]:
        s = CheckinSchedule
        rows = self._session.execute(
            select(s.tz, s.local_minute, s.workdays, s.resume_on, s.next_due_utc)
            .where(_due(now))
            .distinct()
        )
        return [
            DueGroup(tz, minute, workdays, resume_on, due)
            for tz, minute, workdays, resume_on, due in rows
            if due is not None  # always, for a due row
        ]

    def advance(self, moves: Sequence[GroupMove]) -> None:
        """Move every group on, in one batch (rows someone moved meanwhile match no group)."""
        if moves:
            self._session.execute(
                _ADVANCE,
                [
                    {
                        "b_due": move.group.due_utc,
                        "b_tz": move.group.tz,
                        "b_minute": move.group.local_minute,
                        "b_workdays": move.group.workdays,
                        "b_resume_on": move.group.resume_on,
                        "b_next_due": move.next_due,
                        "b_next_date": move.next_date,
                    }
                    for move in moves
                ],
            )


def _due_rows(  # noqa: PLR0913  # keyword-only: the claim's window and filters, bound into one statement
    kind: MessageKind[Any],
    now: datetime,
    *,
    late_before: datetime,
    late_minutes: int,
    on_holiday: Collection[tuple[str, str]],
    dialect: str,
) -> Select[Any]:
    """One row of :data:`_CLAIMED_COLUMNS` for each due check-in."""
    s, c = CheckinSchedule, _SCHEDULES.c
    fields: dict[str, ColumnElement[Any]] = {  # the payload's and the key's, in SQL
        "user_id": c.user_id,
        "local_date": cast(c.next_local_date, String),  # ISO 8601, as the payload has it
        "tz": c.tz,
        "local_minute": c.local_minute,
        "late_minutes": literal(late_minutes),
    }
    status = case(
        (
            s.next_due_utc < bindparam("late_before", late_before, type_=_WHEN),
            literal(OutboxStatus.SKIPPED_LATE, String),
        ),
        else_=literal(OutboxStatus.PENDING, String),
    )
    conditions = [_due(now), not_(_member_gone())]
    if on_holiday:
        conditions.append(tuple_(s.team_id, s.user_id).not_in(list(on_holiday)))
    rows = select(
        s.team_id,
        key_expression(kind, fields),
        literal(kind.name),
        literal(kind.method),
        s.user_id,
        payload_object(kind, fields, dialect=dialect),
        status,
        literal(0),
        s.next_due_utc,
        bindparam("created_at", now, type_=_WHEN),
    ).where(*conditions)
    if dialect == "postgresql":
        # The same order in every process: racing claims wait on each other, never
        # deadlock. (SQLite has one writer at a time; ordering there would make it walk
        # the whole table in primary-key order instead of the due index.)
        rows = rows.order_by(s.team_id, s.user_id)
    return rows


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(
        CheckinSchedule.status == CheckinStatus.ON,
        CheckinSchedule.next_due_utc <= bindparam("now", now, type_=_WHEN),
    )


def _member_gone() -> ColumnElement[bool]:
    return exists().where(
        Member.team_id == CheckinSchedule.team_id,
        Member.user_id == CheckinSchedule.user_id,
        or_(Member.deleted, Member.is_bot),
    )


def due_checkin_schedules(now: datetime) -> Select[Any]:
    """The due time of every schedule a claim at ``now`` takes, earliest first (through the
    ``(next_due_utc, tz)`` index however stale the planner's statistics)."""
    due = CheckinSchedule.next_due_utc
    return select(due).where(_due(now)).order_by(due)
