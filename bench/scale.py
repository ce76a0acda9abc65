"""Kindling at a million members: the tick and one process's memory, on PostgreSQL.

Two databases are seeded with ``COPY`` (see ``bench.scale_seed``): 100,000 members over 1,000
workspaces, and 1,000,000 over 10,000, in zones weighted like real teams, with check-in times
over 08:00-10:30. On each, in the same run (see ``bench.scale_tick``):

- the tick with nothing due (23:59 UTC the evening before), ``IDLE_RUNS`` times: the check-in
  claim alone, and the composition root's whole database tick (every job);
- a simulated day: 1,440 ticks of the composition root's ticker with a manual clock, one per
  UTC minute; each tick must claim exactly the check-ins that fell due in its minute, and
  afterwards the outbox must hold exactly one check-in per member, for the local date and
  minute it was due (checked; a failure exits non-zero);
- the busiest minute's claim again, ``BUSIEST_RUNS`` times, its members put back as they were
  before its tick: its cost per due check-in, at 1,000,000 against 100,000.

Then ``bench.scale_memory``: the resident memory of one Kindling process serving 10,000 OAuth
workspaces through a simulated day (see there for what is driven and how).

Targets (printed, never asserted): the tick with nothing due <= 10 ms; the busiest minute's
cost per due check-in at 1M within 1.2x of that at 100k; no tick of the day over 5 s; the
process's memory <= 150 MB and flat.

Run: ``python -m bench.scale [--members N] [--baseline N] [--postgres-url URL] [--no-memory]
[--memory-only]`` (member counts are multiples of 100; a fresh database is created on the
server for each size and dropped afterwards).
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench.scale_memory import run_memory
from bench.scale_seed import MEMBERS_PER_WORKSPACE, populate, write_population
from bench.scale_tick import BUSIEST_RUNS, IDLE_RUNS, MINUTES_IN_A_DAY, TickFigures, measure
from bench.seeding import postgres_database, postgres_problem, postgres_server, settle_database
from bot.core.store.engine import build_engine

IDLE_TARGET = 0.010
PER_DUE_RATIO_TARGET = 1.2
TICK_LIMIT = 5.0


def run_size(server_url: str | None, members: int) -> TickFigures:
    """Seed a fresh database with ``members`` and measure its tick."""
    server = postgres_server(server_url)
    population = populate(members // MEMBERS_PER_WORKSPACE)
    with postgres_database(server, f"scale_{members}") as url:
        engine = build_engine(url)
        try:
            seconds = write_population(engine, population)
            settle_database(engine)
            print(
                f"seeded {population.members:,} members in {population.workspaces:,} workspaces "
                f"({len(set(population.zones))} zones) with COPY in {seconds:.1f} s",
                flush=True,
            )
            return measure(url, engine, population)
        finally:
            engine.dispose()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def print_tick(small: TickFigures, large: TickFigures, sizes: tuple[int, int]) -> None:
    """The table of both sizes side by side, then each target."""
    header = f"{sizes[0]:,} members"
    print(f"\n{'':58s} {header:>16s} {f'{sizes[1]:,} members':>18s} {'ratio':>7s}")

    def row(label: str, left: float, right: float, unit: str = "ms") -> None:
        shown = (_ms(left), _ms(right)) if unit == "ms" else (f"{left:,.0f}", f"{right:,.0f}")
        ratio = f"{right / left:6.2f}x" if left else "      -"
        print(f"{label:58s} {shown[0]:>13s} {unit:2s} {shown[1]:>15s} {unit:2s} {ratio}")

    median, top = statistics.median, max
    row(f"idle: check-in claim alone, median of {IDLE_RUNS}", *_pair(small, large, "idle_claim"))
    row("idle: whole database tick (every job), median", *_pair(small, large, "idle_tick"))
    row("idle: whole database tick, max", top(small.idle_tick), top(large.idle_tick))
    print(
        f"busiest minute: {small.busiest_at:%H:%M} UTC with {small.busiest_due:,} due / "
        f"{large.busiest_at:%H:%M} UTC with {large.busiest_due:,} due"
    )
    row(
        f"busiest minute: claim, median of {BUSIEST_RUNS} repeats",
        median(small.busiest_again),
        median(large.busiest_again),
    )
    row("busiest minute: claim, in the day's tick", small.busiest_in_day, large.busiest_in_day)
    row("busiest minute: cost per due check-in (us)", small.per_due * 1e6, large.per_due * 1e6, "")
    row(f"day: {MINUTES_IN_A_DAY:,} ticks, wall time (s)", small.day_seconds, large.day_seconds, "")
    row("day: tick median", median(small.day_ticks), median(large.day_ticks))
    row("day: tick p99", _p99(small.day_ticks), _p99(large.day_ticks))
    row("day: slowest tick", top(small.day_ticks), top(large.day_ticks))
    row("day: slowest check-in claim", top(small.day_claims), top(large.day_claims))
    row("day: ticks with nothing due, median", _quiet(small), _quiet(large))
    row("day: check-ins claimed", sum(small.day_claimed), sum(large.day_claimed), "")
    row("day: tables analyzed in autovacuum's stead", small.analyzed, large.analyzed, "")
    names = {job for f in (small, large) for jobs in f.idle_jobs + f.day_jobs for job in jobs}
    for phase in ("idle", "quiet"):
        for job in sorted(names):
            left, right = (_job_mean(figures, phase, job) for figures in (small, large))
            row(f"{phase} tick, mean: {job}", left, right)
    _print_targets(small, large)


def _job_mean(figures: TickFigures, phase: str, job: str) -> float:
    """One job's mean seconds (0 in a tick it did not run) in the idle ticks, or in the
    day's ticks that claimed no check-in."""
    if phase == "idle":
        ticks = figures.idle_jobs
    else:
        pairs = zip(figures.day_jobs, figures.day_claimed, strict=True)
        ticks = [jobs for jobs, claimed in pairs if not claimed]
    return statistics.mean(jobs.get(job, 0.0) for jobs in ticks)


