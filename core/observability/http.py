"""HTTP routes for operators: ``GET /metrics`` (when enabled) and GraphiQL's bundled assets."""

from __future__ import annotations

import hmac
from importlib import metadata
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

if TYPE_CHECKING:
    from core.runtime import Fengqiao


def observability_routes(app: Fengqiao, *, graphiql: bool) -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    if graphiql:
        from core.explorer import asset_route

        routes.append(asset_route())
    if app.settings.metrics.enabled:
        from core.observability.metrics import instrument_database

        instrument_database()
        routes.append(Route("/metrics", metrics_endpoint(app), methods=["GET"]))
    return routes


def metrics_endpoint(app: Fengqiao):
    from core.observability import metrics

    settings = app.settings.metrics
    plugins = [(name, plugin.info.version) for name, plugin in app.plugins.plugins.items()]
    info = metrics.PluginInfoCollector(plugins, core_version())

    async def endpoint(request: Request) -> Response:
        client = request.client.host if request.client else None
        if not metrics.client_allowed(client, settings.allow):
            return PlainTextResponse("metrics are not served to this address ([metrics] allow)\n", status_code=403)
        if settings.token:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
                return PlainTextResponse(
                    "metrics need 'Authorization: Bearer <[metrics] token>'\n",
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        body, content_type = metrics.render([info])
        return Response(body, media_type=content_type)

    return endpoint


def core_version() -> str:
    try:
        return metadata.version("fengqiao")
    except metadata.PackageNotFoundError:
        return "unknown"
