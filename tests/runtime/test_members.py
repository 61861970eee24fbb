"""Members of a workspace: roles, removal, the last owner, and invitations by email with their
edge cases (expired, used, for another address, to a deleted workspace)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, text

from core import clock, db
from core.identity.models import Membership
from core.mail.models import OutboxMessage
from tests.factories import add_member, bearer, confirm, create_tenant, register, sign_in, signed_in_user, unique_email


def _person(client, prefix="member"):
    return signed_in_user(client, prefix)


def _workspace(client, slug):
    owner_email, owner = _person(client, "owner")
    create_tenant(client, owner, slug)
    return owner_email, owner


def _members(client, slug, headers):
    answer = client.get(f"/api/tenants/{slug}/members", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return {m["email"]: m["role"] for m in answer.get_json()["items"]}


def _user_id(client, headers):
    return client.get("/api/auth/me", headers=headers).get_json()["id"]


def _invite(client, slug, headers, email, role="editor", status=201):
    answer = client.post(f"/api/tenants/{slug}/invitations", json={"email": email, "role": role}, headers=headers)
    assert answer.status_code == status, answer.get_json()
    return answer.get_json()


def _link(email):
    """The token in the last invitation mailed to ``email``."""
    db.session.rollback()
    mail = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == email, OutboxMessage.template == "invitation")
        .order_by(OutboxMessage.id.desc())
    ).first()
    return re.search(r"/invitations/([A-Za-z0-9_-]+)", mail.text_body).group(1)


def test_an_invitation_by_email_makes_a_member_with_that_role(client):
    owner_email, owner = _workspace(client, "x-team")
    guest = unique_email("guest")
    _invite(client, "x-team", owner, guest, "viewer")
    token = _link(guest)
    preview = client.get(f"/api/invitations/{token}")
    assert preview.status_code == 200
    assert preview.get_json() | {"expires_at": None} == {
        "workspace": "X-Team",
        "role": "viewer",
        "email": guest,
        "invited_by": owner_email,
        "expires_at": None,
    }
    pending = client.get("/api/tenants/x-team/invitations", headers=owner).get_json()["items"]
    assert [(i["email"], i["role"]) for i in pending] == [(guest, "viewer")]

    # The invitee signs up with that address, then accepts.
    register(client, guest)
    confirm(client, guest)
    headers = bearer(sign_in(client, guest))
    joined = client.post(f"/api/invitations/{token}/accept", headers=headers)
    assert joined.status_code == 200, joined.get_json()
    assert joined.get_json()["slug"] == "x-team" and joined.get_json()["role"] == "viewer"
    assert _members(client, "x-team", headers) == {owner_email: "owner", guest: "viewer"}
    assert client.get("/api/tenants/x-team/invitations", headers=owner).get_json()["items"] == []


def test_invitation_edge_cases_change_nothing(app, client):
    _, owner = _workspace(client, "x-edges")
    guest_email, guest = _person(client, "guest")
    stranger_email, stranger = _person(client, "stranger")
    members_before = db.session.scalar(select(func.count()).select_from(Membership))

    # For another address.
    _invite(client, "x-edges", owner, guest_email)
    token = _link(guest_email)
    other = client.post(f"/api/invitations/{token}/accept", headers=stranger)
    assert other.status_code == 403 and guest_email in other.get_json()["detail"]
    # Unknown link.
    assert client.post("/api/invitations/not-a-token/accept", headers=guest).status_code == 404
    assert client.get("/api/invitations/not-a-token").status_code == 404
    # Expired.
    clock.travel(timedelta(days=8))
    late_headers = bearer(sign_in(client, guest_email))
    expired = client.post(f"/api/invitations/{token}/accept", headers=late_headers)
    assert expired.status_code == 410 and "expired" in expired.get_json()["detail"]
    clock.reset()
    # Used: the second time.
    _invite(client, "x-edges", owner, guest_email)
    token = _link(guest_email)
    assert client.post(f"/api/invitations/{token}/accept", headers=guest).status_code == 200
    used = client.post(f"/api/invitations/{token}/accept", headers=guest)
    assert used.status_code == 410 and "used" in used.get_json()["detail"]
    # Withdrawn, and replaced by a new invitation to the same address.
    _invite(client, "x-edges", owner, stranger_email)
    first = _link(stranger_email)
    _invite(client, "x-edges", owner, stranger_email, "viewer")
    second = _link(stranger_email)
    assert client.post(f"/api/invitations/{first}/accept", headers=stranger).status_code == 410
    [pending] = client.get("/api/tenants/x-edges/invitations", headers=owner).get_json()["items"]
    gone = client.delete(f"/api/tenants/x-edges/invitations/{pending['id']}", headers=owner)
    assert gone.status_code == 204
    withdrawn = client.post(f"/api/invitations/{second}/accept", headers=stranger)
    assert withdrawn.status_code == 410 and "withdrawn" in withdrawn.get_json()["detail"]
    # To a workspace deleted since.
    _, owner2 = _workspace(client, "x-doomed")
    _invite(client, "x-doomed", owner2, stranger_email)
    doomed = _link(stranger_email)
    db.session.execute(text("DELETE FROM tenants WHERE slug = 'x-doomed'"))
    db.session.commit()
    assert client.post(f"/api/invitations/{doomed}/accept", headers=stranger).status_code == 404

    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Membership)) == members_before + 1  # the guest


def test_inviting_a_member_or_a_bad_address_is_refused(client):
    owner_email, owner = _workspace(client, "x-invites")
    already = _invite(client, "x-invites", owner, owner_email, status=422)
    assert already["errors"] == {"email": ["This person is a member already."]}
    bad = _invite(client, "x-invites", owner, "not an address", "editor", status=422)
    assert "email" in bad["errors"]
    role = _invite(client, "x-invites", owner, unique_email("x"), "boss", status=422)
    assert "role" in role["errors"]
    assert client.get("/api/tenants/x-invites/invitations", headers=owner).get_json()["items"] == []


def test_roles_change_and_a_workspace_keeps_an_owner(client):
    owner_email, owner = _workspace(client, "x-roles")
    admin_email, admin = _person(client, "admin")
    editor_email, editor = _person(client, "editor")
    add_member("x-roles", admin_email, "admin")
    add_member("x-roles", editor_email, "editor")
    owner_id, admin_id, editor_id = (_user_id(client, h) for h in (owner, admin, editor))

    # The only owner can neither step down nor leave.
    last = client.patch(f"/api/tenants/x-roles/members/{owner_id}", json={"role": "admin"}, headers=owner)
    assert last.status_code == 409 and "at least one owner" in last.get_json()["detail"]
    assert client.delete(f"/api/tenants/x-roles/members/{owner_id}", headers=owner).status_code == 409
    # An admin manages editors, but never owners.
    assert (
        client.patch(f"/api/tenants/x-roles/members/{editor_id}", json={"role": "viewer"}, headers=admin).status_code
        == 200
    )
    assert (
        client.patch(f"/api/tenants/x-roles/members/{editor_id}", json={"role": "owner"}, headers=admin).status_code
        == 403
    )
    assert client.delete(f"/api/tenants/x-roles/members/{owner_id}", headers=admin).status_code == 403
    _invite(client, "x-roles", admin, unique_email("boss"), "owner", status=403)
    # An editor (now a viewer) manages nobody, but may leave.
    assert (
        client.patch(f"/api/tenants/x-roles/members/{admin_id}", json={"role": "viewer"}, headers=editor).status_code
        == 403
    )
    assert client.get("/api/tenants/x-roles/invitations", headers=editor).status_code == 403
    # With a second owner, the first may step down.
    assert (
        client.patch(f"/api/tenants/x-roles/members/{admin_id}", json={"role": "owner"}, headers=owner).status_code
        == 200
    )
    assert (
        client.patch(f"/api/tenants/x-roles/members/{owner_id}", json={"role": "editor"}, headers=owner).status_code
        == 200
    )
    assert client.delete(f"/api/tenants/x-roles/members/{editor_id}", headers=editor).status_code == 204
    assert _members(client, "x-roles", admin) == {admin_email: "owner", owner_email: "editor"}
    # A non-member sees nothing.
    _, outsider = _person(client, "outsider")
    assert client.get("/api/tenants/x-roles/members", headers=outsider).status_code == 404
    assert (
        client.patch(f"/api/tenants/x-roles/members/{admin_id}", json={"role": "viewer"}, headers=outsider).status_code
        == 404
    )


def test_another_workspace_s_invitation_cannot_be_seen_or_withdrawn(client):
    _, owner_a = _workspace(client, "x-inv-a")
    _, owner_b = _workspace(client, "x-inv-b")
    invited = _invite(client, "x-inv-a", owner_a, unique_email("guest"))
    assert client.get("/api/tenants/x-inv-b/invitations", headers=owner_b).get_json()["items"] == []
    assert client.delete(f"/api/tenants/x-inv-b/invitations/{invited['id']}", headers=owner_b).status_code == 404
    assert client.delete(f"/api/tenants/x-inv-a/invitations/{invited['id']}", headers=owner_b).status_code == 404
    [still] = client.get("/api/tenants/x-inv-a/invitations", headers=owner_a).get_json()["items"]
    assert still["id"] == invited["id"]
