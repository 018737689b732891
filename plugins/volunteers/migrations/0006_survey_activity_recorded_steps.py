from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('volunteers', '0005_care_recipient_responsible_user')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SatisfactionSurvey',
            name='recorded_steps',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='VolunteerActivity',
            name='recorded_steps',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
