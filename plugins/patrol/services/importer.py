"""Bulk import of the "一标三实" registers from CSV — one service for the ``importBasicInfo``
mutation and the ``fengqiao import`` command.

Every row is validated by the same rules as the one-record mutations; a rejected row is
reported with its line number and reason and the others go in. The file is read as a stream,
one batch of rows (``[patrol] import_batch_size``) at a time: each batch looks up what it
refers to with one query per kind of lookup, becomes plain value tuples and goes in with one
``executemany`` insert and its audit event, inside the mutation's single transaction for the
API, one transaction per batch on the command line, never one per row. The next batch is
read before one is written, and on PostgreSQL built while it is written. Memory therefore
depends on the batch size, not the file's size; only the keys of accepted rows are kept, to
report a duplicate with the line it repeats. Each row becomes exactly one database row, so no
row is ever half written. A dry run validates everything against the database and writes
nothing (not even an audit event).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from core import (
    Actor,
    Role,
    RowInserter,
    UserErrorCode,
    UserInputError,
    frozen_heap,
    record_audit,
    require_plugin,
    set_custom_plans,
    transaction,
)
from plugins.patrol import models
from plugins.patrol.enums import BasicInfoKind, CsvEncoding
from plugins.patrol.services.common import settings
from plugins.patrol.services.csv_file import check_file, open_lines
from plugins.patrol.services.csv_format import Header, Record, count_records, read_records, text_lines
from plugins.patrol.services.import_rows import BUILDERS, FIELDS, MODELS, MULTI_ROW, Row, RowContext

# Reasons listed in a report; the count of rejected rows is always complete.
REPORT_LIMIT = 1000
Progress = Callable[[int, int | None], Any]


@dataclasses.dataclass(frozen=True)
class RejectedRow:
    line: int
    reason: str


@dataclasses.dataclass
class ImportReport:
    kind: BasicInfoKind
    dry_run: bool
    total_rows: int = 0
    # Rows that passed validation: written, unless this is a dry run.
    accepted_rows: int = 0
    rejected_count: int = 0
    rejected: list[RejectedRow] = dataclasses.field(default_factory=list)
    ignored_columns: list[str] = dataclasses.field(default_factory=list)

    @property
    def written_rows(self) -> int:
        return 0 if self.dry_run else self.accepted_rows

    def reject(self, line: int, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REPORT_LIMIT:
            self.rejected.append(RejectedRow(line, reason))


def _reason(error: UserInputError, header: Header, kind: BasicInfoKind) -> str:
    parts = []
    for problem in error.problems:
        label = header.label(problem.field, kind)
        parts.append(f"{label}: {problem.message}" if label else problem.message)
    return "; ".join(parts)


async def import_basic_info(
    actor: Actor,
    station_id: int,
    kind: BasicInfoKind,
    content: str | Iterable[str],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    total_rows: int | None = None,
    transaction_per_batch: bool = False,
    source: str = "api",
    force: bool = False,
) -> ImportReport:
    """Validate and insert the rows of a CSV text, or of an iterable of its lines, into
    ``station_id``'s register ``kind``, reading one batch of rows at a time.

    File-level problems (missing columns, bad CSV) raise ``UserInputError``; row problems go
    into the report. ``progress(done, total)`` is called after every batch; ``total`` is
    ``total_rows`` when the caller knows it, counted first for a text, else ``None``. ``force``
    keeps an address row's area even when its coordinates lie outside that area's boundary.
    """
    lines = text_lines(content) if isinstance(content, str) else content
    if progress is not None and total_rows is None and isinstance(content, str):
        total_rows = count_records(text_lines(content), kind)
    header, records = read_records(lines, kind)
    report = ImportReport(kind, dry_run, ignored_columns=header.ignored)
    context = RowContext(station_id, kind, force=force)
    await context.load(actor)
    inserter = RowInserter(MODELS[kind], FIELDS[kind], multi_row=kind in MULTI_ROW)
    batches = _batches(records, max(settings().import_batch_size, 1))
    with frozen_heap():
        async for _ in _written(context, header, inserter, report, batches, source, transaction_per_batch):
            if progress is not None:
                progress(report.total_rows, total_rows)
    return report


async def _written(
    context: RowContext,
    header: Header,
    inserter: RowInserter,
    report: ImportReport,
    batches: Iterator[list[Record]],
    source: str,
    per_batch: bool,
) -> AsyncIterator[None]:
    """Import ``batches`` one by one into ``report``, yielding after each."""
    converter = None if report.dry_run else inserter
    batch = next(batches, None)
    prepared = None
    while batch is not None:
        report.total_rows += len(batch)
        # The batch's key lookup and its insert share the transaction, and the next
        # batch's address lookup runs in it too (one plan mode, one connection).
        async with transaction() if per_batch else contextlib.nullcontext():
            # Lookups planned for their keys: a generic plan, made while the table was small,
            # reads the whole station for every batch and the import grows quadratic.
            await set_custom_plans(True)
            if prepared is None:
                await context.look_up_addresses(batch)
                prepared = await _build(context, batch, converter)
            valid = await _claimed(context, prepared, header, report)
            done, batch = prepared, next(batches, None)
            if batch is not None:
                await context.look_up_addresses(batch)
            insert = None
            if valid and converter is not None:
                await set_custom_plans(False)  # custom plans would plan the insert for every row
                audit = _batch_audit(context.kind, done.batch, len(valid), source, context.station_id)
                insert = _insert(inserter, [row.stored for row in valid], audit)
            building = _build(context, batch, converter) if batch is not None else None
            prepared = await _write_while_building(insert, building)
        report.accepted_rows += len(valid)
        yield


async def _write_while_building(insert: Awaitable | None, building: Awaitable[Prepared] | None) -> Prepared | None:
    """Write one batch and build the next: at once on PostgreSQL, whose server works while
    the event loop builds; one after the other on SQLite, whose writes run in a thread of
    this process that would fight the building for the GIL (both got slower)."""
    if insert is None or building is None or not _on_postgres():
        if insert is not None:
            await insert
        return await building if building is not None else None
    task = asyncio.ensure_future(insert)
    try:
        return await building
    finally:
        await task


def _batches(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while batch := list(itertools.islice(records, size)):
        yield batch


@dataclasses.dataclass
class Prepared:
    """A batch's rows as built: those that passed the row's own rules (with their stored
    values unless it is a dry run), and the lines rejected with their errors, in file order."""

    batch: list[Record]
    built: list[Row]
    rejected: list[tuple[int, UserInputError]]


# Rows built between two turns of the event loop, so a batch being written goes on meanwhile.
STEP = 50


async def _build(context: RowContext, batch: list[Record], converter: RowInserter | None) -> Prepared:
    """Validate, hash and encrypt ``batch``'s rows (their stored values unless ``converter``
    is ``None``: a dry run), giving the event loop a turn every ``STEP`` rows: the insert of
    the batch before proceeds while this one is built, instead of the loop waiting idle on
    the database and then the database on the loop."""
    build = BUILDERS[context.kind]
    prepared = Prepared(batch, [], [])
    # Only PostgreSQL writes while a batch is built (see ``_write_while_building``).
    step = STEP if _on_postgres() else len(batch) + 1
    for index, record in enumerate(batch, 1):
        try:
            row = build(record, context)
        except UserInputError as error:
            prepared.rejected.append((record.line, error))
        else:
            if converter is not None:
                row.stored = converter.stored(row.values)
            prepared.built.append(row)
        if index % step == 0:
            await asyncio.sleep(0)
    return prepared


async def _claimed(context: RowContext, prepared: Prepared, header: Header, report: ImportReport) -> list[Row]:
    """The prepared rows whose unique key is free, in file order; the others go into the report."""
    for line, error in prepared.rejected:
        report.reject(line, _reason(error, header, context.kind))
    built = prepared.built
    taken = await context.taken({row.key for row in built if row.key is not None})
    valid = []
    for row in built:
        try:
            context.claim(row, taken)
        except UserInputError as error:
            report.reject(row.line, _reason(error, header, context.kind))
        else:
            valid.append(row)
    return valid


def _batch_audit(kind: BasicInfoKind, batch: Sequence[Record], count: int, source: str, station_id: int) -> dict:
    return {
        "kind": kind.value,
        "first_line": batch[0].line,
        "last_line": batch[-1].line,
        "imported": count,
        "source": source,
        "station_id": station_id,
    }


async def _insert(inserter: RowInserter, stored: list, audit: dict) -> None:
    await inserter.insert_stored(stored)
    await record_audit(
        "patrol.basic_info.import",
        object_type=inserter.model.__name__,
        station_id=audit["station_id"],
        after=audit,
    )


def _on_postgres() -> bool:
    return models.StandardAddress._meta.db.capabilities.dialect == "postgres"


async def import_station(actor: Actor, station_id: int | None) -> int:
    """The station an API import goes to: the caller's own, or the one a bureau admin names."""
    if actor.station_id is not None and station_id in (None, actor.station_id):
        return actor.station_id
    if actor.sees_all_stations and station_id is not None:
        await require_plugin(station_id, "patrol")
        return station_id
    raise UserInputError("Station not found.", field="stationId", code=UserErrorCode.NOT_FOUND)


