"""The event a fraud report publishes, seen by another plugin listening on the core bus."""

import types

import fengqiao_anti_fraud as plugin
import pytest
from anti_fraud_helpers import REPORT_FRAUD, fraud_input
from fengqiao_anti_fraud.models import FraudReport

from core import CONTRACT_VERSION, PluginInfo, Role, hookimpl, keyed_hash


def listener_plugin(received: list) -> types.SimpleNamespace:
    """A plugin that listens to anti-fraud events, as any third party would."""

    @hookimpl
    def fengqiao_plugin_info():
        return PluginInfo(name="fraud_listener", version="1.0", title="Listener", contract=CONTRACT_VERSION)

    @hookimpl
    def fengqiao_event(app, event):
        if event.name.startswith("anti_fraud."):
            received.append(event)

    return types.SimpleNamespace(fengqiao_plugin_info=fengqiao_plugin_info, fengqiao_event=fengqiao_event)


@pytest.fixture
def received() -> list:
    return []


@pytest.fixture
async def app(make_app, received):
    return await make_app(["anti_fraud", "fraud_listener"], extra_plugins=[plugin, listener_plugin(received)])


async def test_filing_publishes_an_event_without_the_raw_phone(received, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], amountLost="150000")})
    [event] = received
    assert (event.name, event.station_id) == ("anti_fraud.fraud_report.filed", station.id)
    assert event.payload["fraud_report_id"] == (await FraudReport.get()).id
    assert event.payload["large_loss"] is True
    assert event.payload["victim_phone_hash"] == keyed_hash("phone", "13812345678")
    assert "13812345678" not in str(event.payload)


async def test_a_small_loss_is_not_flagged_large(received, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], amountLost="99999.99")})
    assert received[0].payload["large_loss"] is False


async def test_the_large_loss_threshold_comes_from_the_plugin_section(make_app, received):
    from core.testing import GraphQLClient, create_station, create_user, token_for

    app = await make_app(
        ["anti_fraud", "fraud_listener"],
        extra_plugins=[plugin, listener_plugin(received)],
        plugin_sections={"anti_fraud": {"large_loss_yuan": 1000}},
    )
    station = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
    await officer.mutate(REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], amountLost="1000")})
    assert received[-1].payload["large_loss"] is True


async def test_a_refused_report_publishes_nothing(received, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.data(REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], victimName="")})
    assert received == []
