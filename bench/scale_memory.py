"""The resident memory of one Kindling process serving 10,000 OAuth workspaces through a day.

A fresh PostgreSQL database gets ``--workspaces`` workspaces of ``PER_WORKSPACE`` members
(``bench.scale_seed``'s population: each member's check-in falls due once during the day, each
workspace's directory sync once, spread over it), and one OAuth install per workspace in
slack_sdk's installation store (``store.save``), with token rotation: each token is rotated
about every ``ROTATE_SECONDS`` of real time (see ``bench.scale_slack``), so a workspace touched
several times in the run gets several tokens, as a real day of 12-hour tokens gives it two.

The fake Slack (``bench.scale_slack``) and the Kindling process (``bench.scale_serve``: the
composition root ``kindling run`` serves, with a manual clock) each run in a process of their
own. For each of the day's 1,440 minutes this process sends the Kindling process signed
requests over HTTP for the next workspaces in turn (an ``app_home_opened`` event, whose Home
the outbox publishes, and a ``/checkin`` command; every workspace gets both during the day),
then has it tick and deliver what is due: check-in DMs, Homes, directory syncs
(``users.list``), token rotations (``oauth.v2.access``), each through that workspace's own
clients. The Kindling process's VmRSS is read after every minute; the curve is printed.

Targets (printed): at most 150 MB, and flat (the second half of the day grows it by less than
5%: per-workspace clients and caches do not grow without bound).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, func, select

from bench.scale_seed import DAY, populate, team_id, user_id, write_population
from bench.scale_slack import ROTATION_LEAD, scale_refresh_token, scale_token
from bench.scale_tick import MINUTES_IN_A_DAY
from bench.seeding import OUTBOX, postgres_database, postgres_server, settle_database
from bot.checkins.messages import CHECKIN
from bot.core.slack.installations import installation_store
from bot.core.slack.oauth import BOT_SCOPES
from bot.core.store.engine import build_engine
from tests.fakeslack.server import APP_ID, CLIENT_ID
from tests.support.signing import SlackSender, command_payload, event_callback

PER_WORKSPACE = 3
ROTATE_SECONDS = 120
RSS_TARGET_MB = 150.0
FLAT_GROWTH = 0.05


def install_all(url: str, workspaces: int, rotate_seconds: int) -> float:
    """One OAuth install per workspace, through slack_sdk's store; first rotations spread over
    the first ``rotate_seconds`` of the run. Returns the seconds it took."""
    started = time.perf_counter()
    engine = build_engine(url)
    store = installation_store(CLIENT_ID, engine)
    try:
        for number in range(workspaces):
            team = team_id(number)
            suffix = team.removeprefix("T")
            rotating = rotate_seconds > 0
            lead = ROTATION_LEAD + math.ceil(rotate_seconds * (number + 1) / workspaces)
            store.save(
                Installation(
                    app_id=APP_ID,
                    team_id=team,
                    team_name=f"Workspace {number}",
                    bot_token=scale_token(team),
                    bot_id=f"B0BOT{suffix}",
                    bot_user_id=f"U0BOT{suffix}",
                    bot_scopes=list(BOT_SCOPES),
                    bot_refresh_token=scale_refresh_token(team) if rotating else None,
                    bot_token_expires_at=int(time.time()) + lead if rotating else None,
                    user_id="U0INSTALLER",
                )
            )
    finally:
        engine.dispose()
    return time.perf_counter() - started


@contextmanager
def child(*arguments: str) -> Iterator[subprocess.Popen[str]]:
    """``python -m`` ARGUMENTS, talked to over its stdin and stdout; ended when done."""
    process = subprocess.Popen(
        [sys.executable, "-m", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _line(process: subprocess.Popen[str], prefix: str) -> list[str]:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(prefix):
            return line.split(maxsplit=1)[1].split() if prefix != "stats" else [line[6:]]
    raise RuntimeError(f"a child process ended before printing {prefix!r}")


class Requests:
    """Signed requests for the next workspaces in turn: a Home opened, a ``/checkin``."""

    def __init__(self, port: int, workspaces: int, per_workspace: int) -> None:
        self._slack = SlackSender(f"http://127.0.0.1:{port}/slack/events")
        self._workspaces = workspaces
        self._per_workspace = per_workspace
        self._next = 0
        self.answers: Counter[int] = Counter()

    def send(self, count: int) -> None:
        for _ in range(count):
            number = self._next % self._workspaces
            team, user = team_id(number), user_id(number * self._per_workspace)
            event = {"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"}
            envelope = event_callback(event, team_id=team, event_id=f"Ev{self._next:08d}")
            self.answers[self._slack.event(envelope).status] += 1
            command = command_payload("/checkin", "", team_id=team, user_id=user)
            self.answers[self._slack.command(command).status] += 1
            self._next += 1


def run_memory(server_url: str | None, workspaces: int) -> bool:
    """Seed, serve and drive the day; print the curve. False if check-ins were not delivered."""
    population = populate(workspaces, per_workspace=PER_WORKSPACE)
    with postgres_database(postgres_server(server_url), "scale_memory") as url:
        engine = build_engine(url)
        write_population(engine, population)
        engine.dispose()
        installed = install_all(url, workspaces, ROTATE_SECONDS)
        engine = build_engine(url)
        settle_database(engine)
        print(
            f"\nMemory: one Kindling process, {workspaces:,} OAuth workspaces (installed in "
            f"{installed:.1f} s), {population.members:,} members, a day of "
            f"{MINUTES_IN_A_DAY:,} ticks",
            flush=True,
        )
        try:
            curve, requests, stats = _drive(url, workspaces)
            delivered = _delivered(engine)
        finally:
            engine.dispose()
    _print_memory(curve, requests, stats)
    print(f"check: {delivered:,} of {population.members:,} check-ins delivered")
    return delivered == population.members


def _drive(url: str, workspaces: int) -> tuple[list[int], Requests, str]:
    rotate = str(ROTATE_SECONDS)
    with child("bench.scale_slack", str(workspaces), str(PER_WORKSPACE), rotate) as slack:
        api_url = _line(slack, "api_url")[0]
        with child("bench.scale_serve", url, api_url) as app:
            port, start = (int(value) for value in _line(app, "ready"))
            requests = Requests(port, workspaces, PER_WORKSPACE)
            per_minute = math.ceil(workspaces / MINUTES_IN_A_DAY)
            curve, started = [start], time.perf_counter()
            assert app.stdin is not None
            for minute in range(MINUTES_IN_A_DAY):
                requests.send(per_minute)
                app.stdin.write(f"{(DAY + timedelta(minutes=minute)).isoformat()}\n")
                app.stdin.flush()
                curve.append(int(_line(app, "done")[0]))
            app.stdin.write("quit\n")
            app.stdin.flush()
            print(f"the day took {time.perf_counter() - started:.0f} s", flush=True)
        assert slack.stdin is not None
        slack.stdin.close()
        stats = _line(slack, "stats")[0]
    return curve, requests, stats


def _delivered(engine: Engine) -> int:
    query = select(func.count()).where(OUTBOX.c.kind == CHECKIN.name, OUTBOX.c.status == "sent")
    with engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def _print_memory(curve: list[int], requests: Requests, stats: str) -> None:
    mb = [kb / 1024 for kb in curve]  # mb[0]: ready, before the first tick; mb[i]: after tick i
    print("RSS (MB) after each 2 hours:")
    print(
        "  "
        + "  ".join(
            f"{hour:02d}:00 {mb[min(hour * 60, len(mb) - 1)]:.0f}" for hour in range(0, 25, 2)
        )
    )
    middle, end, top = mb[len(mb) // 2], mb[-1], max(mb)
    print(f"start {mb[0]:.1f}, middle {middle:.1f}, end {end:.1f}, max {top:.1f} MB")
    answered = ", ".join(
        f"HTTP {status}: {count:,}" for status, count in sorted(requests.answers.items())
    )
    print(f"requests: {answered}")
    calls = json.loads(stats)
    methods = ", ".join(f"{name} {count:,}" for name, count in sorted(calls["methods"].items()))
    print(f"Slack calls: {methods}; token rotations {calls['rotations']:,}")
    growth = (end - middle) / middle
    print(
        f"target (RSS <= {RSS_TARGET_MB:.0f} MB): {'met' if top <= RSS_TARGET_MB else 'NOT met'} "
        f"(max {top:.1f} MB)"
    )
    print(
        f"target (flat: second half of the day grows RSS < {FLAT_GROWTH:.0%}): "
        f"{'met' if growth < FLAT_GROWTH else 'NOT met'} ({growth:+.1%}, {end - middle:+.1f} MB)"
    )
