"""Token-bucket rate limiting per client (a paired token, else the remote address)."""

from __future__ import annotations

import math
import threading
import time


class TokenBuckets:
    MAX_CLIENTS = 10_000   # bound memory: forget the stalest buckets beyond this

    def __init__(self, rate_per_second: float, burst: float, clock=time.monotonic):
        self.rate = rate_per_second
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token for ``client``. Returns 0 if allowed, else seconds until one is available."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                self._evict_if_full()
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate if self.rate > 0 else math.inf

    def _evict_if_full(self) -> None:
        if len(self._buckets) > self.MAX_CLIENTS:
            stalest = sorted(self._buckets, key=lambda k: self._buckets[k][1])[: len(self._buckets) // 2]
            for key in stalest:
                del self._buckets[key]
