"""``audit verify``: a list of independent checks, each saying what it proved.

The core registers the chain, checkpoint, witness, business-row, file and access-log checks; more can be added
with ``register_check`` (e.g. re-hashing stored files). Each check returns a ``CheckResult``;
verification fails when any check fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any

from core.audit.checkpoints import SignedCheckpoint, from_row
from core.audit.models import AuditCheckpoint, AuditEvent
from core.audit.rows import RowProblem, compare, current_values, model_for_table
from core.audit.verify import Checkpoint, verify_chain

BATCH = 1000
MAX_LISTED = 50


@dataclasses.dataclass
class CheckResult:
    name: str
    ok: bool
    summary: str
    problems: list[str] = dataclasses.field(default_factory=list)
    skipped: bool = False
    # What a caller may report beyond the summary: the chain check's ``VerifyResult``.
    detail: Any = None


@dataclasses.dataclass
class VerifyOptions:
    """What the caller brings: a checkpoint file kept elsewhere, whether to read the witness."""

    checkpoint: Checkpoint | None = None
    use_witness: bool = True
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


Check = Callable[[VerifyOptions], Awaitable[CheckResult]]
_checks: list[tuple[str, Check]] = []


def register_check(name: str, check: Check) -> None:
    """Add a check to ``audit verify`` (run in registration order)."""
    _checks[:] = [(n, c) for n, c in _checks if n != name] + [(name, check)]


async def run_checks(options: VerifyOptions | None = None, only: set[str] | None = None) -> list[CheckResult]:
    options = options or VerifyOptions()
    return [await check(options) for name, check in _checks if only is None or name in only]


async def check_chain(options: VerifyOptions) -> CheckResult:
    result = await verify_chain(options.checkpoint)
    if result.ok:
        extra = f" (against the checkpoint at {options.checkpoint.sequence})" if options.checkpoint else ""
        return CheckResult("chain", True, f"{result.checked} events verified{extra}", detail=result)
    if options.checkpoint is not None and options.checkpoint.signature:
        if not _signed(options.checkpoint).signature_ok(_public_key_now()):
            return CheckResult("chain", False, "the checkpoint file's signature does not verify", [], detail=result)
    return CheckResult(
        "chain",
        False,
        f"BROKEN at sequence {result.first_broken_sequence}: {result.reason} "
        f"({result.checked} events verified before it)",
        [f"sequence {result.first_broken_sequence}: {result.reason}"],
        detail=result,
    )


def _signed(checkpoint: Checkpoint) -> SignedCheckpoint:
    return SignedCheckpoint(
        checkpoint.sequence,
        checkpoint.hash,
        checkpoint.created_at or "",
        checkpoint.public_key or "",
        checkpoint.signature or "",
        checkpoint.heads,
    )


def _public_key_now() -> str:
    from core.audit.chain import chain_keys

    return chain_keys().public_key


async def _hashes_at(sequences: list[int]) -> dict[int, str]:
    found = await AuditEvent.filter(sequence__in=sequences).values_list("sequence", "hash")
    return {int(sequence): str(hash_) for sequence, hash_ in found}


async def _chain_ends() -> dict[str | None, int]:
    """The newest sequence of each chain label (and under None, of all events)."""
    from core.audit.verify import chain_heads

    ends: dict[str | None, int] = {name: int(item[0]) for name, item in (await chain_heads()).items()}
    ends[None] = max(ends.values(), default=0)
    return ends


async def _checkpoint_problem(checkpoint: SignedCheckpoint, ends: dict[str | None, int], public_key: str) -> str | None:
    """What is wrong with ``checkpoint`` against the chains now: its signature, or a head it
    fixes that is gone (a cut tail of its chain) or differs (a rewritten chain)."""
    where = f"checkpoint at sequence {checkpoint.sequence}"
    if not checkpoint.signature_ok(public_key):
        return f"{where}: signature does not verify with this deployment's key"
    pinned = checkpoint.pins()
    hashes = await _hashes_at(sorted(pinned))
    for sequence, (name, hash_) in sorted(pinned.items()):
        if hashes.get(sequence) == hash_:
            continue
        chain = "the chain" if name is None else f"chain {name}"
        end = ends.get(name, 0)
        if sequence not in hashes and sequence > end:
            left = f"ends at {end}; its events after {end}" if end else "has no events left; its events"
            return f"{where}: {chain} {left} up to {sequence} were cut off"
        return f"{where}: the event at sequence {sequence} ({chain}) differs or is missing (rewritten chain)"
    return None


async def check_checkpoints(options: VerifyOptions) -> CheckResult:
    public_key, ends = _public_key_now(), await _chain_ends()
    problems, count = [], 0
    async for row in AuditCheckpoint.all().order_by("sequence"):
        count += 1
        problem = await _checkpoint_problem(from_row(row), ends, public_key)
        if problem:
            problems.append(problem)
    if problems:
        return CheckResult("checkpoints", False, f"{len(problems)} of {count} checkpoints fail", problems[:MAX_LISTED])
    return CheckResult("checkpoints", True, f"{count} signed checkpoints verified")


async def check_witness(options: VerifyOptions) -> CheckResult:
    from core.audit.witness import witness_from_settings
    from core.runtime import current_app

    witness = witness_from_settings(current_app().settings) if options.use_witness else None
    if witness is None:
        return CheckResult("witness", True, "no witness configured ([audit] witness)", skipped=True)
    try:
        latest = await witness.latest()
    except Exception as error:  # noqa: BLE001 — report, do not crash verification
        return CheckResult("witness", False, f"cannot read the witness {witness.describe()}: {error}")
    if latest is None:
        return CheckResult("witness", False, f"the witness {witness.describe()} holds no checkpoint yet")
    problem = await _checkpoint_problem(latest, await _chain_ends(), _public_key_now())
    if problem:
        return CheckResult("witness", False, f"latest witness copy fails: {problem}", [problem])
    return CheckResult(
        "witness", True, f"latest witness checkpoint (sequence {latest.sequence}, {latest.created_at}) matches"
    )


async def latest_row_entries() -> dict[str, list[tuple[int, dict]]]:
    """``{table: [(sequence, entry)]}``: the latest recorded digests of every audited row."""
    latest: dict[tuple[str, str], tuple[int, dict]] = {}
    last_sequence = 0
    while True:
        batch = (
            await AuditEvent.filter(sequence__gt=last_sequence, rows__isnull=False)
            .order_by("sequence")
            .limit(BATCH)
            .values("sequence", "rows")
        )
        for event in batch:
            for entry in event["rows"] or []:
                latest[(entry["table"], entry["id"])] = (event["sequence"], entry)
        if len(batch) < BATCH:
            break
        last_sequence = batch[-1]["sequence"]
    by_table: dict[str, list[tuple[int, dict]]] = {}
    for (table, _), item in latest.items():
        by_table.setdefault(table, []).append(item)
    return by_table


async def row_problems(key: bytes | None = None) -> tuple[int, list[RowProblem]]:
    """``(rows checked, problems)`` of every audited row against its latest digests, read in one
    snapshot: events of different chains commit out of sequence order, so pages read while they
    commit could miss a row's latest event, or find the row newer than its event."""
    from core.db import consistent_snapshot

    async with consistent_snapshot():
        return await _row_problems(key)


