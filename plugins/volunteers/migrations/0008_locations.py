from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('volunteers', '0007_list_order_indexes')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CareVisit',
            name='latitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='CareVisit',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='CareVisit',
            name='longitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='CareVisit',
            index=Index(fields=['latitude', 'longitude']),
        ),
    ]
