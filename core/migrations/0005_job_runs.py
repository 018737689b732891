from tortoise import migrations
from tortoise.migrations import operations as ops
from core.jobs.models import JobOutcome, JobTrigger
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0004_attachments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='JobRun',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('job', fields.CharField(max_length=100)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempt', fields.SmallIntField(default=1)),
                ('trigger', fields.CharEnumField(description='SCHEDULE: SCHEDULE\nRETRY: RETRY\nMANUAL: MANUAL', enum_type=JobTrigger, max_length=16)),
                ('outcome', fields.CharEnumField(default=JobOutcome.RUNNING, description='RUNNING: RUNNING\nSUCCEEDED: SUCCEEDED\nFAILED: FAILED', enum_type=JobOutcome, max_length=16)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('lease_until', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('items_changed', fields.IntField(null=True)),
                ('error', fields.CharField(null=True, max_length=300)),
                ('worker', fields.CharField(max_length=100)),
            ],
            options={'table': 'core_job_run', 'app': 'core', 'unique_together': (('job', 'due_at', 'attempt'),), 'indexes': [Index(fields=['job', 'started_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
