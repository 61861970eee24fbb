"""A workspace with orders that wait for payments, and the delivery a Celery worker would run."""

from __future__ import annotations

import uuid
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from core import db
from core.db import set_tenant_scope
from runtime.flows.models import FlowInstance
from runtime.messages import operations, tasks
from runtime.messages.models import FlowMessage
from tests.factories import create_blueprint, create_entity, create_flow, create_tenant, sign_in

ORDER_COLUMNS = [
    {"key": "order_id", "label": "Order", "type": "text"},
    {"key": "amount", "label": "Amount", "type": "integer"},
    {"key": "route", "label": "Route", "type": "text"},
]


class Workspace:
    """A workspace (its slug, id and a signed-in owner's headers) with an Order blueprint."""

    def __init__(self, client: FlaskClient, email: str, headers: dict[str, str], slug: str) -> None:
        self.client, self.email, self.headers, self.slug = client, email, headers, slug
        self.id = uuid.UUID(create_tenant(client, headers, slug)["id"])
        create_blueprint(client, headers, slug, name="Order", columns=ORDER_COLUMNS)

    def sign_in_again(self) -> None:
        """New tokens (after moving Loom's clock past the old ones)."""
        self.headers = {"Authorization": f"Bearer {sign_in(self.client, self.email)['access_token']}"}

    def blueprint(self, name: str) -> None:
        create_blueprint(self.client, self.headers, self.slug, name=name, columns=ORDER_COLUMNS)

    def flow(self, blueprint: str, xml: str, name: str) -> dict[str, Any]:
        return create_flow(self.client, self.headers, self.slug, blueprint, name=name, xml=xml)

    def record(self, blueprint: str = "order", **data: Any) -> dict[str, Any]:
        return create_entity(self.client, self.headers, self.slug, blueprint, **data)

    def get(self, record: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = self.client.get(
            f"/api/tenants/{self.slug}/entities/{record['id']}", headers=self.headers
        ).get_json()
        return found

    def publish(self, name: str, correlation: dict[str, Any] | None = None, **kwargs: Any) -> operations.PublishResult:
        session = db.session()
        set_tenant_scope(session, self.id)
        result = operations.publish(
            session,
            tenant_id=self.id,
            kind=kwargs.pop("kind", "message"),
            name=name,
            correlation=correlation or {},
            values=kwargs.pop("values", {}),
            source="api",
            user_id=None,
        )
        session.commit()
        return result

    def deliver(self, message_id: uuid.UUID) -> str | None:
        """Deliver as the worker does (each receiving record its own transaction)."""
        return tasks.deliver(db.session(), self.id, message_id)

    def message(self, message_id: uuid.UUID) -> FlowMessage:
        session = db.session()
        set_tenant_scope(session, self.id)
        found = session.scalars(
            select(FlowMessage).where(FlowMessage.id == message_id).execution_options(populate_existing=True)
        ).one()
        return found

    def messages(self) -> list[FlowMessage]:
        session = db.session()
        set_tenant_scope(session, self.id)
        return list(session.scalars(select(FlowMessage).order_by(FlowMessage.created_at)))

    def status(self, record: dict[str, Any]) -> str:
        session = db.session()
        set_tenant_scope(session, self.id)
        instance = session.scalars(
            select(FlowInstance)
            .where(FlowInstance.entity_id == uuid.UUID(record["id"]))
            .execution_options(populate_existing=True)
        ).one()
        return instance.status
