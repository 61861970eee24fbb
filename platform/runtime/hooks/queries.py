"""Reading hooks: one endpoint, message or delivery (404 otherwise), and keyset-paged lists.

Lists walk the primary key newest first (ids are time-ordered UUIDs); the workspace's lists
run in a session scoped to it, the back office's (``all_tenants``) across every workspace.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session

from core.errors import NotFound
from core.identity.models import Tenant
from core.pagination import decode_cursor, page
from designer.blueprints.models import Blueprint
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage
from runtime.query_filters import Condition, where_given

Row = TypeVar("Row", HookEndpoint, HookDelivery, HookAttempt)


def get_endpoint(db_session: Session, endpoint_id: uuid.UUID) -> HookEndpoint:
    found = db_session.scalars(select(HookEndpoint).where(HookEndpoint.id == endpoint_id)).first()
    if found is None:
        raise NotFound("No such hook here.")
    return found


def get_message(db_session: Session, message_id: uuid.UUID) -> HookMessage:
    found = db_session.scalars(select(HookMessage).where(HookMessage.id == message_id)).first()
    if found is None:
        raise NotFound("No such hook message here.")
    return found


def get_delivery(db_session: Session, delivery_id: uuid.UUID) -> HookDelivery:
    found = db_session.scalars(select(HookDelivery).where(HookDelivery.id == delivery_id)).first()
    if found is None:
        raise NotFound("No such delivery here.")
    return found


def _paged(db_session: Session, model: type[Row], query: Select[Any], args: dict[str, Any]) -> dict[str, Any]:
    limit = int(args["limit"])
    if args.get("cursor"):
        (last,) = decode_cursor(args["cursor"], 1)
        try:
            query = query.where(model.id < uuid.UUID(str(last)))
        except ValueError:
            return {"items": [], "next_cursor": None}
    rows = list(db_session.scalars(query.order_by(model.id.desc()).limit(limit + 1)))
    return page(rows, limit, lambda row: [str(row.id)])


def _tenant_filter(query: Select[Any], model: type[Row], args: dict[str, Any]) -> Select[Any]:
    """The back office's ``tenant`` (slug) filter."""
    if args.get("tenant"):
        query = query.where(model.tenant_id.in_(select(Tenant.id).where(Tenant.slug == args["tenant"])))
    return query


_ENDPOINT_FILTERS: dict[str, Condition] = {"enabled": lambda enabled: HookEndpoint.enabled.is_(enabled)}
_DELIVERY_FILTERS: dict[str, Condition] = {
    "endpoint_id": lambda endpoint_id: HookDelivery.endpoint_id == endpoint_id,
    "message_id": lambda message_id: HookDelivery.message_id == message_id,
    "status": lambda status: HookDelivery.status == status,
    "event_type": lambda event_type: HookDelivery.event_type == event_type,
    "since": lambda since: HookDelivery.created_at >= since,
}
_ATTEMPT_FILTERS: dict[str, Condition] = {
    "endpoint_id": lambda endpoint_id: HookAttempt.endpoint_id == endpoint_id,
    "delivery_id": lambda delivery_id: HookAttempt.delivery_id == delivery_id,
    "succeeded": lambda succeeded: HookAttempt.succeeded.is_(succeeded),
    "since": lambda since: HookAttempt.attempted_at >= since,
}


def endpoints(db_session: Session, args: dict[str, Any], *, all_tenants: bool = False) -> dict[str, Any]:
    query = where_given(select(HookEndpoint), args, _ENDPOINT_FILTERS)
    if all_tenants:
        query = _tenant_filter(query, HookEndpoint, args).execution_options(all_tenants=True)
    return _paged(db_session, HookEndpoint, query, args)


def deliveries(db_session: Session, args: dict[str, Any], *, all_tenants: bool = False) -> dict[str, Any]:
    query = where_given(select(HookDelivery), args, _DELIVERY_FILTERS)
    if all_tenants:
        query = _tenant_filter(query, HookDelivery, args).execution_options(all_tenants=True)
    return _paged(db_session, HookDelivery, query, args)


def attempts(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    query = where_given(select(HookAttempt), args, _ATTEMPT_FILTERS)
    return _paged(db_session, HookAttempt, query, args)


def blueprint_keys(db_session: Session, endpoints: list[HookEndpoint]) -> dict[uuid.UUID, str]:
    """Blueprint keys by id, for the blueprints the endpoints filter on (one query)."""
    keys = {(endpoint.tenant_id, bid) for endpoint in endpoints for bid in endpoint.blueprint_ids or []}
    if not keys:
        return {}
    # By whole keys (tenant_id, id): the back office's endpoints are of every workspace.
    query = (
        select(Blueprint.id, Blueprint.key)
        .where(tuple_(Blueprint.tenant_id, Blueprint.id).in_(keys))
        .execution_options(all_tenants=True)
    )
    return {row[0]: row[1] for row in db_session.execute(query)}


def slugs(db_session: Session, tenant_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not tenant_ids:
        return {}
    return {
        row[0]: row[1] for row in db_session.execute(select(Tenant.id, Tenant.slug).where(Tenant.id.in_(tenant_ids)))
    }