# --- command line (`fengqiao import`) -----------------------------------------------------------

CLI_ACTOR = Actor(username="fengqiao-import", roles=frozenset({Role.BUREAU_ADMIN}))


def _choice(enum_type: type, value: Any, field: str) -> Any:
    if isinstance(value, enum_type):
        return value
    text = str(value).strip().upper().replace("-", "").replace("_", "")
    for member in enum_type:
        if text in (member.name.replace("_", ""), str(member.value).upper().replace("-", "")):
            return member
    choices = ", ".join(member.name.lower() for member in enum_type)
    raise UserInputError(f"Unknown {field} {value!r} (choose from {choices}).", field=field)


async def run_import(
    path: str | Path,
    station_code: str,
    kind: str | BasicInfoKind,
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    encoding: str | CsvEncoding = CsvEncoding.UTF8,
    force: bool = False,
) -> ImportReport:
    """The ``fengqiao import`` command's work, on a started application.

    Checks ``path`` in one pass (UTF-8 with or without BOM, or GB18030 when asked; header;
    CSV shape) so that a broken file is refused before anything is written, finds the station
    by code, then reads the file again batch by batch and imports with one transaction per
    batch, so progress is durable and memory flat in the file's size.
    """
    register: BasicInfoKind = _choice(BasicInfoKind, kind, "kind")
    charset: CsvEncoding = _choice(CsvEncoding, encoding, "encoding")
    path = Path(path)
    # A file refused after some batches were committed would leave half an import behind.
    total = await asyncio.to_thread(check_file, path, charset, register)
    station_model = models.Incident._meta.fields_map["station"].related_model
    station = await station_model.get_or_none(code=station_code)
    if station is None:
        raise UserInputError(f"No station with code {station_code!r}.", field="station", code=UserErrorCode.NOT_FOUND)
    await require_plugin(station.id, "patrol")
    with open_lines(path, charset) as lines:
        return await import_basic_info(
            CLI_ACTOR,
            station.id,
            register,
            lines,
            dry_run=dry_run,
            progress=progress,
            total_rows=total,
            transaction_per_batch=True,
            source="cli",
            force=force,
        )


