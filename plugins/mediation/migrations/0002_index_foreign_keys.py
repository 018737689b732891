from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('mediation', '0001_initial')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='Agreement',
            name='created_by',
            field=fields.ForeignKeyField('core.User', source_field='created_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Agreement',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='agreements', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CanvassArea',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CanvassArea',
            name='campaign',
            field=fields.ForeignKeyField('mediation.CanvassCampaign', source_field='campaign_id', db_index=True, db_constraint=True, to_field='id', related_name='area_links', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CanvassCampaign',
            name='created_by',
            field=fields.ForeignKeyField('core.User', source_field='created_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='CanvassFinding',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CanvassFinding',
            name='campaign',
            field=fields.ForeignKeyField('mediation.CanvassCampaign', source_field='campaign_id', db_index=True, db_constraint=True, to_field='id', related_name='findings', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CanvassFinding',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='canvass_findings', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='CanvassFinding',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='CentreMember',
            name='centre',
            field=fields.ForeignKeyField('mediation.MediationCentre', source_field='centre_id', db_index=True, db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CentreMember',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='CriminalCaseLink',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='criminal_links', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='CriminalCaseLink',
            name='linked_by',
            field=fields.ForeignKeyField('core.User', source_field='linked_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='assessed_by',
            field=fields.ForeignKeyField('core.User', source_field='assessed_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='centre',
            field=fields.ForeignKeyField('mediation.MediationCentre', source_field='centre_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='disputes', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='closed_by',
            field=fields.ForeignKeyField('core.User', source_field='closed_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='reported_by',
            field=fields.ForeignKeyField('core.User', source_field='reported_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='resolved_by',
            field=fields.ForeignKeyField('core.User', source_field='resolved_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Dispute',
            name='risk_override_by',
            field=fields.ForeignKeyField('core.User', source_field='risk_override_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='DisputeParty',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='parties', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='DisputeParty',
            name='person',
            field=fields.ForeignKeyField('mediation.Person', source_field='person_id', db_index=True, db_constraint=True, to_field='id', related_name='dispute_links', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='DisputeTransition',
            name='by',
            field=fields.ForeignKeyField('core.User', source_field='by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='DisputeTransition',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='transitions', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Escalation',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='escalations', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Escalation',
            name='escalated_by',
            field=fields.ForeignKeyField('core.User', source_field='escalated_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='MediationCentre',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='MediationSession',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='MediationSession',
            name='recorded_by',
            field=fields.ForeignKeyField('core.User', source_field='recorded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='MediatorAssignment',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', db_index=True, db_constraint=True, to_field='id', related_name='assignments', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='MediatorAssignment',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Tip',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Tip',
            name='dispute',
            field=fields.ForeignKeyField('mediation.Dispute', source_field='dispute_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='tips', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Tip',
            name='merged_into',
            field=fields.ForeignKeyField('mediation.Tip', source_field='merged_into_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='merged_tips', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Tip',
            name='submitted_by',
            field=fields.ForeignKeyField('core.User', source_field='submitted_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Tip',
            name='triaged_by',
            field=fields.ForeignKeyField('core.User', source_field='triaged_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
    ]
