"""Delivery leases: one process at a time sends a workspace's messages, so the workspace's
rate, kept by that process's limiter, holds for the whole deployment, however many replicas
share the database.

A drain pass takes the leases of the workspaces it finds due, renews them while it sends and
gives them back when its calls have settled, unless their messages wait on the rate (then
the next pass goes on under the same lease). A lease taken over from another process starts
the limiter as if that process had spent the whole rate just before its lease ended; one left
by a crashed process runs out after three times the Slack timeout (30 s by default).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core.outbox.limiter import RateLimiter
from bot.core.slack.client import WEB_API_TIMEOUT_SECONDS
from bot.core.store.models import DeliveryLease
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.core.store.upsert import insert_for

# Longer than any Slack call may take (three times the client's timeout), so a call handed
# out under a lease has finished before another process may take the lease.
LEASE_PER_CALL_TIMEOUT = 3
DEFAULT_CALL_TIMEOUT = timedelta(seconds=WEB_API_TIMEOUT_SECONDS)


def lease_length(call_timeout: timedelta) -> timedelta:
    """How long a delivery lease lasts when no Slack call takes longer than ``call_timeout``."""
    return LEASE_PER_CALL_TIMEOUT * call_timeout


LEASE_LENGTH = lease_length(DEFAULT_CALL_TIMEOUT)


def process_holder() -> str:
    """A name for this process's claim on leases: readable by an operator, never reused."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True, slots=True)
class Handover:
    """A lease taken from another process: when it ended, and a 429 pause it left."""

    team_id: str
    ended_at: datetime
    paused_until: datetime | None


@dataclass
class Taken:
    """What one attempt to take leases got: the leases (until when), and the handovers among
    them."""

    until: datetime
    teams: set[str] = field(default_factory=set)
    handovers: list[Handover] = field(default_factory=list)


class LeaseRepository:
    """Queries on ``delivery_leases``; each take is a compare-and-set, so one process wins."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def take(
        self,
        teams: Collection[str],
        *,
        holder: str,
        now: datetime,
        length: timedelta = LEASE_LENGTH,
    ) -> Taken:
        """Take (or renew) the leases of ``teams`` that are free, ours or run out, for
        ``length``; another process holds the rest (or took them a moment ago)."""
        taken = Taken(until=now + length)
        rows = self._session.execute(
            select(
                DeliveryLease.team_id,
                DeliveryLease.holder,
                DeliveryLease.lease_until,
                DeliveryLease.paused_until,
            )
            .where(DeliveryLease.team_id.in_(list(teams)))
            .order_by(DeliveryLease.team_id)  # every process locks rows in one order
        ).all()
        taken.teams |= self._renew([row[0] for row in rows if row[1] == holder], holder, taken)
        for team_id, other, until, paused_until in rows:
            if (
                other != holder
                and until <= now
                and self._swap(team_id, other, until, holder, taken)
            ):
                taken.teams.add(team_id)
                taken.handovers.append(Handover(team_id, until, paused_until))
        new = set(teams) - {row[0] for row in rows}
        if new:
            taken.teams |= self._add(new, holder=holder, until=taken.until)
        return taken

    def give_back(
        self, pauses: Mapping[str, datetime | None], *, holder: str, now: datetime
    ) -> None:
        """End our leases of ``pauses``' workspaces now, leaving each one's 429 pause."""
        for paused_until in set(pauses.values()):
            teams = [team for team, until in pauses.items() if until == paused_until]
            self._session.execute(
                update(DeliveryLease)
                .where(DeliveryLease.team_id.in_(teams), DeliveryLease.holder == holder)
                .values(lease_until=now, paused_until=paused_until)
            )

    def _renew(self, teams: list[str], holder: str, taken: Taken) -> set[str]:
        """Ours still (ended or not), in one statement: only a change of holder takes a
        lease from us, so nobody sent for these since."""
        if not teams:
            return set()
        statement = (
            update(DeliveryLease)
            .where(DeliveryLease.team_id.in_(teams), DeliveryLease.holder == holder)
            .values(lease_until=taken.until)
            .returning(DeliveryLease.team_id)
            .execution_options(synchronize_session=False)
        )
        return set(self._session.scalars(statement))

    def _swap(self, team_id: str, other: str, ended: datetime, holder: str, taken: Taken) -> bool:
        """Another process's lease that ran out, if it still is what we read."""
        result = self._session.execute(
            update(DeliveryLease)
            .where(
                DeliveryLease.team_id == team_id,
                DeliveryLease.holder == other,
                DeliveryLease.lease_until == ended,
            )
            .values(holder=holder, lease_until=taken.until)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]  # DML results carry rowcount

    def _add(self, teams: set[str], *, holder: str, until: datetime) -> set[str]:
        statement = (
            insert_for(self._session, DeliveryLease)
            .on_conflict_do_nothing(index_elements=[DeliveryLease.team_id])
            .returning(DeliveryLease.team_id)
        )
        rows = [{"team_id": team, "holder": holder, "lease_until": until} for team in sorted(teams)]
        return set(self._session.scalars(statement, rows).all())


class DeliveryLeases:
    """The leases one dispatcher holds, and the limiter they keep honest."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        limiter: RateLimiter,
        holder: str | None = None,
        *,
        call_timeout: timedelta = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._limiter = limiter
        self.holder = holder or process_holder()
        self._length = lease_length(call_timeout)
        self._held: dict[str, datetime] = {}

    def cover(self, teams: Collection[str], now: datetime) -> set[str]:
        """Hold the leases of ``teams`` for a while yet; returns those another process holds."""
        renew_when_left = self._length / 2
        wanted = {team for team in teams if self._held.get(team, now) - now < renew_when_left}
        if not wanted:
            return set()
        with self._unit_of_work() as uow:
            taken = uow.repository(LeaseRepository).take(
                wanted, holder=self.holder, now=now, length=self._length
            )
        for handover in taken.handovers:
            self._limiter.take_over(
                handover.team_id, handover.ended_at, now, paused_until=handover.paused_until
            )
        elsewhere = wanted - taken.teams
        for team in elsewhere:
            self._held.pop(team, None)
        self._held.update(dict.fromkeys(taken.teams, taken.until))
        return elsewhere

    def give_back(self, now: datetime, *, keep: Collection[str] = ()) -> None:
        """End the leases held, but those of ``keep`` (workspaces whose messages wait on their
        rate: handing them to another process would only restart their pace there). Nothing
        of ours is in flight; others may take the rest now."""
        ending = [team for team in self._held if team not in keep]
        if not ending:
            return
        pauses = {team: self._limiter.paused_until(team, now) for team in ending}
        with self._unit_of_work() as uow:
            uow.repository(LeaseRepository).give_back(pauses, holder=self.holder, now=now)
        for team in ending:
            del self._held[team]
