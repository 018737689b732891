"""A small per-key sliding-window rate limiter for anonymous, public operations."""

from __future__ import annotations

import collections
import time


class RateLimiter:
    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._hits: dict[str, collections.deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Count one request for ``key``; False when it is over the limit."""
        if self.per_minute <= 0:
            return True
        now = self.clock()
        hits = self._hits.setdefault(key, collections.deque())
        while hits and hits[0] <= now - 60:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle clients so memory stays bounded
            for stale in [k for k, v in self._hits.items() if not v or v[-1] <= now - 60]:
                del self._hits[stale]
        return True
