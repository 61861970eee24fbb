"""/api/invitations/<token>: what an invitation link offers, and accepting it."""

from __future__ import annotations

from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint

from core import db
from core.identity.models import User
from core.web import BEARER, signed_in
from runtime.members import operations
from runtime.members.schemas import InvitationPreview
from runtime.tenants.queries import tenant_view
from runtime.tenants.schemas import TenantOut

bp = Blueprint("invitations", __name__, url_prefix="/api/invitations", description="Accepting an invitation.")


@bp.route("/<token>")
@bp.response(200, InvitationPreview)
@bp.alt_response(404, description="No such invitation.")
@bp.alt_response(410, description="Used, expired or withdrawn.")
def preview(token: str) -> dict[str, Any]:
    """What an invitation link offers; anyone holding the link may see it."""
    session = db.session()
    invitation = operations.find(session, token)
    inviter = session.get(User, invitation.invited_by) if invitation.invited_by else None
    return {
        "workspace": invitation.tenant.name,
        "role": invitation.role.value,
        "email": invitation.email,
        "invited_by": inviter.email if inviter else None,
        "expires_at": invitation.expires_at,
    }


@bp.route("/<token>/accept", methods=["POST"])
@bp.doc(security=BEARER)
@bp.response(200, TenantOut)
@bp.alt_response(403, description="The invitation is for another email address.")
@bp.alt_response(410, description="Used, expired or withdrawn.")
@signed_in
def accept(token: str) -> dict[str, Any]:
    """Join the workspace: the signed-in user's address must be the one invited."""
    invitation, membership = operations.accept(db.session(), current_user, token)
    return tenant_view(invitation.tenant, membership.role)
