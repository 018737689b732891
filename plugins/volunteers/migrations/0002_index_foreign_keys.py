from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('volunteers', '0001_initial')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='ActivityParticipant',
            name='activity',
            field=fields.ForeignKeyField('volunteers.VolunteerActivity', source_field='activity_id', db_index=True, db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='ActivityParticipant',
            name='organization',
            field=fields.ForeignKeyField('volunteers.VolunteerOrganization', source_field='organization_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='participations', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='ActivityParticipant',
            name='volunteer',
            field=fields.ForeignKeyField('volunteers.Volunteer', source_field='volunteer_id', db_index=True, db_constraint=True, to_field='id', related_name='participations', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CallbackItem',
            name='called_by',
            field=fields.ForeignKeyField('core.User', source_field='called_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CallbackItem',
            name='sample',
            field=fields.ForeignKeyField('volunteers.CallbackSample', source_field='sample_id', db_index=True, db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CallbackSample',
            name='drawn_by',
            field=fields.ForeignKeyField('core.User', source_field='drawn_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CareRecipient',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CareVisit',
            name='activity',
            field=fields.ForeignKeyField('volunteers.VolunteerActivity', source_field='activity_id', db_index=True, db_constraint=True, to_field='id', related_name='care_visits', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CareVisit',
            name='recipient',
            field=fields.ForeignKeyField('volunteers.CareRecipient', source_field='recipient_id', db_index=True, db_constraint=True, to_field='id', related_name='visits', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='FeedbackItem',
            name='meeting',
            field=fields.ForeignKeyField('volunteers.PeopleReportMeeting', source_field='meeting_id', db_index=True, db_constraint=True, to_field='id', related_name='feedback_items', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='FeedbackItem',
            name='replied_by',
            field=fields.ForeignKeyField('core.User', source_field='replied_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PeopleReportMeeting',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PeopleReportMeeting',
            name='host',
            field=fields.ForeignKeyField('core.User', source_field='host_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='SatisfactionAnswer',
            name='question',
            field=fields.ForeignKeyField('volunteers.SurveyQuestion', source_field='question_id', db_index=True, db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='SatisfactionAnswer',
            name='response',
            field=fields.ForeignKeyField('volunteers.SatisfactionResponse', source_field='response_id', db_index=True, db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='SatisfactionResponse',
            name='survey',
            field=fields.ForeignKeyField('volunteers.SatisfactionSurvey', source_field='survey_id', db_index=True, db_constraint=True, to_field='id', related_name='responses', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='SatisfactionSurvey',
            name='created_by',
            field=fields.ForeignKeyField('core.User', source_field='created_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='SurveyQuestion',
            name='survey',
            field=fields.ForeignKeyField('volunteers.SatisfactionSurvey', source_field='survey_id', db_index=True, db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='SurveyToken',
            name='survey',
            field=fields.ForeignKeyField('volunteers.SatisfactionSurvey', source_field='survey_id', db_index=True, db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Volunteer',
            name='organization',
            field=fields.ForeignKeyField('volunteers.VolunteerOrganization', source_field='organization_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='volunteers', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Volunteer',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='VolunteerActivity',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='VolunteerActivity',
            name='organization',
            field=fields.ForeignKeyField('volunteers.VolunteerOrganization', source_field='organization_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='activities', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='VolunteerActivity',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='VolunteerArea',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='VolunteerArea',
            name='volunteer',
            field=fields.ForeignKeyField('volunteers.Volunteer', source_field='volunteer_id', db_index=True, db_constraint=True, to_field='id', related_name='area_links', on_delete=OnDelete.CASCADE),
        ),
    ]
