"""Demo data: 城东派出所 works with the 小红志愿者工作室 and the 城东商会, visits its left-behind
children and empty-nest elderly, holds its 向人民汇报 meetings and asks residents how satisfied
they are. 临巴派出所 does less and misses meetings; 三汇派出所 has barely started — so their
scores differ for visible reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt

from core import Actor, AreaKind, Period, Role
from core.audit import audit_context
from plugins.volunteers import models
from plugins.volunteers.services import activities, callbacks, care, meetings, satisfaction, volunteers
from plugins.volunteers.services.common import Quarter

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN_NAMES = ["秀英", "建国", "小红", "志强", "丽华", "文博", "海燕", "德明", "春梅", "国庆", "玉兰", "家豪"]
SKILLS = ["心理疏导", "法律咨询", "医疗急救", "摄影宣传", "驾驶", "维修", "书法", "反诈宣传"]
QUESTIONS = [
    "您对派出所民警的服务态度是否满意？",
    "您对辖区治安状况是否满意？",
    "您对矛盾纠纷化解的效果是否满意？",
    "您对民警接处警的速度是否满意？",
]


@dataclasses.dataclass(frozen=True)
class Plan:
    """How active a demo station is."""

    volunteers: int
    children: int
    elderly: int
    months: int
    meeting_share: float
    rating_bias: float
    survey_answers: int


PLANS = {
    "511725-CD": Plan(
        volunteers=14, children=5, elderly=6, months=6, meeting_share=1.0, rating_bias=0.8, survey_answers=40
    ),
    "511725-LB": Plan(
        volunteers=5, children=2, elderly=2, months=3, meeting_share=0.5, rating_bias=0.3, survey_answers=12
    ),
    "511725-SH": Plan(
        volunteers=2, children=0, elderly=1, months=1, meeting_share=0.0, rating_bias=0.0, survey_answers=0
    ),
}


def _actor(demo, station, role: Role) -> Actor:
    user = demo.user(station, role)
    roles = frozenset({role})
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=roles,
        station_id=station.id,
        permissions=demo.app.permissions.for_roles(roles),
        station_plugins=frozenset(station.enabled_plugins),
    )


def _phone(demo) -> str:
    return "1" + demo.random.choice("3589") + "".join(str(demo.random.randint(0, 9)) for _ in range(9))


def _name(demo) -> str:
    return demo.random.choice(SURNAMES) + demo.random.choice(GIVEN_NAMES)


async def load(demo) -> None:
    for code, plan in PLANS.items():
        station = demo.stations.get(code)
        if station is None or "volunteers" not in (station.enabled_plugins or []):
            continue
        chief = _actor(demo, station, Role.STATION_CHIEF)
        with audit_context(chief):
            organizations = await _organizations(demo, station, chief, main=code == demo.main_station_code)
            people = await _volunteers(demo, station, chief, plan, organizations)
            recipients = await _care_register(demo, station, chief, plan)
            await _activities(demo, station, chief, plan, people, recipients)
            await _meetings(demo, station, chief, plan)
            await _survey(demo, station, chief, plan)
            await _callbacks(demo, station, chief)


async def _organizations(demo, station, chief, *, main: bool) -> list[models.VolunteerOrganization]:
    specs = [
        ("小红志愿者工作室", models.OrganizationKind.VOLUNTEER_STUDIO, "关爱留守儿童、空巢老人，上门送温暖。"),
        ("城东商会", models.OrganizationKind.CHAMBER_OF_COMMERCE, "企业商会，出资出力参与平安建设。"),
    ]
    if not main:
        specs = [(f"{station.name[5:-3]}志愿服务队", models.OrganizationKind.SOCIAL_ORGANIZATION, "镇村志愿服务队。")]
    return [
        await volunteers.create_organization(
            chief,
            station_id=station.id,
            name=name,
            kind=kind,
            description=text,
            contact_name=_name(demo),
            contact_phone=_phone(demo),
        )
        for name, kind, text in specs
    ]


async def _volunteers(demo, station, chief, plan: Plan, organizations) -> list[models.Volunteer]:
    areas = demo.areas_of(station, AreaKind.COMMUNITY, AreaKind.VILLAGE, AreaKind.GRID)
    people = []
    today = demo.clock.today()
    for index in range(plan.volunteers):
        people.append(
            await volunteers.register_volunteer(
                chief,
                station_id=station.id,
                name=_name(demo),
                phone=_phone(demo),
                organization_id=organizations[index % len(organizations)].id,
                user_id=demo.user(station, Role.VOLUNTEER).id if index == 0 else None,
                skills=demo.random.sample(SKILLS, 2),
                area_ids=[demo.random.choice(areas).id] if areas else [],
                is_party_member=index % 3 == 0,
                is_cadre=index % 5 == 1,
                deputy=models.DeputyKind.PEOPLES_CONGRESS if index == 2 else None,
                joined_on=today - dt.timedelta(days=200 + 10 * index),
            )
        )
    return people


async def _care_register(demo, station, chief, plan: Plan) -> list[models.CareRecipient]:
    homes = demo.areas_of(station, AreaKind.COMMUNITY, AreaKind.VILLAGE)
    today = demo.clock.today()
    registered = today - dt.timedelta(days=30 * plan.months + 5)
    recipients = []
    for index in range(plan.children + plan.elderly):
        child = index < plan.children
        age = 6 + index % 8 if child else 68 + 3 * index
        born = dt.date(today.year - age, 1 + index % 12, 10)
        recipients.append(
            await care.register_care_recipient(
                chief,
                kind=models.CareRecipientKind.LEFT_BEHIND_CHILD
                if child
                else models.CareRecipientKind.EMPTY_NEST_ELDERLY,
                name=_name(demo),
                area_id=homes[index % len(homes)].id,
                birth_date=born,
                phone=None if child else _phone(demo),
                guardian_name=_name(demo) if child else None,
                guardian_phone=_phone(demo) if child else None,
                address=f"{homes[index % len(homes)].name}{index + 3}组{index + 11}号",
                needs="学习辅导、心理关爱" if child else "生活照料、防诈骗提醒",
                registered_on=registered,
            )
        )
    return recipients


async def _activities(demo, station, chief, plan: Plan, people, recipients) -> None:
    """Monthly care visits (a few late), red-armband patrols and anti-fraud publicity."""
    clock = demo.clock
    start = clock.today() - dt.timedelta(days=30 * plan.months)
    for month in range(plan.months):
        day = start + dt.timedelta(days=30 * month + 2)
        for index, recipient in enumerate(recipients):
            late = demo.random.random() > 0.7 + 0.25 * plan.rating_bias
            visit_day = day + dt.timedelta(days=index % 5 + (9 if late else 0))
            await _record(
                demo,
                chief,
                station,
                models.ActivityKind.CARE_VISIT,
                "上门关爱走访",
                visit_day,
                2.0,
                people[:2],
                [recipient.id],
            )
        await _record(
            demo,
            chief,
            station,
            models.ActivityKind.PATROL,
            "红袖章夜间巡逻",
            day + dt.timedelta(days=7),
            3.0,
            people[1:5],
            [],
        )
        await _record(
            demo,
            chief,
            station,
            models.ActivityKind.PUBLICITY,
            "反诈骗进社区宣传",
            day + dt.timedelta(days=15),
            2.5,
            people[::2],
            [],
        )


async def _record(demo, chief, station, kind, title, day: dt.date, hours: float, people, recipient_ids) -> None:
    started_at = demo.clock.start_of(day) + dt.timedelta(hours=9)
    if started_at > demo.clock.now() or not people:
        return
    await activities.record_activity(
        chief,
        station_id=station.id,
        kind=kind,
        title=title,
        started_at=started_at,
        hours=hours,
        participants=[activities.Participant(person.id) for person in people],
        care_recipient_ids=recipient_ids,
    )


async def _meetings(demo, station, chief, plan: Plan) -> None:
    """The two quarters before the current one; a less diligent station skips some villages."""
    officer = demo.user(station, Role.OFFICER)
    quarter = Quarter.of(demo.clock.today())
    for back in (2, 1):
        held_in = quarter
        for _ in range(back):
            held_in = held_in.previous()
        places = demo.areas_of(station, AreaKind.COMMUNITY, AreaKind.VILLAGE)
        for index, area in enumerate(places):
            if index >= round(len(places) * plan.meeting_share):
                break
            held_on = held_in.start + dt.timedelta(days=20 + 3 * index)
            meeting = await meetings.record_meeting(
                chief,
                area_id=area.id,
                held_on=held_on,
                attendance=demo.random.randint(30, 90),
                host_user_id=officer.id,
                summary=f"社区民警向{area.name}群众汇报本季度工作，听取意见建议。",
                feedback=[
                    meetings.FeedbackSpec(models.FeedbackKind.SUGGESTION, "建议在小区出入口增设高清摄像头。"),
                    meetings.FeedbackSpec(
                        models.FeedbackKind.COMPLAINT, "夜间广场舞噪音扰民，希望协调。", raised_by=_name(demo)
                    ),
                ],
            )
            await _reply(demo, chief, meeting, plan)


async def _reply(demo, chief, meeting, plan: Plan) -> None:
    """Replies entered from the paper register with the day they were given."""
    items = await models.FeedbackItem.filter(meeting_id=meeting.id).order_by("id")
    for index, item in enumerate(items[: max(1, round(len(items) * plan.meeting_share))]):
        # A diligent station answers within the deadline; the others let some run late.
        replied_on = meeting.held_on + dt.timedelta(days=7 + (4 if plan.meeting_share == 1 else 12) * index)
        await meetings.reply_feedback(
            chief,
            item.id,
            "已联系相关部门落实，并电话回复群众。",
            replied_at=demo.clock.start_of(replied_on) + dt.timedelta(hours=10),
        )


async def _survey(demo, station, chief, plan: Plan) -> None:
    if not plan.survey_answers:
        return
    last_quarter = Quarter.of(demo.clock.today()).previous()
    survey = await satisfaction.create_survey(
        chief,
        station_id=station.id,
        title=f"{last_quarter.label} 群众满意度调查",
        period=last_quarter.period,
        questions=QUESTIONS,
    )
    _, tokens = await satisfaction.issue_tokens(chief, survey.id, plan.survey_answers + 10)
    questions = await models.SurveyQuestion.filter(survey_id=survey.id).order_by("position")
    with audit_context(Actor()):
        for token in tokens[: plan.survey_answers]:
            answers = [satisfaction.Answer(question.id, _rating(demo, plan)) for question in questions]
            await satisfaction.submit(token, answers, None)


def _rating(demo, plan: Plan) -> int:
    return max(1, min(5, round(3 + 2 * plan.rating_bias + demo.random.uniform(-1.5, 1.2))))


async def _callbacks(demo, station, chief) -> None:
    """A callback sample of last month's closed items, half of it already called."""
    first_of_month = demo.clock.today().replace(day=1)
    last_month = Period((first_of_month - dt.timedelta(days=1)).replace(day=1), first_of_month - dt.timedelta(days=1))
    if not await callbacks.candidates(station.id, last_month):
        return
    sample = await callbacks.draw_sample(
        chief, station_id=station.id, period=last_month, size=6, seed=demo.random.getrandbits(64)
    )
    officer = _actor(demo, station, Role.OFFICER)
    with audit_context(officer):
        for item in (await models.CallbackItem.filter(sample_id=sample.id).order_by("position"))[:3]:
            if item.handler_user_id != officer.user_id:
                await callbacks.record_callback(officer, item.id, reached=True, rating=demo.random.choice([4, 5, 5]))
