"""The check-in's outbox messages: their payloads, renderers and kinds."""

from __future__ import annotations

import zlib
from datetime import date, datetime, timedelta

from bot.checkins.blocks.checkin import AnswerView, checkin_blocks, welcome_blocks, welcome_text
from bot.checkins.values import LOW_ENERGY, MIDDLE_ENERGY, DayPart, day_part, when
from bot.core.localtime import (
    format_local_time,
    format_workdays,
    local_day_end_utc,
    wall_clock_utc,
)
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.rendered import EPHEMERAL_REPLY, RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.phrases import phrase, pick
from bot.core.slack.blocks import text_blocks

SUGGESTIONS = ("rest", "outside", "boundary", "talk")


class CheckinPayload(Payload):
    """The morning DM, due at ``local_minute`` on ``local_date`` in ``tz``; the claim writes
    it in SQL. Rows of an earlier version may carry ``send_by`` instead of the last three."""

    user_id: str
    local_date: date
    tz: str | None = None
    local_minute: int | None = None
    late_minutes: int | None = None


class CheckinAnsweredPayload(Payload):
    """The DM (``ts``) updated to show the day's answer."""

    user_id: str
    local_date: date
    ts: str
    energy: int | None = None
    need: str | None = None
    has_note: bool = False
    skipped: bool | None = False  # the stored answer's column, as it was read
    local_minute: int | None = None  # the check-in's time, for its greeting (morning if none)


class CheckinWelcomePayload(Payload):
    user_id: str
    channel_id: str
    inviter_id: str | None = None
    local_minute: int
    workdays: int


class CheckinNoticePayload(Payload):
    """Through ``response_url``: the check-in of ``day`` has passed; the next is due then."""

    day: date
    next_due: datetime | None = None
    tz: str | None = None


class CheckinOptedOutPayload(Payload):
    """Through ``response_url``: the welcome, replaced after "Not for me"."""


class CheckinCarePayload(Payload):
    user_id: str
    support_link: str | None = None


class ChannelNotEnrolledPayload(Payload):
    channel_id: str
    reason: str


def checkin_deadline(payload: CheckinPayload) -> datetime | None:
    """``send_by``; or ``late_minutes`` after the check-in was due, never past that day."""
    if payload.send_by is not None:
        return payload.send_by
    if payload.late_minutes is None or payload.local_minute is None:
        return None
    zone_name = payload.tz or None
    due = wall_clock_utc(payload.local_date, payload.local_minute, zone_name)
    return min(
        due + timedelta(minutes=payload.late_minutes),
        local_day_end_utc(payload.local_date, zone_name),
    )


def greeting(user_id: str, local_date: date, local_minute: int | None = None) -> str:
    """For the part of the day the check-in is due in (morning when unknown); varied by person
    and day, and the same when the message is updated."""
    key = {
        DayPart.MORNING: "checkin.greetings",
        DayPart.AFTERNOON: "checkin.greetings_afternoon",
        DayPart.EVENING: "checkin.greetings_evening",
    }[day_part(local_minute)]
    return pick(key, f"{user_id}:{local_date.isoformat()}", name=f"<@{user_id}>")


def fallback_text(local_minute: int | None) -> str:
    """The notification text: a morning check-in says so; a later one does not."""
    morning = day_part(local_minute) == DayPart.MORNING
    return phrase("checkin.fallback" if morning else "checkin.fallback_later")


def answer_view(payload: CheckinAnsweredPayload) -> AnswerView:
    """The answer as shown, with a warm reply (and, on a low day, one suggestion)."""
    seed = f"{payload.user_id}:{payload.local_date.isoformat()}:{payload.energy}"
    energy, need = payload.energy, payload.need
    reply = suggestion = None
    if energy is not None:
        bucket = "low" if energy <= LOW_ENERGY else "middle" if energy == MIDDLE_ENERGY else "high"
        reply = pick(f"checkin.replies.{bucket}", seed)
        if energy <= LOW_ENERGY:
            key = SUGGESTIONS[zlib.crc32(seed.encode()) % len(SUGGESTIONS)]
            suggestion = phrase(f"checkin.suggestions.{key}")
    elif need is not None:
        reply = pick("checkin.replies.need", seed)
    return AnswerView(
        energy=energy,
        need=need,
        has_note=bool(payload.has_note),
        skipped=bool(payload.skipped),
        reply=reply,
        suggestion=suggestion,
    )


def render_checkin(payload: CheckinPayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        text=fallback_text(payload.local_minute),
        blocks=checkin_blocks(
            local_date=payload.local_date,
            greeting=greeting(payload.user_id, payload.local_date, payload.local_minute),
            answer=None,
        ),
    )


