from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('party_building', '0001_initial')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='MeetingAttendance',
            name='meeting',
            field=fields.ForeignKeyField('party_building.PartyMeeting', source_field='meeting_id', db_index=True, db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='MeetingAttendance',
            name='member',
            field=fields.ForeignKeyField('party_building.PartyMember', source_field='member_id', db_index=True, db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PartyMeeting',
            name='branch',
            field=fields.ForeignKeyField('party_building.Branch', source_field='branch_id', db_index=True, db_constraint=True, to_field='id', related_name='meetings', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PartyMeeting',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PartyMember',
            name='branch',
            field=fields.ForeignKeyField('party_building.Branch', source_field='branch_id', db_index=True, db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PartyMember',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Responsibility',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Responsibility',
            name='holder',
            field=fields.ForeignKeyField('core.User', source_field='holder_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Responsibility',
            name='post',
            field=fields.ForeignKeyField('party_building.DutyPost', source_field='post_id', db_index=True, db_constraint=True, to_field='id', related_name='responsibilities', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='ResponsibilityCheck',
            name='checked_by',
            field=fields.ForeignKeyField('core.User', source_field='checked_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='ResponsibilityCheck',
            name='responsibility',
            field=fields.ForeignKeyField('party_building.Responsibility', source_field='responsibility_id', db_index=True, db_constraint=True, to_field='id', related_name='checks', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarAward',
            name='closed_by',
            field=fields.ForeignKeyField('core.User', source_field='closed_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarAward',
            name='winner',
            field=fields.ForeignKeyField('core.User', source_field='winner_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarNomination',
            name='nominator',
            field=fields.ForeignKeyField('core.User', source_field='nominator_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarNomination',
            name='nominee',
            field=fields.ForeignKeyField('core.User', source_field='nominee_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarVote',
            name='nominee',
            field=fields.ForeignKeyField('core.User', source_field='nominee_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StarVote',
            name='voter',
            field=fields.ForeignKeyField('core.User', source_field='voter_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
    ]
