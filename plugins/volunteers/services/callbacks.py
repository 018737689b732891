"""回访 — callback sampling: a random sample of the items closed in a period (disputes,
incidents, care visits… whatever the station's plugins report through the core hook
``fengqiao_closed_items``), called back to ask the people served whether they are satisfied.

Fairness rules (the handler of an item must not be able to steer which items are checked):

1. The server draws. The candidates are *every* item the station's plugins report as closed in
   the period, in a canonical order (plugin, kind, item id); nobody chooses, filters or orders
   them. The seed comes from ``secrets`` and is recorded with the algorithm, the candidate list
   and its SHA-256 digest, so anyone can repeat the draw (``verify_sample``) and get the same
   items in the same order.
2. Draw once. A station has at most one sample per period, and periods of samples may not
   overlap, so nobody can draw again until a convenient sample comes up. The period must have
   ended, so closures cannot be timed around the draw.
3. Nothing is edited or replaced. No API changes, deletes or swaps a drawn item; an item
   nobody answers is recorded UNREACHABLE (and may be tried again), never replaced by another.
4. The handler keeps out. The user who handled an item may not record its callback; drawing is
   a leadership permission (``volunteers.callback.draw``), and a drawer's own items stay in the
   pool like any other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import secrets
from collections.abc import Sequence

from core import (
    Actor,
    ClosedItem,
    Period,
    Station,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    publish,
    record_audit,
    remember,
    scoped,
    snapshot,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    clock,
    settings,
    station_runs_plugin,
    target_station,
    text,
    today,
)
from plugins.volunteers.services.satisfaction import MAX_RATING, MIN_RATING, valid_rating

ALGORITHM = "python-random-sample-v1"
MAX_SAMPLE = 200
SEED_BITS = 64


@dataclasses.dataclass(frozen=True)
class Candidate:
    plugin: str
    item: ClosedItem

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.plugin, self.item.kind, int(self.item.item_id))


async def candidates(station_id: int, period: Period) -> list[Candidate]:
    """Every item closed in ``period`` by the plugins the station runs, in canonical order."""
    station = await Station.get(id=station_id)
    enabled = set(station.enabled_plugins or [])
    found: dict[tuple[str, str, int], Candidate] = {}
    for plugin, items in await current_app().plugins.acall_each(
        "fengqiao_closed_items", station_ids=[station_id], period=period
    ):
        if plugin.name not in enabled:
            continue
        for item in items or []:
            if item.station_id == station_id:
                candidate = Candidate(plugin.name, item)
                found[candidate.key] = candidate
    return [found[key] for key in sorted(found)]


def draw(seed: int, count: int, size: int) -> list[int]:
    """Indices of the drawn candidates, in draw order; the same seed gives the same draw."""
    return random.Random(seed).sample(range(count), min(size, count))


def digest(keys: Sequence[Sequence]) -> str:
    return hashlib.sha256(json.dumps([list(key) for key in keys], ensure_ascii=False).encode()).hexdigest()


async def _period_is_free(station_id: int, period: Period) -> None:
    overlapping = models.CallbackSample.filter(
        station_id=station_id, period_start__lte=period.end, period_end__gte=period.start
    )
    if await overlapping.exists():
        raise UserInputError(
            "A callback sample of this station already covers (part of) this period; samples are drawn once.",
            field="period",
            code=UserErrorCode.CONFLICT,
        )


async def draw_sample(
    actor: Actor, *, station_id: int | None, period: Period, size: int | None = None, seed: int | None = None
) -> models.CallbackSample:
    """Draw and record a sample. ``seed`` is for tests only; the API never takes one."""
    station_id = await target_station(actor, station_id)
    size = settings().callback_sample_size if size is None else size
    if not 1 <= size <= MAX_SAMPLE:
        raise UserInputError(f"A sample holds 1 to {MAX_SAMPLE} items.", field="size")
    if period.end >= today():
        raise UserInputError("Draw after the period has ended.", field="period.end")
    await _period_is_free(station_id, period)
    pool = await candidates(station_id, period)
    if not pool:
        raise UserInputError("Nothing was closed in this period.", field="period")
    seed = secrets.randbits(SEED_BITS) if seed is None else seed
    keys = [list(candidate.key) for candidate in pool]
    sample = await models.CallbackSample.create(
        station_id=station_id,
        period_start=period.start,
        period_end=period.end,
        requested_size=size,
        seed=format(seed, "x"),
        algorithm=ALGORITHM,
        candidates=keys,
        candidates_digest=digest(keys),
        drawn_at=clock().now(),
        drawn_by_id=actor.user_id,
    )
    chosen = [pool[index] for index in draw(seed, len(pool), size)]
    await _add_items(sample, chosen)
    after = {**snapshot(sample, _SAMPLE_FIELDS), "items": [list(candidate.key) for candidate in chosen]}
    await record_audit("volunteers.callback_sample.draw", obj=sample, after=after)
    await publish(
        "volunteers.callback_sample.drawn",
        {"sampleId": sample.id, "candidates": len(pool), "items": len(chosen)},
        station_id=station_id,
    )
    return sample


async def _add_items(sample: models.CallbackSample, chosen: Sequence[Candidate]) -> None:
    await models.CallbackItem.bulk_create(
        [
            models.CallbackItem(
                station_id=sample.station_id,
                sample=sample,
                position=position,
                plugin=candidate.plugin,
                kind=candidate.item.kind,
                item_id=candidate.item.item_id,
                label=(candidate.item.label or "")[:200],
                closed_at=candidate.item.closed_at,
                handler_user_id=candidate.item.handler_user_id,
            )
            for position, candidate in enumerate(chosen, start=1)
        ]
    )


_SAMPLE_FIELDS = ["period_start", "period_end", "requested_size", "seed", "algorithm", "candidates_digest"]


@dataclasses.dataclass(frozen=True)
class SampleCheck:
    candidate_count: int
    digest_matches: bool
    draw_matches: bool
    candidates_unchanged: bool


async def verify_sample(actor: Actor, sample_id: int) -> tuple[models.CallbackSample, SampleCheck]:
    """Repeat a draw from its record: does the seed give the recorded items, is the candidate
    list intact, and do the plugins still report the same candidates for the period?"""
    sample = await get_scoped(actor, models.CallbackSample, sample_id, field="sampleId", label="Callback sample")
    recorded = [tuple(key) for key in sample.candidates]
    items = (
        await models.CallbackItem.filter(sample_id=sample.id).order_by("position").values("plugin", "kind", "item_id")
    )
    drawn = [recorded[index] for index in draw(int(sample.seed, 16), len(recorded), sample.requested_size)]
    current = [
        candidate.key
        for candidate in await candidates(sample.station_id, Period(sample.period_start, sample.period_end))
    ]
    return sample, SampleCheck(
        candidate_count=len(recorded),
        digest_matches=digest(recorded) == sample.candidates_digest,
        draw_matches=drawn == [(row["plugin"], row["kind"], row["item_id"]) for row in items],
        candidates_unchanged=current == recorded,
    )


async def record_callback(
    actor: Actor,
    item_id: int,
    *,
    reached: bool,
    rating: int | None = None,
    comment: str | None = None,
    at: dt.datetime | None = None,
) -> models.CallbackItem:
    """A call (回访) made at ``at`` (default now; 补录 for calls entered later)."""
    item = await get_scoped(actor, models.CallbackItem, item_id, field="itemId", label="Callback item")
    await station_runs_plugin(actor, item.station_id)
    if item.handler_user_id is not None and item.handler_user_id == actor.user_id:
        raise UserInputError(
            "You handled this item; someone else makes its callback.", field="itemId", code=UserErrorCode.FORBIDDEN
        )
    if item.status is models.CallbackStatus.REACHED:
        raise UserInputError(
            "This callback has been made already.", field="itemId", code=UserErrorCode.INVALID_TRANSITION
        )
    if reached and rating is None:
        raise UserInputError(
            f"Give the rating heard, {MIN_RATING} to {MAX_RATING}.", field="rating", code=UserErrorCode.REQUIRED
        )
    if reached and not valid_rating(rating):
        raise UserInputError(f"Give the rating heard, {MIN_RATING} to {MAX_RATING}.", field="rating")
    if not reached and rating is not None:
        raise UserInputError("Nobody was reached, so there is no rating.", field="rating")
    comment = text(comment, "comment", "Comment", max_length=2000, required=False)
    drawn_at = await models.CallbackSample.filter(id=item.sample_id).values_list("drawn_at", flat=True)
    when = occurrence(
        at, after=max([*drawn_at, *([item.called_at] if item.called_at else [])]), after_label="the draw or last call",
        label="The call",
    )  # fmt: skip
    before = snapshot(item)
    item.status = models.CallbackStatus.REACHED if reached else models.CallbackStatus.UNREACHABLE
    item.rating, item.comment = rating, comment
    item.called_at, item.called_by_id = when.at, actor.user_id
    item.recorded_steps = remember(item.recorded_steps, "call", when)
    await item.save()
    await record_audit("volunteers.callback.record", obj=item, before=before, after=snapshot(item))
    await audit_backdating(when, obj=item, step="call")
    return item


def samples(actor: Actor):
    return scoped(actor, models.CallbackSample)
