"""The monthly freeze as a periodic job (``core.scoring.auto_freeze``): off by default; once
``[scoring] auto_freeze_day`` is reached it freezes the month before, once, audited."""

from core.audit.models import AuditEvent
from core.config import JobSettings, ScoringSettings
from core.jobs.models import JobOutcome
from core.jobs.runner import JobRunner
from core.scoring.models import ScoreSnapshot
from core.testing import create_station


async def freezing_app(make_app, scoring_plugins, day: int):
    return await make_app(
        ["alpha", "beta"],
        extra_plugins=scoring_plugins,
        scoring=ScoringSettings(auto_freeze_day=day),
        jobs=JobSettings(),
    )


async def test_the_job_does_nothing_while_auto_freeze_is_off(app, figures):
    await create_station(app, plugins=["alpha"])
    run = await JobRunner(app).run_now("core.scoring.auto_freeze")
    assert (run.outcome, run.items_changed) == (JobOutcome.SUCCEEDED, 0)
    assert not await ScoreSnapshot.exists()


async def test_from_the_configured_day_the_previous_month_is_frozen_once(make_app, scoring_plugins, figures, clock):
    app = await freezing_app(make_app, scoring_plugins, day=5)  # the clock stands at 2020-08-20
    await create_station(app, name="东所", plugins=["alpha"])
    await create_station(app, name="西所", plugins=["alpha"])
    runner = JobRunner(app)
    first = await runner.run_now("core.scoring.auto_freeze")
    second = await runner.run_now("core.scoring.auto_freeze")
    assert (first.items_changed, second.items_changed) == (2, 0)
    assert {row.month for row in await ScoreSnapshot.all()} == {"2020-07"}
    event = await AuditEvent.get(action="core.score.freeze")
    assert event.actor_username == "core.scoring.auto_freeze" and event.request_id == f"job-{first.id}"
    assert "auto_freeze_day" in event.after["reason"]


async def test_before_the_configured_day_nothing_is_frozen(make_app, scoring_plugins, figures, clock):
    app = await freezing_app(make_app, scoring_plugins, day=25)
    await create_station(app, plugins=["alpha"])
    run = await JobRunner(app).run_now("core.scoring.auto_freeze")
    assert run.items_changed == 0 and not await ScoreSnapshot.exists()


def test_the_freeze_day_must_exist_in_every_month():
    import pytest

    from core import ConfigError
    from core.config import load_settings

    with pytest.raises(ConfigError, match="scoring.auto_freeze_day"):
        load_settings(environ={}, overrides={"scoring.auto_freeze_day": "31"})
