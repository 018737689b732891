"""Operating the app: request ids, the access log, JSON log lines, Prometheus metrics, and
GraphiQL served from the package with no external request."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re

import httpx
import pytest

from core import ConfigError, Role, make_id_number
from core.app import create_app
from core.config import LoggingSettings, MetricsSettings, load_settings
from core.observability.logging_setup import configure_logging
from core.testing import token_for

ADD = "mutation Add($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { errors { message } } }"
ID_NUMBER = make_id_number("511725", __import__("datetime").date(1990, 1, 1), 123)


def http(app, client_address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(app), client=(client_address, 5555))
    return httpx.AsyncClient(transport=transport, base_url="http://fengqiao.test")


async def officer_token(app, station, login_as) -> str:
    officer = await login_as(Role.OFFICER, station=station)
    return token_for(app, officer.user)


# --- request ids ------------------------------------------------------------------------------


async def test_a_well_formed_request_id_is_echoed_and_stored_in_the_audit_row(app, station, login_as):
    from core.audit.models import AuditEvent

    token = await officer_token(app, station, login_as)
    headers = {"Authorization": f"Bearer {token}", "X-Request-ID": "gateway-7f3a9c-0001"}
    async with http(app) as client:
        response = await client.post(
            "/graphql", json={"query": ADD, "variables": {"input": {"name": "王五"}}}, headers=headers
        )
    assert response.headers["x-request-id"] == "gateway-7f3a9c-0001"
    event = await AuditEvent.filter(action="sample.person.create").first()
    assert event.request_id == "gateway-7f3a9c-0001"


@pytest.mark.parametrize("sent", ["a b c d e f", "x" * 65, "short", "evil\\nline", "中文请求编号12345".encode()])
async def test_a_malformed_request_id_is_replaced_by_a_generated_one(app, sent):
    async with http(app) as client:
        response = await client.get("/healthz", headers={"X-Request-ID": sent})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


async def test_every_response_gets_a_request_id_even_without_one(app):
    async with http(app) as client:
        first, second = await client.get("/healthz"), await client.get("/healthz")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


# --- the access log -------------------------------------------------------------------------


async def test_one_access_line_per_graphql_request_with_operation_type_status_and_user(app, station, login_as, caplog):
    token = await officer_token(app, station, login_as)
    variables = {"input": {"name": "张三丰", "idNumber": ID_NUMBER}}
    with caplog.at_level(logging.INFO, logger="fengqiao.access"):
        async with http(app) as client:
            await client.post(
                "/graphql",
                json={"query": ADD, "variables": variables, "operationName": "Add"},
                headers={"Authorization": f"Bearer {token}", "X-Request-ID": "req-access-0001"},
            )
    [record] = [r for r in caplog.records if r.name == "fengqiao.access"]
    assert (record.operation, record.operation_type, record.outcome) == ("Add", "mutation", "ok")
    assert record.user_id is not None and record.duration_ms >= 0
    assert record.getMessage().startswith("graphql mutation Add ok ")
    logged = "\n".join(r.getMessage() + json.dumps(vars(r), default=str) for r in caplog.records)
    assert ID_NUMBER not in logged and "张三丰" not in logged and token not in logged


async def test_the_access_line_names_error_codes_of_a_refused_request(app, caplog):
    with caplog.at_level(logging.INFO, logger="fengqiao.access"):
        async with http(app) as client:
            await client.post("/graphql", json={"query": "query People { samplePeople { totalCount } }"})
    [record] = [r for r in caplog.records if r.name == "fengqiao.access"]
    assert record.outcome == "error" and record.error_codes == ["UNAUTHENTICATED"] and record.user_id is None


async def test_an_operation_name_outside_the_graphql_grammar_is_not_logged(app, caplog):
    with caplog.at_level(logging.INFO, logger="fengqiao.access"):
        async with http(app) as client:
            await client.post("/graphql", json={"query": "{ me { username } }", "operationName": "x\nFAKE line"})
    assert not [r for r in caplog.records if "FAKE" in r.getMessage()]


async def test_the_access_log_can_be_switched_off(make_app, caplog):
    import tests.core.sample_plugin as sample_plugin

    app = await make_app(["sample"], extra_plugins=[sample_plugin], logging=LoggingSettings(access_log=False))
    with caplog.at_level(logging.INFO, logger="fengqiao.access"):
        async with http(app) as client:
            await client.post("/graphql", json={"query": "{ me { username } }"})
    assert not [r for r in caplog.records if r.name == "fengqiao.access"]


# --- log format -----------------------------------------------------------------------------


@pytest.fixture
def root_logging():
    """Restore the root logger's handlers and level after a test reconfigures them."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_json_lines_parse_and_carry_the_request_id(root_logging):
    from core.observability.context import request_id_scope

    stream = io.StringIO()
    configure_logging(LoggingSettings(level="INFO", format="json"), stream=stream)
    with request_id_scope("req-json-0001"):
        logging.getLogger("fengqiao.test").info("sweep changed %d dispute(s)", 3, extra={"job": "mediation.risk_sweep"})
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("uvicorn.error").exception("failed")
    logging.getLogger("fengqiao.test").debug("not shown at INFO")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["sweep changed 3 dispute(s)", "failed"]
    assert lines[0]["request_id"] == "req-json-0001" and lines[0]["job"] == "mediation.risk_sweep"
    assert lines[0]["level"] == "INFO" and lines[0]["logger"] == "fengqiao.test" and lines[0]["time"].endswith("Z")
    assert lines[1]["logger"] == "uvicorn.error" and "ValueError: boom" in lines[1]["exception"]


