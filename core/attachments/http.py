"""HTTP rules of uploads: the body limit of the upload mutation, and multipart requests
accepted only for it.

The body size itself is enforced by the ``/graphql`` request guard
(``core.graphql.limits.body``), where ``uploadAttachment`` has its own entry: ``[attachments]
max_upload_bytes`` plus room for the form fields (``upload_body_limit``), unless ``[limits]
body_limits`` names it. ``check_upload_operation`` refuses a multipart request unless its one
operation is a mutation selecting nothing but ``uploadAttachment``.
"""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError

UPLOAD_FIELDS = frozenset({"uploadAttachment"})
# Room for the multipart framing and the ``operations``/``map`` fields around the file.
FORM_OVERHEAD = 64 * 1024


def upload_body_limit(max_upload_bytes: int) -> int:
    """The body limit of an ``uploadAttachment`` request: the file and its form fields."""
    return max_upload_bytes + FORM_OVERHEAD


def check_upload_operation(data: Any) -> None:
    """Refuse a multipart request that is anything but one ``uploadAttachment`` mutation."""
    refusal = HTTPException(400, "Multipart requests are accepted only for the uploadAttachment mutation.")
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        raise refusal
    try:
        document = parse(data["query"])
    except GraphQLError:
        raise refusal from None
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    if len(operations) != 1 or len(document.definitions) != 1 or operations[0].operation != OperationType.MUTATION:
        raise refusal
    fields = operations[0].selection_set.selections
    if not fields or any(
        (name := getattr(field, "name", None)) is None or name.value not in UPLOAD_FIELDS for field in fields
    ):
        raise refusal
