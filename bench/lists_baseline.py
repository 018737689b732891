"""The hand-written baseline of ``bench/graphql_lists.py``: a plain ASGI app, SQL by hand, ``json.dumps``.

It answers ``/disputes?first=N`` and ``/incidents?first=N`` with the same bytes as the GraphQL
lists the benchmark sends (checked there), for the station ``BENCH_STATION_ID``, reading
``BENCH_DATABASE_URL`` (``sqlite://PATH`` or ``postgres://…``). It does what those answers need
and nothing more: one query per level (page, then children by ``IN``), names decrypted with the
deployment's key (``FENGQIAO_SECRET_KEY``). It checks no token: the cost of authentication is
part of what the ratio shows. Run by the benchmark as ``uvicorn lists_baseline:app``.
"""

from __future__ import annotations

import base64
import json
import os
from collections import defaultdict
from typing import Any
from urllib.parse import parse_qs

from core.personal.crypto import Keyring

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
STATION_ID = int(os.environ.get("BENCH_STATION_ID", "0"))
KEYRING = Keyring.from_secret(os.environ.get("FENGQIAO_SECRET_KEY", "x" * 32))

DISPUTES = """SELECT d.id, d.status, d.risk_level, d.level, a.name AS area FROM mediation_dispute d
LEFT JOIN core_area a ON a.id = d.area_id WHERE d.station_id = $1 ORDER BY d.reported_at DESC, d.id DESC LIMIT $2"""
PARTIES = """SELECT l.dispute_id, p.name FROM mediation_dispute_party l JOIN mediation_person p ON p.id = l.person_id
WHERE l.dispute_id IN ({ids}) ORDER BY l.id"""
MEDIATORS = """SELECT m.dispute_id, u.display_name, m.team_role, m.active FROM mediation_assignment m
JOIN core_user u ON u.id = m.user_id WHERE m.dispute_id IN ({ids}) ORDER BY m.active DESC, m.assigned_at, m.id"""
INCIDENTS = """SELECT id, category, status FROM patrol_incident WHERE station_id = $1
ORDER BY received_at DESC, id LIMIT $2"""
PERSONS = "SELECT incident_id, name, role FROM patrol_incident_person WHERE incident_id IN ({ids}) ORDER BY id"


def global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


class Database:
    """One connection (SQLite) or a small pool (PostgreSQL); ``$n`` placeholders either way."""

    async def open(self) -> None:
        if DATABASE_URL.startswith("sqlite://"):
            import aiosqlite

            self.sqlite = await aiosqlite.connect(DATABASE_URL.removeprefix("sqlite://"))
            self.pool = None
        else:
            import asyncpg

            self.pool = await asyncpg.create_pool(DATABASE_URL, min_size=1, max_size=4)

    async def fetch(self, sql: str, *args: Any) -> list[tuple]:
        if self.pool is not None:
            return [tuple(row) for row in await self.pool.fetch(sql, *args)]
        for number in range(len(args), 0, -1):
            sql = sql.replace(f"${number}", "?")
        async with self.sqlite.execute(sql, args) as cursor:
            return list(await cursor.fetchall())


def in_list(ids: list[int]) -> str:
    return ",".join(str(int(pk)) for pk in ids) or "NULL"


async def dispute_page(db: Database, first: int) -> dict:
    rows = await db.fetch(DISPUTES, STATION_ID, first)
    ids = in_list([row[0] for row in rows])
    parties, mediators = defaultdict(list), defaultdict(list)
    for dispute_id, name in await db.fetch(PARTIES.format(ids=ids)):
        parties[dispute_id].append({"name": KEYRING.decrypt(name)})
    for dispute_id, display_name, team_role, active in await db.fetch(MEDIATORS.format(ids=ids)):
        mediators[dispute_id].append({"displayName": display_name, "teamRole": team_role, "active": bool(active)})
    nodes = [
        {
            "id": global_id("Dispute", pk),
            "status": status,
            "riskLevel": risk,
            "level": level,
            "area": {"name": area} if area is not None else None,
            "parties": parties[pk],
            "mediators": mediators[pk],
        }
        for pk, status, risk, level, area in rows
    ]
    return {"data": {"disputes": {"nodes": nodes}}}


async def incident_page(db: Database, first: int) -> dict:
    rows = await db.fetch(INCIDENTS, STATION_ID, first)
    persons = defaultdict(list)
    for incident_id, name, role in await db.fetch(PERSONS.format(ids=in_list([row[0] for row in rows]))):
        persons[incident_id].append({"name": name, "role": role})
    nodes = [
        {"id": global_id("Incident", pk), "category": category, "status": status, "persons": persons[pk]}
        for pk, category, status in rows
    ]
    return {"data": {"incidents": {"nodes": nodes}}}


PAGES = {"/disputes": dispute_page, "/incidents": incident_page}


class Baseline:
    def __init__(self) -> None:
        self.db = Database()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await self.db.open()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        page = PAGES.get(scope["path"])
        if page is None:
            await self.respond(send, 404, b"{}")
            return
        first = int(parse_qs(scope["query_string"].decode()).get("first", ["50"])[0])
        body = json.dumps(await page(self.db, first), separators=(",", ":")).encode()
        await self.respond(send, 200, body)

    async def respond(self, send: Any, status: int, body: bytes) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


app = Baseline()
