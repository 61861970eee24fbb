"""What the runtime needs from the flow engine: one sandbox per thread and parsed flow versions.

The sandboxes of a process share one pool of spare sandbox processes (``warm_up``), started in the
background when the process first needs one (a Celery worker process: when it starts).

Published flow versions never change, so their parsed diagrams are kept per process by id
(``runtime.definitions``, with the blueprint versions' schemas); parsing on every transition would
cost more than the transition itself.
"""

from __future__ import annotations

import atexit
import os
import threading
import uuid
import weakref

from celery.signals import worker_process_init
from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.flows.models import FlowVersion
from engine.flows.limits import DEFAULT_LIMITS, Limits
from engine.flows.parser import Flow, parse
from engine.flows.sandbox import Pool, Sandbox
from runtime.definitions import remember, remembered
from runtime.settings import settings_anywhere

_local = threading.local()
# Weakly: a thread that ends drops its sandbox, and the sandbox's process ends with it.
_sandboxes: weakref.WeakSet[Sandbox] = weakref.WeakSet()
_pool: Pool | None = None  # this process's spare sandbox processes (each Celery worker process has its own)
_pool_lock = threading.Lock()


def sandbox(tenant_id: uuid.UUID | None = None) -> Sandbox:
    """This thread's sandbox, for ``tenant_id``'s scripts: a process of its own for each workspace
    in turn, with the limits of the settings (LOOM_FLOW_SCRIPT_*, LOOM_FLOW_TRANSITION_*)."""
    found: Sandbox | None = getattr(_local, "sandbox", None)
    if found is None:
        settings = settings_anywhere()
        found = _local.sandbox = Sandbox(
            settings.flow_script_seconds,
            size_budget=settings.flow_script_data_kb * 1024,
            transition_cpu=settings.flow_transition_cpu_seconds,
            transition_wall=settings.flow_transition_wall_seconds,
            pool=warm_up(),
        )
        _sandboxes.add(found)
    return found.bound(tenant_id)


def warm_up() -> Pool:
    """This process's pool of spare sandbox processes, started (in the background) if need be."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool.owner != os.getpid():
            settings = settings_anywhere()
            _pool = Pool(
                spares=settings.sandbox_spares,
                memory_mb=settings.flow_script_memory_mb,
                runs_per_process=settings.sandbox_runs_per_process,
                nice=settings.sandbox_nice,
            )
        return _pool


def _spares_for_this_worker(**_kwargs: object) -> None:
    """A Celery worker process has its spares ready before its first task."""
    warm_up()


worker_process_init.connect(_spares_for_this_worker, weak=False)


def limits() -> Limits:
    """What one step may spend, from the settings (LOOM_FLOW_MAX_*); the defaults outside the app."""
    if not has_app_context():
        return DEFAULT_LIMITS
    settings = current_app.config["LOOM"]
    return Limits(
        steps=settings.flow_max_steps,
        instances=settings.flow_max_instances,
        state_bytes=settings.flow_max_state_bytes,
        timer_repeats=settings.flow_max_timer_repeats,
    )


@atexit.register
def _close_sandboxes() -> None:
    for box in list(_sandboxes):
        box.close()


def parsed(db_session: Session, version_id: uuid.UUID) -> Flow:
    """The flow version's diagram with its decision tables, parsed once per process (the session is
    scoped to its tenant)."""
    found = remembered(db_session, "flow", version_id)
    if isinstance(found, Flow):
        return found
    row = db_session.execute(select(FlowVersion.xml, FlowVersion.decisions).where(FlowVersion.id == version_id)).first()
    if row is None:
        raise LookupError(f"no flow version {version_id}")
    flow = parse(row.xml, [str(decision["xml"]) for decision in row.decisions])
    remember(db_session, "flow", version_id, flow)
    return flow
