"""Each kind's late window, batch and catch-up passes, as data: changing one fails here first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.breaks.service.claims import BREAKS
from bot.checkins.service.claims import CHECKINS
from bot.config import Settings
from bot.core.scheduling.due import DuePolicy
from bot.recaps.service.claims import KINDNESS_RECAPS, WEEKLY_RECAPS


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(
            CHECKINS,
            DuePolicy(
                "check-ins",
                late_after=timedelta(hours=2),
                batch=None,  # set-based: every due check-in in one statement
                catch_up_passes=3,
                record_late=True,  # written skipped_late, never sent
            ),
            id="check-ins",
        ),
        pytest.param(
            BREAKS,
            DuePolicy(
                "break reminders", late_after=timedelta(minutes=30), batch=500, catch_up_passes=3
            ),
            id="breaks",
        ),
        pytest.param(
            WEEKLY_RECAPS,
            DuePolicy(
                "weekly recaps", late_after=timedelta(hours=12), batch=1000, catch_up_passes=1
            ),
            id="weekly recaps",
        ),
        pytest.param(
            KINDNESS_RECAPS,
            DuePolicy(
                "kindness recaps", late_after=timedelta(hours=12), batch=100, catch_up_passes=1
            ),
            id="kindness recaps",
        ),
    ],
)
def test_each_kind_keeps_its_policy(policy: DuePolicy, expected: DuePolicy) -> None:
    assert policy == expected


def test_the_check_in_setting_defaults_to_the_check_in_late_window() -> None:
    default = Settings.model_fields["kindling_checkin_late_minutes"].default
    assert timedelta(minutes=default) == CHECKINS.late_after
