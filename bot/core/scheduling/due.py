"""Claiming what is due, once, whatever runs: one loop for every kind of scheduled message.

Each kind (check-ins, break slots, recaps) declares a :class:`DuePolicy` as data: how late an
item may be found and still be sent, how many items one pass takes, and how many catch-up
passes a tick may make after an outage. The kind gives the loop small callables (select what
is due, claim the items found on time, move a schedule on); the loop decides what is on time,
passes over (or records) what is too late, and always moves schedules on, from no earlier
than the start of the late window, so a day long gone is never claimed again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DuePolicy:
    """How one kind of scheduled message is claimed."""

    name: str  # for the logs: "check-ins", "break reminders"
    late_after: timedelta  # found later than this after its time, an item is not sent
    batch: int | None  # the most items one pass takes; None: all at once (a set-based claim)
    catch_up_passes: int  # passes a tick may make, so an outage's backlog ends with today's
    record_late: bool = False  # a late item is written as skipped_late (else passed over)

    def __post_init__(self) -> None:
        if self.late_after <= timedelta(0):
            raise ValueError(f"{self.name}: the late window must be longer than nothing")
        if self.batch is not None and self.batch < 1:
            raise ValueError(f"{self.name}: a batch takes at least one item")
        if self.catch_up_passes < 1:
            raise ValueError(f"{self.name}: a tick makes at least one pass")


@dataclass(frozen=True, slots=True)
class Window:
    """A policy's late window at one tick's ``now``."""

    policy: DuePolicy
    now: datetime

    @property
    def late_before(self) -> datetime:
        """Items due before this are too late."""
        return self.now - self.policy.late_after

    @property
    def late_minutes(self) -> int:
        return int(self.policy.late_after.total_seconds() // 60)

    def is_late(self, due: datetime) -> bool:
        return due < self.late_before

    def resume_after(self, due: datetime) -> datetime:
        """Where a schedule due at ``due`` moves on from: after ``due``, but within the window
        (after an outage it catches up on what is still on time, never on a day long gone)."""
        return max(due, self.late_before)


@dataclass(frozen=True, slots=True)
class DueCounts:
    """What claiming did: items claimed (recorded late ones included), and items found late."""

    claimed: int = 0
    skipped_late: int = 0

    def __add__(self, other: DueCounts) -> DueCounts:
        return DueCounts(self.claimed + other.claimed, self.skipped_late + other.skipped_late)


@dataclass(frozen=True, slots=True)
class Pass:
    """One pass's counts, and whether it may have left something due now (moving a schedule
    on past a late item can make its next one due at once): then another pass is worth it."""

    counts: DueCounts
    again: bool


@dataclass(frozen=True, slots=True)
class Due(Generic[T]):
    """An item found due, and when it was due."""

    item: T
    at: datetime


def claim_passes(
    policy: DuePolicy, now: datetime, claim_pass: Callable[[Window], Pass]
) -> DueCounts:
    """Run ``claim_pass`` (which claims what is due in the window, as the policy says, and moves
    schedules on) up to the policy's passes, while a pass says another is worth it."""
    window = Window(policy, now)
    total = DueCounts()
    for _ in range(policy.catch_up_passes):
        done = claim_pass(window)
        total += done.counts
        if done.counts.skipped_late:
            logger.warning(
                "%d %s were found more than %s late; not sent",
                done.counts.skipped_late,
                policy.name,
                policy.late_after,
            )
        if not done.again:
            break
    return total


def claim_each(  # noqa: PLR0913  # keyword-only: the policy and its four small callables
    policy: DuePolicy,
    now: datetime,
    *,
    select: Callable[[int], Sequence[T]],
    due_at: Callable[[T], datetime | None],
    claim: Callable[[Sequence[Due[T]]], int],
    advance: Callable[[T, datetime], None],
    record_late: Callable[[Sequence[Due[T]]], int] | None = None,
) -> DueCounts:
    """Claim, item by item, what ``select(batch)`` finds due: ``claim`` gets those on time and
    says how many it claimed; late ones are passed over, or given to ``record_late`` when the
    policy records them; every item is moved on (``advance(item, after)``). An item with no
    due time (``due_at`` None) is left alone. Passes go on while a pass finds anything."""
    if policy.batch is None:
        raise ValueError(f"{policy.name}: an item-by-item claim takes a batch size")
    if policy.record_late and record_late is None:
        raise ValueError(f"{policy.name}: the policy records late items; give record_late")
    batch, recorder = policy.batch, record_late if policy.record_late else None

    def one_pass(window: Window) -> Pass:
        rows = select(batch)
        found = [Due(row, at) for row in rows if (at := due_at(row)) is not None]
        late = [due for due in found if window.is_late(due.at)]
        claimed = claim([due for due in found if not window.is_late(due.at)])
        if late and recorder is not None:
            claimed += recorder(late)
        for due in found:
            advance(due.item, window.resume_after(due.at))
        return Pass(DueCounts(claimed, len(late)), again=bool(rows))

    return claim_passes(policy, now, one_pass)
