"""Informants (举报人) stay untraceable: an anonymous tip leaves no client address or user agent
anywhere in the database."""

from core.audit.models import AuditEvent
from core.testing import GraphQLClient
from plugins.mediation import models

from .test_tips import SUBMIT, gid

ADDRESS = "203.0.113.77"


async def test_an_anonymous_tip_stores_no_client_address(app, station):
    from tortoise import connections

    client = GraphQLClient(app, client_address=ADDRESS)
    payload = await client.mutate(
        SUBMIT, {"input": {"content": "有人在河边非法捕鱼", "stationId": gid("Station", station)}}
    )
    assert payload["trackingCode"]
    events = await AuditEvent.filter(action__startswith="mediation.tip")
    assert events and all(event.client_address is None for event in events)
    connection = connections.get("default")
    for table in ("core_audit_event", models.Tip._meta.db_table):
        rows = await connection.execute_query_dict(f"SELECT * FROM {table}")
        assert ADDRESS not in repr(rows) and "python-httpx" not in repr(rows)
