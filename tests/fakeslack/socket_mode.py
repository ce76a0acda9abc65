"""The Socket Mode side of the fake: a real WebSocket server that pushes envelopes."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

WAIT_SECONDS = 10.0


class FakeSocketMode:
    """Accepts the app's WebSocket, says hello, pushes envelopes and collects their acks."""

    def __init__(self) -> None:
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._connection: ServerConnection | None = None
        self._acks: dict[str, dict[str, Any]] = {}
        self._changed = threading.Condition()

    def start(self) -> None:
        self._server = serve(self._serve_connection, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake Socket Mode server is not started")
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket={uuid.uuid4()}"

    def wait_for_connection(self, timeout: float = WAIT_SECONDS) -> bool:
        """True once an app has connected (and been greeted)."""
        with self._changed:
            return self._changed.wait_for(lambda: self._connection is not None, timeout)

    def push(self, envelope_type: str, payload: dict[str, Any]) -> str:
        """Send an envelope like Slack does; returns its ``envelope_id``."""
        if self._connection is None:
            raise RuntimeError("no app is connected over Socket Mode")
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self._connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
        """The app's acknowledgement of an envelope (with its response payload, if any)."""
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout):
                raise TimeoutError(f"envelope {envelope_id} was not acknowledged")
            return self._acks[envelope_id]

    def _serve_connection(self, connection: ServerConnection) -> None:
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "connection_info": {"app_id": "AKINDLING"},
                    "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                }
            )
        )
        with self._changed:
            self._connection = connection
            self._changed.notify_all()
        try:
            for message in connection:
                ack = json.loads(message)
                if isinstance(ack, dict) and "envelope_id" in ack:
                    with self._changed:
                        self._acks[ack["envelope_id"]] = ack
                        self._changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                if self._connection is connection:
                    self._connection = None
                self._changed.notify_all()
