"""``fengqiao operations register|list|remove``: manage the trusted documents."""

from __future__ import annotations

import argparse
import dataclasses

from core.cli import command


def add_parser(add) -> None:
    """``add`` is the CLI's sub-command factory: name, help, example."""
    operations = add(
        "operations",
        "persisted operations (trusted documents) of front-end clients",
        "fengqiao operations register dist/persisted-documents.json --client dashboard@1.4.0",
    )
    actions = operations.add_subparsers(dest="operations_command", required=True, metavar="ACTION")
    register = actions.add_parser(
        "register", help="register a client's operations from its manifest (graphql-codegen persisted documents)"
    )
    register.add_argument("manifest", help="persisted-documents.json, or an Apollo persisted query manifest")
    register.add_argument("--client", help="name and version of the client build, e.g. dashboard@1.4.0")
    actions.add_parser("list", help="list registered operations: hash, type, name, client")
    remove = actions.add_parser("remove", help="remove every operation a client build registered")
    remove.add_argument("--client", required=True, help="the name given to 'register --client'")


def _app(args: argparse.Namespace):
    from core.cli import settings_from
    from core.runtime import Fengqiao

    return Fengqiao.create(settings_from(args))


def _system():
    from core.contract import Role
    from core.identity.actor import SYSTEM

    return dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))


@command("operations register")
async def operations_register(args: argparse.Namespace) -> int:
    from core.audit import audit_context
    from core.operations.registry import check_manifest, read_manifest, register_operations

    entries = read_manifest(args.manifest)
    app = _app(args)
    operations = check_manifest(entries, app.schema._schema)  # before touching the database
    await app.start()
    try:
        with audit_context(_system()):
            result = await register_operations(operations, args.client)
    finally:
        await app.stop()
    print(
        f"registered {len(operations)} operation(s) from {args.manifest}: "
        f"{len(result.added)} new, {len(result.already_registered)} already registered"
    )
    for op in result.added:
        print(f"  + {op.sha256[:12]}  {op.operation_type:<12} {op.operation_name or '(anonymous)'}")
    return 0


@command("operations list")
async def operations_list(args: argparse.Namespace) -> int:
    from core.operations.models import PersistedOperation

    app = _app(args)
    await app.start()
    try:
        rows = await PersistedOperation.all().order_by("client_name", "operation_name")
    finally:
        await app.stop()
    if not rows:
        print("no registered operations")
        return 0
    for row in rows:
        name = row.operation_name or "(anonymous)"
        print(f"{row.sha256}  {row.operation_type:<12} {name:<40} {row.client_name or '-'}")
    return 0


@command("operations remove")
async def operations_remove(args: argparse.Namespace) -> int:
    from core.audit import audit_context
    from core.operations.registry import remove_operations

    app = _app(args)
    await app.start()
    try:
        with audit_context(_system()):
            count = await remove_operations(args.client)
    finally:
        await app.stop()
    print(f"removed {count} operation(s) of client {args.client!r}")
    return 0
