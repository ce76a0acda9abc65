"""Queries on how far each channel's ``/checkin team`` got (asked, counted, confirmed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.checkins.models import CheckinChannel
from bot.checkins.values import ChannelEnrolment
from bot.core.store.upsert import insert_for

_ASKED = (ChannelEnrolment.PROPOSED, ChannelEnrolment.AWAITING)


class ChannelEnrolmentRepository:
    """A channel's enrolment from the request to the confirmation, and its end."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def propose(
        self, team_id: str, channel_id: str, *, by: str, response_url: str | None, now: datetime
    ) -> None:
        """Ask for the channel (again: who may ask, and who would come, are checked anew)."""
        values = {
            "enrolled_by": by,
            "created_at": now,
            "members_enrolled_at": None,
            "status": ChannelEnrolment.PROPOSED,
            "response_url": response_url,
            "invitees": None,
        }
        statement = (
            insert_for(self._session, CheckinChannel)
            .values(team_id=team_id, channel_id=channel_id, **values)
            .on_conflict_do_update(
                index_elements=[CheckinChannel.team_id, CheckinChannel.channel_id], set_=values
            )
        )
        self._session.execute(statement)

    def proposed(self, limit: int = 20) -> list[CheckinChannel]:
        """Channels asked for whose asker and people are still to be checked."""
        return list(
            self._session.scalars(
                select(CheckinChannel)
                .where(CheckinChannel.status == ChannelEnrolment.PROPOSED)
                .order_by(CheckinChannel.created_at)
                .limit(limit)
            )
        )

    def awaiting(self, team_id: str, channel_id: str, *, invitees: int) -> None:
        """The asker was shown ``invitees``: the channel waits for their confirmation."""
        self._set(team_id, channel_id, ChannelEnrolment.PROPOSED, ChannelEnrolment.AWAITING)
        self._session.execute(
            update(CheckinChannel)
            .where(CheckinChannel.team_id == team_id, CheckinChannel.channel_id == channel_id)
            .values(invitees=invitees)
        )

    def confirm(self, team_id: str, channel_id: str, *, by: str) -> CheckinChannel | None:
        """The asker confirmed: the channel invites (None if it was not theirs to confirm)."""
        channel = self._session.get(CheckinChannel, (team_id, channel_id))
        if channel is None or channel.status != ChannelEnrolment.AWAITING:
            return None
        if channel.enrolled_by != by:
            return None
        channel.status, channel.members_enrolled_at = ChannelEnrolment.INVITES, None
        return channel

    def withdraw(self, team_id: str, channel_id: str, *, by: str | None = None) -> bool:
        """Forget a request not confirmed (by its asker, when ``by`` is given)."""
        statement = delete(CheckinChannel).where(
            CheckinChannel.team_id == team_id,
            CheckinChannel.channel_id == channel_id,
            CheckinChannel.status.in_(_ASKED),
        )
        if by is not None:
            statement = statement.where(CheckinChannel.enrolled_by == by)
        result = self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]  # DML results carry rowcount

    def stop(self, team_id: str, channel_id: str) -> bool:
        """Stop inviting the channel's newcomers; False if it was not inviting."""
        return self._set(team_id, channel_id, ChannelEnrolment.INVITES, ChannelEnrolment.STOPPED)

    def _set(
        self, team_id: str, channel_id: str, was: ChannelEnrolment, now: ChannelEnrolment
    ) -> bool:
        result = self._session.execute(
            update(CheckinChannel)
            .where(
                CheckinChannel.team_id == team_id,
                CheckinChannel.channel_id == channel_id,
                CheckinChannel.status == was,
            )
            .values(status=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]  # DML results carry rowcount
