"""A small plugin used by the core's tests: a register of people (with personal data), an
echo subscription, and a field that fails, to exercise the core's mechanisms end to end."""

from core import (
    CONTRACT_VERSION,
    GraphQLContribution,
    ModelsDeclaration,
    Permission,
    PluginInfo,
    Role,
    SensitiveField,
    SensitiveKind,
    hookimpl,
)


@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(name="sample", version="1.0", title="Sample register", contract=CONTRACT_VERSION)


@hookimpl
def fengqiao_models():
    return ModelsDeclaration(
        models=["tests.core.sample_plugin.models"], migrations="tests.core.sample_plugin.migrations"
    )


@hookimpl
def fengqiao_graphql():
    from tests.core.sample_plugin import schema

    return GraphQLContribution(
        query=[schema.SampleQuery],
        mutation=[schema.SampleMutation],
        subscription=[schema.SampleSubscription],
        types=[schema.SamplePerson],
    )


@hookimpl
def fengqiao_permissions():
    return [
        Permission(
            "sample.person.read", "Read the sample register.", (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY)
        ),
        Permission("sample.person.write", "Add to the sample register.", (Role.STATION_CHIEF, Role.OFFICER)),
    ]


@hookimpl
def fengqiao_sensitive_fields():
    return [
        SensitiveField("SamplePerson", "idNumber", SensitiveKind.ID_NUMBER),
        SensitiveField("SamplePerson", "phone", SensitiveKind.PHONE),
    ]


@hookimpl
def fengqiao_attachment_targets():
    from core import AttachmentKind, AttachmentTarget
    from tests.core.sample_plugin.models import SamplePerson

    # Photos keep their metadata unless the uploader asks: the core's tests check both ways.
    return [
        AttachmentTarget(
            "SamplePerson",
            SamplePerson,
            read_permission="sample.person.read",
            upload_permission="sample.person.write",
            kinds=(AttachmentKind.IMAGE, AttachmentKind.PDF, AttachmentKind.AUDIO),
            max_bytes=256 * 1024,
            retention_days=30,
            strip_image_metadata=False,
        )
    ]


# --- periodic jobs and lifecycle, for the core's job tests ------------------------------------

# Each entry is one run of ``sample.count_people``; tests read and clear it.
JOB_CALLS: list[str] = []
STARTED: list[object] = []


async def count_people() -> int:
    """Counts the register; raises while ``FAIL_NEXT`` holds failures to simulate."""
    from tests.core.sample_plugin.models import SamplePerson

    JOB_CALLS.append("count")
    if FAIL_NEXT:
        FAIL_NEXT.pop()
        raise RuntimeError("the register is unavailable")
    return await SamplePerson.all().count()


FAIL_NEXT: list[bool] = []


@hookimpl
def fengqiao_jobs():
    import datetime as dt

    from core import Job

    return [
        Job(
            name="sample.count_people",
            run=count_people,
            every=dt.timedelta(minutes=10),
            description="Count the sample register (a job for the core's tests).",
        ),
        Job(name="sample.nightly", run=count_people, cron="0 3 * * *", description="A cron-scheduled job."),
    ]


@hookimpl
def fengqiao_startup(app):
    STARTED.append(app)


@hookimpl
def fengqiao_shutdown(app):
    if app in STARTED:
        STARTED.remove(app)
