from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('mediation', '0005_canvass_finding_recorded_at')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Dispute',
            name='overdue_notified_for',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
