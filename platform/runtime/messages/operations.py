"""Sending a message or signal into a workspace, listing them, and forgetting expired ones.

``publish`` is the one way in, for the REST API and inbound hooks; a flow's own throws take the
same route (``route``) from ``runtime.messages.sync``. Routing decides by SQL, in the sender's
transaction, where a message goes:

- exactly one record waits for it (its name, and its correlation values equal): ``pending``,
  delivered in the background after commit (``runtime.messages.tasks``);
- several records wait for it: refused (``Conflict`` naming them; the API answers 409); a flow's
  throw is kept as ``ambiguous`` instead, so the throwing record's step still holds;
- none, but a published flow starts with that message: ``pending``, and delivery creates a
  record of the flow's blueprint from the message's values; several flows start with it:
  refused like several records, the problem's ``flows`` naming them (key and name);
- none at all: kept as ``unmatched`` until ``expires_at`` (LOOM_MESSAGE_RETENTION_HOURS), and
  delivered when a record starts waiting for it (``runtime.messages.sync``), like Camunda's
  message time to live.

A signal reaches every record of the workspace listening for its name when it is sent, each in
its own transaction; one nobody listens for is ``unmatched`` and never delivered later.

An inbound hook's message (its source ``hook:<flow key>``, ``models.hook_flow``) is its flow's
message: everything above counts only that flow's records and starts, then and while it is kept.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from core import clock
from core.db import scope_to_tenant
from core.dispatch import after_commit
from core.errors import Conflict, Invalid
from core.ids import new_id
from core.pagination import cursor_time_id, page
from engine.schema.bounds import SAFE_INTEGER, check_text
from runtime.messages.matching import records_of, start_flows, waiting
from runtime.messages.models import (
    AMBIGUOUS,
    KINDS,
    MESSAGE,
    PENDING,
    SIGNAL,
    STATUSES,
    UNMATCHED,
    FlowMessage,
    hook_flow,
)
from runtime.settings import settings_anywhere

DELIVER_TASK = "messages.deliver"
MAX_NAME = 255
MAX_SOURCE = 300
MAX_CORRELATION_KEYS = 10
MAX_KEY = 63


@dataclass(frozen=True)
class PublishResult:
    """What became of a published message: its id, its status and the records it is for."""

    message_id: uuid.UUID
    status: str
    matched: list[uuid.UUID] = field(default_factory=list)


def publish(
    db_session: Session,
    *,
    tenant_id: uuid.UUID,
    kind: str,
    name: str,
    correlation: dict[str, Any],
    values: dict[str, Any],
    source: str,
    user_id: int | None,
) -> PublishResult:
    """Send a message or signal into the workspace ``tenant_id``; Invalid names the bad field,
    Conflict the records when several wait for one message (nothing is kept then)."""
    settings = settings_anywhere()
    name = _check_name(name)
    if kind not in KINDS:
        raise Invalid({"kind": [f"Must be one of: {', '.join(KINDS)}."]})
    _check_correlation(correlation)
    _check_values(values, settings.message_values_max_depth)
    size = len(json.dumps([correlation, values], separators=(",", ":"), ensure_ascii=False).encode())
    if size > settings.message_max_bytes:
        limit = settings.message_max_bytes
        raise Invalid({"values": [f"A message may carry at most {limit:,} bytes; this one has {size:,}."]})
    if not isinstance(source, str) or not 0 < len(source) <= MAX_SOURCE:
        raise Invalid({"source": [f"Must be text of 1 to {MAX_SOURCE} characters."]})
    message = new_message(tenant_id, kind, name, dict(correlation), dict(values), source, user_id)
    with scope_to_tenant(db_session, tenant_id):  # whatever the caller's scope: this workspace's records only
        starting = route(db_session, message)
        if message.status == AMBIGUOUS:
            detail = message.error or "Several records wait for this message."
            raise Conflict(detail, extra={"records": message.matched, "flows": starting})
        db_session.add(message)
        db_session.flush()
    return PublishResult(message.id, message.status, [uuid.UUID(m) for m in message.matched])


def new_message(
    tenant_id: uuid.UUID,
    kind: str,
    name: str,
    correlation: dict[str, Any],
    values: dict[str, Any],
    source: str,
    user_id: int | None,
) -> FlowMessage:
    """A message as sent, not yet routed; kept until the retention time from now."""
    now = clock.now()
    return FlowMessage(
        id=new_id(),
        tenant_id=tenant_id,
        kind=kind,
        name=name,
        correlation=correlation if kind == MESSAGE else {},
        values=values,
        source=source[:MAX_SOURCE],
        user_id=user_id,
        status=PENDING,
        matched=[],
        outcomes={},
        attempts=0,
        created_at=now,
        expires_at=now + timedelta(hours=settings_anywhere().message_retention_hours),
    )


def route(db_session: Session, message: FlowMessage) -> list[dict[str, str]]:
    """Decide where ``message`` goes (see the module's docstring) and, when pending, queue its
    delivery for after the commit; the flows (``key`` and ``name``) when several start with it
    (so it is ambiguous), else []."""
    starting: list[dict[str, str]] = []
    only = hook_flow(message)
    if message.kind == SIGNAL:
        records = records_of(waiting(db_session, message.tenant_id, SIGNAL, message.name, None))
        message.matched = [str(r) for r in records]
        message.status = PENDING if records else UNMATCHED
    else:
        found = waiting(db_session, message.tenant_id, MESSAGE, message.name, message.correlation, flow_key=only)
        records = records_of(found)
        message.matched = [str(r) for r in records]
        if len(records) > 1:
            message.status = AMBIGUOUS
            message.error = f"Several records wait for this message: {', '.join(message.matched)}."
        elif records:
            message.status = PENDING
        else:
            flows = start_flows(db_session, message.tenant_id, message.name, flow_key=only)
            if len(flows) > 1:
                message.status = AMBIGUOUS
                starting = [{"key": flow.key, "name": flow.name} for flow, _element in flows]
                names = ", ".join(flow.name for flow, _element in flows)
                message.error = f"Several flows start with this message: {names}. Rename the message in all but one."
            elif flows:
                message.status, message.start_flow_id = PENDING, flows[0][0].id
            else:
                message.status = UNMATCHED
    if message.status == PENDING:
        after_commit(db_session, DELIVER_TASK, str(message.tenant_id), str(message.id))
    return starting


def list_messages(
    db_session: Session,
    *,
    status: str | None,
    limit: int,
    cursor: str | None,
    names: set[str] | None = None,
) -> dict[str, Any]:
    """A page of the workspace's messages (the session's tenant), newest first: ``items`` and
    ``next_cursor``; ``status`` narrows it to one status, ``names`` to the messages (not signals)
    of those names (what one flow could take: ``engine.flows.messages.caught``)."""
    if status is not None and status not in STATUSES:
        raise Invalid({"status": [f"Must be one of: {', '.join(STATUSES)}."]})
    query = select(FlowMessage).order_by(FlowMessage.created_at.desc(), FlowMessage.id.desc())
    if status is not None:
        query = query.where(FlowMessage.status == status)
    if names is not None:
        query = query.where(FlowMessage.kind == MESSAGE, FlowMessage.name.in_(sorted(names)))
    if cursor:
        query = query.where(tuple_(FlowMessage.created_at, FlowMessage.id) < cursor_time_id(cursor))
    rows = list(db_session.scalars(query.limit(limit + 1)))
    return page(rows, limit, lambda m: [m.created_at.isoformat(), str(m.id)])


def purge_expired(db_session: Session, limit: int = 1000) -> int:
    """Delete up to ``limit`` messages kept past their time, in every workspace; how many."""
    ids = select(FlowMessage.tenant_id, FlowMessage.id).where(FlowMessage.expires_at <= clock.now()).limit(limit)
    found = db_session.execute(ids.execution_options(all_tenants=True)).all()
    if not found:
        return 0
    keys = [(row[0], row[1]) for row in found]
    db_session.execute(
        delete(FlowMessage)
        .where(tuple_(FlowMessage.tenant_id, FlowMessage.id).in_(keys))
        .execution_options(all_tenants=True, synchronize_session=False)
    )
    return len(keys)


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise Invalid({"name": ["Give the message's name, as the diagram names it."]})
    name = name.strip()
    if len(name) > MAX_NAME:
        raise Invalid({"name": [f"At most {MAX_NAME} characters."]})
    try:
        return check_text(name)
    except ValueError as exc:
        raise Invalid({"name": [str(exc)]}) from exc


def _check_correlation(correlation: Any) -> None:
    if not isinstance(correlation, dict):
        raise Invalid({"correlation": ["Must be an object of field keys and values."]})
    if len(correlation) > MAX_CORRELATION_KEYS:
        raise Invalid({"correlation": [f"At most {MAX_CORRELATION_KEYS} fields."]})
    for key, value in correlation.items():
        where = f"correlation.{key}"
        if not isinstance(key, str) or not 0 < len(key) <= MAX_KEY:
            raise Invalid({"correlation": [f"Field keys are text of 1 to {MAX_KEY} characters."]})
        _check_scalar(key, "correlation")
        if not (value is None or isinstance(value, str | int | float | bool)):
            raise Invalid({where: ["Must be text, a number, true, false or null."]})
        _check_scalar(value, where)


def _check_values(values: Any, max_depth: int) -> None:
    if not isinstance(values, dict):
        raise Invalid({"values": ["Must be an object."]})
    stack: list[tuple[str, Any, int]] = [("values", values, 1)]
    while stack:
        where, item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > max_depth:
                raise Invalid({where: [f"Values may nest at most {max_depth} levels deep."]})
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _check_scalar(key, where)
                stack.append((f"{where}.{key}", child, depth + 1))
        else:
            _check_scalar(item, where)


def _check_scalar(value: Any, where: str) -> None:
    if isinstance(value, str):
        try:
            check_text(value)
        except ValueError as exc:
            raise Invalid({where: [str(exc)]}) from exc
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > SAFE_INTEGER:
            raise Invalid({where: [f"Whole numbers must lie within ±{SAFE_INTEGER:,}."]})
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid({where: ["Must be a finite number."]})
    else:
        raise Invalid({where: ["Must be JSON: text, a number, true, false, null, a list or an object."]})
