"""``/checkin`` text: every form it accepts, and a named problem for everything else."""

from __future__ import annotations

from datetime import date

import pytest

from bot.checkins.text import Action, CheckinProblem, CheckinRequest, parse_checkin_text
from bot.core.localtime import MONDAY_TO_FRIDAY
from bot.core.phrases import phrase

MON_TO_THU = 0b0001111

CASES: list[tuple[str, CheckinRequest | CheckinProblem]] = [
    ("", CheckinRequest(Action.SHOW)),
    ("   ", CheckinRequest(Action.SHOW)),
    ("status", CheckinRequest(Action.SHOW)),
    ("help", CheckinRequest(Action.HELP)),
    ("on", CheckinRequest(Action.ON)),
    ("ON", CheckinRequest(Action.ON)),
    ("off", CheckinRequest(Action.OFF)),
    ("team", CheckinRequest(Action.TEAM)),
    ("resume", CheckinRequest(Action.RESUME)),
    ("pulse", CheckinRequest(Action.PULSE)),
    ("time 08:45", CheckinRequest(Action.TIME, local_minute=525)),
    ("time 8.45", CheckinRequest(Action.TIME, local_minute=525)),
    ("days mon-thu", CheckinRequest(Action.DAYS, days=MON_TO_THU)),
    ("days weekdays", CheckinRequest(Action.DAYS, days=MONDAY_TO_FRIDAY)),
    ("pause 3d", CheckinRequest(Action.PAUSE_FOR, days=3)),
    ("pause 3 days", CheckinRequest(Action.PAUSE_FOR, days=3)),
    ("pause 2w", CheckinRequest(Action.PAUSE_FOR, days=14)),
    ("pause until 2026-12-28", CheckinRequest(Action.PAUSE_UNTIL, until=date(2026, 12, 28))),
    ("on please", CheckinProblem("extra_words", "please")),
    ("time", CheckinProblem("bad_time", "")),
    ("time 25:00", CheckinProblem("bad_time", "25:00")),
    ("time 9am", CheckinRequest(Action.TIME, local_minute=540)),
    ("time 9:30 PM", CheckinRequest(Action.TIME, local_minute=1290)),
    ("time 12am", CheckinRequest(Action.TIME, local_minute=0)),
    ("time 12pm", CheckinRequest(Action.TIME, local_minute=720)),
    ("time 9", CheckinProblem("bad_time", "9")),
    ("time 13pm", CheckinProblem("bad_time", "13pm")),
    ("time 0am", CheckinProblem("bad_time", "0am")),
    ("days", CheckinProblem("bad_days", "")),
    ("days someday", CheckinProblem("bad_days", "someday")),
    ("pause", CheckinProblem("bad_pause", "")),
    ("pause forever", CheckinProblem("bad_pause", "forever")),
    ("pause 0d", CheckinProblem("bad_pause", "0d")),
    ("pause 400d", CheckinProblem("pause_too_long", "400d")),
    ("pause until tomorrow", CheckinProblem("bad_pause_date", "tomorrow")),
    ("pause until 2026-02-30", CheckinProblem("bad_pause_date", "2026-02-30")),
    ("sometimes", CheckinProblem("unknown", "sometimes")),
    ("team off", CheckinRequest(Action.TEAM_OFF)),
    ("team OFF", CheckinRequest(Action.TEAM_OFF)),
    ("team everyone", CheckinProblem("extra_words", "everyone")),
    ("hours 09:00-18:00", CheckinRequest(Action.HOURS, hours=(540, 1080))),
    ("hours 8am-4:30pm", CheckinRequest(Action.HOURS, hours=(480, 990))),
    ("hours 22:00-06:00", CheckinRequest(Action.HOURS, hours=(1320, 360))),  # a night shift
    ("hours 9-5", CheckinProblem("bad_hours", "9-5")),
    ("hours 09:00", CheckinProblem("bad_hours", "09:00")),
    ("hours", CheckinProblem("bad_hours", "")),
    ("hours 09:00-09:30", CheckinProblem("hours_too_short", "09:00-09:30")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_checkin_text(text: str, expected: CheckinRequest | CheckinProblem) -> None:
    assert parse_checkin_text(text) == expected


@pytest.mark.parametrize("key", sorted({c.key for _, c in CASES if isinstance(c, CheckinProblem)}))
def test_every_problem_has_a_kind_phrase_with_an_example(key: str) -> None:
    text = phrase(f"checkin.problems.{key}", text="x")
    assert "/checkin" in text
