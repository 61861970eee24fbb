"""Where an API key is accepted: only under /api/tenants/<its slug>, rate limited per key, and
named in the audit log (the workspace's and the back office's) as the actor.
"""

from __future__ import annotations

import re
import uuid

import pytest

from core.audit.models import ACTOR_KINDS
from tests.factories import create_blueprint, create_tenant, hardened_admin, signed_in_user
from tests.support.apikeys import create_api_key, key_headers

PROBLEM = "application/problem+json"
WORKSPACE = "/api/tenants/{slug}"
# Everything a person's token opens outside a workspace: a key gets 401 from each.
PEOPLE_ONLY = ("/api/auth/", "/api/account/", "/api/admin/", "/api/invitations/", "/api/tenants")


def _sample(item, name, slug):
    if name == "slug":
        return slug
    schema = next(p["schema"] for p in item.get("parameters", []) if p["in"] == "path" and p["name"] == name)
    if schema.get("type") == "integer":
        return "1"
    return str(uuid.UUID(int=0)) if schema.get("format") == "uuid" else "x"


def _operations_outside_workspaces(client, slug):
    """Every documented (method, path) that is not under /api/tenants/{slug}, parameters filled in
    (a slug parameter with the key's own workspace, as the admin's workspace views take one)."""
    document = client.get("/api/openapi.json").get_json()
    found = []
    for path, item in document["paths"].items():
        if path == WORKSPACE or path.startswith(f"{WORKSPACE}/"):
            continue
        concrete = re.sub(r"\{([^}]+)\}", lambda m, item=item: _sample(item, m.group(1), slug), path)
        found += [(method.upper(), concrete) for method in item if method in {"get", "post", "patch", "put", "delete"}]
    return found


def test_a_key_opens_nothing_outside_its_workspace_in_the_whole_openapi_document(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-walk")
    key = key_headers(create_api_key(client, owner, "x-walk", role="admin"))
    operations = _operations_outside_workspaces(client, "x-walk")
    paths = {path for _, path in operations}
    assert {"/api/auth/me", "/api/account/delete", "/api/admin/users", "/api/tenants"} <= paths
    assert any(p.startswith("/api/admin/tenants/x-walk/") for p in paths)
    assert any(p.startswith("/api/invitations/") for p in paths)
    for method, path in operations:
        anonymous = client.open(path, method=method, json={})
        keyed = client.open(path, method=method, json={}, headers=key)
        # The key is worth exactly nothing here: the same answer as no credential at all.
        assert keyed.status_code == anonymous.status_code, (method, path, keyed.get_json(silent=True))
        if path.startswith(PEOPLE_ONLY) and anonymous.status_code == 401:
            assert keyed.status_code == 401 and keyed.mimetype == PROBLEM, (method, path)
    for method, path in (("GET", "/api/auth/me"), ("GET", "/api/tenants"), ("POST", "/api/account/delete")):
        assert client.open(path, method=method, json={}, headers=key).status_code == 401, path
    # The same key where it belongs:
    assert client.get("/api/tenants/x-walk", headers=key).status_code == 200


def test_a_key_travels_as_an_access_token_does(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-scheme")
    secret = create_api_key(client, owner, "x-scheme", role="viewer")["secret"]
    # The Bearer scheme (any case), or the bare value, as Flask-Security-Too takes its tokens.
    for header in (f"Bearer {secret}", f"bearer {secret}", secret):
        assert client.get("/api/tenants/x-scheme", headers={"Authorization": header}).status_code == 200, header
    for header in (f"Basic {secret}", f"Token {secret}", f"Bearer  x{secret}"):
        assert client.get("/api/tenants/x-scheme", headers={"Authorization": header}).status_code == 401, header


@pytest.fixture()
def limits(app):
    saved = app.config["LOOM_RATE_LIMITS_ENABLED"], dict(app.config["LOOM_RATE_LIMITS"])
    app.config["LOOM_RATE_LIMITS_ENABLED"] = True
    app.config["LOOM_RATE_LIMITS"] = dict.fromkeys(saved[1], "1000/minute")
    yield app.config["LOOM_RATE_LIMITS"]
    app.config["LOOM_RATE_LIMITS_ENABLED"], app.config["LOOM_RATE_LIMITS"] = saved


def test_each_key_has_its_own_rate_limit_and_a_429_says_when_to_come_back(client, limits):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-limited")
    busy = key_headers(create_api_key(client, owner, "x-limited", name="Busy", role="viewer"))
    calm = key_headers(create_api_key(client, owner, "x-limited", name="Calm", role="viewer"))
    limits["API_KEY"] = "3/minute"
    for _ in range(3):
        assert client.get("/api/tenants/x-limited", headers=busy).status_code == 200
    refused = client.get("/api/tenants/x-limited/entities?blueprint=x", headers=busy)
    assert refused.status_code == 429 and refused.mimetype == PROBLEM, refused.get_json()
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["retry_after"] == int(refused.headers["Retry-After"])
    # Another key, and the person's own token, are not slowed down.
    assert client.get("/api/tenants/x-limited", headers=calm).status_code == 200
    assert client.get("/api/tenants/x-limited", headers=owner).status_code == 200
    # A wrong secret with the busy key's public id is refused as invalid, not counted against it.
    fake = busy["Authorization"][:-4] + "AAAA"
    assert client.get("/api/tenants/x-limited", headers={"Authorization": fake}).status_code == 401


def test_the_audit_log_names_the_key_as_the_actor(app, client):
    owner_email, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-audited")
    created = create_api_key(client, owner, "x-audited", name="Zapier", role="admin")
    key = key_headers(created)
    create_blueprint(client, key, "x-audited", name="Parcel")
    assert client.patch("/api/tenants/x-audited", json={"name": "Renamed by Zapier"}, headers=key).status_code == 200
    assert client.delete(f"/api/tenants/x-audited/api-keys/{created['id']}", headers=owner).status_code == 204

    log = client.get("/api/tenants/x-audited/audit", headers=owner).get_json()["items"]
    actions = [(e["action"], e["actor"]["kind"], e["actor"]["name"]) for e in reversed(log)]
    assert actions[0] == ("workspace.created", "member", None)
    assert ("api_key.created", "member", None) in actions
    assert ("blueprint.published", "api_key", "Zapier") in actions
    assert ("workspace.updated", "api_key", "Zapier") in actions
    assert actions[-1] == ("api_key.revoked", "member", None)
    by_key = [e for e in log if e["actor"]["kind"] == "api_key"]
    assert {e["actor"]["email"] for e in by_key} == {owner_email}  # it acted for its creator
    created_row = next(e for e in log if e["action"] == "api_key.created")
    assert (created_row["target_type"], created_row["target_id"], created_row["target_label"]) == (
        "api_key",
        created["id"],
        "Zapier",
    )
    assert "api_key" in ACTOR_KINDS
    only_keys = client.get("/api/tenants/x-audited/audit", query_string={"actor_kind": "api_key"}, headers=owner)
    assert {e["action"] for e in only_keys.get_json()["items"]} == {"blueprint.published", "workspace.updated"}
    category = client.get("/api/tenants/x-audited/audit", query_string={"category": "api_key"}, headers=owner)
    assert [e["action"] for e in category.get_json()["items"]] == ["api_key.revoked", "api_key.created"]

    _, admin = hardened_admin(app, client)
    everywhere = client.get("/api/admin/audit", query_string={"actor_kind": "api_key"}, headers=admin).get_json()
    assert {(e["tenant"], e["actor"]["name"]) for e in everywhere["items"]} == {("x-audited", "Zapier")}
