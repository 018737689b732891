"""GraphiQL, served offline: the page and its assets come from the package
(``core/static/graphiql``, refreshed by ``scripts/fetch-graphiql-assets.sh``), so the explorer
works on an intranet with no internet access and sends no request anywhere but this server."""

from __future__ import annotations

import functools
import json
from importlib import resources

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC_PATH = "/graphiql/static"

DEFAULT_QUERY = """\
# Fengqiao GraphQL explorer (枫桥) — served by this server, no internet needed.
#
# 1. Run "Login" (the ▶ button) with a real account; copy the token from the answer.
# 2. In the Headers tab below, put the token after "Bearer ".
# 3. Run "FirstQuery": it answers as the logged-in user.

mutation Login {
  login(input: {username: "cd.officer", password: "your password"}) {
    token
    errors { field message code }
  }
}

query FirstQuery {
  me {
    username
    displayName
    roles
    station { name }
  }
}
"""
DEFAULT_HEADERS = '{\n  "Authorization": "Bearer paste-the-token-here"\n}'


def asset_directory() -> str:
    return str(resources.files("core") / "static" / "graphiql")


@functools.cache
def graphiql_page(endpoint: str = "/graphql") -> str:
    template = (resources.files("core") / "static" / "graphiql" / "index.html").read_text(encoding="utf-8")
    return template.format(
        static=STATIC_PATH,
        endpoint=endpoint,
        default_query=json.dumps(DEFAULT_QUERY),
        default_headers=json.dumps(DEFAULT_HEADERS),
    )


def asset_route() -> Mount:
    return Mount(STATIC_PATH, app=StaticFiles(directory=asset_directory()), name="graphiql-static")
