"""Parsed definitions, kept per process: a blueprint version's schema, a flow version's diagram and
what else derives from one immutable version.

Published versions never change, so their parsed forms are kept by id (the columns or the XML are
read only on a miss), as of their tenant's definitions revision: a version rewritten in place (to
forget a deleted person) moves that revision, and every process parses it again. Records and flows
both read schemas here, so neither imports the other for it.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.models import Tenant
from designer.blueprints.models import BlueprintVersion
from engine.schema import Schema

PARSED_CACHE_SIZE = 256

_cache: OrderedDict[tuple[str, uuid.UUID, int], object] = OrderedDict()
_cache_lock = threading.Lock()


def _key(db_session: Session, kind: str, version_id: uuid.UUID) -> tuple[str, uuid.UUID, int]:
    tenant_id = db_session.info.get("tenant_id")
    tenant = db_session.get(Tenant, tenant_id) if tenant_id is not None else None
    return (kind, version_id, tenant.definitions_revision if tenant is not None else 0)


def remembered(db_session: Session, kind: str, version_id: uuid.UUID) -> object | None:
    """What was kept as ``kind`` for the version in this process (``remember``), or None."""
    key = _key(db_session, kind, version_id)
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
        return found


def remember(db_session: Session, kind: str, version_id: uuid.UUID, value: object) -> None:
    """Keep ``value`` (derived from an immutable version) as ``kind`` for the version."""
    key = _key(db_session, kind, version_id)
    with _cache_lock:
        _cache[key] = value
        while len(_cache) > PARSED_CACHE_SIZE:
            _cache.popitem(last=False)


def schema_of(db_session: Session, version: BlueprintVersion | uuid.UUID) -> Schema:
    """A blueprint version's schema, parsed once per process. Given the loaded version, a miss
    parses its columns; given an id, a miss reads them."""
    if isinstance(version, BlueprintVersion) and version.id is None:
        return Schema.parse(version.columns)  # not flushed yet: nothing to key it by
    version_id = version.id if isinstance(version, BlueprintVersion) else version
    found = remembered(db_session, "schema", version_id)
    if isinstance(found, Schema):
        return found
    if isinstance(version, BlueprintVersion):
        columns = version.columns
    else:
        read = db_session.scalar(select(BlueprintVersion.columns).where(BlueprintVersion.id == version_id))
        if read is None:
            raise LookupError(f"no blueprint version {version_id}")
        columns = read
    schema = Schema.parse(columns)
    remember(db_session, "schema", version_id, schema)
    return schema