class TextProgressBar:
    """``[#########...........]  45%  45000/100000 rows`` redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream, self.width = stream, width

    def __call__(self, done: int, total: int | None) -> None:
        if total is None:
            self.stream.write(f"\r{done} rows")
            self.stream.flush()
            return
        share = done / total if total else 1.0
        filled = int(self.width * share)
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r[{bar}] {share:4.0%}  {done}/{total} rows{end}")
        self.stream.flush()


def print_report(report: ImportReport, stream: TextIO) -> None:
    mode = "valid (dry run, nothing written)" if report.dry_run else "imported"
    print(
        f"{report.kind.value}: {report.total_rows} rows, {report.accepted_rows} {mode}, "
        f"{report.rejected_count} rejected",
        file=stream,
    )
    if report.ignored_columns:
        print(f"ignored columns: {', '.join(report.ignored_columns)}", file=stream)
    for row in report.rejected:
        print(f"  line {row.line}: {row.reason}", file=stream)
    if report.rejected_count > len(report.rejected):
        print(f"  … and {report.rejected_count - len(report.rejected)} more", file=stream)


async def import_command(
    path: str | Path,
    station_code: str,
    kind: str,
    dry_run: bool = False,
    *,
    encoding: str = "utf-8",
    out: TextIO | None = None,
    err: TextIO | None = None,
    force: bool = False,
) -> int:
    """``fengqiao import PATH --station CODE --kind KIND [--dry-run] [--encoding gb18030] [--force]`` on a
    started application: progress bar on ``err``, report on ``out``. Exit status 0 when every
    row was accepted, 1 when some were rejected; file-level problems raise ``UserInputError``."""
    out, err = out or sys.stdout, err or sys.stderr
    report = await run_import(path, station_code, kind, dry_run, TextProgressBar(err), encoding=encoding, force=force)
    print_report(report, out)
    return 1 if report.rejected_count else 0


async def run_import_command(app, args) -> int:
    return await import_command(
        args.path, args.station, args.kind, args.dry_run, encoding=args.encoding, force=args.force
    )
