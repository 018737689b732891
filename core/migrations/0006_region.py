from tortoise import migrations
from tortoise.migrations import operations as ops
from core.identity.models import RegionLevel
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0005_job_runs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Region',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('code', fields.CharField(unique=True, max_length=12)),
                ('level', fields.CharEnumField(description='PROVINCE: PROVINCE\nCITY: CITY\nCOUNTY: COUNTY', enum_type=RegionLevel, max_length=16)),
                ('parent', fields.ForeignKeyField('core.Region', source_field='parent_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'core_region', 'app': 'core', 'pk_attr': 'id', 'table_description': 'A province, city or county shared by the stations below it: deployment-wide reference'},
            bases=['Model'],
        ),
        # Tortoise adds a foreign key column on SQLite without its index: add the column
        # unindexed, then index it the same way on every database.
        ops.AddField(
            model_name='Station',
            name='region',
            field=fields.ForeignKeyField('core.Region', source_field='region_id', null=True, db_index=False, db_constraint=True, to_field='id', related_name='stations', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Station',
            name='region',
            field=fields.ForeignKeyField('core.Region', source_field='region_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='stations', on_delete=OnDelete.RESTRICT),
        ),
    ]
