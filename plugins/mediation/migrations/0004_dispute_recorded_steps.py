from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0006_region'), ('mediation', '0003_judicial_confirmation')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Dispute',
            name='recorded_steps',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
