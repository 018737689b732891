"""Root query fields of 控 and 查: the 一标三实 registers, inspections, rectifications, campaigns."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import (
    SpatialArgument,
    connection,
    current_app,
    query_field,
    scoped,
    spatially,
)
from plugins.patrol import models
from plugins.patrol.enums import RectificationStatus
from plugins.patrol.queries.listing import day_range, filtered, optional_id
from plugins.patrol.services.common import id_number_fields
from plugins.patrol.types import inputs as i
from plugins.patrol.types.basic_info import ActualUnit, Housing, Resident, StandardAddress
from plugins.patrol.types.inspections import HotspotCampaign, Inspection, InspectionFinding, InspectionTarget


@strawberry.type
class BasicInfoQueries:
    @query_field(permission="patrol.basic_info.read", description="标准地址 — standard addresses.")
    @connection(StandardAddress)
    async def addresses(
        self,
        info: Info,
        filter: Annotated[
            i.AddressFilter | None,
            strawberry.argument(
                description="Narrow by area and address text; omitted → every standard address of the caller's station."
            ),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        where = filter or i.AddressFilter()
        queryset = filtered(
            scoped(info.context.actor, models.StandardAddress),
            area_id=optional_id(where.area_id, "Area", "areaId"),
            address__contains=(where.contains or "").strip() or None,
        )
        queryset = await spatially(info.context.actor, queryset, spatial)
        return queryset.order_by("id")

    @query_field(permission="patrol.basic_info.read", description="实有人口 — the actual population.")
    @connection(Resident)
    async def residents(
        self,
        info: Info,
        filter: Annotated[
            i.ResidentFilter | None,
            strawberry.argument(
                description=(
                    "Narrow by address, residence kind, tag or exact ID number; omitted → everyone registered "
                    "(people under 14 only for roles that may see minors)."
                )
            ),
        ] = None,
    ) -> QuerySet:
        where = filter or i.ResidentFilter()
        id_hash = None
        if where.id_number:
            id_hash = id_number_fields(where.id_number, field="filter.idNumber")["id_number_hash"]
        queryset = filtered(
            scoped(info.context.actor, models.Resident),
            address_id=optional_id(where.address_id, "StandardAddress", "addressId"),
            residence=where.residence,
            tags__contains=f",{where.tag.value}," if where.tag else None,
            id_number_hash=id_hash,
        )
        return queryset.order_by("id")

    @query_field(permission="patrol.basic_info.read", description="实有房屋 — actual housing.")
    @connection(Housing)
    async def housing(
        self,
        info: Info,
        filter: Annotated[
            i.HousingFilter | None,
            strawberry.argument(description="Narrow by kind, rented or area; omitted → all registered housing."),
        ] = None,
    ) -> QuerySet:
        where = filter or i.HousingFilter()
        queryset = filtered(
            scoped(info.context.actor, models.Housing),
            kind=where.kind,
            is_rented=where.is_rented,
            address__area_id=optional_id(where.area_id, "Area", "areaId"),
        )
        return queryset.order_by("id")

    @query_field(permission="patrol.basic_info.read", description="实有单位 — actual units.")
    @connection(ActualUnit)
    async def units(
        self,
        info: Info,
        filter: Annotated[
            i.UnitFilter | None,
            strawberry.argument(description="Narrow by kind, key unit or credit code; omitted → all registered units."),
        ] = None,
    ) -> QuerySet:
        where = filter or i.UnitFilter()
        queryset = filtered(
            scoped(info.context.actor, models.ActualUnit),
            kind=where.kind,
            is_key_unit=where.is_key_unit,
            credit_code=(where.credit_code or "").strip().upper() or None,
        )
        return queryset.order_by("id")


@strawberry.type
class InspectionQueries:
    @query_field(permission="patrol.inspection.read", description="Units and venues under inspection.")
    @connection(InspectionTarget)
    async def inspection_targets(
        self,
        info: Info,
        filter: Annotated[
            i.InspectionTargetFilter | None,
            strawberry.argument(description="Narrow by kind and area; omitted → every target of the caller's station."),
        ] = None,
    ) -> QuerySet:
        where = filter or i.InspectionTargetFilter()
        queryset = filtered(
            scoped(info.context.actor, models.InspectionTarget),
            kind=where.kind,
            area_id=optional_id(where.area_id, "Area", "areaId"),
        )
        return queryset.order_by("id")

    @query_field(permission="patrol.inspection.read", description="Inspections (检查), newest first.")
    @connection(Inspection)
    async def inspections(
        self,
        info: Info,
        filter: Annotated[
            i.InspectionFilter | None,
            strawberry.argument(
                description="Narrow by kind, target and inspection dates; omitted → every inspection, newest first."
            ),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        where = filter or i.InspectionFilter()
        queryset = filtered(
            scoped(info.context.actor, models.Inspection),
            kind=where.kind,
            target_id=optional_id(where.target_id, "InspectionTarget", "targetId"),
        ).filter(day_range("inspected_at", where.inspected_from, where.inspected_to))
        queryset = await spatially(info.context.actor, queryset, spatial)
        return queryset.order_by("-inspected_at", "id")

    @query_field(
        permission="patrol.inspection.read",
        description="Rectifications (整改) of inspection findings, earliest deadline first; filter overdue ones.",
    )
    @connection(InspectionFinding)
    async def rectifications(
        self,
        info: Info,
        filter: Annotated[
            i.RectificationFilter | None,
            strawberry.argument(
                description="Narrow by status, severity and overdue; omitted → every finding with its rectification."
            ),
        ] = None,
    ) -> QuerySet:
        where = filter or i.RectificationFilter()
        queryset = filtered(
            scoped(info.context.actor, models.InspectionFinding), status=where.status, severity=where.severity
        )
        overdue = Q(status=RectificationStatus.OPEN, deadline__lt=current_app().clock.today())
        if where.overdue is not None:
            queryset = queryset.filter(overdue if where.overdue else ~overdue)
        return queryset.order_by("deadline", "id")

    @query_field(permission="patrol.inspection.read", description="Hotspot (乱点) remediation campaigns.")
    @connection(HotspotCampaign)
    async def hotspot_campaigns(
        self,
        info: Info,
        filter: Annotated[
            i.HotspotCampaignFilter | None,
            strawberry.argument(description="Narrow by status; omitted → every campaign of the caller's station."),
        ] = None,
    ) -> QuerySet:
        where = filter or i.HotspotCampaignFilter()
        queryset = filtered(scoped(info.context.actor, models.HotspotCampaign), status=where.status)
        return queryset.order_by("-starts_on", "id")
