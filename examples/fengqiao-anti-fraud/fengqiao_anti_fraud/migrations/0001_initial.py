from tortoise import migrations
from tortoise.migrations import operations as ops
from core import EncryptedTextField  # public API: the private path may move
from fengqiao_anti_fraud.models import FraudReportStatus, FraudType, PublicityKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='FraudReport',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('area', fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('occurred_on', fields.DateField()),
                ('reported_on', fields.DateField(db_index=True)),
                ('fraud_type', fields.CharEnumField(description='IMPERSONATING_OFFICIALS: IMPERSONATING_OFFICIALS\nFAKE_INVESTMENT: FAKE_INVESTMENT\nORDER_BRUSHING: ORDER_BRUSHING\nFAKE_CUSTOMER_SERVICE: FAKE_CUSTOMER_SERVICE\nFAKE_LOAN: FAKE_LOAN\nONLINE_ROMANCE: ONLINE_ROMANCE\nGAME_TRADING: GAME_TRADING\nOTHER: OTHER', enum_type=FraudType, max_length=32)),
                ('amount_lost', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('amount_recovered', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('victim_name', EncryptedTextField(unique=False)),
                ('victim_phone', EncryptedTextField(null=True, unique=False)),
                ('victim_phone_hash', fields.CharField(null=True, db_index=True, max_length=64)),
                ('summary', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=FraudReportStatus.REPORTED, description='REPORTED: REPORTED\nCLOSED: CLOSED', enum_type=FraudReportStatus, max_length=16)),
                ('closing_note', fields.TextField(default='', unique=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'anti_fraud_fraud_report', 'app': 'anti_fraud', 'pk_attr': 'id', 'table_description': "A resident's report of a telecom or online fraud, with the money lost."},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='PublicityEvent',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('area', fields.ForeignKeyField('core.Area', source_field='area_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('held_on', fields.DateField(db_index=True)),
                ('kind', fields.CharEnumField(description='COMMUNITY_TALK: COMMUNITY_TALK\nSCHOOL: SCHOOL\nMARKET: MARKET\nENTERPRISE: ENTERPRISE\nDOOR_TO_DOOR: DOOR_TO_DOOR\nONLINE: ONLINE', enum_type=PublicityKind, max_length=24)),
                ('venue', fields.CharField(max_length=200)),
                ('audience_count', fields.IntField()),
                ('residents_warned', fields.IntField()),
                ('app_installs', fields.IntField()),
                ('notes', fields.TextField(default='', unique=False)),
                ('recorded_by', fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'anti_fraud_publicity_event', 'app': 'anti_fraud', 'pk_attr': 'id', 'table_description': 'One publicity session: where, for whom, and what it achieved.'},
            bases=['StationOwnedModel'],
        ),
    ]
