"""The Trash: deleting a blueprint keeps its records; restore them, attach them elsewhere, or purge."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from core import clock, db
from core.jobs.models import JobStatus
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from runtime.entities.models import Entity
from runtime.messages.models import FlowMessage
from tests.factories import (
    create_blueprint,
    create_entity,
    create_tenant,
    delivery_tenant,
    drain_job,
    signed_in_user,
)

TRASH = "/api/tenants/x-stock/trash"


def _setup(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    detail = create_blueprint(client, headers, "x-stock")
    ids = [create_entity(client, headers, "x-stock", "stock_item", type="BOX", qty=n)["id"] for n in (1, 2)]
    assert client.delete("/api/tenants/x-stock/blueprints/stock_item", headers=headers).status_code == 204
    return headers, detail, ids


def test_deleted_blueprints_and_their_records_are_in_the_trash(client):
    headers, detail, ids = _setup(client)
    trash = client.get(TRASH, headers=headers).get_json()["items"]
    assert [(t["name"], t["entity_count"]) for t in trash] == [("Stock item", 2)]
    restored = client.post(f"{TRASH}/{detail['id']}/restore", json={"mode": "undelete"}, headers=headers)
    assert restored.status_code == 200 and restored.get_json()["key"] == "stock_item"
    assert client.get(TRASH, headers=headers).get_json()["items"] == []
    listed = client.get("/api/tenants/x-stock/entities", query_string={"blueprint": "stock_item"}, headers=headers)
    assert {e["id"] for e in listed.get_json()["items"]} == set(ids)


def test_undelete_refuses_when_the_name_is_taken(client):
    headers, detail, _ = _setup(client)
    create_blueprint(client, headers, "x-stock")
    response = client.post(f"{TRASH}/{detail['id']}/restore", json={"mode": "undelete"}, headers=headers)
    assert response.status_code == 422 and "blueprint" in response.get_json()["errors"]


def test_records_can_be_attached_to_another_blueprint(app, client):
    headers, detail, ids = _setup(client)
    create_blueprint(client, headers, "x-stock", name="Goods")
    body = {"mode": "attach", "attach": {"blueprint": "goods", "from_version": 1, "to_version": 1}}
    started = client.post(f"{TRASH}/{detail['id']}/restore", json=body, headers=headers)
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    listed = client.get(
        "/api/tenants/x-stock/entities", query_string={"blueprint": "goods"}, headers=headers
    ).get_json()
    assert {e["id"] for e in listed["items"]} == set(ids)
    assert {e["data"]["qty"] for e in listed["items"]} == {1, 2}


def test_purge_deletes_for_good_in_the_background(app, client):
    headers, detail, _ = _setup(client)
    started = client.delete(f"{TRASH}/{detail['id']}", headers=headers)
    assert started.status_code == 202
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    assert db.session.get(Blueprint, uuid.UUID(detail["id"]), execution_options={"all_tenants": True}) is None
    count = db.session.scalar(select(func.count()).select_from(Entity).execution_options(all_tenants=True))
    assert count == 0
    assert client.get(TRASH, headers=headers).get_json()["items"] == []


def test_another_tenant_cannot_see_or_touch_the_trash(client):
    _, detail, _ = _setup(client)
    _, mallory = signed_in_user(client, "mallory")
    for method, url, body in [
        ("get", TRASH, None),
        ("post", f"{TRASH}/{detail['id']}/restore", {"mode": "undelete"}),
        ("delete", f"{TRASH}/{detail['id']}", None),
    ]:
        assert getattr(client, method)(url, json=body, headers=mallory).status_code == 404
    create_tenant(client, mallory, "mallory-co")
    response = client.post(
        f"/api/tenants/mallory-co/trash/{detail['id']}/restore", json={"mode": "undelete"}, headers=mallory
    )
    assert response.status_code == 404


def test_purge_takes_the_flows_and_keeps_the_messages_that_started_them(app, client):
    headers = delivery_tenant(client, "x-started")
    flow = db.session.scalars(select(Flow).execution_options(all_tenants=True).where(Flow.key == "delivery")).one()
    tenant_id, flow_id = flow.tenant_id, flow.id
    assert flow.current_version_id is not None
    message = FlowMessage(
        tenant_id=tenant_id,
        kind="message",
        name="order",
        source="api",
        status="delivered",
        start_flow_id=flow_id,
        expires_at=clock.now() + timedelta(days=1),
    )
    db.session.add(message)
    db.session.commit()
    blueprint = client.get("/api/tenants/x-started/blueprints/delivery", headers=headers).get_json()
    assert client.delete("/api/tenants/x-started/blueprints/delivery", headers=headers).status_code == 204
    started = client.delete(f"/api/tenants/x-started/trash/{blueprint['id']}", headers=headers)
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    db.session.expire_all()
    everywhere = {"all_tenants": True}
    assert db.session.get(Flow, flow_id, execution_options=everywhere) is None
    kept = db.session.get(FlowMessage, message.id, execution_options=everywhere)
    assert kept is not None and kept.start_flow_id is None