def render_answered(payload: CheckinAnsweredPayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        text=fallback_text(payload.local_minute),
        blocks=checkin_blocks(
            local_date=payload.local_date,
            greeting=greeting(payload.user_id, payload.local_date, payload.local_minute),
            answer=answer_view(payload),
        ),
        extra={"ts": payload.ts},
    )


def render_welcome(payload: CheckinWelcomePayload, _permalink: str | None) -> RenderedMessage:
    return RenderedMessage(
        text=welcome_text(payload.inviter_id, payload.channel_id),
        blocks=welcome_blocks(
            inviter_id=payload.inviter_id,
            channel_id=payload.channel_id,
            time=format_local_time(payload.local_minute),
            days=format_workdays(payload.workdays),
        ),
    )


def render_day_passed(payload: CheckinNoticePayload, _permalink: str | None) -> RenderedMessage:
    day = payload.day.strftime("%A %d %B")
    if payload.next_due:
        text = phrase("checkin.passed", day=day, next=when(payload.next_due, payload.tz))
    else:
        text = phrase("checkin.passed_no_next", day=day)
    return RenderedMessage(text=text, blocks=text_blocks(text), extra=dict(EPHEMERAL_REPLY))


def render_opted_out(_payload: CheckinOptedOutPayload, _permalink: str | None) -> RenderedMessage:
    text = phrase("checkin.welcome.not_for_me_done")
    return RenderedMessage(text=text, blocks=text_blocks(text), extra={"replace_original": True})


def render_care(payload: CheckinCarePayload, _permalink: str | None) -> RenderedMessage:
    text = phrase("checkin.care.text", name=f"<@{payload.user_id}>")
    if payload.support_link:
        text += "\n" + phrase("checkin.care.support", link=payload.support_link)
    return RenderedMessage(text=text, blocks=text_blocks(text))


def render_channel_not_enrolled(
    payload: ChannelNotEnrolledPayload, _permalink: str | None
) -> RenderedMessage:
    text = phrase("checkin.answers.team_failed", channel=payload.channel_id, reason=payload.reason)
    return RenderedMessage(text=text, blocks=text_blocks(text))


# The morning DM: one per member and local day (the claim's unique key).
CHECKIN = MessageKind(
    name="checkin",
    method=DeliveryMethod.POST_MESSAGE,
    payload=CheckinPayload,
    key="checkin:{user_id}:{local_date}",
    render=render_checkin,
    deadline=checkin_deadline,
)
# chat.update of that DM with the answer: one per tap (``action_ts``).
CHECKIN_ANSWERED = MessageKind(
    name="checkin_answered",
    method=DeliveryMethod.UPDATE_MESSAGE,
    payload=CheckinAnsweredPayload,
    key="checkin-answer:{user_id}:{action_ts}",
    render=render_answered,
)
# The one-time DM to people a channel enrolled: one per member, ever.
CHECKIN_WELCOME = MessageKind(
    name="checkin_welcome",
    method=DeliveryMethod.POST_MESSAGE,
    payload=CheckinWelcomePayload,
    key="checkin-welcome:{user_id}",
    render=render_welcome,
    quiet_hours=True,
)
# A private line that a day's check-in has passed: one per tap.
CHECKIN_NOTICE = MessageKind(
    name="checkin_notice",
    method=DeliveryMethod.RESPONSE_URL,
    payload=CheckinNoticePayload,
    key="checkin-passed:{user_id}:{action_ts}",
    render=render_day_passed,
)
# The welcome, replaced after "Not for me" (``at``: the moment, ISO 8601).
CHECKIN_OPTED_OUT = MessageKind(
    name="checkin_opted_out",
    method=DeliveryMethod.RESPONSE_URL,
    payload=CheckinOptedOutPayload,
    key="checkin-opted-out:{user_id}:{at}",
    render=render_opted_out,
)
# The private message after a low-energy streak: at most one per member and ``day``.
CHECKIN_CARE = MessageKind(
    name="checkin_care",
    method=DeliveryMethod.POST_MESSAGE,
    payload=CheckinCarePayload,
    key="checkin-care:{user_id}:{day}",
    render=render_care,
    quiet_hours=True,
)
# DM to whoever ran /checkin team: one per request (``asked_at``, ISO 8601).
CHANNEL_NOT_ENROLLED = MessageKind(
    name="checkin_channel_not_enrolled",
    method=DeliveryMethod.POST_MESSAGE,
    payload=ChannelNotEnrolledPayload,
    key="checkin-team-failed:{channel_id}:{asked_at}",
    render=render_channel_not_enrolled,
)
