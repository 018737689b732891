from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('anti_fraud', '0001_initial'), ('core', '0002_index_foreign_keys')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='FraudReport',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='FraudReport',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='PublicityEvent',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PublicityEvent',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
    ]
