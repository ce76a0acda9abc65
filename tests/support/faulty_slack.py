"""The hop between Kindling and the fake Slack, failing as Slack and the network do: 429s,
HTTP 500s before and after the post, resets before and after the request is read, answers
that come too late, and outages that refuse every connection. It records what it did to each
``chat.postMessage`` so a test can tell a proven non-delivery from an ambiguous one; the fake
behind it records what was really posted."""

from __future__ import annotations

import contextlib
import json
import random
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs

from tests.support.tcp_link import TcpLink, reset

POST = "chat.postMessage"
# Well past Kindling's 10 s Slack timeout: the replica gives up long before the answer, and a
# test has time to see the hang and kill its sender.
HANG_SECONDS = 20.0
_READ_TIMEOUT_SECONDS = 10.0


class Fault(StrEnum):
    """What the hop did to one call."""

    NONE = "none"
    RATE_LIMITED = "rate_limited"  # HTTP 429 with Retry-After; nothing reached Slack
    ERROR_BEFORE = "error_before"  # HTTP 500; nothing reached Slack
    ERROR_AFTER = "error_after"  # posted, then answered HTTP 500
    RESET_AT_CONNECT = "reset_at_connect"  # reset as the connection opened, before or while
    # the request was written: a client whose write failed knows nothing was sent
    RESET_BEFORE = "reset_before"  # reset once the request arrived; nothing reached Slack
    RESET_AFTER = "reset_after"  # posted, then reset instead of the answer
    HANG = "hang"  # posted, answered only after the client gave up


# The client cannot tell whether these posted: Kindling must record them uncertain, not resend.
AMBIGUOUS = frozenset(
    {
        Fault.ERROR_BEFORE,
        Fault.ERROR_AFTER,
        Fault.RESET_AT_CONNECT,
        Fault.RESET_BEFORE,
        Fault.RESET_AFTER,
        Fault.HANG,
    }
)
_FORWARDED = frozenset({Fault.NONE, Fault.ERROR_AFTER, Fault.RESET_AFTER, Fault.HANG})


@dataclass
class Exchange:
    """One call through the hop."""

    method: str
    channel: str | None
    fault: Fault
    finished: bool = False  # answered, reset, or given up on
    dropped: bool = False  # cut off unfinished by an outage: ambiguous whatever the fault

    @property
    def ambiguous(self) -> bool:
        """The client cannot tell whether this call posted."""
        return self.dropped or self.fault in AMBIGUOUS


class FaultPlan:
    """Which fault each ``chat.postMessage`` meets: drawn with ``rates`` from a seeded random
    sequence, except the calls numbered in ``forced`` (0 is the first post)."""

    def __init__(
        self,
        rates: Mapping[Fault, float],
        *,
        seed: int,
        forced: Mapping[int, Fault] | None = None,
        resets_at_connect: float = 0.0,
    ) -> None:
        self._rates = dict(rates)
        self._random = random.Random(seed)  # noqa: S311  # a test's fault plan, not a secret
        self._connections = random.Random(seed + 1)  # noqa: S311
        self._forced = dict(forced or {})
        self._resets_at_connect = resets_at_connect

    def resets_at_connect(self) -> bool:
        """Whether the next connection is reset as it opens (any method: the request is not
        read yet)."""
        return self._connections.random() < self._resets_at_connect

    def fault_for(self, index: int) -> Fault:
        draw = self._random.random()
        if index in self._forced:
            return self._forced[index]
        for fault, rate in self._rates.items():
            if draw < rate:
                return fault
            draw -= rate
        return Fault.NONE


