from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0011_area_location')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Area',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='PersonalDataAccess',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='User',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='WebhookDelivery',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='WebhookEndpoint',
            index=Index(fields=['station_id', 'id']),
        ),
    ]
