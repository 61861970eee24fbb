"""The admin API: super admins only, forced hardening first, and what admins do is audited."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from core import db
from core.identity.models import User
from core.jobs.models import JobStatus
from core.mail.models import OutboxMessage
from tests.factories import (
    INITIAL,
    PASSWORD,
    bearer,
    bootstrap_admin,
    confirm,
    create_tenant,
    drain_job,
    hardened_admin,
    set_up_two_factor,
    sign_in,
    signed_in_user,
    unique_email,
)


def _step(client, headers):
    return client.get("/api/admin/status", headers=headers).get_json()["next_step"]


def test_the_admin_api_does_nothing_until_password_email_and_two_factor_are_done(app, client):
    email = unique_email("admin")
    bootstrap_admin(app, email)
    # The initial password signs in although the address is not confirmed yet.
    headers = bearer(sign_in(client, email, INITIAL))
    for step in ("change_password", "confirm_email", "two_factor_setup"):
        assert _step(client, headers) == step
        refused = client.get("/api/admin/users", headers=headers)
        assert refused.status_code == 403 and refused.get_json()["required_step"] == step
        if step == "change_password":
            body = {"password": INITIAL, "new_password": PASSWORD}
            headers = bearer(client.post("/api/auth/change", json=body, headers=headers).get_json())
        elif step == "confirm_email":
            assert client.post("/api/auth/confirm", json={"email": email}).status_code == 200
            confirm(client, email)
        else:
            set_up_two_factor(client, headers)
    assert _step(client, headers) is None
    assert client.get("/api/admin/users", headers=headers).status_code == 200
    # Only the super admin signs in unconfirmed: an ordinary account still cannot.
    other = unique_email("plain")
    client.post("/api/auth/register", json={"email": other, "password": PASSWORD})
    assert client.post("/api/auth/login", json={"email": other, "password": PASSWORD}).status_code == 422


def _sample(item, name):
    """A value of the path parameter ``name`` that its route accepts (by its type in the document)."""
    schema = next(p["schema"] for p in item.get("parameters", []) if p["in"] == "path" and p["name"] == name)
    if schema.get("type") == "integer":
        return "1"
    return str(uuid.UUID(int=0)) if schema.get("format") == "uuid" else "x"


def _admin_operations(client):
    """Every (method, path) of the admin API in the OpenAPI document, parameters filled in."""
    document = client.get("/api/openapi.json").get_json()
    found = []
    for path, item in document["paths"].items():
        if not path.startswith("/api/admin"):
            continue
        concrete = re.sub(r"\{([^}]+)\}", lambda m, item=item: _sample(item, m.group(1)), path)
        found += [(method.upper(), concrete) for method in item if method in {"get", "post", "patch", "put", "delete"}]
    return found


def test_ordinary_tokens_get_nothing_from_any_admin_endpoint(client):
    operations = _admin_operations(client)
    assert {"/api/admin/users", "/api/admin/tenants", "/api/admin/audit"} <= {p for _, p in operations}
    _, user = signed_in_user(client, "plain")
    for method, path in operations:
        anonymous = client.open(path, method=method, json={})
        assert anonymous.status_code == 401, (method, path, anonymous.status_code)
        ordinary = client.open(path, method=method, json={}, headers=user)
        assert ordinary.status_code == 403, (method, path, ordinary.status_code)


def test_an_admin_session_is_not_a_workspace_members_session(app, client):
    _, admin = hardened_admin(app, client)
    answer = client.post(
        "/api/tenants", json={"name": "Mine", "slug": "x-admins", "timezone": "UTC", "language": "en"}, headers=admin
    )
    assert answer.status_code == 403
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-someone")
    assert client.get("/api/tenants/x-someone", headers=admin).status_code == 404
    # Nor does an invitation make the admin a member: refused, and the link stays usable.
    admin_email = client.get("/api/auth/me", headers=admin).get_json()["email"]
    invited = {"email": admin_email, "role": "viewer"}
    assert client.post("/api/tenants/x-someone/invitations", json=invited, headers=owner).status_code == 201
    db.session.rollback()
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == admin_email, OutboxMessage.template == "invitation")
    ).one()
    token = re.search(r"/invitations/([A-Za-z0-9_-]+)", mail.text_body).group(1)
    assert client.post(f"/api/invitations/{token}/accept", headers=admin).status_code == 403
    assert client.get(f"/api/invitations/{token}").status_code == 200
    assert client.get("/api/tenants/x-someone", headers=admin).status_code == 404


def test_admins_find_users_and_workspaces_disable_and_delete_accounts_and_it_is_audited(app, client):
    admin_email, admin = hardened_admin(app, client)
    email, headers = signed_in_user(client, "findme")
    create_tenant(client, headers, "x-findme", name="Find Me Shop")

    [found] = client.get("/api/admin/users", query_string={"q": "findme"}, headers=admin).get_json()["items"]
    # Search text is literal: % and _ are no wildcards.
    assert client.get("/api/admin/users", query_string={"q": "find%"}, headers=admin).get_json()["items"] == []
    assert client.get("/api/admin/tenants", query_string={"q": "x_f"}, headers=admin).get_json()["items"] == []
    assert (found["email"], found["active"], found["admin"]) == (email, True, False)
    detail = client.get(f"/api/admin/users/{found['id']}", headers=admin).get_json()
    assert detail["workspaces"] == [{"slug": "x-findme", "name": "Find Me Shop", "role": "owner"}]
    shops = client.get("/api/admin/tenants", query_string={"q": "find me"}, headers=admin).get_json()["items"]
    assert [(t["slug"], t["members"]) for t in shops] == [("x-findme", 1)]

    # Disabled: the person's sessions end at once, and signing in fails.
    disabled = client.patch(f"/api/admin/users/{found['id']}", json={"active": False}, headers=admin)
    assert disabled.status_code == 200 and disabled.get_json()["active"] is False
    assert client.get("/api/auth/me", headers=headers).status_code == 401
    assert client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).status_code == 422
    assert client.patch(f"/api/admin/users/{found['id']}", json={"active": "maybe"}, headers=admin).status_code == 422

    started = client.delete(f"/api/admin/users/{found['id']}", headers=admin)
    assert started.status_code == 202
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    assert client.get(f"/api/admin/users/{found['id']}", headers=admin).status_code == 404
    assert client.get("/api/admin/tenants/x-findme", headers=admin).status_code == 404

    log = client.get("/api/admin/audit", query_string={"actor_kind": "admin"}, headers=admin).get_json()["items"]
    assert [(e["action"], e["actor"]["email"]) for e in log] == [
        ("user.deleted", admin_email),
        ("user.disabled", admin_email),
    ]
    # The deleted person's address left the log with them.
    assert [e["target_label"] for e in log] == [None, None]


def test_admins_confirm_an_address_and_turn_off_a_lost_phone_audited(app, client):
    admin_email, admin = hardened_admin(app, client)
    email = unique_email("lostphone")
    client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    [found] = client.get("/api/admin/users", query_string={"q": email}, headers=admin).get_json()["items"]
    url = f"/api/admin/users/{found['id']}"
    assert found["confirmed_at"] is None
    # The confirmation email never arrived: the admin confirms the address; asking twice is harmless.
    for bad in ({}, {"confirmed": False}):
        assert client.patch(url, json=bad, headers=admin).status_code == 422
    confirmed = client.patch(url, json={"confirmed": True}, headers=admin)
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["confirmed_at"] is not None
    assert client.patch(url, json={"confirmed": True}, headers=admin).status_code == 200
    headers = bearer(sign_in(client, email, PASSWORD))

    # Two-step sign-in on, then the phone is lost: the admin turns it off; the person is told by email.
    reset = f"{url}/two-factor/reset"
    assert client.post(reset, headers=admin).status_code == 409
    set_up_two_factor(client, headers)
    assert client.get(url, headers=admin).get_json()["two_factor"] is True
    answer = client.post(reset, headers=admin)
    assert answer.status_code == 200 and answer.get_json()["two_factor"] is False
    assert client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json().get("access_token")
    with app.app_context():
        told = db.session.scalars(select(OutboxMessage.template).where(OutboxMessage.recipient == email)).all()
    assert "two_factor_off" in told

    log = client.get(
        "/api/admin/audit", query_string={"target_id": str(found["id"]), "target_type": "user"}, headers=admin
    )
    assert [(e["action"], e["actor"]["email"], e["actor"]["kind"]) for e in log.get_json()["items"]] == [
        ("user.two_factor_reset", admin_email, "admin"),
        ("user.confirmed", admin_email, "admin"),
    ]


def test_super_admins_are_not_disabled_or_deleted_through_the_api(app, client):
    _, admin = hardened_admin(app, client)
    me = client.get("/api/auth/me", headers=admin).get_json()["id"]
    assert client.patch(f"/api/admin/users/{me}", json={"active": False}, headers=admin).status_code == 403
    assert client.delete(f"/api/admin/users/{me}", headers=admin).status_code == 403
    assert client.post(f"/api/admin/users/{me}/two-factor/reset", headers=admin).status_code == 403


@pytest.mark.parametrize("cursor", ["bm9wZQ", "WyJ4Il0"])
def test_bad_cursors_are_clear_errors(app, client, cursor):
    _, admin = hardened_admin(app, client)
    answer = client.get("/api/admin/users", query_string={"cursor": cursor}, headers=admin)
    assert answer.status_code == 422 and "cursor" in answer.get_json()["errors"]


def test_the_shell_creates_super_admins_and_resets_their_two_factor_audited(app, client):
    from runtime.admin.shell import ShellError, create_superadmin, reset_two_factor

    admin_email, admin = hardened_admin(app, client)
    second = unique_email("second-admin")
    with app.app_context():
        password = create_superadmin(db.session, second)
        db.session.commit()
        with pytest.raises(ShellError):
            create_superadmin(db.session, second.upper())
        with pytest.raises(ShellError):
            reset_two_factor(db.session, second)  # no two-step sign-in yet
    assert _step(client, bearer(sign_in(client, second, password))) == "change_password"

    with app.app_context():
        reset_two_factor(db.session, admin_email)
        db.session.commit()
    assert _step(client, admin) == "two_factor_setup"
    assert client.get("/api/admin/users", headers=admin).status_code == 403
    set_up_two_factor(client, admin)
    log = client.get("/api/admin/audit", query_string={"actor_kind": "shell"}, headers=admin).get_json()["items"]
    assert [(e["action"], e["target_label"], e["actor"]["id"]) for e in log] == [
        ("admin.two_factor_reset", admin_email, None),
        ("admin.created", second, None),
    ]


def test_the_first_start_admin_can_sign_in_and_an_address_the_sign_in_refuses_is_not_used(app, client):
    from runtime.auth.bootstrap import bootstrap_superadmin

    with app.app_context():
        with pytest.raises(ValueError, match="cannot be used to sign in"):
            bootstrap_superadmin(db.session, "admin@loom.localhost", None)
        assert db.session.scalars(select(User).where(User.email == "admin@loom.localhost")).first() is None
        default = app.config["LOOM"].admin_email
        result = bootstrap_superadmin(db.session, default, None)
        db.session.commit()
    assert result.created and result.password
    assert client.post("/api/auth/login", json={"email": default, "password": result.password}).status_code == 200
