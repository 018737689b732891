from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0011_area_location'), ('volunteers', '0008_locations')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='CareRecipient',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='Volunteer',
            index=Index(fields=['station_id', 'id']),
        ),
    ]
