"""Periodic jobs (the ``fengqiao_jobs`` hook): one run per due time, recorded, retried with
backoff, taken over when a process dies, runnable by hand, readable by bureau admins."""

import asyncio
import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import tests.core.sample_plugin as sample_plugin
from core import ConfigError, Job, Role
from core.config import JobSettings
from core.jobs.models import JobOutcome, JobRun, JobTrigger
from core.jobs.runner import JobBusy, JobRunner
from core.jobs.schedule import parse_schedule

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Jobs kept off in most tests, so that only sample.count_people falls due.
QUIET = (
    "sample.nightly",
    "core.scoring.auto_freeze",
    "core.jobs.prune_runs",
    "core.attachments.retention",
    "core.audit.export_checkpoint",
    "core.audit.seal_access_log",
    "core.outbox.dispatch",
    "core.webhooks.deliver",
    "core.notifications.digest",
    "core.notifications.deliver",
    "core.exports.cleanup",
)


@pytest.fixture(autouse=True)
def clean_sample_state():
    sample_plugin.JOB_CALLS.clear()
    sample_plugin.FAIL_NEXT.clear()
    yield
    sample_plugin.FAIL_NEXT.clear()


@pytest.fixture
async def app(make_app):
    return await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(disabled=QUIET))


async def runs(job="sample.count_people"):
    return await JobRun.filter(job=job).order_by("id")


async def test_fengqiao_jobs_declarations_are_collected_with_their_owner(app):
    runner = JobRunner(app)
    assert runner.jobs["sample.count_people"].owner == "sample"
    assert runner.jobs["sample.count_people"].schedule.text == "every 10m"
    assert runner.jobs["sample.nightly"].enabled is False
    assert "core.scoring.auto_freeze" in runner.jobs


async def test_a_due_job_runs_once_and_its_run_is_recorded(app, clock):
    runner = JobRunner(app)
    [run] = await runner.run_due(clock.now())
    assert await runner.run_due(clock.now() + dt.timedelta(minutes=1)) == []  # same due time: done
    [row] = await runs()
    assert (row.outcome, row.trigger, row.attempt, row.items_changed) == (
        JobOutcome.SUCCEEDED,
        JobTrigger.SCHEDULE,
        1,
        0,
    )
    assert row.due_at == dt.datetime(2020, 8, 20, 1, 0, tzinfo=dt.UTC)  # 09:00 +08 on a 10-minute grid
    assert row.finished_at is not None and row.worker and run.id == row.id


async def test_the_next_due_time_runs_again(app, clock):
    runner = JobRunner(app)
    await runner.run_due(clock.now())
    await runner.run_due(clock.now() + dt.timedelta(minutes=10))
    assert [r.due_at.minute for r in await runs()] == [0, 10]


async def test_two_runners_racing_for_one_due_time_run_it_once(app, clock):
    first, second = JobRunner(app), JobRunner(app)
    started = await asyncio.gather(first.run_due(clock.now()), second.run_due(clock.now()))
    assert sum(len(batch) for batch in started) == 1
    assert len(await runs()) == 1 and sample_plugin.JOB_CALLS == ["count"]


async def test_a_failed_run_is_retried_after_a_backoff_until_max_attempts(make_app, clock):
    settings = JobSettings(disabled=QUIET, retry_seconds=60, max_attempts=2)
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=settings)
    runner = JobRunner(app)
    sample_plugin.FAIL_NEXT.extend([True, True])
    now = clock.now()
    await runner.run_due(now)
    assert await runner.run_due(now + dt.timedelta(seconds=30)) == []  # still backing off
    await runner.run_due(now + dt.timedelta(seconds=61))
    assert await runner.run_due(now + dt.timedelta(seconds=300)) == []  # max_attempts reached
    rows = await runs()
    assert [(r.attempt, r.trigger, r.outcome) for r in rows] == [
        (1, JobTrigger.SCHEDULE, JobOutcome.FAILED),
        (2, JobTrigger.RETRY, JobOutcome.FAILED),
    ]
    assert rows[0].error == "RuntimeError: the register is unavailable"


