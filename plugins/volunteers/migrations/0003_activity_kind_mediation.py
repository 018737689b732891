from tortoise import migrations
from tortoise.migrations import operations as ops
from plugins.volunteers.models import ActivityKind
from tortoise import fields
from core import AlterFieldDescription

class Migration(migrations.Migration):
    dependencies = [('core', '0006_region'), ('volunteers', '0002_index_foreign_keys')]

    initial = False

    operations = [
        AlterFieldDescription(
            model_name='VolunteerActivity',
            name='kind',
            field=fields.CharEnumField(description='CARE_VISIT: CARE_VISIT\nPATROL: PATROL\nPUBLICITY: PUBLICITY\nMEDIATION_SUPPORT: MEDIATION_SUPPORT\nOTHER: OTHER\nMEDIATION: MEDIATION', enum_type=ActivityKind, max_length=32),
        ),
    ]
