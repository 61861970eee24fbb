"""What a flow step announces (``core.events``): transitions done, flows finished or stopped, and
inbox tasks created, claimed and completed. ``steps.settle`` and the use cases call these next
to the writes they describe, inside the same transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.events import emit
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from runtime.flows.models import FlowInstance, InboxItem


def _flow(db_session: Session, instance: FlowInstance) -> dict[str, Any]:
    flow = db_session.get(Flow, instance.flow_id)
    return {
        "id": str(instance.flow_id),
        "key": flow.key if flow else None,
        "name": flow.name if flow else None,
        "instance_id": str(instance.id),
    }


def _record(db_session: Session, entity_id: Any, blueprint_id: Any) -> dict[str, Any]:
    blueprint = db_session.get(Blueprint, blueprint_id)
    return {"id": str(entity_id), "blueprint": blueprint.key if blueprint else None, "blueprint_id": str(blueprint_id)}


def transition_completed(
    db_session: Session,
    instance: FlowInstance,
    blueprint_id: Any,
    element: str | None,
    label: str | None,
    changes: list[dict[str, Any]],
    user_id: int | None,
) -> None:
    data = {
        "record": _record(db_session, instance.entity_id, blueprint_id),
        "flow": _flow(db_session, instance),
        "transition": {"element": element, "label": label},
        "changes": [{"field": c["field"], "before": c["before"], "after": c["after"]} for c in changes],
    }
    emit(db_session, "transition.completed", instance.tenant_id, data, user_id=user_id, blueprint_id=blueprint_id)


def flow_ended(db_session: Session, type_: str, instance: FlowInstance, blueprint_id: Any, user_id: int | None) -> None:
    """``flow.completed`` or ``flow.stopped`` (with the error the instance keeps)."""
    data: dict[str, Any] = {
        "record": _record(db_session, instance.entity_id, blueprint_id),
        "flow": _flow(db_session, instance),
    }
    if type_ == "flow.stopped":
        data["error"] = instance.error
    emit(db_session, type_, instance.tenant_id, data, user_id=user_id, blueprint_id=blueprint_id)


def task_event(db_session: Session, type_: str, item: InboxItem, user_id: int | None, **extra: Any) -> None:
    """``task.created``, ``task.claimed`` or ``task.completed`` about one inbox item (the event's
    ``subject``, for receivers in this process)."""
    data = {
        "task": {
            "id": str(item.id),
            "element": item.element,
            "label": item.label,
            "role": item.role,
            "assignee_id": item.assignee_id,
            "due_at": item.due_at.isoformat() if item.due_at else None,
            **extra,
        },
        "record": _record(db_session, item.entity_id, item.blueprint_id),
        "flow": {"id": str(item.flow_id), "instance_id": str(item.instance_id)},
    }
    emit(db_session, type_, item.tenant_id, data, user_id=user_id, blueprint_id=item.blueprint_id, subject=item)
