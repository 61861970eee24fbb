"""/api/tenants/<slug>/members and /invitations: who is in a workspace, with which role."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView
from flask_security import current_user

from core import db
from core.identity.access import MANAGE, READ, open_tenant
from core.identity.models import Membership, TenantRole, User
from core.web import BEARER, current_user_id, signed_in_person, signed_in_route, tenant_blueprint
from runtime.members import operations, queries
from runtime.members.schemas import (
    InvitationIn,
    InvitationList,
    InvitationOut,
    MemberList,
    MemberOut,
    RoleIn,
)

bp = tenant_blueprint("members", __name__, "", "Members of a workspace and invitations.")


def _member_out(membership: Membership, user: User) -> dict[str, Any]:
    return {
        "user_id": user.id,
        "email": user.email,
        "role": membership.role.value,
        "joined_at": membership.created_at,
        "you": user.id == current_user_id(),
    }


@signed_in_route(bp, "/members")
class Members(MethodView):
    @bp.response(200, MemberList)
    def get(self, slug: str) -> dict[str, Any]:
        """Everyone in the workspace, owners first (every member may see this)."""
        session = db.session()
        membership = open_tenant(session, slug, current_user_id(), READ)
        rows = queries.members(session, membership.tenant_id)
        return {"items": [_member_out(m, u) for m, u in rows]}


@signed_in_route(
    bp, "/members/<int:user_id>", guard=signed_in_person
)  # managing members is for people, never for API keys
class Member(MethodView):
    @bp.arguments(RoleIn)
    @bp.response(200, MemberOut)
    @bp.alt_response(409, description="It would leave the workspace without an owner.")
    def patch(self, body: dict[str, Any], slug: str, user_id: int) -> dict[str, Any]:
        """Change a member's role (owners; admins for admins, editors and viewers)."""
        session = db.session()
        actor = open_tenant(session, slug, current_user_id(), MANAGE)
        target = operations.change_role(session, actor, user_id, TenantRole(body["role"]))
        return _member_out(target, target.user)

    @bp.response(204)
    @bp.alt_response(409, description="It would leave the workspace without an owner.")
    def delete(self, slug: str, user_id: int) -> None:
        """Remove a member (owners; admins for non-owners), or leave the workspace (anyone, for oneself)."""
        session = db.session()
        actor = open_tenant(session, slug, current_user_id(), READ)
        operations.remove_member(session, actor, user_id)


@signed_in_route(bp, "/invitations", guard=signed_in_person)
class Invitations(MethodView):
    @bp.response(200, InvitationList)
    def get(self, slug: str) -> dict[str, Any]:
        """Pending invitations, newest first (owners and admins)."""
        session = db.session()
        open_tenant(session, slug, current_user_id(), MANAGE)
        return {"items": [operations.describe(i) for i in queries.pending_invitations(session)]}

    @bp.arguments(InvitationIn)
    @bp.response(201, InvitationOut)
    def post(self, body: dict[str, Any], slug: str) -> dict[str, Any]:
        """Email someone a link to join with a role; it works once, for 7 days. Inviting the same
        address again replaces the pending link."""
        session = db.session()
        actor = open_tenant(session, slug, current_user_id(), MANAGE)
        invitation = operations.invite(session, actor, current_user, body["email"], TenantRole(body["role"]))
        return operations.describe(invitation)


@bp.route("/invitations/<uuid:invitation_id>", methods=["DELETE"])
@bp.doc(security=BEARER)
@bp.response(204)
@signed_in_person
def withdraw(slug: str, invitation_id: uuid.UUID) -> None:
    """Withdraw a pending invitation: its link stops working."""
    session = db.session()
    actor = open_tenant(session, slug, current_user_id(), MANAGE)
    operations.revoke(session, actor, invitation_id)
