"""A bare Bolt app behind Kindling's server stack whose ``/kudos`` only acks: a baseline.

Run by ``bench.ack_latency`` in its own process: ``python -m bench.bare_bolt API_URL TOKEN
DATABASE_URL [--process-before-response] [--record]``; prints ``listening on port N`` and
serves until stdin closes. The (migrated) database answers ``/healthz``.

With ``--record``, ``/kudos`` first inserts one row into its ``kudos`` table and commits,
through the engine Kindling builds, one writer at a time on SQLite as Kindling's units of
work are: the floor for any app that records a request durably before it answers.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App
from sqlalchemy import Engine, insert

from bot.core.slack.client import build_web_client
from bot.core.store.base import Base
from bot.core.store.engine import build_engine
from bot.kudos.models import Kudos
from bot.server import HttpServer, KindlingWsgiApp
from tests.support.signing import SIGNING_SECRET

_INSERT_KUDOS = insert(Base.metadata.tables[Kudos.__tablename__])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("api_url")
    parser.add_argument("token")
    parser.add_argument("database_url")
    parser.add_argument("--process-before-response", action="store_true")
    parser.add_argument("--record", action="store_true", help="insert a row before the ack")
    args = parser.parse_args()
    app = App(
        client=build_web_client(token=args.token, base_url=args.api_url),
        signing_secret=SIGNING_SECRET,
        process_before_response=args.process_before_response,
    )
    engine = build_engine(args.database_url)
    app.command("/kudos")(_record_then_ack(engine) if args.record else _only_ack)
    server = HttpServer(KindlingWsgiApp(engine=engine, bolt=app), host="127.0.0.1", port=0)
    server.start()
    print(f"listening on port {server.port}", flush=True)
    sys.stdin.read()  # the benchmark closes our stdin when it is done
    server.stop()
    engine.dispose()


def _only_ack(ack: Ack) -> None:
    ack()


def _record_then_ack(engine: Engine) -> Callable[[Ack, dict[str, str]], None]:
    one_writer: AbstractContextManager[Any] = (
        threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
    )

    def record_then_ack(ack: Ack, command: dict[str, str]) -> None:
        row = {
            "team_id": command["team_id"],
            "giver_id": command["user_id"],
            "channel_id": command["channel_id"],
            "message": command["text"],
            "fingerprint": "",
            "source": "command",
            "created_at": datetime.now(UTC),
        }
        with one_writer, engine.begin() as connection:
            connection.execute(_INSERT_KUDOS, row)
        ack()

    return record_then_ack


if __name__ == "__main__":
    main()
