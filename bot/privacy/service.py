"""A member's own data, on request: everything Kindling stores about them, as one JSON file
sent to them privately."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from bot.checkins.service.records import checkin_schedule
from bot.core.localtime import format_local_time
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.messages import Payload
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWork
from bot.kudos.service import kudos_given, kudos_received, kudos_recipients, kudos_values
from bot.members.service import known_member
from bot.privacy.messages import (
    EXPORT,
    EXPORT_UNDELIVERED,
    FORGOTTEN,
    ExportPayload,
    UndeliveredPayload,
)
from bot.privacy.repository import PersonalDataRepository
from bot.privacy.values import FORMER_TEAMMATE
from bot.recaps.service.weekly import recap_status

EXPORT_SCHEMA = "kindling-export/1"
ALL = 1_000_000


def request_export(uow: UnitOfWork, team_id: str, user_id: str, *, now: datetime) -> None:
    """Send the member their data soon (read when it is sent, so it is complete)."""
    uow.workspaces.ensure(team_id, now=now)
    export = EXPORT.message(
        ExportPayload(user_id=user_id), team_id=team_id, channel=user_id, at=now.isoformat()
    )
    uow.outbox.add(export, now=now)


def forget_member(  # noqa: PLR0913  # keyword-only: who, and where to confirm
    uow: UnitOfWork,
    team_id: str,
    user_id: str,
    *,
    former_name: str,
    response_url: str | None,
    now: datetime,
) -> None:
    """Delete everything about the member: check-ins, notes, wins, breaks, settings and
    enrolment; they are removed as a recipient of kudos, and kudos they gave stay, from
    ``former_name``. Afterwards no row holds their user id."""
    uow.repository(PersonalDataRepository).forget(
        team_id, user_id, former=FORMER_TEAMMATE, former_name=former_name
    )
    if response_url:
        uow.workspaces.ensure(team_id, now=now)  # "Delete my data" may be its first request
        confirmation = FORGOTTEN.message(
            Payload(response_url=response_url),
            team_id=team_id,
            channel=None,
            nonce=uuid.uuid4().hex,  # not their id: it is gone
        )
        uow.outbox.add(confirmation, now=now)


def on_export_delivered(
    uow: UnitOfWork, message: OutboxMessage, delivery: Delivery, now: datetime
) -> None:
    """An export Slack refused (a missing scope, a Slack error): tell the member by DM what
    happened and what to do, rather than leave them waiting for a file that never comes."""
    if delivery.delivered or delivery.skipped:
        return
    note = EXPORT_UNDELIVERED.message(
        UndeliveredPayload(error=delivery.error or "unknown_error"),
        team_id=message.team_id,
        channel=message.channel,
        export_id=message.id,
    )
    uow.outbox.add(note, now=now)


def export_payload(
    uow: UnitOfWork, message: OutboxMessage, payload: ExportPayload, now: datetime
) -> ExportPayload:
    """The loader for :data:`EXPORT`: the member's data, read at send time."""
    export = member_export(uow, message.team_id, payload.user_id, now)
    return payload.model_copy(update={"export": export})


def member_export(uow: UnitOfWork, team_id: str, user_id: str, now: datetime) -> dict[str, Any]:
    """Everything stored about ``user_id`` in ``team_id``, and nobody else's data (kudos
    they received name the giver, as the recipient already saw)."""
    return {
        "schema": EXPORT_SCHEMA,
        "exported_at": now.isoformat(),
        "team_id": team_id,
        "user_id": user_id,
        **_settings(uow, team_id, user_id),
        **_history(uow.repository(PersonalDataRepository), team_id, user_id),
        **_kudos(uow, team_id, user_id),
    }


def _settings(uow: UnitOfWork, team_id: str, user_id: str) -> dict[str, Any]:
    """The member's profile, check-in settings and weekly recap setting."""
    member = known_member(uow, team_id, user_id)
    schedule = checkin_schedule(uow, team_id, user_id)
    recap = recap_status(uow, team_id, user_id)
    return {
        "profile": {
            "display_name": member.display_name,
            "tz": member.tz,
            "working_hours": [
                format_local_time(member.work_starts),
                format_local_time(member.work_ends),
            ],
            "holiday_country": member.holiday_country,  # null: their time zone's
        }
        if member is not None
        else None,
        "checkin_settings": {
            "status": schedule.status,
            "tz": schedule.tz,
            "local_minute": schedule.local_minute,
            "workdays": schedule.workdays,
            "resume_on": _iso(schedule.resume_on),
            "next_due_utc": _iso(schedule.next_due_utc),
        }
        if schedule is not None
        else None,
        "weekly_recap": {"status": recap} if recap is not None else None,
    }


def _history(data: PersonalDataRepository, team_id: str, user_id: str) -> dict[str, Any]:
    """The member's check-ins (notes too), wins, breaks taken and break schedules."""
    return {
        "checkins": [
            {
                "local_date": c.local_date.isoformat(),
                "energy": c.energy,
                "need": c.need,
                "note": c.note,
                "skipped": c.skipped,
            }
            for c in data.checkins(team_id, user_id)
        ],
        "wins": [
            {"text": w.text, "created_at": _iso(w.created_at), "shared_at": _iso(w.shared_at)}
            for w in data.wins(team_id, user_id)
        ],
        "breaks_taken": [{"at": _iso(b.created_at)} for b in data.breaks_taken(team_id, user_id)],
        "break_schedules": [
            {
                "where": "your DMs" if b.personal else b.channel_id,
                "status": b.status,
                "every_minutes": b.interval_minutes,
                "window_minutes": [b.window_start, b.window_end],
                "workdays": b.workdays,
                "tz": b.tz,
            }
            for b in data.break_schedules(team_id, user_id)
        ],
    }


def _kudos(uow: UnitOfWork, team_id: str, user_id: str) -> dict[str, Any]:
    """Kudos the member gave (with whom to) and received (with whom from)."""
    return {
        "kudos_given": [
            {
                "at": _iso(k.created_at),
                "message": k.message,
                "to": kudos_recipients(uow, k.id),
                "values": kudos_values(uow, k.id),
                **_reaction(k),
            }
            for k in kudos_given(uow, team_id, user_id, limit=ALL)
        ],
        "kudos_received": [
            {
                "at": _iso(k.created_at),
                "message": k.message,
                "from": k.giver_id,
                "values": kudos_values(uow, k.id),
                **_reaction(k),
            }
            for k in kudos_received(uow, team_id, user_id, limit=ALL)
        ],
    }


def _reaction(kudos: Any) -> dict[str, Any]:
    """A reaction kudos' emoji and the message it was given for (a link, never its text)."""
    if not kudos.item_ts:
        return {}
    message = {"channel": kudos.channel_id, "ts": kudos.item_ts, "link": kudos.item_link}
    return {"reaction": kudos.reaction, "for_message": message}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
