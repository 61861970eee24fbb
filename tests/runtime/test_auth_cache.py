"""The auth cache (LOOM_AUTH_CACHE_SECONDS): a token's check and the caller's membership are
remembered per token and workspace, and whatever ends or narrows access is honoured on the very
next request all the same: sign-out, a password change, deactivation, a role change, a removal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from core.identity import auth_cache
from tests.factories import (
    PASSWORD,
    add_member,
    bearer,
    create_blueprint,
    create_tenant,
    sign_in,
    signed_in_user,
)

NEW_PASSWORD = "another horse battery staple 77"
WARM = 3  # the first request notes the token's user, the second makes the entry, the third uses it


@pytest.fixture(autouse=True)
def _cache_on(app):
    """Every test here runs with the cache on, from an empty cache."""
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, auth_cache_seconds=5)
    auth_cache.forget_all()
    yield
    app.config["LOOM"] = settings
    auth_cache.forget_all()


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs."""
    sent: list[str] = []

    def note(conn, cursor, statement, params, context, many):
        sent.append(statement)

    engine = app.extensions["loom_engine"]
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _warm(client, path, headers):
    for _ in range(WARM):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, answer.get_json()


def _reads(sent, table):
    return [s for s in sent if f"FROM {table}" in s or f"JOIN {table}" in s]


def _workspace_with_member(client, slug, role="editor"):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, slug)
    create_blueprint(client, owner, slug)
    member_email, member = signed_in_user(client, "member")
    add_member(slug, member_email, role)
    member_id = client.get("/api/auth/me", headers=member).get_json()["id"]
    return owner, member, member_id


def test_a_warm_token_and_membership_are_checked_without_a_query(app, client):
    owner, _, _ = _workspace_with_member(client, "cache-warm")
    path = "/api/tenants/cache-warm/entities?blueprint=stock_item"
    _warm(client, path, owner)
    with statements(app) as sent:
        assert client.get(path, headers=owner).status_code == 200
    assert _reads(sent, "users") == [] and _reads(sent, "memberships") == []
    assert _reads(sent, "refresh_trackers") == []


def test_sign_out_is_honoured_at_once(app, client):
    email, _ = signed_in_user(client, "leaver")
    tokens = sign_in(client, email)
    _warm(client, "/api/auth/me", bearer(tokens))
    assert client.post("/api/auth/logout", json={}, headers=bearer(tokens)).status_code == 200
    assert client.get("/api/auth/me", headers=bearer(tokens)).status_code == 401


def test_a_password_change_is_honoured_at_once(app, client):
    email, _ = signed_in_user(client, "changer")
    mine, theirs = sign_in(client, email), sign_in(client, email)
    _warm(client, "/api/auth/me", bearer(theirs))
    changed = client.post(
        "/api/auth/change", json={"password": PASSWORD, "new_password": NEW_PASSWORD}, headers=bearer(mine)
    )
    assert changed.status_code == 200, changed.get_json()
    assert client.get("/api/auth/me", headers=bearer(theirs)).status_code == 401


def test_a_role_change_is_honoured_at_once(app, client):
    owner, member, member_id = _workspace_with_member(client, "cache-role", "editor")
    path = "/api/tenants/cache-role/entities?blueprint=stock_item"
    _warm(client, path, member)
    record = {"blueprint": "stock_item", "data": {"type": "BOX"}}
    assert client.post("/api/tenants/cache-role/entities", json=record, headers=member).status_code == 201
    changed = client.patch(f"/api/tenants/cache-role/members/{member_id}", json={"role": "viewer"}, headers=owner)
    assert changed.status_code == 200, changed.get_json()
    refused = client.post("/api/tenants/cache-role/entities", json=record, headers=member)
    assert refused.status_code == 403, refused.get_json()
    assert client.get(path, headers=member).status_code == 200  # a viewer still reads


def test_removal_from_the_workspace_is_honoured_at_once(app, client):
    owner, member, member_id = _workspace_with_member(client, "cache-gone")
    path = "/api/tenants/cache-gone/entities?blueprint=stock_item"
    _warm(client, path, member)
    assert client.delete(f"/api/tenants/cache-gone/members/{member_id}", headers=owner).status_code == 204
    assert client.get(path, headers=member).status_code == 404


def test_deactivation_is_honoured_at_once(app, client):
    from core import db
    from core.identity.models import User

    _, member, member_id = _workspace_with_member(client, "cache-off")
    path = "/api/tenants/cache-off/entities?blueprint=stock_item"
    _warm(client, path, member)
    with app.app_context():  # as the admin API or a command would
        db.session.get(User, member_id).active = False
        db.session.commit()
    assert client.get(path, headers=member).status_code == 401


def test_entries_never_answer_for_another_workspace(app, client):
    email, person = signed_in_user(client, "two-places")
    create_tenant(client, person, "cache-one")
    create_blueprint(client, person, "cache-one")
    _, owner = signed_in_user(client, "other-owner")
    create_tenant(client, owner, "cache-two")
    create_blueprint(client, owner, "cache-two")
    create_tenant(client, owner, "cache-three")
    add_member("cache-two", email, "viewer")
    one, two = "/api/tenants/cache-one/entities", "/api/tenants/cache-two/entities"
    record = {"blueprint": "stock_item", "data": {"type": "BOX"}}
    _warm(client, f"{one}?blueprint=stock_item", person)
    assert client.post(one, json=record, headers=person).status_code == 201  # owner in one
    _warm(client, f"{two}?blueprint=stock_item", person)
    assert client.post(two, json=record, headers=person).status_code == 403  # viewer in two
    listed = client.get(f"{two}?blueprint=stock_item", headers=person).get_json()
    assert listed["items"] == []  # two's records, not one's
    assert client.get("/api/tenants/cache-three/entities?blueprint=stock_item", headers=person).status_code == 404


def test_without_redis_nothing_is_cached_and_requests_still_work(app, client):
    owner, _, _ = _workspace_with_member(client, "cache-no-redis")
    path = "/api/tenants/cache-no-redis/entities?blueprint=stock_item"
    _warm(client, path, owner)
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, redis_url="redis://127.0.0.1:1/0")
    try:
        with statements(app) as sent:
            for _ in range(WARM):
                assert client.get(path, headers=owner).status_code == 200
        assert len(_reads(sent, "memberships")) == WARM
    finally:
        app.config["LOOM"] = settings
        auth_cache._down_until[0] = 0.0  # Redis answers again: no need to wait out the pause
