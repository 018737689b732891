"""Fixtures for the plugin's tests: the core's test helpers plus an app with this plugin.

``core.testing`` gives ``make_app``, ``login_as``, ``station``, ``other_station``, ``clock``
and ``count_queries``; the ``app`` fixture below loads this plugin directly, so the tests run
from a source checkout as well as from an installed package.
"""

import fengqiao_anti_fraud as plugin
import pytest

pytest_plugins = ["core.testing"]


@pytest.fixture
async def app(make_app):
    return await make_app(["anti_fraud"], extra_plugins=[plugin])
