"""Fields a flow owns: what the scripts of a blueprint's published flows write changes only
through those flows' steps, unless the blueprint lets people edit them (``flow_fields_editable``).

The record writer asks before a person's edit is written (``validation.guard_edits``, connected in
``runtime.subscribers``); flow steps and version changes write without asking, and creating a record
(by hand or by import) may set them, as their initial value. Which names a version's scripts
assign is read once per process and version, like its parsed diagram (``runtime.flows.engine``).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from core.errors import Invalid
from designer.blueprints.models import Blueprint
from engine.flows.checks import assigned_names
from engine.schema import Schema
from runtime.definitions import remember, remembered
from runtime.entities.models import Entity
from runtime.flows.engine import parsed
from runtime.flows.operations import published_flows


def written_names(db_session: Session, version_id: uuid.UUID) -> frozenset[str]:
    """The names the flow version's scripts assign (the fields among them are the ones it writes)."""
    found = remembered(db_session, "writes", version_id)
    if isinstance(found, frozenset):
        return found
    names = assigned_names(parsed(db_session, version_id))
    remember(db_session, "writes", version_id, names)
    return names


def owners(db_session: Session, blueprint_id: uuid.UUID, keys: list[str]) -> dict[str, str]:
    """Of ``keys``, those a published flow of the blueprint writes, with that flow's name."""
    found: dict[str, str] = {}
    for flow in published_flows(db_session, blueprint_id):
        if flow.current_version_id is None:
            continue
        written = written_names(db_session, flow.current_version_id)
        for key in keys:
            if key in written:
                found.setdefault(key, flow.name)
    return found


def refuse_hand_edits(db_session: Session, entity: Entity, schema: Schema, changed: list[str], prefix: str) -> None:
    """422 naming each changed field a published flow writes, unless the blueprint allows it."""
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    if blueprint is None or blueprint.flow_fields_editable:
        return
    found = owners(db_session, entity.blueprint_id, changed)
    if not found:
        return
    errors: dict[str, list[str]] = {}
    for key, flow_name in found.items():
        column = schema.column(key)
        label = column.label if column is not None else key
        errors[f"{prefix}{key}"] = [f"{label} is set by the flow “{flow_name}”; use its buttons."]
    first = next(iter(errors.values()))[0]
    raise Invalid(errors, first)
