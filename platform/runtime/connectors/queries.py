"""Reading a record's connector calls for people: what each step sent and how it went."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.flows.models import Flow
from runtime.connectors.models import ConnectorCall
from runtime.flows.engine import parsed
from runtime.flows.models import FlowInstance

LISTED = 100  # the newest calls of a record shown; older ones are in no one's way


def calls_of(db_session: Session, entity_id: uuid.UUID) -> list[dict[str, Any]]:
    """The record's newest connector calls, newest first, without their requests or answers."""
    rows = db_session.execute(
        select(ConnectorCall, FlowInstance.flow_version_id, Flow.name)
        .join(FlowInstance, FlowInstance.id == ConnectorCall.instance_id)
        .join(Flow, Flow.id == FlowInstance.flow_id)
        .where(FlowInstance.entity_id == entity_id)
        .order_by(ConnectorCall.created_at.desc(), ConnectorCall.id)
        .limit(LISTED)
    ).all()
    return [
        {
            "id": call.id,
            "instance_id": call.instance_id,
            "flow": flow_name,
            "element": call.element,
            "name": parsed(db_session, version_id).element_name(call.element),
            "kind": call.kind,
            "status": call.status.value,
            "attempts": call.attempts,
            "last_error": call.last_error,
            "response_status": (call.response or {}).get("status") if call.kind == "http" else None,
            "created_at": call.created_at,
            "last_attempt_at": call.last_attempt_at,
            "next_attempt_at": call.next_attempt_at,
            "finished_at": call.finished_at,
        }
        for call, version_id, flow_name in rows
    ]