async def test_a_retry_that_succeeds_ends_the_due_time(app, clock):
    runner = JobRunner(app)
    sample_plugin.FAIL_NEXT.append(True)
    await runner.run_due(clock.now())
    await runner.run_due(clock.now() + dt.timedelta(seconds=61))
    assert await runner.run_due(clock.now() + dt.timedelta(seconds=600 - 1)) == []
    assert [r.outcome for r in await runs()] == [JobOutcome.FAILED, JobOutcome.SUCCEEDED]


async def test_a_run_left_by_a_dead_process_is_failed_after_its_lease_and_retried(app, clock):
    now = clock.now()
    due = dt.datetime(2020, 8, 20, 1, 0, tzinfo=dt.UTC)
    await JobRun.create(
        job="sample.count_people",
        due_at=due,
        trigger=JobTrigger.SCHEDULE,
        started_at=now - dt.timedelta(hours=1),
        lease_until=now - dt.timedelta(minutes=5),
        worker="gone:1",
    )
    await JobRunner(app).run_due(now)
    rows = await runs()
    assert rows[0].outcome is JobOutcome.FAILED and "lease expired" in rows[0].error
    assert (rows[1].attempt, rows[1].outcome) == (2, JobOutcome.SUCCEEDED)


async def test_a_live_run_elsewhere_keeps_others_from_starting_the_job(app, clock):
    now = clock.now()
    await JobRun.create(
        job="sample.count_people",
        due_at=now - dt.timedelta(minutes=10),
        trigger=JobTrigger.SCHEDULE,
        started_at=now,
        lease_until=now + dt.timedelta(minutes=15),
        worker="other:2",
    )
    runner = JobRunner(app)
    assert await runner.run_due(now) == []
    with pytest.raises(JobBusy):
        await runner.run_now("sample.count_people")


async def test_a_run_that_takes_too_long_is_cancelled_and_failed(make_app, clock):
    async def slow() -> int:
        await asyncio.sleep(30)
        return 1

    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(timeout_seconds=1, disabled=QUIET))
    runner = JobRunner(app)
    entry = runner.jobs["sample.count_people"]
    runner.jobs = {entry.name: dataclasses.replace(entry, job=dataclasses.replace(entry.job, run=slow))}
    run = await runner.run_now("sample.count_people")
    assert run.outcome is JobOutcome.FAILED and run.error == "timed out after 1 s"


async def test_run_now_records_a_manual_run_whatever_the_schedule(app):
    run = await JobRunner(app).run_now("sample.nightly")
    assert (run.trigger, run.outcome, run.items_changed) == (JobTrigger.MANUAL, JobOutcome.SUCCEEDED, 0)


async def test_a_schedule_override_from_the_configuration_replaces_the_declared_one(make_app, clock):
    settings = JobSettings(schedule={"sample.count_people": "*/5 * * * *"})
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=settings)
    assert JobRunner(app).jobs["sample.count_people"].schedule.text == "*/5 * * * *"


async def test_jobs_switched_off_run_nothing_on_schedule(make_app, clock):
    settings = JobSettings(disabled=("sample.count_people", *QUIET))
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=settings)
    assert await JobRunner(app).run_due(clock.now()) == []


def test_interval_due_times_are_multiples_of_the_interval_from_the_epoch():
    schedule = parse_schedule("15m")
    now = dt.datetime(2020, 8, 20, 1, 7, 30, tzinfo=dt.UTC)
    assert schedule.latest_due(now, SHANGHAI) == dt.datetime(2020, 8, 20, 1, 0, tzinfo=dt.UTC)
    assert schedule.next_due(now, SHANGHAI) == dt.datetime(2020, 8, 20, 1, 15, tzinfo=dt.UTC)