class FaultySlack(TcpLink):
    """A :class:`TcpLink` to the fake Slack that reads each HTTP request (one per connection,
    as slack_sdk's urllib client sends them) and applies the plan's fault to posts."""

    def __init__(self, target: tuple[str, int], plan: FaultPlan) -> None:
        super().__init__(target)
        self.plan = plan
        self.exchanges: list[Exchange] = []
        self.armed = False  # resets at connect only once the replicas have started
        self.blind_drops = 0  # connections an outage cut off before their request was read
        self._serving: dict[socket.socket, Exchange | None] = {}
        self._record = threading.Lock()
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        super().__exit__(*exc)

    def posts(self) -> list[Exchange]:
        with self._record:
            return [exchange for exchange in self.exchanges if exchange.method == POST]

    def in_flight(self) -> list[Exchange]:
        """Posts that reached Slack and whose answer has not been given yet."""
        return [e for e in self.posts() if e.fault in _FORWARDED and not e.finished]

    def cut_off(self, connection: socket.socket) -> None:
        """An outage ends a call: ambiguous if its request had arrived. One whose request
        cannot be seen any more (being read) is a blind drop."""
        with self._record:
            if connection in self._serving:
                exchange = self._serving[connection]
                if exchange is None:
                    self.blind_drops += 1
                elif not exchange.finished:
                    exchange.dropped = True
            elif connection not in self.upstreams:
                self._note_unread(connection, dropped=True)
        reset(connection)

    def handle(self, client: socket.socket) -> None:
        if self.armed and self.plan.resets_at_connect():
            self._reset_at_connect(client)
            return
        with self._record:
            self._serving[client] = None
        try:
            self._serve(client)
        finally:
            with self._record:
                del self._serving[client]

    def _serve(self, client: socket.socket) -> None:
        try:
            client.settimeout(_READ_TIMEOUT_SECONDS)
        except OSError:  # an outage cut it off before it was served
            return
        request = _read_request(client)
        if request is None:
            return
        method, channel = _method_and_channel(request)
        with self._record:
            index = len([e for e in self.exchanges if e.method == POST])
            fault = self.plan.fault_for(index) if method == POST else Fault.NONE
            exchange = Exchange(method, channel, fault)
            self.exchanges.append(exchange)
            self._serving[client] = exchange
        try:
            self._answer(client, request, fault)
        except OSError:  # an outage cut it off while it was answered: noted as dropped
            return
        finally:
            exchange.finished = True

    def _reset_at_connect(self, client: socket.socket) -> None:
        """Reset at once, noting whatever part of the request had already arrived (a post is
        ambiguous only if its client managed to write it)."""
        with self._record:
            self._note_unread(client, dropped=False)
        reset(client)

    def _note_unread(self, client: socket.socket, *, dropped: bool) -> None:
        """Record a connection reset before its request was read, by what had arrived."""
        try:
            arrived = client.recv(65536, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except OSError:
            arrived = b""
        method, channel = _method_and_channel(arrived) if arrived else ("", None)
        fault = Fault.NONE if dropped else Fault.RESET_AT_CONNECT
        if dropped and not method:
            self.blind_drops += 1
        else:
            self.exchanges.append(Exchange(method, channel, fault, True, dropped=dropped))

    def _answer(self, client: socket.socket, request: bytes, fault: Fault) -> None:
        if fault is Fault.RESET_BEFORE:
            reset(client)
        elif fault is Fault.RATE_LIMITED:
            client.sendall(_answer(429, {"error": "ratelimited"}, "Retry-After: 1\r\n"))
        elif fault is Fault.ERROR_BEFORE:
            client.sendall(_answer(500, {"error": "fatal_error"}))
        else:
            answer = self._forward(request)
            if answer is None or fault is Fault.RESET_AFTER:
                reset(client)
            elif fault is Fault.ERROR_AFTER:
                client.sendall(_answer(500, {"error": "internal_error"}))
            else:
                if fault is Fault.HANG:
                    self._stopping.wait(HANG_SECONDS)
                with contextlib.suppress(OSError):  # a client that gave up has gone
                    client.sendall(answer)

    def _forward(self, request: bytes) -> bytes | None:
        upstream = self.connect_upstream()
        if upstream is None:
            return None
        try:
            upstream.sendall(request)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)
        except OSError:
            return None
        finally:
            self.untrack(upstream)
            upstream.close()


def _read_request(client: socket.socket) -> bytes | None:
    """The whole request (headers and ``Content-Length`` body), or None if the client went."""
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = _content_length(head)
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                return None
            body += chunk
    except OSError:
        return None
    return data if length == 0 else head + b"\r\n\r\n" + body


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def _method_and_channel(request: bytes) -> tuple[str, str | None]:
    """The Web API method a request calls and the channel it names (from what arrived)."""
    head, _, body = request.partition(b"\r\n\r\n")
    words = head.split(b"\r\n", 1)[0].split(b" ")
    path = words[1].decode(errors="replace") if len(words) > 1 else ""
    method = path.rsplit("/", 1)[-1].split("?", 1)[0]
    text = body.decode(errors="replace")
    try:
        fields = json.loads(text) if text.startswith("{") else parse_qs(text)
    except ValueError:
        return method, None
    channel = fields.get("channel")
    if isinstance(channel, list):
        channel = channel[0] if channel else None
    return method, str(channel) if channel else None


def _answer(status: int, body: dict[str, object], extra_headers: str = "") -> bytes:
    reason = {429: "Too Many Requests", 500: "Internal Server Error"}[status]
    payload = json.dumps({"ok": False, **body}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(payload)}\r\n{extra_headers}Connection: close\r\n"
        f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime())}\r\n\r\n"
    )
    return head.encode() + payload
