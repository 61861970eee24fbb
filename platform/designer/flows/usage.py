"""How many records run on a flow or a version (total, still running).

Flow instances belong to runtime, which designer must not import; runtime registers the counter
at app creation (as designer.blueprints.usage does for entities).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

Counter = Callable[[Session, str, Sequence[uuid.UUID]], dict[uuid.UUID, tuple[int, int]]]
_registered: Counter | None = None


def register(counter: Counter) -> None:
    global _registered
    _registered = counter


def instance_counts(db_session: Session, by: str, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    """(instances, running) per flow id (``by="flow"``) or per version id (``by="version"``)."""
    if _registered is None:
        raise RuntimeError("no instance counter registered; create_app registers it")
    return _registered(db_session, by, ids)
