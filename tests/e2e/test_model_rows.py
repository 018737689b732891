"""``core.model_rows.fetch_models``: the instances of a page or nested list, built by generated
code, are Tortoise's own — checked over every model of the demo data of every pillar."""

import pytest
from tortoise import Tortoise
from tortoise.fields.relational import ForeignKeyFieldInstance
from tortoise.functions import Count

from core.model_rows import fetch_models
from core.personal.crypto import Keyring
from core.testing import demo_data


@pytest.fixture
async def app(make_app):
    app = await make_app(None)
    await demo_data(app)
    return app


def _models():
    return sorted(
        (model for app in Tortoise.apps.values() for model in app.values()),
        key=lambda model: model._meta.db_table,
    )


def _picture(instance) -> dict:
    meta = instance._meta
    return {"__class__": type(instance), **{name: getattr(instance, name) for name in meta.fields_db_projection}}


async def test_every_models_rows_equal_tortoises_own(app):
    checked = 0
    for model in _models():
        expected = await model.all().order_by(model._meta.pk_attr)
        built = await fetch_models(model.all().order_by(model._meta.pk_attr))
        assert [_picture(row) for row in built] == [_picture(row) for row in expected], model.__name__
        assert all(row._saved_in_db and not row._partial for row in built), model.__name__
        checked += bool(expected)
    assert checked >= 20  # the demo fills the tables of every pillar


async def test_joined_rows_equal_tortoises_own_for_every_foreign_key(app):
    joined = 0
    for model in _models():
        for name, field in model._meta.fields_map.items():
            if not isinstance(field, ForeignKeyFieldInstance):
                continue
            try:
                expected = await model.all().select_related(name).order_by(model._meta.pk_attr)
            except KeyError:  # Tortoise cannot join it itself (a field shared with a model of another test's app)
                continue
            built = await fetch_models(model.all().select_related(name).order_by(model._meta.pk_attr))
            pairs = zip(built, expected, strict=True)
            for ours, theirs in pairs:
                related, wanted = getattr(ours, name), getattr(theirs, name)
                assert (related is None) == (wanted is None), f"{model.__name__}.{name}"
                if wanted is not None:
                    assert _picture(related) == _picture(wanted), f"{model.__name__}.{name}"
            joined += len(expected)
    assert joined > 100


async def test_an_encrypted_column_is_decrypted_only_when_it_is_read(app, monkeypatch):
    from plugins.mediation.models import Person

    decrypted = []
    original = Keyring.decrypt
    monkeypatch.setattr(Keyring, "decrypt", lambda self, value: decrypted.append(value) or original(self, value))
    people = await fetch_models(Person.all().order_by("id"))
    assert people and decrypted == []
    name = people[0].name
    assert len(decrypted) == 1  # the name only: not the ID number or phone of the same row
    assert name == (await Person.get(pk=people[0].pk)).name


async def test_a_value_assigned_before_the_first_read_is_kept(app):
    from plugins.mediation.models import Dispute

    dispute = (await fetch_models(Dispute.all().order_by("id").limit(1)))[0]
    dispute.description = "改了"
    assert dispute.description == "改了"


async def test_partial_rows_equal_tortoises_own_for_every_model(app):
    checked = 0
    for model in _models():
        meta = model._meta
        columns = sorted(meta.fields_db_projection)[::2]  # every other column, the key always
        columns = [meta.pk_attr, *(name for name in columns if name != meta.pk_attr)]
        expected = await model.all().only(*columns).order_by(meta.pk_attr)
        built = await fetch_models(model.all().only(*columns).order_by(meta.pk_attr))
        pictures = [{name: getattr(row, name) for name in columns} for row in built]
        assert pictures == [{name: getattr(row, name) for name in columns} for row in expected], model.__name__
        partial = len(columns) < len(meta.fields_db_projection)
        assert all(row._partial == partial for row in built), model.__name__
        checked += bool(expected)
    assert checked >= 20


async def test_a_column_not_fetched_cannot_be_read_or_saved(app):
    from tortoise.exceptions import IncompleteInstanceError

    from plugins.mediation.models import Dispute

    dispute = (await fetch_models(Dispute.all().only("id", "status").order_by("id").limit(1)))[0]
    assert dispute.status is not None
    with pytest.raises(AttributeError):
        dispute.description  # noqa: B018 — the read is the test
    with pytest.raises(AttributeError):
        dispute.risk_rules  # noqa: B018 — a column converted at its first read
    with pytest.raises(IncompleteInstanceError):
        await dispute.save()


async def test_a_queryset_it_does_not_build_is_simply_awaited(app):
    from plugins.mediation.models import Dispute

    counted = await fetch_models(Dispute.all().annotate(n=Count("id")).group_by("id").order_by("id"))
    assert [row.n for row in counted] == [1] * len(counted)