def test_cron_due_times_follow_the_deployment_time_zone():
    schedule = parse_schedule("30 2 * * *")  # 02:30 Beijing time = 18:30 UTC the day before
    now = dt.datetime(2020, 8, 20, 1, 0, tzinfo=dt.UTC)  # 09:00 Beijing time
    assert schedule.latest_due(now, SHANGHAI) == dt.datetime(2020, 8, 19, 18, 30, tzinfo=dt.UTC)
    assert schedule.next_due(now, SHANGHAI) == dt.datetime(2020, 8, 20, 18, 30, tzinfo=dt.UTC)
    exactly = dt.datetime(2020, 8, 19, 18, 30, tzinfo=dt.UTC)
    assert schedule.latest_due(exactly, SHANGHAI) == exactly


@pytest.mark.parametrize("text", ["", "fast", "61 * * * *", "* * * *", "0s"])
def test_bad_schedules_are_refused_with_the_reason(text):
    with pytest.raises(ValueError):
        parse_schedule(text)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": "risk_sweep", "every": dt.timedelta(minutes=1)},
        {"name": "sample.x"},
        {"name": "sample.x", "every": dt.timedelta(minutes=1), "cron": "* * * * *"},
        {"name": "sample.x", "every": dt.timedelta(milliseconds=10)},
    ],
)
def test_a_job_needs_a_dotted_name_and_exactly_one_schedule(kwargs):
    async def run():
        return None

    with pytest.raises(ValueError):
        Job(run=run, **kwargs)


async def test_a_plugin_job_named_outside_its_namespace_stops_start_up(make_app):
    from tests.core.fake_plugins import make_plugin

    async def run():
        return None

    rogue = make_plugin("rogue", fengqiao_jobs=lambda: [Job("mediation.sweep", run, every=dt.timedelta(hours=1))])
    app = await make_app(["sample", "rogue"], extra_plugins=[sample_plugin, rogue])
    with pytest.raises(ConfigError, match="job 'mediation.sweep' must be named 'rogue.<something>'"):
        JobRunner(app)


async def test_two_plugins_declaring_one_job_name_stop_start_up(make_app):
    from tests.core.fake_plugins import make_plugin

    async def run():
        return None

    twin = make_plugin("sample_twin", fengqiao_jobs=lambda: [Job("sample_twin.a", run, cron="0 * * * *")] * 2)
    app = await make_app(["sample", "sample_twin"], extra_plugins=[sample_plugin, twin])
    with pytest.raises(ConfigError, match="declared by both"):
        JobRunner(app)


async def test_bureau_admins_read_jobs_and_runs_over_graphql(app, clock, login_as):
    await JobRunner(app).run_due(clock.now())
    admin = await login_as(Role.BUREAU_ADMIN)
    data = await admin.data(
        "{ jobs { name owner schedule enabled nextDueAt lastRun { outcome itemsChanged } }"
        ' jobRuns(filter: {job: "sample.count_people"}) { totalCount nodes { job trigger outcome attempt dueAt } } }'
    )
    jobs = {job["name"]: job for job in data["jobs"]}
    assert jobs["sample.count_people"]["lastRun"] == {"outcome": "SUCCEEDED", "itemsChanged": 0}
    assert jobs["sample.count_people"]["owner"] == "sample" and jobs["sample.nightly"]["enabled"] is False
    assert data["jobRuns"]["totalCount"] == 1
    assert data["jobRuns"]["nodes"][0]["trigger"] == "SCHEDULE"


