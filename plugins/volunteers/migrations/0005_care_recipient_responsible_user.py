from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports'), ('volunteers', '0004_recorded_steps')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CareRecipient',
            name='due_notified_for',
            field=fields.DateField(null=True),
        ),
        # Tortoise adds a foreign-key column on SQLite without its index: add it bare, then index it.
        ops.AddField(
            model_name='CareRecipient',
            name='responsible_user',
            field=fields.ForeignKeyField('core.User', source_field='responsible_user_id', null=True, db_index=False, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CareRecipient',
            name='responsible_user',
            field=fields.ForeignKeyField('core.User', source_field='responsible_user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
    ]
