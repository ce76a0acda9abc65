"""The settings on the Home tab: check-in on/off, time, days, pause; working hours; personal
breaks and the weekly recap."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.breaks.service.personal import personal_off, personal_on
from bot.checkins.service.enrolment import (
    PauseProblem,
    pause_until,
    set_time,
    set_workdays,
    turn_off,
    turn_on,
)
from bot.core.listeners.dependencies import dependencies_of
from bot.core.listeners.workspace import team_of
from bot.core.localtime import DAY_NAMES, parse_local_time
from bot.core.profiles import MemberProfile
from bot.core.slack import ids
from bot.core.store.unit_of_work import UnitOfWork
from bot.home.service import refresh_home
from bot.members.directory import MemberDirectory
from bot.members.service.hours import move_working_hours, set_holiday_country
from bot.recaps.service.weekly import ensure_recap, set_recap

Change = Callable[[UnitOfWork, MemberProfile, datetime], object]


def handle_checkin_toggle(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    on = action.get("value") == "on"
    _change(body, context, lambda uow, m, now: (turn_on if on else turn_off)(uow, m, now=now))


def handle_checkin_time(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    minute = parse_local_time(str(action.get("selected_time") or ""))
    if minute is not None:
        _change(body, context, lambda uow, m, now: set_time(uow, m, minute, now=now))


def handle_checkin_days(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    chosen = [str(o.get("value")) for o in action.get("selected_options") or []]
    workdays = sum(1 << int(v) for v in chosen if v.isdigit() and int(v) < len(DAY_NAMES))
    if workdays:  # no day at all is not a schedule: the Home shows the days as they were
        _change(body, context, lambda uow, m, now: set_workdays(uow, m, workdays, now=now))
    else:
        _change(body, context, lambda _uow, _m, _now: None)


def handle_pause_until(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    try:
        resume_on = date.fromisoformat(str(action.get("selected_date")))
    except ValueError:
        return

    def pause(uow: UnitOfWork, member: MemberProfile, now: datetime) -> None:
        with suppress(PauseProblem):  # a past date: the Home is published again as it was
            pause_until(uow, member, resume_on, now=now)

    _change(body, context, pause)


def handle_work_starts(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    _set_hours(body, action, context, ends=False)


def handle_work_ends(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    _set_hours(body, action, context, ends=True)


def _set_hours(
    body: dict[str, Any], action: dict[str, Any], context: BoltContext, *, ends: bool
) -> None:
    """One end of the working hours; hours shorter than an hour are not kept (the Home shows
    them as they were)."""
    minute = parse_local_time(str(action.get("selected_time") or ""))
    if minute is None:
        return
    end = {"ends": minute} if ends else {"starts": minute}
    _change(body, context, lambda uow, m, now: move_working_hours(uow, m, now=now, **end))


def handle_holiday_country(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    """A country from the menu, or "from my time zone"; one Kindling does not know changes
    nothing (the Home is published again as it was)."""
    ack()
    value = str((action.get("selected_option") or {}).get("value") or "")
    country = None if value == ids.HOLIDAYS_FROM_ZONE else value
    _change(body, context, lambda uow, m, now: set_holiday_country(uow, m, country, now=now))


def handle_breaks_toggle(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    on = action.get("value") == "on"
    _change(
        body, context, lambda uow, m, now: (personal_on if on else personal_off)(uow, m, now=now)
    )


def handle_recap_toggle(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    on = action.get("value") == "on"

    def toggle(uow: UnitOfWork, member: MemberProfile, now: datetime) -> None:
        ensure_recap(uow, member, now=now)
        set_recap(uow, member.team_id, member.user_id, on=on, response_url=None, now=now)

    _change(body, context, toggle)


def handle_show_more(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext
) -> None:
    ack()
    value = str(action.get("value", ""))
    dependencies = dependencies_of(context)
    with dependencies.unit_of_work() as uow:
        refresh_home(
            uow,
            team_of(context),
            body["user"]["id"],
            now=dependencies.clock.now(),
            show=int(value) if value.isdigit() else 10,
        )


def _change(body: dict[str, Any], context: BoltContext, change: Change) -> None:
    """Apply ``change`` for the member who tapped, then publish their Home again."""
    dependencies = dependencies_of(context)
    team_id, user_id, now = team_of(context), body["user"]["id"], dependencies.clock.now()

    def apply(uow: UnitOfWork, people: dict[str, MemberProfile | None]) -> None:
        change(uow, people.get(user_id) or MemberProfile.unknown(team_id, user_id), now)
        refresh_home(uow, team_id, user_id, now=now)

    dependencies.service(MemberDirectory).with_people(
        dependencies.unit_of_work, team_id, [user_id], apply
    )