def test_text_lines_carry_time_level_logger_and_request_id(root_logging):
    stream = io.StringIO()
    configure_logging(LoggingSettings(level="WARNING", format="text"), stream=stream)
    logging.getLogger("fengqiao.test").info("below the level")
    logging.getLogger("fengqiao.test").error("database unreachable")
    [line] = stream.getvalue().splitlines()
    assert re.fullmatch(r"\S+Z ERROR fengqiao\.test \[-\] database unreachable", line), line


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("logging.level", "LOUD", "logging.level: expected one of"),
        ("logging.format", "xml", "logging.format: expected 'text' or 'json'"),
        ("metrics.allow", "10.0.0.0/33", "metrics.allow: not an address or network"),
        ("jobs.max_attempts", "0", "jobs.max_attempts: must be at least 1"),
    ],
)
def test_bad_operations_settings_are_refused_naming_the_key(key, value, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(environ={}, overrides={key: value})


def test_a_bad_job_schedule_in_the_configuration_is_refused():
    with pytest.raises(ConfigError, match="jobs.schedule.mediation.risk_sweep: expected an interval"):
        load_settings(environ={}, overrides={"jobs": {"schedule": {"mediation.risk_sweep": "often"}}})


# --- metrics --------------------------------------------------------------------------------


@pytest.fixture
async def metered(make_app):
    import tests.core.sample_plugin as sample_plugin

    async def build(**metrics):
        settings = MetricsSettings(enabled=True, **metrics)
        return await make_app(["sample"], extra_plugins=[sample_plugin], metrics=settings)

    return build


async def test_metrics_are_off_by_default(app):
    async with http(app) as client:
        assert (await client.get("/metrics")).status_code == 404


async def test_metrics_count_requests_errors_statements_events_jobs_and_plugins(metered, login_as):
    from core.jobs.runner import JobRunner
    from core.testing import create_station

    app = await metered()
    station = await create_station(app)
    token = await officer_token(app, station, login_as)
    await JobRunner(app).run_now("sample.count_people")
    async with http(app) as client:
        headers = {"Authorization": f"Bearer {token}"}
        await client.post("/graphql", json={"query": ADD, "variables": {"input": {"name": "王五"}}}, headers=headers)
        await client.post("/graphql", json={"query": "query Broken { sampleBroken }"}, headers=headers)
        response = await client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'fengqiao_graphql_requests_total{operation="Add",outcome="ok",type="mutation"}' in text
    assert 'fengqiao_graphql_requests_total{operation="Broken",outcome="error",type="query"}' in text
    assert 'fengqiao_graphql_errors_total{code="INTERNAL"}' in text
    assert 'fengqiao_graphql_request_duration_seconds_bucket{le="0.005",operation="Add",type="mutation"}' in text
    assert re.search(r'fengqiao_db_statements_total\{kind="INSERT"\} [1-9]', text)
    assert "fengqiao_db_statement_duration_seconds_bucket" in text
    assert 'fengqiao_events_published_total{name="sample.person.added"}' in text
    assert 'fengqiao_job_runs_total{job="sample.count_people",outcome="SUCCEEDED"}' in text
    assert 'fengqiao_plugin_info{plugin="sample",version="1.0"} 1.0' in text
    assert "fengqiao_active_subscriptions" in text


async def test_metrics_refuse_addresses_outside_the_allow_list(metered):
    app = await metered(allow=("10.8.0.0/16",))
    async with http(app, client_address="192.168.1.20") as client:
        assert (await client.get("/metrics")).status_code == 403
    async with http(app, client_address="10.8.3.4") as client:
        assert (await client.get("/metrics")).status_code == 200


async def test_metrics_with_a_token_need_the_bearer_token(metered):
    app = await metered(token="scrape-token-0123456789")
    async with http(app) as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await client.get("/metrics", headers={"Authorization": "Bearer scrape-token-0123456789"})
    assert wrong.status_code == 401 and right.status_code == 200


def test_operation_names_from_clients_cannot_grow_the_metrics_without_end():
    from core.observability import metrics

    labels = {metrics.operation_label(f"Op{i}") for i in range(metrics.MAX_OPERATION_NAMES + 50)}
    assert len(labels) <= metrics.MAX_OPERATION_NAMES + 1 and "other" in labels


# --- GraphiQL -------------------------------------------------------------------------------


@pytest.fixture
async def graphiql_app(make_app):
    """GraphiQL is off by default; a deployment turns it on (or runs with --demo or debug)."""
    import tests.core.sample_plugin as sample_plugin
    from core.config import ServerSettings

    return await make_app(["sample"], extra_plugins=[sample_plugin], server=ServerSettings(graphiql=True))


async def test_graphiql_and_every_asset_it_references_come_from_this_server(graphiql_app):
    app = graphiql_app
    async with http(app) as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        html = page.text
        references = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert references and not [ref for ref in references if "//" in ref], references
        assert not re.search(r"https?://(?!www\.w3\.org)", html)
        for reference in references:
            asset = await client.get(reference)
            assert asset.status_code == 200 and len(asset.content) > 1000, reference


async def test_graphiql_opens_with_a_login_example_and_an_authorization_header(graphiql_app):
    app = graphiql_app
    async with http(app) as client:
        html = (await client.get("/graphql", headers={"Accept": "text/html"})).text
    default_query = json.loads(re.search(r"defaultQuery: (\".*?\"),\n", html).group(1))
    default_headers = json.loads(json.loads(re.search(r"defaultHeaders: (\".*?\"),\n", html).group(1)))
    assert "mutation Login" in default_query and "login(input:" in default_query and "query FirstQuery" in default_query
    assert default_headers == {"Authorization": "Bearer paste-the-token-here"}
    assert "shouldPersistHeaders: true" in html


async def test_graphiql_assets_ship_with_their_licences():
    from importlib import resources

    folder = resources.files("core") / "static" / "graphiql"
    names = {item.name for item in folder.iterdir()}
    assert {"LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom", "VERSIONS.txt"} <= names
    assert "graphiql 3.8.3" in (folder / "VERSIONS.txt").read_text()


async def test_without_graphiql_neither_page_nor_assets_are_served(make_app):
    import tests.core.sample_plugin as sample_plugin

    app = await make_app(["sample"], extra_plugins=[sample_plugin])
    app.settings = dataclasses.replace(app.settings, server=dataclasses.replace(app.settings.server, graphiql=False))
    async with http(app) as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        asset = await client.get("/graphiql/static/graphiql.min.js")
    assert page.status_code != 200 or "GraphiQL" not in page.text
    assert asset.status_code == 404


# --- tracing --------------------------------------------------------------------------------


async def test_tracing_records_a_span_per_operation_without_argument_values(make_app):
    pytest.importorskip("opentelemetry.sdk")
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    import tests.core.sample_plugin as sample_plugin
    from core.config import TracingSettings

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    app = await make_app(["sample"], extra_plugins=[sample_plugin], tracing=TracingSettings(enabled=True))
    async with http(app) as client:
        await client.post("/graphql", json={"query": "query Who { me { username } }"})
    spans = exporter.get_finished_spans()
    assert any("Who" in span.name for span in spans), [span.name for span in spans]
