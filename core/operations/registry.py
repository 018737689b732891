"""Reading persisted-operation manifests and registering their documents.

Two manifest formats are accepted, both as written by the usual client build tools:

* graphql-codegen's client preset (``persistedDocuments: true``) — ``persisted-documents.json``,
  an object mapping each document's SHA-256 (hex, optionally written ``sha256:<hex>``) to its
  text;
* Apollo's persisted query manifest — ``{"format": "apollo-persisted-query-manifest",
  "version": 1, "operations": [{"id", "body", "name", "type"}]}``.

A manifest is registered whole or not at all: every hash must be the SHA-256 of its document,
and every document must hold exactly one operation that is valid against the deployment's
schema. Registering a document twice is harmless.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode, parse, validate

from core.errors import UserInputError

HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")
APOLLO_FORMAT = "apollo-persisted-query-manifest"


def sha256_of(document: str) -> str:
    """The hash clients send for ``document``: lower-case hex SHA-256 of its UTF-8 text."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


@dataclasses.dataclass(frozen=True)
class ManifestOperation:
    sha256: str
    document: str
    operation_name: str | None
    operation_type: str


@dataclasses.dataclass(frozen=True)
class RegistrationResult:
    added: list[ManifestOperation]
    already_registered: list[ManifestOperation]


def read_manifest(path: str | Path) -> dict[str, str]:
    """``{sha256: document}`` from a manifest file; ``UserInputError`` naming what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserInputError(f"manifest not found: {path}", field="manifest") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserInputError(f"{path}: not a JSON manifest ({error})", field="manifest") from None
    return manifest_entries(data, str(path))


def manifest_entries(data: Any, source: str = "manifest") -> dict[str, str]:
    if isinstance(data, dict) and data.get("format") == APOLLO_FORMAT:
        if data.get("version") != 1:
            raise UserInputError(f"{source}: unsupported {APOLLO_FORMAT} version {data.get('version')!r}")
        operations = data.get("operations")
        if not isinstance(operations, list):
            raise UserInputError(f"{source}: 'operations' must be a list")
        entries: dict[str, str] = {}
        for index, item in enumerate(operations):
            if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("body"), str)):
                raise UserInputError(f"{source}: operations[{index}] needs a string 'id' and 'body'")
            entries[item["id"]] = item["body"]
        return entries
    if not isinstance(data, dict) or not data:
        raise UserInputError(
            f"{source}: expected an object mapping SHA-256 hashes to documents "
            "(graphql-codegen persisted documents) or an Apollo persisted query manifest"
        )
    entries = {}
    for key, value in data.items():
        if not isinstance(value, str):
            raise UserInputError(f"{source}: the value of {key!r} must be the document text")
        # graphql-codegen names the algorithm in the key ("sha256:<hex>"); clients send the hex.
        entries[key.removeprefix("sha256:")] = value
    return entries


def check_manifest(entries: dict[str, str], schema: GraphQLSchema) -> list[ManifestOperation]:
    """Check every entry; raise one ``UserInputError`` listing every problem."""
    problems: list[UserInputError] = []
    operations: list[ManifestOperation] = []
    for key, document in entries.items():
        label = key[:12]
        if not HASH_PATTERN.match(key):
            problems.append(UserInputError(f"{key!r}: not a lower-case hex SHA-256 hash", field=label))
            continue
        if sha256_of(document) != key:
            problems.append(UserInputError("the hash is not the SHA-256 of the document", field=label))
            continue
        try:
            parsed = parse(document)
        except GraphQLError as error:
            problems.append(UserInputError(f"cannot parse the document: {error.message}", field=label))
            continue
        definitions = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
        if len(definitions) != 1:
            problems.append(
                UserInputError(f"a document must hold exactly one operation, found {len(definitions)}", field=label)
            )
            continue
        errors = validate(schema, parsed)
        if errors:
            shown = "; ".join(error.message for error in errors[:3])
            problems.append(UserInputError(f"not valid against this server's schema: {shown}", field=label))
            continue
        operation = definitions[0]
        operations.append(
            ManifestOperation(
                sha256=key,
                document=document,
                operation_name=operation.name.value if operation.name else None,
                operation_type=operation.operation.value,
            )
        )
    if problems:
        raise UserInputError.many(problems)
    return operations


async def register_operations(
    operations: Iterable[ManifestOperation], client_name: str | None = None
) -> RegistrationResult:
    """Store the operations not yet registered, with one audit event, in one transaction."""
    from core.audit import record
    from core.db import transaction
    from core.operations.models import PersistedOperation

    operations = list(operations)
    async with transaction():
        known = set(
            await PersistedOperation.filter(sha256__in=[op.sha256 for op in operations]).values_list(
                "sha256", flat=True
            )
        )
        added = [op for op in operations if op.sha256 not in known]
        for op in added:
            await PersistedOperation.create(
                sha256=op.sha256,
                document=op.document,
                operation_name=op.operation_name,
                operation_type=op.operation_type,
                client_name=client_name,
            )
        if added:
            await record(
                "core.operations.register",
                object_type="PersistedOperation",
                after={
                    "client": client_name,
                    "operations": [f"{op.operation_type} {op.operation_name or '-'} {op.sha256}" for op in added],
                },
            )
    return RegistrationResult(added=added, already_registered=[op for op in operations if op.sha256 in known])


async def remove_operations(client_name: str) -> int:
    """Retire every operation a client registered (an old build's); audited. Returns the count."""
    from core.audit import record
    from core.db import transaction
    from core.operations.models import PersistedOperation

    async with transaction():
        rows = await PersistedOperation.filter(client_name=client_name).values_list("sha256", flat=True)
        if rows:
            await PersistedOperation.filter(client_name=client_name).delete()
            await record(
                "core.operations.remove",
                object_type="PersistedOperation",
                before={"client": client_name, "operations": list(rows)},
            )
    return len(rows)


async def registered_document(sha256: str) -> str | None:
    """The registered document with this hash, or None."""
    from core.operations.models import PersistedOperation

    return await PersistedOperation.filter(sha256=sha256).first().values_list("document", flat=True)
