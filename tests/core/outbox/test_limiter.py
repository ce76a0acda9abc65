"""Slack's posting limits as the dispatcher sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.outbox.limiter import RateLimiter

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
ZERO = timedelta(0)


def test_one_message_a_second_per_channel() -> None:
    limiter = RateLimiter(messages_per_minute=300)
    assert limiter.channel_wait("T1", "C1", NOW) == ZERO
    limiter.record("T1", "C1", NOW)
    assert limiter.channel_wait("T1", "C1", NOW + timedelta(milliseconds=400)) == timedelta(
        milliseconds=600
    )
    assert limiter.channel_wait("T1", "C2", NOW) == ZERO, "other channels go on"
    assert limiter.channel_wait("T1", "C1", NOW + timedelta(seconds=1)) == ZERO


def test_the_workspace_rate_allows_a_burst_then_an_even_pace() -> None:
    limiter = RateLimiter(messages_per_minute=600)  # ten a second, bursts of up to ten
    for n in range(10):
        assert limiter.workspace_wait("T1", NOW) == ZERO
        limiter.record("T1", f"C{n}", NOW)
    assert limiter.workspace_wait("T1", NOW) == timedelta(seconds=1)
    assert limiter.workspace_wait("T2", NOW) == ZERO, "other workspaces go on"
    assert limiter.waiting_workspaces(NOW) == {"T1"}
    assert limiter.soonest_opening(NOW) == timedelta(seconds=1)
    later = NOW + timedelta(seconds=1)
    assert limiter.workspace_wait("T1", later) == ZERO
    for n in range(10):  # the bucket refilled over that second: ten more, then a wait
        assert limiter.workspace_wait("T1", later) == ZERO
        limiter.record("T1", f"C{n}", later)
    assert limiter.workspace_wait("T1", later) > ZERO


def test_a_small_rate_has_a_small_burst() -> None:
    limiter = RateLimiter(messages_per_minute=3)
    for second in range(3):
        limiter.record("T1", f"C{second}", NOW)
    assert limiter.workspace_wait("T1", NOW) == timedelta(seconds=20)


def test_a_429_pauses_only_that_workspace() -> None:
    limiter = RateLimiter(messages_per_minute=300)
    limiter.pause("T1", NOW + timedelta(seconds=30))
    assert limiter.workspace_wait("T1", NOW) == timedelta(seconds=30)
    assert limiter.workspace_wait("T2", NOW) == ZERO
    limiter.pause("T1", NOW + timedelta(seconds=5))
    assert limiter.workspace_wait("T1", NOW) == timedelta(seconds=30), (
        "a shorter pause never shortens"
    )
    assert limiter.workspace_wait("T1", NOW + timedelta(seconds=30)) == ZERO


def test_answers_through_a_response_url_have_no_channel_to_pace() -> None:
    limiter = RateLimiter(messages_per_minute=300)
    limiter.record("T1", None, NOW)
    assert limiter.channel_wait("T1", None, NOW) == ZERO
    assert limiter.workspace_wait("T1", NOW) == ZERO  # they still count towards the burst


def test_a_burst_never_takes_one_second_over_the_rate() -> None:
    limiter = RateLimiter(messages_per_minute=180)  # three a second, bursts of up to ten
    for _ in range(3):
        assert limiter.workspace_wait("T1", NOW) == ZERO
        limiter.record("T1", None, NOW)
    assert limiter.workspace_wait("T1", NOW) == timedelta(seconds=1)  # the fourth waits
    assert limiter.workspace_wait("T1", NOW + timedelta(seconds=1)) == ZERO
