"""Which events become hook messages: type, blueprint and changed-field filters, workspaces kept
apart, real changes only, and the payload cap."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from core import db
from runtime.hooks.models import HookMessage
from tests.factories import create_blueprint, create_entity
from tests.support.hooks import Receiver, allow_local, record_payload, run_hooks, workspace


@pytest.fixture()
def receivers():
    made = [Receiver() for _ in range(3)]
    yield made
    for server in made:
        server.close()


@pytest.fixture()
def shop(app, client, monkeypatch):
    allow_local(app, monkeypatch)
    return workspace(app, client, "x-hooks-events")


def _messages() -> int:
    return db.session.scalar(select(func.count()).select_from(HookMessage).execution_options(all_tenants=True))


def test_no_endpoint_no_message(app, shop):
    shop.emit()
    assert _messages() == 0


def test_endpoints_get_only_the_types_blueprints_and_fields_they_asked_for(app, shop, receivers):
    stock = create_blueprint(shop.client, shop.headers, shop.slug)
    other = create_blueprint(shop.client, shop.headers, shop.slug, name="Other")
    created_only, stock_only, qty_changes = receivers
    shop.endpoint(created_only, event_types=["record.created"])
    shop.endpoint(stock_only, event_types=["record.created", "record.updated"], blueprints=[stock["key"]])
    shop.endpoint(qty_changes, event_types=["record.updated"], fields=["qty", "weight"])
    stock_id, other_id = uuid.UUID(stock["id"]), uuid.UUID(other["id"])

    shop.emit("record.created", blueprint_id=other_id)
    shop.emit("record.created", blueprint_id=stock_id)
    shop.emit("record.updated", blueprint_id=stock_id, changed=("space",))
    shop.emit("record.updated", blueprint_id=other_id, changed=("qty",))
    shop.emit("record.deleted", blueprint_id=stock_id)  # nobody asked for deletions
    run_hooks(app)

    assert len(created_only.of_type("record.created")) == 2 and created_only.of_type("record.updated") == []
    assert [c.payload["type"] for c in stock_only.calls] == ["record.created", "record.updated"]
    assert [c.payload["type"] for c in qty_changes.calls] == ["record.updated"]
    assert _messages() == 4
    for server in receivers:
        assert server.unverified == []


def test_one_workspace_never_receives_another_s_events(app, client, shop, receivers):
    mine, theirs, _ = receivers
    shop.endpoint(mine, event_types=["record.created", "member.joined"])
    elsewhere = workspace(app, client, "x-hooks-elsewhere")
    elsewhere.endpoint(theirs)
    elsewhere.emit()
    elsewhere.emit()
    run_hooks(app)
    assert mine.calls == [] and len(theirs.calls) == 2
    assert {c.payload["tenant"]["slug"] for c in theirs.calls} == {"x-hooks-elsewhere"}


def test_records_written_through_the_api_are_sent_and_a_non_change_sends_nothing(app, shop, receivers):
    receiver = receivers[0]
    stock = create_blueprint(shop.client, shop.headers, shop.slug)
    shop.endpoint(receiver, event_types=["record.created", "record.updated"])
    record = create_entity(shop.client, shop.headers, shop.slug, stock["key"], type="BOX", qty=3)
    path = f"/api/tenants/{shop.slug}/entities/{record['id']}"
    same = shop.client.patch(path, json={"version": record["version"], "data": {"qty": 3}}, headers=shop.headers)
    assert same.status_code == 200, same.get_json()
    changed = shop.client.patch(path, json={"version": record["version"], "data": {"qty": 4}}, headers=shop.headers)
    assert changed.status_code == 200, changed.get_json()
    run_hooks(app)

    assert [c.payload["type"] for c in receiver.calls] == ["record.created", "record.updated"]
    created, updated = (c.payload["data"] for c in receiver.calls)
    assert created["record"]["id"] == record["id"] and created["record"]["blueprint"] == stock["key"]
    assert updated["changes"] == [{"field": "qty", "before": 3, "after": 4}]
    assert receiver.unverified == []


def test_a_payload_over_the_cap_sends_ids_and_a_link_instead(app, shop, receivers, monkeypatch):
    allow_local(app, monkeypatch, hooks_max_payload_bytes=1024)
    receiver = receivers[0]
    shop.endpoint(receiver)
    record_id = str(uuid.uuid4())
    with app.app_context():
        from core.events import emit

        db.set_tenant_scope(db.session(), shop.id)
        record = record_payload(record_id, None, {"space": "x" * 5000}, version=2)
        emit(db.session(), "record.created", shop.id, {"record": record}, user_id=None)
        db.session.commit()
    run_hooks(app)
    [call] = receiver.calls
    assert len(call.body) <= 1024 and receiver.unverified == []
    data = call.payload["data"]
    summary = {"id": record_id, "blueprint": "stock_item", "blueprint_id": record["blueprint_id"], "version": 2}
    assert data["truncated"] is True and data["record"] == summary
    assert data["href"].endswith(f"/api/tenants/{shop.slug}/entities/{record_id}")
