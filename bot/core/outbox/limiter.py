"""Slack's posting limits, per workspace: about one message a second per channel, a
workspace-wide rate (a token bucket: short bursts, then an even pace, and never more than a
second's worth of the rate in any one second), and a pause after a 429."""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PER_CHANNEL_INTERVAL = timedelta(seconds=1)
ONE_SECOND = timedelta(seconds=1)
MAX_BURST = 10


@dataclass
class _Workspace:
    tokens: float
    refilled_at: datetime | None = None
    last_in_channel: dict[str, datetime] = field(default_factory=dict)
    paused_until: datetime | None = None
    last_second: deque[datetime] = field(default_factory=deque)  # sends in the past second
    every_channel_at: datetime | None = None  # another process may have posted anywhere then


class RateLimiter:
    """One process's limiter; a delivery lease makes it the only one sending for a workspace
    at a time (Slack's 429 remains the backstop). Safe to share between the dispatcher and
    its sending threads."""

    def __init__(self, *, messages_per_minute: int) -> None:
        self._per_second = messages_per_minute / 60
        self._burst = float(min(MAX_BURST, messages_per_minute))
        # A burst never takes any one second over the rate (Slack counts in short windows).
        self._per_second_cap = max(1, math.ceil(self._per_second))
        self._workspaces: dict[str, _Workspace] = {}
        self._lock = threading.RLock()

    def workspace_wait(self, team_id: str, now: datetime) -> timedelta:
        """How long the whole workspace must wait (a 429 pause, or its rate)."""
        with self._lock:
            workspace = self._workspaces.get(team_id)
            if workspace is None:
                return timedelta(0)
            self._refill(workspace, now)
            waits = [timedelta(0)]
            if workspace.paused_until is not None:
                waits.append(workspace.paused_until - now)
            if workspace.tokens < 1:
                waits.append(timedelta(seconds=(1 - workspace.tokens) / self._per_second))
            recent = self._recent(workspace, now)
            if len(recent) >= self._per_second_cap:
                waits.append(recent[0] + ONE_SECOND - now)
            return max(waits)

    def waiting_workspaces(self, now: datetime) -> set[str]:
        """Workspaces that may send nothing right now."""
        with self._lock:
            return {
                team_id
                for team_id in self._workspaces
                if self.workspace_wait(team_id, now) > timedelta(0)
            }

    def soonest_opening(self, now: datetime) -> timedelta:
        """How long until the first waiting workspace may send again (zero if none waits)."""
        with self._lock:
            waits = [self.workspace_wait(team_id, now) for team_id in self._workspaces]
            positive = [wait for wait in waits if wait > timedelta(0)]
            return min(positive, default=timedelta(0))

    def channel_wait(self, team_id: str, channel: str | None, now: datetime) -> timedelta:
        """How long before the next message to ``channel`` (about one a second); a message
        with no channel (a ``response_url`` answer) is not paced."""
        with self._lock:
            workspace = self._workspaces.get(team_id)
            if workspace is None or not channel:
                return timedelta(0)
            posts = [workspace.last_in_channel.get(channel), workspace.every_channel_at]
            last = max((at for at in posts if at is not None), default=None)
            if last is None:
                return timedelta(0)
            return max(timedelta(0), last + PER_CHANNEL_INTERVAL - now)

    def record(self, team_id: str, channel: str | None, now: datetime) -> None:
        """Note a message sent now."""
        with self._lock:
            workspace = self._workspace(team_id)
            self._refill(workspace, now)
            workspace.tokens -= 1
            self._recent(workspace, now).append(now)
            if channel:
                workspace.last_in_channel[channel] = now
            if len(workspace.last_in_channel) > 10_000:
                cutoff = now - PER_CHANNEL_INTERVAL
                workspace.last_in_channel = {
                    key: at for key, at in workspace.last_in_channel.items() if at > cutoff
                }

    def refund(self, team_id: str, at: datetime) -> None:
        """A post :meth:`record` counted at ``at`` was not made after all (another process
        claimed it, or it came too late): its share of the rate goes back."""
        with self._lock:
            workspace = self._workspace(team_id)
            workspace.tokens = min(self._burst, workspace.tokens + 1)
            if at in workspace.last_second:
                workspace.last_second.remove(at)

    def pause(self, team_id: str, until: datetime) -> None:
        """Slack said 429: nothing more for this workspace until ``until``."""
        with self._lock:
            workspace = self._workspace(team_id)
            if workspace.paused_until is None or until > workspace.paused_until:
                workspace.paused_until = until

    def paused_count(self, now: datetime) -> int:
        """How many workspaces are paused past ``now`` (by a 429 or token trouble)."""
        with self._lock:
            return sum(
                1
                for workspace in self._workspaces.values()
                if workspace.paused_until is not None and workspace.paused_until > now
            )

    def paused_until(self, team_id: str, now: datetime) -> datetime | None:
        """The end of the workspace's 429 pause, if it lasts beyond ``now``."""
        with self._lock:
            workspace = self._workspaces.get(team_id)
            paused = workspace.paused_until if workspace is not None else None
            return paused if paused is not None and paused > now else None

    def take_over(
        self, team_id: str, ended_at: datetime, now: datetime, *, paused_until: datetime | None
    ) -> None:
        """Another process sent for the workspace until ``ended_at``: start as if it had
        spent the whole rate, and every channel's pace, just then (and keep its pause)."""
        with self._lock:
            workspace = self._workspaces[team_id] = _Workspace(tokens=0.0, refilled_at=ended_at)
            workspace.last_second.extend([ended_at] * self._per_second_cap)
            workspace.every_channel_at = ended_at
            workspace.paused_until = paused_until
            self._refill(workspace, now)

    def _workspace(self, team_id: str) -> _Workspace:
        return self._workspaces.setdefault(team_id, _Workspace(tokens=self._burst))

    @staticmethod
    def _recent(workspace: _Workspace, now: datetime) -> deque[datetime]:
        """The workspace's sends within the second before ``now``, oldest first."""
        recent = workspace.last_second
        while recent and recent[0] <= now - ONE_SECOND:
            recent.popleft()
        return recent

    def _refill(self, workspace: _Workspace, now: datetime) -> None:
        if workspace.refilled_at is not None:
            elapsed = max(0.0, (now - workspace.refilled_at).total_seconds())
            workspace.tokens = min(self._burst, workspace.tokens + elapsed * self._per_second)
        workspace.refilled_at = now
