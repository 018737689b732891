from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0011_area_location'), ('party_building', '0004_list_order_indexes')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Branch',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='DutyPost',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='FacilityItem',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='PartyMember',
            index=Index(fields=['station_id', 'id']),
        ),
        ops.AddIndex(
            model_name='StarNomination',
            index=Index(fields=['station_id', 'month', 'id']),
        ),
    ]
