"""Real ``kindling run`` replicas of one deployment, started, killed and stopped by a test
that watches them through a :class:`FaultySlack` and their database."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bot.checkins.messages import CHECKIN
from bot.core.outbox.values import OutboxStatus
from bot.core.store.models import DeliveryLease, OutboxMessage
from tests.support.faulty_slack import Fault, FaultySlack
from tests.support.process import KindlingProcess, clean_environment
from tests.support.signing import SIGNING_SECRET

DEADLINE_SECONDS = 100.0


class Replicas:
    """The ``kindling run`` processes of the deployment."""

    def __init__(
        self, stack: ExitStack, cwd: Path, env: dict[str, str], slack: FaultySlack
    ) -> None:
        self._stack, self._cwd, self._env, self._slack = stack, cwd, env, slack
        self.running: list[KindlingProcess] = []
        self.everyone: list[KindlingProcess] = []  # the killed one too

    def start(self) -> None:
        """One more replica, started while Slack's resets at connect are held off (a start
        that cannot reach Slack exits, as it should)."""
        armed, self._slack.armed = self._slack.armed, False
        replica = self._stack.enter_context(
            KindlingProcess("run", "--no-migrate", cwd=self._cwd, env=self._env)
        )
        replica.wait_for("listening on port")
        self._slack.armed = armed
        self.running.append(replica)
        self.everyone.append(replica)

    def kill_the_sender(self, engine: Engine) -> set[str]:
        """``kill -9`` the replica holding the workspace's delivery lease while its post
        hangs; the members whose rows it left ``sending``."""
        wait_until(lambda: any(e.fault is Fault.HANG for e in self._slack.in_flight()), "a hang")
        with engine.connect() as connection:
            holder = connection.execute(select(DeliveryLease.holder)).scalar_one()
        pid = int(holder.split(":")[1])
        (sender,) = [replica for replica in self.running if replica.pid == pid]
        sender.kill()
        self.running.remove(sender)
        with engine.connect() as connection:
            left = connection.execute(
                select(OutboxMessage.channel).where(
                    OutboxMessage.kind == CHECKIN.name,
                    OutboxMessage.status == OutboxStatus.SENDING,
                )
            )
            return {str(channel) for channel in left.scalars()}

    def warnings(self) -> str:
        """What the replicas warned of, for a failure's message."""
        said = [line for replica in self.everyone for line in replica.output if "WARNING" in line]
        return "the replicas warned: " + " | ".join(said)

    def stop_all(self) -> None:
        assert [replica.stop() for replica in self.running] == [0] * len(self.running)


def replica_environment(token: str, api_url: str, database_url: str) -> dict[str, str]:
    return clean_environment(
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        DATABASE_URL=database_url,
        PORT="0",
        KINDLING_TICK_SECONDS="1",
        KINDLING_WORKSPACE_MESSAGES_PER_MINUTE="6000",
    )


def wait_until(condition: Callable[[], bool], what: str, describe: Callable[[], str] = str) -> None:
    """Poll ``condition`` (real processes run on real time) until it holds or the deadline."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {DEADLINE_SECONDS:.0f} s for {what} {describe()}")
        time.sleep(0.1)
