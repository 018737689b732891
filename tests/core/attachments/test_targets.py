"""The ``fengqiao_attachment_targets`` hook: what a plugin declares and what the core refuses."""

from __future__ import annotations

import dataclasses

import pytest

import tests.core.sample_plugin as sample_plugin
from core import AttachmentKind, AttachmentTarget
from core.errors import ConfigError
from core.runtime import Fengqiao
from core.storage.settings import AttachmentSettings
from core.testing import make_settings
from tests.core.fake_plugins import make_plugin
from tests.core.sample_plugin.models import SamplePerson


def _schema_with(tmp_path, *targets, **overrides):
    extra = make_plugin("extra", fengqiao_attachment_targets=lambda: list(targets))
    settings = make_settings(f"sqlite://{tmp_path / 't.db'}", ["sample", "extra"], **overrides)
    app = Fengqiao.create(settings, extra_plugins=[sample_plugin, extra])
    return app.schema, app


def _target(**changes):
    base = AttachmentTarget("SamplePerson", SamplePerson, "sample.person.read", "sample.person.write")
    return dataclasses.replace(base, **changes)


def test_a_declared_target_is_listed_with_its_rules(app):
    from core.attachments.targets import attachment_targets

    target = attachment_targets(app)["SamplePerson"]
    assert target.kinds == (AttachmentKind.IMAGE, AttachmentKind.PDF, AttachmentKind.AUDIO)
    assert target.max_bytes == 256 * 1024 and target.retention_days == 30


def test_a_type_declared_by_two_plugins_is_refused_naming_both(tmp_path):
    with pytest.raises(ConfigError, match="SamplePerson are declared by both '(sample|extra)' and '(sample|extra)'"):
        _schema_with(tmp_path, _target())


def test_a_type_missing_from_the_schema_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="Nowhere, which is not a type of the schema"):
        _schema_with(tmp_path, _target(type_name="Nowhere"))


def test_an_unknown_permission_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="unknown permission 'sample.person.shred'"):
        _schema_with(tmp_path, _target(type_name="Other", upload_permission="sample.person.shred"))


def test_a_model_not_owned_by_a_station_is_refused(tmp_path):
    from core.identity.models import User

    with pytest.raises(ConfigError, match="must be a core.StationOwnedModel"):
        _schema_with(tmp_path, _target(type_name="Other", model=User))


def test_a_size_above_the_deployments_upload_limit_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="above attachments.max_upload_bytes"):
        _schema_with(tmp_path, _target(type_name="Other", max_bytes=10**12))


def test_retention_may_be_overridden_only_for_declared_targets(tmp_path):
    settings = AttachmentSettings(retention_days={"Dispute": 365})
    extra = make_plugin("extra")
    app = Fengqiao.create(
        make_settings(f"sqlite://{tmp_path / 't.db'}", ["sample", "extra"], attachments=settings),
        extra_plugins=[sample_plugin, extra],
    )
    with pytest.raises(ConfigError, match="attachments.retention_days.Dispute: no such attachment target"):
        _ = app.schema


def test_retention_is_overridden_by_configuration(tmp_path):
    from core.attachments.targets import attachment_targets, retention_days

    settings = AttachmentSettings(retention_days={"SamplePerson": 7})
    app = Fengqiao.create(
        make_settings(f"sqlite://{tmp_path / 't.db'}", ["sample"], attachments=settings), extra_plugins=[sample_plugin]
    )
    assert retention_days(app, attachment_targets(app)["SamplePerson"]) == 7


def test_storage_and_attachment_settings_name_a_bad_key(tmp_path):
    from core.config import load_settings

    with pytest.raises(ConfigError, match="storage: backend: expected 'local' or 's3'"):
        load_settings(environ={"FENGQIAO_STORAGE__BACKEND": "ftp"})
    with pytest.raises(ConfigError, match="s3 backend needs s3_bucket and s3_endpoint_url"):
        load_settings(environ={"FENGQIAO_STORAGE__BACKEND": "s3"})
    with pytest.raises(ConfigError, match="download_url_ttl_seconds: must be between 10 and 3600"):
        load_settings(environ={"FENGQIAO_ATTACHMENTS__DOWNLOAD_URL_TTL_SECONDS": "86400"})


def test_local_storage_defaults_to_a_folder_beside_the_database(tmp_path):
    from core.config import load_settings
    from core.storage import local_path

    settings = load_settings(environ={"FENGQIAO_DATABASE_URL": f"sqlite://{tmp_path}/fengqiao.db"})
    assert local_path(settings) == tmp_path / "fengqiao.db.files"


def test_a_target_that_still_declares_visible_gets_a_deprecation_warning(tmp_path):
    from core.attachments.targets import attachment_targets

    legacy = _target(type_name="LegacyPerson", visible=lambda actor: SamplePerson.filter(station_id=actor.station_id))
    extra = make_plugin("extra", fengqiao_attachment_targets=lambda: [legacy])
    settings = make_settings(f"sqlite://{tmp_path / 't.db'}", ["sample", "extra"])
    app = Fengqiao.create(settings, extra_plugins=[sample_plugin, extra])
    with pytest.warns(
        DeprecationWarning, match="plugin 'extra': AttachmentTarget.visible \\(LegacyPerson\\) is deprecated"
    ):
        attachment_targets(app)


def test_the_built_in_plugins_leave_attachment_reach_to_read_rules(tmp_path):
    import warnings

    from core.attachments.targets import attachment_targets

    settings = make_settings(f"sqlite://{tmp_path / 't.db'}", ["party_building", "mediation", "patrol", "volunteers"])
    app = Fengqiao.create(settings)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        targets = attachment_targets(app)
    assert targets and all(target.visible is None for target in targets.values())


async def test_a_deprecated_visible_rule_still_decides_which_owners_are_reached(app, station):
    from core import Role
    from core.attachments.targets import attachment_targets, visible_rows
    from core.identity.services import actor_for_user
    from core.testing import create_user

    officer = await create_user(app, station, Role.OFFICER)
    shown = await SamplePerson.create(station=station, name="公开")
    hidden = await SamplePerson.create(station=station, name="不公开")
    targets = attachment_targets(app)
    legacy = dataclasses.replace(targets["SamplePerson"], visible=lambda actor: SamplePerson.filter(name="公开"))
    actor = actor_for_user(officer)
    assert {row.id for row in await visible_rows(actor, legacy)} == {shown.id}
    assert {row.id for row in await visible_rows(actor, targets["SamplePerson"])} == {shown.id, hidden.id}
