"""Moving several records chosen in the grid by one transition: each record is moved exactly as
one alone is (runtime.board.move.move_record: the same button, the same person's rights), in its
own savepoint, so a record that is refused never holds the others back.

A few move in the request and the answer lists each refusal; more move in a background job
(``records.move``) that reports progress. The job remembers how far it got and commits after each
batch, so a worker killed mid-way resumes at the first record not yet committed. A record already
in the state asked for is skipped, never moved again: a move sent twice, or a batch run again,
does nothing more the second time.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from core.errors import Conflict, Forbidden, Invalid, NotFound, Problem
from core.identity.models import Membership, TenantRole, User
from core.identity.principal import weaker
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.blueprints.models import Blueprint
from runtime.board.move import move_record
from runtime.board.targets import steps_of
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.entities.queries import get_entity
from runtime.flows.operations import published_flows
from runtime.flows.views import title

KIND = "records.move"
BATCH = 50
# Refusals a job keeps by name (its result is read every second while it runs); the count is exact.
REPORTED = 1000
STALE = "Someone else changed this record at the same time; reload and try again."
GONE = "This member no longer belongs to the workspace."


@dataclass
class Outcome:
    """What a bulk move did so far: moved, already there, refused (the first ``REPORTED`` by name)."""

    moved: int = 0
    skipped: int = 0
    refused_count: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, result: dict[str, Any]) -> Outcome:
        return cls(
            int(result.get("moved", 0)),
            int(result.get("skipped", 0)),
            int(result.get("refused_count", 0)),
            list(result.get("refused", [])),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def refuse(self, entry: dict[str, Any], keep: int) -> None:
        self.refused_count += 1
        if len(self.refused) < keep:
            self.refused.append(entry)


def limits() -> tuple[int, int]:
    """How many records one bulk move may name, and up to how many it moves in the request."""
    settings = current_app.config["LOOM"]
    return max(1, int(settings.bulk_move_max_records)), max(0, int(settings.bulk_move_inline))


def move_records(
    db_session: Session, membership: Membership, user: User, ids: list[uuid.UUID], to: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Move the records ``ids`` to ``to``: at once when they are few, else in a job.

    Returns ``{"moved", "skipped", "refused", "refused_count", "job"}``; with a job, the counts are
    zero and the job's result carries them as it runs.
    """
    most, inline = limits()
    unique = list(dict.fromkeys(ids))
    if len(unique) > most:
        raise Invalid({"ids": [f"Move at most {most:,} records at once; {len(unique):,} were chosen."]})
    if len(unique) > inline:
        params = {"ids": [str(i) for i in unique], "to": to, "data": data, "role": membership.role.value}
        job = start_job(
            db_session, KIND, tenant_id=membership.tenant_id, params=params, total=len(unique), user_id=user.id
        )
        return {**Outcome().as_dict(), "job": job.id}
    outcome = Outcome()
    role = membership.role
    for entity_id in unique:
        move_one(db_session, membership, role, user, entity_id, to, data, outcome, keep=len(unique))
    return {**outcome.as_dict(), "job": None}


def move_one(
    db_session: Session,
    membership: Membership,
    role: TenantRole,
    user: User,
    entity_id: uuid.UUID,
    to: str,
    data: dict[str, Any],
    outcome: Outcome,
    *,
    keep: int = REPORTED,
) -> None:
    """Move one record in a savepoint of its own and count how it went.

    ``role`` is the one the person moves with (an API key's may be weaker than the membership's):
    set again for each record, since a savepoint's rollback may have read the membership afresh.
    """
    set_committed_value(membership, "role", role)
    entity: Entity | None = None
    try:
        with db_session.begin_nested():
            entity = get_entity(db_session, entity_id)
            if already_in(db_session, entity, to):
                outcome.skipped += 1
                return
            move_record(db_session, membership, user, entity, to, data)
        outcome.moved += 1
    except (Problem, StaleDataError) as exc:
        code, reason = _refusal(exc)
        entry: dict[str, Any] = {"id": str(entity_id), "title": None, "code": code, "reason": reason}
        if entity is not None and code != "not_found":
            # The savepoint's rollback expired the record; it is read again, as it now is.
            entry["title"] = title(schema_of(db_session, entity.blueprint_version_id), entity.data)
        outcome.refuse(entry, keep)


def _refusal(exc: Problem | StaleDataError) -> tuple[str, str]:
    """A refusal's code (what kind of no) and its reason in the words a single move would use."""
    if isinstance(exc, StaleDataError):
        return "conflict", STALE
    errors = exc.errors or {}
    if isinstance(exc, NotFound):
        return "not_found", "No such record here (deleted, or never in this workspace)."
    if isinstance(exc, Forbidden):
        return "forbidden", exc.detail
    if isinstance(exc, Conflict):
        return ("several" if "buttons" in exc.extra else "conflict"), exc.detail
    if "to" in errors:
        return "no_transition", errors["to"][0]
    if "flow" in errors:
        return "failed", errors["flow"][0]
    return "invalid", exc.detail


def already_in(db_session: Session, entity: Entity, to: str) -> bool:
    """Whether the record is in the state ``to`` already (of a state column a published flow moves)."""
    for flow in published_flows(db_session, entity.blueprint_id):
        steps = steps_of(db_session, flow.current_version_id) if flow.current_version_id else None
        if steps is not None and entity.data.get(steps.state) == to:
            return True
    return False


def move_targets(db_session: Session, blueprint: Blueprint) -> list[dict[str, Any]]:
    """The states a transition of the blueprint's published steps leads to, in their column's order."""
    if blueprint.current_version_id is None:
        return []
    schema = schema_of(db_session, blueprint.current_version_id)
    found: list[dict[str, Any]] = []
    for flow in published_flows(db_session, blueprint.id):
        steps = steps_of(db_session, flow.current_version_id) if flow.current_version_id else None
        column = schema.column(steps.state) if steps is not None else None
        if steps is None or column is None:
            continue
        ends = {transition.to for transition in steps.transitions}
        for option in column.options:
            if option.value in ends and not any(t["value"] == option.value for t in found):
                found.append(
                    {"value": option.value, "label": option.label, "column": column.key, "column_label": column.label}
                )
    return found


def _member(db_session: Session, job: Job) -> tuple[Membership, TenantRole, User]:
    """The person who started the job, with the weaker of the role they started it with (an API
    key's, say) and the one they have now; a job of someone who left moves nothing more."""
    query = select(Membership).where(Membership.tenant_id == job.tenant_id, Membership.user_id == job.created_by)
    membership = db_session.scalars(query).first() if job.created_by is not None else None
    user = db_session.get(User, job.created_by) if job.created_by is not None else None
    if membership is None or user is None or not user.active:  # left, closed or disabled: stop here
        raise Forbidden(GONE)
    return membership, weaker(TenantRole(job.params["role"]), membership.role), user


def move_step(db_session: Session, job: Job) -> bool:
    """Move the next batch of the job's records; the job remembers where the next batch starts."""
    membership, role, user = _member(db_session, job)
    ids: list[str] = job.params["ids"]
    start = int(job.state.get("next", 0))
    batch = ids[start : start + BATCH]
    outcome = Outcome.of(job.result or {})
    for raw in batch:
        move_one(db_session, membership, role, user, uuid.UUID(raw), job.params["to"], job.params["data"], outcome)
    job.done = start + len(batch)
    job.state = {"next": start + len(batch)}
    job.result = outcome.as_dict()
    return job.done >= len(ids)