async def test_station_staff_may_not_read_job_runs(app, station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute("{ jobRuns { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_old_finished_runs_are_pruned_and_running_ones_kept(make_app, clock):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(keep_days=30, disabled=QUIET))
    now = clock.now()
    for days, outcome in ((40, JobOutcome.SUCCEEDED), (41, JobOutcome.RUNNING), (5, JobOutcome.FAILED)):
        await JobRun.create(
            job="sample.count_people",
            due_at=now - dt.timedelta(days=days),
            trigger=JobTrigger.SCHEDULE,
            outcome=outcome,
            started_at=now - dt.timedelta(days=days),
            lease_until=now + dt.timedelta(minutes=15),
            worker="w:1",
        )
    run = await JobRunner(app).run_now("core.jobs.prune_runs")
    assert run.items_changed == 1
    left = await runs()
    assert sorted(r.outcome.value for r in left) == ["FAILED", "RUNNING"]


async def test_idle_successful_runs_are_pruned_after_a_day_keeping_each_jobs_newest(make_app, clock):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(disabled=QUIET))
    now = clock.now()
    rows = (
        ("core.outbox.dispatch", 3, JobOutcome.SUCCEEDED, 0),  # idle, old: deleted
        ("core.outbox.dispatch", 2, JobOutcome.SUCCEEDED, 4),  # changed something: kept
        ("core.outbox.dispatch", 2, JobOutcome.FAILED, 0),  # failed: kept
        ("core.outbox.dispatch", 0, JobOutcome.SUCCEEDED, 0),  # idle but recent: kept
        ("sample.nightly", 5, JobOutcome.SUCCEEDED, 0),  # idle and old, but the job's newest: kept
    )
    for index, (job, days, outcome, items) in enumerate(rows):
        await JobRun.create(
            job=job,
            due_at=now - dt.timedelta(days=days, minutes=index + 1),
            trigger=JobTrigger.SCHEDULE,
            outcome=outcome,
            items_changed=items,
            started_at=now - dt.timedelta(days=days, minutes=1),
            lease_until=now,
            worker="w:1",
        )
    run = await JobRunner(app).run_now("core.jobs.prune_runs")
    assert run.items_changed == 1
    assert await JobRun.filter(job="core.outbox.dispatch").count() == 3
    assert await JobRun.filter(job="sample.nightly").count() == 1


async def test_finished_runs_older_than_a_week_go_but_each_jobs_newest_stays(make_app, clock):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(disabled=QUIET))
    now = clock.now()
    rows = (  # oldest first, as the runner inserts them
        ("sample.nightly", 30, JobOutcome.FAILED, None),  # a month old, but the job's newest: kept
        ("core.outbox.dispatch", 10, JobOutcome.FAILED, None),  # older than the 7 days: deleted
        ("core.outbox.dispatch", 8, JobOutcome.SUCCEEDED, 5),  # older than the 7 days: deleted
        ("core.outbox.dispatch", 6, JobOutcome.SUCCEEDED, 5),  # within the week: kept
        ("core.outbox.dispatch", 2, JobOutcome.SUCCEEDED, 3),  # the job's newest: kept
    )
    for job, days, outcome, items in rows:
        await JobRun.create(
            job=job,
            due_at=now - dt.timedelta(days=days),
            trigger=JobTrigger.SCHEDULE,
            outcome=outcome,
            items_changed=items,
            started_at=now - dt.timedelta(days=days),
            finished_at=now - dt.timedelta(days=days),
            lease_until=now - dt.timedelta(days=days),
            worker="w:1",
        )
    run = await JobRunner(app).run_now("core.jobs.prune_runs")
    assert run.items_changed == 2
    left = await JobRun.exclude(job="core.jobs.prune_runs").order_by("started_at").values_list("job", "started_at")
    assert [(job, (now - started).days) for job, started in left] == [
        ("sample.nightly", 30),
        ("core.outbox.dispatch", 6),
        ("core.outbox.dispatch", 2),
    ]


async def test_keep_days_zero_keeps_every_finished_run(make_app, clock):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], jobs=JobSettings(keep_days=0, disabled=QUIET))
    now = clock.now()
    for days in (400, 300):
        await JobRun.create(
            job="sample.nightly",
            due_at=now - dt.timedelta(days=days),
            trigger=JobTrigger.SCHEDULE,
            outcome=JobOutcome.FAILED,
            started_at=now - dt.timedelta(days=days),
            lease_until=now - dt.timedelta(days=days),
            worker="w:1",
        )
    await JobRunner(app).run_now("core.jobs.prune_runs")
    assert await JobRun.filter(job="sample.nightly").count() == 2
