from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.mediation.models import JudicialStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0004_attachments'), ('mediation', '0002_index_foreign_keys')]

    initial = False

    operations = [
        ops.CreateModel(
            name='JudicialConfirmation',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('dispute', fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='judicial_confirmations', on_delete=OnDelete.CASCADE)),
                ('agreement', fields.ForeignKeyField('mediation.Agreement', source_field='agreement_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('court', fields.CharField(max_length=100)),
                ('reference_number', fields.CharField(max_length=64)),
                ('submitted_on', fields.DateField()),
                ('submitted_by', fields.ForeignKeyField('core.User', source_field='submitted_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('package_attachment_id', fields.BigIntField(null=True)),
                ('status', fields.CharEnumField(db_index=True, description='SUBMITTED: SUBMITTED\nCONFIRMED: CONFIRMED\nREJECTED: REJECTED', enum_type=JudicialStatus, max_length=12)),
                ('decided_on', fields.DateField(null=True)),
                ('decision_reason', fields.TextField(null=True, unique=False)),
                ('decided_by', fields.ForeignKeyField('core.User', source_field='decided_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'mediation_judicial_confirmation', 'app': 'mediation', 'pk_attr': 'id', 'table_description': '司法确认: an agreement handed to a court for judicial confirmation, and its decision.'},
            bases=['StationOwnedModel'],
        ),
        ops.AddField(
            model_name='Agreement',
            name='team_user_ids',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
