"""Timestamps are aware, in UTC, on every database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from bot.core.store.base import UtcDateTime

DIALECT = sqlite.dialect()


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        UtcDateTime().process_bind_param(datetime(2026, 3, 29, 9, 30), DIALECT)  # noqa: DTZ001


def test_aware_datetimes_are_stored_in_utc() -> None:
    kathmandu = timezone(timedelta(hours=5, minutes=45))
    stored = UtcDateTime().process_bind_param(
        datetime(2026, 3, 29, 9, 30, tzinfo=kathmandu), DIALECT
    )
    assert stored == datetime(2026, 3, 29, 3, 45, tzinfo=UTC)
    assert stored is not None
    assert stored.tzinfo is UTC


def test_values_read_back_are_aware() -> None:
    loaded = UtcDateTime().process_result_value(datetime(2026, 3, 29, 3, 45), DIALECT)  # noqa: DTZ001
    assert loaded == datetime(2026, 3, 29, 3, 45, tzinfo=UTC)
