"""Queries on small wins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.wins.models import Win


class WinRepository:
    """Members' small wins (private to them unless shared)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, *, team_id: str, user_id: str, text: str, channel_id: str | None, now: datetime
    ) -> int:
        win = Win(
            team_id=team_id, user_id=user_id, text=text, channel_id=channel_id, created_at=now
        )
        self._session.add(win)
        self._session.flush()
        return win.id

    def get(self, team_id: str, win_id: int) -> Win | None:
        return self._session.scalars(
            select(Win).where(Win.team_id == team_id, Win.id == win_id)
        ).first()

    def recent(self, team_id: str, user_id: str, *, limit: int) -> list[Win]:
        """The member's newest wins."""
        return list(
            self._session.scalars(
                select(Win)
                .where(Win.team_id == team_id, Win.user_id == user_id)
                .order_by(Win.id.desc())
                .limit(limit)
            )
        )

    def count(self, team_id: str, user_id: str) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(Win)
                .where(Win.team_id == team_id, Win.user_id == user_id)
            )
            or 0
        )

    def mark_shared(self, win_id: int, *, now: datetime) -> bool:
        """True only the first time: a win is shared once."""
        result = self._session.execute(
            update(Win).where(Win.id == win_id, Win.shared_at.is_(None)).values(shared_at=now)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]  # DML results carry rowcount
