from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0011_area_location'), ('patrol', '0008_locations')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='ActualUnit',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='Housing',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='InspectionTarget',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='PatrolTeam',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='Resident',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='StandardAddress',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='SurveillanceAsset',
            index=Index(fields=['station_id', 'id']),
        ),
    ]
