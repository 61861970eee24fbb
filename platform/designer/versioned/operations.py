"""What publishing a blueprint or a flow does once its version is made. They flush."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Definition, record_definition
from designer.versioned.models import PublishedVersion

V = TypeVar("V", bound=PublishedVersion)


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
