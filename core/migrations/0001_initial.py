from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.identity.models import AreaKind, StationClass
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sequence', fields.BigIntField(unique=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor_id', fields.IntField(null=True)),
                ('actor_username', fields.CharField(null=True, max_length=64)),
                ('station_id', fields.IntField(null=True, db_index=True)),
                ('action', fields.CharField(db_index=True, max_length=100)),
                ('object_type', fields.CharField(null=True, max_length=100)),
                ('object_id', fields.CharField(null=True, max_length=64)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('request_id', fields.CharField(null=True, max_length=64)),
                ('client_address', fields.CharField(null=True, max_length=64)),
                ('prev_hash', fields.CharField(max_length=64)),
                ('hash', fields.CharField(max_length=64)),
            ],
            options={'table': 'core_audit_event', 'app': 'core', 'pk_attr': 'id', 'table_description': 'One recorded change or sensitive read. Never updated or deleted through the API.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Station',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('station_class', fields.CharEnumField(description='ONE: ONE\nTWO: TWO\nTHREE: THREE\nFOUR: FOUR', enum_type=StationClass, max_length=8)),
                ('enabled_plugins', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'core_station', 'app': 'core', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Area',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('kind', fields.CharEnumField(description='TOWN: TOWN\nVILLAGE: VILLAGE\nCOMMUNITY: COMMUNITY\nGRID: GRID\nCOMPOUND: COMPOUND', enum_type=AreaKind, max_length=16)),
                ('parent', fields.ForeignKeyField('core.Area', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'core_area', 'app': 'core', 'pk_attr': 'id'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='ScoreSnapshot',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(db_index=True, max_length=7)),
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('station_class', fields.CharField(max_length=8)),
                ('total', fields.FloatField(null=True)),
                ('rank', fields.IntField(null=True)),
                ('indicators', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('frozen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('frozen_by', fields.CharField(max_length=64)),
                ('revision', fields.IntField(default=1)),
            ],
            options={'table': 'core_score_snapshot', 'app': 'core', 'unique_together': (('month', 'station'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('username', fields.CharField(unique=True, max_length=64)),
                ('display_name', fields.CharField(max_length=100)),
                ('password_hash', fields.CharField(max_length=255)),
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', null=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.RESTRICT)),
                ('roles', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('is_active', fields.BooleanField(default=True)),
                ('failed_logins', fields.IntField(default=0)),
                ('locked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('token_version', fields.IntField(default=0)),
                ('last_login_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'core_user', 'app': 'core', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
