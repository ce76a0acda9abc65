"""One drain pass's view of what must wait: workspaces held by their rate or a 429, or
delivered by another process, channels held by their pace, and lanes with a message in
flight."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.values import DueMessage


@dataclass
class DrainPass:
    """What a pass leaves out, and whether something was held back (so the dispatcher comes
    back when the limiter lets it out)."""

    waiting_teams: set[str]
    waiting_channels: set[tuple[str, str | None]] = field(default_factory=set)
    busy_lanes: set[tuple[str, str]] = field(default_factory=set)
    elsewhere: set[str] = field(default_factory=set)  # another process holds their lease
    held_back: bool = False

    def held_elsewhere(self, teams: Collection[str]) -> None:
        """Leave out workspaces another process delivers; look again on a later pass."""
        if teams:
            self.elsewhere.update(teams)
            self.held_back = True

    def sendable(
        self, due: Sequence[DueMessage], limiter: RateLimiter, now: datetime, *, room: int
    ) -> Iterator[DueMessage]:
        """Up to ``room`` of ``due`` that may go now, each counted by the limiter (and its lane
        marked busy) as it is handed out: a later message sees the earlier ones."""
        for message in due:
            if room <= 0:
                return
            if message.lane_key in self.busy_lanes:
                continue
            if message.team_id in self.waiting_teams or message.team_id in self.elsewhere:
                continue
            if limiter.workspace_wait(message.team_id, now) > timedelta(0):
                self.waiting_teams.add(message.team_id)
            elif limiter.channel_wait(message.team_id, message.channel, now) > timedelta(0):
                self.waiting_channels.add((message.team_id, message.channel))
            else:
                if message.channel is not None:  # a new post: Slack's posting limits count it
                    limiter.record(message.team_id, message.channel, now)
                self.busy_lanes.add(message.lane_key)
                room -= 1
                yield message
                continue
            self.held_back = True

    def reopen(self, limiter: RateLimiter, now: datetime) -> None:
        """Let back in the workspaces the limiter no longer holds (a refund, time passing)."""
        self.waiting_teams = {
            team for team in self.waiting_teams if limiter.workspace_wait(team, now) > timedelta(0)
        }

    def still_waiting(self) -> set[str]:
        """Workspaces with messages this pass held back for their rate or a channel's pace."""
        return self.waiting_teams | {team for team, _ in self.waiting_channels}

    def left_out(self) -> tuple[int, int]:
        """How much the pass leaves out of its reads (it only grows within a hand-out)."""
        return (len(self.waiting_teams) + len(self.elsewhere), len(self.waiting_channels))
