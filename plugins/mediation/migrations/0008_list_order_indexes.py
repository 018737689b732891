from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_index_foreign_keys'), ('core', '0003_persisted_operations'), ('core', '0004_attachments'), ('core', '0005_job_runs'), ('core', '0006_region'), ('core', '0007_key_record_checkpoints_row_digests'), ('core', '0008_outbox_webhooks_notifications_exports'), ('mediation', '0007_tip_recorded_steps')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='CanvassCampaign',
            index=Index(fields=['station_id', 'start_date', 'id']),
        ),
        ops.AddIndex(
            model_name='Dispute',
            index=Index(fields=['station_id', 'reported_at', 'id']),
        ),
        ops.AddIndex(
            model_name='Dispute',
            index=Index(fields=['station_id', 'deadline_at', 'id']),
        ),
        ops.AddIndex(
            model_name='MediationCentre',
            index=Index(fields=['station_id', 'name', 'id']),
        ),
        ops.AddIndex(
            model_name='Tip',
            index=Index(fields=['station_id', 'submitted_at', 'id']),
        ),
    ]
