from tortoise import migrations
from tortoise.migrations import operations as ops
from core.contract import AttachmentKind
from core.personal.fields import EncryptedTextField
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0003_persisted_operations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('owner_type', fields.CharField(max_length=64)),
                ('owner_id', fields.BigIntField()),
                ('kind', fields.CharEnumField(description='IMAGE: IMAGE\nPDF: PDF\nAUDIO: AUDIO\nVIDEO: VIDEO\nDOCUMENT: DOCUMENT\nARCHIVE: ARCHIVE', enum_type=AttachmentKind, max_length=12)),
                ('media_type', fields.CharField(max_length=128)),
                ('filename', EncryptedTextField(unique=False)),
                ('description', fields.TextField(null=True, unique=False)),
                ('purpose', fields.CharField(null=True, db_index=True, max_length=64)),
                ('size', fields.BigIntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('original_sha256', fields.CharField(max_length=64)),
                ('metadata_stripped', fields.BooleanField(default=False)),
                ('storage_backend', fields.CharField(max_length=16)),
                ('storage_key', fields.CharField(max_length=255)),
                ('data_key', EncryptedTextField(unique=False)),
                ('uploaded_by', fields.ForeignKeyField('core.User', source_field='uploaded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('retain_until', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('purged_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'core_attachment', 'app': 'core', 'indexes': [Index(fields=['owner_type', 'owner_id'])], 'pk_attr': 'id', 'table_description': "A file attached to a plugin's object (``owner_type`` + ``owner_id``)."},
            bases=['StationOwnedModel'],
        ),
    ]
