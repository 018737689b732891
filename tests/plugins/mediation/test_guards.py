"""Every mediation root field refuses anonymous callers and roles without its permission."""

from __future__ import annotations

from core import Role
from core.testing import GraphQLClient, root_field_documents


def _mediation_fields(app):
    return [entry for entry in root_field_documents(app) if entry[2].plugin == "mediation"]


async def test_every_guarded_field_refuses_anonymous_callers(app):
    client = GraphQLClient(app)
    checked = 0
    for _, name, guard, document, variables in _mediation_fields(app):
        if guard.public:
            continue
        body = await client.execute(document, variables)
        assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAUTHENTICATED"}, name
        checked += 1
    assert checked >= 25


async def test_every_field_refuses_roles_without_its_permission(app, login_as, station):
    checked = 0
    for role in Role:
        client = await login_as(role, station=None if role in (Role.BUREAU_ADMIN, Role.AUDITOR) else station)
        granted = app.permissions.for_roles([role])
        for _, name, guard, document, variables in _mediation_fields(app):
            if guard.public or guard.permission in granted:
                continue
            body = await client.execute(document, variables)
            assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}, (role, name)
            checked += 1
    assert checked > 100


async def test_only_tips_are_public(app):
    public = sorted(name for _, name, guard, _, _ in _mediation_fields(app) if guard.public)
    assert public == ["submitTip", "tipStatus"]
