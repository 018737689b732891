from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from core.personal.fields import EncryptedTextField


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    initial = True

    operations = [
        ops.CreateModel(
            name="SamplePerson",
            fields=[
                (
                    "station",
                    fields.ForeignKeyField(
                        "core.Station",
                        source_field="station_id",
                        db_index=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("name", fields.CharField(max_length=50)),
                ("id_number", EncryptedTextField(null=True, unique=False)),
                ("id_number_hash", fields.CharField(null=True, db_index=True, max_length=64)),
                ("phone", EncryptedTextField(null=True, unique=False)),
                ("birth_date", fields.DateField(null=True)),
            ],
            options={"table": "sample_person", "app": "sample", "pk_attr": "id"},
            bases=["StationOwnedModel"],
        ),
    ]
