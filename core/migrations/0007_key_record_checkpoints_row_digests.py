from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0006_region')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sequence', fields.BigIntField(db_index=True)),
                ('hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('public_key', fields.CharField(max_length=64)),
                ('signature', fields.CharField(max_length=128)),
                ('exported_to', fields.CharField(null=True, max_length=200)),
            ],
            options={'table': 'core_audit_checkpoint', 'app': 'core', 'pk_attr': 'id', 'table_description': "The chain head at one moment, signed with the deployment's Ed25519 key (审计检查点)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='KeyRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=32)),
                ('fingerprint', fields.CharField(max_length=64)),
                ('public_key', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('rotated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('rotation', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'core_key_record', 'app': 'core', 'pk_attr': 'id', 'table_description': 'The fingerprint of the secret this database is written with, and the Ed25519 public key'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='AuditEvent',
            name='rows',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
