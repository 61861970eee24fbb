"""A tenant's members and invitations. They flush; the request commits.

Who may do what: owners everything; admins invite, change and remove admins, editors and
viewers, but never make or touch an owner; anyone may leave. A tenant always keeps an owner:
the owners' rows are locked before that is checked, so two owners demoting each other at once
cannot both win.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Target, record, record_by_member
from core.db import set_tenant_scope
from core.errors import Conflict, Forbidden, Invalid, NotFound, Problem
from core.events import emit
from core.identity.access import refuse_superadmin
from core.identity.invitations import Invitation
from core.identity.models import Membership, Tenant, TenantRole, User
from runtime.mail.language import address_language
from runtime.mail.render import duration, send_email
from runtime.mail.texts import role_name

INVITATION_LIFETIME = timedelta(days=7)
LAST_OWNER = "A workspace keeps at least one owner: make someone else an owner first."
NOT_A_MEMBER = "This person is not a member of this workspace."
OWNERS_ONLY = "Only owners can make someone an owner or change an owner."
ALREADY_MEMBER = "This person is a member already."
NO_INVITATION = "This invitation link is not valid. Ask for a new invitation."
USED = "This invitation was used already. Ask for a new one if you still need to join."
EXPIRED = "This invitation has expired. Ask for a new one."
REVOKED = "This invitation was withdrawn. Ask for a new one if you still need to join."
OTHER_EMAIL = "This invitation is for {email}. Sign in with that address to accept it."


class Gone(Problem):
    """The link was good once: used, expired or withdrawn."""

    status = 410
    title = "Gone"


def _may_manage(actor: Membership, current: TenantRole | None, new: TenantRole | None) -> None:
    if actor.role == TenantRole.OWNER:
        return
    if actor.role != TenantRole.ADMIN:
        raise Forbidden(f"Your role ({actor.role.value}) cannot manage members in this workspace.")
    if TenantRole.OWNER in (current, new):
        raise Forbidden(OWNERS_ONLY)


def _member(db_session: Session, tenant_id: uuid.UUID, user_id: int) -> Membership:
    found = db_session.get(Membership, (tenant_id, user_id))
    if found is None:
        raise NotFound(NOT_A_MEMBER)
    return found


def _keep_an_owner(db_session: Session, target: Membership) -> None:
    """Refuse when ``target`` is the only owner left; locks the owners until the request ends."""
    if target.role != TenantRole.OWNER:
        return
    owners = db_session.scalars(
        select(Membership.user_id)
        .where(Membership.tenant_id == target.tenant_id, Membership.role == TenantRole.OWNER)
        .with_for_update()
    ).all()
    if len(owners) <= 1:
        raise Conflict(LAST_OWNER)


def change_role(db_session: Session, actor: Membership, user_id: int, role: TenantRole) -> Membership:
    target = _member(db_session, actor.tenant_id, user_id)
    _may_manage(actor, target.role, role)
    if target.role != role:
        if role != TenantRole.OWNER:
            _keep_an_owner(db_session, target)
        before = target.role
        target.role = role
        db_session.flush()
        _record_member(db_session, actor, "member.role_changed", target, {"from": before.value, "to": role.value})
    return target


def _record_member(
    db_session: Session, actor: Membership, action: str, target: Membership, details: dict[str, Any]
) -> None:
    record_by_member(db_session, actor, action, Target("user", target.user_id, target.user.email), details)


def remove_member(db_session: Session, actor: Membership, user_id: int) -> None:
    """Remove a member, or leave when it is the caller."""
    target = _member(db_session, actor.tenant_id, user_id)
    if user_id != actor.user_id:
        _may_manage(actor, target.role, None)
    _keep_an_owner(db_session, target)
    action = "member.left" if user_id == actor.user_id else "member.removed"
    _record_member(db_session, actor, action, target, {"role": target.role.value})
    db_session.delete(target)
    db_session.flush()
    member_event(
        db_session, "member.left", target, actor.user_id, reason="left" if action == "member.left" else "removed"
    )


def member_event(db_session: Session, type_: str, membership: Membership, user_id: int | None, **extra: Any) -> None:
    """``member.joined`` or ``member.left`` about ``membership``."""
    user = db_session.get(User, membership.user_id)
    member = {"user_id": membership.user_id, "email": user.email if user else None, "role": membership.role.value}
    emit(db_session, type_, membership.tenant_id, {"member": member, **extra}, user_id=user_id)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(db_session: Session, actor: Membership, inviter: User, email: str, role: TenantRole) -> Invitation:
    """Email ``email`` a link to join as ``role``; a pending invitation to it is replaced."""
    _may_manage(actor, None, role)
    address = email.strip()
    tenant = actor.tenant
    is_member = db_session.scalar(
        select(func.count())
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.tenant_id == tenant.id, func.lower(User.email) == address.lower())
    )
    if is_member:
        raise Invalid({"email": [ALREADY_MEMBER]})
    now = clock.now()
    db_session.execute(
        update(Invitation)
        .where(
            func.lower(Invitation.email) == address.lower(),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        tenant_id=tenant.id,
        email=address,
        role=role,
        token_digest=_digest(token),
        invited_by=inviter.id,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    db_session.add(invitation)
    try:
        with db_session.begin_nested():
            db_session.flush()
    except IntegrityError as exc:  # the same address invited twice at once: one wins
        raise Conflict("This address was just invited by someone else; see the pending invitations.") from exc
    _send(db_session, invitation, token, inviter, tenant)
    _record_invitation(db_session, actor, "invitation.sent", invitation)
    return invitation


def _record_invitation(db_session: Session, actor: Membership, action: str, invitation: Invitation) -> None:
    record(
        db_session,
        action,
        tenant_id=invitation.tenant_id,
        actor_id=actor.user_id,
        target=Target("invitation", invitation.id, invitation.email),
        details={"role": invitation.role.value},
    )


def _send(db_session: Session, invitation: Invitation, token: str, inviter: User, tenant: Tenant) -> None:
    # The recipient may have no account yet: then the workspace's language is the best guess.
    language = address_language(db_session, invitation.email, tenant)
    send_email(
        invitation.email,
        language,
        "invitation",
        email=invitation.email,
        inviter=inviter.email,
        workspace=tenant.name,
        role=role_name(language, invitation.role.value),
        invitation_link=f"{current_app.config['LOOM'].base_url}/invitations/{token}",
        invitation_within=duration(INVITATION_LIFETIME, language),
    )


def revoke(db_session: Session, actor: Membership, invitation_id: uuid.UUID) -> None:
    invitation = db_session.get(Invitation, invitation_id)
    if invitation is None or invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise NotFound("There is no such pending invitation.")
    _may_manage(actor, None, invitation.role)
    invitation.revoked_at = clock.now()
    db_session.flush()
    _record_invitation(db_session, actor, "invitation.withdrawn", invitation)


def find(db_session: Session, token: str) -> Invitation:
    """The invitation a link names, in any tenant (the token is the key); 404/410 when unusable."""
    invitation = db_session.scalars(
        select(Invitation).where(Invitation.token_digest == _digest(token)).execution_options(all_tenants=True)
    ).first()
    if invitation is None:
        raise NotFound(NO_INVITATION)
    if invitation.accepted_at is not None:
        raise Gone(USED)
    if invitation.revoked_at is not None:
        raise Gone(REVOKED)
    if invitation.expires_at <= clock.now():
        raise Gone(EXPIRED)
    return invitation


def accept(db_session: Session, user: User, token: str) -> tuple[Invitation, Membership]:
    """Join the tenant, if the invitation is for the signed-in user's address."""
    refuse_superadmin(user)
    invitation = find(db_session, token)
    set_tenant_scope(db_session, invitation.tenant_id)
    if invitation.email.strip().lower() != user.email.strip().lower():
        raise Forbidden(OTHER_EMAIL.format(email=invitation.email))
    # Two tabs accepting at once: the row lock makes the second one see it used.
    db_session.refresh(invitation, with_for_update=True)
    if invitation.accepted_at is not None:
        raise Gone(USED)
    membership = db_session.get(Membership, (invitation.tenant_id, user.id))
    if membership is None:
        membership = Membership(tenant_id=invitation.tenant_id, user_id=user.id, role=invitation.role)
        db_session.add(membership)
    invitation.accepted_at = clock.now()
    invitation.accepted_by = user.id
    db_session.flush()
    _record_member(db_session, membership, "member.joined", membership, {"role": membership.role.value})
    member_event(db_session, "member.joined", membership, user.id, via="invitation")
    return invitation, membership


def describe(invitation: Invitation) -> dict[str, Any]:
    return {
        "id": invitation.id,
        "email": invitation.email,
        "role": invitation.role.value,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }
