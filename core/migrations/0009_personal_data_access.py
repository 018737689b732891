from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0008_outbox_webhooks_notifications_exports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PersonalDataAccess',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor_id', fields.IntField(null=True)),
                ('actor_username', fields.CharField(null=True, max_length=64)),
                ('station_id', fields.IntField(null=True, db_index=True)),
                ('request_id', fields.CharField(null=True, max_length=64)),
                ('client_address', fields.CharField(null=True, max_length=64)),
                ('shown', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('objects', fields.TextField(unique=False)),
                ('mac', fields.CharField(max_length=64)),
                ('sealed_by', fields.BigIntField(null=True, db_index=True)),
            ],
            options={'table': 'core_personal_access', 'app': 'core', 'indexes': [Index(fields=['actor_username', 'created_at'])], 'pk_attr': 'id', 'table_description': 'One request that showed personal data in full (个人信息访问记录): who, when, from where,'},
            bases=['Model'],
        ),
    ]
