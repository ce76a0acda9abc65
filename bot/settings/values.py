"""The workspace settings as plain data (no store here, so the Block Kit builders may use
them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkspaceSettings:
    """A workspace's settings, as its admins saved them."""

    kudos_channel_id: str | None
    values: tuple[str, ...]
    daily_limit: int
    checkin_minute: int
    min_group_size: int
    retention_days: int
    holiday_country: str | None
    support_link: str | None
    leaderboard: bool
    admin_ids: tuple[str, ...]
    kudos_reactions: tuple[str, ...] = ("yellow_heart",)  # the emoji that give kudos
