"""Writing the audit log. Operations call ``record`` next to the change; it flushes nothing itself."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from flask import g, has_app_context
from sqlalchemy import func, update
from sqlalchemy.orm import Session

from core import clock
from core.audit.models import ACTOR_KINDS, AuditEvent

log = logging.getLogger(__name__)
LABEL_LENGTH = 255


@dataclass(frozen=True)
class Target:
    """What an audit row is about: its kind ("entity", "hook", "user"...), its id, and the name it
    had when it happened (kept, since the thing may be renamed or gone later)."""

    kind: str
    id: object
    label: str | None = None


def acting_as(kind: str) -> None:
    """Mark the rest of this request or command as done by an ``kind`` actor ("admin", "shell")."""
    if kind not in ACTOR_KINDS:
        raise ValueError(kind)
    g.audit_actor_kind = kind


def current_actor_kind(actor_id: int | None) -> str:
    if has_app_context() and "audit_actor_kind" in g:
        return str(g.audit_actor_kind)
    return "member" if actor_id is not None else "system"


def current_actor_label() -> str | None:
    """The API key's name on a request made with one (``core.identity.principal``), else None."""
    api_key = g.get("api_key") if has_app_context() else None
    return str(api_key["name"])[:LABEL_LENGTH] if api_key else None


def record(
    db_session: Session,
    action: str,
    *,
    tenant_id: uuid.UUID | None,
    actor_id: int | None,
    target: Target | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit row to the session (the caller's transaction commits it with the change)."""
    event = AuditEvent(
        tenant_id=tenant_id,
        at=clock.now(),
        actor_id=actor_id,
        actor_kind=current_actor_kind(actor_id),
        actor_label=current_actor_label(),
        action=action,
        target_type=target.kind if target else None,
        target_id=None if target is None or target.id is None else str(target.id),
        target_label=target.label[:LABEL_LENGTH] if target and target.label else None,
        details=details or {},
    )
    db_session.add(event)
    log.info("audit %s", action, extra={"tenant_id": str(tenant_id) if tenant_id else None, "actor_id": actor_id})
    return event


class Definition(Protocol):
    """A blueprint or a flow: what an audit row about one names."""

    # Read-only: a mapped model's columns are descriptors, which match properties, not plain attributes.
    @property
    def tenant_id(self) -> uuid.UUID: ...
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def name(self) -> str: ...
    @property
    def key(self) -> str: ...


def record_definition(
    db_session: Session,
    action: str,
    kind: str,
    definition: Definition,
    user_id: int | None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """One audit row about a blueprint or flow (``kind``): its name when it happened, its key, and
    ``details``."""
    return record(
        db_session,
        action,
        tenant_id=definition.tenant_id,
        actor_id=user_id,
        target=Target(kind, definition.id, definition.name),
        details={"key": definition.key, **(details or {})},
    )


class Member(Protocol):
    """Someone acting in a workspace they belong to (core.identity.models.Membership)."""

    @property
    def tenant_id(self) -> uuid.UUID: ...
    @property
    def user_id(self) -> int: ...


def record_by_member(
    db_session: Session, actor: Member, action: str, target: Target | None, details: dict[str, Any] | None = None
) -> AuditEvent:
    """One audit row, in the workspace's own log, of what the member ``actor`` did there."""
    return record(db_session, action, tenant_id=actor.tenant_id, actor_id=actor.user_id, target=target, details=details)


def forget_person(db_session: Session, user_id: int, email: str) -> None:
    """Take a deleted person's address out of the log. Their actions stay, by nobody in particular:
    ``actor_id`` empties itself when the user row goes (ON DELETE SET NULL)."""
    db_session.execute(
        update(AuditEvent)
        .where(AuditEvent.target_type == "user", AuditEvent.target_id == str(user_id))
        .values(target_id=None, target_label=None)
    )
    db_session.execute(
        update(AuditEvent)
        .where(AuditEvent.target_type == "invitation", func.lower(AuditEvent.target_label) == email.lower())
        .values(target_label=None)
    )
