"""Demo evidence and documents: site photos, printed agreements and 司法确认 hand-offs.

For each station the latest agreements get a site photo (a generated picture), a printed PDF
and an application for judicial confirmation a day after signing; those signed more than ten
days ago have the court's confirmation recorded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any

from core import Actor, FixedClock, store_attachment

from ..models import Agreement, Dispute, DisputeStatus
from ..services import judicial, printing


@contextlib.contextmanager
def _at(app: Any, moment: dt.datetime):
    previous = app.clock
    app.clock = FixedClock(moment, previous.zone.key)
    try:
        yield
    finally:
        app.clock = previous


def _site_photo(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (200 - seed % 60, 190, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 60, 280, 200), outline=(90, 60, 40), width=4)  # the stained ceiling
    draw.ellipse((120 + seed % 40, 100, 200 + seed % 40, 160), fill=(120, 100, 80))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


async def load_documents(demo: Any, station: Any, actor: Actor, *, count: int = 2) -> None:
    app = demo.app
    today = demo.clock.today()
    agreements = await (
        Agreement.filter(station_id=station.id, dispute__status__in=[DisputeStatus.RESOLVED, DisputeStatus.CLOSED])
        .order_by("-signed_at")
        .limit(count)
    )
    for index, agreement in enumerate(agreements):
        dispute = await Dispute.get(id=agreement.dispute_id)
        signed = demo.clock.local(agreement.signed_at)
        with _at(app, agreement.signed_at + dt.timedelta(hours=1)):
            await store_attachment(
                dispute,
                "Dispute",
                _site_photo(dispute.id),
                "现场照片.jpg",
                actor=actor,
                purpose=None,
                description="纠纷现场照片",
            )
            await printing.print_agreement(actor, dispute.id)
        hand_off = min(signed.date() + dt.timedelta(days=1), today)
        with _at(app, max(agreement.signed_at + dt.timedelta(hours=2), demo.clock.start_of(hand_off))):
            confirmation = await judicial.apply_for_confirmation(
                actor,
                dispute.id,
                court="四川省渠县人民法院",
                reference_number=f"(2020)川1725民特{station.id:02d}{index + 1:02d}号",
                submitted_on=hand_off,
            )
        decided = hand_off + dt.timedelta(days=9)
        if decided <= today:
            with _at(app, demo.clock.start_of(decided) + dt.timedelta(hours=10)):
                await judicial.record_decision(actor, confirmation.id, confirmed=True, decided_on=decided, reason=None)
