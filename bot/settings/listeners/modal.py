"""``/kindling settings``: the admin-only form, saved (:mod:`bot.settings.modal` opens it)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.localtime import parse_local_time
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.kudos.service import KudosRulesCache
from bot.members.service import known_member
from bot.settings.blocks import settings_saved_view
from bot.settings.modal import is_admin
from bot.settings.service import SettingsForm, check_form, save_settings


def handle_settings_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    """Field problems go back to the form; valid settings are saved (admins only)."""
    dependencies = dependencies_of(context)
    team_id, user_id = team_of(context), body["user"]["id"]
    first_block = ids.settings_block("values")
    if not is_admin(dependencies, team_id, user_id):
        ack(response_action="errors", errors={first_block: phrase("settings.not_admin")})
        return
    checked = check_form(_form(view["state"]["values"]))
    if isinstance(checked, dict):
        errors = {
            ids.settings_block(field): phrase(f"settings.problems.{key}")
            for field, key in checked.items()
        }
        ack(response_action="errors", errors=errors)
        return
    with dependencies.unit_of_work() as uow:
        saver = known_member(uow, team_id, user_id)
        tz = saver.tz if saver is not None else None
        save_settings(uow, team_id, checked, tz=tz, now=dependencies.clock.now())
    dependencies.service(KudosRulesCache).forget(team_id)
    ack(response_action="update", view=settings_saved_view())


def _form(state: dict[str, Any]) -> SettingsForm:
    def field(name: str) -> dict[str, Any]:
        return dict(state.get(ids.settings_block(name), {}).get(ids.SETTINGS_FIELD_ACTION) or {})

    time_text = field("checkin_time").get("selected_time") or ""
    return SettingsForm(
        kudos_channel_id=field("kudos_channel").get("selected_conversation"),
        values=field("values").get("value") or "",
        daily_limit=field("daily_limit").get("value") or "",
        checkin_minute=parse_local_time(time_text) if time_text else None,
        min_group_size=field("min_group_size").get("value") or "",
        retention_days=field("retention_days").get("value") or "",
        holiday_country=field("holiday_country").get("value") or "",
        support_link=field("support_link").get("value") or "",
        leaderboard=bool(field("leaderboard").get("selected_options")),
        admin_ids=tuple(field("admins").get("selected_users") or ()),
        kudos_reactions=field("kudos_reactions").get("value") or "",
    )
