"""A TCP hop between Kindling and a server it depends on, that can fail as networks do: refuse
every connection for a while (its listening socket closed, as a stopped server's is) and drop
every open one with a reset. What passes through is copied byte for byte, unless a subclass
handles a connection itself."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import Self

_RESET_ON_CLOSE = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends a reset


def reset(connection: socket.socket) -> None:
    """Close ``connection`` with a TCP reset, as a crashed peer or a dropped route does.

    It is shut down first: a thread of the link blocked reading it would otherwise keep the
    socket open past ``close()``, and its peer would wait for an answer forever."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        connection.close()


class TcpLink:
    """Listens on a free local port and joins each connection to ``target``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = self._listen(0)
        self.port: int = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self.upstreams: set[socket.socket] = set()  # of the open ones, those to ``target``
        self._lock = threading.Lock()
        self._up = threading.Event()
        self._up.set()
        self._closed = False
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Self:
        self._acceptor.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._closed = True
        self._up.set()
        self.drop_connections()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._acceptor.join(timeout=5)

    def refuse_for(self, seconds: float) -> None:
        """Refuse connections for ``seconds`` (and drop the open ones), then accept again on
        the same port; returns at once."""
        self._up.clear()
        self._drain_backlog()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self._listener.close()
        self.drop_connections()
        threading.Timer(seconds, self._reopen).start()

    def drop_connections(self) -> None:
        """Reset every connection open through the link."""
        with self._lock:
            dropped, self._open = self._open, set()
        for connection in dropped:
            self.cut_off(connection)

    def cut_off(self, connection: socket.socket) -> None:
        """An outage ends ``connection`` (one open through the link, or one still waiting to
        be accepted, which closing the listener would reset unseen)."""
        reset(connection)

    def _drain_backlog(self) -> None:
        self._listener.setblocking(False)
        while True:
            try:
                waiting, _address = self._listener.accept()
            except OSError:  # none left (or the listener is closed)
                return
            self.cut_off(waiting)

    @property
    def refusing(self) -> bool:
        return not self._up.is_set()

    def handle(self, client: socket.socket) -> None:
        """Carry one accepted connection (in its own thread): copied to and from ``target``."""
        upstream = self.connect_upstream()
        if upstream is None:
            reset(client)
            return
        try:
            copier = threading.Thread(target=_copy, args=(upstream, client), daemon=True)
            copier.start()
            _copy(client, upstream)
            copier.join(timeout=60)
        finally:
            self.untrack(upstream)
            with contextlib.suppress(OSError):
                upstream.close()

    def connect_upstream(self) -> socket.socket | None:
        try:
            upstream = socket.create_connection(self.target, timeout=30)
        except OSError:
            return None
        upstream.settimeout(None)
        with self._lock:
            self.upstreams.add(upstream)
        self.track(upstream)
        return upstream

    def track(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.discard(connection)
            self.upstreams.discard(connection)

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(256)
        return listener

    def _reopen(self) -> None:
        if not self._closed:
            self._listener = self._listen(self.port)
        self._up.set()

    def _accept(self) -> None:
        while not self._closed:
            self._up.wait()
            try:
                client, _address = self._listener.accept()
            except OSError:
                continue  # closed to refuse connections, or for good
            self.track(client)
            threading.Thread(target=self._carry, args=(client,), daemon=True).start()

    def _carry(self, client: socket.socket) -> None:
        try:
            self.handle(client)
        finally:
            self.untrack(client)
            with contextlib.suppress(OSError):
                client.close()


def _copy(source: socket.socket, sink: socket.socket) -> None:
    """Copy until ``source`` ends, then end ``sink``'s writing side."""
    with contextlib.suppress(OSError):
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
