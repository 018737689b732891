from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields
from tortoise.indexes import Index

from core.migration_operations import PostgresSQL

class Migration(migrations.Migration):
    dependencies = [('core', '0012_station_id_order_indexes')]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name='AuditCheckpoint',
            options={'table': 'core_audit_checkpoint', 'app': 'core', 'pk_attr': 'id', 'table_description': "The heads of the chains at one moment, signed with the deployment's Ed25519 key (审计检查点)."},
        ),
        ops.AddField(
            model_name='AuditCheckpoint',
            name='heads',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='AuditEvent',
            name='chain',
            field=fields.IntField(null=True),
        ),
        ops.AddIndex(
            model_name='AuditEvent',
            index=Index(fields=['chain', 'sequence']),
        ),
        # Sequence numbers of new events, after those of the events already recorded.
        PostgresSQL(
            [
                "CREATE SEQUENCE core_audit_event_sequence AS BIGINT",
                "SELECT setval('core_audit_event_sequence', coalesce(max(sequence), 0) + 1, false) FROM core_audit_event",
            ],
            reverse_sql=["DROP SEQUENCE core_audit_event_sequence"],
        ),
    ]
