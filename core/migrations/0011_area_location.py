from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0010_list_order_indexes')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Area',
            name='boundary',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Area',
            name='boundary_east',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='boundary_north',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='boundary_south',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='boundary_west',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='latitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Area',
            name='longitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='Area',
            index=Index(fields=['latitude', 'longitude']),
        ),
        ops.AddIndex(
            model_name='Area',
            index=Index(fields=['boundary_south', 'boundary_west']),
        ),
    ]