def _pair(small: TickFigures, large: TickFigures, name: str) -> tuple[float, float]:
    return statistics.median(getattr(small, name)), statistics.median(getattr(large, name))


def _quiet(figures: TickFigures) -> float:
    ticks = zip(figures.day_ticks, figures.day_claimed, strict=True)
    return statistics.median(seconds for seconds, claimed in ticks if not claimed)


def _p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99)]


def _print_targets(small: TickFigures, large: TickFigures) -> None:
    for figures, label in ((small, "baseline"), (large, "scale")):
        idle = statistics.median(figures.idle_tick)
        claim = statistics.median(figures.idle_claim)
        print(
            f"target ({label}: tick with nothing due <= {_ms(IDLE_TARGET)} ms): whole tick "
            f"{_verdict(idle <= IDLE_TARGET)} ({_ms(idle)} ms); check-in claim alone "
            f"{_verdict(claim <= IDLE_TARGET)} ({_ms(claim)} ms)"
        )
    ratio = large.per_due / small.per_due
    print(
        f"target (per-due cost at scale <= {PER_DUE_RATIO_TARGET}x the baseline's): "
        f"{_verdict(ratio <= PER_DUE_RATIO_TARGET)} ({ratio:.2f}x)"
    )
    for figures, label in ((small, "baseline"), (large, "scale")):
        slowest = max(figures.day_ticks)
        print(
            f"target ({label}: no tick of the day over {TICK_LIMIT:.0f} s): "
            f"{_verdict(slowest <= TICK_LIMIT)} (slowest {slowest:.2f} s)"
        )
    for figures, label in ((small, "baseline"), (large, "scale")):
        outcome = "every due check-in claimed exactly once, in its minute"
        print(f"check ({label}): {'; '.join(figures.problems) if figures.problems else outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=100_000)
    parser.add_argument("--postgres-url", default=None, help="a server to create databases on")
    parser.add_argument("--workspaces", type=int, default=10_000, help="for the memory run")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory run")
    parser.add_argument("--memory-only", action="store_true", help="only the memory run")
    args = parser.parse_args()
    problem = postgres_problem(postgres_server(args.postgres_url))
    if problem is not None:
        sys.exit(f"bench.scale needs PostgreSQL: {problem}")
    correct = True
    if not args.memory_only:
        sizes = (args.baseline, args.members)
        print(f"Tick at scale on PostgreSQL: {sizes[0]:,} and {sizes[1]:,} members", flush=True)
        small, large = (run_size(args.postgres_url, size) for size in sizes)
        print_tick(small, large, sizes)
        correct = not small.problems and not large.problems
    if not args.no_memory:
        correct &= run_memory(args.postgres_url, args.workspaces)
    if not correct:
        sys.exit(1)


if __name__ == "__main__":
    main()
