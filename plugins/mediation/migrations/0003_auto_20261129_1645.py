from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('core', '0002_auto_20261129_1613'), ('mediation', '0002_auto_20261129_1624')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CanvassFinding',
            name='recorded_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
