from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('mediation', '0006_dispute_overdue_notified_for')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Tip',
            name='recorded_steps',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
