"""Results by SHA-256 of the picture's bytes, so the same image on many pages is read once.

In memory only, by design: a result quotes what the picture shows (names, numbers), and the
service never writes such values to disk (the SQLite store keeps counts and types only).
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class ResultCache:
    """A thread-safe LRU of JSON-ready results."""

    def __init__(self, capacity: int = 512):
        self.capacity = capacity
        self._items: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, digest: str) -> dict | None:
        with self._lock:
            item = self._items.get(digest)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(digest)
            self.hits += 1
            return item

    def put(self, digest: str, result: dict) -> None:
        with self._lock:
            self._items[digest] = result
            self._items.move_to_end(digest)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
