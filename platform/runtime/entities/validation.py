"""What a record write must pass before the writer writes it: the value boundary and the
schema (``validate``), links to records and people of this workspace (``link_errors``), and the
checks other modules add to a person's edits (``guard_edits``, e.g. fields a flow owns)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Invalid
from core.identity.models import Membership
from designer.blueprints.models import Blueprint
from engine.schema import FieldErrors, Schema
from engine.schema.columns import ColumnType
from runtime.entities.models import Entity

# A check of a person's edit before it is written: (session, record, its schema, the fields the
# edit changes, the prefix errors are named with); raises Invalid to refuse it.
EditGuard = Callable[[Session, Entity, Schema, list[str], str], None]
_guards: list[EditGuard] = []


def guards() -> tuple[EditGuard, ...]:
    """The checks of a person's edit, in the order they were added."""
    return tuple(_guards)


def guard_edits(guard: EditGuard) -> None:
    """Check every person's edit with ``guard`` from now on (once per guard)."""
    if guard not in _guards:
        _guards.append(guard)


def validate(
    db_session: Session, schema: Schema, data: Any, existing: dict[str, Any] | None, prefix: str = "data."
) -> dict[str, Any]:
    """Clean values for ``schema`` (a create without ``existing``), links included; 422 otherwise.

    Every value goes through the one value boundary (engine.schema.bounds), whoever writes it.
    On an update, a value given exactly as stored (same type, same value) is kept as it is: a
    record holding a value from before a bound tightened stays editable in its other fields.
    """
    if existing is not None and isinstance(data, Mapping):
        data = {key: value for key, value in data.items() if not _as_stored(value, existing, key)}
    try:
        clean = schema.validate(data, existing=existing)
    except FieldErrors as exc:
        raise Invalid({f"{prefix}{k}": v for k, v in exc.errors.items()}) from exc
    changed = set(clean) if existing is None else {k for k in data if clean.get(k) != existing.get(k)}
    errors = link_errors(db_session, schema, clean, changed)
    if errors:
        raise Invalid({f"{prefix}{k}": v for k, v in errors.items()})
    return clean


def _as_stored(value: Any, existing: dict[str, Any], key: Any) -> bool:
    if key not in existing:
        return False
    stored = existing[key]
    return type(value) is type(stored) and bool(value == stored)


def link_errors(db_session: Session, schema: Schema, clean: dict[str, Any], changed: set[str]) -> dict[str, list[str]]:
    """References must name a live record of the right blueprint in this tenant; users must be members."""
    errors: dict[str, list[str]] = {}
    for column in schema.columns:
        value = clean.get(column.key)
        if value is None or column.key not in changed:
            continue
        if column.type == ColumnType.REFERENCE:
            found = db_session.scalars(
                select(Entity.id)
                .join(Blueprint, Blueprint.id == Entity.blueprint_id)
                .where(Entity.id == uuid.UUID(value), Blueprint.key == column.reference)
            ).first()
            if found is None:
                errors[column.key] = ["No such record in this workspace."]
        elif column.type == ColumnType.USER:
            member = db_session.get(Membership, (db_session.info.get("tenant_id"), value))
            if member is None:
                errors[column.key] = ["Not a member of this workspace."]
    return errors
