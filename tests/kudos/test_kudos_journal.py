"""The journal queries later features use: given and received, newest first, paged."""

from __future__ import annotations

from datetime import timedelta

from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.kudos.repository import KudosRepository
from tests.support.clock import ManualClock


def test_given_and_received_are_newest_first_and_paged(
    unit_of_work: UnitOfWorkFactory, clock: ManualClock
) -> None:
    with unit_of_work() as uow:
        uow.workspaces.ensure("T1", now=clock.now())
        uow.workspaces.ensure("T2", now=clock.now())
    ids = []
    for n in range(5):
        clock.advance(timedelta(minutes=1))
        with unit_of_work() as uow:
            ids.append(
                uow.repository(KudosRepository).add(
                    team_id="T1",
                    giver_id="UA",
                    channel_id="C1",
                    message=f"thanks {n}",
                    fingerprint=f"f{n}",
                    source="command",
                    recipient_ids=["UB"] if n % 2 else ["UB", "UC"],
                    values=["care"],
                    now=clock.now(),
                )
            )
    with unit_of_work() as uow:
        uow.repository(KudosRepository).add(
            team_id="T2",
            giver_id="UA",
            channel_id="C9",
            message="elsewhere",
            fingerprint="x",
            source="command",
            recipient_ids=["UB"],
            values=[],
            now=clock.now(),
        )
    with unit_of_work() as uow:
        first_page = uow.repository(KudosRepository).given_by("T1", "UA", limit=2)
        assert [k.id for k in first_page] == ids[::-1][:2]
        second_page = uow.repository(KudosRepository).given_by(
            "T1", "UA", limit=2, before_id=first_page[-1].id
        )
        assert [k.id for k in second_page] == ids[::-1][2:4]
        assert [
            k.id for k in uow.repository(KudosRepository).received_by("T1", "UC", limit=10)
        ] == [
            ids[4],
            ids[2],
            ids[0],
        ]
        assert len(uow.repository(KudosRepository).received_by("T1", "UB", limit=10)) == 5, (
            "T2's kudos stay in T2"
        )
        last_three_minutes = (clock.now() - timedelta(minutes=2, seconds=30), clock.now())
        in_period = uow.repository(KudosRepository).given_by(
            "T1", "UA", limit=10, period=last_three_minutes
        )
        assert [k.id for k in in_period] == [ids[3], ids[2]], "the end is excluded"
        received = uow.repository(KudosRepository).received_by(
            "T1", "UC", limit=10, period=last_three_minutes
        )
        assert [k.id for k in received] == [ids[2]]
        since = clock.now() - timedelta(minutes=2, seconds=30)
        given, repeated = uow.repository(KudosRepository).giving_since(
            "T1", "UA", day_start=since, fingerprint="f4", repeat_since=since
        )
        assert (given, repeated) == (3, ids[4])
        given, repeated = uow.repository(KudosRepository).giving_since(
            "T1", "UA", day_start=since, fingerprint="f0", repeat_since=since
        )
        assert (given, repeated) == (3, None), "an older identical kudos is not a double enter"
