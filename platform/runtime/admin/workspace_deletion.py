"""Deleting a workspace for good from the back office (kind ``tenant.delete``).

The same units as when a workspace's last owner deletes their account
(``runtime.account.deletion.purge_tenant_unit``): its jobs, its files, its records in batches,
the indexes built for it, then the workspace row, whose foreign keys take everything else. The
job itself belongs to no workspace (it would be deleted with it): the workspace's id is in its
params, and each unit is idempotent, so a step done again after a crash finds less to do.
"""

from __future__ import annotations

import time
import uuid

from sqlalchemy.orm import Session

from core.db import scope_to_tenant
from core.identity.models import Tenant, User
from core.jobs.models import Job
from core.jobs.operations import start_job
from runtime.account.deletion import STEP_SECONDS, purge_tenant_unit

KIND = "tenant.delete"


def start_workspace_deletion(db_session: Session, admin: User, tenant: Tenant) -> Job:
    return start_job(db_session, KIND, tenant_id=None, params={"tenant_id": str(tenant.id)}, total=1, user_id=admin.id)


def workspace_deletion_step(db_session: Session, job: Job) -> bool:
    """Units of deleting the workspace until it is gone (True; also when it was gone already) or
    the step is out of time."""
    tenant_id = uuid.UUID(job.params["tenant_id"])
    started = time.monotonic()
    while True:
        with scope_to_tenant(db_session, tenant_id):
            gone, dropped = purge_tenant_unit(db_session, tenant_id)
        if gone:
            job.done = 1
            return True
        if dropped or time.monotonic() - started > STEP_SECONDS:
            return False  # after DROP INDEX (it locks the entities table until commit), commit now
