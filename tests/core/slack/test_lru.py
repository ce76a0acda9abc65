"""The per-workspace and per-token caches keep only the entries used most recently."""

from __future__ import annotations

import pytest

from bot.core.slack.lru import LruDict


def test_one_entry_too_many_forgets_the_least_recently_used() -> None:
    cache: LruDict[str, int] = LruDict(2)
    cache["T1"] = 1
    cache["T2"] = 2
    assert cache["T1"] == 1  # a use: T2 is now the least recently used
    cache["T3"] = 3
    assert list(cache) == ["T1", "T3"]


def test_finding_a_key_or_recalling_it_counts_as_a_use() -> None:
    cache: LruDict[str, int] = LruDict(2)
    cache["T1"], cache["T2"] = 1, 2
    assert "T1" in cache
    cache["T3"] = 3
    assert "T2" not in cache
    assert cache.recall("T1") == 1
    assert cache.recall("T2") is None
    cache["T4"] = 4
    assert list(cache) == ["T1", "T4"]


def test_a_cache_keeps_at_least_one_entry() -> None:
    with pytest.raises(ValueError, match="at least one"):
        LruDict(0)
