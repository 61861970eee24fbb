"""The audit log of a workspace: what is recorded, by whom, filters and pages, and who may read it."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from core.mail.models import OutboxMessage
from tests.factories import (
    add_member,
    bearer,
    confirm,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drawn_stock,
    register,
    sign_in,
    signed_in_user,
    unique_email,
)

AUDIT = "/api/tenants/x-audit/audit"


def _log(client, headers, status=200, **query):
    answer = client.get(AUDIT, headers=headers, query_string=query)
    assert answer.status_code == status, answer.get_json()
    return answer.get_json()


def _actions(client, headers, **query):
    return [e["action"] for e in _log(client, headers, **query)["items"]]


def _join(client, owner, role):
    """A new person, invited by ``owner`` and joined: their email and headers."""
    email = unique_email(role)
    client.post("/api/tenants/x-audit/invitations", json={"email": email, "role": role}, headers=owner)
    db.session.rollback()
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == email, OutboxMessage.template == "invitation")
    ).one()
    token = re.search(r"/invitations/([A-Za-z0-9_-]+)", mail.text_body).group(1)
    register(client, email)
    confirm(client, email)
    headers = bearer(sign_in(client, email))
    assert client.post(f"/api/invitations/{token}/accept", headers=headers).status_code == 200
    return email, headers


def test_member_changes_settings_publishes_and_deletions_are_recorded_with_who_and_what(client):
    owner_email, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-audit")
    editor_email, editor = _join(client, owner, "editor")
    editor_id = client.get("/api/auth/me", headers=editor).get_json()["id"]
    client.patch(f"/api/tenants/x-audit/members/{editor_id}", json={"role": "admin"}, headers=owner)
    client.patch("/api/tenants/x-audit", json={"name": "Audited", "timezone": "Asia/Tokyo"}, headers=owner)
    create_blueprint(client, owner, "x-audit")
    create_flow(client, editor, "x-audit", "stock_item", name="Stock", xml=drawn_stock())
    entity = create_entity(client, owner, "x-audit", "stock_item", type="BOX")
    assert client.delete(f"/api/tenants/x-audit/entities/{entity['id']}", headers=editor).status_code == 204
    client.delete(f"/api/tenants/x-audit/members/{editor_id}", headers=owner)

    events = _log(client, owner)["items"]
    assert [e["action"] for e in events] == [
        "member.removed",
        "record.deleted",
        "flow.published",
        "blueprint.published",
        "workspace.updated",
        "member.role_changed",
        "member.joined",
        "invitation.sent",
        "workspace.created",
    ]
    by_action = {e["action"]: e for e in events}
    role = by_action["member.role_changed"]
    assert role["actor"] == {"id": role["actor"]["id"], "email": owner_email, "kind": "member", "name": None}
    assert (role["target_type"], role["target_id"], role["target_label"]) == ("user", str(editor_id), editor_email)
    assert role["details"] == {"from": "editor", "to": "admin"}
    assert by_action["workspace.updated"]["details"] == {
        "name": {"from": "X-Audit", "to": "Audited"},
        "timezone": {"from": "Europe/Berlin", "to": "Asia/Tokyo"},
    }
    assert by_action["flow.published"]["actor"]["email"] == editor_email
    assert by_action["flow.published"]["details"] == {"key": "stock", "version": 1}
    deleted = by_action["record.deleted"]
    assert (deleted["target_id"], deleted["target_label"]) == (entity["id"], "Stock item")
    assert by_action["member.joined"]["actor"]["email"] == editor_email

    # Filters: kind of action, one action, one person, one object, a time window.
    assert _actions(client, owner, category="member") == ["member.removed", "member.role_changed", "member.joined"]
    assert _actions(client, owner, action="blueprint.published") == ["blueprint.published"]
    assert _actions(client, owner, actor=editor_id) == ["record.deleted", "flow.published", "member.joined"]
    assert _actions(client, owner, target_type="user", target_id=str(editor_id)) == [
        "member.removed",
        "member.role_changed",
        "member.joined",
    ]
    later = (clock.now() + timedelta(minutes=1)).isoformat()
    assert _actions(client, owner, since=later) == []
    assert len(_actions(client, owner, until=later)) == 9


def test_pages_walk_the_whole_log_newest_first(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-audit")
    for name in ("One", "Two", "Three", "Four"):
        client.patch("/api/tenants/x-audit", json={"name": name}, headers=owner)
    seen, cursor = [], None
    while True:
        page = _log(client, owner, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [e["details"].get("name", {}).get("to") for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["Four", "Three", "Two", "One", None]
    assert _log(client, owner, 422, cursor="bm90LWEtdXVpZA")["errors"] == {
        "cursor": ["This cursor is not valid; start again from the first page."]
    }
    assert "category" in _log(client, owner, 422, category="weather")["errors"]


def test_only_owners_and_admins_read_the_log_and_only_their_workspaces(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-audit")
    for role, status in (("admin", 200), ("editor", 403), ("viewer", 403)):
        email, headers = signed_in_user(client, role)
        add_member("x-audit", email, role)
        assert client.get(AUDIT, headers=headers).status_code == status, role
    _, stranger = signed_in_user(client, "stranger")
    assert client.get(AUDIT, headers=stranger).status_code == 404
    # Another workspace's log holds only its own events.
    create_tenant(client, stranger, "x-other")
    client.patch("/api/tenants/x-other", json={"name": "Elsewhere"}, headers=stranger)
    other = client.get("/api/tenants/x-other/audit", headers=stranger).get_json()["items"]
    assert [e["action"] for e in other] == ["workspace.updated", "workspace.created"]
    assert "workspace.updated" not in _actions(client, owner)


def test_a_refused_change_leaves_no_trace(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-audit")
    owner_id = client.get("/api/auth/me", headers=owner).get_json()["id"]
    # The last owner cannot step down: 409, and nothing is recorded.
    answer = client.patch(f"/api/tenants/x-audit/members/{owner_id}", json={"role": "viewer"}, headers=owner)
    assert answer.status_code == 409
    assert client.patch("/api/tenants/x-audit", json={"slug": "Not A Slug"}, headers=owner).status_code == 422
    assert _actions(client, owner) == ["workspace.created"]
