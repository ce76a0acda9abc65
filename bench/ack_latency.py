"""Ack latency of a signed ``/kindling help`` through the whole stack, against baselines.

Both apps run behind the same cheroot server and answer the same signed request in the same
run, so the printed ratios hold on a noisy machine where absolute times do not:

- baseline: a bare Bolt app that only acks, with Bolt's default listener runner;
- Kindling: the real app (middleware, Block Kit help, process_before_response=True).

Run: ``python -m bench.ack_latency [requests]``
"""

from __future__ import annotations

import http.client
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from pydantic import SecretStr
from slack_bolt import Ack, App
from slack_sdk.signature import SignatureVerifier

from bot.app import build_kindling
from bot.config import Settings
from bot.server import HttpServer, KindlingWsgiApp
from bot.slack.client import build_web_client
from bot.store import migrate
from tests.fakeslack import FakeSlack
from tests.support.signing import SIGNING_SECRET, command_payload

DEFAULT_REQUESTS = 400


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REQUESTS
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(database_url)
        body = urlencode(command_payload("/kindling", "help", team_id=slack.team_id))

        baseline = _bare_bolt_app(slack)
        kindling = build_kindling(
            Settings(
                _env_file=None,  # type: ignore[call-arg]
                slack_bot_token=SecretStr(slack.bot_token),
                slack_signing_secret=SecretStr(SIGNING_SECRET),
                slack_app_token=None,
                slack_api_url=slack.api_url,
                database_url=SecretStr(database_url),
            )
        )
        results = {
            "bare Bolt ack (default runner)": _measure(
                KindlingWsgiApp(engine=kindling.engine, bolt=baseline), body, requests
            ),
            "Kindling /kindling help": _measure(
                KindlingWsgiApp(engine=kindling.engine, bolt=kindling.bolt), body, requests
            ),
        }
        kindling.close()

    base = statistics.median(next(iter(results.values())))
    print(f"{requests} signed requests each, one keep-alive connection")
    for name, samples in results.items():
        p50, p95 = statistics.median(samples), statistics.quantiles(samples, n=20)[18]
        print(
            f"{name:34s} p50 {p50 * 1000:7.2f} ms  p95 {p95 * 1000:7.2f} ms  "
            f"ratio to baseline {p50 / base:5.2f}"
        )


def _bare_bolt_app(slack: FakeSlack) -> App:
    app = App(
        client=build_web_client(token=slack.bot_token, base_url=slack.api_url),
        signing_secret=SIGNING_SECRET,
    )

    def only_ack(ack: Ack) -> None:
        ack()

    app.command("/kindling")(only_ack)
    return app


def _measure(wsgi_app: Callable[..., object], body: str, requests: int) -> list[float]:
    server = HttpServer(wsgi_app, host="127.0.0.1", port=0)  # type: ignore[arg-type]
    server.start()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    verifier = SignatureVerifier(SIGNING_SECRET)
    samples = []
    try:
        for _ in range(requests):
            stamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": verifier.generate_signature(timestamp=stamp, body=body),
            }
            started = time.perf_counter()
            connection.request("POST", "/slack/events", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            samples.append(time.perf_counter() - started)
            if response.status != 200:
                raise RuntimeError(f"the app answered {response.status}")
    finally:
        connection.close()
        server.stop()
    return samples[len(samples) // 10 :]  # drop the warm-up


if __name__ == "__main__":
    main()
