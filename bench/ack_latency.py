"""Ack latency and throughput of signed ``/kudos`` requests, against two bare-Bolt baselines.

Every app runs in its own process behind the server ``kindling run`` uses (cheroot +
Kindling's WSGI router), in the same run, on the same machine, so the printed ratios hold
where absolute times do not:

- bare Bolt, default runner: ``/kudos`` only acks; Bolt polls for the ack every 10 ms;
- bare Bolt, ``process_before_response=True``: ``/kudos`` only acks;
- the same, but ``/kudos`` first inserts one row and commits: the floor for any app that
  records a request durably before it answers;
- Kindling: ``kindling run`` itself (parse, rules, directory, one transaction with the kudos
  and its outbox rows, ephemeral answer), its dispatcher delivering to a fake Slack meanwhile;
  then distinct ``reaction_added`` events with the kudos emoji (a kudos given with one
  reaction: the rules, the directory, one transaction with the kudos and its outbox rows);
  then the two alternated on one connection (a ``/kudos``, a reaction, a ``/kudos``...), so
  both meet the same backlog and the same deliveries in the process (phases run one after
  another do not: each finds more of the earlier phases' messages still being delivered);
  then a sustained phase: distinct ``/kudos`` for 8 s on one connection while the same
  process delivers what they write (a busy morning).

Printed beside the ratios: the targets (``/kudos`` p50 at one connection <= 1.0 ms on SQLite
and 2.0 ms on PostgreSQL, p99 <= 2.5 ms on SQLite; req/s at 16 connections >= 0.6x the
"pbr + one durable insert" floor; p99 <= 3 ms in the sustained phase; ``reaction_added`` p50
<= 1.1x ``/kudos`` p50, alternated on one connection), met or not.

Requests are signed and distinct (different givers, recipients and texts), so the daily limit
and double-enter protection never short-cut the work. SQLite always; PostgreSQL too when
``TEST_DATABASE_URL`` (or ``--postgres URL``) names an empty database.

The fake Slack runs in a process of its own too, so its work never slows the measuring client.

Run: ``python -m bench.ack_latency [--requests N] [--postgres URL]``
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench.kudos_load import (
    ReactionWorkload,
    Result,
    Workload,
    alternate,
    load,
    measure,
    sustain,
)
from bot.core.store import migrate
from bot.core.store.engine import build_engine, build_session_factory
from bot.core.store.unit_of_work import UnitOfWorkFactory
from tests.fakeslack.server import BOT_TOKEN, TEAM_ID
from tests.support.databases import postgres_server_url, private_postgres_schema
from tests.support.signing import SIGNING_SECRET

KINDLING = str(Path(sys.executable).with_name("kindling"))
CONCURRENCY = (1, 16)
DEFAULT_REQUESTS = 600
WARM_UP = 50
SUSTAINED_SECONDS = 8.0
SUSTAINED_BUDGET = 12_000  # distinct requests one sustained phase may send (people to add)
DEFAULT = "bare Bolt, default runner"
PBR = "bare Bolt, process_before_response"
PBR_INSERT = "bare Bolt, pbr + one durable insert"
KINDLING_APP = "Kindling /kudos"
KINDLING_REACTION = "Kindling reaction_added"
ALTERNATED_KUDOS = "Kindling /kudos, alternated"
ALTERNATED_REACTION = "Kindling reaction_added, alternated"
REACTION_TARGET = 1.1  # reaction_added p50 / /kudos p50, at one connection: "as fast"
P50_TARGET = {"SQLite": 1.0, "PostgreSQL": 2.0}  # ms, /kudos at one connection
SQLITE_P99_TARGET = 2.5  # ms
FLOOR_SHARE_TARGET = 0.6  # of the "pbr + one durable insert" req/s at 16 connections
SUSTAINED_P99_TARGET = 3.0  # ms, while the same process delivers what the requests write
RATIOS = (  # label, connections, app, baseline, figure
    ("Kindling p50 / bare default p50", 1, KINDLING_APP, DEFAULT, "p50"),
    ("Kindling p50 / bare pbr p50", 1, KINDLING_APP, PBR, "p50"),
    ("Kindling req/s / bare pbr req/s", 16, KINDLING_APP, PBR, "rps"),
    ("pbr + insert req/s / bare pbr req/s", 16, PBR_INSERT, PBR, "rps"),
    ("Kindling req/s / pbr + insert req/s", 16, KINDLING_APP, PBR_INSERT, "rps"),
    ("reaction_added p50 / /kudos p50", 1, KINDLING_REACTION, KINDLING_APP, "p50"),
    ("the same, alternated on one connection", 1, ALTERNATED_REACTION, ALTERNATED_KUDOS, "p50"),
    ("reaction_added req/s / /kudos req/s", 16, KINDLING_REACTION, KINDLING_APP, "rps"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS, help="per scenario")
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database URL")
    args = parser.parse_args()
    if args.postgres:
        os.environ["TEST_DATABASE_URL"] = args.postgres
    # Every request of every app on every database has its own giver and recipients, all of
    # them in the directory: no users.info call on the ack path.
    requests_per_app = args.requests * len(CONCURRENCY) + WARM_UP
    # two databases, four apps and the reactions
    total_people = 2 * (5 * requests_per_app + SUSTAINED_BUDGET)

    with _fake_slack(total_people) as api_url:
        base_url = api_url.removesuffix("/api/")
        workload = Workload(TEAM_ID, f"{base_url}/response/bench")
        print(f"{args.requests} signed /kudos requests per scenario; each kudos has 2 recipients")
        for database_name, database_url in _databases():
            with database_url as url:
                _run_database(database_name, url, api_url, workload, args.requests)


def _databases() -> Iterator[tuple[str, AbstractContextManager[str]]]:
    yield "SQLite", _sqlite()
    server = postgres_server_url()
    if server is None:
        print("\nPostgreSQL: skipped (set TEST_DATABASE_URL or pass --postgres)")
        return
    yield "PostgreSQL", private_postgres_schema(server)


@contextmanager
def _sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


def _run_database(name: str, url: str, api_url: str, workload: Workload, requests: int) -> None:
    migrate.upgrade(url)
    _add_workspace(url)  # the bare app's kudos rows need it
    apps = [
        (DEFAULT, _bare_bolt_command(api_url, url)),
        (PBR, [*_bare_bolt_command(api_url, url), "--process-before-response"]),
        (PBR_INSERT, [*_bare_bolt_command(api_url, url), "--process-before-response", "--record"]),
        (KINDLING_APP, [KINDLING, "run", "--no-migrate"]),
    ]
    print(f"\n== {name} ==")
    print(f"{'app':38s} {'conc':>4s} {'p50 ms':>8s} {'p99 ms':>8s} {'req/s':>8s} {'non-200':>8s}")
    results: dict[tuple[str, int], Result] = {}
    for app_name, command in apps:
        # kindling run syncs its member directory on the first tick: measure after that.
        ready = ["Synced the member directory"] if command[0] == KINDLING else []
        with _serving(command, _environment(api_url, url), ready=ready) as port:
            load(port, workload, WARM_UP, 1)
            for concurrency in CONCURRENCY:
                result = measure(app_name, port, workload, requests, concurrency)
                results[(app_name, concurrency)] = result
                _print_result(app_name, str(concurrency), result)
            if command[0] == KINDLING:  # the same, for kudos given with one reaction
                reactions = ReactionWorkload(workload, TEAM_ID)
                load(port, reactions, WARM_UP, 1)
                for concurrency in CONCURRENCY:
                    result = measure(KINDLING_REACTION, port, reactions, requests, concurrency)
                    results[(KINDLING_REACTION, concurrency)] = result
                    _print_result(KINDLING_REACTION, str(concurrency), result)
                alternated = alternate(
                    [ALTERNATED_KUDOS, ALTERNATED_REACTION], port, [workload, reactions], requests
                )
                for result in alternated:
                    results[(result.name, 1)] = result
                    _print_result(result.name, "1", result)
            if command[0] == KINDLING:  # a busy morning: requests while it delivers them
                sustained = sustain(app_name, port, workload, SUSTAINED_SECONDS)
                _print_result(app_name, "8 s", sustained)
    _print_ratios(results)
    _print_targets(name, results, sustained)


def _print_result(app_name: str, connections: str, result: Result) -> None:
    print(
        f"{app_name:38s} {connections:>4s} {result.p50:8.2f} {result.p99:8.2f} "
        f"{result.rps:8.0f} {result.failures:8d}"
    )


def _print_targets(
    database: str, results: dict[tuple[str, int], Result], sustained: Result
) -> None:
    one = results[(KINDLING_APP, 1)]
    floor = results[(KINDLING_APP, 16)].rps / results[(PBR_INSERT, 16)].rps
    checks = [
        (f"/kudos p50 at 1 conn <= {P50_TARGET[database]} ms", one.p50 <= P50_TARGET[database]),
        ("req/s at 16 conn >= 0.6x pbr + one durable insert", floor >= FLOOR_SHARE_TARGET),
        (
            f"/kudos p99 in the sustained phase <= {SUSTAINED_P99_TARGET} ms",
            sustained.p99 <= SUSTAINED_P99_TARGET,
        ),
    ]
    if database == "SQLite":
        checks.insert(
            1, (f"/kudos p99 at 1 conn <= {SQLITE_P99_TARGET} ms", one.p99 <= SQLITE_P99_TARGET)
        )
    reaction = results[(ALTERNATED_REACTION, 1)].p50 / results[(ALTERNATED_KUDOS, 1)].p50
    checks.append(
        (f"reaction_added p50 <= {REACTION_TARGET}x /kudos p50", reaction <= REACTION_TARGET)
    )
    for label, met in checks:
        print(f"target: {label}: {'met' if met else 'NOT met'}")


def _add_workspace(url: str) -> None:
    engine = build_engine(url)
    try:
        with UnitOfWorkFactory(build_session_factory(engine))() as uow:
            uow.workspaces.ensure(TEAM_ID, now=datetime.now(UTC))
    finally:
        engine.dispose()


def _print_ratios(results: dict[tuple[str, int], Result]) -> None:
    for label, connections, app, baseline, figure in RATIOS:
        ratio = getattr(results[(app, connections)], figure) / getattr(
            results[(baseline, connections)], figure
        )
        print(f"{label + f' ({connections} conn)':48s} {ratio:6.2f}")
    failures = sum(result.failures for result in results.values())
    print(f"non-200 answers in all: {failures}")


def _environment(api_url: str, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "PORT": "0",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


def _bare_bolt_command(api_url: str, database_url: str) -> list[str]:
    return [sys.executable, "-m", "bench.bare_bolt", api_url, BOT_TOKEN, database_url]


@contextmanager
def _fake_slack(people: int) -> Iterator[str]:
    """The fake Slack in its own process; yields its API URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.fake_slack", str(people)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("api_url "):
            raise RuntimeError("the fake Slack did not start")
        yield line.split()[1]
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=15)


@contextmanager
def _serving(command: list[str], env: dict[str, str], *, ready: list[str]) -> Iterator[int]:
    """Start ``command``, wait until it says it listens (and each ``ready`` line), and yield
    its port; stop it afterwards."""
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            found = re.search(r"listening on port (\d+)", line)
            if found:
                break
        else:
            raise RuntimeError(f"{command[0]} exited before listening")
        for needle in ready:
            if not any(needle in line for line in process.stdout):
                raise RuntimeError(f"{command[0]} exited before saying {needle!r}")
        threading.Thread(target=_drain_output, args=(process.stdout,), daemon=True).start()
        yield int(found.group(1))
    finally:
        process.send_signal(signal.SIGTERM)
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=15)


def _drain_output(stream: Iterable[str]) -> None:
    for _line in stream:
        pass


if __name__ == "__main__":
    main()
