"""Actors of recent tokens, kept a few seconds so a request does not read its account each time.

The key is the token's user and token version, taken only from a token whose signature and
expiry were checked: a client cannot fill the cache with keys of its own making. Entries live
``[auth] actor_cache_seconds`` by the app's clock (an entry dated in the future, after the clock
was set back, counts as expired), at most ``MAX_ENTRIES`` of them, oldest dropped first. Changes
this worker makes to what an actor holds (a station's plugins) clear it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from core.identity.actor import Actor

MAX_ENTRIES = 10_000


class ActorCache:
    def __init__(self, seconds: float, timer: Callable[[], float]) -> None:
        self.seconds = seconds
        self._timer = timer
        self._entries: OrderedDict[tuple[int, int], tuple[float, Actor]] = OrderedDict()

    def get(self, user_id: int, token_version: int) -> Actor | None:
        entry = self._entries.get((user_id, token_version))
        if entry is None:
            return None
        stored_at, actor = entry
        if not stored_at <= self._timer() < stored_at + self.seconds:
            del self._entries[(user_id, token_version)]
            return None
        return actor

    def put(self, user_id: int, token_version: int, actor: Actor) -> None:
        if self.seconds <= 0:
            return
        self._entries[(user_id, token_version)] = (self._timer(), actor)
        self._entries.move_to_end((user_id, token_version))
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
