"""A bare Bolt app whose ``/kudos`` only acks, behind Kindling's server stack: a baseline.

Run by ``bench.ack_latency`` in its own process: ``python -m bench.bare_bolt API_URL TOKEN
[--process-before-response]``; prints ``listening on port N`` and serves until stdin closes.
"""

from __future__ import annotations

import argparse
import sys

from slack_bolt import Ack, App

from bot.server import HttpServer, KindlingWsgiApp
from bot.slack.client import build_web_client
from bot.store.engine import build_engine
from tests.support.signing import SIGNING_SECRET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("api_url")
    parser.add_argument("token")
    parser.add_argument("--process-before-response", action="store_true")
    args = parser.parse_args()
    app = App(
        client=build_web_client(token=args.token, base_url=args.api_url),
        signing_secret=SIGNING_SECRET,
        process_before_response=args.process_before_response,
    )

    def only_ack(ack: Ack) -> None:
        ack()

    app.command("/kudos")(only_ack)
    engine = build_engine("sqlite://")
    server = HttpServer(KindlingWsgiApp(engine=engine, bolt=app), host="127.0.0.1", port=0)
    server.start()
    print(f"listening on port {server.port}", flush=True)
    sys.stdin.read()  # the benchmark closes our stdin when it is done
    server.stop()


if __name__ == "__main__":
    main()
