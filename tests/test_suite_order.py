"""How the suite spreads over its workers: the heavy tests first, handed out one at a time."""

from __future__ import annotations

import pytest


def test_heavy_tests_are_collected_before_the_rest(request: pytest.FixtureRequest) -> None:
    heavy = [item.get_closest_marker("heavy") is not None for item in request.session.items]
    if all(heavy) or not any(heavy):
        pytest.skip("the order shows only when heavy and light tests are collected together")
    first_light = heavy.index(False)
    assert not any(heavy[first_light:]), "a heavy test is collected after a light one"


def test_workers_are_handed_one_test_at_a_time(pytestconfig: pytest.Config) -> None:
    """With xdist's default chunks the first worker gets every heavy test, one after another."""
    assert pytestconfig.getoption("maxschedchunk") == 1
