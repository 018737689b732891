import pytest

import tests.core.sample_plugin as sample_plugin


@pytest.fixture
async def app(make_app):
    """The core with only the sample plugin: core tests do not depend on the pillars."""
    return await make_app(["sample"], extra_plugins=[sample_plugin])
