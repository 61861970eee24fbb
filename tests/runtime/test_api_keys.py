"""API keys: made by owners and admins with the password and code, shown once, stored as a digest,
listed without secrets, revoked; and what a key may do: its role, for its creator, in its workspace.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from core.identity.models import Membership, TenantRole, User
from runtime.apikeys.auth import CREATOR_GONE, EXPIRED, NOT_VALID, REVOKED
from runtime.apikeys.models import ApiKey
from runtime.entities.models import Entity
from tests.factories import (
    PASSWORD,
    add_member,
    create_tenant,
    set_up_two_factor,
    signed_in_user,
)
from tests.support.apikeys import create_api_key, key_headers

PROBLEM = "application/problem+json"


def _owner(client, slug="x-keys"):
    email, headers = signed_in_user(client, "owner")
    create_tenant(client, headers, slug)
    return email, headers


def _user_id(email):
    return db.session.scalars(select(User.id).where(User.email == email)).one()


def _row(key_id):
    return db.session.scalars(
        select(ApiKey).where(ApiKey.id == uuid.UUID(key_id)).execution_options(all_tenants=True)
    ).one()


def test_a_key_is_shown_once_stored_as_a_digest_and_listed_without_its_secret(client):
    email, owner = _owner(client)
    created = create_api_key(client, owner, "x-keys", name="Zapier", role="editor")
    secret = created["secret"]
    assert secret.startswith(f"{created['prefix']}_") and created["prefix"].startswith("loom_")
    assert len(secret) > 60
    assert (created["name"], created["role"], created["effective_role"], created["state"]) == (
        "Zapier",
        "editor",
        "editor",
        "active",
    )
    assert created["created_by"] == {"id": _user_id(email), "email": email}
    assert created["last_used_at"] is None and created["revoked_at"] is None and created["expires_at"] is None

    listed = client.get("/api/tenants/x-keys/api-keys", headers=owner).get_json()
    assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert "secret" not in listed["items"][0] and secret not in str(listed)
    one = client.get(f"/api/tenants/x-keys/api-keys/{created['id']}", headers=owner).get_json()
    assert "secret" not in one and one["prefix"] == created["prefix"]

    row = _row(created["id"])
    stored = [str(getattr(row, column.key)) for column in ApiKey.__table__.columns]
    assert not any(secret in value or secret.split("_", 2)[2] in value for value in stored)
    assert len(row.secret_digest) == 64

    workspace = client.get("/api/tenants/x-keys", headers=key_headers(created))
    assert workspace.status_code == 200 and workspace.get_json()["role"] == "editor"


def test_creating_a_key_takes_the_password_and_the_authenticators_code(client):
    _, owner = _owner(client)
    totp, _ = set_up_two_factor(client, owner)
    url = "/api/tenants/x-keys/api-keys"
    body = {"name": "Make", "role": "viewer"}
    missing = client.post(url, json=body, headers=owner)
    assert missing.status_code == 422 and set(missing.get_json()["errors"]) == {"password", "code"}
    wrong = client.post(url, json={**body, "password": "not it at all 123", "code": totp.now()}, headers=owner)
    assert wrong.status_code == 422 and set(wrong.get_json()["errors"]) == {"password"}
    no_code = client.post(url, json={**body, "password": PASSWORD}, headers=owner)
    assert no_code.status_code == 422 and set(no_code.get_json()["errors"]) == {"code"}
    bad_code = client.post(url, json={**body, "password": PASSWORD, "code": "000000"}, headers=owner)
    assert bad_code.status_code == 422 and set(bad_code.get_json()["errors"]) == {"code"}
    assert client.get(url, headers=owner).get_json()["items"] == []
    made = client.post(url, json={**body, "password": PASSWORD, "code": totp.now()}, headers=owner)
    assert made.status_code == 201, made.get_json()


def test_bad_input_is_a_422_problem_never_a_500(client):
    _, owner = _owner(client)
    create_api_key(client, owner, "x-keys", name="Zapier")
    url = "/api/tenants/x-keys/api-keys"
    future = (clock.now() + timedelta(days=1)).isoformat()
    cases = {
        "role": {"name": "A", "role": "owner"},
        "name": {"name": "   ", "role": "viewer"},
        "expires_at": {"name": "B", "role": "viewer", "expires_at": "2020-01-01T00:00:00+00:00"},
    }
    cases["name_taken"] = {"name": "zapier", "role": "viewer"}
    cases["naive"] = {"name": "C", "role": "viewer", "expires_at": future.replace("+00:00", "")}
    cases["long"] = {"name": "x" * 81, "role": "viewer"}
    cases["missing"] = {}
    cases["types"] = {"name": 5, "role": ["admin"], "expires_at": "soon"}
    for case, body in cases.items():
        answer = client.post(url, json={**body, "password": PASSWORD}, headers=owner)
        assert answer.status_code == 422 and answer.mimetype == PROBLEM, (case, answer.get_json())
        assert answer.get_json()["errors"], case
    for query in ({"state": "lost"}, {"cursor": "!!"}, {"limit": 0}):
        answer = client.get(url, query_string=query, headers=owner)
        assert answer.status_code == 422 and answer.mimetype == PROBLEM, (query, answer.get_json())
    not_json = client.post(url, data="name=A", content_type="text/plain", headers=owner)
    assert not_json.status_code in (415, 422) and not_json.mimetype == PROBLEM
    assert client.get(f"{url}/{uuid.uuid4()}", headers=owner).status_code == 404
    not_an_id = client.delete(f"{url}/not-a-uuid", headers=owner)
    assert not_an_id.status_code in (404, 405) and not_an_id.mimetype == PROBLEM
    assert len(client.get(url, headers=owner).get_json()["items"]) == 1


def test_revoked_and_expired_keys_get_401(client):
    _, owner = _owner(client)
    soon = create_api_key(
        client, owner, "x-keys", name="Soon", expires_at=(clock.now() + timedelta(minutes=5)).isoformat()
    )
    kept = create_api_key(client, owner, "x-keys", name="Kept")
    assert client.get("/api/tenants/x-keys", headers=key_headers(kept)).status_code == 200

    assert client.delete(f"/api/tenants/x-keys/api-keys/{kept['id']}", headers=owner).status_code == 204
    revoked = client.get("/api/tenants/x-keys", headers=key_headers(kept))
    assert revoked.status_code == 401 and revoked.mimetype == PROBLEM and revoked.get_json()["detail"] == REVOKED
    assert client.delete(f"/api/tenants/x-keys/api-keys/{kept['id']}", headers=owner).status_code == 204

    assert client.get("/api/tenants/x-keys", headers=key_headers(soon)).status_code == 200
    clock.travel(timedelta(minutes=6))
    expired = client.get("/api/tenants/x-keys/entities", headers=key_headers(soon))
    assert expired.status_code == 401 and expired.get_json()["detail"] == EXPIRED
    states = {
        k["name"]: k["state"] for k in client.get("/api/tenants/x-keys/api-keys", headers=owner).get_json()["items"]
    }
    assert states == {"Soon": "expired", "Kept": "revoked"}
    only_revoked = client.get("/api/tenants/x-keys/api-keys", query_string={"state": "revoked"}, headers=owner)
    assert [k["name"] for k in only_revoked.get_json()["items"]] == ["Kept"]

    # A revoked key's name is free again; a made-up or mangled key is simply not valid.
    create_api_key(client, owner, "x-keys", name="Kept")
    for token in (kept["secret"][:-1] + "x", "loom_", "loom_zz_zz", kept["prefix"] + "_" + "a" * 43):
        answer = client.get("/api/tenants/x-keys", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401 and answer.get_json()["detail"] == NOT_VALID, token


def test_a_key_acts_for_its_creator_with_its_own_role(client):
    email, owner = _owner(client)
    client.post(
        "/api/tenants/x-keys/blueprints",
        json={"name": "Note", "columns": [{"key": "text", "label": "Text", "type": "text"}]},
        headers=owner,
    )
    client.post("/api/tenants/x-keys/blueprints/note/publish", json={"lock_version": 1}, headers=owner)
    viewer = key_headers(create_api_key(client, owner, "x-keys", name="Reader", role="viewer"))
    editor = key_headers(create_api_key(client, owner, "x-keys", name="Writer", role="editor"))
    record = {"blueprint": "note", "data": {"text": "hello"}}

    assert (
        client.get("/api/tenants/x-keys/entities", query_string={"blueprint": "note"}, headers=viewer).status_code
        == 200
    )
    refused = client.post("/api/tenants/x-keys/entities", json=record, headers=viewer)
    assert refused.status_code == 403 and refused.mimetype == PROBLEM
    assert (
        client.post("/api/tenants/x-keys/blueprints", json={"name": "X", "columns": []}, headers=editor).status_code
        == 403
    )

    made = client.post("/api/tenants/x-keys/entities", json=record, headers=editor)
    assert made.status_code == 201, made.get_json()
    entity = db.session.scalars(
        select(Entity).where(Entity.id == uuid.UUID(made.get_json()["id"])).execution_options(all_tenants=True)
    ).one()
    assert entity.created_by == entity.updated_by == _user_id(email)


def test_a_key_never_does_more_than_its_creator_may_now_and_stops_when_they_leave(client):
    _, owner = _owner(client)
    admin_email, admin = signed_in_user(client, "admin")
    add_member("x-keys", admin_email, "admin")
    created = create_api_key(client, admin, "x-keys", name="Admin's", role="admin")
    key = key_headers(created)
    assert client.patch("/api/tenants/x-keys", json={"name": "By key"}, headers=key).status_code == 200

    admin_id = _user_id(admin_email)
    demoted = client.patch(f"/api/tenants/x-keys/members/{admin_id}", json={"role": "viewer"}, headers=owner)
    assert demoted.status_code == 200
    assert client.patch("/api/tenants/x-keys", json={"name": "Again"}, headers=key).status_code == 403
    assert client.get("/api/tenants/x-keys", headers=key).get_json()["role"] == "viewer"
    listed = client.get(f"/api/tenants/x-keys/api-keys/{created['id']}", headers=owner).get_json()
    assert (listed["role"], listed["effective_role"], listed["state"]) == ("admin", "viewer", "active")

    assert client.delete(f"/api/tenants/x-keys/members/{admin_id}", headers=owner).status_code == 204
    gone = client.get("/api/tenants/x-keys", headers=key)
    assert gone.status_code == 401 and gone.get_json()["detail"] == CREATOR_GONE
    listed = client.get(f"/api/tenants/x-keys/api-keys/{created['id']}", headers=owner).get_json()
    assert (listed["state"], listed["effective_role"]) == ("creator_left", None)
    # Invited back later, they do not get the old key back: it belonged to the membership that ended.
    tenant_id = _row(created["id"]).tenant_id
    joined = _row(created["id"]).created_at + timedelta(seconds=1)
    db.session.add(Membership(tenant_id=tenant_id, user_id=admin_id, role=TenantRole.ADMIN, created_at=joined))
    db.session.commit()
    assert client.get("/api/tenants/x-keys", headers=owner).status_code == 200
    assert client.get("/api/tenants/x-keys", headers=key).status_code == 401


def test_a_key_of_one_workspace_is_404_in_another_even_one_its_creator_is_in(client):
    _, owner = _owner(client, "x-keys-a")
    create_tenant(client, owner, "x-keys-b")
    key = key_headers(create_api_key(client, owner, "x-keys-a", role="admin"))
    for method, path in (
        ("GET", "/api/tenants/x-keys-b"),
        ("GET", "/api/tenants/x-keys-b/entities?blueprint=x"),
        ("GET", "/api/tenants/x-keys-b/api-keys"),
        ("POST", "/api/tenants/x-keys-b/invitations"),
        ("GET", "/api/tenants/nowhere/members"),
    ):
        answer = client.open(path, method=method, json={}, headers=key)
        assert answer.status_code == 404 and answer.mimetype == PROBLEM, (method, path, answer.get_json())
    assert client.get("/api/tenants/x-keys-a", headers=key).status_code == 200


def test_keys_never_manage_keys_members_or_invitations(client):
    _, owner = _owner(client)
    viewer_email, _ = signed_in_user(client, "viewer")
    add_member("x-keys", viewer_email, "viewer")
    created = create_api_key(client, owner, "x-keys", role="admin")
    key = key_headers(created)
    viewer_id = _user_id(viewer_email)
    for method, path, body in (
        ("GET", "/api-keys", None),
        ("POST", "/api-keys", {"name": "More", "role": "admin", "password": PASSWORD}),
        ("GET", f"/api-keys/{created['id']}", None),
        ("DELETE", f"/api-keys/{created['id']}", None),
        ("GET", "/invitations", None),
        ("POST", "/invitations", {"email": "someone@example.com", "role": "viewer"}),
        ("DELETE", f"/invitations/{uuid.uuid4()}", None),
        ("PATCH", f"/members/{viewer_id}", {"role": "editor"}),
        ("DELETE", f"/members/{viewer_id}", None),
    ):
        answer = client.open(f"/api/tenants/x-keys{path}", method=method, json=body, headers=key)
        assert answer.status_code == 403 and answer.mimetype == PROBLEM, (method, path, answer.get_json())
    # Reading who is in the workspace is allowed: records' member columns name them.
    assert client.get("/api/tenants/x-keys/members", headers=key).status_code == 200
    assert len(client.get("/api/tenants/x-keys/members", headers=owner).get_json()["items"]) == 2


def test_last_used_is_written_at_most_once_a_minute(client):
    _, owner = _owner(client)
    created = create_api_key(client, owner, "x-keys", role="viewer")
    key = key_headers(created)
    client.get("/api/tenants/x-keys", headers=key)
    first = _row(created["id"]).last_used_at
    assert first is not None
    client.get("/api/tenants/x-keys", headers=key)
    assert _row(created["id"]).last_used_at == first
    clock.travel(timedelta(seconds=61))
    client.get("/api/tenants/x-keys", headers=key)
    later = _row(created["id"]).last_used_at
    assert later > first
    assert client.get(f"/api/tenants/x-keys/api-keys/{created['id']}", headers=owner).get_json()["last_used_at"]
