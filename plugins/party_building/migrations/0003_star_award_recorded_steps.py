from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('party_building', '0002_index_foreign_keys')]

    initial = False

    operations = [
        ops.AddField(
            model_name='StarAward',
            name='recorded_steps',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
