"""GraphQL types, inputs and enums of anti-fraud publicity.

Type names start with the domain (``AntiFraud…``, ``Fraud…``) so they never collide with
another plugin's: GraphQL has one namespace for the whole composed schema.
"""

import datetime as dt
from decimal import Decimal

import strawberry
from strawberry.types import Info

from core import Area, Node, UserError, graphql_enum, node_type, reference, row_mapping, scoped
from fengqiao_anti_fraud import models

graphql_enum(
    models.PublicityKind,
    name="AntiFraudPublicityKind",
    description="Form of an anti-fraud publicity event (反诈宣传形式).",
    values={
        "COMMUNITY_TALK": "社区宣讲 — talk in a community or village hall.",
        "SCHOOL": "进校园 — session at a school.",
        "MARKET": "赶场宣传 — stall at a market or fair.",
        "ENTERPRISE": "进企业 — session at a company or factory.",
        "DOOR_TO_DOOR": "入户走访 — door-to-door visits.",
        "ONLINE": "线上宣传 — live stream, short video or group chat.",
    },
)
graphql_enum(
    models.FraudType,
    name="FraudType",
    description="Kind of telecom or online fraud (电信网络诈骗类型).",
    values={
        "IMPERSONATING_OFFICIALS": "冒充公检法 — impersonating police, prosecutors or courts.",
        "FAKE_INVESTMENT": "虚假投资理财 — fake investment or wealth management.",
        "ORDER_BRUSHING": "刷单返利 — paid fake orders with rebates.",
        "FAKE_CUSTOMER_SERVICE": "冒充电商物流客服 — fake shop or courier customer service.",
        "FAKE_LOAN": "虚假网络贷款 — fake online loan.",
        "ONLINE_ROMANCE": "网络交友诱导 — online romance leading to 'investment' (杀猪盘).",
        "GAME_TRADING": "网络游戏虚假交易 — fake game-item trading.",
        "OTHER": "其他 — any other kind.",
    },
)
graphql_enum(
    models.FraudReportStatus,
    name="FraudReportStatus",
    description="Where a fraud report stands.",
    values={
        "REPORTED": "已报案 — filed, being handled.",
        "CLOSED": "已结案 — closed, with the amount recovered.",
    },
)


async def _area_names(info: Info, area_ids: list[int | None]) -> list[str | None]:
    wanted = [area_id for area_id in area_ids if area_id is not None]
    rows = await scoped(info.context.actor, Area).filter(id__in=wanted).values("id", "name")
    names = {row["id"]: row["name"] for row in rows}
    return [names.get(area_id) if area_id is not None else None for area_id in area_ids]


async def _area_name(info: Info, area_id: int | None) -> str | None:
    if area_id is None:
        return None

    async def batch(keys: list[int | None]) -> list[str | None]:
        return await _area_names(info, keys)

    # One query for every area name of the response, whatever the page size.
    return await info.context.loader(batch, key="anti_fraud.area_names").load(area_id)


