"""The workspace's kudos rules, read through a short-lived cache, and the checks that need
nobody's details; the giver's local day, which the daily limit counts in."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.values import (
    MAX_MESSAGE_LENGTH,
    MAX_RECIPIENTS,
    KudosRefused,
    KudosRequest,
    Refusal,
    WorkspaceKudosRules,
)

RULES_TTL = timedelta(seconds=30)


def workspace_rules(uow: UnitOfWork, team_id: str) -> WorkspaceKudosRules:
    """The workspace's kudos settings (the defaults for a workspace not seen yet); reads only,
    so a request can still step aside to ask Slack after reading them."""
    settings = uow.workspaces.kudos_settings(team_id)
    if settings is None:
        return WorkspaceKudosRules()
    values, daily_limit, kudos_channel_id, reactions = settings
    return WorkspaceKudosRules(
        values=_names(values),
        daily_limit=daily_limit,
        kudos_channel_id=kudos_channel_id,
        reactions=_names(reactions),
    )


def _names(listed: str) -> tuple[str, ...]:
    """A comma-separated setting as its names, lower case."""
    return tuple(name.strip().lower() for name in listed.split(",") if name.strip())


class KudosRulesCache:
    """Each workspace's kudos settings, read at most once per ``ttl`` (they change rarely; a
    change is seen within that time by every process)."""

    def __init__(self, *, ttl: timedelta = RULES_TTL) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[datetime, WorkspaceKudosRules]] = {}
        self._lock = threading.Lock()

    def get(self, uow: UnitOfWork, team_id: str, *, now: datetime) -> WorkspaceKudosRules:
        """The rules of ``team_id``, read in the caller's unit of work when not cached."""
        with self._lock:
            entry = self._entries.get(team_id)
        if entry is not None and timedelta(0) <= now - entry[0] < self._ttl:
            return entry[1]
        rules = workspace_rules(uow, team_id)
        with self._lock:
            self._entries[team_id] = (now, rules)
        return rules

    def forget(self, team_id: str) -> None:
        """The settings changed here: read them afresh next time."""
        with self._lock:
            self._entries.pop(team_id, None)


def check_request(request: KudosRequest) -> KudosRefused | None:
    """The rules that need nobody's details: mentions, counts, length."""
    if request.has_mass_mention:
        return KudosRefused(Refusal.MASS_MENTION)
    if not request.recipient_ids:
        reason = Refusal.PLAIN_NAMES if request.plain_at_names else Refusal.NO_RECIPIENT
        return KudosRefused(reason)
    if request.recipient_ids == (request.giver_id,):
        return KudosRefused(Refusal.ONLY_YOURSELF)
    if len(request.recipient_ids) > MAX_RECIPIENTS:
        return KudosRefused(Refusal.TOO_MANY_RECIPIENTS, limit=MAX_RECIPIENTS)
    if request.message_length > MAX_MESSAGE_LENGTH:
        return KudosRefused(Refusal.MESSAGE_TOO_LONG, limit=MAX_MESSAGE_LENGTH)
    return None


def local_day(now: datetime, tz_name: str | None) -> tuple[datetime, datetime]:
    """Start and end (next midnight) of the calendar day ``now`` falls in, in ``tz_name``."""
    zone = _zone(tz_name)
    local = now.astimezone(zone)
    start = datetime(local.year, local.month, local.day, tzinfo=zone)
    following = start.date() + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    return start, end


def _zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
