"""Version changes: moving entities between blueprint versions: preview, one entity, or all of them in the
background. The job kind (``entities.migrate``), the audit action (``migration.started``), the event
(``migration.finished``) and the result's ``migrated`` count keep their stored, public names."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.audit.operations import record_definition
from core.errors import Conflict, Invalid
from core.events import emit
from core.i18n import workspace_zone
from core.jobs.models import Job
from core.jobs.operations import split_job, start_job
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema import Schema, SchemaError
from engine.version_change import Outcome, Plan, VersionChange, default_plan, parse_plan
from engine.version_change.convert import rule_for
from runtime.entities import writer
from runtime.entities.models import Entity
from runtime.entities.usage import capped_count

log = logging.getLogger(__name__)
KIND = "entities.migrate"
BATCH = 2000
# Version changes of more entities than this run in parts, one per worker, each over its own id range.
PART_SIZE = 100_000
MAX_PARTS = 4
PREVIEW_LIMIT = 20_000
EXAMPLES = 5


def resolve_plan(source: BlueprintVersion, target: BlueprintVersion, raw: Any) -> tuple[Schema, Schema, Plan]:
    if source.id == target.id:
        raise Invalid({"to_version": ["Choose a different version to migrate to."]})
    source_schema, target_schema = Schema.parse(source.columns), Schema.parse(target.columns)
    try:
        plan = (
            default_plan(source_schema, target_schema) if raw is None else parse_plan(raw, source_schema, target_schema)
        )
    except SchemaError as exc:
        raise Invalid(exc.errors) from exc
    return source_schema, target_schema, plan


def prepare(
    db_session: Session, source: BlueprintVersion, target: BlueprintVersion, raw_plan: Any
) -> tuple[Schema, Schema, Plan, VersionChange]:
    """The plan checked and prepared to apply record after record, in the workspace's timezone."""
    source_schema, target_schema, plan = resolve_plan(source, target, raw_plan)
    zone = workspace_zone(db_session, source.tenant_id)  # dates and date-times convert by its days
    change = VersionChange(source_schema, str(source.id), target_schema, str(target.id), plan, zone)
    return source_schema, target_schema, plan, change


def describe_plan(plan: Plan, source: Schema, target: Schema) -> list[dict[str, Any]]:
    """The plan as the dialog shows it, with the conversion rule of each converted column."""
    steps = []
    for step in plan.steps:
        line = step.to_dict()
        old = source.column(step.source) if step.source else None
        new = target.column(step.target) if step.target else None
        if old is not None and new is not None:
            line["rule"] = rule_for(old.type, new.type)
        elif step.kind == "drop":
            line["rule"] = "Removed from the record; its values are kept aside and come back when migrating back."
        else:
            line["rule"] = (
                "New column, filled with the default value." if step.default is not None else "New, empty column."
            )
        steps.append(line)
    return steps


def preview(db_session: Session, source: BlueprintVersion, target: BlueprintVersion, raw_plan: Any) -> dict[str, Any]:
    """Run the plan on the real entities without changing any: counts and examples per outcome."""
    source_schema, target_schema, plan, change = prepare(db_session, source, target, raw_plan)
    counts = {"clean": 0, "lossy": 0, "fail": 0}
    examples: dict[str, list[dict[str, Any]]] = {"lossy": [], "fail": []}
    scanned, after = 0, None
    while scanned < PREVIEW_LIMIT:
        batch = _batch(db_session, source.id, after)
        for entity in batch:
            outcome = change.apply(entity.data, entity.aside)
            counts[outcome.status] += 1
            if outcome.status in examples and len(examples[outcome.status]) < EXAMPLES:
                examples[outcome.status].append(
                    {
                        "id": entity.id,
                        "before": entity.data,
                        "after": outcome.data,
                        "errors": outcome.errors,
                        "kept_aside": list(outcome.kept_aside),
                    }
                )
        scanned += len(batch)
        if len(batch) < BATCH:
            break
        after = batch[-1].id
    total, exact = capped_count(db_session, Entity.blueprint_version_id == source.id)
    return {
        "plan": describe_plan(plan, source_schema, target_schema),
        "counts": counts,
        "examples": examples,
        "scanned": scanned,
        "total": total if exact else max(total, scanned),
        "complete": scanned >= total,
    }


