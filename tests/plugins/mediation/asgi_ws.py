"""A WebSocket client that talks to the ASGI app in the test's own event loop."""

from __future__ import annotations

import asyncio
import json
from typing import Any


class WebSocketSession:
    """Drives one ``graphql-transport-ws`` connection against an ASGI app."""

    def __init__(self, asgi, path: str = "/graphql") -> None:
        self._asgi = asgi
        self._path = path
        self._incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._outgoing: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> WebSocketSession:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": self._path,
            "raw_path": self._path.encode(),
            "query_string": b"",
            "headers": [(b"host", b"fengqiao.test"), (b"sec-websocket-protocol", b"graphql-transport-ws")],
            "subprotocols": ["graphql-transport-ws"],
            "client": ("127.0.0.1", 5555),
            "server": ("fengqiao.test", 80),
        }
        self._task = asyncio.create_task(self._asgi(scope, self._incoming.get, self._outgoing.put))
        await self._incoming.put({"type": "websocket.connect"})
        accepted = await self._next_raw()
        assert accepted["type"] == "websocket.accept", accepted
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._incoming.put({"type": "websocket.disconnect", "code": 1000})
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 5)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()

    async def _next_raw(self, wait: float = 5) -> dict[str, Any]:
        return await asyncio.wait_for(self._outgoing.get(), wait)

    async def send(self, message: dict[str, Any]) -> None:
        await self._incoming.put({"type": "websocket.receive", "text": json.dumps(message)})

    async def receive(self, wait: float = 5) -> dict[str, Any]:
        raw = await self._next_raw(wait)
        assert raw["type"] == "websocket.send", raw
        return json.loads(raw["text"])
