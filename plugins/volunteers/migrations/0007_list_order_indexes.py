from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_index_foreign_keys'), ('core', '0003_persisted_operations'), ('core', '0004_attachments'), ('core', '0005_job_runs'), ('core', '0006_region'), ('core', '0007_key_record_checkpoints_row_digests'), ('core', '0008_outbox_webhooks_notifications_exports'), ('volunteers', '0006_survey_activity_recorded_steps')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='CallbackSample',
            index=Index(fields=['station_id', 'drawn_at', 'id']),
        ),
        ops.AddIndex(
            model_name='CareRecipient',
            index=Index(fields=['station_id', 'next_visit_due', 'id']),
        ),
        ops.AddIndex(
            model_name='FeedbackItem',
            index=Index(fields=['station_id', 'reply_due_on', 'id']),
        ),
        ops.AddIndex(
            model_name='PeopleReportMeeting',
            index=Index(fields=['station_id', 'held_on', 'id']),
        ),
        ops.AddIndex(
            model_name='SatisfactionResponse',
            index=Index(fields=['station_id', 'submitted_at', 'id']),
        ),
        ops.AddIndex(
            model_name='SatisfactionSurvey',
            index=Index(fields=['station_id', 'period_start', 'id']),
        ),
        ops.AddIndex(
            model_name='VolunteerActivity',
            index=Index(fields=['station_id', 'started_at', 'id']),
        ),
    ]
