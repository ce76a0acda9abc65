"""Member details come from the directory; ``users.info`` only on a miss or when stale."""

from __future__ import annotations

from datetime import timedelta

from bot.members.repository import MemberRepository
from tests.fakeslack import FakeSlack
from tests.support.clock import ManualClock
from tests.support.kudos import BOB, GIVER, add_people, kudos_command
from tests.support.running import RunningApp


def test_users_info_is_called_only_on_a_miss_and_after_a_day(
    running_app: RunningApp, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    add_people(fake_slack)
    kudos_command(running_app, fake_slack, f"<@{BOB}> thanks")
    looked_up = sorted(call.args["user"] for call in fake_slack.calls("users.info"))
    assert looked_up == sorted([GIVER, BOB])

    clock.advance(timedelta(hours=23))
    kudos_command(running_app, fake_slack, f"<@{BOB}> thanks again")
    assert len(fake_slack.calls("users.info")) == 2, "cached for a day"

    clock.advance(timedelta(hours=2))
    kudos_command(running_app, fake_slack, f"<@{BOB}> and once more")
    assert len(fake_slack.calls("users.info")) == 4, "refreshed when older than a day"


def test_the_directory_sync_pages_through_users_list(
    running_app: RunningApp, fake_slack: FakeSlack
) -> None:
    add_people(fake_slack)
    running_app.kindling.ticker.tick()
    assert len(fake_slack.calls("users.list")) >= 3, "pages of 200, fake pages of 2"
    kudos_command(running_app, fake_slack, f"<@{BOB}> thanks")
    assert fake_slack.calls("users.info") == [], "the synced directory answers"
    with running_app.kindling.unit_of_work() as uow:
        bob = uow.repository(MemberRepository).get(fake_slack.team_id, BOB)
        assert bob is not None
        assert bob.tz == "Europe/London"
    running_app.kindling.ticker.tick()
    assert len(fake_slack.calls("users.list")) == 3, "synced again only after a day"
