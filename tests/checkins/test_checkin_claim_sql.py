"""The claim's payload and key in SQL come from the CHECKIN kind, and refuse a kind they cannot
write whole."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import ColumnElement, String, cast, column, create_engine, literal, select, text

from bot.checkins.messages import CHECKIN, CheckinPayload
from bot.checkins.repository.payload_sql import key_expression, payload_object


def schedule_fields() -> dict[str, ColumnElement[Any]]:
    return {
        "user_id": column("user_id", String),
        "local_date": cast(column("next_local_date"), String),
        "tz": column("tz", String),
        "local_minute": column("local_minute"),
        "late_minutes": literal(120),
    }


def selected(*expressions: ColumnElement[Any]) -> tuple[Any, ...]:
    """The expressions over one schedule row, on SQLite."""
    schedule = (
        text(
            "SELECT 'UALICE' AS user_id, '2026-11-26' AS next_local_date, "
            "'Europe/Berlin' AS tz, 570 AS local_minute"
        )
        .columns(column("user_id"), column("next_local_date"), column("tz"), column("local_minute"))
        .subquery()
    )
    with create_engine("sqlite://").connect() as connection:
        row = connection.execute(select(*expressions).select_from(schedule)).one()
    return tuple(row)


def test_the_key_and_payload_are_what_the_kind_itself_writes() -> None:
    key, payload = selected(
        key_expression(CHECKIN, schedule_fields()),
        payload_object(CHECKIN, schedule_fields(), dialect="sqlite"),
    )
    typed = CheckinPayload(
        user_id="UALICE",
        local_date=date(2026, 11, 26),
        tz="Europe/Berlin",
        local_minute=570,
        late_minutes=120,
    )
    assert key == "checkin:UALICE:2026-11-26" == CHECKIN.key_for(typed)
    assert CHECKIN.read(json.loads(payload)) == typed
    assert list(json.loads(payload)) == [
        "user_id",
        "local_date",
        "tz",
        "local_minute",
        "late_minutes",
    ]


def test_a_required_field_without_an_expression_is_refused() -> None:
    fields = schedule_fields()
    del fields["local_date"]
    with pytest.raises(ValueError, match="local_date"):
        payload_object(CHECKIN, fields, dialect="sqlite")


def test_an_expression_for_no_field_is_refused() -> None:
    with pytest.raises(ValueError, match="not_a_field"):
        payload_object(CHECKIN, {**schedule_fields(), "not_a_field": literal(1)}, dialect="sqlite")


def test_a_key_name_without_an_expression_is_refused() -> None:
    other = dataclasses.replace(CHECKIN, key="checkin:{user_id}:{team_id}")
    with pytest.raises(ValueError, match="team_id"):
        key_expression(other, schedule_fields())


def test_a_key_with_a_format_is_refused() -> None:
    other = dataclasses.replace(CHECKIN, key="checkin:{local_minute:04d}")
    with pytest.raises(ValueError, match="local_minute"):
        key_expression(other, schedule_fields())
