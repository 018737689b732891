from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('patrol', '0004_asset_change_recorded_at')]

    initial = False

    operations = [
        ops.AddField(
            model_name='InspectionFinding',
            name='overdue_notified_for',
            field=fields.DateField(null=True),
        ),
    ]
