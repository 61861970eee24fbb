"""Flows designed as steps: the table is checked against the blueprint, becomes the draft's diagram,
and is read back from it (the diagram keeps the table, so nothing else is stored).

A state column belongs to one flow of its blueprint: a flow designed as steps on a column another
flow of the blueprint writes (or has as its state), or a flow writing a column another flow has as
its state, is refused naming that flow, when its draft is saved and when it is published.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Invalid
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from engine.flows.checks import assigned_names
from engine.flows.errors import FlowError
from engine.flows.parser import LOOM_NS, NAMESPACES, check, read_xml
from engine.flows.steps import DEFAULT_LIMITS, Limits, StepsInvalid, explain, from_bpmn, parse, to_bpmn, to_json
from engine.schema import Schema


def read_steps(flow: Flow) -> dict[str, Any]:
    """The draft as steps (or null with a plain note why it opens in the diagram editor)."""
    steps = from_bpmn(flow.draft_xml)
    if steps is not None:
        return {"steps": to_json(steps), "note": None, "lock_version": flow.lock_version}
    note = explain(flow.draft_xml) or "This diagram opens in the diagram editor."
    return {"steps": None, "note": note, "lock_version": flow.lock_version}


def steps_xml(
    db_session: Session,
    blueprint: Blueprint,
    data: Any,
    *,
    flow: Flow | None,
    key: str,
    name: str,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """The diagram of the steps ``data`` for ``blueprint``'s records; 422 with the problems keyed by
    path under ``steps.``, or naming the flow that owns the state column."""
    version = blueprint.current_version
    if version is None:
        raise Invalid({"steps": [f"Publish {blueprint.name} before designing its flow."]})
    try:
        steps = parse(data, Schema.parse(version.columns).columns, limits=limits)
    except StepsInvalid as exc:
        raise Invalid({_path(path): reasons for path, reasons in exc.errors.items()}) from exc
    process_id = _process_id(flow.draft_xml if flow is not None else None, key)
    xml = to_bpmn(steps, process_id=process_id, name=name, blueprint=blueprint.key)
    owner = state_owner(db_session, blueprint, flow.id if flow is not None else None, xml)
    if owner is not None:
        raise Invalid({"steps.state": [owner]})
    return xml


def _path(path: str) -> str:
    return "steps" if path == "steps" else f"steps.{path}"


def _process_id(xml: str | None, fallback: str) -> str:
    """The draft's process id, kept across saves (instances are moved between versions by element)."""
    if xml:
        try:
            process = read_xml(xml).find(f"{{{NAMESPACES['bpmn']}}}process")
        except FlowError:
            process = None
        if process is not None and process.get("id"):
            return str(process.get("id"))
    return fallback


def steps_state(xml: str) -> str | None:
    """The state column of a diagram made from steps (the table it keeps), else None."""
    try:
        document = read_xml(xml)
    except FlowError:
        return None
    kept = document.find(
        f"{{{NAMESPACES['bpmn']}}}process/{{{NAMESPACES['bpmn']}}}extensionElements/{{{LOOM_NS}}}steps"
    )
    if kept is None:
        return None
    try:
        state = json.loads(kept.text or "").get("state")
    except (ValueError, AttributeError):
        return None
    return state if isinstance(state, str) else None


def written(xml: str) -> frozenset[str]:
    """The names the diagram's scripts assign (the fields it writes among them)."""
    try:
        flow, _problems = check(xml)
    except FlowError:
        return frozenset()
    return assigned_names(flow)


def state_owner(db_session: Session, blueprint: Blueprint, flow_id: uuid.UUID | None, xml: str) -> str | None:
    """Why ``xml`` may not be this flow's diagram: another live flow of the blueprint owns a state
    column it uses (its draft or its published version); None when none does."""
    mine_state, mine_writes = steps_state(xml), written(xml)
    schema = Schema.parse(blueprint.current_version.columns) if blueprint.current_version else Schema(())
    query = select(Flow).where(Flow.blueprint_id == blueprint.id, Flow.deleted_at.is_(None)).order_by(Flow.created_at)
    for other in db_session.scalars(query):
        if other.id == flow_id:
            continue
        diagrams = [other.draft_xml] + ([other.current_version.xml] if other.current_version else [])
        states = {s for s in map(steps_state, diagrams) if s is not None}
        writes = frozenset().union(*map(written, diagrams)) if mine_state is not None else frozenset()
        column = mine_state if mine_state is not None and mine_state in states | writes else None
        column = column or next((s for s in sorted(states) if s in mine_writes), None)
        if column is not None:
            found = schema.column(column)
            label = found.label if found is not None else column
            return f"{label} is already moved by the flow “{other.name}”; a state belongs to one flow."
    return None
