import pytest

from core import Role


@pytest.fixture
async def person(app, station):
    """A person of the sample register at the station: the object files are attached to."""
    from tests.core.sample_plugin.models import SamplePerson

    return await SamplePerson.create(station=station, name="张三")


@pytest.fixture
def owner_id(person):
    from core import to_global_id

    return to_global_id("SamplePerson", person.id)


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station)


def storage_root(app):
    from core.storage import local_path

    return local_path(app.settings)


def stored_blobs(app):
    root = storage_root(app)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
