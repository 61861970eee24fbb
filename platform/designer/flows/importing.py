"""Importing a diagram with several pools: one flow per pool that runs, each bound to a blueprint
people choose, with the message flows between the pools turned into messages (engine.flows.pools)."""

from __future__ import annotations

import uuid
from typing import Any

from lxml import etree
from sqlalchemy.orm import Session

from core.errors import Invalid, NotFound
from designer.blueprints.queries import get_blueprint
from designer.flows.models import Flow
from designer.flows.operations import create_flow, problem
from engine.flows.errors import FlowError
from engine.flows.parser import LOOM_NS, NAMESPACES, read_xml
from engine.flows.pools import pools, split


def _document(xml: str) -> Any:
    try:
        return read_xml(xml)
    except FlowError as exc:
        raise Invalid({"xml": [exc.message]}, extra={"line": exc.line, "code": exc.code, "params": exc.params}) from exc


def _split(document: Any, max_pools: int) -> tuple[dict[str, str], list[FlowError]]:
    try:
        return split(document, max_pools)
    except FlowError as exc:
        raise Invalid(
            {"xml": [exc.message]}, extra={"element": exc.element, "code": exc.code, "params": exc.params}
        ) from exc


def pool_choices(xml: str, max_pools: int) -> dict[str, Any]:
    """The pools of ``xml`` that would each become a flow, and the message flows that cannot become messages."""
    document = _document(xml)
    _parts, warnings = _split(document, max_pools)
    return {"pools": [p.to_dict() for p in pools(document)], "warnings": [problem(w) for w in warnings]}


def import_pools(
    db_session: Session,
    tenant_id: uuid.UUID,
    xml: str,
    choices: list[dict[str, Any]],
    user_id: int | None,
    max_pools: int,
) -> list[Flow]:
    """One new flow per pool of ``xml``, each for the blueprint ``choices`` names for it; every pool
    must be chosen for, so none is left out silently. All or nothing (the caller's transaction)."""
    document = _document(xml)
    parts, _warnings = _split(document, max_pools)
    found = pools(document)
    chosen = {c["process"]: (index, c) for index, c in enumerate(choices)}
    errors: dict[str, list[str]] = {}
    for pool in found:
        if pool.process_id not in chosen:
            errors["pools"] = [f"Choose a blueprint for the pool {pool.name} ({pool.process_id})."]
    for process_id, (index, _choice) in chosen.items():
        if process_id not in parts:
            errors[f"pools.{index}.process"] = [f"The diagram has no pool that runs with the process {process_id}."]
    if len(chosen) != len(choices):
        errors["pools"] = ["Each pool may be chosen once."]
    if errors:
        raise Invalid(errors)
    flows = []
    for pool in found:
        index, choice = chosen[pool.process_id]
        try:
            blueprint = get_blueprint(db_session, choice["blueprint"])
        except NotFound as exc:
            raise Invalid({f"pools.{index}.blueprint": [f"No blueprint '{choice['blueprint']}' here."]}) from exc
        data = {"name": choice.get("name") or pool.name, "key": choice.get("key"), "xml": ""}
        data["xml"] = _bound(parts[pool.process_id], pool.process_id, blueprint.key)
        try:
            flows.append(create_flow(db_session, tenant_id, blueprint, data, user_id=user_id))
        except Invalid as exc:
            fields = exc.errors if isinstance(exc.errors, dict) else {}
            raise Invalid({f"pools.{index}.{field}": messages for field, messages in fields.items()}) from exc
    return flows


def _bound(xml: str, process_id: str, blueprint_key: str) -> str:
    """``xml`` with the process ``process_id`` bound to the blueprint (``loom:blueprint``)."""
    document = read_xml(xml)
    processes = document.findall(f"{{{NAMESPACES['bpmn']}}}process")
    process = next(p for p in processes if p.get("id") == process_id)
    process.set(f"{{{LOOM_NS}}}blueprint", blueprint_key)
    etree.cleanup_namespaces(document, top_nsmap={"loom": LOOM_NS})
    text: str = etree.tostring(document, xml_declaration=True, encoding="UTF-8").decode()
    return text
