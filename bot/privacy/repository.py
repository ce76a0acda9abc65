"""Everything stored about one member, read for their export (their own rows only)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Text, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.breaks.models import BreakReminder, BreakSchedule, BreakTaken
from bot.checkins.models import Checkin, CheckinChannel, CheckinChannelMember, CheckinSchedule
from bot.checkins.values import ChannelEnrolment
from bot.core.store.models import OutboxMessage, Workspace
from bot.kudos.models import Kudos, KudosRecipient
from bot.members.models import Member
from bot.recaps.models import RecapSchedule
from bot.wins.models import Win


class PersonalDataRepository:
    """Reads a member's own check-ins, wins, breaks and break schedules."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def checkins(self, team_id: str, user_id: str) -> list[Checkin]:
        return list(
            self._session.scalars(
                select(Checkin)
                .where(Checkin.team_id == team_id, Checkin.user_id == user_id)
                .order_by(Checkin.local_date)
            )
        )

    def wins(self, team_id: str, user_id: str) -> list[Win]:
        return list(
            self._session.scalars(
                select(Win).where(Win.team_id == team_id, Win.user_id == user_id).order_by(Win.id)
            )
        )

    def breaks_taken(self, team_id: str, user_id: str) -> list[BreakTaken]:
        return list(
            self._session.scalars(
                select(BreakTaken)
                .where(BreakTaken.team_id == team_id, BreakTaken.user_id == user_id)
                .order_by(BreakTaken.created_at)
            )
        )

    def forget(self, team_id: str, user_id: str, *, former: str, former_name: str) -> None:
        """Delete everything about ``user_id`` (see :class:`Forgetting`)."""
        Forgetting(self._session, team_id, user_id, former).run(former_name=former_name)

    def break_schedules(self, team_id: str, user_id: str) -> list[BreakSchedule]:
        """Their personal reminders, and channels' reminders they set up."""
        return list(
            self._session.scalars(
                select(BreakSchedule)
                .where(
                    BreakSchedule.team_id == team_id,
                    or_(
                        BreakSchedule.set_up_by == user_id,
                        BreakSchedule.scope == f"member:{user_id}",
                    ),
                )
                .order_by(BreakSchedule.id)
            )
        )


class Forgetting:
    """Deletes one member's data everywhere and replaces their id where others' rows must
    stay (kudos they gave, a channel's reminders they set up) with ``former``."""

    def __init__(self, session: Session, team_id: str, user_id: str, former: str) -> None:
        self._session = session
        self._team_id = team_id
        self._user_id = user_id
        self._former = former

    def run(self, *, former_name: str) -> None:
        self._delete_theirs()
        self._replace_their_id()
        self._delete_their_messages()
        self._unmention_them(former_name)
        workspace = self._session.get(Workspace, self._team_id)
        user = self._user_id
        if workspace is not None and user in workspace.admin_user_ids.split(","):
            admins = [a for a in workspace.admin_user_ids.split(",") if a and a != user]
            workspace.admin_user_ids = ",".join(admins)

    def _delete_theirs(self) -> None:
        """Their own rows: check-ins, wins, breaks, schedules, enrolment, kudos received."""
        team, user = self._team_id, self._user_id
        execute = self._session.execute
        for model in (Checkin, Win, BreakTaken, CheckinSchedule, RecapSchedule, Member):
            execute(delete(model).where(model.team_id == team, model.user_id == user))
        execute(
            delete(CheckinChannelMember).where(
                CheckinChannelMember.team_id == team, CheckinChannelMember.user_id == user
            )
        )
        execute(
            delete(BreakSchedule).where(
                BreakSchedule.team_id == team, BreakSchedule.scope == f"member:{user}"
            )
        )
        execute(
            delete(KudosRecipient).where(
                KudosRecipient.team_id == team, KudosRecipient.recipient_id == user
            )
        )

    def _replace_their_id(self) -> None:
        """Others' rows that name them as giver, organiser or snoozer keep ``former``."""
        team, user, former = self._team_id, self._user_id, self._former
        execute = self._session.execute
        execute(
            update(Kudos)
            .where(Kudos.team_id == team, Kudos.giver_id == user)
            .values(giver_id=former)
        )
        execute(
            update(BreakSchedule)
            .where(BreakSchedule.team_id == team, BreakSchedule.set_up_by == user)
            .values(set_up_by=former)
        )
        execute(
            update(BreakReminder)
            .where(BreakReminder.team_id == team, BreakReminder.snoozed_by == user)
            .values(snoozed_by=None)
        )
        execute(  # a channel they asked for and never confirmed invites nobody, ever
            delete(CheckinChannel).where(
                CheckinChannel.team_id == team,
                CheckinChannel.enrolled_by == user,
                CheckinChannel.status.in_((ChannelEnrolment.PROPOSED, ChannelEnrolment.AWAITING)),
            )
        )
        execute(
            update(CheckinChannel)
            .where(CheckinChannel.team_id == team, CheckinChannel.enrolled_by == user)
            .values(enrolled_by=former)
        )

    def _delete_their_messages(self) -> None:
        """Outbox rows sent to them or naming them anywhere."""
        mentioned = f"%{self._user_id}%"
        self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.team_id == self._team_id,
                or_(
                    OutboxMessage.channel == self._user_id,
                    OutboxMessage.idempotency_key.like(mentioned),
                    cast(OutboxMessage.payload, Text).like(mentioned),
                ),
            )
        )

    def _unmention_them(self, former_name: str) -> None:
        """Others' words about them keep their meaning, not the id."""
        team, user = self._team_id, self._user_id
        texts: tuple[tuple[type[Kudos | Win | Checkin], Any], ...] = (
            (Kudos, Kudos.message),
            (Win, Win.text),
            (Checkin, Checkin.note),
        )
        for text_model, column in texts:
            rows = self._session.scalars(
                select(text_model).where(text_model.team_id == team, column.like(f"%{user}%"))
            )
            for row in rows:
                text = getattr(row, column.key)
                setattr(row, column.key, _unmention(text, user, former_name))


def _unmention(text: str, user_id: str, name: str) -> str:
    """``<@U123>`` and ``<@U123|bob>`` become ``name``; a bare id becomes ``name`` too."""
    text = re.sub(rf"<@{re.escape(user_id)}(\|[^>]*)?>", name, text)
    return text.replace(user_id, name)