async def _row_problems(key: bytes | None) -> tuple[int, list[RowProblem]]:
    problems: list[RowProblem] = []
    checked = 0
    for table, items in sorted((await latest_row_entries()).items()):
        model = model_for_table(table)
        if model is None:
            continue  # a disabled plugin's table: not loaded, not checked
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            current = await current_values(model, [model._meta.pk.to_python_value(e["id"]) for _, e in chunk])
            for sequence, entry in chunk:
                checked += 1
                problem = compare(entry, current.get(entry["id"]), sequence, key)
                if problem:
                    problems.append(problem)
    return checked, problems


async def check_rows(options: VerifyOptions) -> CheckResult:
    """Every row's latest audited state must be its state now."""
    checked, problems = await row_problems()
    if problems:
        return CheckResult(
            "rows",
            False,
            f"{len(problems)} of {checked} audited rows differ from their last audited state",
            [str(p) for p in problems[:MAX_LISTED]],
        )
    return CheckResult("rows", True, f"{checked} audited rows match their last audited state")


async def check_files(options: VerifyOptions) -> CheckResult:
    """Re-hash stored attachment files (all, or ``extra["sample"]`` at random) against the
    SHA-256 recorded in the row and in the chained ``core.attachment.store`` event."""
    from core.attachments.verify import verify_files

    result = await verify_files(options.extra.get("sample"))
    if result.ok:
        scope = "all" if result.checked == result.total else f"a sample of {result.checked} of {result.total}"
        return CheckResult("files", True, f"{scope} stored files re-hashed and matched the audit chain")
    return CheckResult(
        "files",
        False,
        f"{len(result.problems)} of {result.checked} checked files do not match",
        [f"attachment {problem.attachment_id}: {problem.reason}" for problem in result.problems[:MAX_LISTED]],
    )


async def check_access(options: VerifyOptions) -> CheckResult:
    """The personal-data access log: every record's MAC, every sealed batch against its chain
    event, no record missing up to the last sealed one, sealing not stalled."""
    from core.audit.access import check_access_log
    from core.runtime import current_app

    report = await check_access_log(current_app().clock.now())
    if report.problems:
        return CheckResult(
            "access",
            False,
            f"{len(report.problems)} problems in the personal-data access log ({report.rows} records)",
            report.problems[:MAX_LISTED],
        )
    return CheckResult(
        "access",
        True,
        f"{report.rows} access records verified ({report.batches} sealed batches, {report.unsealed} awaiting sealing)",
    )


register_check("chain", check_chain)
register_check("checkpoints", check_checkpoints)
register_check("witness", check_witness)
register_check("rows", check_rows)
register_check("files", check_files)
register_check("access", check_access)
