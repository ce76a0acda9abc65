"""The pieces of a fan-out run (``bench.fanout``, ``bench.replica``): how the run delivers,
the fake Slack in a process of its own, a timed sender, and a dispatcher built for the run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, func, select

from bench.fake_slack import bench_token
from bench.tick import (
    OUTBOX,
    postgres_database,
    postgres_problem,
    postgres_server,
    sqlite_database,
)
from bot.checkins.messages import CHECKIN
from bot.core.clock import SystemClock
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.dispatcher import Dispatcher
from bot.core.outbox.limiter import RateLimiter
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.sender import SlackSender
from bot.core.outbox.values import OPEN, OutboxStatus
from bot.core.slack.client import build_web_client
from bot.core.store.engine import build_session_factory
from bot.core.store.models import OutboxMessage
from bot.core.store.unit_of_work import UnitOfWorkFactory
from bot.features import message_kinds
from tests.fakeslack.server import BOT_TOKEN, TEAM_ID

POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """How one run delivers: the driver, Slack's cap and round trip, Kindling's settings."""

    driver: str
    cap: int
    per_minute: int
    latency_ms: float
    concurrency: int
    timeout: float
    workspaces: int = 1
    replicas: int = 1


class TimedSender(SlackSender):
    """Kindling's sender, timing each call (the 429s and errors too)."""

    def __init__(self, client_for: Callable[[str], Any]) -> None:
        super().__init__(client_for)
        self.calls = 0
        self.seconds = 0.0

    def send(
        self, message: OutboxMessage, rendered: RenderedMessage, *, quiet_for: str | None = None
    ) -> Delivery:
        started = time.perf_counter()
        try:
            return super().send(message, rendered, quiet_for=quiet_for)
        finally:
            self.calls += 1
            self.seconds += time.perf_counter() - started


def clients(api_url: str) -> Callable[[str], WebClient]:
    """Each bench workspace's client, made once (the fake's own token for its own team)."""
    made: dict[str, WebClient] = {}

    def client_for(team_id: str) -> WebClient:
        if team_id not in made:
            token = BOT_TOKEN if team_id == TEAM_ID else bench_token(team_id)
            made[team_id] = build_web_client(token=token, base_url=api_url, retry=False)
        return made[team_id]

    return client_for


@dataclass(frozen=True)
class Delivering:
    """A dispatcher built for a run, with the parts the bench reads."""

    dispatcher: Dispatcher
    sender: TimedSender
    limiter: RateLimiter
    clock: SystemClock


def build_dispatcher(engine: Engine, api_url: str, run: Run) -> Delivering:
    """Kindling's own dispatcher, limiter and renderers, as ``kindling run`` builds them."""
    sender = TimedSender(clients(api_url))
    limiter = RateLimiter(messages_per_minute=run.per_minute)
    clock = SystemClock()
    dispatcher = Dispatcher(
        unit_of_work=UnitOfWorkFactory(build_session_factory(engine)),
        sender=sender,
        limiter=limiter,
        kinds=message_kinds(),
        clock=clock,
        concurrency=run.concurrency,
    )
    return Delivering(dispatcher, sender, limiter, clock)


def deliver_with_thread(dispatcher: Dispatcher, engine: Engine, deadline: float) -> bool:
    """The dispatcher's own thread, woken once; True when nothing is left to send."""
    dispatcher.start()
    dispatcher.wake()
    try:
        while open_messages(engine):
            if time.perf_counter() > deadline:
                return False
            time.sleep(POLL_SECONDS)  # polling for completion, not for correctness
        return True
    finally:
        dispatcher.stop()


class CappedSlackProcess:
    """``bench.fake_slack --post-cap`` in a process of its own."""

    def __init__(self, cap: int, *, latency_ms: float, workspaces: int = 1) -> None:
        command = [sys.executable, "-m", "bench.fake_slack", "0", "--post-cap", str(cap)]
        options = ["--latency-ms", str(latency_ms), "--workspaces", str(workspaces)]
        self._process = subprocess.Popen(
            [*command, *options], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("api_url "):
            self._process.kill()
            raise RuntimeError("the fake Slack did not start")
        self.api_url = line.split()[1]

    def stop(self) -> dict[str, Any]:
        """Stop it; what it counted (see ``bench.fake_slack``)."""
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.close()
        rest = self._process.stdout.read()
        self._process.wait(timeout=15)
        for line in rest.splitlines():
            if line.startswith("stats "):
                stats: dict[str, Any] = json.loads(line.removeprefix("stats "))
                return stats
        raise RuntimeError("the fake Slack gave no stats")


def open_messages(engine: Engine) -> bool:
    """Whether any message is still waiting, pending or sending (one indexed row read)."""
    with engine.connect() as connection:
        query = select(OUTBOX.c.id).where(OUTBOX.c.status.in_(OPEN)).limit(1)
        return connection.scalar(query) is not None


def statuses(engine: Engine) -> dict[str, int]:
    """How many check-ins ended in each status (an unsent one with its error)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(OUTBOX.c.status, OUTBOX.c.error, func.count())
            .where(OUTBOX.c.kind == CHECKIN.name)
            .group_by(OUTBOX.c.status, OUTBOX.c.error)
        )
        found: dict[str, int] = {}
        for status, error, count in rows:
            key = str(status) if status == OutboxStatus.SENT or not error else f"{status} ({error})"
            found[key] = found.get(key, 0) + int(count)
        return found


def fresh_databases(postgres_url: str | None) -> Iterator[tuple[str, AbstractContextManager[str]]]:
    """Fresh databases, one per driver: SQLite files, or PostgreSQL databases."""
    if postgres_url is None:
        while True:
            yield "SQLite", sqlite_database()
    server = postgres_server(postgres_url)
    problem = postgres_problem(server)
    if problem is not None:
        raise SystemExit(f"PostgreSQL: {problem}")
    while True:
        yield "PostgreSQL", postgres_database(server, "fanout")
