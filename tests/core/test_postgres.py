"""Behaviour that only PostgreSQL shows: concurrent writers and the migration gate."""

import asyncio
import os

import pytest

from core.errors import ConfigError

POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="PostgreSQL tests need FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB (CI sets it)",
)


async def test_concurrent_audit_appends_keep_one_linear_chain(app):
    from core.audit import audit_context, record
    from core.audit.verify import verify_chain
    from core.db import transaction
    from core.identity.actor import SYSTEM

    async def append(i: int) -> None:
        with audit_context(SYSTEM):
            async with transaction():
                await record("test.concurrent.write", object_type="Thing", object_id=i)
                await asyncio.sleep(0.01)  # hold the transaction so writers overlap

    await asyncio.gather(*(append(i) for i in range(20)))
    result = await verify_chain()
    assert result.ok, result


async def test_unmigrated_postgres_database_is_refused_with_the_fix(tmp_path):
    from core.db import ensure_migrated
    from core.runtime import Fengqiao
    from core.testing import make_settings, reset_postgres

    await reset_postgres(POSTGRES_URL)
    app = Fengqiao.create(make_settings(POSTGRES_URL, []))
    with pytest.raises(ConfigError, match="run 'fengqiao migrate' first"):
        await ensure_migrated(app.settings, app.db_config)
