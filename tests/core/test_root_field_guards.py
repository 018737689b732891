"""Every root field requires login and its permission, driven by the schema (not a list)."""

from core.testing import GraphQLClient, root_field_documents


async def check_all_root_fields_refuse_anonymous_callers(app):
    client = GraphQLClient(app)
    checked = 0
    for _, name, guard, document, variables in root_field_documents(app):
        if guard.public:
            continue
        body = await client.execute(document, variables)
        codes = {error.get("extensions", {}).get("code") for error in body.get("errors", [])}
        assert codes == {"UNAUTHENTICATED"}, (name, body)
        checked += 1
    return checked


async def check_all_permission_fields_refuse_roles_without_it(app, login_as, station):
    from core import Role

    checked = 0
    for role in Role:
        client = await login_as(role, station=None if role.name in {"BUREAU_ADMIN", "AUDITOR"} else station)
        permissions = app.permissions.for_roles([role])
        for _, name, guard, document, variables in root_field_documents(app):
            if guard.public or guard.permission is None or guard.permission in permissions:
                continue
            body = await client.execute(document, variables)
            codes = {error.get("extensions", {}).get("code") for error in body.get("errors", [])}
            assert codes == {"FORBIDDEN"}, (role, name, body)
            checked += 1
    return checked


async def test_every_guarded_root_field_refuses_anonymous_callers(app):
    assert await check_all_root_fields_refuse_anonymous_callers(app) > 5


async def test_every_root_field_refuses_roles_without_its_permission(app, login_as, station):
    assert await check_all_permission_fields_refuse_roles_without_it(app, login_as, station) > 5
