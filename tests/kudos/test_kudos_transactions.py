"""A ``/kudos`` is one transaction: the rules, the directory (and Slack when it lacks someone),
the kudos and its messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from bot.kudos.models import Kudos
from bot.members.models import Member
from tests.fakeslack import FakeSlack
from tests.support.kudos import BOB, CARA, add_people, kudos_command
from tests.support.running import RunningApp


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


@contextmanager
def counted_transactions(engine: Engine) -> Iterator[list[object]]:
    """Every transaction begun on ``engine`` while the block runs."""
    begun: list[object] = []

    def count(connection: Any) -> None:
        begun.append(connection)

    event.listen(engine, "begin", count)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", count)


def synced(app: RunningApp, fake_slack: FakeSlack) -> None:
    """The member directory as the daily sync leaves it: everyone known."""
    kindling = app.kindling
    kindling.directory.sync(kindling.unit_of_work, fake_slack.team_id, kindling.clock.now())


def test_a_kudos_with_everyone_known_runs_in_one_transaction(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    synced(running_app, fake_slack)
    with counted_transactions(running_app.kindling.engine) as begun:
        answer = kudos_command(running_app, fake_slack, f"<@{BOB}> <@{CARA}> for pairing #teamwork")
    assert answer.status == 200
    assert len(begun) == 1  # the kudos settings (not yet cached), the directory, the write
    with running_app.kindling.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Kudos)) == 1


def test_a_refused_kudos_asks_slack_about_nobody(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    mentions = " ".join(f"<@U{n:08d}>" for n in range(30))  # more people than a kudos may name
    with counted_transactions(running_app.kindling.engine) as begun:
        answer = kudos_command(running_app, fake_slack, f"{mentions} for everything")
    assert answer.status == 200
    assert "at most" in answer.json()["text"]
    assert fake_slack.calls("users.info") == []
    assert len(begun) == 1


def test_a_kudos_for_someone_the_directory_lacks_is_still_one_transaction(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    """Nobody is in the directory yet (no sync ran): Slack is asked about the giver and both
    recipients before anything is written, inside the same unit of work."""
    with counted_transactions(running_app.kindling.engine) as begun:
        answer = kudos_command(running_app, fake_slack, f"<@{BOB}> <@{CARA}> for pairing #teamwork")
    assert answer.status == 200
    assert len(fake_slack.calls("users.info")) == 3
    assert len(begun) == 1
    with running_app.kindling.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Kudos)) == 1
        assert connection.scalar(select(func.count()).select_from(Member)) == 3
