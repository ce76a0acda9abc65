"""Slack's posting limits, per workspace: about one message a second per channel, a
workspace-wide rate, and a pause after a 429."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PER_CHANNEL_INTERVAL = timedelta(seconds=1)
WINDOW = timedelta(minutes=1)


@dataclass
class _Workspace:
    sent: deque[datetime] = field(default_factory=deque)
    last_in_channel: dict[str, datetime] = field(default_factory=dict)
    paused_until: datetime | None = None


class RateLimiter:
    """In-process limiter (each replica keeps its own; Slack's 429 remains the backstop)."""

    def __init__(self, *, messages_per_minute: int) -> None:
        self._per_minute = messages_per_minute
        self._workspaces: dict[str, _Workspace] = {}

    def workspace_wait(self, team_id: str, now: datetime) -> timedelta:
        """How long the whole workspace must wait (a 429 pause or its per-minute cap)."""
        workspace = self._workspaces.get(team_id)
        if workspace is None:
            return timedelta(0)
        waits = [timedelta(0)]
        if workspace.paused_until is not None:
            waits.append(workspace.paused_until - now)
        _forget_before(workspace.sent, now - WINDOW)
        if len(workspace.sent) >= self._per_minute:
            waits.append(workspace.sent[0] + WINDOW - now)
        return max(waits)

    def waiting_workspaces(self, now: datetime) -> set[str]:
        """Workspaces that may send nothing right now."""
        return {
            team_id
            for team_id in self._workspaces
            if self.workspace_wait(team_id, now) > timedelta(0)
        }

    def channel_wait(self, team_id: str, channel: str | None, now: datetime) -> timedelta:
        """How long before the next message to ``channel`` (about one a second)."""
        workspace = self._workspaces.get(team_id)
        last = workspace.last_in_channel.get(channel or "") if workspace else None
        if last is None:
            return timedelta(0)
        return max(timedelta(0), last + PER_CHANNEL_INTERVAL - now)

    def wait_needed(self, team_id: str, channel: str | None, now: datetime) -> timedelta:
        """How long to wait before sending to ``channel`` (zero: send now)."""
        return max(self.workspace_wait(team_id, now), self.channel_wait(team_id, channel, now))

    def record(self, team_id: str, channel: str | None, now: datetime) -> None:
        """Note a message sent now."""
        workspace = self._workspaces.setdefault(team_id, _Workspace())
        workspace.sent.append(now)
        workspace.last_in_channel[channel or ""] = now
        if len(workspace.last_in_channel) > 10_000:
            cutoff = now - PER_CHANNEL_INTERVAL
            workspace.last_in_channel = {
                key: at for key, at in workspace.last_in_channel.items() if at > cutoff
            }

    def pause(self, team_id: str, until: datetime) -> None:
        """Slack said 429: nothing more for this workspace until ``until``."""
        workspace = self._workspaces.setdefault(team_id, _Workspace())
        if workspace.paused_until is None or until > workspace.paused_until:
            workspace.paused_until = until


def _forget_before(sent: deque[datetime], cutoff: datetime) -> None:
    while sent and sent[0] <= cutoff:
        sent.popleft()
