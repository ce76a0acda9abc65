"""Small wins: noted privately with ``/win``, shared in the channel once if the member likes,
and read for the Home and the weekly recap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.store.unit_of_work import UnitOfWork
from bot.home.service import refresh_home
from bot.kudos.text import defuse_mass_mentions
from bot.wins.messages import (
    WIN_KEPT,
    WIN_SHARE_DONE,
    WIN_SHARED,
    KeptPayload,
    ShareDonePayload,
    SharedPayload,
)
from bot.wins.models import Win
from bot.wins.repository import WinRepository

MAX_WIN_LENGTH = 500


@dataclass(frozen=True, slots=True)
class WinRecorded:
    win_id: int
    text: str
    can_share: bool


@dataclass(frozen=True, slots=True)
class WinRefused:
    """``key`` names the phrase under ``wins.problems``."""

    key: str


def record_win(  # noqa: PLR0913  # keyword-only: the win and where it was typed
    uow: UnitOfWork,
    *,
    team_id: str,
    user_id: str,
    text: str,
    channel_id: str | None,
    can_post_in_channel: bool,
    now: datetime,
) -> WinRecorded | WinRefused:
    """Note a win for the member alone (self-kudos welcome)."""
    cleaned = text.strip()
    if not cleaned:
        return WinRefused("empty")
    if len(cleaned) > MAX_WIN_LENGTH:
        return WinRefused("too_long")
    safe = defuse_mass_mentions(cleaned)  # Slack escaped the rest; shared, it pings nobody
    uow.workspaces.ensure(team_id, now=now)
    win_id = uow.repository(WinRepository).add(
        team_id=team_id,
        user_id=user_id,
        text=safe,
        channel_id=channel_id if can_post_in_channel else None,
        now=now,
    )
    refresh_home(uow, team_id, user_id, now=now)
    return WinRecorded(win_id, safe, can_share=can_post_in_channel)


@dataclass(frozen=True, slots=True)
class SelfKudos:
    """A kudos someone wrote to themselves, and the press that keeps it as a win."""

    team_id: str
    user_id: str
    text: str
    channel_id: str | None
    can_post_in_channel: bool
    response_url: str | None
    action_ts: str


def keep_as_win(uow: UnitOfWork, kudos: SelfKudos, *, now: datetime) -> bool:
    """Keep a kudos to oneself as a small win, and answer in place of the refusal."""
    outcome = record_win(
        uow,
        team_id=kudos.team_id,
        user_id=kudos.user_id,
        text=kudos.text,
        channel_id=kudos.channel_id,
        can_post_in_channel=kudos.can_post_in_channel,
        now=now,
    )
    if kudos.response_url:
        if isinstance(outcome, WinRefused):
            kept = KeptPayload(response_url=kudos.response_url, problem=outcome.key)
        else:
            kept = KeptPayload(
                response_url=kudos.response_url,
                win_id=outcome.win_id,
                text=outcome.text,
                can_share=outcome.can_share,
            )
        message = WIN_KEPT.message(
            kept,
            team_id=kudos.team_id,
            channel=None,
            user_id=kudos.user_id,
            action_ts=kudos.action_ts,
        )
        uow.outbox.add(message, now=now)
    return isinstance(outcome, WinRecorded)


def share_win(  # noqa: PLR0913  # keyword-only: the win and where to confirm
    uow: UnitOfWork,
    *,
    team_id: str,
    user_id: str,
    win_id: int,
    response_url: str | None,
    now: datetime,
) -> bool:
    """Post the win in its channel, once, and only for its owner."""
    win = uow.repository(WinRepository).get(team_id, win_id)
    if win is None or win.user_id != user_id or win.channel_id is None:
        return False
    if not uow.repository(WinRepository).mark_shared(win.id, now=now):
        return False
    shared = SharedPayload(user_id=user_id, text=win.text)
    uow.outbox.add(
        WIN_SHARED.message(shared, team_id=team_id, channel=win.channel_id, win_id=win.id),
        now=now,
    )
    if response_url:
        done = ShareDonePayload(response_url=response_url, channel_id=win.channel_id)
        uow.outbox.add(
            WIN_SHARE_DONE.message(done, team_id=team_id, channel=None, win_id=win.id),
            now=now,
        )
    return True


def win_count(uow: UnitOfWork, team_id: str, user_id: str) -> int:
    """How many wins the member noted, in all."""
    return uow.repository(WinRepository).count(team_id, user_id)


def recent_wins(uow: UnitOfWork, team_id: str, user_id: str, *, limit: int) -> list[Win]:
    """The member's newest ``limit`` wins, newest first."""
    return uow.repository(WinRepository).recent(team_id, user_id, limit=limit)
