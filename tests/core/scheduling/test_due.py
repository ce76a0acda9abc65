"""The one claim loop for everything due: on time claimed, late passed over or recorded,
every schedule moved on, as each kind's policy says."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.scheduling.due import (
    Due,
    DueCounts,
    DuePolicy,
    Pass,
    Window,
    claim_each,
    claim_passes,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
POLICY = DuePolicy("reminders", late_after=HOUR, batch=10, catch_up_passes=3)


@dataclass
class Item:
    """A schedule in memory: due at ``due``; moving it on puts it a day after ``after``."""

    name: str
    due: datetime | None
    step: timedelta = timedelta(days=1)


class Schedules:
    """What a feature hands the loop: its rows, and a log of what was done to them."""

    def __init__(self, *items: Item) -> None:
        self.items = list(items)
        self.limits: list[int] = []
        self.claimed: list[tuple[str, datetime]] = []
        self.recorded: list[str] = []
        self.moved: list[tuple[str, datetime]] = []

    def select(self, limit: int) -> list[Item]:
        self.limits.append(limit)
        due = [i for i in self.items if i.due is not None and i.due <= NOW]
        return sorted(due, key=lambda i: i.due or NOW)[:limit]

    def claim(self, due: Sequence[Due[Item]]) -> int:
        self.claimed.extend((d.item.name, d.at) for d in due)
        return len(due)

    def record(self, due: Sequence[Due[Item]]) -> int:
        self.recorded.extend(d.item.name for d in due)
        return len(due)

    def advance(self, item: Item, after: datetime) -> None:
        self.moved.append((item.name, after))
        item.due = after + item.step

    def run(
        self,
        policy: DuePolicy = POLICY,
        *,
        record_late: Callable[[Sequence[Due[Item]]], int] | None = None,
    ) -> DueCounts:
        return claim_each(
            policy,
            NOW,
            select=self.select,
            due_at=lambda item: item.due,
            claim=self.claim,
            advance=self.advance,
            record_late=record_late,
        )


def test_on_time_items_are_claimed_late_ones_passed_over_and_every_one_moved_on() -> None:
    on_time = Item("on time", NOW - timedelta(minutes=59))
    at_the_edge = Item("at the edge", NOW - HOUR)  # exactly the window: still on time
    late = Item("late", NOW - timedelta(hours=5))
    later = Item("not yet", NOW + timedelta(minutes=1))
    schedules = Schedules(on_time, at_the_edge, late, later)
    counts = schedules.run()
    assert counts == DueCounts(claimed=2, skipped_late=1)
    assert sorted(schedules.claimed) == [
        ("at the edge", NOW - HOUR),
        ("on time", NOW - timedelta(minutes=59)),
    ]
    assert schedules.recorded == []
    assert sorted(schedules.moved) == [
        ("at the edge", NOW - HOUR),  # on time: after its own time
        ("late", NOW - HOUR),  # late: from the window's start, never the day long gone
        ("on time", NOW - timedelta(minutes=59)),
    ]
    assert later.due == NOW + timedelta(minutes=1)  # not due: untouched


def test_a_late_item_whose_next_time_is_due_is_claimed_by_a_catch_up_pass() -> None:
    backlog = Item("after an outage", NOW - timedelta(hours=5), step=timedelta(minutes=45))
    schedules = Schedules(backlog)
    counts = schedules.run()
    # Pass 1: late, moved on to the window's start + 45 min (due); pass 2: on time.
    assert counts == DueCounts(claimed=1, skipped_late=1)
    assert schedules.claimed == [("after an outage", NOW - timedelta(minutes=15))]
    assert schedules.limits == [10, 10, 10]  # the third pass found nothing and stopped


def test_passes_take_the_policy_batch_and_stop_at_its_catch_up_passes() -> None:
    backlog = [Item(f"item {n:02d}", NOW - timedelta(minutes=n)) for n in range(12)]
    schedules = Schedules(*backlog)
    policy = DuePolicy("reminders", late_after=HOUR, batch=5, catch_up_passes=2)
    counts = schedules.run(policy)
    assert schedules.limits == [5, 5]
    assert counts == DueCounts(claimed=10, skipped_late=0)  # two left for the next tick
    assert sum(1 for item in backlog if item.due is not None and item.due <= NOW) == 2


def test_the_policy_late_window_decides_what_is_late() -> None:
    two_hours_ago = Item("two hours ago", NOW - 2 * HOUR)
    schedules = Schedules(two_hours_ago)
    counts = schedules.run(DuePolicy("check-ins", late_after=3 * HOUR, batch=1, catch_up_passes=1))
    assert counts == DueCounts(claimed=1, skipped_late=0)
    assert Schedules(Item("same", NOW - 2 * HOUR)).run() == DueCounts(claimed=0, skipped_late=1)


def test_a_policy_that_records_late_items_hands_them_over_and_counts_them_claimed() -> None:
    schedules = Schedules(Item("late", NOW - 3 * HOUR), Item("on time", NOW))
    policy = DuePolicy("check-ins", late_after=HOUR, batch=10, catch_up_passes=1, record_late=True)
    counts = schedules.run(policy, record_late=schedules.record)
    assert counts == DueCounts(claimed=2, skipped_late=1)
    assert (schedules.recorded, schedules.claimed) == (["late"], [("on time", NOW)])
    with pytest.raises(ValueError, match="record_late"):
        Schedules().run(policy)


def test_an_item_without_a_due_time_is_left_alone() -> None:
    schedules = Schedules()
    counts = claim_each(
        POLICY,
        NOW,
        select=lambda _limit: [Item("unscheduled", None)],
        due_at=lambda item: item.due,
        claim=schedules.claim,
        advance=schedules.advance,
    )
    assert counts == DueCounts()
    assert schedules.moved == []


def test_a_set_based_claim_gets_the_window_and_passes_while_it_asks_for_another(
    caplog: pytest.LogCaptureFixture,
) -> None:
    policy = DuePolicy("check-ins", late_after=2 * HOUR, batch=None, catch_up_passes=3)
    windows: list[Window] = []
    passes = iter([Pass(DueCounts(3, 2), again=True), Pass(DueCounts(1, 0), again=False)])

    def claim_pass(window: Window) -> Pass:
        windows.append(window)
        return next(passes)

    with caplog.at_level(logging.WARNING):
        counts = claim_passes(policy, NOW, claim_pass)
    assert counts == DueCounts(claimed=4, skipped_late=2)
    assert len(windows) == 2
    (window, _) = windows
    assert (window.late_before, window.late_minutes) == (NOW - 2 * HOUR, 120)
    assert window.resume_after(NOW - 5 * HOUR) == NOW - 2 * HOUR
    assert window.resume_after(NOW - HOUR) == NOW - HOUR
    assert "2 check-ins were found more than 2:00:00 late; not sent" in caplog.text


def test_catch_up_passes_never_exceed_the_policy() -> None:
    calls: list[Window] = []

    def always_more(window: Window) -> Pass:
        calls.append(window)
        return Pass(DueCounts(1, 1), again=True)

    policy = DuePolicy("reminders", late_after=HOUR, batch=None, catch_up_passes=3)
    assert claim_passes(policy, NOW, always_more) == DueCounts(3, 3)
    assert len(calls) == 3


def test_an_item_by_item_claim_needs_a_batch_size() -> None:
    with pytest.raises(ValueError, match="batch"):
        Schedules().run(DuePolicy("check-ins", late_after=HOUR, batch=None, catch_up_passes=1))


@pytest.mark.parametrize(
    ("late_after", "batch", "passes"),
    [(timedelta(0), 1, 1), (HOUR, 0, 1), (HOUR, 1, 0)],
)
def test_a_policy_that_could_claim_nothing_is_refused(
    late_after: timedelta, batch: int, passes: int
) -> None:
    with pytest.raises(ValueError, match="reminders"):
        DuePolicy("reminders", late_after=late_after, batch=batch, catch_up_passes=passes)
