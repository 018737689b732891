from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from core.contract import NotificationMode
from core.exports.models import ExportFormat, ExportState
from core.notifications.models import MessageState
from core.personal.fields import EncryptedTextField
from core.webhooks.models import DeliveryState
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0007_key_record_checkpoints_row_digests')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ExportJob',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='exports', on_delete=OnDelete.CASCADE)),
                ('station_id', fields.IntField(null=True)),
                ('list_name', fields.CharField(max_length=100)),
                ('variables', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('format', fields.CharEnumField(description='CSV: CSV\nXLSX: XLSX', enum_type=ExportFormat, max_length=8)),
                ('state', fields.CharEnumField(default=ExportState.RUNNING, description='RUNNING: RUNNING\nDONE: DONE\nFAILED: FAILED', enum_type=ExportState, max_length=8)),
                ('rows', fields.IntField(default=0)),
                ('total', fields.IntField(null=True)),
                ('error', fields.CharField(null=True, max_length=300)),
                ('file_path', fields.CharField(null=True, max_length=500)),
                ('token_hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'core_export_job', 'app': 'core', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=120)),
                ('title', fields.CharField(max_length=200)),
                ('message', fields.CharField(max_length=500)),
                ('station_id', fields.IntField(null=True)),
                ('event_id', fields.BigIntField(null=True)),
                ('mode', fields.CharEnumField(description='INBOX: INBOX\nDIGEST: DIGEST\nOFF: OFF', enum_type=NotificationMode, max_length=8)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('digested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'core_notification', 'app': 'core', 'unique_together': (('user', 'kind', 'event_id'),), 'indexes': [Index(fields=['user_id', 'read_at']), Index(fields=['mode', 'digested_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationAddress',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='notification_addresses', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharField(max_length=40)),
                ('address', EncryptedTextField(unique=False)),
                ('masked', fields.CharField(max_length=120)),
            ],
            options={'table': 'core_notification_address', 'app': 'core', 'unique_together': (('user', 'channel'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='notification_messages', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharField(max_length=40)),
                ('subject', fields.CharField(max_length=200)),
                ('text', fields.TextField(unique=False)),
                ('state', fields.CharEnumField(default=MessageState.PENDING, description='PENDING: PENDING\nSENT: SENT\nFAILED: FAILED', enum_type=MessageState, max_length=8)),
                ('attempts', fields.SmallIntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('error', fields.CharField(null=True, max_length=300)),
            ],
            options={'table': 'core_notification_message', 'app': 'core', 'indexes': [Index(fields=['state', 'next_attempt_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationPreference',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='notification_preferences', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=120)),
                ('mode', fields.CharEnumField(description='INBOX: INBOX\nDIGEST: DIGEST\nOFF: OFF', enum_type=NotificationMode, max_length=8)),
            ],
            options={'table': 'core_notification_preference', 'app': 'core', 'unique_together': (('user', 'kind'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=120)),
                ('payload', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('station_id', fields.IntField(null=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('claimed_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('dispatched_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
            ],
            options={'table': 'core_outbox_event', 'app': 'core', 'indexes': [Index(fields=['dispatched_at', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('url', fields.CharField(max_length=500)),
                ('description', fields.CharField(default='', max_length=200)),
                ('event_types', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('enabled', fields.BooleanField(default=True)),
                ('personal_data', fields.BooleanField(default=False)),
                ('secret', EncryptedTextField(unique=False)),
                ('previous_secret', EncryptedTextField(null=True, unique=False)),
                ('previous_secret_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_by_id', fields.IntField(null=True)),
            ],
            options={'table': 'core_webhook_endpoint', 'app': 'core', 'pk_attr': 'id'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('endpoint', fields.ForeignKeyField('core.WebhookEndpoint', source_field='endpoint_id', db_index=True, db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('event', fields.ForeignKeyField('core.OutboxEvent', source_field='event_id', db_index=True, db_constraint=True, to_field='id', related_name='webhook_deliveries', on_delete=OnDelete.CASCADE)),
                ('event_name', fields.CharField(max_length=120)),
                ('state', fields.CharEnumField(default=DeliveryState.PENDING, description='PENDING: PENDING\nSENDING: SENDING\nDELIVERED: DELIVERED\nDEAD: DEAD', enum_type=DeliveryState, max_length=16)),
                ('attempts', fields.SmallIntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_status', fields.IntField(null=True)),
            ],
            options={'table': 'core_webhook_delivery', 'app': 'core', 'indexes': [Index(fields=['state', 'next_attempt_at'])], 'pk_attr': 'id'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='WebhookAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('delivery', fields.ForeignKeyField('core.WebhookDelivery', source_field='delivery_id', db_index=True, db_constraint=True, to_field='id', related_name='attempt_rows', on_delete=OnDelete.CASCADE)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status_code', fields.IntField(null=True)),
                ('latency_ms', fields.IntField()),
                ('response_excerpt', fields.CharField(default='', max_length=500)),
                ('error', fields.CharField(null=True, max_length=300)),
                ('succeeded', fields.BooleanField()),
            ],
            options={'table': 'core_webhook_attempt', 'app': 'core', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
