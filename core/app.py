"""The Starlette application: ``/graphql`` (HTTP, GraphiQL, WebSocket), ``/healthz`` and
``/metrics``; every response carries ``X-Request-ID``."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from tortoise import connections

from core.config import Settings
from core.graphql.context import RequestContext
from core.graphql.errors import code_of_unprocessed
from core.graphql.limits.body import RequestGuard
from core.graphql.limits.websocket import TransportWSHandler
from core.graphql.persisted import PersistedOperationsView
from core.identity.actor import ANONYMOUS
from core.identity.services import actor_for_token
from core.observability.request_id import RequestIdMiddleware
from core.runtime import Fengqiao

log = logging.getLogger("fengqiao.app")


def bearer_token(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class FengqiaoGraphQL(PersistedOperationsView, GraphQL):
    """Strawberry's ASGI view with the Fengqiao context: the actor comes from the bearer token
    (HTTP header, or the ``Authorization`` connection parameter on WebSockets). Persisted
    operations are resolved by ``PersistedOperationsView``, which also limits GET to them."""

    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, app: Fengqiao) -> None:
        settings = app.settings
        super().__init__(
            app.schema,
            # GraphiQL sends ad-hoc documents, which a trusted-documents deployment refuses.
            graphql_ide="graphiql"
            if (settings.server.graphiql or settings.debug) and not settings.server.persisted_only
            else None,
            allow_queries_via_get=True,  # persisted queries only: see PersistedOperationsView
            allowed_origins=settings.server.cors_origins,
            # Uploads (GraphQL multipart request spec) are limited to uploadAttachment below; the
            # bearer token (never a cookie) keeps cross-site form posts from acting for a user.
            multipart_uploads_enabled=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.app = app

    async def parse_multipart(self, request: Any) -> Any:
        from core.attachments.http import check_upload_operation

        data = await super().parse_multipart(request)
        check_upload_operation(data)
        return data

    async def get_context(self, request: Request | WebSocket, response: Any) -> RequestContext:
        actor = ANONYMOUS
        if isinstance(request, Request):
            actor = await actor_for_token(bearer_token(request.headers.get("authorization"))) or ANONYMOUS
        client = request.client.host if request.client else None
        return RequestContext(app=self.app, actor=actor, request=request, response=response, client_address=client)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        from core.explorer import graphiql_page

        # The package's own copy of GraphiQL: it works without internet access.
        return HTMLResponse(graphiql_page(request.url.path))

    async def process_result(self, request: Request, result: Any) -> Any:
        body = await super().process_result(request, result)
        # Parse errors never reach the schema's extensions; give them a code here too.
        for error in body.get("errors") or []:
            extensions = error.setdefault("extensions", {})
            extensions.setdefault("code", code_of_unprocessed(error.get("message", "")))
        return body

    async def on_ws_connect(self, context: RequestContext) -> Any:
        params = getattr(context, "connection_params", None) or {}
        if isinstance(params, dict):
            token = bearer_token(params.get("Authorization") or params.get("authorization"))
            token = token or params.get("token")
            context.actor = await actor_for_token(token) or ANONYMOUS
        return None


def upload_limits(settings: Settings) -> dict[str, int]:
    """The body limit of ``uploadAttachment`` multipart requests: the file (``[attachments]
    max_upload_bytes``) and the form fields around it, unless ``[limits] body_limits`` names it."""
    from core.attachments.http import upload_body_limit

    default = upload_body_limit(settings.attachments.max_upload_bytes)
    return {"uploadAttachment": settings.limits.body_limits.get("uploadAttachment", default)}


def create_app(app: Fengqiao | None = None, *, settings: Settings | None = None) -> Starlette:
    """Build the ASGI app. The plugin set and schema are fixed here, once."""
    fengqiao = app or Fengqiao.create(settings)
    graphql = FengqiaoGraphQL(fengqiao)
    limits = fengqiao.settings.limits
    guarded = RequestGuard(
        graphql,
        max_body_bytes=limits.max_body_bytes,
        body_limits=limits.body_limits,
        upload_limits=upload_limits(fengqiao.settings),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette):
        from core.jobs.runner import start_scheduler, stop_scheduler
        from core.observability.metrics import worker_exited

        await fengqiao.start()
        scheduler = await start_scheduler(fengqiao)
        try:
            yield
        finally:
            await stop_scheduler(scheduler)
            await fengqiao.stop()
            worker_exited()

    async def healthz(request: Request) -> JSONResponse:
        try:
            await connections.get("default").execute_query("SELECT 1")
        except Exception:  # noqa: BLE001 — any failure means not healthy
            log.exception("health check failed")
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok", "plugins": fengqiao.plugins.names})

    from core.attachments.downloads import ROUTE, redact_access_logs, serve_download
    from core.exports.http import export_routes
    from core.observability.http import observability_routes

    redact_access_logs()

    middleware = [Middleware(RequestIdMiddleware)]
    if fengqiao.settings.server.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(fengqiao.settings.server.cors_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                expose_headers=["X-Request-ID"],
                max_age=600,
            )
        )
    starlette = Starlette(
        debug=fengqiao.settings.debug,
        routes=[
            Route("/graphql", guarded, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", guarded),
            Route("/healthz", healthz, methods=["GET"]),
            Route(ROUTE, serve_download, methods=["GET"]),
            *export_routes(fengqiao),
            *observability_routes(fengqiao, graphiql=graphql.graphql_ide is not None),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    starlette.state.fengqiao = fengqiao
    return starlette
