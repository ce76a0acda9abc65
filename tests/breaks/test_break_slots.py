"""Break reminder slots, the /breaks parser, and the no-repeat rule for prompts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.breaks.prompts import NO_REPEAT_WITHIN, choose_prompt
from bot.breaks.slots import Cadence, Window, next_slot, slots_on
from bot.breaks.text import BreaksAction, BreaksProblem, BreaksRequest, parse_breaks_text
from bot.core.localtime import EVERY_DAY, MONDAY_TO_FRIDAY
from bot.core.phrases import break_prompt, break_prompt_keys, phrase

WORKDAY = Window(10 * 60, 17 * 60)
NAGGING = re.compile(r"\b(should|must|need to|lazy|haven't|forgot)\b", re.IGNORECASE)


def local_times(day: date, cadence: Cadence) -> list[str]:
    zone = ZoneInfo(cadence.tz)
    return [slot.astimezone(zone).strftime("%H:%M") for slot in slots_on(day, cadence)]


def test_slots_start_at_the_window_start_and_stop_before_its_end() -> None:
    cadence = Cadence(60, WORKDAY, EVERY_DAY, "Europe/Berlin")
    assert local_times(date(2026, 11, 25), cadence) == [
        "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00",
    ]  # fmt: skip


def test_an_interval_that_does_not_divide_the_window_stops_at_the_last_whole_step() -> None:
    cadence = Cadence(90, WORKDAY, EVERY_DAY, "Europe/Berlin")
    assert local_times(date(2026, 11, 25), cadence) == ["10:00", "11:30", "13:00", "14:30", "16:00"]
    odd = Cadence(50, Window(9 * 60 + 15, 11 * 60), EVERY_DAY, "UTC")
    assert local_times(date(2026, 11, 25), odd) == ["09:15", "10:05", "10:55"]


def test_no_slots_on_days_off() -> None:
    cadence = Cadence(90, WORKDAY, MONDAY_TO_FRIDAY, "Europe/Berlin")
    assert slots_on(date(2026, 11, 28), cadence) == []  # a Saturday
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    upcoming = next_slot(friday_evening, cadence)
    assert upcoming == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday 10:00 in Berlin


@pytest.mark.parametrize(
    ("tz", "day"),
    [
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
        ("Europe/London", date(2026, 3, 29)),
        ("Europe/London", date(2026, 10, 25)),
        ("Australia/Lord_Howe", date(2026, 4, 5)),
        ("Australia/Lord_Howe", date(2026, 10, 4)),
    ],
)
def test_dst_days_keep_the_wall_clock_times(tz: str, day: date) -> None:
    cadence = Cadence(90, WORKDAY, EVERY_DAY, tz)
    assert local_times(day, cadence) == ["10:00", "11:30", "13:00", "14:30", "16:00"]


def test_a_window_through_the_skipped_hour_has_each_slot_once() -> None:
    cadence = Cadence(30, Window(60, 4 * 60), EVERY_DAY, "America/New_York")  # 01:00-04:00
    times = local_times(date(2026, 3, 8), cadence)  # 02:00-03:00 does not exist that day
    assert times == ["01:00", "01:30", "03:00", "03:30"]
    assert len(times) == len(set(times))


def test_a_snoozed_day_is_skipped() -> None:
    cadence = Cadence(90, WORKDAY, EVERY_DAY, "Europe/Berlin")
    morning = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert next_slot(morning, cadence, not_on=date(2026, 11, 25)) == datetime(
        2026, 11, 26, 9, 0, tzinfo=UTC
    )


def test_a_window_must_start_before_it_ends() -> None:
    with pytest.raises(ValueError, match="starts before it ends"):
        Window(17 * 60, 10 * 60)


CASES: list[tuple[str, BreaksRequest | BreaksProblem]] = [
    ("", BreaksRequest(BreaksAction.HELP)),
    ("help", BreaksRequest(BreaksAction.HELP)),
    ("status", BreaksRequest(BreaksAction.STATUS)),
    ("off", BreaksRequest(BreaksAction.OFF)),
    ("now", BreaksRequest(BreaksAction.NOW)),
    ("me on", BreaksRequest(BreaksAction.ME_ON)),
    ("ME  OFF", BreaksRequest(BreaksAction.ME_OFF)),
    ("on", BreaksRequest(BreaksAction.ON)),
    ("on every 90m", BreaksRequest(BreaksAction.ON, interval=90)),
    ("on every 2h", BreaksRequest(BreaksAction.ON, interval=120)),
    (
        "on tz Europe/Berlin mon-thu 09:30-18:00 every 45m",
        BreaksRequest(
            BreaksAction.ON,
            interval=45,
            window=Window(570, 1080),
            workdays=0b0001111,
            tz="Europe/Berlin",
        ),
    ),
    ("on every day", BreaksRequest(BreaksAction.ON, workdays=EVERY_DAY)),
    ("on every 20m", BreaksProblem("interval_out_of_range", "20m")),
    ("on every 5h", BreaksProblem("interval_out_of_range", "5h")),
    ("on every often", BreaksProblem("bad_interval", "often")),
    ("on every", BreaksProblem("bad_interval", "")),
    ("on 22:00-02:00", BreaksProblem("window_crosses_midnight", "22:00-02:00")),
    ("on 10:00-10:00", BreaksProblem("window_crosses_midnight", "10:00-10:00")),
    ("on 10:00-25:00", BreaksProblem("bad_window", "10:00-25:00")),
    ("on 9am-5pm", BreaksRequest(BreaksAction.ON, window=Window(540, 1020))),
    ("on 9:30am-5:15pm", BreaksRequest(BreaksAction.ON, window=Window(570, 1035))),
    ("on 5pm-9am", BreaksProblem("window_crosses_midnight", "5pm-9am")),
    ("on 9am-13pm", BreaksProblem("bad_window", "9am-13pm")),
    ("on tz Mars/Olympus", BreaksProblem("bad_tz", "Mars/Olympus")),
    ("on sometimes", BreaksProblem("unknown_part", "sometimes")),
    ("dance", BreaksProblem("unknown", "dance")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_breaks_text(text: str, expected: BreaksRequest | BreaksProblem) -> None:
    assert parse_breaks_text(text) == expected


@pytest.mark.parametrize("key", sorted({c.key for _, c in CASES if isinstance(c, BreaksProblem)}))
def test_every_breaks_problem_has_a_phrase_with_an_example(key: str) -> None:
    assert "/breaks" in phrase(f"breaks.problems.{key}", text="x")


def test_the_phrase_file_has_at_least_40_gentle_prompts_in_seven_categories() -> None:
    keys = break_prompt_keys()
    assert len(keys) >= 40
    assert {key.split(".")[0] for key in keys} == {
        "move", "outdoors", "water", "eyes", "breathe", "connect", "rest",
    }  # fmt: skip
    for key in keys:
        assert not NAGGING.search(break_prompt(key)), key


def test_no_prompt_repeats_within_20_over_500_slots() -> None:
    keys = break_prompt_keys()
    history: list[str] = []
    start = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    for step in range(500):
        slot = start + timedelta(minutes=90 * step)
        history.append(choose_prompt(keys, history, seed=f"7:{slot.isoformat()}"))
    for index, prompt in enumerate(history):
        assert prompt not in history[max(0, index - NO_REPEAT_WITHIN) : index], index
    assert len(set(history)) == len(keys)  # every prompt gets its turn
