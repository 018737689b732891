from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from core.migration_operations import AddForeignKeyIndex

class Migration(migrations.Migration):
    dependencies = [('core', '0001_initial'), ('patrol', '0001_initial')]

    initial = False

    operations = [
        AddForeignKeyIndex(
            model_name='ActualUnit',
            name='address',
            field=fields.ForeignKeyField('patrol.StandardAddress', source_field='address_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='units', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='AssetStatusChange',
            name='asset',
            field=fields.ForeignKeyField('patrol.SurveillanceAsset', source_field='asset_id', db_index=True, db_constraint=True, to_field='id', related_name='status_history', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='AssetStatusChange',
            name='changed_by',
            field=fields.ForeignKeyField('core.User', source_field='changed_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='CriminalCase',
            name='opened_by',
            field=fields.ForeignKeyField('core.User', source_field='opened_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='HotspotCampaignArea',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='HotspotCampaignArea',
            name='campaign',
            field=fields.ForeignKeyField('patrol.HotspotCampaign', source_field='campaign_id', db_index=True, db_constraint=True, to_field='id', related_name='campaign_areas', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Incident',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Incident',
            name='assignee',
            field=fields.ForeignKeyField('core.User', source_field='assignee_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Incident',
            name='patrol_shift',
            field=fields.ForeignKeyField('patrol.PatrolShift', source_field='patrol_shift_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='findings', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='Incident',
            name='reported_by',
            field=fields.ForeignKeyField('core.User', source_field='reported_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Incident',
            name='standard_address',
            field=fields.ForeignKeyField('patrol.StandardAddress', source_field='standard_address_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='incidents', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='IncidentPerson',
            name='incident',
            field=fields.ForeignKeyField('patrol.Incident', source_field='incident_id', db_index=True, db_constraint=True, to_field='id', related_name='persons', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Inspection',
            name='inspector',
            field=fields.ForeignKeyField('core.User', source_field='inspector_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Inspection',
            name='target',
            field=fields.ForeignKeyField('patrol.InspectionTarget', source_field='target_id', db_index=True, db_constraint=True, to_field='id', related_name='inspections', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='InspectionFinding',
            name='inspection',
            field=fields.ForeignKeyField('patrol.Inspection', source_field='inspection_id', db_index=True, db_constraint=True, to_field='id', related_name='findings', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='InspectionTarget',
            name='address',
            field=fields.ForeignKeyField('patrol.StandardAddress', source_field='address_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='inspection_targets', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='InspectionTarget',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='InspectionTarget',
            name='unit',
            field=fields.ForeignKeyField('patrol.ActualUnit', source_field='unit_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='inspection_targets', on_delete=OnDelete.SET_NULL),
        ),
        AddForeignKeyIndex(
            model_name='PatrolCheckIn',
            name='shift',
            field=fields.ForeignKeyField('patrol.PatrolShift', source_field='shift_id', db_index=True, db_constraint=True, to_field='id', related_name='check_ins', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='PatrolCheckIn',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PatrolRoutePoint',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PatrolRoutePoint',
            name='shift',
            field=fields.ForeignKeyField('patrol.PatrolShift', source_field='shift_id', db_index=True, db_constraint=True, to_field='id', related_name='points', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='PatrolShift',
            name='created_by',
            field=fields.ForeignKeyField('core.User', source_field='created_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PatrolShift',
            name='team',
            field=fields.ForeignKeyField('patrol.PatrolTeam', source_field='team_id', db_index=True, db_constraint=True, to_field='id', related_name='shifts', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PatrolTeam',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='PatrolTeamMember',
            name='team',
            field=fields.ForeignKeyField('patrol.PatrolTeam', source_field='team_id', db_index=True, db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='PatrolTeamMember',
            name='user',
            field=fields.ForeignKeyField('core.User', source_field='user_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Reinspection',
            name='finding',
            field=fields.ForeignKeyField('patrol.InspectionFinding', source_field='finding_id', db_index=True, db_constraint=True, to_field='id', related_name='reinspections', on_delete=OnDelete.CASCADE),
        ),
        AddForeignKeyIndex(
            model_name='Reinspection',
            name='inspector',
            field=fields.ForeignKeyField('core.User', source_field='inspector_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='Resident',
            name='address',
            field=fields.ForeignKeyField('patrol.StandardAddress', source_field='address_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='residents', on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='StandardAddress',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        AddForeignKeyIndex(
            model_name='SurveillanceAsset',
            name='area',
            field=fields.ForeignKeyField('core.Area', source_field='area_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
    ]
