from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='Area',
            name='parent',
            field=fields.ForeignKeyField('core.Area', source_field='parent_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='ScoreSnapshot',
            name='station',
            field=fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='User',
            name='station',
            field=fields.ForeignKeyField('core.Station', source_field='station_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.RESTRICT),
        ),
    ]
