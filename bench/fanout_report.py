"""What a ``bench.fanout`` run prints: one line per driver, the ratios and the targets."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from bot.core.outbox.values import OutboxStatus

TARGET_RATIO = 1.1  # of the cap's floor
ROUND_TRIP_TARGET = 0.8  # throughput at Slack's round trip over that at 0 ms


@dataclass(frozen=True)
class Outcome:
    """One driver's run."""

    driver: str
    seconds: float
    finished: bool
    statuses: dict[str, int]
    rate_limited: int
    most_in_a_window: int
    duplicates: int
    losses: int
    send_calls: int
    send_seconds: float
    latency_ms: float
    concurrency: int


def print_outcomes(
    database: str,
    messages: int,
    args: argparse.Namespace,
    per_minute: int,
    outcomes: list[Outcome],
) -> None:
    floor = messages / (args.cap * args.workspaces)
    print(
        f"== {database}: {messages:,} check-ins to {args.workspaces} workspace(s); fake Slack "
        f"cap {args.cap}/s each (429 + Retry-After: 1), limiter {per_minute}/min; "
        f"floor {floor:.1f} s =="
    )
    print(
        f"{'driver/conc@rtt':18s} {'seconds':>8s} {'x floor':>8s} {'msg/s':>7s} {'429s':>5s} "
        f"{'max/1s':>6s} {'in send':>8s} {'dups':>5s} {'lost':>5s}  statuses"
    )
    for outcome in outcomes:
        print(
            f"{outcome.driver:18s} {outcome.seconds:8.1f} {outcome.seconds / floor:8.2f} "
            f"{_throughput(outcome):7.1f} {outcome.rate_limited:5d} "
            f"{outcome.most_in_a_window:6d} {outcome.send_seconds:7.1f}s "
            f"{outcome.duplicates:5d} {outcome.losses:5d}  "
            f"{', '.join(f'{k}={v}' for k, v in sorted(outcome.statuses.items()))}"
            f"{'' if outcome.finished else '  (TIMED OUT)'}"
        )
    at_zero = {outcome.concurrency: outcome for outcome in outcomes if not outcome.latency_ms}
    for outcome in outcomes:
        baseline = at_zero.get(outcome.concurrency)
        if outcome.latency_ms and baseline is not None:
            ratio = _throughput(outcome) / _throughput(baseline)
            print(
                f"msg/s at {outcome.latency_ms:g} ms / at 0 ms ({outcome.driver}): {ratio:.2f} "
                f"(target >= {ROUND_TRIP_TARGET})"
            )
    for outcome in outcomes:
        met = (
            outcome.finished
            and outcome.seconds / floor <= TARGET_RATIO
            and outcome.duplicates == outcome.losses == 0
        )
        print(
            f"{outcome.driver}: target <= {TARGET_RATIO}x floor "
            f"{'met' if met else 'NOT met'}; duplicates {outcome.duplicates}, "
            f"losses {outcome.losses}; {outcome.send_calls} Slack calls"
        )


def _throughput(outcome: Outcome) -> float:
    return outcome.statuses.get(OutboxStatus.SENT, 0) / outcome.seconds
