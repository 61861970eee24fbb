"""The hooks API: endpoints with secrets shown once and stored encrypted, 422 problem+json on bad
input, audit rows, REST Hooks subscriptions, the catalogue (and docs/hooks.md kept in step with
it), and the back office's lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from core import db
from core.audit.models import AuditEvent
from core.events import EVENT_TYPES
from runtime.hooks.catalogue import render_markdown
from runtime.hooks.models import HookEndpoint
from tests.factories import hardened_admin
from tests.support.hooks import Receiver, allow_local, run_hooks, workspace

PUBLIC = "https://93.184.215.14/hook"


@pytest.fixture()
def shop(app, client):
    return workspace(app, client, "x-hooks-api")


def _actions(shop):
    return db.session.scalars(select(AuditEvent.action).where(AuditEvent.tenant_id == shop.id)).all()


def test_endpoints_are_created_read_changed_and_deleted(shop):
    created = shop.hooks(
        "POST",
        "/endpoints",
        201,
        json={
            "url": PUBLIC,
            "description": "CRM sync",
            "event_types": ["record.created", "record.updated"],
            "fields": ["qty"],
            "headers": {"Authorization": "Bearer s3cret-token"},
        },
    ).get_json()
    assert created["secret"].startswith("whsec_") and created["header_names"] == ["Authorization"]
    assert created["fields"] == ["qty"] and created["blueprints"] is None and created["enabled"] is True

    shown = shop.hooks("GET", f"/endpoints/{created['id']}", 200).get_json()
    assert "secret" not in shown and "headers" not in shown
    row = db.session.scalars(select(HookEndpoint).execution_options(all_tenants=True)).one()
    assert created["secret"] not in row.secret and "s3cret-token" not in (row.headers or "")

    changed = shop.hooks(
        "PATCH", f"/endpoints/{created['id']}", 200, json={"description": "Renamed", "fields": None, "enabled": False}
    ).get_json()
    assert changed["description"] == "Renamed" and changed["fields"] is None and changed["enabled"] is False
    listed = shop.hooks("GET", "/endpoints", 200).get_json()
    assert [e["id"] for e in listed["items"]] == [created["id"]] and listed["next_cursor"] is None
    shop.hooks("DELETE", f"/endpoints/{created['id']}", 204)
    shop.hooks("GET", f"/endpoints/{created['id']}", 404)
    assert {"hook.created", "hook.updated", "hook.deleted"} <= set(_actions(shop))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"event_types": ["record.created"]}, "url"),
        ({"url": PUBLIC, "event_types": ["record.exploded"]}, "event_types"),
        ({"url": PUBLIC, "event_types": []}, "event_types"),
        ({"url": PUBLIC, "event_types": ["record.created"], "headers": {"webhook-id": "x"}}, "headers"),
        ({"url": PUBLIC, "event_types": ["record.created"], "headers": {"X-A": "one\r\nInjected: 1"}}, "headers"),
        ({"url": PUBLIC, "event_types": ["record.created"], "headers": {"bad name": "x"}}, "headers"),
        ({"url": PUBLIC, "event_types": ["record.created"], "blueprints": ["nope"]}, "blueprints"),
        ({"url": "ftp://93.184.215.14/", "event_types": ["record.created"]}, "url"),
        ({"url": "https://", "event_types": ["record.created"]}, "url"),
        ({"url": PUBLIC, "event_types": "record.created"}, "event_types"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(shop, body, field):
    answer = shop.hooks("POST", "/endpoints", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json"
    assert field in answer.get_json()["errors"], answer.get_json()


def test_bad_replay_and_filter_input_is_a_422(shop):
    assert "since" in shop.hooks("POST", "/replay", 422, json={"since": "yesterday"}).get_json()["errors"]
    assert "since" in shop.hooks("POST", "/replay", 422, json={}).get_json()["errors"]
    bad = shop.hooks("GET", "/deliveries", 422, query_string={"status": "lost"}).get_json()
    assert "status" in bad["errors"]
    shop.hooks("GET", "/attempts", 422, query_string={"limit": 1000})
    shop.hooks("GET", "/deliveries", 422, query_string={"cursor": "!!"})
    shop.hooks("POST", "/messages/01234567-89ab-7def-8123-456789abcdef/replay", 404, json={})


def test_custom_headers_are_sent_but_never_shown(app, shop, monkeypatch):
    allow_local(app, monkeypatch)
    receiver = Receiver()
    try:
        shop.endpoint(receiver, headers={"X-Api-Key": "k-123"})
        shop.emit()
        run_hooks(app)
        assert receiver.calls[0].headers["x-api-key"] == "k-123" and receiver.unverified == []
    finally:
        receiver.close()


def test_rest_hooks_subscribe_and_unsubscribe(shop):
    answer = shop.hooks("POST", "/subscriptions", 201, json={"target_url": PUBLIC, "event": "record.created"})
    body = answer.get_json()
    assert set(body) >= {"id", "target_url", "event"} and body["event"] == "record.created"
    listed = shop.hooks("GET", "/endpoints", 200).get_json()["items"]
    assert listed[0]["source"] == "subscription" and listed[0]["event_types"] == ["record.created"]
    shop.hooks("DELETE", f"/subscriptions/{body['id']}", 204)
    shop.hooks("DELETE", f"/subscriptions/{body['id']}", 404)
    bad = shop.hooks("POST", "/subscriptions", 422, json={"target_url": PUBLIC, "event": "nope"}).get_json()
    assert "event" in bad["errors"]


def test_the_catalogue_covers_every_event_and_the_docs_match_it(shop):
    listed = shop.hooks("GET", "/events", 200).get_json()
    assert {e["type"] for e in listed} == {*EVENT_TYPES, "hook.test"}
    assert all(e["schema"]["properties"]["type"]["const"] == e["type"] for e in listed)
    docs = (Path(__file__).parents[2] / "docs" / "hooks.md").read_text()
    assert render_markdown() in docs, "docs/hooks.md is out of date: paste runtime.hooks.catalogue.render_markdown()"


def test_another_workspace_s_endpoints_are_not_found(app, client, shop):
    created = shop.hooks("POST", "/endpoints", 201, json={"url": PUBLIC, "event_types": ["record.created"]}).get_json()
    other = workspace(app, client, "x-hooks-other")
    other.hooks("GET", f"/endpoints/{created['id']}", 404)
    other.hooks("DELETE", f"/endpoints/{created['id']}", 404)
    assert other.hooks("GET", "/endpoints", 200).get_json()["items"] == []


def test_super_admins_list_every_workspace_s_endpoints_and_deliveries(app, client, shop):
    shop.hooks("POST", "/endpoints", 201, json={"url": PUBLIC, "event_types": ["record.created"]})
    _, admin = hardened_admin(app, client)
    endpoints = client.get("/api/admin/hooks/endpoints", query_string={"tenant": shop.slug}, headers=admin)
    assert endpoints.status_code == 200, endpoints.get_json()
    [item] = endpoints.get_json()["items"]
    assert item["tenant"] == shop.slug and item["url"] == PUBLIC and "secret" not in item
    deliveries = client.get("/api/admin/hooks/deliveries", query_string={"status": "failed"}, headers=admin)
    assert deliveries.status_code == 200 and deliveries.get_json()["items"] == []
    assert client.get("/api/admin/hooks/endpoints", headers=shop.headers).status_code == 403
