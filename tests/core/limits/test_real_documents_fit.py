"""Every GraphQL operation the project itself writes — in the tests of every pillar, the
plugins, the example plugin and the docs — fits the default limits. This is the evidence for
the defaults (docs/api.md, "Limits"): a screen that needs more shows up here first."""

import ast
import re
from pathlib import Path

import pytest
from graphql import GraphQLError, parse, validate
from graphql.language import Lexer, Source, TokenKind

from core.config import load_settings
from core.graphql.limits import DocumentLimitsFactory
from core.graphql.limits.document import measure
from core.runtime import Fengqiao
from core.testing import make_settings

ROOT = Path(__file__).resolve().parents[3]
OWN_FOLDER = Path(__file__).resolve().parent  # the limit tests write over-limit documents on purpose
START = re.compile(r"^(query|mutation|subscription|\{)")


def written_documents() -> list[tuple[str, str]]:
    found = []
    sources = [p for folder in ("tests", "plugins", "examples", "core") for p in (ROOT / folder).rglob("*.py")]
    for path in sources:
        if OWN_FOLDER in path.parents or ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and START.match(node.value.strip()):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    for path in (ROOT / "docs").rglob("*.md"):
        for block in re.findall(r"```graphql\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            found.append((str(path.relative_to(ROOT)), block))
    return found


def tokens(text: str) -> int:
    lexer, count = Lexer(Source(text)), 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


@pytest.fixture(scope="module")
def operations(tmp_path_factory):
    app = Fengqiao.create(make_settings(f"sqlite://{tmp_path_factory.mktemp('fit')}/unused.db", None))
    schema = app.schema._schema
    factory = DocumentLimitsFactory(app)
    factory.bind(app.schema)
    valid = []
    for where, text in written_documents():
        try:
            document = parse(text, max_tokens=100_000)
        except GraphQLError:
            continue  # a fragment of a larger document, or a deliberately broken one
        if not validate(schema, document):
            valid.append((where, text, measure(schema, document, {}, factory.model)))
    return valid


def test_the_project_writes_many_operations(operations):
    assert len(operations) > 150


def test_every_written_operation_fits_the_default_limits(operations):
    limits = load_settings(environ={}).limits
    too_big = [
        f"{where}: depth {m.depth}, aliases {m.aliases}, directives {m.directives}, cost {m.cost}, tokens {tokens(text)}"
        for where, text, m in operations
        if m.depth > limits.max_depth
        or m.aliases > limits.max_aliases
        or m.directives > limits.max_directives
        or m.cost > limits.max_cost
        or tokens(text) > limits.max_tokens
    ]
    assert not too_big, "\n".join(too_big)
