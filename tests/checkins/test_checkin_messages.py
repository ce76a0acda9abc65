"""The check-in's typed kinds read the rows the untyped code wrote, and keep its keys."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.checkins import messages
from bot.checkins.messages import (
    CHANNEL_NOT_ENROLLED,
    CHECKIN,
    CHECKIN_ANSWERED,
    CHECKIN_CARE,
    CHECKIN_NOTICE,
    CHECKIN_OPTED_OUT,
    CHECKIN_WELCOME,
    ChannelNotEnrolledPayload,
    CheckinAnsweredPayload,
    CheckinCarePayload,
    CheckinNoticePayload,
    CheckinOptedOutPayload,
    CheckinPayload,
    CheckinWelcomePayload,
)
from bot.core.outbox.messages import MessageKind, Payload
from bot.core.outbox.values import DeliveryMethod
from tests.support.messages import render

TEAM, USER, DAY = "T1", "UALICE", date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 8, 31, 5, 120000, tzinfo=UTC)
ACTION_TS = "1764145865.000123"
URL = "https://hooks.slack.com/actions/T1/1/x"

# (kind, the payload dict as the untyped code wrote it, the same payload typed)
TODAYS_ROWS: list[tuple[MessageKind[Any], dict[str, Any], Payload]] = [
    (
        CHECKIN,  # the claim's json_object(...) in SQL
        {
            "user_id": USER,
            "local_date": "2026-11-26",
            "tz": "Europe/Berlin",
            "local_minute": 570,
            "late_minutes": 120,
        },
        CheckinPayload(
            user_id=USER, local_date=DAY, tz="Europe/Berlin", local_minute=570, late_minutes=120
        ),
    ),
    (
        CHECKIN_ANSWERED,
        {
            "user_id": USER,
            "local_date": "2026-11-26",
            "ts": "1764145800.000100",
            "energy": 2,
            "need": "rest",
            "has_note": True,
            "skipped": False,
        },
        CheckinAnsweredPayload(
            user_id=USER,
            local_date=DAY,
            ts="1764145800.000100",
            energy=2,
            need="rest",
            has_note=True,
            skipped=False,
        ),
    ),
    (
        CHECKIN_WELCOME,
        {
            "user_id": USER,
            "channel_id": "CTEAM",
            "inviter_id": "UBOB",
            "local_minute": 570,
            "workdays": 31,
        },
        CheckinWelcomePayload(
            user_id=USER, channel_id="CTEAM", inviter_id="UBOB", local_minute=570, workdays=31
        ),
    ),
    (
        CHECKIN_NOTICE,
        {
            "response_url": URL,
            "day": "2026-11-25",
            "next_due": "2026-11-27T08:30:00+00:00",
            "tz": "Europe/Berlin",
        },
        CheckinNoticePayload(
            response_url=URL,
            day=date(2026, 11, 25),
            next_due=datetime(2026, 11, 27, 8, 30, tzinfo=UTC),
            tz="Europe/Berlin",
        ),
    ),
    (
        CHECKIN_NOTICE,
        {"response_url": URL, "day": "2026-11-25", "next_due": None, "tz": None},
        CheckinNoticePayload(response_url=URL, day=date(2026, 11, 25)),
    ),
    (CHECKIN_OPTED_OUT, {"response_url": URL}, CheckinOptedOutPayload(response_url=URL)),
    (
        CHECKIN_CARE,
        {"user_id": USER, "support_link": "https://example.org/support"},
        CheckinCarePayload(user_id=USER, support_link="https://example.org/support"),
    ),
    (
        CHANNEL_NOT_ENROLLED,
        {"channel_id": "GSECRET", "reason": "channel_not_found"},
        ChannelNotEnrolledPayload(channel_id="GSECRET", reason="channel_not_found"),
    ),
]


@pytest.mark.parametrize(("kind", "stored", "typed"), TODAYS_ROWS)
def test_a_row_written_by_the_untyped_code_renders_as_the_typed_payload_does(
    kind: MessageKind[Any], stored: dict[str, Any], typed: Payload
) -> None:
    assert kind.read(stored) == typed
    assert render(kind.name, stored, permalink=None) == kind.render(typed, None)


def test_each_kind_keeps_its_name_and_method() -> None:
    assert {
        kind.name: kind.method
        for kind in (
            CHECKIN,
            CHECKIN_ANSWERED,
            CHECKIN_WELCOME,
            CHECKIN_NOTICE,
            CHECKIN_OPTED_OUT,
            CHECKIN_CARE,
            CHANNEL_NOT_ENROLLED,
        )
    } == {
        "checkin": DeliveryMethod.POST_MESSAGE,
        "checkin_answered": DeliveryMethod.UPDATE_MESSAGE,
        "checkin_welcome": DeliveryMethod.POST_MESSAGE,
        "checkin_notice": DeliveryMethod.RESPONSE_URL,
        "checkin_opted_out": DeliveryMethod.RESPONSE_URL,
        "checkin_care": DeliveryMethod.POST_MESSAGE,
        "checkin_channel_not_enrolled": DeliveryMethod.POST_MESSAGE,
    }


def test_each_key_template_gives_the_key_the_untyped_code_wrote() -> None:
    asked_at = datetime(2026, 11, 25, 14, 3, 9, 5, tzinfo=UTC)
    rows = {kind.name: typed for kind, _stored, typed in TODAYS_ROWS}
    keys = {
        CHECKIN.key_for(rows["checkin"]): f"checkin:{USER}:{DAY.isoformat()}",
        CHECKIN_ANSWERED.key_for(
            rows["checkin_answered"], action_ts=ACTION_TS
        ): f"checkin-answer:{USER}:{ACTION_TS}",
        CHECKIN_WELCOME.key_for(rows["checkin_welcome"]): f"checkin-welcome:{USER}",
        CHECKIN_NOTICE.key_for(
            rows["checkin_notice"], user_id=USER, action_ts=ACTION_TS
        ): f"checkin-passed:{USER}:{ACTION_TS}",
        CHECKIN_OPTED_OUT.key_for(
            rows["checkin_opted_out"], user_id=USER, at=NOW.isoformat()
        ): f"checkin-opted-out:{USER}:{NOW.isoformat()}",
        CHECKIN_CARE.key_for(
            rows["checkin_care"], day=DAY.isoformat()
        ): f"checkin-care:{USER}:{DAY.isoformat()}",
        CHANNEL_NOT_ENROLLED.key_for(
            rows["checkin_channel_not_enrolled"], asked_at=asked_at.isoformat()
        ): f"checkin-team-failed:GSECRET:{asked_at.isoformat()}",
    }
    for built, today in keys.items():
        assert built == today
    assert CHECKIN.key_for(rows["checkin"]) == "checkin:UALICE:2026-11-26"


def test_a_check_in_row_is_the_one_the_claim_writes() -> None:
    kind, stored, typed = TODAYS_ROWS[0]
    row = kind.message(typed, team_id=TEAM, channel=USER)
    assert (row.kind, row.method, row.idempotency_key) == (
        "checkin",
        DeliveryMethod.POST_MESSAGE,
        f"checkin:{USER}:2026-11-26",
    )
    assert {key: row.payload[key] for key in stored} == stored


def test_a_check_in_is_late_after_late_minutes_but_never_past_its_day() -> None:
    due_0930_berlin = CheckinPayload(
        user_id=USER, local_date=DAY, tz="Europe/Berlin", local_minute=570, late_minutes=120
    )
    assert CHECKIN.deadline(due_0930_berlin) == datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
    due_2300 = due_0930_berlin.model_copy(update={"local_minute": 23 * 60})
    assert CHECKIN.deadline(due_2300) == datetime(2026, 11, 26, 23, 0, tzinfo=UTC)  # midnight
    in_utc = due_0930_berlin.model_copy(update={"tz": None})
    assert CHECKIN.deadline(in_utc) == datetime(2026, 11, 26, 11, 30, tzinfo=UTC)


def test_a_check_in_with_send_by_keeps_it_and_one_without_a_due_time_has_no_deadline() -> None:
    send_by = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
    older = CHECKIN.read(
        {"user_id": USER, "local_date": "2026-11-26", "send_by": send_by.isoformat()}
    )
    assert CHECKIN.deadline(older) == send_by
    assert CHECKIN.deadline(CheckinPayload(user_id=USER, local_date=DAY)) is None


def test_a_check_in_answered_on_a_low_day_comes_with_a_suggestion() -> None:
    low = CheckinAnsweredPayload(user_id=USER, local_date=DAY, ts="1.2", energy=2)
    view = messages.answer_view(low)
    assert view.reply
    assert view.suggestion
    assert messages.answer_view(low.model_copy(update={"energy": 4})).suggestion is None
