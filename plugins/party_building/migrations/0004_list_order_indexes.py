from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_index_foreign_keys'), ('core', '0003_persisted_operations'), ('core', '0004_attachments'), ('core', '0005_job_runs'), ('core', '0006_region'), ('core', '0007_key_record_checkpoints_row_digests'), ('core', '0008_outbox_webhooks_notifications_exports'), ('party_building', '0003_star_award_recorded_steps')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='PartyMeeting',
            index=Index(fields=['station_id', 'held_on', 'id']),
        ),
        ops.AddIndex(
            model_name='Responsibility',
            index=Index(fields=['station_id', 'next_check_due', 'id']),
        ),
        ops.AddIndex(
            model_name='ResponsibilityCheck',
            index=Index(fields=['station_id', 'checked_on', 'id']),
        ),
    ]
