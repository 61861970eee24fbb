"""The records' Celery tasks: building a blueprint's expression indexes (runtime/entities/index_builds.py)
and the sweep that finds lost, due and leftover builds (Celery beat, every minute)."""

from __future__ import annotations

import random
import uuid

from core.celery import task
from runtime.entities.index_builds import SWEEP_TASK, build_index, send_build, sweep
from runtime.entities.indexes import BUILD_TASK


@task(name=BUILD_TASK)
def build_index_task(index_id: str, tenant_id: str | None = None) -> str:
    """``tenant_id`` finds the row by its key; builds queued without it (older ones) still run."""
    tenant = uuid.UUID(tenant_id) if tenant_id else None
    outcome = build_index(uuid.UUID(index_id), tenant)
    if outcome == "busy":
        send_build(uuid.UUID(index_id), tenant, countdown=random.uniform(2, 8))  # noqa: S311 - jitter, not a secret
    return outcome


@task(name=SWEEP_TASK)
def sweep_task() -> dict[str, int]:
    return sweep()
