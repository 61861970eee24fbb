"""Who may do a transition: the tenant role it names (or a stronger one), the one member it names,
or the person in the record's user column it names (``field``); owners and admins may do a step a
record's person holds, and they alone when that column is empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.identity.models import Membership, TenantRole, User
from runtime.flows.models import InboxItem

ROLES = {role.value for role in TenantRole}
RANK = {TenantRole.VIEWER: 0, TenantRole.EDITOR: 1, TenantRole.ADMIN: 2, TenantRole.OWNER: 3}


def holder(item: InboxItem, data: Mapping[str, Any] | None) -> int | None:
    """The id of the person the record's column names for this step (``item.field``), if any."""
    if item.field is None or data is None:
        return None
    value = data.get(item.field)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def refusal(
    item: InboxItem,
    membership: Membership,
    user: User,
    data: Mapping[str, Any] | None = None,
    field_label: str | None = None,
) -> str | None:
    """Why this member may not do the step now, in plain words; None when they may.

    ``data`` is the record's values (needed when the step names a user column, ``item.field``),
    ``field_label`` that column's label."""
    if item.done_at is not None:
        return "This step is already done."
    if RANK[membership.role] < RANK[TenantRole.EDITOR]:
        return "Viewers can look at records but not move them."
    if item.role in ROLES and RANK[membership.role] < RANK[TenantRole(item.role)]:
        return f"Only a workspace {item.role} (or above) may do this step."
    if item.member is not None and item.member.lower() != user.email.lower():
        return f"Only {item.member} may do this step."
    if item.field is not None and RANK[membership.role] < RANK[TenantRole.ADMIN]:
        label = field_label or item.field
        person = holder(item, data)
        if person is None:
            return f"{label} is empty, so only an owner or admin may do this step."
        if person != user.id:
            return f"Only the person in {label} (or an owner or admin) may do this step."
    if item.assignee_id is not None and item.assignee_id != user.id:
        return "Someone else has claimed this step."
    return None
