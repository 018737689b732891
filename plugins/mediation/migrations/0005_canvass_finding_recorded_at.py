from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0006_region'), ('mediation', '0004_dispute_recorded_steps')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CanvassFinding',
            name='recorded_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
