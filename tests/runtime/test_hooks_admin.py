"""The back office's hooks: one endpoint of any workspace, its attempts, and turning it off, on
or deleting it, each audited in the workspace's own log as "admin"; ordinary users get 403."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from runtime.hooks.models import HookEndpoint
from tests.factories import hardened_admin, signed_in_user
from tests.support.hooks import Receiver, allow_local, run_hooks, workspace

PUBLIC = "https://93.184.215.14/hook"
BASE = "/api/admin/hooks"


@pytest.fixture()
def shop(app, client):
    return workspace(app, client, "x-hooks-admin")


@pytest.fixture()
def admin(app, client):
    return hardened_admin(app, client)[1]


def _created(shop):
    return shop.hooks("POST", "/endpoints", 201, json={"url": PUBLIC, "event_types": ["record.created"]}).get_json()


def _audit(shop, action):
    query = select(AuditEvent).where(AuditEvent.tenant_id == shop.id, AuditEvent.action == action)
    return db.session.scalars(query.order_by(AuditEvent.id)).all()


def test_an_admin_reads_one_endpoint_with_its_workspace(client, shop, admin):
    created = _created(shop)
    answer = client.get(f"{BASE}/endpoints/{created['id']}", headers=admin)
    assert answer.status_code == 200, answer.get_json()
    shown = answer.get_json()
    assert shown["id"] == created["id"] and shown["tenant"] == shop.slug and shown["url"] == PUBLIC
    assert "secret" not in shown and "headers" not in shown
    assert client.get(f"{BASE}/endpoints/{uuid.uuid4()}", headers=admin).status_code == 404


def test_an_admin_turns_an_endpoint_off_and_on_audited_as_admin(client, shop, admin):
    created = _created(shop)
    url = f"{BASE}/endpoints/{created['id']}"
    off = client.patch(url, json={"enabled": False}, headers=admin)
    assert off.status_code == 200, off.get_json()
    assert off.get_json()["enabled"] is False and off.get_json()["disabled_reason"]
    assert off.get_json()["tenant"] == shop.slug
    assert shop.hooks("GET", f"/endpoints/{created['id']}", 200).get_json()["enabled"] is False
    on = client.patch(url, json={"enabled": True}, headers=admin).get_json()
    assert on["enabled"] is True and on["disabled_reason"] is None

    rows = _audit(shop, "hook.updated")
    assert [(r.actor_kind, r.details["enabled"]) for r in rows] == [("admin", False), ("admin", True)]
    assert all(r.target_type == "hook" and str(r.target_id) == created["id"] for r in rows)
    assert all(r.details["fields"] == ["enabled"] for r in rows)


@pytest.mark.parametrize(
    "body",
    [{}, {"enabled": "maybe"}, {"enabled": None}, {"enabled": False, "url": PUBLIC}, {"description": "x"}],
)
def test_an_admin_may_change_enabled_only(client, shop, admin, body):
    created = _created(shop)
    answer = client.patch(f"{BASE}/endpoints/{created['id']}", json=body, headers=admin)
    assert answer.status_code == 422, answer.get_json()
    assert shop.hooks("GET", f"/endpoints/{created['id']}", 200).get_json()["enabled"] is True
    assert _audit(shop, "hook.updated") == []


def test_an_admin_deletes_an_endpoint_audited_as_admin(client, shop, admin):
    created = _created(shop)
    url = f"{BASE}/endpoints/{created['id']}"
    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=admin).status_code == 404
    assert client.delete(url, headers=admin).status_code == 404
    shop.hooks("GET", f"/endpoints/{created['id']}", 404)
    assert db.session.scalars(select(HookEndpoint).execution_options(all_tenants=True)).all() == []
    [row] = _audit(shop, "hook.deleted")
    assert row.actor_kind == "admin" and str(row.target_id) == created["id"] and row.target_label == PUBLIC


def test_unknown_ids_are_not_found(client, admin):
    missing = f"{BASE}/endpoints/{uuid.uuid4()}"
    assert client.patch(missing, json={"enabled": False}, headers=admin).status_code == 404
    assert client.delete(missing, headers=admin).status_code == 404
    for name in ("endpoint_id", "delivery_id"):
        answer = client.get(f"{BASE}/attempts", query_string={name: str(uuid.uuid4())}, headers=admin)
        assert answer.status_code == 404, (name, answer.get_json())


def test_attempts_need_an_endpoint_or_a_delivery(client, admin):
    assert client.get(f"{BASE}/attempts", headers=admin).status_code == 422
    assert client.get(f"{BASE}/attempts", query_string={"endpoint_id": "nope"}, headers=admin).status_code == 422


def test_an_admin_reads_the_attempts_of_an_endpoint_and_of_a_delivery(app, client, monkeypatch, shop, admin):
    allow_local(app, monkeypatch)
    receiver = Receiver()
    receiver.status = 500
    try:
        created = shop.endpoint(receiver)
        shop.emit()
        run_hooks(app, rounds=1)
    finally:
        receiver.close()
    deliveries = client.get(f"{BASE}/deliveries", query_string={"endpoint_id": created["id"]}, headers=admin)
    [delivery] = deliveries.get_json()["items"]
    by_endpoint = client.get(f"{BASE}/attempts", query_string={"endpoint_id": created["id"], "limit": 1}, headers=admin)
    assert by_endpoint.status_code == 200, by_endpoint.get_json()
    [attempt] = by_endpoint.get_json()["items"]
    assert attempt["status_code"] == 500 and attempt["succeeded"] is False and attempt["response_body"] == "ok"
    assert attempt["delivery_id"] == delivery["id"] and attempt["duration_ms"] >= 0
    by_delivery = client.get(f"{BASE}/attempts", query_string={"delivery_id": delivery["id"]}, headers=admin)
    assert [a["id"] for a in by_delivery.get_json()["items"]][:1] == [attempt["id"]]


def test_ordinary_users_and_members_get_403(client, shop):
    created = _created(shop)
    _, plain = signed_in_user(client, "plainhooks")
    url = f"{BASE}/endpoints/{created['id']}"
    for headers in (plain, shop.headers):
        assert client.get(url, headers=headers).status_code == 403
        assert client.patch(url, json={"enabled": False}, headers=headers).status_code == 403
        assert client.delete(url, headers=headers).status_code == 403
        assert (
            client.get(f"{BASE}/attempts", query_string={"endpoint_id": created["id"]}, headers=headers).status_code
            == 403
        )
    assert client.get(url).status_code == 401
    assert shop.hooks("GET", f"/endpoints/{created['id']}", 200).get_json()["enabled"] is True
