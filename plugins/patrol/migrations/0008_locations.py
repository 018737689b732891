from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('patrol', '0007_list_order_indexes')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Incident',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='Incident',
            index=Index(fields=['latitude', 'longitude']),
        ),
        ops.AddField(
            model_name='Inspection',
            name='latitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Inspection',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddField(
            model_name='Inspection',
            name='longitude',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='Inspection',
            index=Index(fields=['latitude', 'longitude']),
        ),
        ops.AddField(
            model_name='PatrolCheckIn',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='PatrolCheckIn',
            index=Index(fields=['latitude', 'longitude']),
        ),
        ops.AddField(
            model_name='StandardAddress',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='StandardAddress',
            index=Index(fields=['latitude', 'longitude']),
        ),
        ops.AddField(
            model_name='SurveillanceAsset',
            name='location_accuracy',
            field=fields.FloatField(null=True),
        ),
        ops.AddIndex(
            model_name='SurveillanceAsset',
            index=Index(fields=['latitude', 'longitude']),
        ),
    ]
