"""core's mapped models, imported in one place. The packages above core add theirs to the same
``metadata``: runtime/registry.py imports every one (core may not import them), and hands the whole
schema to Alembic's check (core.migrate)."""

from __future__ import annotations

from core.audit.models import AuditEvent  # noqa: F401
from core.db import Base
from core.files.models import StoredFile  # noqa: F401
from core.identity.invitations import Invitation  # noqa: F401
from core.identity.models import Membership, RefreshTracker, Role, Tenant, User  # noqa: F401
from core.identity.social import SocialIdentity  # noqa: F401
from core.jobs.models import Job  # noqa: F401
from core.mail.models import OutboxMessage  # noqa: F401

metadata = Base.metadata
