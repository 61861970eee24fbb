"""Every mapped model, imported in one place so Alembic sees the whole schema."""

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

# Models of the packages above core. Alembic must see every table, but core never imports
# designer or runtime at import time; the migration environment loads these by name.
MODEL_MODULES = (
    "designer.blueprints.models",
    "designer.flows.models",
    "runtime.apikeys.models",
    "runtime.connectors.models",
    "runtime.entities.models",
    "runtime.flows.models",
    "runtime.hooks.models",
    "runtime.messages.inbound_models",
    "runtime.messages.models",
    "runtime.views.models",
)


def load_all() -> None:
    """Import every model module so ``metadata`` holds the whole schema."""
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(name)
