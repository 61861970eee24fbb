"""What the runtime needs from the flow engine: one sandbox per thread, parsed versions, schemas.

The sandboxes of a process share one pool of spare sandbox processes (``warm_up``), started in the
background when the process first needs one (a Celery worker process: when it starts).

Published flow versions and blueprint versions never change, so their parsed forms are kept per
process by id (the XML and the columns are read only on a miss); parsing on every transition would
cost more than the transition itself.
"""

from __future__ import annotations

import atexit
import os
import threading
import uuid
import weakref
from collections import OrderedDict

from celery.signals import worker_process_init
from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Settings, read_settings
from core.identity.models import Tenant
from designer.blueprints.models import BlueprintVersion
from designer.flows.models import FlowVersion
from engine.flows.limits import DEFAULT_LIMITS, Limits
from engine.flows.parser import Flow, parse
from engine.flows.sandbox import Pool, Sandbox
from engine.schema import Schema

PARSED_CACHE_SIZE = 256

_local = threading.local()
# Weakly: a thread that ends drops its sandbox, and the sandbox's process ends with it.
_sandboxes: weakref.WeakSet[Sandbox] = weakref.WeakSet()
_pool: Pool | None = None  # this process's spare sandbox processes (each Celery worker process has its own)
_pool_lock = threading.Lock()
_cache: OrderedDict[tuple[str, uuid.UUID, int], object] = OrderedDict()
_cache_lock = threading.Lock()


def sandbox(tenant_id: uuid.UUID | None = None) -> Sandbox:
    """This thread's sandbox, for ``tenant_id``'s scripts: a process of its own for each workspace
    in turn, with the limits of the settings (LOOM_FLOW_SCRIPT_*, LOOM_FLOW_TRANSITION_*)."""
    found: Sandbox | None = getattr(_local, "sandbox", None)
    if found is None:
        settings = _settings()
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
            settings = _settings()
            _pool = Pool(
                spares=settings.sandbox_spares,
                memory_mb=settings.flow_script_memory_mb,
                runs_per_process=settings.sandbox_runs_per_process,
                nice=settings.sandbox_nice,
            )
        return _pool


def _settings() -> Settings:
    if has_app_context():
        settings: Settings = current_app.config["LOOM"]
        return settings
    return read_settings()


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


def _key(db_session: Session, kind: str, version_id: uuid.UUID) -> tuple[str, uuid.UUID, int]:
    """A version, as of its tenant's definitions revision: a version rewritten in place (to
    forget a deleted person) moves that revision, and every process parses it again."""
    tenant_id = db_session.info.get("tenant_id")
    tenant = db_session.get(Tenant, tenant_id) if tenant_id is not None else None
    return (kind, version_id, tenant.definitions_revision if tenant is not None else 0)


def _cached(key: tuple[str, uuid.UUID, int]) -> object | None:
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
        return found


def _keep(key: tuple[str, uuid.UUID, int], value: object) -> None:
    with _cache_lock:
        _cache[key] = value
        while len(_cache) > PARSED_CACHE_SIZE:
            _cache.popitem(last=False)


def remembered(db_session: Session, kind: str, version_id: uuid.UUID) -> object | None:
    """What was kept as ``kind`` for the version in this process (``remember``), or None."""
    return _cached(_key(db_session, kind, version_id))


def remember(db_session: Session, kind: str, version_id: uuid.UUID, value: object) -> None:
    """Keep ``value`` (derived from an immutable version) as ``kind`` for the version."""
    _keep(_key(db_session, kind, version_id), value)


def parsed(db_session: Session, version_id: uuid.UUID) -> Flow:
    """The flow version's diagram with its decision tables, parsed once per process (the session is
    scoped to its tenant)."""
    key = _key(db_session, "flow", version_id)
    found = _cached(key)
    if isinstance(found, Flow):
        return found
    row = db_session.execute(select(FlowVersion.xml, FlowVersion.decisions).where(FlowVersion.id == version_id)).first()
    if row is None:
        raise LookupError(f"no flow version {version_id}")
    flow = parse(row.xml, [str(decision["xml"]) for decision in row.decisions])
    _keep(key, flow)
    return flow


def schema_of(db_session: Session, version_id: uuid.UUID) -> Schema:
    """A blueprint version's schema, parsed once per process."""
    key = _key(db_session, "schema", version_id)
    found = _cached(key)
    if isinstance(found, Schema):
        return found
    columns = db_session.scalar(select(BlueprintVersion.columns).where(BlueprintVersion.id == version_id))
    if columns is None:
        raise LookupError(f"no blueprint version {version_id}")
    schema = Schema.parse(columns)
    _keep(key, schema)
    return schema


def zone_of(db_session: Session, tenant_id: uuid.UUID) -> str:
    tenant = db_session.get(Tenant, tenant_id)
    return tenant.timezone if tenant is not None else "UTC"
