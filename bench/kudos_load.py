"""Distinct signed ``/kudos`` requests (or ``reaction_added`` events) over keep-alive
connections, and their latencies."""

from __future__ import annotations

import http.client
import itertools
import json
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.support.signing import SIGNING_SECRET, command_payload
from tests.support.slack_shapes import event_envelope, reaction_event

BENCH_CHANNEL = "CBENCH"  # where the reactions happen (Kindling is in it)


@dataclass(frozen=True)
class Result:
    name: str
    concurrency: int
    latencies: list[float]
    seconds: float
    failures: int

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        return statistics.quantiles(self.latencies, n=100)[98] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds


class Workload:
    """Distinct signed ``/kudos`` bodies: a new giver, two new recipients, a new text each."""

    content_type = "application/x-www-form-urlencoded"

    def __init__(self, team_id: str, response_url: str) -> None:
        self._team_id = team_id
        self._response_url = response_url
        self._numbers = itertools.count()
        self._lock = threading.Lock()

    def next_number(self) -> int:
        """A number no request has used yet: its people are new (the daily limit never hits)."""
        with self._lock:
            return next(self._numbers)

    def next_body(self) -> str:
        number = self.next_number()
        text = f"<@UR{number:06d}|r> <@US{number:06d}> for kindness number {number} #teamwork"
        payload = command_payload(
            "/kudos",
            text,
            team_id=self._team_id,
            user_id=f"UG{number:06d}",
            response_url=self._response_url,
        )
        return urlencode(payload)


class ReactionWorkload:
    """Distinct signed ``reaction_added`` events: a new giver's 💛 on a new author's message,
    numbered with ``kudos`` so the two workloads never share a giver."""

    content_type = "application/json"

    def __init__(self, kudos: Workload, team_id: str) -> None:
        self._kudos = kudos
        self._team_id = team_id

    def next_body(self) -> str:
        number = self._kudos.next_number()
        event = reaction_event(
            "reaction_added",
            user=f"UG{number:06d}",
            reaction="yellow_heart",
            channel=BENCH_CHANNEL,
            ts=f"1764062000.{number:06d}",
            item_user=f"UR{number:06d}",
        )
        envelope = event_envelope(event, event_id=f"EvBench{number:08d}", team_id=self._team_id)
        return json.dumps(envelope)


AnyWorkload = Workload | ReactionWorkload


def measure(name: str, port: int, workload: AnyWorkload, requests: int, concurrency: int) -> Result:
    """``requests`` requests over ``concurrency`` connections."""
    started = time.perf_counter()
    latencies, failures = load(port, workload, requests, concurrency)
    return Result(name, concurrency, latencies, time.perf_counter() - started, failures)


def sustain(name: str, port: int, workload: AnyWorkload, seconds: float) -> Result:
    """Requests one after another on one connection for ``seconds``."""
    started = time.perf_counter()
    latencies, failures = load(port, workload, 10**9, 1, until=started + seconds)
    return Result(name, 1, latencies, time.perf_counter() - started, failures)


def load(
    port: int,
    workload: AnyWorkload,
    requests: int,
    concurrency: int,
    *,
    until: float | None = None,
) -> tuple[list[float], int]:
    """Send ``requests`` (or as many as fit before ``until``); the latencies and failures."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    per_worker = [
        requests // concurrency + (i < requests % concurrency) for i in range(concurrency)
    ]

    def worker(count: int) -> None:
        client = _Client(port)
        mine: list[float] = []
        try:
            for _ in range(count):
                if until is not None and time.perf_counter() >= until:
                    break
                latency = client.send(workload)
                if latency is not None:
                    mine.append(latency)
        finally:
            client.close()
        with lock:
            latencies.extend(mine)
            failures[0] += client.failures

    threads = [threading.Thread(target=worker, args=(count,)) for count in per_worker]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def alternate(
    names: Sequence[str], port: int, workloads: Sequence[AnyWorkload], rounds: int
) -> list[Result]:
    """One request of each workload in turn on one connection, ``rounds`` times: each
    workload's latencies, measured under the same conditions (the same backlog, the same
    deliveries going on in the process meanwhile)."""
    client = _Client(port)
    latencies: list[list[float]] = [[] for _ in workloads]
    started = time.perf_counter()
    try:
        for _ in range(rounds):
            for mine, workload in zip(latencies, workloads, strict=True):
                latency = client.send(workload)
                if latency is not None:
                    mine.append(latency)
    finally:
        client.close()
    seconds = time.perf_counter() - started
    return [
        Result(name, 1, mine, seconds * len(mine) / sum(map(len, latencies)), client.failures)
        for name, mine in zip(names, latencies, strict=True)
    ]


class _Client:
    """One keep-alive connection sending signed requests; counts what was not a 200."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._verifier = SignatureVerifier(SIGNING_SECRET)
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.failures = 0

    def send(self, workload: AnyWorkload) -> float | None:
        """Send the workload's next request; its latency, or None if the connection dropped."""
        body = workload.next_body()
        headers = _signed_headers(self._verifier, body, workload.content_type)
        began = time.perf_counter()
        try:
            self._connection.request("POST", "/slack/events", body=body, headers=headers)
            response = self._connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.failures += 1  # a dropped connection counts as a failed answer
            self._connection.close()
            self._connection = http.client.HTTPConnection("127.0.0.1", self._port, timeout=30)
            return None
        self.failures += response.status != 200
        return time.perf_counter() - began

    def close(self) -> None:
        self._connection.close()


def _signed_headers(verifier: SignatureVerifier, body: str, content_type: str) -> dict[str, str]:
    """The headers Slack sends with a request: its timestamp and signature."""
    stamp = str(int(time.time()))
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": verifier.generate_signature(timestamp=stamp, body=body) or "",
    }
