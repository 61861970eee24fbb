"""Who may do a transition: the tenant role it names (or a stronger one), or the one member it names."""

from __future__ import annotations

from core.identity.models import Membership, TenantRole, User
from runtime.flows.models import InboxItem

ROLES = {role.value for role in TenantRole}
RANK = {TenantRole.VIEWER: 0, TenantRole.EDITOR: 1, TenantRole.ADMIN: 2, TenantRole.OWNER: 3}


def refusal(item: InboxItem, membership: Membership, user: User) -> str | None:
    """Why this member may not do the step now, in plain words; None when they may."""
    if item.done_at is not None:
        return "This step is already done."
    if RANK[membership.role] < RANK[TenantRole.EDITOR]:
        return "Viewers can look at records but not move them."
    if item.role in ROLES and RANK[membership.role] < RANK[TenantRole(item.role)]:
        return f"Only a workspace {item.role} (or above) may do this step."
    if item.member is not None and item.member.lower() != user.email.lower():
        return f"Only {item.member} may do this step."
    if item.assignee_id is not None and item.assignee_id != user.id:
        return "Someone else has claimed this step."
    return None
