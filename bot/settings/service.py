"""Workspace settings: read, checked field by field, and saved by admins only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.checkins.service.pulse import MIN_GROUP_FLOOR
from bot.core.holidays import supported_countries
from bot.core.profiles import MemberProfile
from bot.core.store.unit_of_work import UnitOfWork
from bot.core.store.workspaces import DEFAULT_CHECKIN_MINUTE
from bot.recaps.service.kindness import schedule_kindness_recap
from bot.settings.values import WorkspaceSettings

VALUE_TAG = re.compile(r"^[a-z0-9][a-z0-9\-]{0,29}$")
MAX_VALUES = 10
# An emoji's name as Slack spells it in a reaction (``yellow_heart``, ``+1``, ``tada``).
EMOJI = re.compile(r"^[a-z0-9][a-z0-9_+\-']{0,63}$")
MAX_REACTIONS = 5
DAILY_LIMIT_RANGE = range(1, 101)
GROUP_SIZE_RANGE = range(MIN_GROUP_FLOOR, 51)
RETENTION_RANGE = range(30, 3651)


@dataclass(frozen=True, slots=True)
class SettingsForm:
    """What the settings form sent, as text (each field checked by :func:`check_form`)."""

    kudos_channel_id: str | None
    values: str
    daily_limit: str
    checkin_minute: int | None
    min_group_size: str
    retention_days: str
    holiday_country: str
    support_link: str
    leaderboard: bool
    admin_ids: tuple[str, ...]
    kudos_reactions: str = "yellow_heart"


def read_settings(uow: UnitOfWork, team_id: str) -> WorkspaceSettings:
    workspace = uow.workspaces.get(team_id)
    if workspace is None:
        return WorkspaceSettings(
            None, ("kindness", "teamwork", "courage", "craft", "care"), 10,
            DEFAULT_CHECKIN_MINUTE, 5, 365, None, None, False, (),
        )  # fmt: skip
    return WorkspaceSettings(
        kudos_channel_id=workspace.kudos_channel_id,
        values=tuple(v for v in workspace.kudos_values.split(",") if v),
        daily_limit=workspace.kudos_daily_limit,
        checkin_minute=workspace.checkin_default_minute,
        min_group_size=workspace.min_group_size,
        retention_days=workspace.retention_days,
        holiday_country=workspace.holiday_country,
        support_link=workspace.support_link,
        leaderboard=workspace.leaderboard,
        admin_ids=tuple(a for a in workspace.admin_user_ids.split(",") if a),
        kudos_reactions=tuple(r for r in workspace.kudos_reactions.split(",") if r),
    )


def may_change_settings(uow: UnitOfWork, member: MemberProfile) -> bool:
    """Slack workspace admins and owners, and the people the settings name as admins."""
    return member.is_admin or uow.workspaces.is_kindling_admin(member.team_id, member.user_id)


def check_form(form: SettingsForm) -> WorkspaceSettings | dict[str, str]:
    """The settings, or each field's problem (a phrase key under ``settings.problems``)."""
    problems: dict[str, str] = {}
    values = tuple(dict.fromkeys(v.strip().lstrip("#").lower() for v in form.values.split(",")))
    values = tuple(v for v in values if v)
    if not values or len(values) > MAX_VALUES or not all(VALUE_TAG.match(v) for v in values):
        problems["values"] = "values"
    reactions = _emoji_names(form.kudos_reactions)
    if not reactions or len(reactions) > MAX_REACTIONS or not all(map(EMOJI.match, reactions)):
        problems["kudos_reactions"] = "kudos_reactions"
    daily_limit = _number(form.daily_limit, DAILY_LIMIT_RANGE, "daily_limit", problems)
    group = _number(form.min_group_size, GROUP_SIZE_RANGE, "min_group_size", problems)
    retention = _number(form.retention_days, RETENTION_RANGE, "retention_days", problems)
    country = form.holiday_country.strip().upper() or None
    if country is not None and country not in supported_countries():
        problems["holiday_country"] = "holiday_country"
    link = form.support_link.strip() or None
    if link is not None and not re.match(r"^https?://\S+$", link):
        problems["support_link"] = "support_link"
    if problems:
        return problems
    return WorkspaceSettings(
        kudos_channel_id=form.kudos_channel_id,
        values=values,
        daily_limit=daily_limit,
        checkin_minute=form.checkin_minute if form.checkin_minute is not None else 570,
        min_group_size=group,
        retention_days=retention,
        holiday_country=country,
        support_link=link,
        leaderboard=form.leaderboard,
        admin_ids=form.admin_ids,
        kudos_reactions=reactions,
    )


def save_settings(
    uow: UnitOfWork,
    team_id: str,
    settings: WorkspaceSettings,
    *,
    tz: str | None,
    now: datetime,
) -> None:
    """Save the settings; the weekly kindness recap follows the kudos channel, in the zone of
    the admin who saved them."""
    uow.workspaces.ensure(team_id, now=now)
    workspace = uow.workspaces.get(team_id)
    if workspace is None:  # pragma: no cover - just ensured
        return
    workspace.kudos_channel_id = settings.kudos_channel_id
    workspace.kudos_values = ",".join(settings.values)
    workspace.kudos_daily_limit = settings.daily_limit
    workspace.checkin_default_minute = settings.checkin_minute
    workspace.min_group_size = settings.min_group_size
    workspace.retention_days = settings.retention_days
    workspace.holiday_country = settings.holiday_country
    workspace.support_link = settings.support_link
    workspace.leaderboard = settings.leaderboard
    workspace.admin_user_ids = ",".join(settings.admin_ids)
    workspace.kudos_reactions = ",".join(settings.kudos_reactions)
    workspace.tz = tz or workspace.tz
    schedule_kindness_recap(workspace, now)


def _emoji_names(text: str) -> tuple[str, ...]:
    """``:yellow_heart:, tada`` as ``("yellow_heart", "tada")``: without colons, once each."""
    names = (name.strip().strip(":").strip().lower() for name in text.split(","))
    return tuple(dict.fromkeys(name for name in names if name))


def _number(text: str, allowed: range, field: str, problems: dict[str, str]) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        number = -1
    if number not in allowed:
        problems[field] = field
    return number
