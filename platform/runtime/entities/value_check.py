"""Stored values the value boundary would now refuse (``loom check-values``): listed, never changed.

Bounds tighten over time (whole numbers to ±(2^53 - 1), decimals to their digits and exponent);
records written before keep their values and stay readable. This finds them, in every workspace
and in the Trash too, so an operator can tell their owners.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from core.identity.models import Tenant
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema import Schema
from engine.schema.values import coerce
from runtime.entities.models import Entity

BATCH = 500
EVERYWHERE = {"all_tenants": True, "include_trashed": True}


@dataclass(frozen=True)
class Refused:
    """One stored value the boundary refuses now."""

    tenant: str
    blueprint: str
    record: uuid.UUID
    field: str
    reason: str

    def line(self) -> str:
        return f"{self.tenant}\t{self.blueprint}\t{self.record}\t{self.field}\t{self.reason}"


def refused_values(db_session: Session, batch: int = BATCH) -> Iterator[Refused]:
    """Every stored value whose type check fails today (rules such as min/max are not checked)."""
    schemas: dict[uuid.UUID, Schema] = {}
    after: tuple[uuid.UUID, uuid.UUID] | None = None
    while True:
        # Walked in key order, (tenant_id, id), and joined on whole keys: each batch reads on from
        # where the last stopped in the key's index, instead of sorting every record again.
        query = (
            select(Entity.tenant_id, Entity.id, Entity.data, Entity.blueprint_version_id, Blueprint.key, Tenant.slug)
            .join(Blueprint, (Blueprint.tenant_id == Entity.tenant_id) & (Blueprint.id == Entity.blueprint_id))
            .join(Tenant, Tenant.id == Entity.tenant_id)
            .order_by(Entity.tenant_id, Entity.id)
            .limit(batch)
            .execution_options(**EVERYWHERE)
        )
        if after is not None:
            query = query.where(tuple_(Entity.tenant_id, Entity.id) > tuple_(*after))
        rows: list[Any] = list(db_session.execute(query).all())
        for tenant_id, record_id, data, version_id, blueprint, tenant in rows:
            schema = schemas.get(version_id) or _schema(db_session, tenant_id, version_id, schemas)
            for column in schema.columns:
                value = (data or {}).get(column.key)
                if value is None:
                    continue
                try:
                    coerce(column, value, rules=False)
                except ValueError as exc:
                    yield Refused(tenant, blueprint, record_id, column.key, str(exc))
        if len(rows) < batch:
            return
        after = (rows[-1][0], rows[-1][1])


def _schema(db_session: Session, tenant_id: uuid.UUID, version_id: uuid.UUID, cache: dict[uuid.UUID, Schema]) -> Schema:
    version = db_session.scalars(
        select(BlueprintVersion)
        .where(BlueprintVersion.tenant_id == tenant_id, BlueprintVersion.id == version_id)
        .execution_options(**EVERYWHERE)
    ).one()
    cache[version_id] = Schema.parse(version.columns)
    return cache[version_id]
