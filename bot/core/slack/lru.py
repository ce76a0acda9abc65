"""A dict that keeps only the entries used most recently, for caches kept per workspace or per
token: a deployment's workspaces come and go, and rotated tokens are never asked for again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LruDict(OrderedDict[K, V]):
    """At most ``size`` entries; setting one more forgets the least recently used. Finding a
    key (``in`` or ``[key]``) counts as a use, so a key just found is not the next to go.
    Safe to use from several threads."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("an LRU cache keeps at least one entry")
        super().__init__()
        self.size = size
        self._lock = threading.RLock()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            found = super().__contains__(key)
            if found:
                self.move_to_end(key)  # type: ignore[arg-type]  # found: it is a K
            return found

    def __getitem__(self, key: K) -> V:
        with self._lock:
            value = super().__getitem__(key)
            self.move_to_end(key)
            return value

    def recall(self, key: K) -> V | None:
        """The entry of ``key`` (a use), or None."""
        with self._lock:
            return self[key] if super().__contains__(key) else None

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            super().__setitem__(key, value)
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)
