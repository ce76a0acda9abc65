"""Queries on check-in schedules, enrolled channels and check-in answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.checkins.models import Checkin, CheckinChannel, CheckinChannelMember, CheckinSchedule
from bot.checkins.values import ChannelEnrolment, PulseFigures
from bot.core.store.base import Base
from bot.core.store.upsert import insert_for

_SCHEDULES = Base.metadata.tables[CheckinSchedule.__tablename__]


class CheckinScheduleRepository:
    """Who takes part in the check-in, when, and which channels enrol their members."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, team_id: str, user_id: str) -> CheckinSchedule | None:
        return self._session.get(CheckinSchedule, (team_id, user_id))

    def add(self, schedule: CheckinSchedule) -> None:
        self._session.add(schedule)

    def add_if_absent(self, values: dict[str, Any]) -> bool:
        """Insert a schedule unless the member has one (any status); True if inserted."""
        statement = (
            insert_for(self._session, CheckinSchedule)
            .values(**values)
            .on_conflict_do_nothing(
                index_elements=[CheckinSchedule.team_id, CheckinSchedule.user_id]
            )
            .returning(CheckinSchedule.user_id)
        )
        return self._session.execute(statement).first() is not None

    def stop(self, team_id: str, user_id: str, *, reason: str) -> None:
        """Schedule nothing more for a member Slack says cannot be reached."""
        self._session.execute(
            update(CheckinSchedule)
            .where(CheckinSchedule.team_id == team_id, CheckinSchedule.user_id == user_id)
            .values(next_due_utc=None, next_local_date=None, stopped_reason=reason)
        )

    # -- channels enrolled with /checkin team ------------------------------------------------

    def channel(self, team_id: str, channel_id: str) -> CheckinChannel | None:
        return self._session.get(CheckinChannel, (team_id, channel_id))

    def channels_to_enrol(self, limit: int = 20) -> list[CheckinChannel]:
        """Confirmed channels whose members have not been invited yet."""
        return list(
            self._session.scalars(
                select(CheckinChannel)
                .where(
                    CheckinChannel.members_enrolled_at.is_(None),
                    CheckinChannel.status == ChannelEnrolment.INVITES,
                )
                .order_by(CheckinChannel.created_at)
                .limit(limit)
            )
        )

    def forget_channel_member(self, team_id: str, channel_id: str, user_id: str) -> None:
        """Someone left an enrolled channel."""
        self._session.execute(
            delete(CheckinChannelMember).where(
                CheckinChannelMember.team_id == team_id,
                CheckinChannelMember.channel_id == channel_id,
                CheckinChannelMember.user_id == user_id,
            )
        )

    def remember_channel_members(
        self, team_id: str, channel_id: str, user_ids: Sequence[str]
    ) -> None:
        """Note who is in an enrolled channel (its team pulse counts them)."""
        if not user_ids:
            return
        statement = insert_for(self._session, CheckinChannelMember).on_conflict_do_nothing(
            index_elements=[
                CheckinChannelMember.team_id,
                CheckinChannelMember.channel_id,
                CheckinChannelMember.user_id,
            ]
        )
        self._session.execute(
            statement,
            [{"team_id": team_id, "channel_id": channel_id, "user_id": u} for u in user_ids],
        )

    def mark_channel_enrolled(self, team_id: str, channel_id: str, *, now: datetime) -> None:
        self._session.execute(
            update(CheckinChannel)
            .where(CheckinChannel.team_id == team_id, CheckinChannel.channel_id == channel_id)
            .values(members_enrolled_at=now)
        )


class CheckinAnswerRepository:
    """Members' answers, one row per member and local day."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def pulse(self, team_id: str, channel_id: str, *, since: date) -> PulseFigures:
        """Distinct people who answered since ``since`` among the channel's members, their
        average energy and how often each need was named (notes are never read)."""
        members = select(CheckinChannelMember.user_id).where(
            CheckinChannelMember.team_id == team_id, CheckinChannelMember.channel_id == channel_id
        )
        answered = (
            Checkin.team_id == team_id,
            Checkin.local_date >= since,
            Checkin.user_id.in_(members),
        )
        respondents, average = self._session.execute(
            select(func.count(func.distinct(Checkin.user_id)), func.avg(Checkin.energy)).where(
                *answered, Checkin.energy.is_not(None)
            )
        ).one()
        needs = self._session.execute(
            select(Checkin.need, func.count())
            .where(*answered, Checkin.need.is_not(None))
            .group_by(Checkin.need)
        )
        return PulseFigures(
            respondents=int(respondents or 0),
            average_energy=float(average) if average is not None else None,
            needs={str(need): int(n) for need, n in needs},
        )

    def energies_since(self, team_id: str, user_id: str, since: date) -> list[tuple[date, int]]:
        """``(local date, energy)`` of the member's answers since ``since``, oldest first."""
        rows = self._session.execute(
            select(Checkin.local_date, Checkin.energy)
            .where(
                Checkin.team_id == team_id,
                Checkin.user_id == user_id,
                Checkin.local_date >= since,
                Checkin.energy.is_not(None),
            )
            .order_by(Checkin.local_date)
        )
        return [(day, energy) for day, energy in rows if energy is not None]

    def recent_energies(self, team_id: str, user_id: str, *, count: int) -> list[int]:
        """The member's last ``count`` energy answers, newest first."""
        return [
            energy
            for energy in self._session.scalars(
                select(Checkin.energy)
                .where(
                    Checkin.team_id == team_id,
                    Checkin.user_id == user_id,
                    Checkin.energy.is_not(None),
                )
                .order_by(Checkin.local_date.desc())
                .limit(count)
            )
            if energy is not None
        ]

    def get(self, team_id: str, user_id: str, local_date: date) -> Checkin | None:
        return self._session.scalars(
            select(Checkin).where(
                Checkin.team_id == team_id,
                Checkin.user_id == user_id,
                Checkin.local_date == local_date,
            )
        ).first()

    def record(
        self, team_id: str, user_id: str, local_date: date, *, now: datetime, **answer: Any
    ) -> Checkin:
        """Set parts of the day's answer (energy, need, note, skipped); one row per day,
        however often it changes."""
        statement = (
            insert_for(self._session, Checkin)
            .values(
                team_id=team_id,
                user_id=user_id,
                local_date=local_date,
                created_at=now,
                updated_at=now,
                **answer,
            )
            .on_conflict_do_update(
                index_elements=[Checkin.team_id, Checkin.user_id, Checkin.local_date],
                set_={"updated_at": now, **answer},
            )
            .returning(Checkin)
        )
        return self._session.scalars(statement, execution_options={"populate_existing": True}).one()
