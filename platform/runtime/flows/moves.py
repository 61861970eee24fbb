"""Moving running records to a flow's published version: a dry run on the real instances, then a job.

Each instance moves (or is refused) on its own, in its own savepoint, so one record that cannot
move, or that someone moves on at that moment, never holds the others back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import Invalid, Problem
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.flows.models import Flow, FlowVersion
from designer.flows.views import version_ref
from engine.flows.moves import check_move
from runtime.entities.models import Entity
from runtime.flows.engine import parsed
from runtime.flows.models import COMPLETED, FlowInstance
from runtime.flows.operations import move_instance
from runtime.flows.steps import entity_schema
from runtime.flows.views import title

KIND = "flows.move_instances"
BATCH = 100
PREVIEW_LIMIT = 200
REPORTED = 200


def _target(flow: Flow) -> FlowVersion:
    if flow.current_version is None:
        raise Invalid({"flow": [f"Publish {flow.name} first."]})
    return flow.current_version


def _behind(flow: Flow, target: FlowVersion) -> list[Any]:
    return [
        FlowInstance.flow_id == flow.id,
        FlowInstance.status != COMPLETED,  # stopped ones too: a fixed version is how they go on
        FlowInstance.flow_version_id != target.id,
    ]


def preview_moves(db_session: Session, flow: Flow) -> dict[str, Any]:
    """Per running instance on an older version: would it move, and where would it wait?"""
    target = _target(flow)
    new = parsed(db_session, target.id)
    where = _behind(flow, target)
    count = db_session.scalar(select(func.count()).select_from(FlowInstance).where(*where)) or 0
    rows = db_session.execute(
        select(FlowInstance, Entity, FlowVersion.number)
        .join(Entity, Entity.id == FlowInstance.entity_id)
        .join(FlowVersion, FlowVersion.id == FlowInstance.flow_version_id)
        .where(*where)
        .order_by(FlowInstance.id)
        .limit(PREVIEW_LIMIT)
    ).all()
    items = []
    for instance, entity, number in rows:
        checked = check_move(instance.state, new)
        labels = [new.transitions[e].label if e in new.transitions else e for e in checked.waiting]
        items.append(
            {
                "instance_id": instance.id,
                "entity": {"id": entity.id, "title": title(entity_schema(db_session, entity), entity.data)},
                "from_version": number,
                "ok": checked.ok,
                "waiting": labels,
                "reason": checked.reason,
                "element": checked.element,
                "code": checked.code,
                "params": checked.params,
            }
        )
    return {
        "target": version_ref(target),
        "items": items,
        "count": count,
        "movable": sum(1 for i in items if i["ok"]),
    }


def start_moves(db_session: Session, flow: Flow, user_id: int) -> Job:
    target = _target(flow)
    count = db_session.scalar(select(func.count()).select_from(FlowInstance).where(*_behind(flow, target))) or 0
    if not count:
        raise Invalid({"flow": [f"Every running record is already on version {target.number}."]})
    params = {"flow": str(flow.id), "target": str(target.id)}
    return start_job(db_session, KIND, tenant_id=flow.tenant_id, params=params, total=count, user_id=user_id)


def move_step(db_session: Session, job: Job) -> bool:
    """Move the next batch; the job remembers the last instance id, so a crash resumes there."""
    flow = db_session.get(Flow, uuid.UUID(job.params["flow"]))
    target = db_session.get(FlowVersion, uuid.UUID(job.params["target"]))
    assert flow is not None and target is not None
    query = select(FlowInstance).where(*_behind(flow, target)).order_by(FlowInstance.id).limit(BATCH)
    if job.state.get("after"):
        query = query.where(FlowInstance.id > uuid.UUID(job.state["after"]))
    batch = list(db_session.scalars(query))
    result = {"migrated": 0, "failed": 0, "items": [], **(job.result or {})}
    for instance in batch:
        report: dict[str, Any] = {"instance_id": str(instance.id), "entity_id": str(instance.entity_id)}
        try:
            with db_session.begin_nested():
                move_instance(db_session, instance, target, job.created_by)
            result["migrated"] += 1
            report.update(ok=True, reason=None)
        except Problem as exc:
            result["failed"] += 1
            report.update(ok=False, reason=(exc.errors or {}).get("flow", [exc.detail])[0])
        if len(result["items"]) < REPORTED:
            result["items"].append(report)
    job.done += len(batch)
    job.state = {"after": str(batch[-1].id)} if batch else job.state
    job.result = result
    return len(batch) < BATCH
