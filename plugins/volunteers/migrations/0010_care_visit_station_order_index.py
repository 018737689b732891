from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0012_station_id_order_indexes'), ('volunteers', '0009_station_id_order_indexes')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='CareVisit',
            index=Index(fields=['station_id', 'id']),
        ),
    ]