def _batch(
    db_session: Session, version_id: uuid.UUID, after: uuid.UUID | None, until: uuid.UUID | None = None
) -> list[Any]:
    """(id, version, data, aside) rows of the next batch; plain rows, not ORM objects, for speed."""
    query = (
        select(Entity.id, Entity.version, Entity.data, Entity.aside)
        .where(Entity.blueprint_version_id == version_id)
        .order_by(Entity.id)
        .limit(BATCH)
    )
    if after is not None:
        query = query.where(Entity.id > after)
    if until is not None:
        query = query.where(Entity.id <= until)
    return list(db_session.execute(query))


def _parts(db_session: Session, version_id: uuid.UUID, total: int) -> list[dict[str, Any]]:
    """Id ranges of about equal size covering every entity on the version, for parallel parts."""
    count = min(MAX_PARTS, total // PART_SIZE)
    if count < 2:
        return []
    bounds: list[str | None] = [None]
    for index in range(1, count):
        bound = db_session.scalar(
            select(Entity.id)
            .where(Entity.blueprint_version_id == version_id)
            .order_by(Entity.id)
            .offset(total * index // count)
            .limit(1)
        )
        if bound is not None and str(bound) != bounds[-1]:
            bounds.append(str(bound))
    bounds.append(None)
    return [{"part": {"after": bounds[i], "until": bounds[i + 1]}} for i in range(len(bounds) - 1)]


def _locked(db_session: Session, version_id: uuid.UUID, ids: list[uuid.UUID]) -> list[Any]:
    """The given rows, read again and locked: those someone changed while the batch was moved."""
    query = (
        select(Entity.id, Entity.version, Entity.data, Entity.aside)
        .where(Entity.blueprint_version_id == version_id, Entity.id.in_(ids))
        .order_by(Entity.id)
        .with_for_update()
    )
    return list(db_session.execute(query))


def start_version_change(
    db_session: Session,
    blueprint: Blueprint,
    source: BlueprintVersion,
    target: BlueprintVersion,
    raw_plan: Any,
    user_id: int,
) -> Job:
    """Queue the version change of every entity on ``source``; failures stay on ``source`` and are reported."""
    _, _, plan = resolve_plan(source, target, raw_plan)
    total, _ = capped_count(db_session, Entity.blueprint_version_id == source.id)
    params = {
        "blueprint_id": str(blueprint.id),
        "source": str(source.id),
        "target": str(target.id),
        "plan": plan.to_list(),
        "source_number": source.number,
        "target_number": target.number,
    }
    details = {"from": source.number, "to": target.number, "records": total}
    record_definition(db_session, "migration.started", "blueprint", blueprint, user_id, details)
    return start_job(db_session, KIND, tenant_id=blueprint.tenant_id, params=params, total=total, user_id=user_id)


def version_change_step(db_session: Session, job: Job) -> bool:
    """Move the next batch; the job's state remembers the last id, so a crash resumes there."""
    source = db_session.get(BlueprintVersion, uuid.UUID(job.params["source"]))
    target = db_session.get(BlueprintVersion, uuid.UUID(job.params["target"]))
    assert source is not None and target is not None
    change = prepare(db_session, source, target, job.params["plan"])[3]
    part = job.params.get("part")
    if part is None and not job.state:
        parts = _parts(db_session, source.id, job.total)
        if parts:
            split_job(db_session, job, parts)
            return False
    # The batch and the job's resume point commit together, so a commit lost in a crash is
    # simply redone: no need to wait for each commit to reach the disk.
    db_session.execute(text("SET LOCAL synchronous_commit = off"))
    after = job.state.get("after", part["after"] if part else None)
    until = part["until"] if part else None
    batch = _batch(db_session, source.id, uuid.UUID(after) if after else None, uuid.UUID(until) if until else None)
    result = {"migrated": 0, "lossy": 0, "failed": 0, "failures": [], **(job.result or {})}
    pending = _write(db_session, change, target, batch, result)
    if pending:
        # Changed by someone between our read and our write: read them again under a lock and redo.
        _write(db_session, change, target, _locked(db_session, source.id, pending), result)
    db_session.expire_all()
    job.done += len(batch)
    job.state = {"after": str(batch[-1].id)} if batch else job.state
    job.result = result
    return len(batch) < BATCH


def _write(
    db_session: Session,
    change: VersionChange,
    target: BlueprintVersion,
    batch: list[Any],
    result: dict[str, Any],
) -> list[uuid.UUID]:
    """Move ``batch`` to the target version and write it back in one statement; counts go to ``result``.

    Returns the ids someone changed since the batch was read (they were not written).
    """
    rows: list[dict[str, Any]] = []
    outcomes: dict[str, str] = {}
    for entity in batch:
        outcome = change.apply(entity.data, entity.aside)
        entity_id = str(entity.id)
        if outcome.status == "fail":
            result["failed"] += 1
            if len(result["failures"]) < 50:
                result["failures"].append({"id": entity_id, "errors": outcome.errors})
            continue
        outcomes[entity_id] = outcome.status
        rows.append({"id": entity_id, "version": entity.version, "data": outcome.data, "aside": outcome.aside})
    written = writer.rewrite_records(db_session, target, rows)
    for written_id in written:
        result["migrated"] += 1
        result["lossy"] += outcomes[str(written_id)] == "lossy"
    return [uuid.UUID(key) for key in outcomes.keys() - {str(i) for i in written}]


def change_one(db_session: Session, entity: Entity, expected: int, target: BlueprintVersion, raw_plan: Any) -> Outcome:
    """Move a single entity to another version now (the record page's "move to version N")."""
    if expected != entity.version:
        raise Conflict("Someone else changed this record after you opened it; reload to see their changes.")
    source = db_session.get(BlueprintVersion, entity.blueprint_version_id)
    assert source is not None
    change = prepare(db_session, source, target, raw_plan)[3]
    outcome = change.apply(entity.data, entity.aside)
    if outcome.status == "fail":
        raise Invalid({f"data.{key}": [message] for key, message in outcome.errors.items()})
    writer.move_record(db_session, entity, target, outcome.data, outcome.aside)
    counts = {"migrated": 1, "lossy": int(outcome.status == "lossy"), "failed": 0}
    _announce_finished(db_session, source, target, counts)
    return outcome


def on_finished(db_session: Session, job: Job) -> None:
    """A version change job ended: ``migration.finished`` with its counts (never one event per record)."""
    source = db_session.get(BlueprintVersion, uuid.UUID(job.params["source"]))
    target = db_session.get(BlueprintVersion, uuid.UUID(job.params["target"]))
    if source is None or target is None:
        return
    result = job.result or {}
    counts = {key: result.get(key, 0) for key in ("migrated", "lossy", "failed")}
    _announce_finished(db_session, source, target, counts, job=job)


def _announce_finished(
    db_session: Session,
    source: BlueprintVersion,
    target: BlueprintVersion,
    counts: dict[str, int],
    job: Job | None = None,
) -> None:
    blueprint = db_session.get(Blueprint, target.blueprint_id)
    data = {
        "blueprint": blueprint.key if blueprint else None,
        "from_version": source.number,
        "to_version": target.number,
        "job_id": str(job.id) if job else None,
        "status": job.status.value if job else "done",
        **counts,
    }
    user_id = job.created_by if job else None
    emit(db_session, "migration.finished", target.tenant_id, data, user_id=user_id, blueprint_id=target.blueprint_id)