@node_type(models.PublicityEvent, "anti_fraud.publicity.read")
@strawberry.type(description="An anti-fraud publicity event (反诈宣传活动) and what it achieved.")
class AntiFraudPublicityEvent(Node):
    held_on: dt.date = strawberry.field(description="Day it was held (local date).")
    kind: models.PublicityKind = strawberry.field(
        description="Form of the event: community talk, school, market, enterprise, door-to-door or online."
    )
    venue: str = strawberry.field(description="Where it was held, e.g. 文峰社区活动室.")
    audience_count: int = strawberry.field(description="People who attended.")
    residents_warned: int = strawberry.field(description="Residents warned in person about a current scam (劝阻提醒).")
    app_installs: int = strawberry.field(description="Installs of the national anti-fraud app (国家反诈中心App).")
    notes: str = strawberry.field(description="Free notes; may be empty.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area (辖区) where it was held.")
    created_at: dt.datetime = strawberry.field(description="When it was recorded (ISO-8601 with offset).")
    _row: strawberry.Private[models.PublicityEvent]

    from_row = row_mapping(models.PublicityEvent, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Name of the area where it was held.")
    async def area_name(self, info: Info) -> str | None:
        return await _area_name(info, self._row.area_id)


@node_type(models.FraudReport, "anti_fraud.report.read")
@strawberry.type(description="A report of telecom or online fraud (电信网络诈骗报案) and the money lost.")
class FraudReport(Node):
    occurred_on: dt.date = strawberry.field(description="Day the fraud happened.")
    reported_on: dt.date = strawberry.field(description="Day it was reported to the station; decides the period.")
    fraud_type: models.FraudType = strawberry.field(description="Kind of fraud (诈骗类型).")
    amount_lost: Decimal = strawberry.field(description="Money lost, in yuan (涉案金额).")
    amount_recovered: Decimal = strawberry.field(description="Money recovered so far, in yuan (挽损金额).")
    victim_name: str = strawberry.field(description="The victim's name (personal data: masked for most roles).")
    victim_phone: str | None = strawberry.field(
        description="The victim's mobile (personal data: masked for most roles)."
    )
    summary: str = strawberry.field(description="What happened, in the victim's words; may be empty.")
    status: models.FraudReportStatus = strawberry.field(description="REPORTED while open, CLOSED once closed.")
    closing_note: str = strawberry.field(description="Closing note; empty while open.")
    closed_at: dt.datetime | None = strawberry.field(
        description="When the report was closed (ISO-8601 with offset); null while open."
    )
    area_id: strawberry.ID | None = strawberry.field(description="Global id of the victim's area, if known.")
    _row: strawberry.Private[models.FraudReport]

    from_row = row_mapping(models.FraudReport, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Name of the victim's area, if known.")
    async def area_name(self, info: Info) -> str | None:
        return await _area_name(info, self._row.area_id)


@strawberry.type(description="Reports and losses of one fraud type in a period.")
class FraudTypeCount:
    fraud_type: models.FraudType = strawberry.field(description="The fraud type.")
    reports: int = strawberry.field(description="Reports of this type received (reportedOn) in the period.")
    amount_lost: Decimal = strawberry.field(description="Money lost, in yuan.")


@strawberry.type(description="Anti-fraud figures of a period (反诈工作统计).")
class AntiFraudStats:
    publicity_events: int = strawberry.field(description="Publicity events held in the period (by heldOn).")
    audience: int = strawberry.field(description="Sum of the audience of those events.")
    residents_warned: int = strawberry.field(description="Sum of residents warned at those events.")
    app_installs: int = strawberry.field(description="Sum of anti-fraud app installs at those events.")
    fraud_reports: int = strawberry.field(description="Fraud reports received in the period (by reportedOn).")
    amount_lost: Decimal = strawberry.field(description="Money lost in those reports, in yuan.")
    amount_recovered: Decimal = strawberry.field(description="Money recovered in those reports, in yuan.")
    by_fraud_type: list[FraudTypeCount] = strawberry.field(description="Those reports by fraud type.")


@strawberry.input(description="Filter for publicity events.")
class AntiFraudPublicityFilter:
    kind: models.PublicityKind | None = strawberry.field(default=None, description="Only events of this form.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only events held in this area (global id).",
    )
    held_from: dt.date | None = strawberry.field(default=None, description="Held on or after this day.")
    held_until: dt.date | None = strawberry.field(default=None, description="Held on or before this day.")


@strawberry.input(description="Filter for fraud reports.")
class FraudReportFilter:
    status: models.FraudReportStatus | None = strawberry.field(default=None, description="Only reports in this status.")
    fraud_type: models.FraudType | None = strawberry.field(default=None, description="Only reports of this fraud type.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only reports of victims in this area (global id).",
    )


@strawberry.input(description="A publicity event that was held.")
class RecordAntiFraudPublicityInput:
    area_id: strawberry.ID = strawberry.field(description="Area (辖区) where it was held.")
    held_on: dt.date = strawberry.field(
        description="Day it was held (deployment time zone); decides the period it counts in."
    )
    kind: models.PublicityKind = strawberry.field(description="Form of the event.")
    venue: str = strawberry.field(description="Where it was held, e.g. 文峰社区活动室.")
    audience_count: int = strawberry.field(description="People who attended (0 or more).")
    residents_warned: int = strawberry.field(
        default=0,
        description="Residents warned in person about a current scam (劝阻提醒); 0 by default.",
    )
    app_installs: int = strawberry.field(
        default=0,
        description="Installs of the national anti-fraud app (国家反诈中心App); 0 by default.",
    )
    notes: str = strawberry.field(default="", description="Free notes; empty by default.")


@strawberry.type(description="Result of recordAntiFraudPublicity.")
class RecordAntiFraudPublicityPayload:
    publicity_event: AntiFraudPublicityEvent | None = strawberry.field(
        default=None,
        description="The event recorded; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="A fraud report received from a victim.")
class ReportFraudInput:
    area_id: strawberry.ID | None = strawberry.field(default=None, description="The victim's area, if known.")
    occurred_on: dt.date = strawberry.field(
        description="Day the fraud happened (deployment time zone); not after the day reported."
    )
    fraud_type: models.FraudType = strawberry.field(description="Kind of fraud.")
    amount_lost: Decimal = strawberry.field(description="Money lost, in yuan.")
    victim_name: str = strawberry.field(
        description="The victim's name; masked for roles without core.personal.view_full."
    )
    victim_phone: str | None = strawberry.field(
        default=None,
        description="The victim's mobile number, validated; optional.",
    )
    summary: str = strawberry.field(default="", description="What happened; empty by default.")
    reported_on: dt.date | None = strawberry.field(
        default=None, description="Day the victim reported it, when entered later; default today."
    )


@strawberry.type(description="Result of reportFraud.")
class ReportFraudPayload:
    fraud_report: FraudReport | None = strawberry.field(
        default=None,
        description="The report recorded; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Closing a fraud report.")
class CloseFraudReportInput:
    fraud_report_id: strawberry.ID = strawberry.field(description="Global id of a REPORTED (open) fraud report.")
    amount_recovered: Decimal = strawberry.field(default=Decimal(0), description="Money recovered, in yuan.")
    note: str = strawberry.field(default="", description="Closing note (结案说明); empty by default.")


@strawberry.type(description="Result of closeFraudReport.")
class CloseFraudReportPayload:
    fraud_report: FraudReport | None = strawberry.field(
        default=None,
        description="The report after closing; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
