"""Tenants: create, list, open, rename; bad input changes nothing; other users get 404."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core import db
from core.identity.models import Membership, Tenant, TenantRole, User
from tests.factories import create_tenant, signed_in_user


def _tenant_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Tenant))


def test_create_list_open_and_rename(client):
    _, headers = signed_in_user(client)
    created = create_tenant(
        client, headers, "x-delivery", name="X Delivery System", timezone="America/New_York", language="de"
    )
    assert created["slug"] == "x-delivery" and created["role"] == "owner"
    assert created["timezone"] == "America/New_York" and created["language"] == "de"

    listed = client.get("/api/tenants", headers=headers).get_json()
    assert [t["slug"] for t in listed["items"]] == ["x-delivery"]
    assert listed["next_cursor"] is None

    opened = client.get("/api/tenants/x-delivery", headers=headers)
    assert opened.status_code == 200 and opened.get_json()["name"] == "X Delivery System"

    renamed = client.patch("/api/tenants/x-delivery", json={"name": "X Deliveries"}, headers=headers)
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "X Deliveries"
    assert client.get("/api/tenants/x-delivery", headers=headers).get_json()["name"] == "X Deliveries"


def test_list_is_keyset_paged_by_name(client):
    _, headers = signed_in_user(client)
    for slug, name in [("ccc", "Charlie"), ("aaa", "alpha"), ("bbb", "Bravo")]:
        create_tenant(client, headers, slug, name=name)
    seen, cursor = [], None
    while True:
        query = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/tenants", query_string=query, headers=headers).get_json()
        seen += [t["name"] for t in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == ["alpha", "Bravo", "Charlie"]


@pytest.mark.parametrize("limit", [0, 101, "lots"])
def test_page_size_has_a_hard_maximum(client, limit):
    _, headers = signed_in_user(client)
    response = client.get("/api/tenants", query_string={"limit": limit}, headers=headers)
    assert response.status_code == 422
    assert "limit" in response.get_json()["errors"]


def test_bad_cursor_is_a_clear_error(client):
    _, headers = signed_in_user(client)
    response = client.get("/api/tenants", query_string={"cursor": "%%%"}, headers=headers)
    assert response.status_code == 422 and "cursor" in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "Has Spaces"),
        ("slug", "UPPER"),
        ("slug", "ab"),
        ("slug", "-leading"),
        ("slug", "double--hyphen"),
        ("slug", "x" * 64),
        ("slug", "admin"),
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", ""),
        ("language", "xx"),
        ("name", "   "),
        ("name", "n" * 121),
    ],
)
def test_invalid_tenant_input_is_refused_and_nothing_is_written(client, field, value):
    _, headers = signed_in_user(client)
    payload = {"name": "Fine", "slug": "fine-slug", "timezone": "UTC", "language": "en", field: value}
    before = _tenant_count()
    response = client.post("/api/tenants", json=payload, headers=headers)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert field in body["errors"], body
    assert body["detail"]
    assert _tenant_count() == before


def test_missing_and_unknown_fields_are_refused(client):
    _, headers = signed_in_user(client)
    response = client.post("/api/tenants", json={"name": "x", "owner": "me"}, headers=headers)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert {"slug", "timezone", "language", "owner"} <= set(errors)


def test_duplicate_slug_is_refused_and_nothing_is_written(client):
    _, alice = signed_in_user(client, "alice")
    _, bob = signed_in_user(client, "bob")
    create_tenant(client, alice, "shared-name")
    before = _tenant_count()
    response = client.post(
        "/api/tenants", json={"name": "Mine", "slug": "shared-name", "timezone": "UTC", "language": "en"}, headers=bob
    )
    assert response.status_code == 422
    assert "slug" in response.get_json()["errors"]
    assert _tenant_count() == before


def test_renaming_to_a_taken_slug_is_refused(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "first-one")
    create_tenant(client, headers, "second-one")
    response = client.patch("/api/tenants/second-one", json={"slug": "first-one"}, headers=headers)
    assert response.status_code == 422 and "slug" in response.get_json()["errors"]
    assert client.get("/api/tenants/second-one", headers=headers).status_code == 200


def test_another_users_tenant_is_404_and_unchanged(client):
    _, alice = signed_in_user(client, "alice")
    _, mallory = signed_in_user(client, "mallory")
    create_tenant(client, alice, "alice-co", name="Alice Co")

    for method, kwargs in [
        ("get", {}),
        ("patch", {"json": {"name": "Pwned"}}),
        ("patch", {"json": {"slug": "stolen"}}),
    ]:
        response = getattr(client, method)("/api/tenants/alice-co", headers=mallory, **kwargs)
        assert response.status_code == 404, (method, kwargs)
        assert response.mimetype == "application/problem+json"
    assert client.get("/api/tenants", headers=mallory).get_json()["items"] == []
    tenant = db.session.scalars(select(Tenant).where(Tenant.slug == "alice-co")).one()
    assert tenant.name == "Alice Co"


def test_unknown_tenant_is_404_like_a_foreign_one(client):
    _, headers = signed_in_user(client)
    assert client.get("/api/tenants/nobody-here", headers=headers).status_code == 404


def test_viewers_cannot_change_settings(client):
    _, owner = signed_in_user(client, "owner")
    viewer_email, viewer = signed_in_user(client, "viewer")
    created = create_tenant(client, owner, "team-space")
    viewer_id = db.session.scalars(select(User.id).where(User.email == viewer_email)).one()
    db.session.add(Membership(tenant_id=created["id"], user_id=viewer_id, role=TenantRole.VIEWER))
    db.session.commit()

    assert client.get("/api/tenants/team-space", headers=viewer).get_json()["role"] == "viewer"
    response = client.patch("/api/tenants/team-space", json={"name": "Mine now"}, headers=viewer)
    assert response.status_code == 403
    assert client.get("/api/tenants/team-space", headers=owner).get_json()["name"] == "Team-Space"


def test_tenants_need_sign_in(client):
    assert client.get("/api/tenants").status_code == 401
    assert client.post("/api/tenants", json={}).status_code == 401
