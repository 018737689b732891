from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_index_foreign_keys'), ('core', '0003_persisted_operations'), ('core', '0004_attachments'), ('core', '0005_job_runs'), ('core', '0006_region'), ('core', '0007_key_record_checkpoints_row_digests'), ('core', '0008_outbox_webhooks_notifications_exports'), ('core', '0009_personal_data_access')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='Attachment',
            name=None,
            fields=['owner_type', 'owner_id'],
        ),
        ops.AddIndex(
            model_name='Attachment',
            index=Index(fields=['owner_type', 'owner_id', 'uploaded_at', 'id']),
        ),
        ops.AddIndex(
            model_name='AuditEvent',
            index=Index(fields=['station_id', 'sequence']),
        ),
        ops.AddIndex(
            model_name='JobRun',
            index=Index(fields=['started_at', 'id']),
        ),
    ]
