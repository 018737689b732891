from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0002_index_foreign_keys')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PersistedOperation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sha256', fields.CharField(unique=True, max_length=64)),
                ('document', fields.TextField(unique=False)),
                ('operation_name', fields.CharField(null=True, max_length=200)),
                ('operation_type', fields.CharField(max_length=16)),
                ('client_name', fields.CharField(null=True, db_index=True, max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'core_persisted_operation', 'app': 'core', 'pk_attr': 'id', 'table_description': 'One GraphQL document a client registered, found by the SHA-256 of its text.'},
            bases=['Model'],
        ),
    ]
