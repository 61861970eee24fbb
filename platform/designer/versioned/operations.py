"""What editing and publishing a blueprint or a flow share: the checks of a name, a key and the
lock, and what publishing does once the version is made (it flushes)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Definition, record_definition
from core.errors import Conflict, Invalid
from designer.versioned.models import PublishedVersion, VersionedDefinition

V = TypeVar("V", bound=PublishedVersion)


def given_name(raw: str, kind: str) -> str:
    """The name given to a ``kind`` (blueprint, flow), trimmed; refused when empty."""
    name = raw.strip()
    if not name:
        raise Invalid({"name": [f"Give the {kind} a name."]})
    return name


def check_unique(
    db_session: Session,
    model: type[VersionedDefinition],
    kind: str,
    name: str,
    key: str,
    except_id: uuid.UUID | None = None,
) -> None:
    """Refuse a ``name`` (in any case) or a ``key`` that another live ``kind`` of the workspace has."""
    other = (model.id != except_id,) if except_id else ()
    errors: dict[str, list[str]] = {}
    if _live(db_session, model, func.lower(model.name) == name.lower(), *other):
        errors["name"] = [f"Another {kind} in this workspace already has this name."]
    if _live(db_session, model, model.key == key, *other):
        errors["key"] = [f"Another {kind} in this workspace already uses this key."]
    if errors:
        raise Invalid(errors)


def edit_name_and_description(
    db_session: Session, definition: VersionedDefinition, data: dict[str, Any], kind: str
) -> None:
    """The name (checked, and unique) and the description ``data`` gives a ``kind`` (blueprint, flow)."""
    if "name" in data:
        name = given_name(data["name"], kind)
        check_unique(db_session, type(definition), kind, name, definition.key, except_id=definition.id)
        definition.name = name
    if "description" in data:
        definition.description = data["description"]


def _live(db_session: Session, model: type[VersionedDefinition], *where: Any) -> bool:
    query = select(model.id).where(model.deleted_at.is_(None), *where)
    return db_session.scalars(query).first() is not None


def check_lock(definition: VersionedDefinition, lock_version: int, kind: str) -> None:
    """Refuse a save made on a ``kind`` (blueprint, flow) as it was before someone else's."""
    if lock_version != definition.lock_version:
        raise Conflict(f"Someone else saved this {kind} after you opened it; reload to see their changes.")


class Published(Definition, Protocol[V]):
    """A blueprint or a flow, which points at its current version of type ``V``."""

    current_version: V | None
    draft_changed: bool
    updated_at: datetime


def make_current(db_session: Session, definition: Published[V], version: V, kind: str, user_id: int) -> None:
    """Keep the new ``version`` and make it ``definition``'s current one (its draft is now
    published), and write in the audit log that ``user_id`` published it (``kind``: blueprint, flow)."""
    db_session.add(version)
    db_session.flush()
    definition.current_version = version
    definition.draft_changed = False
    definition.updated_at = clock.now()
    db_session.flush()
    record_definition(db_session, f"{kind}.published", kind, definition, user_id, {"version": version.number})
