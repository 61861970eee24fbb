"""Every mapped model, imported in one place so Alembic sees the whole schema."""

from __future__ import annotations

from core.db import Base
from core.identity.models import Membership, RefreshTracker, Role, Tenant, User  # noqa: F401
from core.mail.models import OutboxMessage  # noqa: F401

metadata = Base.metadata
