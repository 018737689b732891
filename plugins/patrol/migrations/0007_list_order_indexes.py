from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_index_foreign_keys'), ('core', '0003_persisted_operations'), ('core', '0004_attachments'), ('core', '0005_job_runs'), ('core', '0006_region'), ('core', '0007_key_record_checkpoints_row_digests'), ('core', '0008_outbox_webhooks_notifications_exports'), ('patrol', '0006_case_campaign_recorded_steps')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='CriminalCase',
            index=Index(fields=['station_id', 'opened_at', 'id']),
        ),
        ops.AddIndex(
            model_name='HotspotCampaign',
            index=Index(fields=['station_id', 'starts_on', 'id']),
        ),
        ops.AddIndex(
            model_name='Incident',
            index=Index(fields=['station_id', 'received_at', 'id']),
        ),
        ops.AddIndex(
            model_name='Inspection',
            index=Index(fields=['station_id', 'inspected_at', 'id']),
        ),
        ops.AddIndex(
            model_name='InspectionFinding',
            index=Index(fields=['station_id', 'deadline', 'id']),
        ),
        ops.AddIndex(
            model_name='PatrolShift',
            index=Index(fields=['station_id', 'starts_at', 'id']),
        ),
    ]
