from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from plugins.party_building.models import AttendanceStatus, Cadence, CheckOutcome, DutyKind, FacilityKind, FacilityStatus, MeetingType, MemberStatus, StarDecision
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Branch',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('established_on', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_branch', 'app': 'party_building', 'pk_attr': 'id', 'table_description': '党支部.'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='DutyPost',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('business_duty', fields.TextField(unique=False)),
                ('party_duty', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_post', 'app': 'party_building', 'pk_attr': 'id', 'table_description': 'A post (岗位) with its business duty and its party-conduct responsibility (一岗双责).'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='FacilityItem',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='DUTY_ROOM: DUTY_ROOM\nBATHROOM: BATHROOM\nCANTEEN: CANTEEN\nGYM: GYM\nLAUNDRY: LAUNDRY\nCULTURE_CORRIDOR: CULTURE_CORRIDOR', enum_type=FacilityKind, max_length=24)),
                ('name', fields.CharField(max_length=100)),
                ('status', fields.CharEnumField(description='PLANNED: PLANNED\nIN_PROGRESS: IN_PROGRESS\nIN_USE: IN_USE\nNEEDS_REPAIR: NEEDS_REPAIR', enum_type=FacilityStatus, max_length=16)),
                ('note', fields.TextField(default='', unique=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'party_building_facility', 'app': 'party_building', 'pk_attr': 'id', 'table_description': 'A 五小工程 item (duty room, bathroom, canteen, gym, laundry) and its state.'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='PartyMeeting',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('branch', fields.ForeignKeyField('party_building.Branch', source_field='branch_id', db_constraint=True, to_field='id', related_name='meetings', on_delete=OnDelete.RESTRICT)),
                ('meeting_type', fields.CharEnumField(description='BRANCH_ASSEMBLY: BRANCH_ASSEMBLY\nBRANCH_COMMITTEE: BRANCH_COMMITTEE\nPARTY_GROUP: PARTY_GROUP\nPARTY_LECTURE: PARTY_LECTURE\nNIGHT_SCHOOL: NIGHT_SCHOOL\nACTIVITY_DAY: ACTIVITY_DAY', enum_type=MeetingType, max_length=24)),
                ('held_on', fields.DateField(db_index=True)),
                ('topic', fields.CharField(max_length=200)),
                ('speaker', fields.CharField(null=True, max_length=100)),
                ('minutes', fields.TextField(default='', unique=False)),
                ('duration_hours', fields.FloatField()),
                ('recorded_by', fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_meeting', 'app': 'party_building', 'unique_together': (('branch', 'meeting_type', 'held_on'),), 'pk_attr': 'id', 'table_description': 'One of 三会一课, a night school session or a party activity day.'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='PartyMember',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('branch', fields.ForeignKeyField('party_building.Branch', source_field='branch_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT)),
                ('user', fields.ForeignKeyField('core.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(description='FULL: FULL\nPROBATIONARY: PROBATIONARY\nACTIVIST: ACTIVIST', enum_type=MemberStatus, max_length=16)),
                ('joined_on', fields.DateField()),
                ('left_on', fields.DateField(null=True)),
                ('offices', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_member', 'app': 'party_building', 'pk_attr': 'id', 'table_description': "A station user's membership of a branch. Leaving keeps the row for past attendance."},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='MeetingAttendance',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('meeting', fields.ForeignKeyField('party_building.PartyMeeting', source_field='meeting_id', db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.CASCADE)),
                ('member', fields.ForeignKeyField('party_building.PartyMember', source_field='member_id', db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(description='PRESENT: PRESENT\nABSENT: ABSENT\nEXCUSED: EXCUSED', enum_type=AttendanceStatus, max_length=16)),
                ('reason', fields.CharField(null=True, max_length=200)),
            ],
            options={'table': 'party_building_attendance', 'app': 'party_building', 'unique_together': (('meeting', 'member'),), 'pk_attr': 'id'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='Responsibility',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('party_building.DutyPost', source_field='post_id', db_constraint=True, to_field='id', related_name='responsibilities', on_delete=OnDelete.RESTRICT)),
                ('holder', fields.ForeignKeyField('core.User', source_field='holder_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='BUSINESS: BUSINESS\nPARTY_CONDUCT: PARTY_CONDUCT', enum_type=DutyKind, max_length=16)),
                ('point', fields.CharField(max_length=200)),
                ('area', fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('description', fields.TextField(unique=False)),
                ('check_cadence', fields.CharEnumField(description='WEEKLY: WEEKLY\nMONTHLY: MONTHLY\nQUARTERLY: QUARTERLY\nNONE: NONE', enum_type=Cadence, max_length=16)),
                ('assigned_on', fields.DateField()),
                ('next_check_due', fields.DateField(db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_responsibility', 'app': 'party_building', 'pk_attr': 'id', 'table_description': 'One duty of a post bound to a person and a point (责任到人到点), checked on a schedule.'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='ResponsibilityCheck',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('responsibility', fields.ForeignKeyField('party_building.Responsibility', source_field='responsibility_id', db_constraint=True, to_field='id', related_name='checks', on_delete=OnDelete.RESTRICT)),
                ('checked_on', fields.DateField(db_index=True)),
                ('due_on', fields.DateField()),
                ('on_time', fields.BooleanField()),
                ('outcome', fields.CharEnumField(description='DONE: DONE\nPROBLEMS_FOUND: PROBLEMS_FOUND', enum_type=CheckOutcome, max_length=16)),
                ('problems', fields.TextField(default='', unique=False)),
                ('checked_by', fields.ForeignKeyField('core.User', source_field='checked_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'party_building_check', 'app': 'party_building', 'pk_attr': 'id'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='StarAward',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(db_index=True, max_length=7)),
                ('winner', fields.ForeignKeyField('core.User', source_field='winner_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('votes', fields.IntField(default=0)),
                ('nominations', fields.IntField(default=0)),
                ('total_votes', fields.IntField(default=0)),
                ('decided_by', fields.CharEnumField(description='VOTES: VOTES\nNOMINATIONS: NOMINATIONS\nEARLIEST_NOMINATION: EARLIEST_NOMINATION\nNO_VOTES: NO_VOTES', enum_type=StarDecision, max_length=24)),
                ('closed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('closed_by', fields.ForeignKeyField('core.User', source_field='closed_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'party_building_star_award', 'app': 'party_building', 'unique_together': (('station', 'month'),), 'pk_attr': 'id', 'table_description': 'The closed month of 警营之星: its winner (none when nobody voted).'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='StarNomination',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(db_index=True, max_length=7)),
                ('nominee', fields.ForeignKeyField('core.User', source_field='nominee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('nominator', fields.ForeignKeyField('core.User', source_field='nominator_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('reason', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'party_building_star_nomination', 'app': 'party_building', 'unique_together': (('station', 'month', 'nominator'),), 'pk_attr': 'id', 'table_description': 'A nomination for 警营之星: one per nominator and month.'},
            bases=['StationOwnedModel'],
        ),
        ops.CreateModel(
            name='StarVote',
            fields=[
                ('station', fields.ForeignKeyField('core.Station', source_field='station_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(db_index=True, max_length=7)),
                ('voter', fields.ForeignKeyField('core.User', source_field='voter_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('nominee', fields.ForeignKeyField('core.User', source_field='nominee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'party_building_star_vote', 'app': 'party_building', 'unique_together': (('station', 'month', 'voter'),), 'pk_attr': 'id', 'table_description': 'One vote per voter and month.'},
            bases=['StationOwnedModel'],
        ),
    ]
