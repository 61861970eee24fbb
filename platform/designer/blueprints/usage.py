"""How many entities use a blueprint or a version.

Entities belong to runtime, which designer must not import; runtime registers the counter at
app creation (dependency inversion), and designer asks through this interface.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session


class EntityUsage(Protocol):
    def by_blueprint(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        """(count, exact) per blueprint id; counts stop being exact past a threshold."""

    def by_version(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        """(count, exact) per blueprint version id."""


_registered: EntityUsage | None = None


def register(usage: EntityUsage) -> None:
    global _registered
    _registered = usage


def usage() -> EntityUsage:
    if _registered is None:
        raise RuntimeError("no entity usage counter registered; create_app registers it")
    return _registered
