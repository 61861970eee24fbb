"""Languages Loom speaks completely, the IANA timezones it accepts, and a workspace's timezone."""

from __future__ import annotations

import uuid
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy.orm import Session

from core.identity.models import Tenant

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}


@lru_cache(maxsize=1)
def timezones() -> tuple[str, ...]:
    """Canonical IANA zone names (Area/Location plus UTC), sorted."""
    zones = {
        name
        for name in available_timezones()
        if ("/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")))
    }
    zones.add("UTC")
    return tuple(sorted(zones))


def is_timezone(name: str) -> bool:
    return name in set(timezones())


def workspace_zone(db_session: Session, tenant_id: uuid.UUID) -> ZoneInfo:
    """The workspace's timezone (UTC for a workspace that is gone): its days and its local times.
    Every place that reads a workspace's timezone reads it here; ``.key`` is its IANA name."""
    tenant = db_session.get(Tenant, tenant_id)
    return ZoneInfo(tenant.timezone if tenant is not None else "UTC")
