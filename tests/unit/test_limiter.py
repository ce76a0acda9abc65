"""Slack's posting limits as the dispatcher sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.outbox.limiter import RateLimiter

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
ZERO = timedelta(0)


def test_one_message_a_second_per_channel() -> None:
    limiter = RateLimiter(messages_per_minute=300)
    assert limiter.wait_needed("T1", "C1", NOW) == ZERO
    limiter.record("T1", "C1", NOW)
    assert limiter.wait_needed("T1", "C1", NOW + timedelta(milliseconds=400)) == timedelta(
        milliseconds=600
    )
    assert limiter.wait_needed("T1", "C2", NOW) == ZERO, "other channels go on"
    assert limiter.wait_needed("T1", "C1", NOW + timedelta(seconds=1)) == ZERO


def test_the_workspace_rate_caps_all_channels() -> None:
    limiter = RateLimiter(messages_per_minute=3)
    for second in range(3):
        limiter.record("T1", f"C{second}", NOW + timedelta(seconds=second))
    assert limiter.wait_needed("T1", "C9", NOW + timedelta(seconds=3)) == timedelta(seconds=57)
    assert limiter.wait_needed("T2", "C9", NOW + timedelta(seconds=3)) == ZERO
    assert limiter.wait_needed("T1", "C9", NOW + timedelta(seconds=60)) == ZERO


def test_a_429_pauses_only_that_workspace() -> None:
    limiter = RateLimiter(messages_per_minute=300)
    limiter.pause("T1", NOW + timedelta(seconds=30))
    assert limiter.wait_needed("T1", "C1", NOW) == timedelta(seconds=30)
    assert limiter.wait_needed("T2", "C1", NOW) == ZERO
    limiter.pause("T1", NOW + timedelta(seconds=5))
    assert limiter.wait_needed("T1", "C1", NOW) == timedelta(seconds=30), (
        "a shorter pause never shortens"
    )
    assert limiter.wait_needed("T1", "C1", NOW + timedelta(seconds=30)) == ZERO
